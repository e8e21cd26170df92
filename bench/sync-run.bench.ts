import { gzipSync } from 'node:zlib';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import express from 'express';
import expressPouchDB from 'express-pouchdb';
import PouchDB from 'pouchdb-core';
import pouchHttp from 'pouchdb-adapter-http';
import pouchMemory from 'pouchdb-adapter-memory';
import pouchReplication from 'pouchdb-replication';
import { openPGlite } from '../electron/store/pglite-database.js';
import { openStore, type Store } from '../electron/store/open-store.js';
import { mutate } from '../electron/store/mutation.js';
import { inProcessClient } from '../electron/transports/in-process.js';
import { HubCore } from '../electron/sync/hub-core.js';
import { startHubHttp } from '../electron/sync/hub-http.js';
import { runHubOp } from '../electron/sync/hub-ops.js';
import { OfficeSyncAgent } from '../electron/sync/office-agent.js';
import { PROFILES, startLinkProxy, type LinkProfile } from '../test/support/link-proxy.js';
import { OFFICE_SETUP, quietLogger } from '../test/support/store.js';
import { generateYear, type YearData } from './sync-data.bench.js';

/**
 * Sync over an emulated rural link, ours against PouchDB replication of the
 * same records and attachments to an express-pouchdb server, both through
 * the same throttling proxy in the same run. Figures, not pass/fail.
 */
const FULL = process.env.BENCH_FULL === '1';
const ATTACHMENTS = Number(process.env.BENCH_ATTACHMENTS ?? (FULL ? 300 : 10));
/** One cut per this many bytes sent (the issue's full run: 6 MB; the short run cuts once, mid-way). */
const CUT_EVERY = FULL ? 6 * 1024 * 1024 : Math.floor((ATTACHMENTS * 200 * 1024) / 2);
const SEED = 2025;
/** BENCH_SKIP_POUCHDB=1: our figures only (the PouchDB baseline alone takes minutes at Slow 3G). */
const SKIP_POUCH = process.env.BENCH_SKIP_POUCHDB === '1';

PouchDB.plugin(pouchMemory).plugin(pouchHttp).plugin(pouchReplication);

function mb(n: number): string {
  return (n / 1024 / 1024).toFixed(3);
}

async function office(name: string): Promise<{ store: Store; unitId: string }> {
  const store = await openStore({ logger: quietLogger });
  const api = inProcessClient(store);
  const s = await api.call('system.setup', { ...OFFICE_SETUP, office: { ...OFFICE_SETUP.office, name } });
  return { store, unitId: s.officeUnitId };
}

async function hub() {
  const db = await openPGlite();
  const core = await HubCore.open(db, { logger: quietLogger, name: 'Sở Tư pháp' });
  const http = await startHubHttp({ handle: (op) => runHubOp(core, op, quietLogger), logger: quietLogger, adminToken: 'bench-admin-token-000000', rate: { perSecond: 1e6, burst: 1e6 } });
  return { core, http, async close() { await http.close(); await db.close(); } };
}

interface Measure { bytes: number; up: number; down: number; requests: number; connections: number; seconds: number }

