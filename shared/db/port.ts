/**
 * The database behind a port. PGlite (office, hub default) and PostgreSQL
 * (hub at scale) both implement it; nothing above this line knows which.
 */
export type SqlParam = string | number | boolean | null | readonly unknown[] | Record<string, unknown>;

export interface QueryResult<R> {
  rows: R[];
  affectedRows?: number;
}

export interface Queryable {
  query<R = Record<string, unknown>>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<R>>;
  /** Several statements without parameters (migrations). */
  exec(sql: string): Promise<void>;
}

export interface Database extends Queryable {
  readonly dialect: 'pglite' | 'postgres';
  /** Runs fn in one transaction; commits when it resolves, rolls back when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}
