import type { FieldIssue } from '../api/errors.js';

/**
 * Certificate layout model: a template is a paper size plus field boxes in
 * millimetres. The same model drives the plain-paper design, the text-only
 * overlay for pre-printed blanks (phôi), the editor's live preview and the
 * printout, so what the editor shows is what Chromium prints.
 */

export const PAPERS = {
  A4: { widthMm: 297, heightMm: 210 },
  A3: { widthMm: 420, heightMm: 297 },
} as const;
export type PaperName = keyof typeof PAPERS;

export const TEMPLATE_MODES = ['plain', 'overlay'] as const;
export type TemplateMode = (typeof TEMPLATE_MODES)[number];

export const FIELD_KEYS = [
  'nationalTitle',
  'motto',
  'authority',
  'heading',
  'awardName',
  'greeting',
  'recipientName',
  'recipientDetail',
  'achievement',
  'placeDate',
  'decisionRef',
  'registerNumber',
  'signTitle',
  'signerName',
  'qr',
  'literal',
] as const;
export type FieldKey = (typeof FIELD_KEYS)[number];

export const FIELD_LABELS: Record<FieldKey, string> = {
  nationalTitle: 'Quốc hiệu',
  motto: 'Tiêu ngữ',
  authority: 'Cấp khen (người quyết định)',
  heading: 'Tên giấy (GIẤY KHEN …)',
  awardName: 'Danh hiệu',
  greeting: 'Chữ "Tặng"',
  recipientName: 'Người / tập thể được khen',
  recipientDetail: 'Chức vụ, đơn vị',
  achievement: 'Thành tích',
  placeDate: 'Địa danh, ngày tháng',
  decisionRef: 'Số, ngày quyết định',
  registerNumber: 'Số vào sổ',
  signTitle: 'Chức vụ người ký',
  signerName: 'Họ tên người ký',
  qr: 'Mã QR xác thực',
  literal: 'Chữ cố định',
};

/** The Vietnamese name of a box as a printed page reports it (`data-field`: a field key, or `literal:<id>`). */
export function fieldLabel(field: string): string {
  if (field.startsWith('literal:')) return FIELD_LABELS.literal;
  return (FIELD_KEYS as readonly string[]).includes(field) ? FIELD_LABELS[field as FieldKey] : field;
}

/**
 * Typefaces bundled with the app, each with full Vietnamese: a certificate
 * never uses the PC's own fonts. Tinos has Times New Roman's metrics (the
 * administrative standard), Arimo Arial's; Playfair Display is for headings.
 */
export const FONT_IDS = ['tinos', 'arimo', 'playfair'] as const;
export type FontId = (typeof FONT_IDS)[number];
export const FONTS: Record<FontId, { family: string; label: string }> = {
  tinos: { family: 'Tinos', label: 'Tinos (như Times New Roman)' },
  arimo: { family: 'Arimo', label: 'Arimo (như Arial)' },
  playfair: { family: 'Playfair Display', label: 'Playfair Display (chữ tiêu đề)' },
};
export const DEFAULT_FONT: FontId = 'tinos';

/** The fonts a template's text uses, the default first (it is also the page's own font). */
export function templateFonts(t: { fields: readonly Pick<FieldBox, 'font' | 'key'>[] }): FontId[] {
  const used = new Set<FontId>([DEFAULT_FONT]);
  for (const f of t.fields) if (f.key !== 'qr') used.add(f.font);
  return [...used];
}

export const ALIGNS = ['left', 'center', 'right', 'justify'] as const;
export type Align = (typeof ALIGNS)[number];

export interface FieldBox {
  id: string;
  key: FieldKey;
  /** Only for key 'literal'. */
  text: string | null;
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
  /** Bundled typeface; rows saved before fonts were selectable have none and read as Tinos. */
  font: FontId;
  fontSizePt: number;
  /** Auto-shrink stops here; below it the text wraps, and if it still does not fit printing refuses. */
  minFontSizePt: number;
  bold: boolean;
  italic: boolean;
  uppercase: boolean;
  underline: boolean;
  align: Align;
  color: string;
  /** 0 = as many lines as the box height allows. */
  maxLines: number;
  /** Shrink on one line before wrapping (names); otherwise wrap first (achievement text). */
  shrinkFirst: boolean;
  lineHeight: number;
}

export interface CertificateTemplate {
  id: string;
  name: string;
  mode: TemplateMode;
  paper: PaperName;
  /** Printed by the 'heading' field: "GIẤY KHEN", "GIẤY CHỨNG NHẬN". */
  heading: string;
  /** Award codes this template is offered for first. */
  awardCodes: string[];
  /** Plain mode draws a border frame; overlay never prints decoration. */
  border: boolean;
  fields: FieldBox[];
  builtin: boolean;
  version: number;
}

