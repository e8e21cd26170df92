import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { addAttachment } from '../../electron/sync/blobs.js';
import { mutate } from '../../electron/store/mutation.js';
import type { SqlParam } from '../../shared/db/port.js';
import { addPeople, enrollOffice, hashesMatch, startTestHub, startTestOffice, type TestHub, type TestOffice } from '../support/sync-harness.js';

/**
 * Errors per item: the hub refuses one record or attachment, the rest of the
 * batch still syncs, the office lists which record, why and what to do, and
 * the item goes through once it is corrected and sent again.
 */
describe('sync: items the hub refuses one by one', () => {
  let hub: TestHub;
  let a: TestOffice;
  let b: TestOffice;

  beforeAll(async () => {
    hub = await startTestHub();
    a = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
    b = await startTestOffice('Phòng Tư pháp huyện Tủa Chùa');
    await enrollOffice(a, hub, 'Phòng Tư pháp huyện Mường Nhé');
    await enrollOffice(b, hub, 'Phòng Tư pháp huyện Tủa Chùa');
    await a.agent.syncNow();
    await b.agent.syncNow();
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await hub?.close();
  });

  const hubHas = async (id: string, owner: string) =>
    (await hub.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE id = $1 AND owner_unit_id = $2', [id, owner])).rows[0]?.n ?? 0;

  it('a record the hub holds for another office is refused alone; the rest of the batch arrives; retry after the province fixes it', async () => {
    const ids = await addPeople(a, 5, 'Lò');
    const clash = ids[2] ?? '';
    // Office B already sent a row under the same id (a copied data folder, say).
    await mutate({ deps: b.store.deps, actor: { userId: null, userName: 'Test' }, officeUnitId: b.unitId }, 'test.clash', async (w) => {
      await w.insert('people', { id: clash, unit_id: b.unitId, full_name: 'Vàng A Dính', gender: 'male', staff_category: 'cong_chuc', status: 'working', search_key: 'vang a dinh' });
    });
    await b.agent.syncNow();
    const s = await a.agent.syncNow();
    expect(s.refused).toBe(1);
    expect(s.pushed).toBe(4);
    for (const id of ids) expect(await hubHas(id, a.unitId)).toBe(id === clash ? 0 : 1);
    expect(await hubHas(clash, b.unitId)).toBe(1);
    const status = await a.api.call('sync.status', {});
    expect(status.itemErrors).toHaveLength(1);
    const item = status.itemErrors[0];
    expect(item?.code).toBe('scope');
    expect(item?.label).toBe('Cán bộ: Lò Thị Số 2');
    expect(item?.why).toContain('thuộc một đơn vị khác');
    expect(item?.todo).toContain('Gửi lại');
    expect(status.waitingEntries).toBe(0);
    expect(status.lastError).toBeNull();

    // A later sync does not resend it nor forget it.
    const again = await a.agent.syncNow();
    expect(again.pushed).toBe(0);
    expect((await a.api.call('sync.status', {})).itemErrors).toHaveLength(1);

    // The province removes the duplicate; the office sends its record again.
    await hub.core.db.query('DELETE FROM sync_feed WHERE row_id = $1', [clash]);
    await hub.core.db.query('DELETE FROM people WHERE id = $1', [clash]);
    await a.api.call('sync.retryItem', { key: item?.key ?? '' });
    expect((await a.api.call('sync.status', {})).waitingEntries).toBe(1);
    const retried = await a.agent.syncNow();
    expect(retried.refused).toBe(0);
    expect(retried.pushed).toBe(1);
    expect(await hubHas(clash, a.unitId)).toBe(1);
    expect((await a.api.call('sync.status', {})).itemErrors).toHaveLength(0);
    const h = await hashesMatch(a, hub);
    expect(h.hub).toBe(h.office);
  });

  it('a row the hub database rejects is refused alone (entry by entry after the bulk insert fails); correcting it clears the error', async () => {
    const ids = await addPeople(a, 4, 'Quàng');
    const bad = ids[1] ?? '';
    // As if the person referred to a unit the hub never received.
    await a.store.deps.db.query(`UPDATE outbox SET payload = jsonb_set(payload, '{unit_id}', '"don-vi-khong-co"') WHERE row_id = $1`, [bad]);
    const s = await a.agent.syncNow();
    expect(s.refused).toBe(1);
    expect(s.pushed).toBe(3);
    for (const id of ids) expect(await hubHas(id, a.unitId)).toBe(id === bad ? 0 : 1);
    const [item] = (await a.api.call('sync.status', {})).itemErrors;
    expect(item?.code).toBe('invalid');
    expect(item?.label).toBe('Cán bộ: Quàng Thị Số 1');
    // The user corrects the record (an ordinary edit): the new version is accepted and the error goes.
    await mutate({ deps: a.store.deps, actor: { userId: null, userName: 'Test' }, officeUnitId: a.unitId }, 'people.update', async (w) => {
      await w.update('people', bad, { position: 'Công chức tư pháp - hộ tịch' });
    });
    const fixed = await a.agent.syncNow();
    expect(fixed.refused).toBe(0);
    expect(await hubHas(bad, a.unitId)).toBe(1);
    expect((await a.api.call('sync.status', {})).itemErrors).toHaveLength(0);
  });

  it('a refusal whose answer was lost is reported again when the batch is resent', async () => {
    const ids = await addPeople(a, 2, 'Mùa');
    await a.store.deps.db.query(`UPDATE outbox SET payload = payload || '{"cot_moi": 1}'::jsonb WHERE row_id = $1`, [ids[0] ?? '']);
    const cursorBefore = (await a.agent.state()).pushCursor;
    const s = await a.agent.syncNow();
    expect(s.refused).toBe(1);
    expect((await a.api.call('sync.status', {})).itemErrors.map((e) => e.code)).toEqual(['unknown_column']);
    // The answer "never arrived": the office still has its old cursor and no list.
    await a.store.deps.db.query('DELETE FROM sync_item_errors');
    await a.store.deps.db.query(`UPDATE settings SET value = jsonb_set(value, '{pushCursor}', to_jsonb($1::int)) WHERE key = 'sync.state'`, [cursorBefore]);
    const resent = await a.agent.syncNow();
    expect(resent.pushed).toBe(0);
    expect(resent.refused).toBe(1);
    expect((await a.api.call('sync.status', {})).itemErrors.map((e) => e.code)).toEqual(['unknown_column']);
    await a.store.deps.db.query('DELETE FROM sync_item_errors');
  });

  it('a damaged attachment is listed and not sent; the other attachments go through', async () => {
    const good = await addAttachment(a.store.deps.db, randomBytes(150 * 1024));
    const damaged = await addAttachment(a.store.deps.db, randomBytes(150 * 1024));
    await a.store.deps.db.query('UPDATE sync_chunks SET data = $2 WHERE sha256 = $1 AND idx = 1', [damaged, Buffer.alloc(64 * 1024, 7) as unknown as SqlParam]); // bytea: both drivers take a Buffer; SqlParam does not list it
    const s = await a.agent.syncNow({ mode: 'all' });
    expect(s.blobsCompleted).toBe(1);
    expect(s.refused).toBe(1);
    expect(s.chunksSent).toBe(3);
    const hubBlobs = await hub.core.db.query<{ sha256: string }>('SELECT sha256 FROM sync_blobs WHERE complete');
    expect(hubBlobs.rows.map((r) => r.sha256)).toContain(good);
    expect(hubBlobs.rows.map((r) => r.sha256)).not.toContain(damaged);
    const status = await a.api.call('sync.status', {});
    expect(status.itemErrors.map((e) => e.code)).toEqual(['attachment_corrupt']);
    expect(status.waitingAttachments).toBe(0);
    const next = await a.agent.syncNow({ mode: 'all' });
    expect(next.chunksSent).toBe(0);
  });
});
