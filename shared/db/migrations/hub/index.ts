import type { Migration } from '../../migrate.js';
import { hubMigration0201 } from './0201_hub.js';

/** Hub-only migrations, applied after officeMigrations on the hub's database. */
export const hubMigrations: readonly Migration[] = [hubMigration0201];
