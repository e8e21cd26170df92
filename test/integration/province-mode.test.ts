import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { contentHash } from '../../electron/sync/content-hash.js';
import { SyncError } from '../../electron/sync/errors.js';
import { ProvinceMode, memoryAnswerFiles } from '../../electron/sync/province-mode.js';
import type { DurableStore } from '../../electron/durability/durable-store.js';
import type { ApiClient } from '../../shared/api/client.js';
import { addPeople, enrollOffice, startTestHub, startTestOffice, type TestHub, type TestOffice } from '../support/sync-harness.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an API error');
}

async function syncError(p: Promise<unknown>): Promise<SyncError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SyncError) return e;
    throw e;
  }
  throw new Error('expected a sync refusal');
}

async function rowCount(store: Store, table: string, owner: string): Promise<number> {
  return Number((await store.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE owner_unit_id = $1`, [owner])).rows[0]?.n ?? 0);
}

describe('Province mode: the desktop store also runs the hub', () => {
  let province: Store;
  let papi: ApiClient;
  let provinceUnitId: string;
  let hubUrl: string;
  let a: TestOffice;
  let b: TestOffice;
  let otherHub: TestHub;
  let c: TestOffice;

  beforeAll(async () => {
    province = await openStore({ logger: quietLogger });
    papi = inProcessClient(province);
    const session = await papi.call('system.setup', {
      ...OFFICE_SETUP,
      office: { ...OFFICE_SETUP.office, name: 'Sở Tư pháp tỉnh Điện Biên', level: 'province_department', parentName: 'Ủy ban nhân dân tỉnh Điện Biên', placeName: 'Điện Biên Phủ' },
    });
    papi.setSession(session.token);
    provinceUnitId = session.officeUnitId;
    a = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
    b = await startTestOffice('Phòng Tư pháp huyện Tủa Chùa');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await c?.close();
    await otherHub?.close();
    await province?.close();
  });

  it('an office store is not a province: the methods say so and nothing opens', async () => {
    const s = await a.api.call('province.status', {});
    expect(s.province).toBe(false);
    const e = await apiError(a.api.call('province.codes.create', { unitName: 'Xã A' }));
    expect(e.code).toBe('not_configured');
    expect(e.message).toMatch(/cấp tỉnh/u);
    const hubTables = await a.store.deps.db.query("SELECT 1 FROM information_schema.tables WHERE table_name = 'hub_devices'");
    expect(hubTables.rows).toHaveLength(0);
  });

  it('listens on loopback; an office enrols with a code made through the API and syncs both ways', async () => {
    const st = await papi.call('province.status', {});
    expect(st.province).toBe(true);
    expect(st.hubUnitId).toBe(provinceUnitId);
    const port = await freePort();
    const server = await papi.call('province.server', { listen: true, host: '127.0.0.1', port });
    expect(server.running).toBe(true);
    expect(server.urls).toEqual([`http://127.0.0.1:${port}`]);
    hubUrl = server.urls[0] ?? '';

    const created = await papi.call('province.codes.create', { unitName: 'Phòng Tư pháp huyện Mường Nhé', ttlHours: 24 });
    expect(created.code).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/u);
    const listed = await papi.call('province.codes.list', {});
    expect(listed).toHaveLength(1);
    expect(listed[0]?.status).toBe('waiting');
    // Shown once: the list never carries the code.
    expect(JSON.stringify(listed)).not.toContain(created.code.replace(/-/gu, '').slice(0, 8));
    expect(JSON.stringify(listed)).not.toContain(created.code);

    const enrolled = await a.api.call('sync.enroll', { hubUrl, code: created.code });
    expect(enrolled.hubName).toBe('Sở Tư pháp tỉnh Điện Biên');
    expect((await papi.call('province.codes.list', {}))[0]?.status).toBe('used');

    // Office rows up; a unit the province creates through mutate() down (outbox → pump → feed).
    await addPeople(a, 6);
    // The province edits its own unit row after the office enrolled: a write through mutate() made in province mode.
    const root = (await papi.call('units.list', {})).find((u) => u.id === provinceUnitId);
    if (!root) throw new Error('province unit missing');
    await papi.call('units.update', { id: root.id, expectedVersion: root.version, name: root.name, shortName: 'STP Điện Biên', level: root.level, parentId: null, parentName: root.parentName, province: root.province, placeName: root.placeName });
    const summary = await a.agent.syncNow();
    expect(summary.pushed).toBeGreaterThanOrEqual(7);
    const office = await contentHash(a.store.deps.db, a.unitId);
    const atProvince = await contentHash(province.deps.db, a.unitId);
    expect(atProvince.hash).toBe(office.hash);
    expect(await rowCount(province, 'people', a.unitId)).toBe(6);
    const down = await a.store.deps.db.query<{ short_name: string; owner_unit_id: string }>('SELECT short_name, owner_unit_id FROM units WHERE id = $1', [provinceUnitId]);
    expect(down.rows[0]).toEqual({ short_name: 'STP Điện Biên', owner_unit_id: provinceUnitId });

    const devices = await papi.call('province.devices.list', {});
    expect(devices).toHaveLength(1);
    expect(devices[0]?.unitId).toBe(a.unitId);
    expect(devices[0]?.rowsHeld).toBe(office.rows);
    expect(devices[0]?.lastSeenAt).not.toBeNull();
    expect(devices[0]?.revokedAt).toBeNull();
  });

  it('USB bundle round trip through the API: import, summary, answer saved, answer imported by the office', async () => {
    const { code } = await papi.call('province.codes.create', { unitName: 'Phòng Tư pháp huyện Tủa Chùa' });
    await b.api.call('sync.enroll', { hubUrl, code });
    await addPeople(b, 4, 'Lầu');
    // A stale bundle: exported, then the same rows go by HTTP; importing it later changes nothing.
    const stale = await b.api.call('sync.exportBundle', { attachments: true });
    await b.agent.syncNow();
    await addPeople(b, 5, 'Giàng');
    const bundle = await b.api.call('sync.exportBundle', { attachments: true });
    expect(bundle.entries).toBe(5);

    const imported = await papi.call('province.bundles.import', { base64: bundle.base64, fileName: bundle.fileName });
    expect(imported).toMatchObject({ officeName: 'Phòng Tư pháp huyện Tủa Chùa', unitId: b.unitId, rowsInBundle: 5, rowsApplied: 5, duplicatesIgnored: 0, alreadyImported: false });
    expect(imported.answerFileName).toMatch(/^thidua-tra-loi-phong-tu-phap-huyen-tua-chua-\d{12}\.tdsync$/u);
    const answer = await papi.call('province.bundles.exportAnswer', { importId: imported.importId });
    const back = await b.api.call('sync.importAnswer', { base64: answer.base64 });
    expect(back.alreadyImported).toBe(false);
    expect((await contentHash(province.deps.db, b.unitId)).hash).toBe((await contentHash(b.store.deps.db, b.unitId)).hash);
    expect(await rowCount(province, 'people', b.unitId)).toBe(9);

    // Imported twice: a no-op that says so, with the same answer to save again.
    const again = await papi.call('province.bundles.import', { base64: bundle.base64 });
    expect(again.alreadyImported).toBe(true);
    expect(again.importId).toBe(imported.importId);
    expect(await rowCount(province, 'people', b.unitId)).toBe(9);

    // The stale bundle: accepted as a message, every row a duplicate.
    const dup = await papi.call('province.bundles.import', { base64: stale.base64 });
    // Its unit row and 4 people, all already at the hub.
    expect(dup).toMatchObject({ rowsInBundle: 5, rowsApplied: 0, duplicatesIgnored: 5, alreadyImported: false });
    expect((await papi.call('province.bundles.list', {})).map((x) => x.importId)).toEqual([dup.importId, imported.importId]);
  });

  it('refuses a tampered, truncated, foreign or answer bundle with a Vietnamese reason and writes nothing', async () => {
    await addPeople(b, 2, 'Sùng');
    const bundle = await b.api.call('sync.exportBundle', { attachments: true });
    const bytes = Buffer.from(bundle.base64, 'base64');
    const before = await contentHash(province.deps.db, b.unitId);
    const imports = (await papi.call('province.bundles.list', {})).length;

    const cut = await apiError(papi.call('province.bundles.import', { base64: bytes.subarray(0, bytes.length - 40).toString('base64') }));
    expect(cut.code).toBe('bad_file');
    expect(cut.message).toMatch(/cắt cụt/u);
    const bad = Buffer.from(bytes);
    bad[bad.length - 30] = (bad[bad.length - 30] ?? 0) ^ 1;
    const tampered = await apiError(papi.call('province.bundles.import', { base64: bad.toString('base64') }));
    expect(tampered.code).toBe('bad_file');
    expect(tampered.message).toMatch(/sửa đổi/u);
    // The province's own answer file brought back by mistake.
    const answerBack = await papi.call('province.bundles.exportAnswer', { importId: (await papi.call('province.bundles.list', {}))[0]?.importId ?? '' });
    const wrongKind = await apiError(papi.call('province.bundles.import', { base64: answerBack.base64 }));
    expect(wrongKind.code).toBe('bad_file');
    expect(wrongKind.message).toMatch(/gói trả lời/u);
    const junk = await apiError(papi.call('province.bundles.import', { base64: Buffer.from('không phải gói').toString('base64') }));
    expect(junk.code).toBe('bad_file');

    // An office of another province.
    otherHub = await startTestHub();
    c = await startTestOffice('Phòng Tư pháp huyện Sìn Hồ');
    await enrollOffice(c, otherHub);
    await addPeople(c, 1);
    const foreign = await c.agent.exportBundle();
    const f = await apiError(papi.call('province.bundles.import', { base64: foreign.bytes.toString('base64') }));
    expect(f.code).toBe('bad_file');
    expect(f.message).toMatch(/tỉnh khác/u);

    expect((await contentHash(province.deps.db, b.unitId)).hash).toBe(before.hash);
    expect(await rowCount(province, 'people', c.unitId)).toBe(0);
    expect(await papi.call('province.bundles.list', {})).toHaveLength(imports);
  });

  it('revoking a device (reason, confirmation, admin or head) refuses its next sync with a clear error; a replaced-PC code restores the office on a new PC', async () => {
    const dev = (await papi.call('province.devices.list', {})).find((d) => d.unitId === a.unitId);
    expect(dev).toBeDefined();
    const noConfirm = await apiError(papi.call('province.devices.revoke', { deviceId: dev?.id ?? '', reason: 'Máy hỏng', confirm: false as unknown as true }));
    expect(noConfirm.code).toBe('invalid_input');
    const noReason = await apiError(papi.call('province.devices.revoke', { deviceId: dev?.id ?? '', reason: '  ', confirm: true }));
    expect(noReason.code).toBe('invalid_input');
    expect((await papi.call('province.devices.list', {})).find((d) => d.id === dev?.id)?.revokedAt).toBeNull();

    const r = await papi.call('province.devices.revoke', { deviceId: dev?.id ?? '', reason: 'Máy bị mất, đơn vị đã báo', confirm: true });
    expect(r.revoked).toBe(true);
    const after = (await papi.call('province.devices.list', {})).find((d) => d.id === dev?.id);
    expect(after?.revokedAt).not.toBeNull();
    expect(after?.revokeReason).toBe('Máy bị mất, đơn vị đã báo');

    await addPeople(a, 1, 'Thào');
    const peopleBefore = await rowCount(province, 'people', a.unitId);
    const e = await syncError(a.agent.syncNow());
    expect(e.code).toBe('revoked');
    expect(e.message).toMatch(/thu hồi/u);
    expect(await rowCount(province, 'people', a.unitId)).toBe(peopleBefore);

    // The office's PC is replaced: a "replaced PC" code for the same unit restores its data on the new PC.
    const unknownUnit = await apiError(papi.call('province.codes.create', { unitName: 'Không có', unitId: 'khong-co-don-vi' }));
    expect(unknownUnit.code).toBe('not_found');
    const again = await papi.call('province.codes.create', { unitName: 'bỏ qua', unitId: a.unitId });
    expect(again.unitName).toBe('Phòng Tư pháp huyện Mường Nhé');
    const replacement = await startTestOffice('Phòng Tư pháp huyện Mường Nhé (máy mới)');
    try {
      const r = await replacement.api.call('sync.enroll', { hubUrl, code: again.code });
      expect(r.restore).toBe(true);
      await replacement.agent.syncNow();
      const restored = await contentHash(replacement.store.deps.db, a.unitId);
      expect(restored.hash).toBe((await contentHash(province.deps.db, a.unitId)).hash);
      expect(restored.rows).toBeGreaterThanOrEqual(7);
      const listed = await papi.call('province.devices.list', {});
      expect(listed.filter((d) => d.unitId === a.unitId && d.revokedAt === null)).toHaveLength(1);
    } finally {
      await replacement.close();
    }

    // An officer may not revoke or make codes.
    const officer = await papi.call('users.create', { displayName: 'Cán bộ Một', username: 'canbo1', password: 'matkhau123', role: 'officer' });
    expect(officer.username).toBe('canbo1');
    const oapi = inProcessClient(province);
    oapi.setSession((await oapi.call('auth.login', { username: 'canbo1', password: 'matkhau123' })).token);
    expect((await apiError(oapi.call('province.codes.create', { unitName: 'Xã B' }))).code).toBe('forbidden');
  });

  it('stops listening on request; the office then finds the hub unreachable', async () => {
    const s = await papi.call('province.server', { listen: false });
    expect(s.running).toBe(false);
    expect(s.enabled).toBe(false);
    const failed = await b.agent.syncNow().then(
      () => null,
      (x: unknown) => x,
    );
    expect(failed).toBeInstanceOf(Error);
    expect(String(failed)).toMatch(/ECONNREFUSED|kết nối/u);
  });
});

