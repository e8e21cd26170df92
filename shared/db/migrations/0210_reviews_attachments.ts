import type { Migration } from '../migrate.js';

/**
 * Reviews and attachments, both synced through the hub.
 *
 * submission_reviews: the province's answer to something an office sent (a
 * plan, a decision): received, accepted, or returned with a reason. Owned by
 * the province, addressed to the office by target_unit_id (the feed's
 * audience column), one row per reviewed item (its id is derived from the
 * item), so the office always sees the latest answer; subject_version says
 * which version of the item was reviewed.
 *
 * attachments: a file attached to a row (a plan's signed PDF, a scanned
 * decision). The bytes live once, content-addressed, in sync_blobs /
 * sync_chunks; this row names them. It travels with the audience of the row
 * it is attached to, and the receiver fetches the chunks it lacks.
 */
export const migration0210: Migration = {
  id: '0210_reviews_attachments',
  sql: `
CREATE TABLE submission_reviews (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  target_unit_id text NOT NULL,
  subject_table text NOT NULL,
  subject_id text NOT NULL,
  subject_version integer NOT NULL,
  subject_label text NOT NULL,
  status text NOT NULL,
  comment text,
  reviewer_name text NOT NULL,
  reviewed_on date NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  CHECK (status IN ('received', 'accepted', 'returned')),
  CHECK (status <> 'returned' OR (comment IS NOT NULL AND comment <> ''))
);
CREATE INDEX submission_reviews_subject_idx ON submission_reviews(subject_table, subject_id);
CREATE INDEX submission_reviews_target_idx ON submission_reviews(target_unit_id);

CREATE TABLE attachments (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  subject_table text NOT NULL,
  subject_id text NOT NULL,
  target_unit_id text,
  sha256 text NOT NULL,
  size bigint NOT NULL CHECK (size >= 0),
  file_name text NOT NULL,
  media_type text NOT NULL,
  status text NOT NULL DEFAULT 'active',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  CHECK (status IN ('active', 'removed')),
  CHECK (sha256 ~ '^[0-9a-f]{64}$')
);
CREATE INDEX attachments_subject_idx ON attachments(subject_table, subject_id);
CREATE INDEX attachments_sha_idx ON attachments(sha256);
`,
};
