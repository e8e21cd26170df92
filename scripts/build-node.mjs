// Bundles the Node-side entry points (electron/) with esbuild. npm packages
// stay external (PGlite loads its .wasm beside itself; electron-builder
// ships node_modules). Add an entry here when a new process entry appears.
import { build } from 'esbuild';
import { existsSync } from 'node:fs';

const esm = [
  ['electron/web.ts', 'dist-electron/web.mjs'],
  ['electron/cli.ts', 'dist-electron/cli.mjs'],
  ['electron/store/worker-entry.ts', 'dist-electron/store-worker.mjs'],
  ['electron/durability/harness/child.ts', 'dist-electron/durability-child.mjs'],
  ['electron/durability/harness/fs-capture.ts', 'dist-electron/fs-capture.mjs'],
  ['electron/durability/harness/index.ts', 'dist-electron/durability-harness.mjs'],
  ['electron/hub.ts', 'dist-electron/hub.mjs'],
  ['electron/sync/hub-worker-entry.ts', 'dist-electron/hub-worker.mjs'],
];
const cjs = [
  ['electron/main/main.ts', 'dist-electron/main.cjs'],
  ['electron/main/preload.ts', 'dist-electron/preload.cjs'],
  ['electron/store/utility-entry.ts', 'dist-electron/store-process.cjs'],
];

const common = { bundle: true, platform: 'node', target: 'node20', packages: 'external', sourcemap: 'linked', logLevel: 'warning' };
await Promise.all([
  ...esm.filter(([src]) => existsSync(src)).map(([src, out]) => build({ ...common, entryPoints: [src], outfile: out, format: 'esm' })),
  ...cjs.filter(([src]) => existsSync(src)).map(([src, out]) => build({ ...common, entryPoints: [src], outfile: out, format: 'cjs' })),
]);
console.log('built dist-electron/');
