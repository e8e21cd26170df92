import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateKeys, signText } from '../electron/sync/keys.js';
import { startHub, type HubHost } from '../electron/sync/hub-host.js';
import { PROTOCOL_VERSION, enrollSigningPayload } from '../shared/sync/protocol.js';
import { freshPostgresDatabase, postgresServer } from '../test/support/postgres.js';
import { quietLogger } from '../test/support/store.js';
import { startBareHub } from './hub-bare.bench.js';
import type { LoadJob, LoadOffice, LoadResult } from './hub-load.bench.js';

/**
 * Hub load (issue 4, point 8): simulated offices push signed, validated
 * 50-row batches. Open loop at a fixed offered rate (latency from each
 * request's scheduled start, so queueing counts), then closed loop for the
 * saturation throughput. The hub is the real one, as `npm run hub` runs it:
 * HTTP + checks on the main thread, database on a worker with group commit;
 * on PGlite in a data folder with its journal (one fdatasync per group), or
 * on PostgreSQL 15. The load generator is a separate process that signs and
 * compresses every batch before the clock starts. Baseline measured in the
 * same run: a bare PGlite hub without authentication (bench/hub-bare.bench.ts).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const OFFICES = Number(process.env.BENCH_OFFICES ?? 150);
const RATE_PGLITE = Number(process.env.BENCH_RATE_PGLITE ?? 150);
const RATE_PG = Number(process.env.BENCH_RATE_PG ?? 300);
const SATURATION_SECONDS = Number(process.env.BENCH_SATURATION_SECONDS ?? 10);
const SKIP_PG = process.env.BENCH_SKIP_PG === '1';
const LOAD_PATH = process.env.THIDUA_HUB_LOAD_PATH ?? '';

function load(job: LoadJob): Promise<LoadResult> {
  return new Promise((resolve, reject) => {
    const child = fork(LOAD_PATH, [], { env: { ...process.env, THIDUA_HUB_LOAD_CHILD: '1' }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('message', (m: { ok: boolean; result?: LoadResult; error?: string }) => (m.ok && m.result ? resolve(m.result) : reject(new Error(m.error))));
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`load generator exited ${code}`));
    });
    child.send(job);
  });
}

async function enrollOffices(hub: HubHost, count: number): Promise<LoadOffice[]> {
  const out: LoadOffice[] = [];
  for (let i = 0; i < count; i++) {
    const unitId = `xa-${i}-${Math.random().toString(36).slice(2, 8)}`;
    const codeReply = await hub.handle({ op: 'createCode', unitName: `UBND xã ${i}` });
    const code = (JSON.parse(Buffer.from(codeReply.body).toString()) as { value: { code: string } }).value.code;
    const keys = generateKeys();
    const unsigned = { v: PROTOCOL_VERSION, code, publicKey: keys.publicKey, deviceName: `PC-${i}`, officeUnitId: unitId, officeName: `UBND xã ${i}`, at: new Date().toISOString() };
    const r = await hub.handle({ op: 'enroll', body: Buffer.from(JSON.stringify({ ...unsigned, sig: signText(keys.privateKey, enrollSigningPayload(unsigned)) })) });
    const answer = JSON.parse(Buffer.from(r.body).toString()) as { value: { deviceId: string } };
    out.push({ deviceId: answer.value.deviceId, unitId, privateKey: keys.privateKey });
  }
  return out;
}

function pct(sorted: number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

interface Figures {
  p50: number;
  p90: number;
  p99: number;
  max: number;
  errors: number;
  sent: number;
  saturation: number;
  groupMean: number;
}

async function runHub(label: string, hub: HubHost, rate: number): Promise<Figures> {
  const offices = await enrollOffices(hub, OFFICES);
  const before = await hub.stats();
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const r = await load({ url: hub.url, hubId: `hub:${hub.hubUnitId}`, offices, rate, seconds: SECONDS, saturationSeconds: SATURATION_SECONDS });
  const cpu = process.cpuUsage(cpu0);
  const hubCpu = ((cpu.user + cpu.system) / 1000 / (performance.now() - t0)) * 100;
  const after = await hub.stats();
  const groups = after.groups - before.groups;
  const exchanges = after.exchanges - before.exchanges;
  const f: Figures = {
    p50: pct(r.latencies, 50),
    p90: pct(r.latencies, 90),
    p99: pct(r.latencies, 99),
    max: r.latencies.at(-1) ?? Number.NaN,
    errors: r.errors,
    sent: r.sent,
    saturation: r.saturation,
    groupMean: groups > 0 ? exchanges / groups : 0,
  };
  process.stdout.write(
    `${label}: offered ${rate}/s for ${SECONDS}s (${OFFICES} offices, 50-row signed batches): p50 ${f.p50.toFixed(0)} ms, p90 ${f.p90.toFixed(0)} ms, p99 ${f.p99.toFixed(0)} ms, max ${f.max.toFixed(0)} ms, errors ${f.errors}/${f.sent} (statuses ${JSON.stringify(r.statuses)}); ` +
      `saturation (closed loop, ${SATURATION_SECONDS}s) ${f.saturation.toFixed(0)} batch-syncs/s (errors ${r.saturationErrors}); ` +
      `${exchanges} exchanges in ${groups} group commits (mean ${f.groupMean.toFixed(1)}, ${after.fallbacks - before.fallbacks} fallbacks); hub process CPU ${hubCpu.toFixed(0)} %, load generator CPU ${r.generatorCpuPercent.toFixed(0)} %\n`,
  );
  return f;
}

async function runBare(): Promise<number> {
  const bare = await startBareHub();
  const offices: LoadOffice[] = Array.from({ length: OFFICES }, (_, i) => ({ deviceId: `bare-${i}`, unitId: `bare-xa-${i}`, privateKey: generateKeys().privateKey }));
  const r = await load({ url: bare.url, hubId: 'hub:bare', offices, rate: 0, seconds: 0, saturationSeconds: SATURATION_SECONDS, saturationOnly: true });
  await bare.close();
  process.stdout.write(`bare PGlite hub (no auth, no feed, no journal, in memory, same batches): saturation (closed loop, ${SATURATION_SECONDS}s) ${r.saturation.toFixed(0)} batch-syncs/s (errors ${r.saturationErrors}); load generator CPU ${r.generatorCpuPercent.toFixed(0)} %\n`);
  return r.saturation;
}

async function main(): Promise<void> {
  if (!LOAD_PATH) throw new Error('run through bench/hub.bench.mjs (npm run bench:hub)');
  const workerPath = join(process.cwd(), 'dist-electron', 'hub-worker.mjs');
  const common = { workerPath, logger: quietLogger, quietDatabaseLog: true, rate: { perSecond: 1000, burst: 1000 }, enrollRate: { perSecond: 1000, burst: 1000 } };
  const load0 = loadavg()[0] ?? 0;
  process.stdout.write(`Hub load benchmark: ${cpus().length} CPUs, load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at start; load generator in a separate process, batches signed before the clock starts; per-exchange info logs off.\n`);

  const bare = process.env.BENCH_SKIP_BARE === '1' ? Number.NaN : await runBare();

  const dir = mkdtempSync(join(tmpdir(), 'thidua-bench-hub-'));
  const pgliteHub = await startHub({ ...common, dataDir: dir });
  const a = await runHub('PGlite (data folder, journal: one fdatasync per group commit)', pgliteHub, RATE_PGLITE);
  await pgliteHub.close();
  rmSync(dir, { recursive: true, force: true });

  let b: Figures | null = null;
  const server = SKIP_PG ? { available: false as const, reason: 'BENCH_SKIP_PG=1' } : await postgresServer();
  if (server.available) {
    const fresh = await freshPostgresDatabase(server.url);
    const sc = (await fresh.database.query<{ synchronous_commit: string }>('SHOW synchronous_commit')).rows[0]?.synchronous_commit;
    await fresh.database.close();
    const pgHub = await startHub({ ...common, databaseUrl: fresh.url });
    b = await runHub(`PostgreSQL 15 (synchronous_commit=${sc})`, pgHub, RATE_PG);
    await pgHub.close();
    await fresh.drop().catch(() => undefined);
  } else {
    process.stdout.write(`PostgreSQL skipped: ${server.reason}\n`);
  }
  const load1 = loadavg()[0] ?? 0;
  process.stdout.write(`load average ${loadavg().map((x) => x.toFixed(2)).join(' ')} at end\n`);
  const kv = {
    offices: OFFICES,
    seconds: SECONDS,
    pglite_rate: RATE_PGLITE,
    pglite_p50_ms: a.p50.toFixed(0),
    pglite_p99_ms: a.p99.toFixed(0),
    pglite_errors: a.errors,
    pglite_saturation_per_s: a.saturation.toFixed(0),
    pglite_group_mean: a.groupMean.toFixed(1),
    bare_saturation_per_s: Number.isNaN(bare) ? 'n/a' : bare.toFixed(0),
    pglite_vs_bare: Number.isNaN(bare) ? 'n/a' : (a.saturation / bare).toFixed(2),
    postgres_rate: RATE_PG,
    postgres_p50_ms: b ? b.p50.toFixed(0) : 'n/a',
    postgres_p99_ms: b ? b.p99.toFixed(0) : 'n/a',
    postgres_errors: b ? b.errors : 'n/a',
    postgres_saturation_per_s: b ? b.saturation.toFixed(0) : 'n/a',
    load_avg_start: load0.toFixed(2),
    load_avg_end: load1.toFixed(2),
  };
  process.stdout.write(`RESULT ${Object.entries(kv).map(([k, v]) => `${k}=${v}`).join(' ')}\n`);
  process.exit(0);
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
