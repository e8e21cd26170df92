import type { TableSpec } from '../db/tables.js';

const rowMeta = ['id', 'owner_unit_id', 'version', 'created_at', 'updated_at', 'updated_by'] as const;

/** Reviews and attachments (migration 0210), merged into TABLES. */
export const REVIEW_TABLES = {
  submission_reviews: {
    columns: [...rowMeta, 'target_unit_id', 'subject_table', 'subject_id', 'subject_version', 'subject_label', 'status', 'comment', 'reviewer_name', 'reviewed_on'],
    local: false,
  },
  attachments: {
    columns: [...rowMeta, 'subject_table', 'subject_id', 'target_unit_id', 'sha256', 'size', 'file_name', 'media_type', 'status'],
    local: false,
  },
} satisfies Record<string, TableSpec>;
