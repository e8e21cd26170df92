import { AlignmentType, BorderStyle, Document, Header, Packer, PageNumber, Paragraph, Table, TableBorders, TableCell, TableRow, TextRun, VerticalAlign, WidthType, convertMillimetersToTwip } from 'docx';
import type { Block, DocumentRef, IssuingDecision, PlanContent, Signer } from '../../shared/plans/model.js';
import { formatPlaceDate } from '../../shared/vi/dates.js';
import { signerLines } from '../../shared/plans/text.js';

/**
 * A plan (or the decision issuing it) as .docx in the format of NĐ 30/2020/NĐ-CP
 * Phụ lục I: A4, margins 20/15/20/30 mm, Times New Roman; a two-column header
 * (issuing body with a short rule under it, "Số: …/KH-…" | Quốc hiệu, Tiêu ngữ
 * with a rule of its length, place and date in italics); the title and summary
 * in bold with a short rule; the body justified with a first-line indent and
 * I./1./a) numbering; "Nơi nhận" 12 pt bold italic with an 11 pt list beside
 * the signature block (KT./TL. forms); page numbers top centre from page 2.
 */
export interface DocxOptions {
  part: 'plan' | 'decision';
  /** Body font. Times New Roman for Word; the PDF path may pick a font that has every Vietnamese letter on the machine. */
  font?: string;
}

const PT = (n: number) => n * 2; // docx sizes are half-points
const BODY = PT(14);
const TEXT_WIDTH_MM = 210 - 30 - 15;

interface Ctx {
  font: string;
}

function run(text: string, o: { bold?: boolean; italics?: boolean; size?: number; font: string }): TextRun {
  return new TextRun({ text, bold: o.bold ?? false, italics: o.italics ?? false, size: o.size ?? BODY, font: o.font });
}

function centred(c: Ctx, text: string, o: { bold?: boolean; italics?: boolean; size?: number; after?: number } = {}): Paragraph {
  const lines = text.split('\n');
  return new Paragraph({
    alignment: AlignmentType.CENTER,
    spacing: { after: o.after ?? 0, line: 288 },
    children: lines.map((l, i) => new TextRun({ text: l, bold: o.bold ?? false, italics: o.italics ?? false, size: o.size ?? BODY, font: c.font, break: i > 0 ? 1 : 0 })),
  });
}

/** A solid rule of about `mm` millimetres, centred in a column `colMm` wide. */
function rule(mm: number, colMm: number, after = 0): Paragraph {
  const side = Math.max(0, convertMillimetersToTwip((colMm - mm) / 2));
  return new Paragraph({
    indent: { left: side, right: side },
    spacing: { before: 0, after, line: 120, lineRule: 'exact' },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    children: [new TextRun({ text: '', size: 2 })],
  });
}

function body(_c: Ctx, children: TextRun[], o: { italics?: boolean; indent?: boolean } = {}): Paragraph {
  return new Paragraph({
    alignment: AlignmentType.JUSTIFIED,
    ...(o.indent === false ? {} : { indent: { firstLine: convertMillimetersToTwip(12.7) } }),
    spacing: { before: 0, after: 120, line: 312 },
    children,
  });
}

function text(c: Ctx, t: string, o: { bold?: boolean; italics?: boolean } = {}): TextRun {
  return run(t, { ...o, font: c.font });
}

/** Approximate printed width of a line, to size the rules under headings (Times-like metrics). */
function widthMm(t: string, pt: number, bold: boolean): number {
  return t.length * pt * (bold ? 0.16 : 0.15);
}

function refLine(ref: DocumentRef): string {
  return `Số: ${ref.number === '' ? '      ' : ref.number}/${ref.symbol}`;
}

function placeDate(ref: DocumentRef): string {
  if (ref.date.iso && ref.date.precision === 'day') return formatPlaceDate(ref.place, ref.date.iso);
  const t = ref.date.text || 'ngày     tháng     năm';
  // A draft leaves the day blank ("ngày   tháng 12 năm 2023"): keep room to write it in.
  return `${ref.place}, ${t.replace(/^ngày\s+tháng/u, 'ngày      tháng')}`;
}

