import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../shared/api/contract.js';
import { SCREEN_CHROMIUM } from '../support/screen-chromium.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCREENS = join(ROOT, 'test-results', 'screens');

/**
 * The desktop renderer path without Electron: the built renderer in Debian's
 * Chromium with `window.thidua` made by the REAL preload bridge
 * (electron/main/preload-bridge.ts, bundled for the browser) over a real DOM
 * MessagePort. The far end of the port plays the store process by forwarding
 * each call to the web build's HTTP transport. What this does not cover:
 * contextBridge, the sandbox, app:// and the utility process (Electron only).
 */
describe('renderer over the preload bridge (Chromium, no Electron)', () => {
  let server: ChildProcess;
  let browser: Browser;
  let page: Page;
  let base = '';
  let secret = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-bridge-smoke-'));

  beforeAll(async () => {
    // `npm test` builds first; a bare `vitest run` on a fresh checkout builds the renderer here (global-setup builds dist-electron/).
    if (!existsSync(join(ROOT, 'dist/renderer/index.html'))) {
      execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
    }
    if (!existsSync(join(ROOT, 'dist-electron/web.mjs'))) throw new Error('dist-electron/web.mjs is missing: run npm run build first');
    server = spawn(process.execPath, [join(ROOT, 'dist-electron', 'web.mjs'), '--data', dataDir, '--port', '0'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    const url = await new Promise<string>((resolveUrl, reject) => {
      let output = '';
      const timer = setTimeout(() => reject(new Error(`no READY line within 90 s:\n${output}`)), 90_000);
      server.stdout?.on('data', (chunk: Buffer) => {
        output += chunk.toString('utf8');
        const m = /READY (\S+)/u.exec(output);
        if (m?.[1]) {
          clearTimeout(timer);
          resolveUrl(m[1]);
        }
      });
      server.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    });
    const parsed = new URL(url);
    base = `${parsed.origin}/`;
    secret = /secret=([^&]+)/u.exec(parsed.hash)?.[1] ?? '';

    const bundled = await build({
      entryPoints: [join(ROOT, 'electron/main/preload-bridge.ts')],
      bundle: true,
      write: false,
      format: 'iife',
      globalName: 'ThiDuaPreload',
      platform: 'browser',
      target: 'chrome120',
      logLevel: 'silent',
    });
    const bridgeSource = bundled.outputFiles[0]?.text ?? '';

    browser = await chromium.launch(SCREEN_CHROMIUM);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
    await context.addInitScript({
      content: `${bridgeSource}
(() => {
  const secret = ${JSON.stringify(secret)};
  const commandNames = ${JSON.stringify(Object.keys(commands))};
  const channel = new MessageChannel();
  const store = channel.port1;
  window.__bridgeCalls = [];
  store.onmessage = async (e) => {
    const m = e.data;
    if (!m || m.kind !== 'call') return;
    window.__bridgeCalls.push(m.request.method);
    const res = await fetch('/api/call', { method: 'POST', headers: { 'content-type': 'application/json', 'x-thidua-secret': secret }, body: JSON.stringify(m.request) });
    store.postMessage({ kind: 'result', id: m.id, result: await res.json() });
    // Like the real store: a change event follows a command only (a query that triggered one would loop screen reloads forever).
    if (commandNames.includes(m.request.method)) store.postMessage({ kind: 'event', event: { type: 'changed', tables: ['units', 'people', 'users'] } });
  };
  window.thidua = ThiDuaPreload.createBridge(() => Promise.resolve(channel.port2));
})();`,
    });
    page = await context.newPage();
    mkdirSync(SCREENS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await exited;
    }
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('the renderer picks the bridge and reaches the store through it: first-run wizard, then the demo office', async () => {
    await page.goto(base);
    await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).waitFor({ timeout: 90_000 });
    const platform = await page.evaluate(() => (window as unknown as { thidua?: { platform: string } }).thidua?.platform);
    expect(platform).toBe('desktop');
    await page.screenshot({ path: join(SCREENS, 'desktop-bridge-setup.png') });

    await page.getByRole('button', { name: 'Dùng dữ liệu mẫu' }).click();
    // demo.load writes a whole office in one recorded write: slow when the machine is busy.
    await page.getByText('Mường Nhé').first().waitFor({ timeout: 150_000 });
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(SCREENS, 'desktop-bridge-dashboard.png') });

    const calls = await page.evaluate(() => (window as unknown as { __bridgeCalls: string[] }).__bridgeCalls);
    expect(calls).toContain('system.status');
    expect(calls).toContain('demo.load');
    // The page never used the HTTP transport itself: it had no secret in its URL and every call went through the bridge.
    expect(page.url()).not.toContain('secret=');
  }, 300_000);
});
