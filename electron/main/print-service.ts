import { fitDocument, fitText } from '../../shared/awards/fit.js';
import type { PrintRequest, PrintResponse } from '../ipc/store-process-protocol.js';
import { APP_HOST, APP_SCHEME } from './app-protocol.js';

const PRINT_PREFIX = '/__print/';

/**
 * Documents waiting to be printed, served by the app:// protocol at
 * app://thidua/__print/<id>.html for as long as a print window needs them
 * (a page of any size, under the same CSP as the app; a data: URL is capped
 * at 2 MB by Chromium).
 */
export function createPrintDocuments(newId: () => string) {
  const documents = new Map<string, string>();
  return {
    put(html: string): string {
      const path = `${PRINT_PREFIX}${newId()}.html`;
      documents.set(path, html);
      return `${APP_SCHEME}://${APP_HOST}${path}`;
    },
    remove(url: string): void {
      documents.delete(new URL(url).pathname);
    },
    /** For the protocol handler: the HTML of a pending print document, by URL path. */
    get(pathname: string): string | undefined {
      return pathname.startsWith(PRINT_PREFIX) ? documents.get(pathname) : undefined;
    },
    get size(): number {
      return documents.size;
    },
  };
}
export type PrintDocuments = ReturnType<typeof createPrintDocuments>;

/** What the print service needs from a hidden BrowserWindow. */
export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    printToPDF(options: {
      printBackground: boolean;
      preferCSSPageSize: boolean;
      pageSize: { width: number; height: number };
      margins: { top: number; bottom: number; left: number; right: number };
    }): Promise<Uint8Array>;
  };
  destroy(): void;
  isDestroyed(): boolean;
}

const MM_PER_INCH = 25.4;

/** The page-side fitting code (the same two pure functions the Playwright engine injects). */
export const PAGE_FIT_SCRIPT = `(${fitDocument.toString()})(document, ${fitText.toString()})`;

/**
 * HTML → PDF for the store process, the desktop counterpart of the
 * Playwright engine used by the tests and the web build: one hidden, sandboxed
 * window per engine (a batch), the document loaded from app://, fonts
 * awaited, text boxes fitted by the same page script, then printToPDF at the
 * paper size in inches.
 */
export function createPrintService(deps: { newWindow: () => PrintWindowLike; documents: PrintDocuments; fitScript: string }) {
  const engines = new Map<number, PrintWindowLike>();
  let nextEngine = 1;

  async function handle(request: PrintRequest): Promise<PrintResponse> {
    const fail = (message: string): PrintResponse => ({ kind: 'print-result', id: request.id, ok: false, message });
    try {
      if (request.op === 'open') {
        const engine = nextEngine++;
        engines.set(engine, deps.newWindow());
        return { kind: 'print-result', id: request.id, ok: true, engine };
      }
      const window = engines.get(request.engine);
      if (!window || window.isDestroyed()) return fail('Trình in đã đóng; hãy in lại.');
      if (request.op === 'close') {
        engines.delete(request.engine);
        window.destroy();
        return { kind: 'print-result', id: request.id, ok: true };
      }
      const url = deps.documents.put(request.html);
      try {
        await window.loadURL(url);
        await window.webContents.executeJavaScript('document.fonts.ready.then(() => true)');
        const overflows = request.fit ? await window.webContents.executeJavaScript(deps.fitScript) : [];
        const pdf = await window.webContents.printToPDF({
          printBackground: true,
          preferCSSPageSize: true,
          pageSize: { width: request.paper.widthMm / MM_PER_INCH, height: request.paper.heightMm / MM_PER_INCH },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
        });
        return { kind: 'print-result', id: request.id, ok: true, pdf: new Uint8Array(pdf), overflows: Array.isArray(overflows) ? overflows : [] };
      } finally {
        deps.documents.remove(url);
      }
    } catch (error) {
      return fail(error instanceof Error ? error.message : String(error));
    }
  }

  return {
    handle,
    /** Closes every print window (the app is quitting or the store stopped). */
    closeAll(): void {
      for (const window of engines.values()) if (!window.isDestroyed()) window.destroy();
      engines.clear();
    },
  };
}
