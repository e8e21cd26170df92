/**
 * The tables that the mutation layer may write, with their columns. Column
 * names are checked against this list before any SQL is built, so nothing
 * typed by a user ever becomes an identifier. `local` tables stay on this
 * device (never in the outbox): user accounts carry password hashes.
 */
import { AWARD_TABLES } from '../awards/tables.js';
import { AUTHORITY_TABLES } from '../awards/authority-tables.js';
import { PLAN_TABLES } from '../plans/tables.js';
import { REVIEW_TABLES } from '../reviews/tables.js';

export interface TableSpec {
  columns: readonly string[];
  local: boolean;
}

const rowMeta = ['id', 'owner_unit_id', 'version', 'created_at', 'updated_at'] as const;

export const TABLES = {
  units: {
    columns: [...rowMeta, 'updated_by', 'parent_id', 'name', 'short_name', 'level', 'parent_name', 'province', 'place_name', 'valid_from', 'valid_to', 'status'],
    local: false,
  },
  people: {
    columns: [...rowMeta, 'updated_by', 'unit_id', 'full_name', 'gender', 'birth_date', 'position', 'staff_category', 'start_date', 'status', 'note', 'search_key'],
    local: false,
  },
  users: {
    columns: [...rowMeta, 'username', 'display_name', 'password_hash', 'role', 'active'],
    local: true,
  },
  ...AWARD_TABLES,
  ...AUTHORITY_TABLES,
  ...PLAN_TABLES,
  ...REVIEW_TABLES,
} satisfies Record<string, TableSpec>;

export type TableName = keyof typeof TABLES;

/** Features register their tables by extending this record in their own module and merging here. */
export function tableSpec(name: string): TableSpec | undefined {
  return (TABLES as Record<string, TableSpec>)[name];
}