/**
 * The template to offer first for certificates of these award codes: one
 * listing every code, else one listing any of them, else the first.
 */
export function defaultTemplateFor<T extends Pick<CertificateTemplate, 'awardCodes'>>(templates: readonly T[], codes: readonly string[]): T | undefined {
  const wanted = [...new Set(codes)];
  if (wanted.length > 0) {
    const all = templates.find((t) => wanted.every((c) => t.awardCodes.includes(c)));
    if (all) return all;
    const some = templates.find((t) => wanted.some((c) => t.awardCodes.includes(c)));
    if (some) return some;
  }
  return templates[0];
}

export interface PrinterCalibration {
  printerName: string;
  offsetXMm: number;
  offsetYMm: number;
  /** 1 = 100 %. Printers that shrink to fit the printable area print at ~0.97. */
  scale: number;
}

export const NO_CALIBRATION: PrinterCalibration = { printerName: '', offsetXMm: 0, offsetYMm: 0, scale: 1 };

export function paperSize(t: Pick<CertificateTemplate, 'paper'>): { widthMm: number; heightMm: number } {
  return PAPERS[t.paper];
}

const EPS = 1e-6;

/** Everything wrong with a template, as Vietnamese field issues; empty = valid. */
export function checkTemplate(t: Pick<CertificateTemplate, 'name' | 'paper' | 'fields' | 'mode'>): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { widthMm, heightMm } = PAPERS[t.paper];
  if (!t.name.trim()) issues.push({ path: 'name', message: 'Chưa đặt tên mẫu.' });
  const ids = new Set<string>();
  t.fields.forEach((f, i) => {
    const label = f.key === 'literal' ? `chữ cố định "${f.text ?? ''}"` : `"${FIELD_LABELS[f.key]}"`;
    const at = (path: string, message: string) => issues.push({ path: `fields.${i}.${path}`, message: `Trường ${label}: ${message}` });
    if (ids.has(f.id)) at('id', 'trùng mã trường.');
    ids.add(f.id);
    if (!(f.wMm > 0) || !(f.hMm > 0)) at('wMm', 'chiều rộng và chiều cao phải lớn hơn 0.');
    if (f.xMm < -EPS || f.yMm < -EPS || f.xMm + f.wMm > widthMm + EPS || f.yMm + f.hMm > heightMm + EPS) {
      at('xMm', `nằm ngoài trang giấy ${t.paper} ngang (${widthMm} × ${heightMm} mm): ô từ (${fmt(f.xMm)}; ${fmt(f.yMm)}) đến (${fmt(f.xMm + f.wMm)}; ${fmt(f.yMm + f.hMm)}) mm.`);
    }
    if (f.fontSizePt < 5 || f.fontSizePt > 96) at('fontSizePt', 'cỡ chữ phải từ 5 đến 96 pt.');
    if (f.minFontSizePt < 5 || f.minFontSizePt > f.fontSizePt) at('minFontSizePt', 'cỡ chữ nhỏ nhất phải từ 5 pt và không lớn hơn cỡ chữ.');
    if (f.key === 'literal' && !(f.text ?? '').trim()) at('text', 'chưa có nội dung.');
    if (f.lineHeight < 0.8 || f.lineHeight > 3) at('lineHeight', 'giãn dòng phải từ 0,8 đến 3.');
    if (!/^#[0-9a-fA-F]{6}$/u.test(f.color)) at('color', 'màu phải có dạng #RRGGBB.');
  });
  return issues;
}

function fmt(n: number): string {
  return String(Math.round(n * 10) / 10).replace('.', ',');
}

/** Where a box lands on paper after the printer's calibration (scale about the sheet's top-left corner, then offset). */
export function calibrateBox(f: Pick<FieldBox, 'xMm' | 'yMm' | 'wMm' | 'hMm'>, c: PrinterCalibration): { xMm: number; yMm: number; wMm: number; hMm: number } {
  return { xMm: f.xMm * c.scale + c.offsetXMm, yMm: f.yMm * c.scale + c.offsetYMm, wMm: f.wMm * c.scale, hMm: f.hMm * c.scale };
}

export function checkCalibration(c: PrinterCalibration): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!c.printerName.trim()) issues.push({ path: 'printerName', message: 'Chưa nhập tên máy in.' });
  if (Math.abs(c.offsetXMm) > 30) issues.push({ path: 'offsetXMm', message: 'Độ lệch ngang chỉ được trong khoảng −30 đến 30 mm.' });
  if (Math.abs(c.offsetYMm) > 30) issues.push({ path: 'offsetYMm', message: 'Độ lệch dọc chỉ được trong khoảng −30 đến 30 mm.' });
  if (!(c.scale >= 0.8 && c.scale <= 1.2)) issues.push({ path: 'scale', message: 'Tỉ lệ phải trong khoảng 80 % đến 120 %.' });
  return issues;
}

