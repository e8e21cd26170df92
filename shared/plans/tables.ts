import type { TableSpec } from '../db/tables.js';

const rowMeta = ['id', 'owner_unit_id', 'version', 'created_at', 'updated_at', 'updated_by'] as const;

/** Plan tables the mutation layer may write (merged into TABLES). */
export const PLAN_TABLES = {
  plans: {
    columns: [...rowMeta, 'status', 'year', 'doc_year', 'number', 'symbol', 'summary', 'issuing_body', 'theme', 'parent_plan_id', 'revision_of', 'revision', 'source_unit_name', 'issued_at', 'content'],
    local: false,
  },
  plan_deadline_status: {
    columns: [...rowMeta, 'plan_id', 'deadline_id', 'done_on', 'note'],
    local: false,
  },
} satisfies Record<string, TableSpec>;
