import type { Database } from '../../shared/db/port.js';
import { officeMigrations } from '../../shared/db/migrations/index.js';
import { hubMigrations } from '../../shared/db/migrations/hub/index.js';
import { TABLES, type TableSpec } from '../../shared/db/tables.js';
import { DurableStore } from '../durability/durable-store.js';
import type { DurabilitySink, Logger } from '../store/deps.js';
import { openPGlite } from '../store/pglite-database.js';
import { openPostgres } from '../store/pg-database.js';

/**
 * The hub's database, durable before it acknowledges. PGlite never fsyncs,
 * so a PGlite hub with a data folder runs behind the office's journal
 * (electron/durability, DurableStore): each group commit journals its rows
 * and cursors with one fdatasync before any office hears its cursor, and an
 * open replays what the database lost. PostgreSQL is durable by itself as
 * long as synchronous_commit is on (checked and logged at open).
 */
export interface HubDatabase {
  db: Database;
  /** Null on PostgreSQL and on an in-memory PGlite (tests). */
  durability: DurabilitySink | null;
  durable: DurableStore | null;
  dialect: 'pglite' | 'postgres';
  /** After HubCore.open: brings cursors and the feed up to what the journal replayed. */
  reconcile(hubUnitId: string): Promise<void>;
  close(): Promise<void>;
}

export async function openHubDatabase(opts: { dataDir?: string; databaseUrl?: string; logger: Logger; clock?: () => Date }): Promise<HubDatabase> {
  const clock = opts.clock ?? (() => new Date());
  if (opts.databaseUrl) {
    const db = openPostgres(opts.databaseUrl, 10);
    const sc = (await db.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit ?? '?';
    const fsync = (await db.query<{ fsync: string }>('SHOW fsync')).rows[0]?.fsync ?? '?';
    if (sc === 'off' || fsync === 'off') opts.logger.warn('PostgreSQL does not wait for the disk: acknowledged uploads can be lost in a power cut', { synchronous_commit: sc, fsync });
    else opts.logger.info('PostgreSQL durability', { synchronous_commit: sc, fsync });
    return { db, durability: null, durable: null, dialect: 'postgres', reconcile: async () => undefined, close: () => db.close() };
  }
  if (!opts.dataDir) {
    const db = await openPGlite({});
    return { db, durability: null, durable: null, dialect: 'pglite', reconcile: async () => undefined, close: () => db.close() };
  }
  const durable = await DurableStore.open({ dataDir: opts.dataDir, migrations: [...officeMigrations, ...hubMigrations], logger: opts.logger, clock });
  const replayed = durable.report.replay.replayed;
  if (durable.report.recovered || replayed > 0) opts.logger.warn('hub database recovered from its journal', { recovered: durable.report.recovered, replayed, problem: durable.report.problem });
  return {
    db: durable.db,
    durability: durable.sink,
    durable,
    dialect: 'pglite',
    reconcile: async (hubUnitId) => {
      await restoreCursors(durable.db);
      if (replayed > 0) await refillFeed(durable.db, hubUnitId);
    },
    close: () => durable.close(),
  };
}

/** The journal replays hub_upload_marks; the cursors the hub answers from are in hub_devices. */
export async function restoreCursors(db: Database): Promise<void> {
  await db.query('UPDATE hub_devices d SET upload_cursor = m.version, last_n = GREATEST(d.last_n, m.n) FROM hub_upload_marks m WHERE m.id = d.id AND m.version > d.upload_cursor');
}

/**
 * Rows the journal wrote back have no feed entry yet (the feed is derived):
 * every office-owned row whose feed entry is missing or older gets one, as
 * an upload would have made it. Rows the province owns come back through
 * their replayed outbox entries and the pump.
 */
export async function refillFeed(db: Database, hubUnitId: string): Promise<number> {
  let n = 0;
  const existing = new Set((await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.t));
  for (const [table, spec] of Object.entries(TABLES) as [string, TableSpec][]) {
    if (spec.local || !existing.has(table)) continue;
    const r = await db.query(
      `INSERT INTO sync_feed (table_name, row_id, owner_unit_id, audience_unit_id, version, op, payload)
       SELECT $1, t.id, t.owner_unit_id, t.owner_unit_id, t.version, CASE WHEN t.version > 1 THEN 'update' ELSE 'insert' END,
              (SELECT jsonb_object_agg(e.key, e.value) FROM jsonb_each(to_jsonb(t)) AS e WHERE e.key = ANY($2::text[]))
         FROM ${table} t LEFT JOIN sync_feed f ON f.table_name = $1 AND f.row_id = t.id
        WHERE t.owner_unit_id <> $3 AND (f.row_id IS NULL OR f.version < t.version)
       ON CONFLICT (table_name, row_id) DO UPDATE SET seq = DEFAULT, owner_unit_id = EXCLUDED.owner_unit_id, audience_unit_id = EXCLUDED.audience_unit_id,
              version = EXCLUDED.version, op = EXCLUDED.op, payload = EXCLUDED.payload
       RETURNING seq`,
      [table, [...spec.columns], hubUnitId],
    );
    n += r.rows.length;
  }
  return n;
}
