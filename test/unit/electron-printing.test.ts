import { describe, expect, it } from 'vitest';
import { createPrintClient } from '../../electron/ipc/print-client.js';
import { parseFromStoreProcess, parseToStoreProcess, type PrintRequest } from '../../electron/ipc/store-process-protocol.js';
import { createAppProtocolHandler } from '../../electron/main/app-protocol.js';
import { createPrintDocuments, createPrintService, PAGE_FIT_SCRIPT, printerProblem, printFailureMessage, type ElectronPrinterLike, type PrintWindowLike } from '../../electron/main/print-service.js';
import { chromiumPath } from '../../electron/awards/pdf-playwright.js';
import { runStoreProcess, type ParentPortLike } from '../../electron/store/utility-entry.js';
import type { Store } from '../../electron/store/open-store.js';

/** A hidden print window that records what it was asked to do and "prints" the page it loaded. */
function fakeWindows(documents: ReturnType<typeof createPrintDocuments>, printers: ElectronPrinterLike[] = []) {
  const log: string[] = [];
  const windows: PrintWindowLike[] = [];
  const newWindow = (): PrintWindowLike => {
    let destroyed = false;
    let loaded = '';
    const w: PrintWindowLike = {
      async loadURL(url) {
        loaded = documents.get(new URL(url).pathname) ?? '';
        log.push(`load ${url.replace(/[0-9a-f-]{36}/u, 'ID')}`);
      },
      webContents: {
        async executeJavaScript(code) {
          if (code === PAGE_FIT_SCRIPT) {
            log.push('fit');
            return loaded.includes('quá dài') ? [{ field: 'achievement', reason: 'Nội dung quá dài' }] : [];
          }
          log.push('fonts');
          return true;
        },
        async printToPDF(options) {
          log.push(`pdf ${options.pageSize.width.toFixed(3)}x${options.pageSize.height.toFixed(3)}in bg=${options.printBackground} css=${options.preferCSSPageSize}`);
          return new TextEncoder().encode(`%PDF-1.7 ${loaded}`);
        },
        async getPrintersAsync() {
          log.push('printers');
          return printers;
        },
        print(options, callback) {
          log.push(`print ${options.deviceName} silent=${options.silent} ${options.pageSize.width}x${options.pageSize.height}um landscape=${options.landscape} margins=${options.margins.marginType} bg=${options.printBackground}`);
          // The fake printer: an offline one fails the job, the dialog's Cancel is "cancelled".
          const failure = options.deviceName === 'Canon offline' ? 'Printer is offline' : options.deviceName === 'Hủy' ? 'cancelled' : '';
          setTimeout(() => callback(!failure, failure), 0);
        },
      },
      destroy() {
        destroyed = true;
        log.push('destroy');
      },
      isDestroyed: () => destroyed,
    };
    windows.push(w);
    return w;
  };
  return { log, windows, newWindow };
}

function wire(printers: ElectronPrinterLike[] = [], platform = 'win32') {
  let n = 0;
  const documents = createPrintDocuments(() => `00000000-0000-4000-8000-${String(++n).padStart(12, '0')}`);
  const fake = fakeWindows(documents, printers);
  const service = createPrintService({ newWindow: fake.newWindow, documents, fitScript: PAGE_FIT_SCRIPT, platform });
  // The store side talks to main through the same parse functions the real channel uses.
  const client = createPrintClient((request) => {
    const parsed = parseFromStoreProcess(structuredClone(request));
    if (parsed?.kind !== 'print') throw new Error('print request did not parse');
    void service.handle(parsed).then((response) => {
      const back = parseToStoreProcess(structuredClone(response));
      if (back?.kind === 'print-result') client.receive(back);
    });
  });
  return { documents, fake, service, client };
}

