import type { Migration } from '../../migrate.js';

/**
 * Hub-only tables: enrolment codes (stored as hashes, never in clear),
 * enrolled devices with their upload cursor, the messages already accepted
 * (replay and idempotency by (device, n)), and the download feed.
 */
export const hubMigration0201: Migration = {
  id: 'hub/0201_hub',
  sql: `
CREATE TABLE hub_codes (
  code_hash text PRIMARY KEY,
  unit_id text,
  unit_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by_device text,
  revoked boolean NOT NULL DEFAULT false
);

CREATE TABLE hub_devices (
  id text PRIMARY KEY,
  unit_id text NOT NULL,
  unit_name text NOT NULL,
  device_name text NOT NULL,
  public_key text NOT NULL,
  enrolled_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  last_seen_at timestamptz,
  upload_cursor bigint NOT NULL DEFAULT 0,
  last_n bigint NOT NULL DEFAULT 0
);
CREATE INDEX hub_devices_unit_idx ON hub_devices(unit_id);

CREATE TABLE hub_received (
  device_id text NOT NULL,
  n bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (device_id, n)
);

CREATE TABLE sync_feed (
  seq bigserial PRIMARY KEY,
  table_name text NOT NULL,
  row_id text NOT NULL,
  owner_unit_id text NOT NULL,
  audience_unit_id text,
  version integer NOT NULL,
  op text NOT NULL,
  payload jsonb NOT NULL,
  UNIQUE (table_name, row_id)
);
CREATE INDEX sync_feed_audience_idx ON sync_feed(audience_unit_id, seq);
CREATE INDEX sync_feed_owner_idx ON sync_feed(owner_unit_id, seq);

-- Numbers the hub's own signed answers; the hub's outbox rows already copied into the feed.
CREATE SEQUENCE hub_message_seq;
CREATE TABLE hub_pump (id integer PRIMARY KEY, outbox_seq bigint NOT NULL);
INSERT INTO hub_pump (id, outbox_seq) VALUES (1, 0);
`,
};
