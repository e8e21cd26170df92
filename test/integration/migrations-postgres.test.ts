import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../shared/db/migrate.js';
import { officeMigrations } from '../../shared/db/migrations/index.js';
import { hubMigrations } from '../../shared/db/migrations/hub/index.js';
import type { Database } from '../../shared/db/port.js';
import { openPGlite } from '../../electron/store/pglite-database.js';
import { openStore } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { freshPostgresDatabase, postgresServer, type FreshDatabase } from '../support/postgres.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';

/**
 * The same migrations on PGlite (PostgreSQL 18 in WASM) and on Debian's
 * PostgreSQL 15: identical schemas, and the same store operations giving
 * identical rows of identical shapes on both.
 */
const server = await postgresServer();
const skipReason = server.available ? '' : ` (SKIPPED: PostgreSQL not available: ${server.reason})`;
if (!server.available) console.warn(`migrations-postgres: PostgreSQL tests skipped: ${server.reason}`);

async function schemaOf(db: Database) {
  const columns = await db.query(
    `SELECT table_name, column_name, ordinal_position, data_type, udt_name, is_nullable, column_default, character_maximum_length, numeric_precision
       FROM information_schema.columns WHERE table_schema = 'public' ORDER BY table_name, ordinal_position`,
  );
  const indexes = await db.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY tablename, indexname`);
  // PostgreSQL 18 also lists NOT NULL as constraints (contype 'n'); 15 keeps them on the columns, compared above.
  const constraints = await db.query(
    `SELECT conrelid::regclass::text AS table_name, conname, contype, pg_get_constraintdef(oid) AS def
       FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND contype <> 'n' ORDER BY 1, 2`,
  );
  return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/u;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;

/** Ids are random per run: replace them by their order of first appearance, keep everything else. */
function normaliser() {
  const ids = new Map<string, string>();
  const norm = (v: unknown): unknown => {
    if (typeof v === 'string' && UUID.test(v)) {
      if (!ids.has(v)) ids.set(v, `id#${ids.size + 1}`);
      return ids.get(v);
    }
    if (typeof v === 'string' && v.startsWith('scrypt$')) return '<password hash>';
    if (Array.isArray(v)) return v.map(norm);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, norm(x)]));
    return v;
  };
  return norm;
}

/** The kind of each value, as a handler sees it: the contract both adapters must keep. */
function shape(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'string') return ISO_TIMESTAMP.test(v) ? 'timestamp' : ISO_DATE.test(v) ? 'date' : 'string';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}

const FIXED_NOW = new Date('2026-03-15T08:30:00.000Z');

async function runStoreScenario(database: Database) {
  const store = await openStore({ database, clock: () => FIXED_NOW, logger: quietLogger });
  const api = inProcessClient(store);
  const session = await api.call('system.setup', OFFICE_SETUP);
  api.setSession(session.token);
  const commune = await api.call('units.create', { name: 'Ủy ban nhân dân xã Mường Toong', level: 'commune_committee', parentId: session.officeUnitId, province: 'Điện Biên' });
  const created = await api.call('people.create', {
    fullName: 'Tòng Thị Phương Thảo'.normalize('NFD'),
    gender: 'female',
    birthDate: '1992-02-28',
    position: 'Chuyên viên',
    staffCategory: 'cong_chuc',
    unitId: commune.id,
    startDate: '2016-04-01',
    note: null,
  });
  const updated = await api.call('people.update', { ...created, position: 'Phó Trưởng phòng', expectedVersion: created.version });
  await expect(api.call('people.update', { ...created, expectedVersion: created.version })).rejects.toMatchObject({ code: 'conflict' });
  const list = await api.call('people.list', { search: 'tong thi' });
  const norm = normaliser();
  const rows: Record<string, unknown[]> = {};
  for (const [table, order] of [
    ['settings', 'key'],
    ['units', 'name'],
    ['people', 'full_name'],
    ['users', 'username'],
    ['outbox', 'seq'],
    ['audit_log', 'id'],
  ] as const) {
    rows[table] = (await database.query(`SELECT * FROM ${table} ORDER BY ${order}`)).rows;
  }
  await store.close();
  return { api: norm({ created, updated, list }), rows: norm(rows) as Record<string, Record<string, unknown>[]>, raw: rows as Record<string, Record<string, unknown>[]> };
}

