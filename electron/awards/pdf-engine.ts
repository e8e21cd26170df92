import type { FitOverflow } from '../../shared/awards/fit.js';

/**
 * "HTML → PDF" (and, in the desktop app, HTML → printer), behind an
 * interface. Tests and the web build use Debian's Chromium through
 * playwright-core (pdf-playwright.ts); the desktop shell implements the same
 * with a hidden window (webContents.printToPDF / webContents.print). An
 * engine is opened once per batch and reused for every document in it.
 */
export interface RenderedPdf {
  pdf: Buffer;
  /** Boxes whose text did not fit even at the minimum size; the caller refuses to print when non-empty. */
  overflows: FitOverflow[];
}

export interface Paper {
  widthMm: number;
  heightMm: number;
}

/** A printer as the system reports it (Electron's PrinterInfo, reduced). */
export interface SystemPrinter {
  name: string;
  displayName: string;
  isDefault: boolean;
  /** Vietnamese, when the system reports a problem (offline, paper out …), read from its status by the main process. */
  problem: string | null;
}

export interface DirectPrintOptions {
  printerName: string;
  /** true: straight to the printer; false: the system print dialog opens on that printer. */
  silent: boolean;
}

export interface PdfEngine {
  /** Loads a full HTML document, fits every text box, prints it at the given paper size. */
  render(html: string, paper: Paper, options?: { fit?: boolean }): Promise<RenderedPdf>;
  /**
   * Desktop only: loads and fits the document the same way, then sends it to a
   * printer. Resolves once the system accepted the job; rejects with a
   * Vietnamese message otherwise. Overflows found by the fit stop the print.
   */
  print?(html: string, paper: Paper, options: DirectPrintOptions): Promise<{ overflows: FitOverflow[] }>;
  close(): Promise<void>;
}

export interface EngineOptions {
  /** The batch's @font-face CSS: an engine may load (decode) the fonts while the caller builds the HTML. */
  fontCss?: string;
}

/** Opens an engine; `printers` is there when the engine can print directly (desktop app). */
export type PdfEngineFactory = ((options?: EngineOptions) => Promise<PdfEngine>) & {
  printers?: () => Promise<SystemPrinter[]>;
};
