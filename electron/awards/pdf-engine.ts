import type { FitOverflow } from '../../shared/awards/fit.js';

/**
 * "HTML → PDF", behind an interface. Tests and the web build use Debian's
 * Chromium through playwright-core (pdf-playwright.ts); the desktop shell
 * implements the same with webContents.printToPDF. An engine is opened once
 * per batch and reused for every document in it.
 */
export interface RenderedPdf {
  pdf: Buffer;
  /** Boxes whose text did not fit even at the minimum size; the caller refuses to print when non-empty. */
  overflows: FitOverflow[];
}

export interface PdfEngine {
  /** Loads a full HTML document, fits every text box, prints it at the given paper size. */
  render(html: string, paper: { widthMm: number; heightMm: number }, options?: { fit?: boolean }): Promise<RenderedPdf>;
  close(): Promise<void>;
}

export type PdfEngineFactory = () => Promise<PdfEngine>;
