import { Agent, request } from 'node:http';
import { join } from 'node:path';
import { encodeBundle, packJson } from '../electron/sync/codec.js';
import { generateKeys, signText } from '../electron/sync/keys.js';
import { startHub, type HubHost } from '../electron/sync/hub-host.js';
import { PROTOCOL_VERSION, enrollSigningPayload, type Entry } from '../shared/sync/protocol.js';
import { freshPostgresDatabase, postgresServer } from '../test/support/postgres.js';
import { quietLogger } from '../test/support/store.js';

/**
 * Hub load: simulated offices push signed, validated 50-row batches. Open
 * loop at a fixed offered rate (latency measured from the scheduled start,
 * so queueing counts), then closed loop for the saturation throughput. The
 * hub is the real one: HTTP on this thread, its database on a worker
 * (PGlite) or PostgreSQL 15.
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const OFFICES = Number(process.env.BENCH_OFFICES ?? 150);
const RATE_PGLITE = Number(process.env.BENCH_RATE_PGLITE ?? 150);
const RATE_PG = Number(process.env.BENCH_RATE_PG ?? 300);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 10);
const BATCH = 50;

interface Office {
  deviceId: string;
  unitId: string;
  privateKey: string;
  n: number;
  seq: number;
  busy: Promise<unknown>;
}

const agent = new Agent({ keepAlive: true, maxSockets: 400 });

function post(url: string, path: string, body: Buffer, type = 'application/octet-stream'): Promise<{ status: number; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, url), { method: 'POST', agent, headers: { 'content-type': type, 'content-length': body.length } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function enrollOffices(hub: HubHost, count: number): Promise<Office[]> {
  const out: Office[] = [];
  for (let i = 0; i < count; i++) {
    const unitId = `xa-${i}-${Math.random().toString(36).slice(2, 8)}`;
    const codeReply = await hub.handle({ op: 'createCode', unitName: `UBND xã ${i}` });
    const code = (JSON.parse(Buffer.from(codeReply.body).toString()) as { value: { code: string } }).value.code;
    const keys = generateKeys();
    const unsigned = { v: PROTOCOL_VERSION, code, publicKey: keys.publicKey, deviceName: `PC-${i}`, officeUnitId: unitId, officeName: `UBND xã ${i}`, at: new Date().toISOString() };
    const r = await post(hub.url, '/sync/v1/enroll', Buffer.from(JSON.stringify({ ...unsigned, sig: signText(keys.privateKey, enrollSigningPayload(unsigned)) })), 'application/json');
    const answer = JSON.parse(r.body.toString()) as { value: { deviceId: string; hubUnitId: string } };
    out.push({ deviceId: answer.value.deviceId, unitId, privateKey: keys.privateKey, n: 0, seq: 0, busy: Promise.resolve() });
  }
  return out;
}

function row(o: Office, seq: number, now: string): Record<string, unknown> {
  return {
    id: `${o.unitId}-p${seq}`,
    owner_unit_id: o.unitId,
    version: 1,
    created_at: now,
    updated_at: now,
    updated_by: 'Cán bộ tư pháp - hộ tịch',
    unit_id: o.unitId,
    full_name: `Giàng A Sính ${seq}`,
    gender: 'male',
    birth_date: '1990-05-12',
    position: 'Công chức Tư pháp - Hộ tịch',
    staff_category: 'cong_chuc',
    start_date: '2015-03-01',
    status: 'working',
    note: 'Tham gia tuyên truyền pháp luật cho đồng bào dân tộc thiểu số; hòa giải ở cơ sở đạt kết quả tốt.',
    search_key: `giang a sinh ${seq}`,
  };
}

/** The next signed batch of an office (its first carries its own unit row, which the people rows reference). */
function nextBatch(o: Office, hubId: string): Buffer {
  const now = new Date().toISOString();
  const entries: Entry[] = [];
  const after = o.seq;
  if (o.seq === 0) {
    o.seq = 1;
    entries.push({ seq: 1, table: 'units', id: o.unitId, owner: o.unitId, version: 1, op: 'insert', row: { id: o.unitId, owner_unit_id: o.unitId, version: 1, created_at: now, updated_at: now, updated_by: 'x', parent_id: null, name: `UBND xã ${o.unitId}`, short_name: null, level: 'commune', parent_name: null, province: null, place_name: null, valid_from: null, valid_to: null, status: 'active' } });
  }
  while (entries.length < BATCH) {
    o.seq += 1;
    entries.push({ seq: o.seq, table: 'people', id: `${o.unitId}-p${o.seq}`, owner: o.unitId, version: 1, op: 'insert', row: row(o, o.seq, now) });
  }
  o.n += 1;
  const packed = packJson({ push: { after, entries }, pull: { after: 0, limit: 100, includeOwn: false } });
  return encodeBundle({ v: PROTOCOL_VERSION, kind: 'exchange', from: o.deviceId, to: hubId, unit: o.unitId, n: o.n, at: now, enc: packed.enc }, packed.body, o.privateKey);
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

async function runHub(label: string, hub: HubHost, rate: number): Promise<{ p50: number; p99: number; errors: number; done: number; saturation: number }> {
  const hubId = `hub:${hub.hubUnitId}`;
  const offices = await enrollOffices(hub, OFFICES);
  // Warm-up: each office's first batch (its unit row), not measured.
  await Promise.all(offices.map(async (o) => post(hub.url, '/sync/v1/exchange', nextBatch(o, hubId))));
  const latencies: number[] = [];
  let errors = 0;
  const total = Math.round(rate * SECONDS);
  const start = performance.now();
  const all: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const scheduled = start + (i * 1000) / rate;
    const wait = scheduled - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const o = offices[i % offices.length] as Office;
    // One office syncs one batch at a time (its cursor); a late one queues, and the queueing counts.
    const p = o.busy.then(async () => {
      try {
        const r = await post(hub.url, '/sync/v1/exchange', nextBatch(o, hubId));
        if (r.status !== 200) errors++;
      } catch {
        errors++;
      }
      latencies.push(performance.now() - scheduled);
    });
    o.busy = p;
    all.push(p);
  }
  await Promise.all(all);
  latencies.sort((a, b) => a - b);
  // Closed loop: every office sends its next batch as soon as the last one is answered.
  let done = 0;
  const satEnd = performance.now() + SATURATION_SECONDS * 1000;
  await Promise.all(
    offices.map(async (o) => {
      while (performance.now() < satEnd) {
        const r = await post(hub.url, '/sync/v1/exchange', nextBatch(o, hubId)).catch(() => ({ status: 0 }));
        if (r.status === 200) done++;
      }
    }),
  );
  const saturation = done / SATURATION_SECONDS;
  const res = { p50: percentile(latencies, 50), p99: percentile(latencies, 99), errors, done: latencies.length, saturation };
  process.stdout.write(`${label.padEnd(10)} offered ${rate}/s for ${SECONDS}s (${OFFICES} offices, ${BATCH}-row signed batches): p50 ${res.p50.toFixed(0)} ms, p99 ${res.p99.toFixed(0)} ms, errors ${errors}/${res.done}; saturation (closed loop) ${saturation.toFixed(0)} batch-syncs/s\n`);
  return res;
}