describe('desktop printing (store process → main process print windows)', () => {
  it('renders through a hidden window: page loaded from app://, fonts awaited, boxes fitted, PDF at the paper size', async () => {
    const { client, fake, documents } = wire();
    const engine = await client.factory();
    const a4Landscape = await engine.render('<p>Giấy khen — Nguyễn Thị Hồng Nhung</p>', { widthMm: 297, heightMm: 210 });
    expect(new TextDecoder().decode(a4Landscape.pdf)).toContain('%PDF-1.7 <p>Giấy khen — Nguyễn Thị Hồng Nhung</p>');
    expect(a4Landscape.overflows).toEqual([]);
    const overflow = await engine.render('<p>quá dài</p>', { widthMm: 210, heightMm: 297 });
    expect(overflow.overflows).toEqual([{ field: 'achievement', reason: 'Nội dung quá dài' }]);
    const unfitted = await engine.render('<p>quá dài</p>', { widthMm: 210, heightMm: 297 }, { fit: false });
    expect(unfitted.overflows).toEqual([]);
    await engine.close();
    expect(fake.log).toEqual([
      'load app://thidua/__print/ID.html',
      'fonts',
      'fit',
      'pdf 11.693x8.268in bg=true css=true',
      'load app://thidua/__print/ID.html',
      'fonts',
      'fit',
      'pdf 8.268x11.693in bg=true css=true',
      'load app://thidua/__print/ID.html',
      'fonts',
      'pdf 8.268x11.693in bg=true css=true',
      'destroy',
    ]);
    // Documents live only while they print.
    expect(documents.size).toBe(0);
  });

  it('one window per engine; a closed engine refuses further work with a Vietnamese message', async () => {
    const { client, fake } = wire();
    const a = await client.factory();
    const b = await client.factory();
    expect(fake.windows).toHaveLength(2);
    await a.close();
    await expect(a.render('<p>x</p>', { widthMm: 100, heightMm: 100 })).rejects.toThrow(/Không in được: Trình in đã đóng/u);
    await b.render('<p>y</p>', { widthMm: 100, heightMm: 100 });
  });

  it('lists the printers with their problems in Vietnamese, from a window that is closed again', async () => {
    const { client, fake } = wire([
      { name: 'HP_LaserJet_P1102', displayName: 'HP LaserJet P1102', isDefault: true, status: 0 },
      { name: 'Canon offline', displayName: 'Canon LBP 2900', isDefault: false, status: 0x80 | 0x10 },
      { name: 'PDF', displayName: '', status: 0 },
    ]);
    const printers = await client.factory.printers?.();
    expect(printers).toEqual([
      { name: 'HP_LaserJet_P1102', displayName: 'HP LaserJet P1102', isDefault: true, problem: null },
      { name: 'Canon offline', displayName: 'Canon LBP 2900', isDefault: false, problem: 'mất kết nối (offline), hết giấy' },
      { name: 'PDF', displayName: 'PDF', isDefault: false, problem: null },
    ]);
    expect(fake.log).toEqual(['printers', 'destroy']);
    expect(fake.windows.every((w) => w.isDestroyed())).toBe(true);
  });

  it('prints straight to a printer: page loaded, fonts awaited, boxes fitted, sheet size in microns, no margins', async () => {
    const { client, fake, documents } = wire();
    const engine = await client.factory();
    if (!engine.print) throw new Error('the desktop engine prints directly');
    const done = await engine.print('<p>Giấy khen — Lò Thị Bích</p>', { widthMm: 297, heightMm: 210 }, { printerName: 'HP LaserJet P1102', silent: true });
    expect(done.overflows).toEqual([]);
    await engine.print('<p>A3</p>', { widthMm: 420, heightMm: 297 }, { printerName: 'HP LaserJet P1102', silent: false });
    expect(fake.log).toEqual([
      'load app://thidua/__print/ID.html',
      'fonts',
      'fit',
      'print HP LaserJet P1102 silent=true 210000x297000um landscape=true margins=none bg=true',
      'load app://thidua/__print/ID.html',
      'fonts',
      'fit',
      'print HP LaserJet P1102 silent=false 297000x420000um landscape=true margins=none bg=true',
    ]);
    expect(documents.size).toBe(0);
  });

  it('sends nothing to the printer when a box overflows; a failed or cancelled job is a Vietnamese error', async () => {
    const { client, fake } = wire();
    const engine = await client.factory();
    if (!engine.print) throw new Error('the desktop engine prints directly');
    const overflow = await engine.print('<p>quá dài</p>', { widthMm: 297, heightMm: 210 }, { printerName: 'HP', silent: true });
    expect(overflow.overflows).toEqual([{ field: 'achievement', reason: 'Nội dung quá dài' }]);
    expect(fake.log.filter((l) => l.startsWith('print '))).toEqual([]);
    await expect(engine.print('<p>x</p>', { widthMm: 297, heightMm: 210 }, { printerName: 'Canon offline', silent: true })).rejects.toThrow(
      'Không in được: Máy in "Canon offline" không nhận lệnh in (Printer is offline). Hãy kiểm tra máy in đã bật, đã nối với máy tính và còn giấy, rồi in lại.',
    );
    await expect(engine.print('<p>x</p>', { widthMm: 297, heightMm: 210 }, { printerName: 'Hủy', silent: false })).rejects.toThrow('Không in được: Đã hủy lệnh in; chưa ghi nhận giấy khen nào là đã in.');
  });

  it('reads printer status words per platform', () => {
    const cases: [number | undefined, string, string | null][] = [
      [undefined, 'win32', null],
      [0, 'win32', null],
      [0x80, 'win32', 'mất kết nối (offline)'],
      [0x8 | 0x40000, 'win32', 'kẹt giấy, hết mực'],
      [0x200, 'win32', null], // PRINTER_STATUS_BUSY: printing, not a problem
      [3, 'linux', null],
      [4, 'linux', null],
      [5, 'linux', 'máy in đang dừng (stopped)'],
    ];
    for (const [status, platform, expected] of cases) expect(printerProblem(status, platform), `${status} ${platform}`).toBe(expected);
    expect(printFailureMessage('HP', 'no valid printers available')).toBe('Máy tính không có máy in nào dùng được (đang tìm "HP"). Hãy kết nối máy in rồi in lại.');
  });

  it('a failure in the window comes back as an error, not a hang', async () => {
    const documents = createPrintDocuments(() => 'x');
    const service = createPrintService({
      newWindow: () => ({
        loadURL: () => Promise.reject(new Error('ERR_FAILED')),
        webContents: { executeJavaScript: async () => true, printToPDF: async () => new Uint8Array(), getPrintersAsync: async () => [], print: () => undefined },
        destroy: () => undefined,
        isDestroyed: () => false,
      }),
      documents,
      fitScript: PAGE_FIT_SCRIPT,
    });
    const opened = await service.handle({ kind: 'print', id: 1, op: 'open' });
    expect(opened).toMatchObject({ ok: true, engine: 1 });
    expect(await service.handle({ kind: 'print', id: 2, op: 'render', engine: 1, html: '<p/>', paper: { widthMm: 10, heightMm: 10 }, fit: true })).toEqual({
      kind: 'print-result',
      id: 2,
      ok: false,
      message: 'ERR_FAILED',
    });
    expect(documents.size).toBe(0);
  });

  it('pending print requests fail when the store process is closing', async () => {
    const client = createPrintClient(() => undefined);
    const opening = client.factory();
    client.failAll('phần mềm đang đóng');
    await expect(opening).rejects.toThrow('Không in được: phần mềm đang đóng');
  });

  it('refuses malformed print requests at the channel', () => {
    const bad: unknown[] = [
      { kind: 'print', op: 'open' },
      { kind: 'print', id: 1, op: 'render', engine: 1, html: 3, paper: { widthMm: 10, heightMm: 10 } },
      { kind: 'print', id: 1, op: 'render', engine: 1, html: '<p/>', paper: { widthMm: -1, heightMm: 10 } },
      { kind: 'print', id: 1, op: 'render', html: '<p/>', paper: { widthMm: 10, heightMm: 10 } },
      { kind: 'print', id: 1, op: 'format-disk', engine: 1 },
      { kind: 'print', id: 1, op: 'print', engine: 1, html: '<p/>', paper: { widthMm: 10, heightMm: 10 }, printerName: '', silent: true },
      { kind: 'print', id: 1, op: 'print', engine: 1, html: '<p/>', paper: { widthMm: 10, heightMm: 10 }, printerName: 'HP' },
    ];
    for (const m of bad) expect(parseFromStoreProcess(m), JSON.stringify(m)).toBeNull();
    const good: PrintRequest = { kind: 'print', id: 1, op: 'render', engine: 1, html: '<p/>', paper: { widthMm: 10, heightMm: 10 }, fit: false };
    expect(parseFromStoreProcess(good)).toEqual(good);
  });

  it('the page fitting script is valid JavaScript built from the shared fit functions', () => {
    expect(() => new Function('document', `return ${PAGE_FIT_SCRIPT};`)).not.toThrow();
    expect(PAGE_FIT_SCRIPT).toContain('fitDocument');
  });

  it('the app:// protocol serves a pending print document with the CSP, and nothing once it is removed', async () => {
    const documents = createPrintDocuments(() => 'abc');
    const handler = createAppProtocolHandler({ root: '/nonexistent', csp: "default-src 'none'", printDocuments: documents, read: () => Promise.reject(new Error('no files')) });
    const url = documents.put('<p>Quyết định khen thưởng</p>');
    const res = await handler(new Request(url));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe("default-src 'none'");
    expect(await res.text()).toBe('<p>Quyết định khen thưởng</p>');
    documents.remove(url);
    expect((await handler(new Request(url))).status).toBe(404);
  });

  it('the store process opens the store with the desktop print engine', async () => {
    const fakeStore = { deps: {}, dispatch: async () => ({ ok: true, value: null }), events: { subscribe: () => () => undefined }, close: async () => undefined } as unknown as Store;
    const posted: unknown[] = [];
    const opened: { dataDir?: string; pdf?: unknown }[] = [];
    const parent: ParentPortLike = { on: () => parent, postMessage: (m) => posted.push(m) };
    await runStoreProcess(parent, {
      dataDir: '/data',
      open: async (options) => {
        opened.push(options);
        return fakeStore;
      },
      exit: () => undefined,
    });
    expect(posted).toEqual([{ kind: 'ready' }]);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.dataDir).toBe('/data');
    expect(typeof opened[0]?.pdf).toBe('function');
  });
});

describe("the web build's printing Chromium", () => {
  it('prefers the headless shell, falls back to the full browser, and obeys THIDUA_CHROMIUM', () => {
    const saved = process.env.THIDUA_CHROMIUM;
    delete process.env.THIDUA_CHROMIUM;
    try {
      const installed = (paths: string[]) => (path: string) => paths.includes(path);
      expect(chromiumPath(installed(['/usr/bin/chromium', '/usr/bin/chromium-headless-shell']))).toBe('/usr/bin/chromium-headless-shell');
      expect(chromiumPath(installed(['/usr/bin/chromium']))).toBe('/usr/bin/chromium');
      process.env.THIDUA_CHROMIUM = '/opt/chromium/chrome';
      expect(chromiumPath(installed(['/usr/bin/chromium-headless-shell']))).toBe('/opt/chromium/chrome');
    } finally {
      if (saved === undefined) delete process.env.THIDUA_CHROMIUM;
      else process.env.THIDUA_CHROMIUM = saved;
    }
  });
});
