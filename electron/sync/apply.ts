import type { Queryable, SqlParam } from '../../shared/db/port.js';
import { tableSpec } from '../../shared/db/tables.js';
import type { Entry } from '../../shared/sync/protocol.js';
import { isSyncedTable, writableColumns } from '../../shared/sync/scope.js';
import { MSG, SyncError } from './errors.js';

/** Column data types per table, read once from information_schema (jsonb needs a cast, arrays stay arrays). */
export class ColumnTypes {
  private readonly cache = new Map<string, Map<string, string>>();

  async of(db: Queryable, table: string): Promise<Map<string, string>> {
    const hit = this.cache.get(table);
    if (hit) return hit;
    const r = await db.query<{ column_name: string; data_type: string }>(
      "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $1 AND table_schema = current_schema()",
      [table],
    );
    const map = new Map(r.rows.map((c) => [c.column_name, c.data_type]));
    this.cache.set(table, map);
    return map;
  }
}

function bad(detail: string): SyncError {
  // The detail names the table/column for the logs; the message stays the generic Vietnamese one.
  const e = new SyncError('bad_request', MSG.badRequest);
  (e as SyncError & { detail?: string }).detail = detail;
  return e;
}

function param(type: string | undefined, value: unknown, where: string): { sql: string; value: SqlParam } {
  if (type === 'jsonb' || type === 'json') return { sql: '::jsonb', value: value === undefined ? null : JSON.stringify(value) };
  if (value === null || value === undefined) return { sql: '', value: null };
  if (type === 'ARRAY') {
    if (!Array.isArray(value)) throw bad(`${where}: expected array`);
    return { sql: '', value: value as readonly unknown[] };
  }
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return { sql: '', value };
  throw bad(`${where}: unexpected value type`);
}

export interface UpsertResult {
  /** 'applied' when the incoming version was newer; 'stale' when the store already had it or newer. */
  outcome: 'applied' | 'stale';
  existingOwner: string | null;
}

/**
 * The sync apply path: upsert by id only when the incoming version is
 * newer. It writes no outbox entry (the row came from elsewhere) and names
 * columns only from the TABLES registry, so nothing received becomes SQL.
 */
export async function upsertRow(tx: Queryable, types: ColumnTypes, entry: Entry, requireOwner?: string): Promise<UpsertResult> {
  const { table, row } = entry;
  const spec = tableSpec(table);
  if (!spec || !isSyncedTable(table)) throw bad(`table ${table} not synced`);
  if (row.id !== entry.id || row.owner_unit_id !== entry.owner || row.version !== entry.version) throw bad(`${table}/${entry.id}: header and row disagree`);
  for (const key of Object.keys(row)) if (!spec.columns.includes(key)) throw bad(`${table}.${key}: unknown column`);
  const cols = writableColumns(table, row);
  const colTypes = await types.of(tx, table);
  const existing = (await tx.query<{ version: number; owner_unit_id: string }>(`SELECT version, owner_unit_id FROM ${table} WHERE id = $1`, [entry.id])).rows[0];
  if (requireOwner !== undefined && (entry.owner !== requireOwner || (existing && existing.owner_unit_id !== requireOwner))) {
    throw new SyncError('scope', MSG.scope);
  }
  if (existing && Number(existing.version) >= entry.version) return { outcome: 'stale', existingOwner: existing.owner_unit_id };
  const params: SqlParam[] = [];
  const placeholders = cols.map((c) => {
    const p = param(colTypes.get(c), row[c], `${table}.${c}`);
    params.push(p.value);
    return `$${params.length}${p.sql}`;
  });
  if (existing) {
    // Every parameter is referenced (id sets itself) so both drivers can type each one.
    const sets = cols.map((c, i) => `${c} = ${placeholders[i] ?? 'NULL'}`);
    params.push(entry.id);
    await tx.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $${params.length}`, params);
  } else {
    await tx.query(`INSERT INTO ${table} (${cols.join(', ')}) VALUES (${placeholders.join(', ')})`, params);
  }
  return { outcome: 'applied', existingOwner: existing?.owner_unit_id ?? null };
}

/** PostgreSQL error classes caused by the data itself (bad dates, checks, references): a refusal, not a crash. */
export function isDataError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && /^(22|23|42804|42703)/u.test(code);
}