describe('Province mode on a data folder', () => {
  it('the hub listens again after a restart when it was left on, and answers kept on disk can be saved again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'province-'));
    try {
      let store = await openStore({ dataDir: dir, logger: quietLogger });
      let api = inProcessClient(store);
      const s = await api.call('system.setup', { ...OFFICE_SETUP, office: { ...OFFICE_SETUP.office, name: 'Sở Tư pháp tỉnh Lai Châu', level: 'province_committee' } });
      api.setSession(s.token);
      const port = await freePort();
      expect((await api.call('province.server', { listen: true, host: '127.0.0.1', port })).running).toBe(true);
      const office = await startTestOffice('Phòng Tư pháp huyện Phong Thổ');
      try {
        const { code } = await api.call('province.codes.create', { unitName: 'Phòng Tư pháp huyện Phong Thổ' });
        await office.agent.enroll({ hubUrl: `http://127.0.0.1:${port}`, code });
        await addPeople(office, 3);
        const bundle = await office.agent.exportBundle();
        const imported = await api.call('province.bundles.import', { base64: bundle.bytes.toString('base64') });
        await store.close();

        store = await openStore({ dataDir: dir, logger: quietLogger });
        api = inProcessClient(store);
        api.setSession((await api.call('auth.login', { username: OFFICE_SETUP.admin.username, password: OFFICE_SETUP.admin.password })).token);
        const st = await api.call('province.status', {});
        expect(st.server).toMatchObject({ running: true, enabled: true, port });
        // Reachable again without anyone touching the screen: the office syncs.
        await addPeople(office, 2, 'Tẩn');
        await office.agent.syncNow();
        expect((await contentHash(store.deps.db, office.unitId)).hash).toBe((await contentHash(office.store.deps.db, office.unitId)).hash);
        const answer = await api.call('province.bundles.exportAnswer', { importId: imported.importId });
        expect(answer.fileName).toBe(imported.answerFileName);
        const unknown = await apiError(api.call('province.bundles.exportAnswer', { importId: 'khong-co' }));
        expect(unknown.code).toBe('not_found');
      } finally {
        await office.close();
        await store.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('hub writes outside mutate() are followed by one debounced snapshot, taken in the write queue', async () => {
    const store = await openStore({ logger: quietLogger });
    const api = inProcessClient(store);
    await api.call('system.setup', { ...OFFICE_SETUP, office: { ...OFFICE_SETUP.office, name: 'Sở Tư pháp tỉnh Sơn La', level: 'province_department' } });
    const taken: string[] = [];
    let inQueue = false;
    const mode = new ProvinceMode({
      db: store.deps.db,
      clock: () => new Date(),
      logger: quietLogger,
      events: store.events,
      run: async (task) => {
        inQueue = true;
        try {
          return await task();
        } finally {
          inQueue = false;
        }
      },
      answers: memoryAnswerFiles(),
      durable: { snapshot: async (reason: string) => void taken.push(`${reason}:${inQueue}`) } as unknown as DurableStore,
      snapshotDelayMs: 30,
    });
    try {
      await mode.createCode({ unitName: 'Xã Mường Giôn', ttlHours: 1 });
      await mode.createCode({ unitName: 'Xã Chiềng Sơ', ttlHours: 1 });
      expect(taken).toEqual([]);
      // Waits for the timer however late a loaded machine fires it; two writes still make one snapshot.
      for (let i = 0; i < 200 && taken.length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      await new Promise((r) => setTimeout(r, 100));
      expect(taken).toEqual(['sau khi trạm nhận dữ liệu:true']);
    } finally {
      await mode.close();
      await store.close();
    }
  });
});
