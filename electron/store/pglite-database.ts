import { PGlite } from '@electric-sql/pglite';
import type { Database, Queryable, QueryResult, SqlParam } from '../../shared/db/port.js';

/**
 * Type parsers shared by both adapters: dates stay ISO strings (no time-zone
 * drift), timestamps become ISO strings, int8 becomes a number.
 */
const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;
const INT8_OID = 20;
export const typeParsers = {
  [DATE_OID]: (value: string) => value,
  [TIMESTAMPTZ_OID]: (value: string) => new Date(value.replace(' ', 'T').replace(/([+-]\d{2})$/u, '$1:00')).toISOString(),
  [INT8_OID]: (value: string) => Number(value),
};

function wrap(q: Pick<PGlite, 'query' | 'exec'>): Queryable {
  return {
    async query<R>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<R>> {
      const r = await q.query<R>(sql, params as unknown[] | undefined);
      return r.affectedRows === undefined ? { rows: r.rows } : { rows: r.rows, affectedRows: r.affectedRows };
    },
    async exec(sql: string) {
      await q.exec(sql);
    },
  };
}

export interface PGliteOpenOptions {
  /** A folder on disk; omit for an in-memory database (tests). */
  dataDir?: string;
  /** A tarball from dumpDataDir, to start from a prepared database (fast fixtures). */
  loadDataDir?: Blob;
}

export async function openPGlite(options: PGliteOpenOptions = {}): Promise<Database & { pglite: PGlite }> {
  const pglite = await PGlite.create({
    ...(options.dataDir ? { dataDir: options.dataDir } : {}),
    ...(options.loadDataDir ? { loadDataDir: options.loadDataDir } : {}),
    parsers: typeParsers,
  });
  const base = wrap(pglite);
  return {
    dialect: 'pglite',
    pglite,
    query: base.query,
    exec: base.exec,
    transaction: (fn) => pglite.transaction((tx) => fn(wrap(tx))),
    close: () => pglite.close(),
  };
}