function headerTable(c: Ctx, p: PlanContent, ref: DocumentRef | null): Table {
  const leftMm = TEXT_WIDTH_MM * 0.42;
  const rightMm = TEXT_WIDTH_MM - leftMm;
  const left: Paragraph[] = [];
  if (p.header.parentBody) left.push(centred(c, p.header.parentBody, { size: PT(13) }));
  left.push(centred(c, p.header.issuingBody, { bold: true, size: PT(13) }));
  const issuerWidth = Math.min(leftMm, widthMm(p.header.issuingBody.split('\n')[0] ?? '', 13, true));
  left.push(rule(Math.max(18, issuerWidth * 0.45), leftMm, 120));
  if (ref && ref.symbol) left.push(centred(c, refLine(ref), { size: PT(13) }));
  const motto = 'Độc lập - Tự do - Hạnh phúc';
  const right: Paragraph[] = [
    centred(c, 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { bold: true, size: PT(12) }),
    centred(c, motto, { bold: true, size: PT(13) }),
    rule(Math.min(rightMm, widthMm(motto, 13, true)), rightMm, 120),
  ];
  if (ref && ref.place) right.push(centred(c, placeDate(ref), { italics: true, size: PT(14) }));
  const cell = (children: Paragraph[], mm: number) => new TableCell({ width: { size: convertMillimetersToTwip(mm), type: WidthType.DXA }, verticalAlign: VerticalAlign.TOP, children });
  return new Table({
    width: { size: convertMillimetersToTwip(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: [convertMillimetersToTwip(leftMm), convertMillimetersToTwip(rightMm)],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left, leftMm), cell(right, rightMm)] })],
  });
}

function titleBlock(c: Ctx, type: string, summary: string): Paragraph[] {
  const out = [new Paragraph({ spacing: { before: 360 }, children: [] }), centred(c, type, { bold: true, size: PT(14) })];
  if (summary) out.push(centred(c, summary, { bold: true, size: PT(14) }));
  out.push(rule(Math.max(25, Math.min(70, widthMm(summary || type, 14, true) * 0.4)), TEXT_WIDTH_MM, 240));
  return out;
}

function blocks(c: Ctx, bs: readonly Block[], depth = 0): Paragraph[] {
  const out: Paragraph[] = [];
  for (const b of bs) {
    const runs: TextRun[] = [];
    const isSection = /^[IVX]+\.$/u.test(b.label);
    const isItem = /^\d+(\.\d+)*\.$/u.test(b.label);
    if (b.heading !== '') {
      const head = [b.label, b.heading].filter((s) => s !== '').join(' ');
      runs.push(text(c, head, { bold: isSection || isItem || /\)$/u.test(b.label), italics: /\)$/u.test(b.label) && !isItem }));
      if (b.text !== '') runs.push(text(c, `: ${b.text}`));
    } else if (b.label !== '') {
      runs.push(text(c, b.label, { bold: isItem || b.label.endsWith('là,'), italics: b.label.endsWith('là,') }), text(c, ` ${b.text}`));
    } else runs.push(text(c, b.text));
    out.push(body(c, runs));
    out.push(...blocks(c, b.children, depth + 1));
  }
  return out;
}

