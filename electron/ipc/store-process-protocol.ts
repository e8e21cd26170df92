/**
 * Control messages between the main process and the store process (an
 * Electron utilityProcess). Calls never travel here: each window gets its own
 * MessagePort straight to the store, and this channel only hands those ports
 * over, reports whether the store opened, and asks it to close.
 */
export type ToStoreProcess =
  /** Carries one transferred MessagePortMain: serve it like a window. */
  | { kind: 'connect' }
  /** Drain the write queue, close PGlite, release the folder lock, exit. */
  | { kind: 'close' }
  /** Main's answer to a print request (see PrintRequest). */
  | PrintResponse;

/**
 * Printing (HTML → PDF) needs a Chromium page, and only the main process can
 * make one (a hidden window, webContents.printToPDF). The store process asks
 * over this channel; documents travel as HTML strings and PDFs as bytes.
 */
export type PrintRequest =
  | { kind: 'print'; id: number; op: 'open' }
  | { kind: 'print'; id: number; op: 'render'; engine: number; html: string; paper: { widthMm: number; heightMm: number }; fit: boolean }
  | { kind: 'print'; id: number; op: 'close'; engine: number }
  /** The system's printers (webContents.getPrintersAsync). */
  | { kind: 'print'; id: number; op: 'printers' }
  /** Load, fit, then webContents.print to that printer (silent, or with the system dialog). */
  | { kind: 'print'; id: number; op: 'print'; engine: number; html: string; paper: { widthMm: number; heightMm: number }; printerName: string; silent: boolean };

export interface PrinterEntry {
  name: string;
  displayName: string;
  isDefault: boolean;
  problem: string | null;
}

export type PrintResponse =
  | { kind: 'print-result'; id: number; ok: true; engine?: number; pdf?: Uint8Array; overflows?: unknown[]; printers?: PrinterEntry[] }
  | { kind: 'print-result'; id: number; ok: false; message: string };

export type StoreOpenFailure = 'data_locked' | 'open_failed';

export type FromStoreProcess =
  | { kind: 'ready' }
  | { kind: 'failed'; reason: StoreOpenFailure; message: string }
  | { kind: 'closed' }
  | PrintRequest;

/** The data folder travels on the command line, so the store can open before any message arrives. */
export const DATA_DIR_ARG = '--thidua-data-dir';

export function dataDirFromArgv(argv: readonly string[]): string | null {
  const i = argv.indexOf(DATA_DIR_ARG);
  const value = i >= 0 ? argv[i + 1] : undefined;
  return value && !value.startsWith('--') ? value : null;
}

function kindOf(message: unknown): unknown {
  return typeof message === 'object' && message !== null ? (message as { kind?: unknown }).kind : undefined;
}

export function parseToStoreProcess(message: unknown): ToStoreProcess | null {
  const kind = kindOf(message);
  if (kind === 'connect' || kind === 'close') return { kind };
  if (kind === 'print-result') {
    const m = message as { id?: unknown; ok?: unknown; message?: unknown; engine?: unknown; pdf?: unknown; overflows?: unknown; printers?: unknown };
    if (typeof m.id !== 'number') return null;
    if (m.ok !== true) return { kind, id: m.id, ok: false, message: typeof m.message === 'string' ? m.message : '' };
    return {
      kind,
      id: m.id,
      ok: true,
      ...(typeof m.engine === 'number' ? { engine: m.engine } : {}),
      ...(m.pdf instanceof Uint8Array ? { pdf: m.pdf } : {}),
      ...(Array.isArray(m.overflows) ? { overflows: m.overflows as unknown[] } : {}),
      ...(Array.isArray(m.printers) ? { printers: m.printers.filter(isPrinterEntry) } : {}),
    };
  }
  return null;
}

function isPrinterEntry(value: unknown): value is PrinterEntry {
  const p = value as Partial<Record<keyof PrinterEntry, unknown>> | null;
  return typeof p === 'object' && p !== null && typeof p.name === 'string' && typeof p.displayName === 'string' && typeof p.isDefault === 'boolean' && (p.problem === null || typeof p.problem === 'string');
}

function isPaper(value: unknown): value is { widthMm: number; heightMm: number } {
  const p = value as { widthMm?: unknown; heightMm?: unknown } | null;
  return typeof p === 'object' && p !== null && typeof p.widthMm === 'number' && typeof p.heightMm === 'number' && p.widthMm > 0 && p.heightMm > 0 && p.widthMm < 2000 && p.heightMm < 2000;
}

function parsePrintRequest(message: unknown): PrintRequest | null {
  const m = message as { id?: unknown; op?: unknown; engine?: unknown; html?: unknown; paper?: unknown; fit?: unknown; printerName?: unknown; silent?: unknown };
  if (typeof m.id !== 'number') return null;
  if (m.op === 'open') return { kind: 'print', id: m.id, op: 'open' };
  if (m.op === 'printers') return { kind: 'print', id: m.id, op: 'printers' };
  if (typeof m.engine !== 'number') return null;
  if (m.op === 'close') return { kind: 'print', id: m.id, op: 'close', engine: m.engine };
  if (m.op === 'render' && typeof m.html === 'string' && isPaper(m.paper)) {
    return { kind: 'print', id: m.id, op: 'render', engine: m.engine, html: m.html, paper: { widthMm: m.paper.widthMm, heightMm: m.paper.heightMm }, fit: m.fit !== false };
  }
  if (m.op === 'print' && typeof m.html === 'string' && isPaper(m.paper) && typeof m.printerName === 'string' && m.printerName.length > 0 && m.printerName.length <= 200 && typeof m.silent === 'boolean') {
    return { kind: 'print', id: m.id, op: 'print', engine: m.engine, html: m.html, paper: { widthMm: m.paper.widthMm, heightMm: m.paper.heightMm }, printerName: m.printerName, silent: m.silent };
  }
  return null;
}

export function parseFromStoreProcess(message: unknown): FromStoreProcess | null {
  const kind = kindOf(message);
  if (kind === 'ready' || kind === 'closed') return { kind };
  if (kind === 'print') return parsePrintRequest(message);
  if (kind === 'failed') {
    const m = message as { reason?: unknown; message?: unknown };
    const reason: StoreOpenFailure = m.reason === 'data_locked' ? 'data_locked' : 'open_failed';
    return { kind, reason, message: typeof m.message === 'string' ? m.message : '' };
  }
  return null;
}
