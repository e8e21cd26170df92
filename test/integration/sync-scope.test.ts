import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiError } from '../../shared/api/errors.js';
import { SyncError } from '../../electron/sync/errors.js';
import { dakLak2024 } from '../fixtures/plans/index.js';
import { addPeople as addFive, decisionInput } from '../support/awards.js';
import { issueProvincePlan, startTestProvince, type TestProvince } from '../support/province-hub.js';
import { startTestOffice, type TestOffice } from '../support/sync-harness.js';
import { startLinkProxy } from '../support/link-proxy.js';
import { CHUNK_SIZE } from '../../shared/sync/protocol.js';

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

async function rows(o: TestOffice | TestProvince, table: string): Promise<Record<string, unknown>[]> {
  return (await o.store.deps.db.query<Record<string, unknown>>(`SELECT * FROM ${table} ORDER BY id`)).rows;
}

describe('what the province sends down, and to whom (table by table)', () => {
  let province: TestProvince;
  let a: TestOffice;
  let b: TestOffice;
  let planId: string;
  const pdf = randomBytes(150 * 1024 + 17);

  beforeAll(async () => {
    province = await startTestProvince();
    a = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
    b = await startTestOffice('Phòng Tư pháp huyện Tủa Chùa');
    for (const o of [a, b]) {
      const { code } = await province.hub.core.createCode({ unitName: 'x' });
      await o.agent.enroll({ hubUrl: province.hub.url, code, deviceName: 'PC' });
    }
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await province?.close();
  });

  it('an issued province plan and its PDF reach every office; drafts and the province’s staff stay home', async () => {
    planId = await issueProvincePlan(province, '05', pdf);
    const draft = clone(dakLak2024);
    draft.summary = 'Dự thảo chưa ban hành';
    const draftId = (await province.api.call('plans.create', { content: draft })).id;
    await addFive(province.api, province.unitId);
    for (const o of [a, b]) {
      await o.agent.syncNow();
      const plans = await rows(o, 'plans');
      expect(plans.map((r) => r.id)).toContain(planId);
      expect(plans.map((r) => r.id)).not.toContain(draftId);
      expect((await rows(o, 'people')).filter((r) => r.owner_unit_id === province.unitId)).toHaveLength(0);
      const files = await o.api.call('attachments.list', { subjectTable: 'plans', subjectId: planId });
      expect(files.map((f) => [f.fileName, f.available])).toEqual([['ke-hoach-05.pdf', true]]);
      const got = await o.api.call('attachments.get', { id: files[0]?.id ?? '' });
      expect(Buffer.from(got.base64, 'base64').equals(pdf)).toBe(true);
      // Downloaded files are not sent back up.
      expect((await o.agent.pending()).blobs).toHaveLength(0);
    }
  });

  it('a province decision for people of two offices: each office gets the decision and only its own people’s lines', async () => {
    const peopleA = await addFive(a.api, a.unitId);
    const peopleB = await addFive(b.api, b.unitId);
    await a.agent.syncNow();
    await b.agent.syncNow();
    const input = await decisionInput(province.api, [peopleA[0] ?? '', peopleB[0] ?? '', peopleB[1] ?? '']);
    const d = await province.api.call('awards.createDecision', { ...input, subject: 'Về việc tặng Giấy khen của Giám đốc Sở Tư pháp năm 2025' });
    await province.api.call('awards.issueDecision', { id: d.decision.id, expectedVersion: d.decision.version });
    await a.agent.syncNow();
    await b.agent.syncNow();
    const itemsA = (await rows(a, 'award_items')).filter((r) => r.owner_unit_id === province.unitId);
    const itemsB = (await rows(b, 'award_items')).filter((r) => r.owner_unit_id === province.unitId);
    expect(itemsA.map((r) => r.person_id)).toEqual([peopleA[0]]);
    expect(itemsB.map((r) => r.person_id).sort()).toEqual([peopleB[0], peopleB[1]].sort());
    for (const o of [a, b]) expect((await rows(o, 'award_decisions')).map((r) => r.id)).toContain(d.decision.id);
    // The line shows in the office's register: the person's history includes the province's award.
    const history = await a.api.call('awards.history', { personId: peopleA[0] ?? '' });
    expect(history.map((h) => h.itemId)).toEqual(itemsA.map((r) => r.id));
  });

  it('a review goes to the office it is about, with its attachment; the other office cannot fetch that file', async () => {
    const content = (await a.api.call('plans.derive', { parentId: planId })).content;
    const mine = await a.api.call('plans.list', {});
    const derived = mine.find((p) => p.parentPlanId === planId);
    expect(derived).toBeDefined();
    const c = clone(content);
    c.ref.number = '01';
    c.ref.date = { text: 'ngày 15 tháng 01 năm 2024', iso: '2024-01-15', precision: 'day' };
    c.signer = { form: 'KT.', authority: 'TRƯỞNG PHÒNG', title: 'PHÓ TRƯỞNG PHÒNG', name: 'Lò Văn Thành', extraLines: [] };
    const saved = await a.api.call('plans.update', { id: derived?.id ?? '', expectedVersion: derived?.version ?? 0, content: c });
    const issued = await a.api.call('plans.issue', { id: saved.id, expectedVersion: saved.version });
    await a.agent.syncNow();

    const inbox = await province.api.call('reviews.inbox', { show: 'open' });
    const sent = inbox.find((s) => s.subjectId === issued.id);
    expect(sent).toMatchObject({ subjectTable: 'plans', officeName: 'Phòng Tư pháp huyện Mường Nhé', review: null });
    const noReason = await province.api.call('reviews.set', { subjectTable: 'plans', subjectId: issued.id, subjectVersion: sent?.subjectVersion ?? 0, status: 'returned', comment: '  ' }).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(ApiError);
    expect((noReason as ApiError).message).toContain('Lý do trả lại');
    const review = await province.api.call('reviews.set', { subjectTable: 'plans', subjectId: issued.id, subjectVersion: sent?.subjectVersion ?? 0, status: 'returned', comment: 'Thiếu chỉ tiêu đăng ký thi đua của các xã.' });
    const note = randomBytes(70_000);
    const att = await province.api.call('attachments.add', { subjectTable: 'submission_reviews', subjectId: review.id, fileName: 'gop-y.pdf', base64: note.toString('base64') });

    await a.agent.syncNow();
    await b.agent.syncNow();
    const seenA = await a.api.call('reviews.mine', { subjectTable: 'plans', subjectId: issued.id });
    expect(seenA.map((r) => [r.status, r.comment])).toEqual([['returned', 'Thiếu chỉ tiêu đăng ký thi đua của các xã.']]);
    expect(await b.api.call('reviews.mine', {})).toEqual([]);
    expect(await rows(b, 'submission_reviews')).toEqual([]);
    expect((await a.api.call('attachments.list', { subjectTable: 'submission_reviews', subjectId: review.id }))[0]?.available).toBe(true);
    expect(await rows(b, 'attachments')).toHaveLength(1); // only the plan's PDF
    // B asks the hub for the review's file by its hash: refused, nothing served.
    await b.store.deps.db.query("INSERT INTO attachments (id, owner_unit_id, subject_table, subject_id, sha256, size, file_name, media_type) VALUES ('probe', $1, 'plans', $2, $3, $4, 'x', 'x')", [
      b.unitId,
      planId,
      att.sha256,
      att.size,
    ]);
    await b.agent.syncNow();
    expect((await b.api.call('attachments.list', { subjectTable: 'plans', subjectId: planId })).find((f) => f.id === 'probe')?.available).toBe(false);
    await b.store.deps.db.query("DELETE FROM attachments WHERE id = 'probe'");
  });

  it('the hub refuses a blob-get from an office whose feed does not name the file', async () => {
    const { chunkForOffice } = await import('../../electron/sync/downward.js');
    const sha = (await rows(a, 'attachments')).find((r) => r.subject_table === 'submission_reviews')?.sha256 as string;
    const e = await chunkForOffice(province.store.deps.db, province.unitId, b.unitId, { sha256: sha, size: 70_000, index: 0 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SyncError);
    expect((e as SyncError).code).toBe('scope');
    const ok = await chunkForOffice(province.store.deps.db, province.unitId, a.unitId, { sha256: sha, size: 70_000, index: 1 });
    expect(ok.length).toBe(70_000 - 65_536);
  });

  it('a large province file comes down chunk by chunk over a link that keeps cutting: each cut costs at most the chunk in flight', async () => {
    const size = 2 * 1024 * 1024 + 333;
    const big = randomBytes(size);
    const att = await province.api.call('attachments.add', { subjectTable: 'plans', subjectId: planId, fileName: 'phu-luc-bieu-mau.pdf', base64: big.toString('base64') });
    const c = await startTestOffice('Phòng Tư pháp huyện Nậm Pồ');
    const proxy = await startLinkProxy({ host: '127.0.0.1', port: province.hub.http.port }, { upBytesPerSecond: 0, downBytesPerSecond: 0, delayMs: 1 });
    try {
      const { code } = await province.hub.core.createCode({ unitName: 'x' });
      await c.agent.enroll({ hubUrl: proxy.url, code, deviceName: 'PC' });
      // Records first (the plan and its attachments rows), files deferred: then the download alone is measured.
      await c.agent.syncNow({ mode: 'none' });
      proxy.resetStats();
      // Every connection is cut after a random 100–700 KB: several cuts in the 2 MB.
      proxy.setRandomCuts(1, 600_000);
      c.agent.stop(); // drop the kept-alive connection opened before the cuts were set
      let attempts = 0;
      for (; attempts < 40; attempts++) {
        try {
          await c.agent.syncNow();
          break;
        } catch {
          // cut: the automatic sync would try again
        }
      }
      const cuts = proxy.stats.cuts;
      expect(cuts).toBeGreaterThanOrEqual(2);
      const got = await c.api.call('attachments.get', { id: att.id });
      expect(Buffer.from(got.base64, 'base64').equals(big)).toBe(true);
      // Only missing chunks travel again: the bytes received stay within one chunk (and its answer header) per cut.
      const chunks = Math.ceil(size / CHUNK_SIZE);
      const bound = size + (cuts + 1) * (CHUNK_SIZE + 1024) + (chunks + attempts * 2) * 1024;
      expect(proxy.stats.bytesDown).toBeLessThan(bound);
      expect(proxy.stats.bytesDown / size).toBeLessThan(1.35);
      console.info(`downward file: ${size} B, ${cuts} cuts, ${attempts + 1} syncs, received ${(proxy.stats.bytesDown / size).toFixed(3)}× its size`);
    } finally {
      await c.close();
      await proxy.close();
    }
  });
});
