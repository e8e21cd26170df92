import { randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeBundle, encodeBundle, gzipJson, unpackJson } from '../../electron/sync/codec.js';
import { contentHash } from '../../electron/sync/content-hash.js';
import type { DeviceSettings } from '../../electron/sync/office-agent.js';
import { PROTOCOL_VERSION } from '../../shared/sync/protocol.js';
import type { Logger } from '../../electron/store/deps.js';
import { addPeople, enrollOffice, startTestHub, startTestOffice, type TestHub, type TestOffice } from '../support/sync-harness.js';

async function post(url: string, path: string, body: Buffer | string, type = 'application/octet-stream'): Promise<{ status: number; json: { ok?: boolean; error?: { code: string; message: string } } | null; refused?: unknown }> {
  const res = await fetch(new URL(path, url), { method: 'POST', body: typeof body === 'string' ? body : new Uint8Array(body), headers: { 'content-type': type } });
  const text = Buffer.from(await res.arrayBuffer());
  let json: { ok?: boolean; error?: { code: string; message: string } } | null;
  try {
    json = JSON.parse(text.toString('utf8')) as { ok?: boolean; error?: { code: string; message: string } };
  } catch {
    json = null;
  }
  // A signed answer: the entries the hub refused one by one.
  const refused = json === null && res.status === 200 ? (() => {
    const msg = decodeBundle(text);
    return (unpackJson(msg.header.enc, msg.body) as { push?: { refused?: unknown } }).push?.refused;
  })() : undefined;
  return { status: res.status, json, refused };
}

