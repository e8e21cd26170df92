// `node scripts/crash-harness.mjs [--rounds 100] [--seed N] [--writes 8]` (after `npm run build:node`):
// issue 3 point 4a with large counts. kill -9 of the writing store process at
// random points (write path, open, recovery, snapshot) and at random times;
// checks 0 acknowledged writes lost, 0 failed reopens, 0 duplicated outbox entries.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runKillHarness } from '../dist-electron/durability-harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const rounds = Number(arg('--rounds', '100'));
const seed = Number(arg('--seed', String(Date.now() % 1_000_000)));
const dataDir = mkdtempSync(join(tmpdir(), 'thidua-crash-harness-'));
const started = Date.now();
console.log(`kill -9 harness: ${rounds} rounds, seed ${seed}, data ${dataDir}`);
try {
  const report = await runKillHarness({
    childPath: resolve('dist-electron/durability-child.mjs'),
    dataDir,
    rounds,
    seed,
    writesPerRound: Number(arg('--writes', '8')),
    log: (line) => console.log(line),
  });
  const problems = report.rounds.filter((r) => r.problems.length > 0).length;
  console.log(
    `RESULT harness=kill rounds=${rounds} seed=${seed} killed=${report.killedRounds} acknowledged=${report.acknowledged} lost=${report.lost} failed_reopens=${report.failedReopens} duplicated_outbox=${report.duplicatedOutbox} outbox_gaps=${report.outboxGaps} rounds_with_problems=${problems} minutes=${((Date.now() - started) / 60000).toFixed(1)}`,
  );
  process.exitCode = report.lost || report.failedReopens || report.duplicatedOutbox || report.outboxGaps || problems ? 1 : 0;
} finally {
  rmSync(dataDir, { recursive: true, force: true });
}
