import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runKillHarness } from '../../electron/durability/harness/kill-harness.js';

const ROUNDS = Number(process.env.THIDUA_KILL_ROUNDS ?? '8');

describe('kill -9 of a writing store process (issue 3, point 4a)', () => {
  it(`loses no acknowledged write, always reopens and never duplicates an outbox entry over ${ROUNDS} random kills`, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'thidua-kill-'));
    try {
      const lines: string[] = [];
      const report = await runKillHarness({
        childPath: resolve('dist-electron/durability-child.mjs'),
        dataDir,
        rounds: ROUNDS,
        seed: Number(process.env.THIDUA_KILL_SEED ?? '20261123'),
        writesPerRound: 8,
        log: (l) => lines.push(l),
      });
      process.stdout.write(`${lines.join('\n')}\n`);
      expect(report.rounds.flatMap((r) => r.problems)).toEqual([]);
      expect(report.lost).toBe(0);
      expect(report.failedReopens).toBe(0);
      expect(report.duplicatedOutbox).toBe(0);
      expect(report.outboxGaps).toBe(0);
      // The test must actually have killed processes with writes acknowledged, or it proves nothing.
      expect(report.killedRounds).toBeGreaterThanOrEqual(Math.floor(ROUNDS / 2));
      expect(report.acknowledged).toBeGreaterThan(ROUNDS);
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 420_000);
});
