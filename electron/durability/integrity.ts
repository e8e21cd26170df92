import type { Queryable } from '../../shared/db/port.js';
import { userTables } from './content-hash.js';

/** System catalogs every later step reads (replay, migrations): a torn catalog page fails here rather than halfway through. */
const CATALOGS = ['pg_catalog.pg_class', 'pg_catalog.pg_attribute', 'pg_catalog.pg_type', 'pg_catalog.pg_proc', 'pg_catalog.pg_index', 'pg_catalog.pg_namespace', 'pg_catalog.pg_constraint', 'pg_catalog.pg_trigger'];

export interface IntegrityResult {
  ok: boolean;
  problems: string[];
}

/**
 * Cheap checks that a database opened after a dirty stop is whole: the
 * migration table reads, every table reads end to end (a sequential scan
 * touches every heap page, so a torn page header fails here), and each
 * table's row count through its primary-key index equals the count from the
 * heap — for the office's tables and the main system catalogs (a lost index or heap page after a power cut shows as a mismatch).
 */
export async function checkIntegrity(db: Queryable): Promise<IntegrityResult> {
  const problems: string[] = [];
  try {
    await db.query('SELECT id FROM schema_migrations');
  } catch (error) {
    return { ok: false, problems: [`schema_migrations: ${String(error)}`] };
  }
  for (const t of [...(await userTables(db)).map((x) => `"${x}"`), ...CATALOGS]) {
    try {
      const heap = await countWith(db, t, 'SET LOCAL enable_indexscan = off; SET LOCAL enable_indexonlyscan = off; SET LOCAL enable_bitmapscan = off;');
      const index = await countWith(db, t, 'SET LOCAL enable_seqscan = off;');
      if (heap !== index) problems.push(`${t}: ${heap} rows in the table but ${index} through its index`);
    } catch (error) {
      problems.push(`${t}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return { ok: problems.length === 0, problems };
}

async function countWith(db: Queryable, table: string, settings: string): Promise<number> {
  await db.exec(`BEGIN; ${settings}`);
  try {
    const r = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
    return r.rows[0]?.n ?? -1;
  } finally {
    await db.exec('COMMIT');
  }
}
