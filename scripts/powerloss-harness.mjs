// `node scripts/powerloss-harness.mjs [--images 100] [--seed N] [--writes 10] [--plain-images 10]`
// (after `npm run build:node`): issue 3 point 4b with large counts. Records
// every file-system call of a writing store process, builds crash images
// (fsync'd state + random unsynced writes + a prefix of unsynced metadata
// changes), reopens each: every acknowledged write must be there. Then the
// same with plain PGlite (no journal), which must fail in some image.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runPowerLossHarness } from '../dist-electron/durability-harness.mjs';

const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const images = Number(arg('--images', '100'));
const plainImages = Number(arg('--plain-images', '10'));
const seed = Number(arg('--seed', String(Date.now() % 1_000_000)));
const paths = { childPath: resolve('dist-electron/durability-child.mjs'), capturePath: resolve('dist-electron/fs-capture.mjs') };
const started = Date.now();
const results = {};
for (const [label, mitigated, count] of [
  ['journal', true, images],
  ['plain', false, plainImages],
]) {
  if (count === 0) continue;
  const workDir = mkdtempSync(join(tmpdir(), `thidua-powerloss-${label}-`));
  console.log(`\n${label}: ${count} crash images, seed ${seed}`);
  try {
    const report = await runPowerLossHarness({ ...paths, workDir, images: count, seed, mitigated, writes: Number(arg('--writes', '10')), log: (l) => console.log(l) });
    results[label] = report;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
const j = results.journal;
const p = results.plain;
const lostJ = j ? j.images.reduce((n, i) => n + i.lost, 0) : 0;
const unopenedJ = j ? j.images.filter((i) => !i.opened).length : 0;
console.log(
  `RESULT harness=powerloss seed=${seed} images=${j?.images.length ?? 0} failed_images=${j?.failedImages ?? 0} lost=${lostJ} unopened=${unopenedJ} recovered_via_snapshot=${j?.images.filter((i) => i.recovered).length ?? 0} plain_images=${p?.images.length ?? 0} plain_failed_images=${p?.failedImages ?? 0} minutes=${((Date.now() - started) / 60000).toFixed(1)}`,
);
process.exitCode = (j && j.failedImages > 0) || (p && p.failedImages === 0) ? 1 : 0;
