import { createHash } from 'node:crypto';
import type { Queryable } from '../../shared/db/port.js';

/** Settings that describe this device, not the office's data: left out of the content hash. */
export const DEVICE_LOCAL_SETTINGS = ['last_backup_at', 'recovery_notice'] as const;

export async function userTables(db: Queryable): Promise<string[]> {
  const r = await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename");
  return r.rows.map((x) => x.t);
}

async function primaryKey(db: Queryable, table: string): Promise<string[]> {
  const r = await db.query<{ col: string }>(
    `SELECT a.attname AS col FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey)
     WHERE i.indrelid = $1::regclass AND i.indisprimary ORDER BY array_position(i.indkey::int2[], a.attnum)`,
    [`public.${table}`],
  );
  return r.rows.map((x) => x.col);
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/gu, '""')}"`;
}

/**
 * A hash of everything the office holds: each table's rows as PostgreSQL's
 * own JSON text, ordered by primary key, tables by name. Two stores with
 * equal hashes hold the same data. Device-local settings are excluded.
 */
export async function contentHash(db: Queryable): Promise<{ hash: string; tables: Record<string, number> }> {
  const hash = createHash('sha256');
  const tables: Record<string, number> = {};
  for (const t of await userTables(db)) {
    const pk = await primaryKey(db, t);
    const order = pk.length > 0 ? pk.map(quoteIdent).join(', ') : 'j';
    const where = t === 'settings' ? `WHERE key NOT IN (${DEVICE_LOCAL_SETTINGS.map((k) => `'${k}'`).join(', ')})` : '';
    const r = await db.query<{ j: string }>(`SELECT row_to_json(x)::text AS j FROM ${quoteIdent(t)} x ${where} ORDER BY ${order}`);
    hash.update(`\u0000table ${t}\n`);
    for (const row of r.rows) hash.update(`${row.j}\n`);
    tables[t] = r.rows.length;
  }
  return { hash: hash.digest('hex'), tables };
}