export type FieldSpec = Partial<FieldBox> & Pick<FieldBox, 'key' | 'xMm' | 'yMm' | 'wMm' | 'hMm' | 'fontSizePt'>;

/** A field box with the usual defaults (centred, black, Tinos, minimum size ~60 % of the size). */
export function field(id: string, spec: FieldSpec): FieldBox {
  return {
    id,
    text: null,
    font: DEFAULT_FONT,
    minFontSizePt: spec.minFontSizePt ?? Math.min(spec.fontSizePt, Math.max(8, Math.round(spec.fontSizePt * 0.6))),
    bold: false,
    italic: false,
    uppercase: false,
    underline: false,
    align: 'center',
    color: '#000000',
    maxLines: 0,
    shrinkFirst: false,
    lineHeight: 1.2,
    ...spec,
  };
}

/** The plain-paper design on A4 landscape; the A3 variant is the same scaled by √2. */
function plainFieldsA4(): FieldBox[] {
  return [
    field('national', { key: 'nationalTitle', xMm: 30, yMm: 20, wMm: 237, hMm: 7, fontSizePt: 14, bold: true, maxLines: 1 }),
    field('motto', { key: 'motto', xMm: 30, yMm: 27, wMm: 237, hMm: 8, fontSizePt: 14, bold: true, underline: true, maxLines: 1 }),
    field('authority', { key: 'authority', xMm: 30, yMm: 40, wMm: 237, hMm: 15, fontSizePt: 15, minFontSizePt: 11, bold: true, uppercase: true, maxLines: 2, shrinkFirst: true }),
    field('heading', { key: 'heading', xMm: 30, yMm: 56, wMm: 237, hMm: 19, fontSizePt: 42, minFontSizePt: 24, bold: true, color: '#b3121a', maxLines: 1, shrinkFirst: true }),
    field('greeting', { key: 'greeting', xMm: 30, yMm: 77, wMm: 237, hMm: 8, fontSizePt: 16, italic: true, maxLines: 1 }),
    field('name', { key: 'recipientName', xMm: 25, yMm: 86, wMm: 247, hMm: 21, fontSizePt: 26, minFontSizePt: 14, bold: true, maxLines: 2, shrinkFirst: true, lineHeight: 1.15 }),
    field('detail', { key: 'recipientDetail', xMm: 30, yMm: 108, wMm: 237, hMm: 15, fontSizePt: 15, minFontSizePt: 11, italic: true, maxLines: 2, shrinkFirst: true }),
    field('achievement', { key: 'achievement', xMm: 35, yMm: 124, wMm: 227, hMm: 29, fontSizePt: 15, minFontSizePt: 10.5, lineHeight: 1.25 }),
    field('qr', { key: 'qr', xMm: 22, yMm: 160, wMm: 22, hMm: 22, fontSizePt: 10 }),
    field('register', { key: 'registerNumber', xMm: 47, yMm: 161, wMm: 90, hMm: 6, fontSizePt: 12, minFontSizePt: 9, bold: true, align: 'left', maxLines: 1, shrinkFirst: true }),
    field('decision', { key: 'decisionRef', xMm: 47, yMm: 168, wMm: 90, hMm: 14, fontSizePt: 11, minFontSizePt: 8, italic: true, align: 'left', maxLines: 3 }),
    field('placeDate', { key: 'placeDate', xMm: 147, yMm: 157, wMm: 130, hMm: 7, fontSizePt: 14, minFontSizePt: 10, italic: true, maxLines: 1, shrinkFirst: true }),
    field('signTitle', { key: 'signTitle', xMm: 147, yMm: 164, wMm: 130, hMm: 13, fontSizePt: 14, minFontSizePt: 10, bold: true, maxLines: 3, shrinkFirst: true }),
    field('signer', { key: 'signerName', xMm: 147, yMm: 191, wMm: 130, hMm: 8, fontSizePt: 14, minFontSizePt: 10, bold: true, maxLines: 1, shrinkFirst: true }),
  ];
}

export function scaleFields(fields: readonly FieldBox[], k: number): FieldBox[] {
  const r = (n: number) => Math.round(n * k * 10) / 10;
  return fields.map((f) => ({ ...f, xMm: r(f.xMm), yMm: r(f.yMm), wMm: r(f.wMm), hMm: r(f.hMm), fontSizePt: r(f.fontSizePt), minFontSizePt: r(f.minFontSizePt) }));
}