/** Everything on the hub a request could change. */
async function fingerprint(hub: TestHub, units: string[]): Promise<string> {
  const db = hub.core.db;
  const parts: unknown[] = [];
  for (const t of ['hub_devices', 'hub_received', 'sync_feed', 'sync_chunks', 'hub_codes']) {
    parts.push((await db.query(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]);
  }
  parts.push((await db.query('SELECT id, upload_cursor, revoked_at FROM hub_devices ORDER BY id')).rows);
  for (const u of units) parts.push((await contentHash(db, u)).hash);
  return JSON.stringify(parts);
}

describe('sync security: refusals change nothing', () => {
  let hub: TestHub;
  let a: TestOffice;
  let b: TestOffice;
  let devA: DeviceSettings;
  let n = 10_000;

  const message = (dev: DeviceSettings, body: unknown, over: Partial<{ unit: string; to: string; n: number; v: number }> = {}) =>
    encodeBundle(
      { v: over.v ?? PROTOCOL_VERSION, kind: 'exchange', from: dev.deviceId, to: over.to ?? `hub:${dev.hubUnitId}`, unit: over.unit ?? dev.unitId, n: over.n ?? n++, at: new Date().toISOString(), enc: 'gzip' },
      gzipJson(body),
      dev.privateKey,
    );

  beforeAll(async () => {
    hub = await startTestHub();
    a = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
    b = await startTestOffice('Phòng Tư pháp huyện Tủa Chùa');
    await enrollOffice(a, hub);
    await enrollOffice(b, hub);
    await addPeople(a, 5);
    await addPeople(b, 5);
    await a.agent.syncNow();
    await b.agent.syncNow();
    devA = (await a.agent.device()) as DeviceSettings;
  });
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await hub?.close();
  });

  it('refuses tampered, replayed, cross-office, wrong-recipient and too-new requests, each with a Vietnamese message', async () => {
    const before = await fingerprint(hub, [a.unitId, b.unitId]);
    const good = message(devA, { pull: { after: 0, limit: 10, includeOwn: false } });
    // Tampered: one byte of the body changed.
    const tampered = Buffer.from(good);
    tampered[tampered.length - 3] = (tampered[tampered.length - 3] ?? 0) ^ 0xff;
    let r = await post(hub.url, '/sync/v1/exchange', tampered);
    expect([400, 401]).toContain(r.status);
    expect(r.json?.error?.message).toMatch(/chữ ký|hỏng/iu);
    // Unsigned: signature replaced by garbage.
    const headerLen = good.readUInt32BE(4);
    const header = JSON.parse(good.subarray(8, 8 + headerLen).toString()) as Record<string, unknown>;
    const unsignedHeader = Buffer.from(JSON.stringify({ ...header, sig: Buffer.alloc(64).toString('base64') }));
    const len = Buffer.alloc(4);
    len.writeUInt32BE(unsignedHeader.length);
    r = await post(hub.url, '/sync/v1/exchange', Buffer.concat([good.subarray(0, 4), len, unsignedHeader, good.subarray(8 + headerLen)]));
    expect(r.status).toBe(401);
    expect(r.json?.error?.code).toBe('bad_signature');
    // Cross-office: A claims B's unit in the header.
    r = await post(hub.url, '/sync/v1/exchange', message(devA, { pull: { after: 0, limit: 10, includeOwn: true } }, { unit: b.unitId }));
    expect(r.json?.error?.code).toBe('scope');
    // Cross-office rows: A uploads a row owned by B, and a row of its own id that B owns.
    const bRow = (await b.store.deps.db.query<Record<string, unknown>>("SELECT * FROM people WHERE owner_unit_id = $1 LIMIT 1", [b.unitId])).rows[0] ?? {};
    const st = await a.agent.state();
    r = await post(hub.url, '/sync/v1/exchange', message(devA, { push: { after: st.pushCursor, entries: [{ seq: st.pushCursor + 1, table: 'people', id: String(bRow.id), owner: b.unitId, version: 99, op: 'update', row: { ...bRow, version: 99, full_name: 'Bị sửa trộm' } }] } }));
    expect(r.json?.error?.code).toBe('scope');
    // A local table (user accounts with password hashes) never travels.
    r = await post(hub.url, '/sync/v1/exchange', message(devA, { push: { after: st.pushCursor, entries: [{ seq: st.pushCursor + 1, table: 'users', id: 'x', owner: a.unitId, version: 1, op: 'insert', row: { id: 'x', owner_unit_id: a.unitId, version: 1 } }] } }));
    expect(r.status).toBe(400);
    // Wrong recipient.
    r = await post(hub.url, '/sync/v1/exchange', message(devA, { pull: { after: 0, limit: 1, includeOwn: false } }, { to: 'hub:another' }));
    expect(r.json?.error?.code).toBe('wrong_recipient');
    // A newer protocol than the hub knows: told clearly what to do.
    r = await post(hub.url, '/sync/v1/exchange', message(devA, { pull: { after: 0, limit: 1, includeOwn: false } }, { v: PROTOCOL_VERSION + 1 }));
    expect(r.status).toBe(426);
    expect(r.json?.error?.code).toBe('protocol_too_new');
    expect(r.json?.error?.message).toMatch(/cập nhật trạm/u);
    r = await post(hub.url, '/sync/v1/exchange', message(devA, { pull: { after: 0, limit: 1, includeOwn: false } }, { v: 0 }));
    expect(r.json?.error?.code).toBe('protocol_too_old');
    expect(await fingerprint(hub, [a.unitId, b.unitId])).toBe(before);
    // Replay: the same signed message twice; the second is refused and changes nothing.
    const once = message(devA, { pull: { after: 0, limit: 1, includeOwn: false } });
    expect((await post(hub.url, '/sync/v1/exchange', once)).status).toBe(200);
    const afterFirst = await fingerprint(hub, [a.unitId, b.unitId]);
    r = await post(hub.url, '/sync/v1/exchange', once);
    expect(r.status).toBe(409);
    expect(r.json?.error?.code).toBe('replay');
    expect(await fingerprint(hub, [a.unitId, b.unitId])).toBe(afterFirst);
    // A row of A's own whose id the hub holds for B: refused on its own (listed on A's screen), B's row untouched.
    const bHash = (await contentHash(hub.core.db, b.unitId)).hash;
    const aCursor = (await a.agent.state()).pushCursor;
    r = await post(hub.url, '/sync/v1/exchange', message(devA, { push: { after: aCursor, entries: [{ seq: aCursor + 1, table: 'people', id: String(bRow.id), owner: a.unitId, version: 99, op: 'update', row: { ...bRow, owner_unit_id: a.unitId, version: 99, full_name: 'Bị sửa trộm' } }] } }));
    expect(r.status).toBe(200);
    expect(r.refused).toEqual([{ seq: aCursor + 1, table: 'people', id: String(bRow.id), version: 99, code: 'scope' }]);
    expect((await contentHash(hub.core.db, b.unitId)).hash).toBe(bHash);
  });

  it('refuses oversized requests with 413 and never answers hostile bytes with a 5xx (fuzzed)', async () => {
    const big = await post(hub.url, '/sync/v1/exchange', Buffer.alloc(9 * 1024 * 1024, 1));
    expect(big.status).toBe(413);
    const good = message(devA, { push: { after: 0, entries: [] }, pull: { after: 0, limit: 5, includeOwn: false } });
    const before = await fingerprint(hub, [a.unitId, b.unitId]);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.uint8Array({ maxLength: 2000 }).map((x) => Buffer.from(x)),
          fc.tuple(fc.nat(good.length - 1), fc.integer({ min: 1, max: 255 })).map(([i, x]) => {
            const c = Buffer.from(good);
            c[i] = (c[i] ?? 0) ^ x;
            return c;
          }),
          fc.nat(good.length - 1).map((i) => good.subarray(0, i)),
          fc.json().map((j) => Buffer.from(j)),
        ),
        fc.constantFrom('/sync/v1/exchange', '/sync/v1/chunk', '/sync/v1/enroll'),
        async (body, path) => {
          const r = await post(hub.url, path, body);
          expect(r.status).toBeGreaterThanOrEqual(400);
          expect(r.status).toBeLessThan(500);
          expect(typeof r.json?.error?.message).toBe('string');
        },
      ),
      { numRuns: Number(process.env.SYNC_FUZZ_RUNS ?? 150), seed: Number(process.env.SYNC_SEED ?? 4242) },
    );
    expect(await fingerprint(hub, [a.unitId, b.unitId])).toBe(before);
  });

  it('revoked devices, used and expired codes are refused; re-enrolling a replaced PC restores its data', async () => {
    // Used code.
    const { code } = await hub.core.createCode({ unitName: 'Phòng Tư pháp huyện Nậm Pồ' });
    const c = await startTestOffice('Phòng Tư pháp huyện Nậm Pồ');
    const d = await startTestOffice('Phòng Tư pháp huyện Điện Biên Đông');
    try {
      await c.agent.enroll({ hubUrl: hub.url, code });
      await expect(d.agent.enroll({ hubUrl: hub.url, code })).rejects.toMatchObject({ code: 'code_used' });
      const expired = await hub.core.createCode({ unitName: 'x', ttlHours: -1 });
      await expect(d.agent.enroll({ hubUrl: hub.url, code: expired.code })).rejects.toMatchObject({ code: 'code_expired' });
      await expect(d.agent.enroll({ hubUrl: hub.url, code: 'AAAA-BBBB-CCCC' })).rejects.toMatchObject({ code: 'bad_code' });
      // Revoked device.
      const devC = (await c.agent.device()) as DeviceSettings;
      expect(await hub.core.revoke(devC.deviceId)).toBe(true);
      await expect(c.agent.syncNow()).rejects.toMatchObject({ code: 'revoked' });
      expect((await c.agent.state()).lastError?.message).toMatch(/thu hồi/u);
    } finally {
      await c.close();
      await d.close();
    }
    // Replaced PC: a fresh install of office A's successor re-enrols as A's unit and gets A's rows back.
    const replacement = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
    try {
      const re = await hub.core.createCode({ unitName: 'Phòng Tư pháp huyện Mường Nhé', unitId: a.unitId });
      const answer = await replacement.agent.enroll({ hubUrl: hub.url, code: re.code });
      expect(answer.restore).toBe(true);
      expect(answer.rebound).toBe(true);
      await replacement.agent.syncNow();
      const restored = await contentHash(replacement.store.deps.db, a.unitId);
      const onHub = await contentHash(hub.core.db, a.unitId);
      expect(restored.rows).toBe(6);
      expect(restored.hash).toBe(onHub.hash);
      // The old PC is now revoked (one device per office).
      await expect(a.agent.syncNow()).rejects.toMatchObject({ code: 'revoked' });
    } finally {
      await replacement.close();
    }
  });

  it('never writes codes, keys or signatures to the logs', async () => {
    const lines: string[] = [];
    const capture: Logger = { info: (m, f) => lines.push(m + JSON.stringify(f ?? {})), warn: (m, f) => lines.push(m + JSON.stringify(f ?? {})), error: (m, f) => lines.push(m + JSON.stringify(f ?? {})) };
    const { openPGlite } = await import('../../electron/store/pglite-database.js');
    const { HubCore } = await import('../../electron/sync/hub-core.js');
    const { startHubHttp } = await import('../../electron/sync/hub-http.js');
    const { runHubOp } = await import('../../electron/sync/hub-ops.js');
    const db = await openPGlite();
    const core = await HubCore.open(db, { logger: capture });
    const http = await startHubHttp({ handle: (op) => runHubOp(core, op, capture), logger: capture, adminToken: randomBytes(16).toString('hex'), enrollRate: { perSecond: 100, burst: 100 } });
    const e = await startTestOffice('Phòng Tư pháp huyện Mường Chà', {});
    e.store.deps.logger = capture;
    try {
      const { code } = await core.createCode({ unitName: 'Phòng Tư pháp huyện Mường Chà' });
      await e.agent.enroll({ hubUrl: http.url, code });
      await addPeople(e, 3);
      await e.agent.syncNow();
      const dev = (await e.agent.device()) as DeviceSettings;
      const text = lines.join('\n');
      expect(lines.length).toBeGreaterThan(3);
      for (const secret of [code, code.replace(/-/gu, ''), dev.privateKey, core.identity.privateKey, dev.privateKey.slice(20, 60)]) expect(text).not.toContain(secret);
      expect(text).not.toMatch(/"sig"/u);
    } finally {
      await e.close();
      await http.close();
      await db.close();
    }
  });
});
