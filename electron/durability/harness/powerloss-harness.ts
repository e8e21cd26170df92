import { cpSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { CrashModel, parseFsLog } from './crash-image.js';
import { rng } from './kill-harness.js';
import { runChild } from './run-child.js';

export interface PowerLossImage {
  image: number;
  cut: number;
  acked: number;
  opened: boolean;
  recovered: boolean;
  replayed: number;
  lost: number;
  problems: string[];
  kept: string;
}

export interface PowerLossReport {
  mitigated: boolean;
  ops: number;
  fsyncs: number;
  images: PowerLossImage[];
  /** Images in which an acknowledged write was missing or the store did not open. */
  failedImages: number;
}

/**
 * Simulated power loss. A writing child runs with every file-system call it
 * makes recorded (fs-capture preload); then, for random cut points in that
 * log, a crash image is built from the baseline folder: what was fsync'd
 * stays, a random subset of later writes and a prefix of later metadata
 * changes survive. Each image is opened by a fresh child, which reports
 * what it holds; every acknowledgement logged before the cut must be there.
 * `mitigated: false` runs the same with plain PGlite (no journal), to show
 * the test bites.
 */
export async function runPowerLossHarness(o: {
  childPath: string;
  capturePath: string;
  workDir: string;
  images: number;
  seed: number;
  mitigated: boolean;
  writes?: number;
  log?: (line: string) => void;
}): Promise<PowerLossReport> {
  const random = rng(o.seed);
  const mode = o.mitigated ? [] : ['--no-journal'];
  const baseline = join(o.workDir, 'baseline');
  const capture = join(o.workDir, 'capture');
  const logPath = join(o.workDir, 'fs.log');
  mkdirSync(baseline, { recursive: true });
  const prep = await runChild({ childPath: o.childPath, dataDir: baseline, writes: 2, tag: 'base', extraArgs: mode });
  if (!prep.done) throw new Error(`baseline run failed: ${prep.stderr}`);
  cpSync(baseline, capture, { recursive: true });
  rmSync(logPath, { force: true });
  const run = await runChild({
    childPath: o.childPath,
    dataDir: capture,
    writes: o.writes ?? 10,
    tag: 'cap',
    snapshotEvery: o.mitigated ? 4 : 0,
    extraArgs: [...mode, '--no-close'],
    nodeArgs: ['--import', o.capturePath],
    env: { THIDUA_FSROOT: capture, THIDUA_FSLOG: logPath },
  });
  if (!run.done) throw new Error(`capture run failed: ${run.stderr}`);
  const ops = parseFsLog(readFileSync(logPath));
  const firstAck = ops.findIndex((op) => op.op === 'mark' && op.text.startsWith('ACK '));
  if (firstAck < 0) throw new Error('capture run acknowledged nothing');
  const report: PowerLossReport = { mitigated: o.mitigated, ops: ops.length, fsyncs: ops.filter((x) => x.op === 'fsync' || x.op === 'fsyncdir').length, images: [], failedImages: 0 };
  o.log?.(`capture: ${ops.length} file-system operations, ${report.fsyncs} fsyncs, ${run.acks.length} acknowledgements`);
  for (let image = 0; image < o.images; image += 1) {
    // Image 0 cuts at the very end (everything acknowledged); the rest anywhere after the first acknowledgement.
    const cut = image === 0 ? ops.length : firstAck + 1 + Math.floor(random() * (ops.length - firstAck));
    const model = new CrashModel(baseline);
    for (const op of ops.slice(0, cut)) model.apply(op);
    const acked = new Map<string, number>();
    for (const m of model.marks) {
      const [kind, id, version] = m.split(' ');
      if (kind === 'ACK' && id && version) acked.set(id, Math.max(acked.get(id) ?? 0, Number(version)));
    }
    const dir = join(o.workDir, `image-${image}`);
    rmSync(dir, { recursive: true, force: true });
    const kept = model.writeImage(dir, random);
    const check = await runChild({ childPath: o.childPath, dataDir: dir, writes: 0, tag: 'check', extraArgs: mode, timeoutMs: 180_000 });
    const problems: string[] = [];
    let lost = 0;
    if (!check.opened) {
      // Keep the error itself (the line after "child failed:"), not just the end of its stack.
      const lines = check.stderr.split('\n').filter(Boolean);
      const at = lines.findIndex((l) => l.startsWith('child failed:'));
      problems.push(`store did not open: ${(at >= 0 ? lines.slice(at, at + 2) : lines.slice(-3)).join(' | ')}`);
    }
    else {
      for (const [id, version] of acked) {
        const have = check.opened.people[id];
        if (have === undefined || have < version) lost += 1;
      }
      if (lost > 0) problems.push(`${lost} of ${acked.size} acknowledged writes missing`);
      if (check.opened.outboxDuplicates !== 0) problems.push(`outbox duplicates ${check.opened.outboxDuplicates}`);
    }
    const entry: PowerLossImage = {
      image,
      cut,
      acked: acked.size,
      opened: check.opened !== null,
      recovered: check.opened?.recovered ?? false,
      replayed: check.opened?.replayed ?? 0,
      lost,
      problems,
      kept: `${kept.writesKept}/${kept.writesPending} unsynced writes, ${kept.metaKept}/${kept.metaPending} unsynced metadata ops`,
    };
    if (problems.length > 0) report.failedImages += 1;
    report.images.push(entry);
    o.log?.(
      `image ${image}: cut ${cut}/${ops.length}, ${entry.kept}; ${acked.size} acked → ${entry.opened ? `opened${entry.recovered ? ' (recovered from snapshot)' : ''}, ${entry.replayed} replayed` : 'DID NOT OPEN'}${problems.length ? `, PROBLEMS: ${problems.join('; ')}` : ''}`,
    );
    if (existsSync(dir)) rmSync(dir, { recursive: true, force: true });
  }
  return report;
}
