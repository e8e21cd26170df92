import { calibrateBox, DEFAULT_FONT, FONTS, NO_CALIBRATION, PAPERS, type CertificateTemplate, type FieldBox, type PrinterCalibration } from '../../shared/awards/layout.js';
import type { CertificateValues } from '../../shared/awards/certificate.js';
import type { FitOptions } from '../../shared/awards/fit.js';
import { CERTIFICATE_FONT_FAMILY } from './fonts.js';
import { qrPng } from './qr-png.js';

/**
 * Certificates as HTML/CSS at exact millimetres: one `.page` per
 * certificate, every field an absolutely positioned box. Boxes carry their
 * fit options; the printer (or the editor's preview) runs fitDocument over
 * them before printing. Nothing here measures or prints.
 */

export interface CertificatePage {
  values: CertificateValues;
  /** What the QR holds; null prints no QR (template preview of a draft). */
  qrCode: string | null;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/gu, (c) => `&#${c.charCodeAt(0)};`);
const mm = (n: number): string => `${Math.round(n * 1000) / 1000}mm`;
/** Numbers as Vietnamese write them: decimal comma. */
const vn = (n: number): string => String(n).replace('.', ',');

/** The QR as an image box: a tiny grayscale PNG scaled up without smoothing (see qr-png.ts). */
export function qrImage(code: string): string {
  return `<img src="data:image/png;base64,${qrPng(code).toString('base64')}" alt="" style="width:100%;height:100%;image-rendering:pixelated;display:block">`;
}

function fieldText(f: FieldBox, values: CertificateValues): string {
  if (f.key === 'literal') return (f.text ?? '').normalize('NFC');
  if (f.key === 'qr') return '';
  const text = values[f.key];
  return f.uppercase ? text.toLocaleUpperCase('vi') : text;
}

function fieldFit(f: FieldBox, cal: PrinterCalibration): FitOptions {
  const box = calibrateBox(f, cal);
  return {
    widthMm: box.wMm,
    heightMm: box.hMm,
    fontSizePt: f.fontSizePt * cal.scale,
    minFontSizePt: f.minFontSizePt * cal.scale,
    maxLines: f.maxLines,
    shrinkFirst: f.shrinkFirst,
    lineHeight: f.lineHeight,
    bold: f.bold,
    italic: f.italic,
    family: FONTS[f.font].family,
  };
}

/** One CSS rule per field (the same on every page), so each page's HTML holds only its text. */
function fieldCss(f: FieldBox, index: number, cal: PrinterCalibration): string {
  const box = calibrateBox(f, cal);
  const pos = `left:${mm(box.xMm)};top:${mm(box.yMm)};width:${mm(box.wMm)};height:${mm(box.hMm)}`;
  if (f.key === 'qr') return `.k${index}{${pos}}`;
  const rules = [
    pos,
    f.font === DEFAULT_FONT ? '' : `font-family:'${FONTS[f.font].family}'`,
    `font-size:${f.fontSizePt * cal.scale}pt`,
    `line-height:${f.lineHeight}`,
    `font-weight:${f.bold ? 700 : 400}`,
    `font-style:${f.italic ? 'italic' : 'normal'}`,
    `text-align:${f.align === 'justify' ? 'left' : f.align}`,
    `color:${f.color}`,
    f.underline ? 'text-decoration:underline;text-underline-offset:1.2mm;text-decoration-thickness:0.3mm' : '',
  ];
  return `.k${index}{${rules.filter(Boolean).join(';')}}`;
}

function fieldHtml(f: FieldBox, index: number, values: CertificateValues, page: number, qr: string | null): string {
  if (f.key === 'qr') return qr ? `<div class="q k${index}" data-field="qr">${qr}</div>` : '';
  const text = fieldText(f, values);
  if (!text) return '';
  const field = escapeHtml(f.key === 'literal' ? `literal:${f.id}` : f.key);
  return `<div class="f k${index}" data-k="${index}" data-field="${field}" data-page="${page}">${escapeHtml(text)}</div>`;
}

