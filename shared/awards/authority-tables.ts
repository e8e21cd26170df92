import type { TableSpec } from '../db/tables.js';

/** Authority rules for the mutation layer (merged into TABLES in shared/db/tables.ts). */
export const AUTHORITY_TABLES = {
  award_authority_rules: {
    columns: ['id', 'owner_unit_id', 'version', 'created_at', 'updated_at', 'updated_by', 'code', 'authorities', 'award_codes', 'valid_from', 'valid_to', 'local_issue', 'source', 'confidence', 'note', 'configurable', 'enabled'],
    local: false,
  },
} satisfies Record<string, TableSpec>;
