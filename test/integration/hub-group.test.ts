import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHub, type HubHost } from '../../electron/sync/hub-host.js';
import { contentHash } from '../../electron/sync/content-hash.js';
import { openPGlite } from '../../electron/store/pglite-database.js';
import { consoleLogger } from '../../electron/store/deps.js';
import { HubCore } from '../../electron/sync/hub-core.js';
import { ExchangeGroups } from '../../electron/sync/hub-group.js';
import { prepareExchange, type ExchangeOutcome } from '../../electron/sync/hub-prepare.js';
import { decodeBundle, unpackJson } from '../../electron/sync/codec.js';
import type { ExchangeAnswer } from '../../shared/sync/protocol.js';
import { addPeople, startTestOffice, type TestOffice } from '../support/sync-harness.js';
import { enrollRequest, nextExchange, type RawOffice } from '../support/hub-offices.js';
import { quietLogger } from '../support/store.js';

const workerPath = join(process.cwd(), 'dist-electron', 'hub-worker.mjs');
const logger = process.env.SYNC_DEBUG ? consoleLogger('hub') : quietLogger;

async function code(hub: HubHost, unitName: string): Promise<string> {
  const r = await hub.handle({ op: 'createCode', unitName });
  return (JSON.parse(Buffer.from(r.body).toString()) as { value: { code: string } }).value.code;
}

describe('hub host: uploads checked on the HTTP thread, group commit and journal on the database thread', () => {
  let dir: string;
  let hub: HubHost;
  let office: TestOffice;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'thidua-hubgroup-'));
    hub = await startHub({ workerPath, dataDir: dir, logger, quietDatabaseLog: !process.env.SYNC_DEBUG });
    office = await startTestOffice('Phòng Tư pháp huyện Mường Nhé');
  });
  afterAll(async () => {
    await office.close();
    await hub.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('an office syncs through the real host and both copies end equal', async () => {
    await office.agent.enroll({ hubUrl: hub.url, code: await code(hub, 'Mường Nhé'), deviceName: 'PC-1' });
    await addPeople(office, 120);
    await office.agent.syncNow();
    const stats = await hub.stats();
    expect(stats.exchanges).toBeGreaterThan(0);
    await hub.close();
    const db = await openPGlite({ dataDir: join(dir, 'db') });
    try {
      const mine = await contentHash(office.store.deps.db, office.unitId);
      const theirs = await contentHash(db, office.unitId);
      expect(mine.rows).toBe(121);
      expect(theirs.hash).toBe(mine.hash);
    } finally {
      await db.close();
    }
    hub = await startHub({ workerPath, dataDir: dir, logger, quietDatabaseLog: true });
  });
});