async function ours(profile: LinkProfile, withAttachments: boolean) {
  const h = await hub();
  const o = await office('Phòng Tư pháp huyện Mường Nhé');
  const year: YearData = await generateYear(o.store, o.unitId, { seed: SEED, attachments: withAttachments ? ATTACHMENTS : 0 });
  const proxy = await startLinkProxy({ host: '127.0.0.1', port: h.http.port }, profile);
  const agent = new OfficeSyncAgent(o.store.deps);
  const { code } = await h.core.createCode({ unitName: 'bench' });
  await agent.enroll({ hubUrl: proxy.url, code });
  const outbox = await o.store.deps.db.query<{ payload: unknown }>('SELECT payload FROM outbox ORDER BY seq');
  const gz = gzipSync(Buffer.from(JSON.stringify(outbox.rows.map((r) => r.payload)))).length;
  const measure = async (fn: () => Promise<number>): Promise<Measure> => {
    proxy.resetStats();
    const t = performance.now();
    const requests = await fn();
    return { bytes: proxy.stats.bytesUp + proxy.stats.bytesDown, up: proxy.stats.bytesUp, down: proxy.stats.bytesDown, requests, connections: proxy.stats.connections, seconds: (performance.now() - t) / 1000 };
  };
  const records = await measure(async () => (await agent.syncNow({ mode: 'none' })).requests);
  let attachments: Measure | null = null;
  let cuts = 0;
  if (withAttachments) {
    attachments = await measure(async () => {
      let requests = 0;
      proxy.cutAfter(CUT_EVERY);
      for (let i = 0; i < 200; i++) {
        const before = proxy.stats.cuts;
        try {
          const s = await agent.syncNow({ mode: 'all' });
          requests += s.requests;
          break;
        } catch {
          requests += 0;
        }
        if (proxy.stats.cuts > before) proxy.cutAfter(CUT_EVERY);
      }
      cuts = proxy.stats.cuts;
      return requests;
    });
  }
  // Edit ten records that carry scans: only the rows travel.
  const edit = await measure(async () => {
    await mutate({ deps: o.store.deps, actor: { userId: null, userName: 'Bench' }, officeUnitId: o.unitId }, 'bench.edit', async (w) => {
      for (const id of year.nominationIds.slice(0, 10)) await w.update('people', id, { position: 'Đã bổ sung hồ sơ' });
    });
    return (await agent.syncNow({ mode: 'all' })).requests;
  });
  const idle = await measure(async () => (await agent.syncNow({ mode: 'all' })).requests);
  agent.stop();
  await proxy.close();
  await o.store.close();
  await h.close();
  return { records, attachments, edit, idle, gz, cuts, year };
}

/** `maxCuts`: as many cuts as our run took, so both peers face the same link (PouchDB restarts a cut batch from scratch). */
async function pouch(profile: LinkProfile, rows: Record<string, unknown>[], attachments: number, maxCuts: number) {
  let requests = 0;
  const app = express();
  app.use((_req, _res, next) => {
    requests++;
    next();
  });
  const Server = PouchDB.defaults({ adapter: 'memory' });
  app.use('/', expressPouchDB(Server, { mode: 'minimumForPouchDB', inMemoryConfig: true }));
  const server: Server = await new Promise((resolve) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
  });
  // Same keep-alive as the hub, so neither peer loses requests to an idle-close race on the slow link.
  server.keepAliveTimeout = 120_000;
  const proxy = await startLinkProxy({ host: '127.0.0.1', port: (server.address() as AddressInfo).port }, profile);
  const local = new PouchDB(`local-${Date.now()}`, { adapter: 'memory' });
  await local.bulkDocs(rows.map((r) => ({ ...r, _id: String(r.id) })));
  const measure = async (fn: () => Promise<void>): Promise<Measure> => {
    proxy.resetStats();
    requests = 0;
    const t = performance.now();
    await fn();
    return { bytes: proxy.stats.bytesUp + proxy.stats.bytesDown, up: proxy.stats.bytesUp, down: proxy.stats.bytesDown, requests, connections: proxy.stats.connections, seconds: (performance.now() - t) / 1000 };
  };
  const remote = `${proxy.url}/remote`;
  let retries = 0;
  // Counted outside the link: how many documents the server holds.
  const direct = new PouchDB(`http://127.0.0.1:${(server.address() as AddressInfo).port}/remote`);
  /** Replicates until the server has `expected` documents: a failed or stalled run (60 s without finishing) is cancelled and re-run, as a retrying replication would. */
  const replicateAll = async (expected: number) => {
    for (let i = 0; i < 40; i++) {
      const rep = local.replicate.to(remote);
      const timer = setTimeout(() => rep.cancel(), 60_000);
      try {
        await rep;
      } catch {
        // failed request: counted below
      } finally {
        clearTimeout(timer);
      }
      const info = await direct.info().catch(() => ({ doc_count: 0 }));
      if (info.doc_count >= expected) return;
      retries++;
    }
  };
  const records = await measure(async () => {
    // Through the emulated link some of PouchDB's many short connections end in "socket hang up";
    // the re-runs and the bytes they resend are counted, and printed as pouchdb_retries.
    await replicateAll(rows.length);
  });
  let att: Measure | null = null;
  if (attachments > 0) {
    const { randomBytes } = await import('node:crypto');
    for (let i = 0; i < attachments; i++) {
      await local.put({ _id: `scan-${i}`, _attachments: { 'scan.jpg': { content_type: 'image/jpeg', data: randomBytes(200 * 1024).toString('base64') } } });
    }
    att = await measure(async () => {
      proxy.cutAfter(CUT_EVERY);
      let cuts = 0;
      const timer = setInterval(() => {
        // After each cut, arm the next one (one per CUT_EVERY bytes sent).
        if (proxy.stats.cuts > cuts) {
          cuts = proxy.stats.cuts;
          if (cuts < maxCuts) proxy.cutAfter(CUT_EVERY);
        }
      }, 100);
      await replicateAll(rows.length + attachments);
      clearInterval(timer);
    });
  }
  const attachmentCuts = proxy.stats.cuts;
  await proxy.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return { records, attachments: att, retries, attachmentCuts };
}

