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
    const row = (await a.store.deps.db.query<{ full_name: string }>("SELECT full_name FROM people WHERE id = 'tinh-nguoi-1'")).rows[0];
    expect(row?.full_name).toBe('Nguyễn Văn Tỉnh');
    const outbox = (await a.store.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE row_id = 'tinh-nguoi-1'")).rows[0];
    expect(outbox?.n).toBe(0);
  });
});
