import { tableSpec } from '../db/tables.js';

/**
 * Which rows travel and to whom. Synced tables are the non-local tables of
 * the TABLES registry. A row the hub's unit owns (plans, criteria, deadlines,
 * reviews, decisions) goes to the office named in its first audience column
 * present, or to every office when it names none. An office's own rows go
 * back to it only when it restores after re-enrolment.
 */
export const AUDIENCE_COLUMNS = ['audience_unit_id', 'target_unit_id', 'recipient_unit_id', 'subject_unit_id'] as const;

export function isSyncedTable(table: string): boolean {
  const spec = tableSpec(table);
  return spec !== undefined && !spec.local;
}

/** The office a hub-authored row is for, or null for all offices. */
export function audienceOf(row: Record<string, unknown>): string | null {
  for (const c of AUDIENCE_COLUMNS) {
    const v = row[c];
    if (typeof v === 'string' && v.length > 0) return v;
  }
  return null;
}

/** The columns of a row that may be written by the sync apply path (the registry's columns only). */
export function writableColumns(table: string, row: Record<string, unknown>): string[] {
  const spec = tableSpec(table);
  if (!spec) return [];
  return spec.columns.filter((c) => Object.prototype.hasOwnProperty.call(row, c));
}
