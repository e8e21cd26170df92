import type { CertificateTemplate, PrinterCalibration } from '../../shared/awards/layout.js';
import { PAPERS } from '../../shared/awards/layout.js';
import { certificateDocument, type CertificatePage } from './certificate-html.js';
import type { PdfEngine, RenderedPdf } from './pdf-engine.js';
import { splitPdfPages } from './pdf-split.js';
import { compactPdf } from './pdf-compact.js';

/**
 * Batches of certificates through one engine (one Chromium for the batch):
 * all in one print-ready PDF, or one PDF per certificate.
 */
export interface BatchOptions {
  template: CertificateTemplate;
  fontCss: string;
  calibration?: PrinterCalibration;
}

/** Accepts an engine still starting: the HTML is built while Chromium launches. */
async function renderRaw(engine: PdfEngine | Promise<PdfEngine>, pages: readonly CertificatePage[], o: BatchOptions): Promise<RenderedPdf> {
  const html = await certificateDocument({ template: o.template, pages, fontCss: o.fontCss, ...(o.calibration ? { calibration: o.calibration } : {}) });
  return (await engine).render(html, PAPERS[o.template.paper]);
}

/** All certificates in one print-ready PDF, compacted (pdf-compact.ts). */
export async function renderOnePdf(engine: PdfEngine | Promise<PdfEngine>, pages: readonly CertificatePage[], o: BatchOptions): Promise<RenderedPdf> {
  const raw = await renderRaw(engine, pages, o);
  return { ...raw, pdf: compactPdf(raw.pdf) };
}

/**
 * One PDF per certificate: the batch is printed once and the result split
 * page by page (pdf-split.ts), so every file is exactly the page the batch
 * printed and the cost is one render, not one per certificate.
 */
export async function renderSeparatePdfs(engine: PdfEngine | Promise<PdfEngine>, pages: readonly CertificatePage[], o: BatchOptions): Promise<{ pdfs: Buffer[]; overflows: RenderedPdf['overflows'] }> {
  const one = await renderRaw(engine, pages, o);
  const pdfs = splitPdfPages(one.pdf);
  if (pdfs.length !== pages.length) throw new Error(`split gave ${pdfs.length} pages for ${pages.length} certificates`);
  return { pdfs, overflows: one.overflows };
}