function borderHtml(t: CertificateTemplate): string {
  if (!t.border) return '';
  const { widthMm: w, heightMm: h } = PAPERS[t.paper];
  const k = w / 297;
  return `<div class="b1" style="left:${mm(8 * k)};top:${mm(8 * k)};width:${mm(w - 16 * k)};height:${mm(h - 16 * k)};border-width:${mm(1.6 * k)}"></div><div class="b2" style="left:${mm(11.5 * k)};top:${mm(11.5 * k)};width:${mm(w - 23 * k)};height:${mm(h - 23 * k)};border-width:${mm(0.35 * k)}"></div>`;
}

export interface CertificateDocumentOptions {
  template: CertificateTemplate;
  pages: readonly CertificatePage[];
  fontCss: string;
  calibration?: PrinterCalibration;
  /** Draws each box's outline (editor preview, calibration checks); never on a real printout. */
  showBoxes?: boolean;
}

/*
 * `contain: strict` on each page: a page's size never depends on its content (fixed millimetres, overflow
 * hidden), so telling Chromium lets it lay out and paint each page on its own; `content-visibility: auto`
 * lets the screen skip the pages out of view (printing still renders every one). Measured on a 200-page
 * batch: Chromium's part (setContent to PDF) ~710 -> ~540 ms; every page renders pixel-identical
 * (pdftoppm at 100–150 dpi) with the same pdftotext.
 */
