import type { Migration } from '../../migrate.js';
import { hubMigration0201 } from './0201_hub.js';
import { hubMigration0202 } from './0202_upload_marks.js';

/** Hub-only migrations, applied after officeMigrations on the hub's database. */
export const hubMigrations: readonly Migration[] = [hubMigration0201, hubMigration0202];
