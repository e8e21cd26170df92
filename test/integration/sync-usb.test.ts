import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAttachment } from '../../electron/sync/blobs.js';
import { SyncError } from '../../electron/sync/errors.js';
import { addPeople, enrollOffice, hashesMatch, startTestHub, startTestOffice, type TestHub, type TestOffice } from '../support/sync-harness.js';

async function refusal(p: Promise<unknown>): Promise<SyncError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof SyncError) return e;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('USB bundles: same code as the HTTP path', () => {
  let hub: TestHub;
  let a: TestOffice;
  let b: TestOffice;

  beforeAll(async () => {
    hub = await startTestHub();
    a = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
    b = await startTestOffice('Phòng Tư pháp huyện Tủa Chùa');
    await enrollOffice(a, hub);
    await enrollOffice(b, hub);
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await hub?.close();
  });

  it('office bundle → province import → answer bundle → office import converges, attachments included', async () => {
    await addPeople(a, 20);
    const scan = randomBytes(200 * 1024);
    const sha = await addAttachment(a.store.deps.db, scan);
    const bundle = await a.agent.exportBundle();
    expect(bundle.entries).toBe(21);
    expect(bundle.blobs).toBe(1);
    const answer = await hub.core.exchange(bundle.bytes, { usb: true });
    const imported = await a.agent.importAnswer(answer);
    expect(imported.alreadyImported).toBe(false);
    const h = await hashesMatch(a, hub);
    expect(h.hub).toBe(h.office);
    const stored = (await hub.core.db.query<{ complete: boolean }>('SELECT complete FROM sync_blobs WHERE sha256 = $1', [sha])).rows[0];
    expect(stored?.complete).toBe(true);
    // Nothing left to send: the outbox cursor moved, the attachment is marked sent.
    const p = await a.agent.pending();
    expect(p.entries).toBe(0);
    expect(p.blobs).toHaveLength(0);

    // The same answer imported again: a no-op, said clearly.
    const again = await a.agent.importAnswer(answer);
    expect(again.alreadyImported).toBe(true);
    // The same office bundle imported again at the province: refused, nothing changes.
    const e = await refusal(hub.core.exchange(bundle.bytes, { usb: true }));
    expect(e.code).toBe('replay');
    expect(e.message).toMatch(/đã được nhận/u);
    // A's answer carried to office B: refused.
    const w = await refusal(b.agent.importAnswer(answer));
    expect(w.code).toBe('wrong_recipient');
    // Truncated and tampered bundles.
    const t = await refusal(hub.core.exchange(bundle.bytes.subarray(0, bundle.bytes.length - 100), { usb: true }));
    expect(t.code).toBe('bad_bundle');
    expect(t.message).toMatch(/cắt cụt/u);
    const bad = Buffer.from(bundle.bytes);
    bad[bad.length - 50] = (bad[bad.length - 50] ?? 0) ^ 1;
    const s = await refusal(hub.core.exchange(bad, { usb: true }));
    expect(s.code).toBe('bad_signature');
    const ta = Buffer.from(answer);
    ta[ta.length - 5] = (ta[ta.length - 5] ?? 0) ^ 1;
    expect((await refusal(a.agent.importAnswer(ta))).code).toBe('bad_signature');
  });

  it('USB and HTTP mix: a bundle exported, then an HTTP sync, then the stale bundle imported changes nothing', async () => {
    await addPeople(b, 7);
    const stale = await b.agent.exportBundle();
    await b.agent.syncNow();
    const before = await hashesMatch(b, hub);
    expect(before.hub).toBe(before.office);
    const answer = await hub.core.exchange(stale.bytes, { usb: true });
    await b.agent.importAnswer(answer);
    const after = await hashesMatch(b, hub);
    expect(after.hub).toBe(before.hub);
    expect(after.office).toBe(before.office);
    const dup = await hub.core.db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE owner_unit_id = $1', [b.unitId]);
    expect(dup.rows[0]?.n).toBe(7);
  });
});
