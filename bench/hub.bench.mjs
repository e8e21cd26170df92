// `npm run bench:hub`: bundles bench/hub-run.bench.ts and its load generator (bench/hub-load.bench.ts) with esbuild and runs them.
//   BENCH_SECONDS=60 (default 20), BENCH_OFFICES=150, BENCH_RATE_PGLITE=150, BENCH_RATE_PG=300, BENCH_SATURATION_SECONDS=10,
//   BENCH_SKIP_PG=1, BENCH_SKIP_BARE=1
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Inside the project (.tmp/ is git-ignored) so the bundles resolve node_modules.
const out = join(process.cwd(), '.tmp', `thidua-bench-hub-${process.pid}.mjs`);
const loadOut = join(process.cwd(), '.tmp', `thidua-bench-hub-load-${process.pid}.mjs`);
const common = { bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', logLevel: 'warning' };
await build({ ...common, entryPoints: ['bench/hub-run.bench.ts'], outfile: out });
await build({ ...common, entryPoints: ['bench/hub-load.bench.ts'], outfile: loadOut });
process.env.THIDUA_HUB_LOAD_PATH = loadOut;
await import(pathToFileURL(out).href);
