// `npm run bench:sync`: bundles bench/sync-run.bench.ts with esbuild (the
// project's own TypeScript, no extra runner) and runs it.
//   BENCH_FULL=1  full run: 300 scanned attachments, one cut per 6 MB sent
import { build } from 'esbuild';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

// Inside the project (.tmp/ is git-ignored) so the bundle resolves node_modules.
const out = join(process.cwd(), '.tmp', `thidua-bench-sync-${process.pid}.mjs`);
await build({ entryPoints: ['bench/sync-run.bench.ts'], bundle: true, platform: 'node', format: 'esm', packages: 'external', target: 'node20', outfile: out, logLevel: 'warning' });
await import(pathToFileURL(out).href);
