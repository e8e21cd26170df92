/**
 * `npm run bench -- store-durability` (issue 3 point 1): what the journal
 * costs a form save. A form save is `people.create` through the dispatcher
 * (validation, write queue, transaction with outbox and audit, journal
 * append + fdatasync) on a store on a data folder. Baseline, measured in the
 * same run on the same disk: the same store with the journal turned off
 * (plain PGlite, which never fsyncs). Saves alternate between the two in
 * blocks so machine noise falls on both. Snapshots are off during the
 * measurement and measured separately.
 */
import { closeSync, fdatasyncSync, mkdtempSync, openSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore, type Store } from '../electron/store/open-store.js';
import { inProcessClient } from '../electron/transports/in-process.js';
import type { ApiClient } from '../shared/api/client.js';

const N = Number(process.env.BENCH_SAVES ?? 400);
const BLOCK = 25;
const quiet = { info: () => undefined, warn: () => undefined, error: () => undefined };

const SETUP = {
  office: { name: 'Phòng Tư pháp huyện Mường Nhé', shortName: 'PTP', level: 'district_office' as const, parentName: 'UBND huyện Mường Nhé', province: 'Điện Biên', placeName: 'Mường Nhé' },
  admin: { displayName: 'Lò Văn Thành', username: 'admin', password: 'matkhau123' },
};

interface Subject {
  name: string;
  store: Store;
  api: ApiClient;
  unit: string;
  times: number[];
}

async function subject(name: string, dir: string, journal: boolean): Promise<Subject> {
  const store = await openStore({ dataDir: dir, logger: quiet, durable: { journal, snapshotIntervalMs: 24 * 3_600_000 } });
  const api = inProcessClient(store);
  const s = await api.call('system.setup', SETUP);
  api.setSession(s.token);
  return { name, store, api, unit: s.officeUnitId, times: [] };
}

async function save(s: Subject, i: number, record: boolean): Promise<void> {
  const t = performance.now();
  await s.api.call('people.create', { fullName: `Nguyễn Thị Hương ${i}`, gender: 'female', staffCategory: 'cong_chuc', unitId: s.unit, birthDate: '1990-02-03', position: 'Chuyên viên' });
  if (record) s.times.push(performance.now() - t);
}

function q(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

function stats(times: number[]) {
  const s = [...times].sort((a, b) => a - b);
  return { p50: q(s, 50), p90: q(s, 90), p99: q(s, 99), max: s.at(-1) ?? Number.NaN };
}

const f = (x: number) => x.toFixed(2);

const root = mkdtempSync(join(tmpdir(), 'thidua-bench-dur-'));
try {
  const journaled = await subject('journal', join(root, 'journal'), true);
  const plain = await subject('plain', join(root, 'plain'), false);
  for (let i = 0; i < 20; i += 1) {
    await save(journaled, -i, false);
    await save(plain, -i, false);
  }
  // Time spent in the journal alone (append + fdatasync), inside the journaled saves.
  const sinkTimes: number[] = [];
  const sink = journaled.store.deps.durability;
  journaled.store.deps.durability = {
    committed: async (changes) => {
      const t = performance.now();
      await sink.committed(changes);
      sinkTimes.push(performance.now() - t);
    },
  };
  // The disk's own floor: a 600-byte append + fdatasync in the same folder, same run.
  const probe = () => {
    const fd = openSync(join(root, 'probe.bin'), 'a');
    const t = performance.now();
    writeSync(fd, Buffer.alloc(600, 1));
    fdatasyncSync(fd);
    const ms = performance.now() - t;
    closeSync(fd);
    return ms;
  };
  const disk: number[] = [];
  for (let done = 0; done < N; done += BLOCK) {
    for (let i = 0; i < BLOCK; i += 1) disk.push(probe());
    const order = (done / BLOCK) % 2 === 0 ? [journaled, plain] : [plain, journaled];
    for (const s of order) for (let i = 0; i < BLOCK; i += 1) await save(s, done + i, true);
  }
  const j = stats(journaled.times);
  const p = stats(plain.times);
  console.log(`form save (people.create via dispatcher), ${N} each, file-backed store`);
  console.log(`  with journal (fdatasync before reply): median ${f(j.p50)} ms  p90 ${f(j.p90)} ms  p99 ${f(j.p99)} ms  max ${f(j.max)} ms`);
  console.log(`  plain PGlite (no fsync, baseline):     median ${f(p.p50)} ms  p90 ${f(p.p90)} ms  p99 ${f(p.p99)} ms  max ${f(p.max)} ms`);
  const js = stats(sinkTimes);
  const d = stats(disk);
  console.log(`  journal append + fdatasync alone:      median ${f(js.p50)} ms  p90 ${f(js.p90)} ms  p99 ${f(js.p99)} ms`);
  console.log(`  this disk's fdatasync of 600 bytes:    median ${f(d.p50)} ms  p90 ${f(d.p90)} ms  p99 ${f(d.p99)} ms`);
  console.log(`  journal adds: median ${f(j.p50 - p.p50)} ms, p99 ${f(j.p99 - p.p99)} ms (ratio p99 ${f(j.p99 / p.p99)})`);

  const snaps: number[] = [];
  for (let i = 0; i < 3; i += 1) {
    const t = performance.now();
    await journaled.store.deps.durable?.snapshot('bench');
    snaps.push(performance.now() - t);
  }
  const snap = stats(snaps);
  const size = journaled.store.deps.durable?.snapshotList()[0]?.size ?? 0;
  console.log(`  snapshot (CHECKPOINT + dump + gzip + fsync + rename), ${N + 21} people: median ${f(snap.p50)} ms, ${(size / 1e6).toFixed(1)} MB`);

  await journaled.store.close();
  await plain.store.close();
  const t = performance.now();
  const reopened = await openStore({ dataDir: join(root, 'journal'), logger: quiet });
  const reopenMs = performance.now() - t;
  await reopened.close();
  console.log(`  reopen with journal check: ${f(reopenMs)} ms`);
  console.log(
    `RESULT bench=store-durability saves=${N} journal_p50_ms=${f(j.p50)} journal_p99_ms=${f(j.p99)} plain_p50_ms=${f(p.p50)} plain_p99_ms=${f(p.p99)} added_p50_ms=${f(j.p50 - p.p50)} added_p99_ms=${f(j.p99 - p.p99)} ratio_p99=${f(j.p99 / p.p99)} journal_only_p50_ms=${f(js.p50)} journal_only_p99_ms=${f(js.p99)} disk_fdatasync_p50_ms=${f(d.p50)} disk_fdatasync_p99_ms=${f(d.p99)} snapshot_ms=${f(snap.p50)} reopen_ms=${f(reopenMs)}`,
  );
} finally {
  rmSync(root, { recursive: true, force: true });
}
