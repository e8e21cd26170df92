import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../shared/db/migrate.js';
import { officeMigrations } from '../../shared/db/migrations/index.js';
import { openPGlite } from '../../electron/store/pglite-database.js';
import { openStore } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import type { Database } from '../../shared/db/port.js';
import { freshPostgresDatabase, postgresServer, type FreshDatabase } from '../support/postgres.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';
import { anGiang2021 } from '../fixtures/plans/index.js';

/** Migration 0300 on a database that already holds data, and the plan life cycle on PostgreSQL 15 as on PGlite. */
const server = await postgresServer();
const skipReason = server.available ? '' : ` (SKIPPED: PostgreSQL not available: ${server.reason})`;

describe('migration 0300_plans', () => {
  it('adds the plan tables to a database that already has units and people, keeping them', async () => {
    const db = await openPGlite();
    const upTo = officeMigrations.findIndex((m) => m.id === '0300_plans');
    await migrate(db, officeMigrations.slice(0, upTo));
    await db.query("INSERT INTO units (id, owner_unit_id, name, level) VALUES ('u1', 'u1', 'Phòng Tư pháp', 'district_office')");
    const report = await migrate(db, officeMigrations);
    expect(report.applied[0]).toBe('0300_plans');
    expect((await db.query<{ name: string }>('SELECT name FROM units')).rows).toEqual([{ name: 'Phòng Tư pháp' }]);
    await db.query("INSERT INTO plans (id, owner_unit_id, status, year, doc_year, number, symbol, summary, content) VALUES ('p1', 'u1', 'issued', 2024, 2023, '05', 'KH-STP', 'x', '{}'::jsonb)");
    // Issued numbers are unique per owner and calendar year even if a handler were bypassed.
    await expect(db.query("INSERT INTO plans (id, owner_unit_id, status, year, doc_year, number, symbol, summary, content) VALUES ('p2', 'u1', 'issued', 2024, 2023, '05', 'KH-STP', 'y', '{}'::jsonb)")).rejects.toThrow();
    await expect(db.query("INSERT INTO plans (id, owner_unit_id, status, year, doc_year, summary, content) VALUES ('p3', 'u1', 'bogus', 2024, 2024, 'z', '{}'::jsonb)")).rejects.toThrow();
    await db.close();
  });
});

describe.skipIf(!server.available)(`plans on PostgreSQL 15${skipReason}`, () => {
  let fresh: FreshDatabase;
  let database: Database;
  beforeAll(async () => {
    if (!server.available) return;
    fresh = await freshPostgresDatabase(server.url);
    database = fresh.database;
  });
  afterAll(async () => {
    await fresh?.drop();
  });

  it('create, issue, revise, board and done marks behave as on PGlite', async () => {
    const store = await openStore({ database, clock: () => new Date('2021-10-01T08:00:00Z'), logger: quietLogger });
    const api = inProcessClient(store);
    api.setSession((await api.call('system.setup', OFFICE_SETUP)).token);
    const draft = await api.call('plans.create', { content: anGiang2021 });
    const issued = await api.call('plans.issue', { id: draft.id, expectedVersion: draft.version });
    expect(issued.status).toBe('issued');
    expect(typeof issued.issuedAt).toBe('string');
    await api.call('plans.setDeadlineDone', { planId: issued.id, deadlineId: 'd1', doneOn: '2021-09-20', note: null });
    const board = await api.call('plans.board', {});
    expect(board.rows.map((r) => [r.deadlineId, r.state, r.label])).toEqual([
      ['d2', 'no_date', 'Chưa có ngày'],
      ['d1', 'done', 'Đã xong (20/09/2021)'],
    ]);
    const rev = await api.call('plans.revise', { id: issued.id });
    expect(rev.revision).toBe(2);
    const dup = await api.call('plans.list', { year: 2021 });
    expect(dup.map((p) => p.status).sort()).toEqual(['draft', 'issued']);
    const got = await api.call('plans.get', { id: issued.id });
    expect(got.plan.content).toEqual(anGiang2021);
    await store.close();
  });
});
