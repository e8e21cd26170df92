import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { contentHash } from '../../electron/durability/content-hash.js';
import { Journal } from '../../electron/durability/journal.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';

const dirs: string[] = [];
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'thidua-dur-'));
  dirs.push(d);
  return d;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

async function open(dataDir: string): Promise<Store> {
  return openStore({ dataDir, logger: quietLogger, durable: { snapshotIntervalMs: 3_600_000 } });
}

async function signIn(store: Store) {
  const api = inProcessClient(store);
  const status = await api.call('system.status', {});
  const session = status.configured
    ? await api.call('auth.login', { username: OFFICE_SETUP.admin.username, password: OFFICE_SETUP.admin.password })
    : await api.call('system.setup', OFFICE_SETUP);
  api.setSession(session.token);
  return { api, office: session.officeUnitId, status };
}

async function people(store: Store): Promise<string[]> {
  return (await store.deps.db.query<{ full_name: string }>('SELECT full_name FROM people ORDER BY full_name')).rows.map((r) => r.full_name);
}

async function outboxDuplicates(store: Store): Promise<number> {
  const r = await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM (SELECT table_name, row_id, version FROM outbox GROUP BY 1, 2, 3 HAVING count(*) > 1) d');
  return r.rows[0]?.n ?? -1;
}

describe('durability: journal, snapshots and recovery on a data folder', { timeout: 240_000 }, () => {
  it('journals every acknowledged write and takes a snapshot at clean close', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const { api, office } = await signIn(store);
    await api.call('people.create', { fullName: 'Lò Thị Mai', gender: 'female', staffCategory: 'cong_chuc', unitId: office });
    expect(store.deps.durable?.journalSeq).toBeGreaterThanOrEqual(3);
    cpSync(join(dir, 'journal'), join(dir, 'journal-copy'), { recursive: true });
    const read = Journal.open(join(dir, 'journal-copy'), () => undefined);
    const tables = read.journal.entriesAfter(0).flatMap((e) => [...e.changes.map((c) => c.table), ...e.settings.map((x) => `settings:${x.key}`)]);
    read.journal.close();
    expect(tables).toEqual(expect.arrayContaining(['units', 'users', 'settings:office_unit_id', 'people']));
    await store.close();
    expect(readdirSync(join(dir, 'snapshots')).filter((f) => f.endsWith('.tar.gz'))).toHaveLength(1);
    const again = await open(dir);
    expect(again.deps.durable?.report.recovered).toBe(false);
    expect(again.deps.durable?.report.replay.replayed).toBe(0);
    expect(await people(again)).toEqual(['Lò Thị Mai']);
    await again.close();
  });

  it('writes back the tail a power cut took from the database, without duplicating outbox entries, and says so in Vietnamese', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const { api, office } = await signIn(store);
    await api.call('people.create', { fullName: 'Giàng A Páo', gender: 'male', staffCategory: 'vien_chuc', unitId: office });
    await store.close();
    // The database folder as the disk held it before the later writes reached it.
    cpSync(join(dir, 'db'), join(dir, 'db-old'), { recursive: true });
    const second = await open(dir);
    const s2 = await signIn(second);
    const p = await s2.api.call('people.create', { fullName: 'Sùng Thị Dua', gender: 'female', staffCategory: 'cong_chuc', unitId: s2.office });
    await s2.api.call('people.update', { ...p, position: 'Chuyên viên', expectedVersion: 1, birthDate: null, startDate: null, note: null });
    // A row pulled from the hub (the sync agent writes it with plain SQL and journals it): no outbox entry, ever.
    const pulled = (
      await second.deps.db.query<Record<string, unknown> & { id: string }>(
        "INSERT INTO units (id, owner_unit_id, name, level, status, version) VALUES ('so-tu-phap', 'so-tu-phap', 'Sở Tư pháp tỉnh Điện Biên', 'province_department', 'active', 3) RETURNING *",
      )
    ).rows[0];
    if (!pulled) throw new Error('insert failed');
    await second.deps.durability.committed([{ table: 'units', rowId: pulled.id, ownerUnitId: 'so-tu-phap', version: 3, op: 'insert', row: pulled, local: false }]);
    // Simulate the power cut: the process dies (no close) and the database loses what it never fsync'd.
    await second.deps.durable?.pglite.close();
    rmSync(join(dir, 'db'), { recursive: true });
    cpSync(join(dir, 'db-old'), join(dir, 'db'), { recursive: true });
    rmSync(join(dir, 'thidua.lock'), { force: true });

    const third = await open(dir);
    const report = third.deps.durable?.report;
    expect(report?.recovered).toBe(false);
    expect(report?.replay.replayed).toBeGreaterThanOrEqual(2);
    expect(await people(third)).toEqual(['Giàng A Páo', 'Sùng Thị Dua']);
    const row = (await third.deps.db.query<{ version: number; position: string }>('SELECT version, position FROM people WHERE id = $1', [p.id])).rows[0];
    expect(row).toEqual({ version: 2, position: 'Chuyên viên' });
    expect(await outboxDuplicates(third)).toBe(0);
    const outbox = await third.deps.db.query<{ version: number }>('SELECT version FROM outbox WHERE row_id = $1 ORDER BY version', [p.id]);
    expect(outbox.rows.map((r) => r.version)).toEqual([1, 2]);
    expect((await third.deps.db.query('SELECT version FROM units WHERE id = $1', ['so-tu-phap'])).rows).toEqual([{ version: 3 }]);
    expect((await third.deps.db.query("SELECT 1 FROM outbox WHERE row_id = 'so-tu-phap'")).rows).toHaveLength(0);
    const status = await inProcessClient(third).call('system.status', {});
    expect(status.recoveryNotice).toContain('ghi bù');
    expect(status.recoveryNotice).toContain('Không mất dữ liệu nào đã được báo là đã lưu.');
    await third.close();
  });

  it('restores the newest snapshot and replays the journal when the database will not open, keeping the broken folder', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const { api, office } = await signIn(store);
    await api.call('people.create', { fullName: 'Vàng Văn Sử', gender: 'male', staffCategory: 'cong_chuc', unitId: office });
    await store.close(); // snapshot here
    const second = await open(dir);
    const s2 = await signIn(second);
    await s2.api.call('people.create', { fullName: 'Mùa Thị Chư', gender: 'female', staffCategory: 'cong_chuc', unitId: s2.office });
    await s2.api.call('users.create', { displayName: 'Cán bộ Một', username: 'canbo1', password: 'matkhau123', role: 'officer' });
    const before = await contentHash(second.deps.db);
    await second.deps.durable?.pglite.close();
    rmSync(join(dir, 'thidua.lock'), { force: true });
    // Ruin the control file: PostgreSQL cannot start from this folder.
    writeFileSync(join(dir, 'db', 'global', 'pg_control'), Buffer.alloc(8192, 0x5a));

    const third = await open(dir);
    const report = third.deps.durable?.report;
    expect(report?.recovered).toBe(true);
    expect(report?.snapshot).not.toBeNull();
    expect(report?.brokenFolder && existsSync(report.brokenFolder)).toBe(true);
    expect(report?.replay.failed).toEqual([]);
    expect(await people(third)).toEqual(['Mùa Thị Chư', 'Vàng Văn Sử']);
    const users = await third.deps.db.query<{ username: string }>('SELECT username FROM users ORDER BY username');
    expect(users.rows.map((r) => r.username)).toEqual(['admin', 'canbo1']);
    expect(await outboxDuplicates(third)).toBe(0);
    // Everything but the replay's own audit rows is as it was.
    const after = await contentHash(third.deps.db);
    for (const t of ['people', 'units', 'users', 'outbox']) expect(after.tables[t]).toBe(before.tables[t]);
    const notice = (await inProcessClient(third).call('system.status', {})).recoveryNotice ?? '';
    expect(notice).toContain('khôi phục từ bản chụp dữ liệu');
    expect(notice).toContain('Không mất dữ liệu nào đã được báo là đã lưu.');
    await third.close();
  });

  it('journals settings written with plain SQL (office set-up), so a rebuilt store still knows its office', async () => {
    const dir = tempDir();
    const store = await open(dir);
    const { office } = await signIn(store);
    await store.deps.durable?.pglite.close();
    rmSync(join(dir, 'thidua.lock'), { force: true });
    rmSync(join(dir, 'db'), { recursive: true }); // no snapshot yet: rebuilt from the journal alone
    const again = await open(dir);
    expect(again.deps.durable?.report.recovered).toBe(true);
    const status = await inProcessClient(again).call('system.status', {});
    expect(status.configured).toBe(true);
    expect(status.office?.id).toBe(office);
    await again.close();
  });
});