function signatureTable(c: Ctx, addressees: readonly string[], signer: Signer | null): Table {
  const half = TEXT_WIDTH_MM / 2;
  const left: Paragraph[] = [];
  if (addressees.length > 0) {
    left.push(new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: 'Nơi nhận:', bold: true, italics: true, size: PT(12), font: c.font })] }));
    for (const a of addressees) left.push(new Paragraph({ spacing: { after: 0 }, children: [new TextRun({ text: `- ${a}`, size: PT(11), font: c.font })] }));
  } else left.push(new Paragraph({ children: [] }));
  const lines = signerLines(signer);
  const right: Paragraph[] = [];
  if (signer) {
    const upper = lines.slice(0, signer.name ? -1 : undefined);
    for (const l of upper) right.push(centred(c, l, { bold: true, size: PT(14) }));
    for (let i = 0; i < 4; i++) right.push(new Paragraph({ children: [] }));
    if (signer.name) right.push(centred(c, signer.name, { bold: true, size: PT(14) }));
  } else right.push(new Paragraph({ children: [] }));
  const cell = (children: Paragraph[]) => new TableCell({ width: { size: convertMillimetersToTwip(half), type: WidthType.DXA }, children });
  return new Table({
    width: { size: convertMillimetersToTwip(TEXT_WIDTH_MM), type: WidthType.DXA },
    columnWidths: [convertMillimetersToTwip(half), convertMillimetersToTwip(half)],
    borders: TableBorders.NONE,
    rows: [new TableRow({ children: [cell(left), cell(right)] })],
  });
}

function planChildren(c: Ctx, p: PlanContent): (Paragraph | Table)[] {
  const attached = p.issuingDecision !== null;
  const out: (Paragraph | Table)[] = [headerTable(c, p, attached ? null : p.ref), ...titleBlock(c, p.docType, p.summary)];
  if (p.attachmentNote) out.push(centred(c, p.attachmentNote, { italics: true, after: 240 }));
  for (const b of p.legalBases) out.push(body(c, [text(c, b, { italics: true })]));
  for (const line of p.preamble.split('\n').filter((x) => x !== '')) out.push(body(c, [text(c, line)]));
  out.push(...blocks(c, p.body));
  if (p.closing) out.push(body(c, [text(c, p.closing)]));
  if (!attached) out.push(new Paragraph({ children: [] }), signatureTable(c, p.addressees, p.signer));
  return out;
}

function decisionChildren(c: Ctx, p: PlanContent, d: IssuingDecision): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [headerTable(c, p, d.ref), ...titleBlock(c, 'QUYẾT ĐỊNH', d.summary)];
  if (d.authorityTitle) out.push(centred(c, d.authorityTitle, { bold: true, after: 240 }));
  for (const b of d.legalBases) out.push(body(c, [text(c, b, { italics: true })]));
  if (d.proposal) out.push(body(c, [text(c, d.proposal, { italics: true })]));
  out.push(centred(c, 'QUYẾT ĐỊNH:', { bold: true, after: 240 }));
  for (const a of d.articles) {
    const m = /^(Điều \d+\.)\s*(.*)$/su.exec(a);
    out.push(body(c, m ? [text(c, m[1] ?? '', { bold: true }), text(c, ` ${m[2] ?? ''}`)] : [text(c, a)]));
  }
  out.push(new Paragraph({ children: [] }), signatureTable(c, d.addressees, d.signer));
  return out;
}

export async function buildPlanDocx(p: PlanContent, o: DocxOptions): Promise<Buffer> {
  const c: Ctx = { font: o.font ?? 'Times New Roman' };
  const children = o.part === 'decision' && p.issuingDecision ? decisionChildren(c, p, p.issuingDecision) : planChildren(c, p);
  const doc = new Document({
    creator: 'Thi Đua',
    title: `${p.docType} ${p.summary}`,
    styles: { default: { document: { run: { font: c.font, size: BODY } } } },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) },
            margin: { top: convertMillimetersToTwip(20), bottom: convertMillimetersToTwip(20), left: convertMillimetersToTwip(30), right: convertMillimetersToTwip(15), header: convertMillimetersToTwip(10) },
          },
        },
        headers: {
          first: new Header({ children: [new Paragraph({ children: [] })] }),
          default: new Header({ children: [new Paragraph({ alignment: AlignmentType.CENTER, children: [new TextRun({ children: [PageNumber.CURRENT], size: PT(13), font: c.font })] })] }),
        },
        children,
      },
    ],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}
