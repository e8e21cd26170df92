import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPostgres } from '../../electron/store/pg-database.js';
import type { Database } from '../../shared/db/port.js';

/**
 * PostgreSQL for the tests. The server comes from TEST_DATABASE_URL (CI runs
 * `npm run pg:start` and exports it) or, when unset, from
 * scripts/pg-test-server.sh, started here on first need and left running for
 * the next test run (`npm run pg:stop` stops it). Each test file gets its own
 * database, created fresh and dropped after, so files run in parallel.
 */
export type PostgresServer = { available: true; url: string } | { available: false; reason: string };

function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

async function reachable(url: string): Promise<string | null> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => undefined);
  }
}

export async function postgresServer(): Promise<PostgresServer> {
  const given = process.env.TEST_DATABASE_URL;
  if (given) {
    const problem = await reachable(given);
    return problem ? { available: false, reason: `TEST_DATABASE_URL is set but cannot be reached (${problem})` } : { available: true, url: given };
  }
  let out: string;
  try {
    out = execFileSync('bash', ['scripts/pg-test-server.sh', 'start'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 60_000 });
  } catch (error) {
    const stderr = (error as { stderr?: string }).stderr?.trim();
    return { available: false, reason: `TEST_DATABASE_URL unset and scripts/pg-test-server.sh could not start PostgreSQL 15 (${stderr || String(error)})` };
  }
  const url = /DATABASE_URL=(\S+)/u.exec(out)?.[1];
  if (!url) return { available: false, reason: `scripts/pg-test-server.sh printed no DATABASE_URL: ${out}` };
  const problem = await reachable(url);
  return problem ? { available: false, reason: `started PostgreSQL cannot be reached (${problem})` } : { available: true, url };
}

export interface FreshDatabase {
  url: string;
  name: string;
  database: Database;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/** A new empty database (t_<random>) on the server, opened through the app's own PostgreSQL adapter. */
export async function freshPostgresDatabase(serverUrl: string): Promise<FreshDatabase> {
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 ENCODING 'UTF8'`);
  } finally {
    await admin.end();
  }
  const url = withDatabase(serverUrl, name);
  const database = openPostgres(url, 4);
  let dropped = false;
  return {
    url,
    name,
    database,
    async drop() {
      if (dropped) return;
      dropped = true;
      await database.close().catch(() => undefined);
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}
