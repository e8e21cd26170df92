import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';
import local from '../../eslint/plugin.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/**
 * The local rules run on fixture snippets given virtual paths inside the repo
 * (the path decides the zone). Type-aware parsing needs real files on disk, so
 * these snippets use the plain TypeScript parser with only the local rules; a
 * separate test proves the real eslint.config.js switches those rules on.
 */
const eslint = new ESLint({
  cwd: ROOT,
  overrideConfigFile: true,
  overrideConfig: [
    {
      files: ['**/*.ts', '**/*.tsx'],
      languageOptions: { parser: tseslint.parser, parserOptions: { ecmaFeatures: { jsx: true } } },
      plugins: { local },
      rules: { 'local/import-boundaries': 'error', 'local/ipc-only-in-adapters': 'error', 'local/disable-needs-reason': 'error' },
    },
  ],
});

async function lint(path: string, code: string): Promise<{ rule: string | null; message: string }[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).map((m) => ({ rule: m.ruleId, message: m.message }));
}

const denied: [string, string, string, RegExp][] = [
  ['shared → electron', 'shared/api/fixture.ts', "import { openStore } from '../../electron/store/open-store.js';\nexport const x = openStore;", /shared\/ may not import from electron\//u],
  ['shared → renderer', 'shared/vi/fixture.ts', "export { App } from '../../renderer/src/App.js';", /shared\/ may not import from renderer\//u],
  ['renderer → electron', 'renderer/src/fixture.ts', "import type { Store } from '../../electron/store/open-store.js';\nexport type S = Store;", /renderer\/ may not import from electron\//u],
  ['renderer → electron (dynamic import)', 'renderer/src/fixture.ts', "export const m = () => import('../../electron/web.js');", /renderer\/ may not import from electron\//u],
  ['shared → node:fs', 'shared/db/fixture.ts', "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", /may not use Node built-in 'node:fs'/u],
  ['renderer → node:path', 'renderer/src/fixture.ts', "import { join } from 'node:path';\nexport const j = join;", /may not use Node built-in/u],
  ['shared → unlisted package', 'shared/domain/fixture.ts', "import dayjs from 'dayjs';\nexport const d = dayjs;", /may not import the package 'dayjs'/u],
  ['renderer → unlisted package', 'renderer/src/fixture.ts', "import lodash from 'lodash';\nexport const l = lodash;", /may not import the package 'lodash'/u],
  ['renderer → electron package', 'renderer/src/fixture.ts', "import { shell } from 'electron';\nexport const s = shell;", /may not import the package 'electron'/u],
  ['electron → unlisted package', 'electron/store/fixture.ts', "import express from 'express';\nexport const e = express;", /may not import the package 'express'/u],
  ['electron → renderer', 'electron/main/fixture.ts', "import { App } from '../../renderer/src/App.js';\nexport const a = App;", /electron\/ may not import from renderer\//u],
  ['electron → bare builtin', 'electron/store/fixture.ts', "import { readFileSync } from 'fs';\nexport const r = readFileSync;", /node: prefix/u],
  ['require() of a denied module', 'shared/fixture.ts', "export const fs = require('node:fs') as unknown;", /may not use Node built-in/u],
  ['a file outside every zone', 'hub/fixture.ts', "import { z } from 'zod';\nexport const s = z;", /belongs to no import zone/u],
  ['shared → the root package.json', 'shared/fixture.ts', "import pkg from '../package.json' with { type: 'json' };\nexport const v = pkg;", /belongs to no import zone/u],
  ['a path into node_modules', 'electron/fixture.ts', "import x from '../node_modules/zod/index.js';\nexport const y = x;", /reaches into node_modules/u],
];

const allowed: [string, string, string][] = [
  ['shared → shared', 'shared/api/fixture.ts', "import { requiredText } from '../schema/text.js';\nexport const t = requiredText;"],
  ['shared → zod', 'shared/api/fixture.ts', "import { z } from 'zod';\nexport const s = z.string();"],
  ['renderer → shared, react, @mantine/*, fonts css', 'renderer/src/fixture.tsx', "import '@fontsource/be-vietnam-pro/vietnamese-400.css';\nimport { useState } from 'react';\nimport { Button } from '@mantine/core';\nimport { foldVietnamese } from '../../shared/vi/search.js';\nexport const x = [useState, Button, foldVietnamese];"],
  ['electron → shared, node:*, pglite, electron', 'electron/store/fixture.ts', "import { join } from 'node:path';\nimport { PGlite } from '@electric-sql/pglite';\nimport { app } from 'electron';\nimport { CHANNELS } from '../../shared/api/envelope.js';\nexport const x = [join, PGlite, app, CHANNELS];"],
  ['electron → the root package.json (name and version)', 'electron/handlers/fixture.ts', "import pkg from '../../package.json' with { type: 'json' };\nexport const v = pkg;"],
  ['bench → anything', 'bench/fixture.bench.ts', "import { openStore } from '../electron/store/open-store.js';\nimport { chromium } from 'playwright-core';\nexport const x = [openStore, chromium];"],
  ['test → anything', 'test/unit/fixture.test.ts', "import { openStore } from '../../electron/store/open-store.js';\nimport { readFileSync } from 'node:fs';\nexport const x = [openStore, readFileSync];"],
];

describe('local/import-boundaries (default deny)', () => {
  it.each(denied)('denies %s', async (_name, path, code, expected) => {
    const messages = await lint(path, code);
    const boundary = messages.filter((m) => m.rule === 'local/import-boundaries');
    expect(boundary.length, JSON.stringify(messages)).toBeGreaterThan(0);
    expect(boundary[0]?.message).toMatch(expected);
  });

  it.each(allowed)('allows %s', async (_name, path, code) => {
    expect(await lint(path, code)).toEqual([]);
  });
});

describe('local/ipc-only-in-adapters', () => {
  const deniedIpc: [string, string, string][] = [
    ['ipcRenderer imported in the preload entry', 'electron/main/preload.ts', "import { ipcRenderer } from 'electron';\nipcRenderer.send('x');"],
    ['ipcMain imported in main.ts', 'electron/main/main.ts', "import { ipcMain } from 'electron';\nipcMain.on('x', () => undefined);"],
    ['ipcMain through a namespace import', 'electron/main/fixture.ts', "import * as electron from 'electron';\nelectron.ipcMain.on('x', () => undefined);"],
    ['ipcRenderer through require destructuring', 'electron/main/fixture.ts', "const { ipcRenderer } = require('electron') as typeof import('electron');\nipcRenderer.send('x');"],
    ['ipcMain in the renderer-side adapter', 'electron/ipc/preload-ipc.ts', "import { ipcMain } from 'electron';\nexport const m = ipcMain;"],
  ];
  it.each(deniedIpc)('denies %s', async (_name, path, code) => {
    const messages = await lint(path, code);
    expect(messages.some((m) => m.rule === 'local/ipc-only-in-adapters'), JSON.stringify(messages)).toBe(true);
  });

  it('allows ipcMain in electron/ipc/main-ipc.ts and ipcRenderer in electron/ipc/preload-ipc.ts', async () => {
    expect(await lint('electron/ipc/main-ipc.ts', "import { ipcMain } from 'electron';\nexport const m = ipcMain;")).toEqual([]);
    expect(await lint('electron/ipc/preload-ipc.ts', "import { ipcRenderer } from 'electron';\nexport const r = ipcRenderer;")).toEqual([]);
  });
});

describe('local/disable-needs-reason', () => {
  it('denies an eslint-disable without a reason and accepts one with `-- reason`', async () => {
    const bare = await lint('electron/fixture.ts', "// eslint-disable-next-line local/import-boundaries\nimport x from 'express';\nexport const y = x;");
    expect(bare.some((m) => m.rule === 'local/disable-needs-reason')).toBe(true);
    const reasoned = await lint('electron/fixture.ts', "// eslint-disable-next-line local/import-boundaries -- fixture: proving a reason is accepted\nimport x from 'express';\nexport const y = x;");
    expect(reasoned).toEqual([]);
  });
});

describe('eslint.config.js', () => {
  const real = new ESLint({ cwd: ROOT });
  it.each(['shared/api/contract.ts', 'renderer/src/main.tsx', 'electron/main/main.ts', 'test/support/store.ts'])('switches the local rules on for %s', async (path) => {
    const config = (await real.calculateConfigForFile(resolve(ROOT, path))) as { rules: Record<string, unknown> };
    expect(config.rules['local/import-boundaries']).toEqual([2]);
    expect(config.rules['local/ipc-only-in-adapters']).toEqual([2]);
    expect(config.rules['local/disable-needs-reason']).toEqual([2]);
  });
  it('requires type-aware promise handling and type-only imports in TypeScript', async () => {
    const config = (await real.calculateConfigForFile(resolve(ROOT, 'electron/main/main.ts'))) as { rules: Record<string, unknown[]> };
    expect(config.rules['@typescript-eslint/no-floating-promises']?.[0]).toBe(2);
    expect(config.rules['@typescript-eslint/consistent-type-imports']?.[0]).toBe(2);
    expect(config.rules['@typescript-eslint/ban-ts-comment']?.[1]).toMatchObject({ 'ts-expect-error': 'allow-with-description' });
  });
});