function line(label: string, m: Measure): string {
  return `${label.padEnd(34)} ${mb(m.bytes).padStart(8)} MB  up ${mb(m.up)} MB  ${String(m.requests).padStart(5)} req  ${String(m.connections).padStart(3)} conn  ${m.seconds.toFixed(1).padStart(7)} s`;
}

async function main(): Promise<void> {
  const slow = PROFILES.slow3g;
  const rtt = (slow.delayMs * 2) / 1000;
  process.stdout.write(`Sync benchmark: 5,000 records + ${ATTACHMENTS} scans of 200 KB; Slow 3G = 400 kbit/s each way, 400 ms RTT; EDGE = 240/200 kbit/s, 840 ms RTT\n`);
  const a = await ours(slow, true);
  process.stdout.write(`${line('ours  records (Slow 3G)', a.records)}\n`);
  if (a.attachments) process.stdout.write(`${line(`ours  attachments, ${a.cuts} cuts`, a.attachments)}\n`);
  process.stdout.write(`${line('ours  edit 10 rows with scans', a.edit)}\n`);
  process.stdout.write(`${line('ours  idle check', a.idle)}\n`);
  const e = await ours(PROFILES.edge, false);
  process.stdout.write(`${line('ours  records (EDGE)', e.records)}\n`);
  const none: Measure = { bytes: Number.NaN, up: Number.NaN, down: Number.NaN, requests: Number.NaN, connections: Number.NaN, seconds: Number.NaN };
  const p = SKIP_POUCH ? { records: none, attachments: null, retries: Number.NaN, attachmentCuts: Number.NaN } : await pouch(slow, a.year.rows, ATTACHMENTS, a.cuts);
  if (!SKIP_POUCH) process.stdout.write(`${line('PouchDB records (Slow 3G)', p.records)}\n`);
  if (p.attachments) process.stdout.write(`${line('PouchDB attachments, with cuts', p.attachments)}\n`);
  const floor = a.gz / slow.upBytesPerSecond + 2 * rtt;
  const raw = ATTACHMENTS * 200 * 1024;
  process.stdout.write(`records gzip ${mb(a.gz)} MB; floor at Slow 3G = gzip/bandwidth + 2 RTT (connect + one request) = ${floor.toFixed(1)} s\n`);
  const kv = {
    records_bytes: a.records.bytes,
    records_requests: a.records.requests,
    records_connections: a.records.connections,
    records_s: a.records.seconds.toFixed(1),
    records_edge_s: e.records.seconds.toFixed(1),
    pouchdb_records_bytes: p.records.bytes,
    pouchdb_records_requests: p.records.requests,
    pouchdb_records_s: p.records.seconds.toFixed(1),
    pouchdb_retries: p.retries,
    pouchdb_connections: p.records.connections,
    bytes_vs_pouchdb: (a.records.bytes / p.records.bytes).toFixed(3),
    time_vs_pouchdb: (a.records.seconds / p.records.seconds).toFixed(3),
    attachments_overhead: a.attachments ? (a.attachments.up / raw).toFixed(3) : 'n/a',
    attachment_cuts: a.cuts,
    pouchdb_attachments_overhead: p.attachments ? (p.attachments.up / raw).toFixed(3) : 'n/a',
    pouchdb_attachment_cuts: p.attachmentCuts,
    edit_bytes: a.edit.bytes,
    idle_bytes: a.idle.bytes,
    idle_requests: a.idle.requests,
    ratio_to_floor: (a.records.seconds / floor).toFixed(2),
  };
  process.stdout.write(`RESULT ${Object.entries(kv).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