async function main(): Promise<void> {
  const workerPath = join(process.cwd(), 'dist-electron', 'hub-worker.mjs');
  const common = { workerPath, logger: quietLogger, rate: { perSecond: 1000, burst: 1000 }, enrollRate: { perSecond: 1000, burst: 1000 } };
  const pgliteHub = await startHub(common);
  const a = await runHub('PGlite', pgliteHub, RATE_PGLITE);
  await pgliteHub.close();
  let b: Awaited<ReturnType<typeof runHub>> | null = null;
  const server = await postgresServer();
  if (server.available) {
    const fresh = await freshPostgresDatabase(server.url);
    await fresh.database.close();
    const pgHub = await startHub({ ...common, databaseUrl: fresh.url });
    b = await runHub('PostgreSQL', pgHub, RATE_PG);
    await pgHub.close();
    await fresh.drop().catch(() => undefined);
  } else {
    process.stdout.write(`PostgreSQL skipped: ${server.reason}\n`);
  }
  const kv = {
    offices: OFFICES,
    seconds: SECONDS,
    pglite_rate: RATE_PGLITE,
    pglite_p50_ms: a.p50.toFixed(0),
    pglite_p99_ms: a.p99.toFixed(0),
    pglite_errors: a.errors,
    pglite_saturation_per_s: a.saturation.toFixed(0),
    postgres_rate: RATE_PG,
    postgres_p50_ms: b ? b.p50.toFixed(0) : 'n/a',
    postgres_p99_ms: b ? b.p99.toFixed(0) : 'n/a',
    postgres_errors: b ? b.errors : 'n/a',
    postgres_saturation_per_s: b ? b.saturation.toFixed(0) : 'n/a',
  };
  process.stdout.write(`RESULT ${Object.entries(kv).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  agent.destroy();
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
