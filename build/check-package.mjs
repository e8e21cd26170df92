// `npm run package:check`: runs electron-builder for real (--dir, Linux) with
// a STAND-IN Electron distribution (a folder holding a fake `electron` file),
// then opens the produced app.asar and checks what the office PC would get:
// the three process bundles, the renderer with its Vietnamese fonts, PGlite's
// .wasm/.data and the certificate fonts unpacked beside the archive, package.json
// pointing at main.cjs, no source maps and no renderer-only packages.
// It proves the packaging configuration; it does NOT prove the app starts:
// the stand-in is not Electron (see docs/architecture.md, "Packaging").
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const asar = require('@electron/asar');

const work = mkdtempSync(join(tmpdir(), 'thidua-package-check-'));
const standIn = join(work, 'electron-stand-in');
const output = join(work, 'release');
mkdirSync(join(standIn, 'resources'), { recursive: true });
writeFileSync(join(standIn, 'electron'), '#!/bin/sh\necho "stand-in for the Electron binary, not Electron" >&2\nexit 1\n');
chmodSync(join(standIn, 'electron'), 0o755);
writeFileSync(join(standIn, 'version'), `v${require('electron/package.json').version}`);
for (const f of ['LICENSE', 'LICENSES.chromium.html']) writeFileSync(join(standIn, f), '');

for (const needed of ['dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist-electron/store-process.cjs', 'dist/renderer/index.html']) {
  if (!existsSync(join(root, needed))) {
    console.error(`missing ${needed}: run npm run build first`);
    process.exit(1);
  }
}

const started = Date.now();
const result = spawnSync(
  process.execPath,
  [require.resolve('electron-builder/cli.js'), '--config', 'build/electron-builder.yml', '--linux', 'dir', `-c.electronDist=${standIn}`, `-c.directories.output=${output}`],
  { cwd: root, encoding: 'utf8' },
);
if (result.status !== 0) {
  console.error(result.stdout, result.stderr);
  process.exit(1);
}
const resources = join(output, 'linux-unpacked', 'resources');
const archive = join(resources, 'app.asar');
const pkg = JSON.parse(asar.extractFile(archive, "package.json").toString("utf8"));
const files = new Set(asar.listPackage(archive, { isPack: false }).map((p) => p.split('\\').join('/')));
const unpacked = (p) => existsSync(join(resources, 'app.asar.unpacked', p));

const list = [...files];

const checks = [
  ['package.json main is dist-electron/main.cjs', pkg.main === 'dist-electron/main.cjs'],
  ['main process bundle', files.has('/dist-electron/main.cjs')],
  ['preload bundle', files.has('/dist-electron/preload.cjs')],
  ['store process bundle', files.has('/dist-electron/store-process.cjs')],
  ['renderer index.html', files.has('/dist/renderer/index.html')],
  ['window icon', files.has('/build/icon.png')],
  ['UI font with the Vietnamese subset (Be Vietnam Pro)', list.some((p) => /^\/dist\/renderer\/assets\/be-vietnam-pro-vietnamese-400-normal-.*\.woff2$/u.test(p))],
  ['PGlite pglite.wasm unpacked', unpacked('node_modules/@electric-sql/pglite/dist/pglite.wasm')],
  ['PGlite pglite.data unpacked', unpacked('node_modules/@electric-sql/pglite/dist/pglite.data')],
  ['PGlite initdb.wasm unpacked', unpacked('node_modules/@electric-sql/pglite/dist/initdb.wasm')],
  ['PGlite JavaScript inside the archive', files.has('/node_modules/@electric-sql/pglite/dist/index.cjs')],
  ['merged certificate fonts (build/fonts) when present', !existsSync(join(root, 'build', 'fonts', 'tinos-vi-400-normal.woff2')) || files.has('/build/fonts/tinos-vi-400-normal.woff2')],
  ['certificate font Tinos (Vietnamese subset) unpacked', unpacked('node_modules/@fontsource/tinos/files/tinos-vietnamese-400-normal.woff2')],
  ['TrueType Tinos for LibreOffice unpacked', !existsSync(join(root, 'build', 'fonts', 'tinos-vi-400-normal.ttf')) || unpacked('build/fonts/tinos-vi-400-normal.ttf')],
  ['runtime packages present (zod, exceljs, docx, pg, qrcode)', ['zod', 'exceljs', 'docx', 'pg', 'qrcode'].every((p) => files.has(`/node_modules/${p}/package.json`))],
  ['no source maps', !list.some((p) => p.endsWith('.map'))],
  ['no renderer-only packages (already in the Vite bundle)', !list.some((p) => /^\/node_modules\/(@tabler|@mantine|react|react-dom|dexie|dayjs)\//u.test(p))],
  ['no dev tooling (electron, eslint, vite, vitest, typescript)', !list.some((p) => /^\/node_modules\/(electron|eslint|vite|vitest|typescript)\//u.test(p))],
];

let failed = 0;
for (const [name, ok] of checks) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}`);
  if (!ok) failed += 1;
}
const asarMb = (require('node:fs').statSync(archive).size / 1048576).toFixed(1);
console.log(`RESULT package_checks=${checks.length - failed}/${checks.length} asar_files=${files.size} asar_mb=${asarMb} seconds=${((Date.now() - started) / 1000).toFixed(1)}`);
rmSync(work, { recursive: true, force: true });
process.exit(failed === 0 ? 0 : 1);
