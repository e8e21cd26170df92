import type { CertificateTemplate, PrinterCalibration } from '../../shared/awards/layout.js';
import { PAPERS } from '../../shared/awards/layout.js';
import { certificateDocument, type CertificatePage } from './certificate-html.js';
import type { PdfEngine, RenderedPdf } from './pdf-engine.js';

/**
 * Batches of certificates through one engine (one Chromium for the batch):
 * all in one print-ready PDF, or one PDF per certificate.
 */
export interface BatchOptions {
  template: CertificateTemplate;
  fontCss: string;
  calibration?: PrinterCalibration;
}

export async function renderOnePdf(engine: PdfEngine, pages: readonly CertificatePage[], o: BatchOptions): Promise<RenderedPdf> {
  const html = await certificateDocument({ template: o.template, pages, fontCss: o.fontCss, ...(o.calibration ? { calibration: o.calibration } : {}) });
  return engine.render(html, PAPERS[o.template.paper]);
}

export async function renderSeparatePdfs(engine: PdfEngine, pages: readonly CertificatePage[], o: BatchOptions): Promise<RenderedPdf[]> {
  const out: RenderedPdf[] = [];
  for (const p of pages) out.push(await renderOnePdf(engine, [p], o));
  return out;
}
