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

/** Electron's PrinterInfo, the fields used here. */
export interface ElectronPrinterLike {
  name: string;
  displayName?: string;
  isDefault?: boolean;
  status?: number;
}

/** webContents.print's options, the ones used here (sizes in microns). */
export interface DevicePrintOptions {
  silent: boolean;
  printBackground: boolean;
  deviceName: string;
  margins: { marginType: 'none' };
  pageSize: { width: number; height: number };
  landscape: boolean;
  copies: number;
}

/** What the print service needs from a hidden BrowserWindow. */
export interface PrintWindowLike {
  loadURL(url: string): Promise<void>;
  webContents: {
    executeJavaScript(code: string): Promise<unknown>;
    getPrintersAsync(): Promise<ElectronPrinterLike[]>;
    print(options: DevicePrintOptions, callback: (success: boolean, failureReason: string) => void): void;
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

/**
 * What the system's status word says is wrong with a printer, in Vietnamese;
 * null when nothing is reported. Windows reports PRINTER_STATUS_* bits (0 =
 * ready); CUPS (Linux, macOS) reports printer-state 3 idle, 4 printing,
 * 5 stopped.
 */
export function printerProblem(status: number | undefined, platform: string): string | null {
  if (!status) return null;
  if (platform !== 'win32') return status === 5 ? 'máy in đang dừng (stopped)' : null;
  const bits: [number, string][] = [
    [0x80, 'mất kết nối (offline)'],
    [0x1000, 'không sẵn sàng'],
    [0x10, 'hết giấy'],
    [0x8, 'kẹt giấy'],
    [0x40000, 'hết mực'],
    [0x400000, 'nắp máy đang mở'],
    [0x1, 'đang tạm dừng'],
    [0x2, 'đang báo lỗi'],
    [0x100000, 'cần người xử lý'],
  ];
  const found = bits.filter(([bit]) => (status & bit) !== 0).map(([, text]) => text);
  return found.length > 0 ? found.join(', ') : null;
}

/** webContents.print's failure reasons, in Vietnamese. */
export function printFailureMessage(printer: string, reason: string): string {
  if (reason === 'cancelled') return 'Đã hủy lệnh in; chưa ghi nhận giấy khen nào là đã in.';
  if (/no valid printers/iu.test(reason)) return `Máy tính không có máy in nào dùng được (đang tìm "${printer}"). Hãy kết nối máy in rồi in lại.`;
  return `Máy in "${printer}" không nhận lệnh in (${reason || 'lỗi không rõ'}). Hãy kiểm tra máy in đã bật, đã nối với máy tính và còn giấy, rồi in lại.`;
}

/** The page-side fitting code (the same two pure functions the Playwright engine injects). */
export const PAGE_FIT_SCRIPT = `(${fitDocument.toString()})(document, ${fitText.toString()})`;

/**
 * HTML → PDF for the store process, the desktop counterpart of the
 * Playwright engine used by the tests and the web build: one hidden, sandboxed
 * window per engine (a batch), the document loaded from app://, fonts
 * awaited, text boxes fitted by the same page script, then printToPDF at the
 * paper size in inches.
 */
export function createPrintService(deps: { newWindow: () => PrintWindowLike; documents: PrintDocuments; fitScript: string; platform?: string }) {
  const platform = deps.platform ?? process.platform;
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
      if (request.op === 'printers') {
        // A short-lived hidden window: the list belongs to no batch.
        const probe = deps.newWindow();
        try {
          const printers = (await probe.webContents.getPrintersAsync()).map((p) => ({
            name: p.name,
            displayName: p.displayName || p.name,
            isDefault: p.isDefault === true,
            problem: printerProblem(p.status, platform),
          }));
          return { kind: 'print-result', id: request.id, ok: true, printers };
        } finally {
          probe.destroy();
        }
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
        const fit = request.op === 'print' || request.fit;
        const found = fit ? await window.webContents.executeJavaScript(deps.fitScript) : [];
        const overflows = Array.isArray(found) ? found : [];
        if (request.op === 'print') {
          // Nothing reaches the printer when a box overflows: the store refuses and names the certificate.
          if (overflows.length > 0) return { kind: 'print-result', id: request.id, ok: true, overflows };
          const { widthMm, heightMm } = request.paper;
          const microns = (mm: number) => Math.round(mm * 1000);
          const sent = await new Promise<{ success: boolean; reason: string }>((resolve) => {
            window.webContents.print(
              {
                silent: request.silent,
                printBackground: true,
                deviceName: request.printerName,
                margins: { marginType: 'none' },
                // Chromium takes the sheet in portrait and turns it: A4 landscape = 210 × 297 mm, landscape.
                pageSize: { width: microns(Math.min(widthMm, heightMm)), height: microns(Math.max(widthMm, heightMm)) },
                landscape: widthMm > heightMm,
                copies: 1,
              },
              (success, reason) => resolve({ success, reason }),
            );
          });
          if (!sent.success) return fail(printFailureMessage(request.printerName, sent.reason));
          return { kind: 'print-result', id: request.id, ok: true, overflows: [] };
        }
        const pdf = await window.webContents.printToPDF({
          printBackground: true,
          preferCSSPageSize: true,
          pageSize: { width: request.paper.widthMm / MM_PER_INCH, height: request.paper.heightMm / MM_PER_INCH },
          margins: { top: 0, bottom: 0, left: 0, right: 0 },
        });
        return { kind: 'print-result', id: request.id, ok: true, pdf: new Uint8Array(pdf), overflows };
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