export async function certificateDocument(o: CertificateDocumentOptions): Promise<string> {
  const { widthMm: w, heightMm: h } = PAPERS[o.template.paper];
  const cal = o.calibration ?? NO_CALIBRATION;
  const pages: string[] = [];
  const border = borderHtml(o.template);
  for (const [i, p] of o.pages.entries()) {
    // Chromium is usually starting while this runs: give its launch messages a turn every few pages.
    if (i % 16 === 15) await new Promise((resolve) => setImmediate(resolve));
    const qr = p.qrCode ? qrImage(p.qrCode) : null;
    const fields = o.template.fields.map((f, k) => fieldHtml(f, k, p.values, i, qr)).join('');
    pages.push(`<section class="page">${border}${fields}</section>`);
  }
  const fitOptions = Object.fromEntries(o.template.fields.map((f, k) => [String(k), fieldFit(f, cal)]));
  const fieldRules = o.template.fields.map((f, k) => fieldCss(f, k, cal)).join('\n');
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><title>Giấy khen</title><style>
${o.fontCss}
@page{size:${w}mm ${h}mm;margin:0}
html,body{margin:0;padding:0}
body{font-family:${CERTIFICATE_FONT_FAMILY};-webkit-print-color-adjust:exact;print-color-adjust:exact;font-kerning:normal}
.page{position:relative;width:${w}mm;height:${h}mm;overflow:hidden;break-after:page;contain:strict;content-visibility:auto;contain-intrinsic-size:${w}mm ${h}mm}
.page:last-child{break-after:auto}
.f{position:absolute;box-sizing:border-box;white-space:pre;font-family:${CERTIFICATE_FONT_FAMILY}}
.q{position:absolute;box-sizing:border-box}
.b1{position:absolute;box-sizing:border-box;border-style:double;border-color:#b3121a}
.b2{position:absolute;box-sizing:border-box;border-style:solid;border-color:#b3121a}
${fieldRules}
${o.showBoxes ? '.f,.q{outline:0.2mm dashed #1c7ed6}' : ''}
</style><script type="application/json" id="fit-options">${JSON.stringify(fitOptions).replace(/</gu, '\\u003c')}</script></head><body>${pages.join('')}</body></html>`;
}

/**
 * Calibration page: a millimetre ruler along the top and left edges and
 * crosshairs at known positions. Printed on plain paper and laid over a
 * blank, it shows how far the printer shifts (offset) and stretches (scale).
 */
export function calibrationDocument(paper: 'A4' | 'A3', fontCss: string, cal: PrinterCalibration = NO_CALIBRATION): string {
  const { widthMm: w, heightMm: h } = PAPERS[paper];
  const at = (x: number, y: number) => ({ x: x * cal.scale + cal.offsetXMm, y: y * cal.scale + cal.offsetYMm });
  const parts: string[] = [];
  for (let x = 0; x <= w; x += 1) {
    const p = at(x, 0);
    const len = x % 10 === 0 ? 6 : x % 5 === 0 ? 4 : 2;
    parts.push(`<div class="t" style="left:${mm(p.x)};top:${mm(p.y)};width:0.15mm;height:${len}mm"></div>`);
    if (x % 10 === 0 && x > 0 && x < w) parts.push(`<div class="n" style="left:${mm(p.x - 5)};top:${mm(p.y + 6.5)};width:10mm">${x}</div>`);
  }
  for (let y = 0; y <= h; y += 1) {
    const p = at(0, y);
    const len = y % 10 === 0 ? 6 : y % 5 === 0 ? 4 : 2;
    parts.push(`<div class="t" style="left:${mm(p.x)};top:${mm(p.y)};width:${len}mm;height:0.15mm"></div>`);
    if (y % 10 === 0 && y > 0 && y < h) parts.push(`<div class="n" style="left:${mm(p.x + 7)};top:${mm(p.y - 1.6)};width:10mm;text-align:left">${y}</div>`);
  }
  const crosses = [
    [30, 30],
    [w - 30, 30],
    [30, h - 30],
    [w - 30, h - 30],
    [w / 2, h / 2],
  ] as const;
  for (const [cx, cy] of crosses) {
    const p = at(cx, cy);
    parts.push(`<div class="c" style="left:${mm(p.x - 10)};top:${mm(p.y)};width:20mm;height:0.2mm"></div>`);
    parts.push(`<div class="c" style="left:${mm(p.x)};top:${mm(p.y - 10)};width:0.2mm;height:20mm"></div>`);
    parts.push(`<div class="n" style="left:${mm(p.x + 1.5)};top:${mm(p.y + 1.5)};width:40mm;text-align:left">(${vn(cx)}; ${vn(cy)}) mm</div>`);
  }
  const title = `Trang căn chỉnh máy in${cal.printerName ? `: ${escapeHtml(cal.printerName)}` : ''} — khổ ${paper} ngang (${w} × ${h} mm)`;
  const help =
    'In trang này trên giấy trắng, đặt chồng lên phôi và soi trước ánh sáng. Đo khoảng cách thực tế giữa hai dấu chữ thập trên cùng (đúng ra là ' +
    `${w - 60} mm) để tính tỉ lệ, và độ lệch của dấu chữ thập ở giữa so với vị trí (${vn(w / 2)}; ${vn(h / 2)}) mm để nhập độ lệch ngang, dọc.`;
  return `<!doctype html><html lang="vi"><head><meta charset="utf-8"><style>
${fontCss}
@page{size:${w}mm ${h}mm;margin:0}
html,body{margin:0;padding:0}
body{font-family:${CERTIFICATE_FONT_FAMILY};position:relative;width:${w}mm;height:${h}mm;overflow:hidden}
.t,.c{position:absolute;background:#000}
.n{position:absolute;font-size:7pt;text-align:center}
.h{position:absolute;left:40mm;top:${mm(h / 2 - 40)};width:${mm(w - 80)};font-size:12pt;text-align:center}
</style></head><body>${parts.join('')}<div class="h"><b>${title}</b><br>${escapeHtml(help)}<br>Độ lệch hiện tại: ngang ${vn(cal.offsetXMm)} mm, dọc ${vn(cal.offsetYMm)} mm, tỉ lệ ${vn(Math.round(cal.scale * 1000) / 10)} %.</div></body></html>`;
}
