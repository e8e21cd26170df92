import type { Migration } from '../migrate.js';

/**
 * Sync tables present on every store (office and hub run the same
 * migrations): attachments as content-addressed blobs stored in chunks, and
 * the log of sync attempts the office's screen shows. The hub-only tables
 * (devices, codes, cursors, feed) are in hub/.
 */
export const migration0200: Migration = {
  id: '0200_sync_office',
  sql: `
CREATE TABLE sync_blobs (
  sha256 text PRIMARY KEY,
  size bigint NOT NULL,
  chunk_count integer NOT NULL,
  complete boolean NOT NULL DEFAULT false,
  -- office: true once the hub has all chunks; hub: unused
  uploaded boolean NOT NULL DEFAULT false,
  -- office: the user chose to send it later (better link or USB)
  deferred boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE sync_chunks (
  sha256 text NOT NULL,
  idx integer NOT NULL,
  data bytea NOT NULL,
  PRIMARY KEY (sha256, idx)
);

CREATE TABLE sync_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  channel text NOT NULL,
  outcome text NOT NULL,
  bytes_sent bigint NOT NULL DEFAULT 0,
  bytes_received bigint NOT NULL DEFAULT 0,
  requests integer NOT NULL DEFAULT 0,
  ms integer NOT NULL DEFAULT 0,
  pushed integer NOT NULL DEFAULT 0,
  pulled integer NOT NULL DEFAULT 0,
  error_code text,
  message text
);

-- Answers from the hub already applied (a USB answer imported twice is a no-op).
CREATE TABLE sync_seen (
  sender text NOT NULL,
  n bigint NOT NULL,
  at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (sender, n)
);
`,
};
