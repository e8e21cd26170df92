// The import boundaries of the repository, as data. The rule in
// import-boundaries.js denies by default: a file must belong to a zone, and
// an import must be named here to be allowed. To let a layer use a new npm
// package, add it to that zone's `packages` (and say why in the commit).

/** @typedef {{ name: string, test: (path: string) => boolean, zones: string[] | 'any', packages: string[] | 'any', nodeBuiltins: boolean, files?: string[] }} Zone */

/** @type {Zone[]} checked in order; the first zone whose test matches a repo-relative path owns it */
export const ZONES = [
  {
    // Build and lint tooling (config files, scripts, benchmarks, these rules): not shipped, may use anything.
    name: 'tooling',
    test: (p) =>
      /^[^/]+\.(js|mjs|cjs|ts|mts)$/u.test(p) || p.startsWith('scripts/') || p.startsWith('eslint/') || p.startsWith('build/') || p.startsWith('bench/') || p === 'renderer/vite.config.ts',
    zones: 'any',
    packages: 'any',
    nodeBuiltins: true,
  },
  {
    // Runs everywhere (renderer, main, store, hub): no DOM, no Node, no Electron.
    name: 'shared',
    test: (p) => p.startsWith('shared/'),
    zones: ['shared'],
    packages: ['zod'],
    nodeBuiltins: false,
  },
  {
    // The page in the window/browser: no Node, never electron/.
    name: 'renderer',
    test: (p) => p.startsWith('renderer/'),
    zones: ['renderer', 'shared'],
    packages: ['react', 'react-dom', '@mantine/*', '@tabler/icons-react', 'dexie', 'dayjs', '@fontsource/*', 'qrcode', 'zod'],
    nodeBuiltins: false,
  },
  {
    // Node side: main process, store process, hub, documents.
    name: 'electron',
    test: (p) => p.startsWith('electron/'),
    zones: ['electron', 'shared'],
    packages: ['electron', '@electric-sql/pglite', 'pg', 'exceljs', 'docx', 'qrcode', 'zod', 'playwright-core', 'jszip'],
    nodeBuiltins: true,
    // The app's name and version (backups, about box).
    files: ['package.json'],
  },
  {
    // Tests may reach into every layer.
    name: 'test',
    test: (p) => p.startsWith('test/'),
    zones: 'any',
    packages: 'any',
    nodeBuiltins: true,
  },
];

/** The only files that may import ipcMain / ipcRenderer (the IPC adapters). */
export const IPC_ADAPTERS = {
  ipcMain: ['electron/ipc/main-ipc.ts'],
  ipcRenderer: ['electron/ipc/preload-ipc.ts'],
};
