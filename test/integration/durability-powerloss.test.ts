import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runPowerLossHarness } from '../../electron/durability/harness/powerloss-harness.js';

const IMAGES = Number(process.env.THIDUA_POWERLOSS_IMAGES ?? '3');
const paths = { childPath: resolve('dist-electron/durability-child.mjs'), capturePath: resolve('dist-electron/fs-capture.mjs') };

describe('simulated power loss (issue 3, point 4b)', () => {
  it(`with the journal: every acknowledged write survives in ${IMAGES} crash images and the store opens`, async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'thidua-power-'));
    try {
      const lines: string[] = [];
      const report = await runPowerLossHarness({ ...paths, workDir, images: IMAGES, seed: 7, mitigated: true, log: (l) => lines.push(l) });
      process.stdout.write(`${lines.join('\n')}\n`);
      expect(report.fsyncs).toBeGreaterThan(0);
      expect(report.images.flatMap((i) => i.problems)).toEqual([]);
      expect(report.images.every((i) => i.opened)).toBe(true);
      expect(report.images.reduce((n, i) => n + i.acked, 0)).toBeGreaterThan(0);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }, 600_000);

  it('plain PGlite without the journal loses acknowledged writes in at least one crash image (the test bites)', async () => {
    const workDir = mkdtempSync(join(tmpdir(), 'thidua-power-plain-'));
    try {
      const lines: string[] = [];
      const report = await runPowerLossHarness({ ...paths, workDir, images: 2, seed: 7, mitigated: false, log: (l) => lines.push(l) });
      process.stdout.write(`${lines.join('\n')}\n`);
      expect(report.fsyncs).toBe(0);
      expect(report.failedImages).toBeGreaterThanOrEqual(1);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }, 600_000);
});