function titleFields(): FieldBox[] {
  // A title certificate names the title under the heading and keeps the rest.
  return plainFieldsA4().map((f) => {
    if (f.key === 'heading') return { ...f, hMm: 15, fontSizePt: 34, minFontSizePt: 20 };
    if (f.key === 'greeting') return { ...f, key: 'awardName', yMm: 71, hMm: 9, fontSizePt: 18, minFontSizePt: 12, bold: true, italic: false, shrinkFirst: true };
    return f;
  });
}

/**
 * Text-only overlay for a typical pre-printed Giấy khen blank (A4 landscape):
 * the blank carries the emblem, border, Quốc hiệu, Tiêu ngữ and "GIẤY KHEN";
 * only the variable text is printed. Positions are a starting point: offices
 * measure their own blank and move the boxes in the editor.
 */
function overlayFields(): FieldBox[] {
  return [
    field('authority', { key: 'authority', xMm: 40, yMm: 44, wMm: 217, hMm: 14, fontSizePt: 15, minFontSizePt: 11, bold: true, uppercase: true, maxLines: 2, shrinkFirst: true }),
    field('name', { key: 'recipientName', xMm: 40, yMm: 88, wMm: 217, hMm: 19, fontSizePt: 24, minFontSizePt: 13, bold: true, maxLines: 2, shrinkFirst: true, lineHeight: 1.15 }),
    field('detail', { key: 'recipientDetail', xMm: 40, yMm: 108, wMm: 217, hMm: 14, fontSizePt: 15, minFontSizePt: 11, italic: true, maxLines: 2, shrinkFirst: true }),
    field('achievement', { key: 'achievement', xMm: 40, yMm: 124, wMm: 217, hMm: 28, fontSizePt: 15, minFontSizePt: 10.5, lineHeight: 1.25 }),
    field('qr', { key: 'qr', xMm: 24, yMm: 162, wMm: 20, hMm: 20, fontSizePt: 10 }),
    field('register', { key: 'registerNumber', xMm: 47, yMm: 163, wMm: 85, hMm: 6, fontSizePt: 12, minFontSizePt: 9, bold: true, align: 'left', maxLines: 1, shrinkFirst: true }),
    field('decision', { key: 'decisionRef', xMm: 47, yMm: 170, wMm: 85, hMm: 12, fontSizePt: 11, minFontSizePt: 8, italic: true, align: 'left', maxLines: 3 }),
    field('placeDate', { key: 'placeDate', xMm: 147, yMm: 157, wMm: 125, hMm: 7, fontSizePt: 14, minFontSizePt: 10, italic: true, maxLines: 1, shrinkFirst: true }),
    field('signTitle', { key: 'signTitle', xMm: 147, yMm: 164, wMm: 125, hMm: 13, fontSizePt: 14, minFontSizePt: 10, bold: true, maxLines: 3, shrinkFirst: true }),
    field('signer', { key: 'signerName', xMm: 147, yMm: 191, wMm: 125, hMm: 8, fontSizePt: 14, minFontSizePt: 10, bold: true, maxLines: 1, shrinkFirst: true }),
  ];
}

type BuiltinTemplate = Omit<CertificateTemplate, 'version'>;

export const BUILTIN_TEMPLATES: readonly BuiltinTemplate[] = [
  { id: 'builtin-gk-a4', name: 'Giấy khen — giấy trắng A4 ngang', mode: 'plain', paper: 'A4', heading: 'GIẤY KHEN', awardCodes: ['GK', 'GK-TT'], border: true, fields: plainFieldsA4(), builtin: true },
  { id: 'builtin-gk-a3', name: 'Giấy khen — giấy trắng A3 ngang', mode: 'plain', paper: 'A3', heading: 'GIẤY KHEN', awardCodes: [], border: true, fields: scaleFields(plainFieldsA4(), 420 / 297), builtin: true },
  {
    id: 'builtin-title-a4',
    name: 'Giấy chứng nhận danh hiệu — giấy trắng A4 ngang',
    mode: 'plain',
    paper: 'A4',
    heading: 'GIẤY CHỨNG NHẬN',
    awardCodes: ['LDTT', 'CSTDCS', 'TTLDTT', 'TTLDXS'],
    border: true,
    fields: titleFields(),
    builtin: true,
  },
  { id: 'builtin-gk-overlay-a4', name: 'Giấy khen — in lên phôi A4 ngang', mode: 'overlay', paper: 'A4', heading: 'GIẤY KHEN', awardCodes: [], border: false, fields: overlayFields(), builtin: true },
];
