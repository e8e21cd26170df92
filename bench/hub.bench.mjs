// `npm run bench:hub`: bundles bench/hub-run.bench.ts with esbuild and runs it.
//   BENCH_SECONDS=60 (default 20), BENCH_OFFICES=150, BENCH_RATE_PGLITE=150, BENCH_RATE_PG=300
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Inside the project (.tmp/ is git-ignored) so the bundle resolves node_modules.
const out = join(process.cwd(), '.tmp', `thidua-bench-hub-${process.pid}.mjs`);
await build({ entryPoints: ['bench/hub-run.bench.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile: out, logLevel: 'warning' });
await import(pathToFileURL(out).href);
