// `npm run bench [-- NAME...]`: runs every bench/*.bench.mjs and bench/*.bench.ts
// (TypeScript ones bundled with esbuild first), or only those whose file
// name contains one of the NAMEs. Each benchmark prints its own figures and
// ends with one `RESULT key=value ...` line.
import { build } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const filters = process.argv.slice(2);
const files = readdirSync('bench')
  .filter((f) => /\.bench\.(mjs|ts)$/u.test(f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
if (files.length === 0) {
  console.error(`no benchmark matches ${filters.join(', ')}`);
  process.exit(1);
}
mkdirSync('.tmp/bench', { recursive: true });
let failed = 0;
for (const f of files) {
  let entry = join('bench', f);
  if (f.endsWith('.ts')) {
    const out = join('.tmp/bench', f.replace(/\.ts$/u, '.mjs'));
    await build({ entryPoints: [entry], outfile: out, bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'warning' });
    entry = out;
  }
  console.log(`\n=== ${f}`);
  const r = spawnSync(process.execPath, [entry], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed += 1;
    console.error(`${f} failed (exit ${r.status})`);
  }
}
process.exit(failed ? 1 : 0);
