import { test as base, type Page } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One running web build: `node dist-electron/web.mjs` on a free loopback port with a fresh data folder. */
export interface WebApp {
  /** The URL printed on READY, with `#secret=…`. */
  url: string;
  origin: string;
  secret: string;
  dataDir: string;
  /** Calls the API as a program would (same HTTP transport the page uses). */
  call<T = unknown>(method: string, input: unknown, session?: string): Promise<T>;
}

export interface RunningWebApp {
  app: WebApp;
  /** SIGTERM (clean shutdown) and removes the data folder unless `keepData`. */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /** SIGKILL: the process dies at once, as on a power cut (the data folder is kept). */
  kill(): Promise<void>;
}

/** Starts the web build on a data folder (a fresh temporary one unless given). */
export async function startWebApp(existingDataDir?: string): Promise<RunningWebApp> {
  const dataDir = existingDataDir ?? mkdtempSync(join(tmpdir(), 'thidua-e2e-'));
  const child: ChildProcess = spawn(process.execPath, ['dist-electron/web.mjs', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web build did not print READY within 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const m = /READY (\S+)/u.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`web build exited with ${code}:\n${output}`));
    });
  });
  const parsed = new URL(url);
  const secret = decodeURIComponent(/secret=([^&]+)/u.exec(parsed.hash)?.[1] ?? '');
  const origin = parsed.origin;
  const app: WebApp = {
    url,
    origin,
    secret,
    dataDir,
    async call<T>(method: string, input: unknown, session?: string): Promise<T> {
      const res = await fetch(`${origin}/api/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-thidua-secret': secret },
        body: JSON.stringify(session ? { method, input, session } : { method, input }),
      });
      const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
      if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
      return body.value as T;
    },
  };
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    app,
    async stop(options) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 10_000))]);
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      }
      if (!options?.keepData) rmSync(dataDir, { recursive: true, force: true });
    },
    async kill() {
      child.kill('SIGKILL');
      await exited;
    },
  };
}

export const SCREENS_DIR = join('test-results', 'screens');

/** Saves a full-page screenshot to test-results/screens/<name>.png (looked at by people, not compared). */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  // Be Vietnam Pro loads with font-display: swap; wait so the picture shows the real font.
  await page.evaluate(async () => {
    await document.fonts.ready;
  });
  await page.screenshot({ path: join(SCREENS_DIR, `${name}.png`), fullPage: true, animations: 'disabled' });
}

export const test = base.extend<{ webApp: WebApp }>({
  // Each test gets its own server and data folder.
  // eslint-disable-next-line no-empty-pattern -- Playwright reads a fixture's dependencies from this pattern; this one has none.
  webApp: async ({}, use) => {
    const { app, stop } = await startWebApp();
    try {
      await use(app);
    } finally {
      await stop();
    }
  },
});

export { expect } from '@playwright/test';
