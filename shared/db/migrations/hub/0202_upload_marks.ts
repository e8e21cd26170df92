import type { Migration } from '../../migrate.js';

/**
 * Each device's upload cursor as a row the office journal can replay
 * (id = device, version = cursor): a PGlite hub journals it with the rows of
 * each group commit, and after a lost database tail the cursor is restored
 * from here into hub_devices (electron/sync/hub-durability.ts).
 */
export const hubMigration0202: Migration = {
  id: 'hub/0202_upload_marks',
  sql: `
CREATE TABLE hub_upload_marks (
  id text PRIMARY KEY,
  version bigint NOT NULL,
  n bigint NOT NULL DEFAULT 0
);
`,
};
