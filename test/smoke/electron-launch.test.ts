import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The Electron binary if installed; never triggers Electron's download (require('electron') would). */
function installedElectron(): string | null {
  const pathFile = join(ROOT, 'node_modules', 'electron', 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ROOT, 'node_modules', 'electron', 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

const binary = installedElectron();

if (!binary) {
  process.stderr.write('[smoke] Electron launch test SKIPPED: the Electron binary is not installed on this machine (downloads are blocked).\n');
  it.skip('skipped: the Electron binary is not installed on this machine (downloads are blocked); it runs on any PC where npm install could fetch Electron', () => undefined);
} else {
  describe('the real Electron app', () => {
    const userData = mkdtempSync(join(tmpdir(), 'thidua-electron-smoke-'));
    const env: Record<string, string> = { ...(process.env as Record<string, string>), THIDUA_USER_DATA: userData };
    delete env.ELECTRON_RUN_AS_NODE;
    let app: ElectronApplication;
    let page: Page;

    beforeAll(async () => {
      for (const built of ['dist-electron/main.cjs', 'dist-electron/preload.cjs', 'dist-electron/store-process.cjs', 'dist/renderer/index.html']) {
        if (!existsSync(join(ROOT, built))) throw new Error(`${built} is missing: run npm run build before the smoke test`);
      }
      app = await _electron.launch({ executablePath: binary, args: [ROOT], cwd: ROOT, env, timeout: 60_000 });
      page = await app.firstWindow();
      await page.waitForLoadState('domcontentloaded');
    });

    afterAll(async () => {
      // Already closed by the last test when it ran; closing twice must not hide that test's result.
      await app?.close().catch(() => undefined);
      rmSync(userData, { recursive: true, force: true });
    });

    it('opens the window on app:// with the title and the one bridge object', async () => {
      expect(page.url()).toMatch(/^app:\/\/thidua\//u);
      expect(await page.title()).toContain('Thi Đua');
      const shape = await page.evaluate(() => {
        const w = window as unknown as { thidua?: Record<string, unknown>; require?: unknown; process?: unknown };
        return { keys: Object.keys(w.thidua ?? {}).sort(), platform: w.thidua?.platform, require: typeof w.require, process: typeof w.process };
      });
      expect(shape).toEqual({ keys: ['invoke', 'onEvent', 'platform'], platform: 'desktop', require: 'undefined', process: 'undefined' });
    });

    it('reaches the store process through the bridge', async () => {
      const result = await page.evaluate(() => (window as unknown as { thidua: { invoke(m: string, i: unknown): Promise<unknown> } }).thidua.invoke('system.status', {}));
      expect(result).toMatchObject({ ok: true, value: { configured: false } });
      expect(existsSync(join(userData, 'data', 'thidua.lock'))).toBe(true);
    });

    it('applies the security checklist to the window', async () => {
      // webPreferences themselves are unit-tested (electron-security.test.ts); here, their effects.
      const page_ = await page.evaluate(() => {
        const w = window as unknown as Record<string, unknown>;
        return { require: typeof w.require, process: typeof w.process, Buffer: typeof w.Buffer, isSecureContext: window.isSecureContext };
      });
      expect(page_).toEqual({ require: 'undefined', process: 'undefined', Buffer: 'undefined', isSecureContext: true });
      // ProcessMetric.sandboxed is reported on Windows and macOS only.
      const renderers = await app.evaluate(({ app: electronApp }) => electronApp.getAppMetrics().filter((m) => m.type === 'Tab').map((m) => m.sandboxed));
      for (const sandboxed of renderers) if (sandboxed !== undefined) expect(sandboxed).toBe(true);
      const csp = await page.evaluate(async () => (await fetch('app://thidua/index.html')).headers.get('content-security-policy'));
      expect(csp).toContain("default-src 'none'");
    });

    it('denies new windows and navigation away', async () => {
      expect(await page.evaluate(() => window.open('https://example.com/') === null)).toBe(true);
      await page.evaluate(() => {
        window.location.href = 'https://example.com/';
      });
      await page.waitForTimeout(500);
      expect(page.url()).toMatch(/^app:\/\/thidua\//u);
      expect(app.windows()).toHaveLength(1);
    });

    it('a second instance quits at once and leaves the first running', async () => {
      const second = spawn(binary, [ROOT], { cwd: ROOT, env, stdio: 'ignore' });
      const code = await new Promise<number | null>((r) => second.once('exit', r));
      expect(code).toBe(0);
      expect(app.windows()).toHaveLength(1);
      expect(await page.evaluate(() => document.readyState)).toBe('complete');
    });

    it('closes the store (and releases the data folder) when the app quits', async () => {
      await app.close();
      expect(existsSync(join(userData, 'data', 'thidua.lock'))).toBe(false);
    });
  });
}