describe('durability: snapshot before migrations', { timeout: 240_000 }, () => {
  it('takes a snapshot of the old schema before applying new migrations, and keeps a bounded number', async () => {
    const { DurableStore } = await import('../../electron/durability/durable-store.js');
    const { officeMigrations } = await import('../../shared/db/migrations/index.js');
    const dir = tempDir();
    const older = officeMigrations.slice(0, -1);
    const first = await DurableStore.open({ dataDir: dir, migrations: older, logger: quietLogger, clock: () => new Date(), options: { keepSnapshots: 2 } });
    expect(first.schemaVersion).toBe(older.at(-1)?.id);
    await first.db.transaction((tx) => tx.query("INSERT INTO settings (key, value) VALUES ('office_unit_id', '\"u1\"')"));
    await first.snapshot('thử 1');
    await first.snapshot('thử 2');
    await first.close();
    const second = await DurableStore.open({ dataDir: dir, migrations: officeMigrations, logger: quietLogger, clock: () => new Date(), options: { keepSnapshots: 2 } });
    const snaps = second.snapshotList();
    expect(snaps).toHaveLength(2);
    expect(snaps[0]).toMatchObject({ reason: 'trước khi nâng cấp cơ sở dữ liệu', schema: older.at(-1)?.id });
    expect(second.schemaVersion).toBe(officeMigrations.at(-1)?.id);
    await second.close();
  });
});
