import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MessageChannel, Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBridge, type StorePortLike } from '../../electron/main/preload-bridge.js';
import { DATA_DIR_ARG, parseFromStoreProcess, type FromStoreProcess } from '../../electron/ipc/store-process-protocol.js';
import type { StoreEvent } from '../../shared/api/envelope.js';
import { OFFICE_SETUP } from '../support/store.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
// Inside node_modules so the CommonJS bundles resolve their external packages (PGlite, zod) like dist-electron/ does.
const OUT = (() => {
  const base = join(ROOT, 'node_modules', '.cache', 'thidua-tests');
  mkdirSync(base, { recursive: true });
  return mkdtempSync(join(base, 'electron-bundles-'));
})();

/** The same esbuild settings as scripts/build-node.mjs for the CommonJS entries. */
async function bundle(entry: string, name: string): Promise<string> {
  const outfile = join(OUT, name);
  await build({ entryPoints: [join(ROOT, entry)], outfile, bundle: true, platform: 'node', target: 'node20', packages: 'external', format: 'cjs', logLevel: 'silent' });
  return outfile;
}

function requires(file: string): string[] {
  return [...new Set([...readFileSync(file, 'utf8').matchAll(/require\("([^"]+)"\)/gu)].map((m) => m[1] ?? ''))].sort();
}

describe('process bundles', () => {
  it('the sandboxed preload needs nothing but electron (a sandboxed preload cannot require anything else)', async () => {
    expect(requires(await bundle('electron/main/preload.ts', 'preload.cjs'))).toEqual(['electron']);
  });

  it('the main process never loads the database: only electron and node: built-ins', async () => {
    const deps = requires(await bundle('electron/main/main.ts', 'main.cjs'));
    expect(deps).toContain('electron');
    expect(deps.filter((d) => d !== 'electron' && !d.startsWith('node:'))).toEqual([]);
  });
});

/**
 * Runs the real store-process bundle in a worker_thread, with a shim that
 * plays Electron's process.parentPort and MessagePortMain (messages wrapped
 * as { data, ports }), and talks to it through the real preload bridge.
 */
const SHIM = `
const { workerData, parentPort: pp } = require('node:worker_threads');
const wrap = (port) => ({
  on(event, listener) { port.on(event, event === 'message' ? (data) => listener({ data }) : listener); },
  postMessage(m) { port.postMessage(m); },
  start() { port.start(); },
});
process.parentPort = {
  on(event, listener) { pp.on('message', (m) => listener({ data: m.data, ports: (m.ports || []).map(wrap) })); },
  postMessage(m) { pp.postMessage(m); },
};
require(workerData.bundle);
`;

interface RunningStore {
  worker: Worker;
  messages: FromStoreProcess[];
  next(kind: FromStoreProcess['kind']): Promise<FromStoreProcess>;
  connect(): StorePortLike & { close(): void };
  exited: Promise<number>;
}

function startStore(bundlePath: string, dataDir: string): RunningStore {
  const worker = new Worker(SHIM, { eval: true, workerData: { bundle: bundlePath }, argv: [DATA_DIR_ARG, dataDir] });
  const messages: FromStoreProcess[] = [];
  const waiters: { kind: string; resolve: (m: FromStoreProcess) => void }[] = [];
  worker.on('message', (raw) => {
    const m = parseFromStoreProcess(raw);
    if (!m) return;
    messages.push(m);
    for (const w of waiters.filter((x) => x.kind === m.kind)) w.resolve(m);
  });
  const exited = new Promise<number>((r) => worker.once('exit', r));
  return {
    worker,
    messages,
    exited,
    next: (kind) => {
      const seen = messages.find((m) => m.kind === kind);
      return seen ? Promise.resolve(seen) : new Promise((resolve) => waiters.push({ kind, resolve }));
    },
    connect() {
      const { port1, port2 } = new MessageChannel();
      worker.postMessage({ data: { kind: 'connect' }, ports: [port1] }, [port1]);
      // The window's end, shaped like the DOM MessagePort the preload receives.
      return {
        postMessage: (m: unknown) => port2.postMessage(m),
        addEventListener: (_type: 'message', listener: (event: { data: unknown }) => void) => {
          port2.on('message', (data: unknown) => listener({ data }));
        },
        start: () => port2.start(),
        close: () => port2.close(),
      };
    },
  };
}

describe('store process (bundled utility-entry, real PGlite on a data folder)', () => {
  let bundlePath = '';
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-store-process-'));
  const ports: { close(): void }[] = [];
  beforeAll(async () => {
    bundlePath = await bundle('electron/store/utility-entry.ts', 'store-process.cjs');
  });
  afterAll(() => {
    for (const p of ports) p.close();
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(OUT, { recursive: true, force: true });
  });

  it('opens the folder, serves a window port through the preload bridge, pushes events, and closes cleanly', async () => {
    const store = startStore(bundlePath, dataDir);
    // Connected before the store is ready: the port waits until the store has opened.
    const port = store.connect();
    ports.push(port);
    const bridge = createBridge(() => Promise.resolve(port));
    const events: StoreEvent[] = [];
    bridge.onEvent((e) => events.push(e));
    expect(bridge.platform).toBe('desktop');

    expect(await store.next('ready')).toEqual({ kind: 'ready' });
    expect(existsSync(join(dataDir, 'thidua.lock'))).toBe(true);

    const status = await bridge.invoke('system.status', {});
    expect(status).toMatchObject({ ok: true, value: { configured: false } });

    const bad = await bridge.invoke('system.setup', { office: { name: '' } } as never);
    expect(bad.ok).toBe(false);
    expect(bad.ok ? '' : bad.error.code).toBe('invalid_input');

    const setup = await bridge.invoke('system.setup', OFFICE_SETUP);
    expect(setup.ok, JSON.stringify(setup)).toBe(true);
    await expect.poll(() => events.length).toBeGreaterThan(0);
    expect(events[0]?.type).toBe('changed');

    const again = await bridge.invoke('system.status', {});
    expect(again).toMatchObject({ ok: true, value: { configured: true, office: { name: OFFICE_SETUP.office.name } } });

    store.worker.postMessage({ data: { kind: 'close' }, ports: [] });
    expect(await store.next('closed')).toEqual({ kind: 'closed' });
    expect(await store.exited).toBe(0);
    expect(existsSync(join(dataDir, 'thidua.lock'))).toBe(false);
  });

  it('a second store on a folder that is in use reports data_locked and exits without touching it', async () => {
    const first = startStore(bundlePath, dataDir);
    expect(await first.next('ready')).toEqual({ kind: 'ready' });
    const second = startStore(bundlePath, dataDir);
    const failed = await second.next('failed');
    expect(failed).toMatchObject({ kind: 'failed', reason: 'data_locked' });
    expect(failed.kind === 'failed' ? failed.message : '').toMatch(/đang được một chương trình khác/u);
    expect(await second.exited).toBe(1);

    // The first store still works and still holds the folder.
    const port = first.connect();
    ports.push(port);
    const bridge = createBridge(() => Promise.resolve(port));
    expect(await bridge.invoke('system.status', {})).toMatchObject({ ok: true, value: { configured: true } });
    first.worker.postMessage({ data: { kind: 'close' }, ports: [] });
    expect(await first.exited).toBe(0);
  });

  it('without a data folder it fails plainly instead of opening an in-memory store', async () => {
    const worker = new Worker(SHIM, { eval: true, workerData: { bundle: bundlePath }, argv: [] });
    const message = await new Promise<unknown>((r) => worker.once('message', r));
    expect(parseFromStoreProcess(message)).toMatchObject({ kind: 'failed', reason: 'open_failed' });
    expect(await new Promise<number>((r) => worker.once('exit', r))).toBe(2);
  });
});

describe('preload bridge without a store', () => {
  it('answers every call with a Vietnamese error when no port can be had', async () => {
    const bridge = createBridge(() => Promise.reject(new Error('refused')));
    const result = await bridge.invoke('system.status', {});
    expect(result).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(result.ok ? '' : result.error.message).toMatch(/kho dữ liệu/u);
  });

  it('refuses a request without a method name', async () => {
    const bridge = createBridge(() => Promise.reject(new Error('unused')));
    expect(await bridge.invoke(42 as never, {} as never)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });
});
