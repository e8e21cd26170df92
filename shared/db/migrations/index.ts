import type { Migration } from '../migrate.js';
import { migration0001 } from './0001_foundation.js';
import { migration0200 } from './0200_sync_office.js';
import { migration0210 } from './0210_reviews_attachments.js';
import { migration0250 } from './0250_sync_item_errors.js';
import { migration0300 } from './0300_plans.js';
import { migration0400 } from './0400_awards.js';
import { migration0410 } from './0410_authority.js';
import { migration0420 } from './0420_register_retirement.js';

/**
 * Every migration, in order. Numbering ranges keep features apart:
 * 0001–0099 foundation, 0100–0199 durability, 0200–0299 sync and hub,
 * 0300–0399 plans, 0400–0499 awards and certificates. Hub-only tables are
 * in `hubMigrations` (sync feature).
 */
export const officeMigrations: readonly Migration[] = [migration0001, migration0200, migration0210, migration0250, migration0300, migration0400, migration0410, migration0420];
