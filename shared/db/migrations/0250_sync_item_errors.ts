import type { Migration } from '../migrate.js';

/**
 * Office: records and attachments the hub refused one by one (the rest of
 * their batch went through). Local to the device, never synced; a row goes
 * away when a newer version of the record is accepted or the user retries.
 */
export const migration0250: Migration = {
  id: '0250_sync_item_errors',
  sql: `
CREATE TABLE sync_item_errors (
  -- 'record:<table>:<id>' or 'attachment:<sha256>'
  key text PRIMARY KEY,
  kind text NOT NULL,
  table_name text,
  row_id text,
  version integer,
  sha256 text,
  code text NOT NULL,
  label text NOT NULL,
  detail text,
  at timestamptz NOT NULL DEFAULT now()
);
`,
};
