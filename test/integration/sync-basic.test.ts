import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addPeople, enrollOffice, hashesMatch, startTestHub, startTestOffice, type TestHub, type TestOffice } from '../support/sync-harness.js';
import { contentHash } from '../../electron/sync/content-hash.js';

describe('sync: enrol, upload, download over loopback HTTP', () => {
  let hub: TestHub;
  let a: TestOffice;
  let b: TestOffice;

  beforeAll(async () => {
    hub = await startTestHub();
    a = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
    b = await startTestOffice('Phòng Tư pháp huyện Tủa Chùa');
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await hub?.close();
  });

  it('enrols two offices, pushes their rows, and both copies hash the same', async () => {
    await addPeople(a, 30, 'Lò');
    await enrollOffice(a, hub, 'Phòng Tư pháp huyện Mường Nhé');
    await enrollOffice(b, hub, 'Phòng Tư pháp huyện Tủa Chùa');
    await addPeople(b, 12, 'Vàng');
    const sa = await a.agent.syncNow();
    const sb = await b.agent.syncNow();
    expect(sa.pushed).toBe(31); // the unit row + 30 people
    expect(sb.pushed).toBe(13);
    const ha = await hashesMatch(a, hub);
    expect(ha.rows).toBe(31);
    expect(ha.hub).toBe(ha.office);
    const hb = await hashesMatch(b, hub);
    expect(hb.hub).toBe(hb.office);
    // The province's own unit row came down to both offices; no office got the other's rows.
    expect(sa.pulled).toBeGreaterThanOrEqual(1);
    expect((await contentHash(a.store.deps.db, b.unitId)).rows).toBe(0);
    expect((await contentHash(b.store.deps.db, a.unitId)).rows).toBe(0);
  });

  it('a second sync with nothing new is one small request', async () => {
    const s = await a.agent.syncNow();
    expect(s.requests).toBe(1);
    expect(s.pushed).toBe(0);
    // Counted bodies plus an estimate of 150 bytes of HTTP headers each way.
    expect(s.bytesSent).toBeLessThan(1024);
    expect(s.bytesSent + s.bytesReceived).toBeLessThan(1200);
  });

  it('edits travel as new versions; rows from the province arrive and are not re-uploaded', async () => {
    // The province's staff stay at the province (shared/sync/audience.ts): a province person is not sent down.
    await hub.core.publish('base_salaries', { id: 'tinh-luong-1', effective_from: '2024-07-01', amount: 2340000, source: 'Nghị định 73/2024/NĐ-CP', confidence: 'certain', updated_by: 'Sở' });
    await hub.core.publish('people', {
      id: 'tinh-nguoi-1',
      unit_id: hub.core.identity.unitId,
      full_name: 'Nguyễn Văn Tỉnh',
      gender: 'male',
      birth_date: null,
      position: 'Giám đốc Sở',
      staff_category: 'cong_chuc',
      start_date: null,
      status: 'working',
      note: null,
      search_key: 'nguyen van tinh',
      updated_by: 'Sở',
    });
    const s = await a.agent.syncNow();
    expect(s.pulled).toBe(1);
    const row = (await a.store.deps.db.query<{ amount: string }>("SELECT amount FROM base_salaries WHERE id = 'tinh-luong-1'")).rows[0];
    expect(Number(row?.amount)).toBe(2340000);
    expect((await a.store.deps.db.query("SELECT 1 FROM people WHERE id = 'tinh-nguoi-1'")).rows).toHaveLength(0);
    const outbox = (await a.store.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE row_id = 'tinh-luong-1'")).rows[0];
    expect(outbox?.n).toBe(0);
  });
});

describe('sync through the API contract (what the Đồng bộ screen calls)', () => {
  it('enrols, shows bytes waiting and the estimate, syncs, and reports the state', async () => {
    const hub = await startTestHub();
    const o = await startTestOffice('Phòng Tư pháp huyện Mường Chà');
    try {
      const bad = await o.api.call('sync.enroll', { hubUrl: hub.url, code: 'SAI-MA-0000' }).catch((e: unknown) => e as { code: string; message: string });
      expect((bad as { message: string }).message).toMatch(/Mã đăng ký không đúng/u);
      const { code } = await hub.core.createCode({ unitName: 'Mường Chà' });
      const enrolled = await o.api.call('sync.enroll', { hubUrl: hub.url, code });
      expect(enrolled.hubName).toBe('Sở Tư pháp tỉnh Điện Biên');
      await addPeople(o, 10);
      const before = await o.api.call('sync.status', {});
      expect(before.enrolled).toBe(true);
      expect(before.waitingEntries).toBe(11);
      const est = await o.api.call('sync.estimate', {});
      expect(est.entries).toBe(11);
      expect(est.recordBytes).toBeGreaterThan(200);
      expect((await o.api.call('sync.now', { attachments: 'all' })).started).toBe(true);
      let status = await o.api.call('sync.status', {});
      for (let i = 0; i < 100 && (status.running || status.lastSuccessAt === null); i++) {
        await new Promise((r) => setTimeout(r, 50));
        status = await o.api.call('sync.status', {});
      }
      expect(status.lastError).toBeNull();
      expect(status.waitingEntries).toBe(0);
      expect(status.lastSuccessAt).not.toBeNull();
      expect(status.log[0]?.outcome).toBe('ok');
      const h = await hashesMatch(o, hub);
      expect(h.hub).toBe(h.office);
      const bundle = await o.api.call('sync.exportBundle', { attachments: true });
      expect(bundle.fileName).toMatch(/\.tdsync$/u);
      const wrong = await o.api.call('sync.importAnswer', { base64: Buffer.from('không phải gói').toString('base64') }).catch((e: unknown) => e as { code: string; message: string });
      expect((wrong as { code: string }).code).toBe('bad_file');
    } finally {
      await o.close();
      await hub.close();
    }
  });
});
