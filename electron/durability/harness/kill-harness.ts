import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runChild, type ChildRun } from './run-child.js';

/** A small deterministic PRNG (mulberry32), so a failing round can be rerun from its seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Points in the write path, hit once per write (or per transaction). */
const WRITE_POINTS = ['tx:before-body', 'tx:before-commit', 'tx:after-commit', 'journal:before-write', 'journal:after-write', 'journal:after-fsync'];
const OPEN_POINTS = ['open:start', 'open:after-journal', 'open:after-pglite', 'open:after-check'];
/** Reached only when the database is broken at open: the harness breaks it first. */
const RECOVERY_POINTS = ['recovery:after-move-aside', 'recovery:after-load', 'recovery:after-rename', 'replay:before-entry', 'replay:after-entry'];
const CATEGORIES = ['write', 'time', 'recovery', 'open', 'snapshot', 'time'] as const;
const SNAPSHOT_POINTS = ['snapshot:after-checkpoint', 'snapshot:after-dump', 'snapshot:after-tmp-sync', 'snapshot:after-rename', 'snapshot:after-manifest', 'snapshot:after-rotate'];

export interface KillRound {
  round: number;
  how: string;
  /** The child died by SIGKILL (so the point was reached, or the timer fired while it ran). */
  killed: boolean;
  acks: number;
  problems: string[];
}

export interface KillReport {
  rounds: KillRound[];
  acknowledged: number;
  lost: number;
  failedReopens: number;
  duplicatedOutbox: number;
  outboxGaps: number;
  killedRounds: number;
}

function breakDatabase(dataDir: string): void {
  const control = join(dataDir, 'db', 'global', 'pg_control');
  if (existsSync(control)) writeFileSync(control, Buffer.alloc(8192, 0x5a));
}

function checkOpened(run: ChildRun, acked: Map<string, number>, problems: string[]): { lost: number; dup: number; gaps: number } {
  if (!run.opened) return { lost: 0, dup: 0, gaps: 0 };
  let lost = 0;
  for (const [id, version] of acked) {
    const have = run.opened.people[id];
    if (have === undefined || have < version) {
      lost += 1;
      if (problems.length < 20) problems.push(`lost ${id} v${version} (store has ${have ?? 'nothing'})`);
    }
  }
  if (run.opened.outboxDuplicates !== 0) problems.push(`outbox duplicates: ${run.opened.outboxDuplicates}`);
  if (run.opened.outboxGaps !== 0) problems.push(`people versions without outbox entry: ${run.opened.outboxGaps}`);
  if (run.opened.failed !== 0) problems.push(`replay failures: ${run.opened.failed}`);
  return { lost, dup: run.opened.outboxDuplicates, gaps: run.opened.outboxGaps };
}

/**
 * kill -9 at random points: each round starts the writing child on the same
 * data folder, checks at its open that everything acknowledged before is
 * there (and the outbox has no duplicate or missing entry), then lets it
 * write until it dies at a chosen crash point or by a kill from outside at a
 * random time. A last clean round checks the final state.
 */
export async function runKillHarness(o: { childPath: string; dataDir: string; rounds: number; seed: number; writesPerRound?: number; log?: (line: string) => void }): Promise<KillReport> {
  const random = rng(o.seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const acked = new Map<string, number>();
  const report: KillReport = { rounds: [], acknowledged: 0, lost: 0, failedReopens: 0, duplicatedOutbox: 0, outboxGaps: 0, killedRounds: 0 };
  const writes = o.writesPerRound ?? 12;
  let timed = 0;
  for (let round = 0; round <= o.rounds; round += 1) {
    const last = round === o.rounds;
    let how = 'clean final check';
    let crashAt: string | undefined;
    let killAfterMs: number | undefined;
    let killAfterOpenedMs: number | undefined;
    let snapshotEvery = 0;
    if (!last && round > 0) {
      // Categories in turn (so even a short run covers each), points and times at random.
      const kind = CATEGORIES[(round - 1) % CATEGORIES.length];
      if (kind === 'time') {
        // Alternately from process start (spans the open) and from sign-in (lands among the writes).
        if (timed++ % 2 === 0) {
          killAfterMs = 150 + Math.floor(random() * 3000);
          how = `kill -9 ${killAfterMs} ms after start`;
        } else {
          killAfterOpenedMs = Math.floor(random() * 800);
          how = `kill -9 ${killAfterOpenedMs} ms after sign-in`;
        }
      } else if (kind === 'write') {
        crashAt = `${pick(WRITE_POINTS)}#${1 + Math.floor(random() * writes)}`;
        how = `crash at ${crashAt}`;
      } else if (kind === 'open') {
        crashAt = pick(OPEN_POINTS);
        how = `crash at ${crashAt}`;
      } else if (kind === 'recovery') {
        breakDatabase(o.dataDir);
        crashAt = pick(RECOVERY_POINTS);
        how = `database broken, then crash at ${crashAt}`;
      } else {
        snapshotEvery = 3;
        crashAt = `${pick(SNAPSHOT_POINTS)}#${1 + Math.floor(random() * 2)}`;
        how = `crash at ${crashAt}`;
      }
    }
    // Broken folders are kept by design; the harness removes them to save disk.
    for (const n of readdirSync(o.dataDir).filter((x) => x.startsWith('db.broken-'))) rmSync(join(o.dataDir, n), { recursive: true, force: true });
    const run = await runChild({
      childPath: o.childPath,
      dataDir: o.dataDir,
      writes: last ? 0 : writes,
      tag: `r${round}`,
      snapshotEvery,
      ...(crashAt ? { crashAt } : {}),
      ...(killAfterMs !== undefined ? { killAfterMs } : {}),
      ...(killAfterOpenedMs !== undefined ? { killAfterOpenedMs } : {}),
    });
    const problems: string[] = [];
    const killed = run.signal === 'SIGKILL';
    if (!killed && (run.code !== 0 || !run.done)) {
      report.failedReopens += run.opened ? 0 : 1;
      problems.push(`child ended with code ${run.code}${run.opened ? '' : ' before opening'}: ${run.stderr.split('\n').slice(-5).join(' | ')}`);
    }
    const c = checkOpened(run, acked, problems);
    report.lost += c.lost;
    report.duplicatedOutbox += c.dup;
    report.outboxGaps += c.gaps;
    for (const a of run.acks) acked.set(a.id, Math.max(acked.get(a.id) ?? 0, a.version));
    if (killed) report.killedRounds += 1;
    if (last && !run.opened) {
      report.failedReopens += 1;
      problems.push('final open failed');
    }
    report.rounds.push({ round, how, killed, acks: run.acks.length, problems });
    o.log?.(`round ${round}: ${how} → ${killed ? 'killed' : `exit ${run.code}`}, ${run.acks.length} acks${problems.length ? `, PROBLEMS: ${problems.join('; ')}` : ''}`);
  }
  report.acknowledged = acked.size;
  return report;
}