describe('group commit: exchanges waiting together are applied together, each judged on its own', () => {
  it('a gap, a replay, another unit’s row and a row the database refuses do not fail the others', async () => {
    const db = await openPGlite();
    const core = await HubCore.open(db, { logger: quietLogger });
    const groups = new ExchangeGroups({
      db,
      logger: quietLogger,
      clock: () => new Date(),
      durability: null,
      single: (p) => core.exchange(Buffer.from(p.raw), { usb: p.usb }),
      pump: () => core.pump(),
      finish: (p, a) => core.finishExchange(p.unitId, p.body, p.usb, a, { pumped: true }),
    });
    const enrol = async (name: string): Promise<RawOffice> => {
      const { code } = await core.createCode({ unitName: name });
      const req = enrollRequest(code, `xa-${name}`);
      const enrolled = await core.enroll(JSON.parse(req.body.toString()));
      return { deviceId: enrolled.deviceId, unitId: `xa-${name}`, ...req.keys, n: 0, seq: 0 };
    };
    const [a, b, c, d, e, f, g] = [await enrol('a'), await enrol('b'), await enrol('c'), await enrol('d'), await enrol('e'), await enrol('f'), await enrol('g')];
    const device = async (id: string) => {
      const r = (await db.query<{ unit_id: string; public_key: string; revoked_at: string | null }>('SELECT unit_id, public_key, revoked_at FROM hub_devices WHERE id = $1', [id])).rows[0];
      return r ? { id, unitId: r.unit_id, publicKey: r.public_key, revoked: r.revoked_at !== null } : null;
    };
    const prep = (bytes: Buffer) => prepareExchange(bytes, { hubId: core.hubId, usb: false, device });
    type Outcome = { ok: true; push: ExchangeAnswer['push'] } | { ok: false; code: string; cursor?: number };
    const settle = async (p: Promise<ExchangeOutcome>): Promise<Outcome> => {
      try {
        const o = await p;
        if (!('signed' in o)) return { ok: true, push: o.answer.push };
        const msg = decodeBundle(Buffer.from(o.signed));
        return { ok: true, push: (unpackJson(msg.header.enc, msg.body) as ExchangeAnswer).push };
      } catch (error) {
        const { code, cursor } = error as { code: string; cursor?: number };
        return { ok: false, code, ...(cursor !== undefined ? { cursor } : {}) };
      }
    };

    // Group 1: all prepared first, then submitted together (one group: nothing awaits between the submits).
    const dFirst = nextExchange(d, core.hubId);
    const taken = `${a.unitId}-p2`;
    const inputs = await Promise.all([
      prep(nextExchange(a, core.hubId)),
      prep(nextExchange(b, core.hubId)),
      prep(nextExchange(c, core.hubId, { after: 500 })),
      prep(dFirst),
      prep(dFirst),
      prep(
        nextExchange(f, core.hubId, {
          edit: (entries) => {
            const last = entries.at(-1);
            if (last) Object.assign(last, { id: taken, row: { ...last.row, id: taken } });
          },
        }),
      ),
    ]);
    const before = { ...groups.stats };
    const results = await Promise.all(inputs.map((p) => settle(groups.submit(p))));
    expect(groups.stats.groups - before.groups).toBe(2); // d's second copy waits for the next group (one exchange per device per group)
    expect(groups.stats.fallbacks).toBe(0);
    const [ra, rb, rc, rd1, rd2, rf] = results;
    expect(ra).toEqual({ ok: true, push: { cursor: 50, applied: 50 } });
    expect(rb).toEqual({ ok: true, push: { cursor: 50, applied: 50 } });
    expect(rc).toEqual({ ok: false, code: 'gap', cursor: 0 });
    expect(rd1).toEqual({ ok: true, push: { cursor: 50, applied: 50 } });
    expect(rd2).toEqual({ ok: false, code: 'replay' });
    expect(rf?.ok && rf.push?.cursor).toBe(50);
    expect(rf?.ok && rf.push?.applied).toBe(49);
    expect(rf?.ok && rf.push?.refused?.map((r) => [r.code, r.id])).toEqual([['scope', taken]]);
    const owner = await db.query<{ owner_unit_id: string }>('SELECT owner_unit_id FROM people WHERE id = $1', [taken]);
    expect(owner.rows[0]?.owner_unit_id).toBe(a.unitId);
    const cursors = await db.query<{ id: string; upload_cursor: number }>('SELECT id, upload_cursor FROM hub_devices');
    const cursorOf = (o: { deviceId: string }) => Number(cursors.rows.find((r) => r.id === o.deviceId)?.upload_cursor);
    expect([cursorOf(a), cursorOf(b), cursorOf(c), cursorOf(d), cursorOf(f)]).toEqual([50, 50, 0, 50, 50]);

    // Group 2: a row the database refuses (a date that is no date) makes the group fall back to single exchanges.
    const inputs2 = await Promise.all([
      prep(
        nextExchange(e, core.hubId, {
          edit: (entries) => {
            const last = entries.at(-1);
            if (last) last.row = { ...last.row, birth_date: '1990-13-45' };
          },
        }),
      ),
      prep(nextExchange(g, core.hubId)),
      prep(nextExchange(a, core.hubId)),
    ]);
    const [re, rg, ra2] = await Promise.all(inputs2.map((p) => settle(groups.submit(p))));
    expect(groups.stats.fallbacks).toBe(1);
    expect(re?.ok && re.push?.cursor).toBe(50);
    expect(re?.ok && re.push?.refused?.map((r) => r.code)).toEqual(['invalid']);
    expect(rg).toEqual({ ok: true, push: { cursor: 50, applied: 50 } });
    expect(ra2).toEqual({ ok: true, push: { cursor: 100, applied: 50 } });
    const people = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people');
    // a 99 + b 49 + d 49 + f 48 (one refused) + e 48 (one refused) + g 49
    expect(people.rows[0]?.n).toBe(99 + 49 + 49 + 48 + 48 + 49);
    const feed = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM sync_feed WHERE table_name = 'people'");
    expect(feed.rows[0]?.n).toBe(people.rows[0]?.n);
    await db.close();
  });
});