describe(`migrations and store on PGlite and PostgreSQL 15${skipReason}`, () => {
  let pgDb: FreshDatabase | null = null;
  let pgHub: FreshDatabase | null = null;
  beforeAll(async () => {
    if (!server.available) return;
    pgDb = await freshPostgresDatabase(server.url);
    pgHub = await freshPostgresDatabase(server.url);
  });
  afterAll(async () => {
    await pgDb?.drop();
    await pgHub?.drop();
  });

  it.skipIf(!server.available)('every office migration applies on both, once, giving identical schemas', async () => {
    if (!pgDb) throw new Error('no database');
    const lite = await openPGlite();
    try {
      const a = await migrate(lite, officeMigrations);
      const b = await migrate(pgDb.database, officeMigrations);
      expect(a.applied).toEqual(officeMigrations.map((m) => m.id));
      expect(b.applied).toEqual(a.applied);
      expect((await migrate(pgDb.database, officeMigrations)).applied).toEqual([]);
      const [sa, sb] = [await schemaOf(lite), await schemaOf(pgDb.database)];
      expect(sa.columns.length).toBeGreaterThan(30);
      expect(sb.columns).toEqual(sa.columns);
      expect(sb.indexes).toEqual(sa.indexes);
      expect(sb.constraints).toEqual(sa.constraints);
    } finally {
      await lite.close();
    }
  });

  it.skipIf(!server.available)('office + hub migrations apply on both with identical schemas', async () => {
    if (!pgHub) throw new Error('no database');
    const all = [...officeMigrations, ...hubMigrations].sort((x, y) => x.id.localeCompare(y.id));
    const lite = await openPGlite();
    try {
      await migrate(lite, all);
      await migrate(pgHub.database, all);
      const [sa, sb] = [await schemaOf(lite), await schemaOf(pgHub.database)];
      expect(sb).toEqual(sa);
    } finally {
      await lite.close();
    }
  });

  it.skipIf(!server.available)('the same calls through the dispatcher give the same rows, of the same shapes', async () => {
    const onPg = await freshPostgresDatabase(server.available ? server.url : '');
    try {
      const lite = await runStoreScenario(await openPGlite());
      const pgRun = await runStoreScenario(onPg.database);
      expect(pgRun.api).toEqual(lite.api);
      expect(pgRun.rows).toEqual(lite.rows);

      // The shapes handlers rely on, on both: dates 'YYYY-MM-DD', timestamps ISO, ints as numbers, jsonb as objects.
      for (const run of [lite, pgRun]) {
        const person = run.raw.people?.[0] ?? {};
        expect(shape(person.birth_date)).toBe('date');
        expect(person.birth_date).toBe('1992-02-28');
        expect(person.full_name).toBe('Tòng Thị Phương Thảo'.normalize('NFC'));
        expect(shape(person.updated_at)).toBe('timestamp');
        expect(person.updated_at).toBe(FIXED_NOW.toISOString());
        expect(person.version).toBe(2);
        const outbox = run.raw.outbox ?? [];
        expect(outbox.map((o) => typeof o.seq)).toEqual(outbox.map(() => 'number'));
        expect(typeof outbox[0]?.payload).toBe('object');
        expect(outbox.map((o) => [o.table_name, o.op, o.version])).toEqual([
          ['units', 'insert', 1],
          ['units', 'insert', 1],
          ['people', 'insert', 1],
          ['people', 'update', 2],
        ]);
        const shapes = Object.fromEntries(Object.entries(run.raw).map(([t, rs]) => [t, rs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, shape(v)])))]));
        expect(shapes).toEqual(
          Object.fromEntries(Object.entries(lite.raw).map(([t, rs]) => [t, rs.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, shape(v)])))])),
        );
      }
    } finally {
      await onPg.drop();
    }
  });
});
