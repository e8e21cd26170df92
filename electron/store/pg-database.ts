import pg from 'pg';
import type { Database, Queryable, QueryResult, SqlParam } from '../../shared/db/port.js';
import { typeParsers } from './pglite-database.js';

function wrapClient(client: pg.ClientBase | pg.Pool, types: pg.CustomTypesConfig): Queryable {
  return {
    async query<R>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<R>> {
      const r = await client.query({ text: sql, values: (params ?? []) as unknown[], types });
      return { rows: r.rows as R[], affectedRows: r.rowCount ?? 0 };
    },
    async exec(sql: string) {
      await client.query(sql);
    },
  };
}

/** PostgreSQL through a pool, for a hub that outgrows one embedded database. */
export function openPostgres(connectionString: string, poolSize = 10): Database & { pool: pg.Pool } {
  const pool = new pg.Pool({ connectionString, max: poolSize });
  const types: pg.CustomTypesConfig = {
    getTypeParser: ((oid: number, format?: string) => {
      const custom = (typeParsers as Record<number, (v: string) => unknown>)[oid];
      return custom ?? pg.types.getTypeParser(oid, format as 'text');
    }) as pg.CustomTypesConfig['getTypeParser'],
  };
  const base = wrapClient(pool, types);
  return {
    dialect: 'postgres',
    pool,
    query: base.query,
    exec: base.exec,
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const result = await fn(wrapClient(client, types));
        await client.query('COMMIT');
        return result;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}
