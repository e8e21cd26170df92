import {
  AlignmentType,
  BorderStyle,
  Document,
  PageOrientation,
  Packer,
  Paragraph,
  Table,
  TableCell,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
  type IBorderOptions,
  type ParagraphChild,
} from 'docx';
import type { FileData } from '../../shared/api/methods/people.js';
import type { DecisionWithItems } from '../../shared/awards/types.js';
import { decisionFileName, decisionText } from './decision-text.js';

/**
 * The decision as .docx in the NĐ 30/2020 format (R-DOC-01..08): A4
 * portrait, margins 20/20/30/15 mm, Times New Roman 14 pt, the two-column
 * header without borders, italic place-date, bold title and summary with a
 * short rule, italic "Căn cứ" lines, "Điều" articles, the signature block
 * beside "Nơi nhận", then the list as an appendix on A4 landscape.
 */
const MM = 56.7; // twips per millimetre
const FONT = 'Times New Roman';
const none: IBorderOptions = { style: BorderStyle.NONE, size: 0, color: 'FFFFFF' };
const noBorders = { top: none, bottom: none, left: none, right: none, insideHorizontal: none, insideVertical: none };
const thin: IBorderOptions = { style: BorderStyle.SINGLE, size: 4, color: '000000' };

function run(text: string, o: { size?: number; bold?: boolean; italics?: boolean; break?: number } = {}): TextRun {
  return new TextRun({ text, font: FONT, size: (o.size ?? 14) * 2, bold: o.bold ?? false, italics: o.italics ?? false, ...(o.break ? { break: o.break } : {}) });
}

function para(children: ParagraphChild[], o: { align?: (typeof AlignmentType)[keyof typeof AlignmentType]; indent?: boolean; after?: number; before?: number; rule?: number } = {}): Paragraph {
  return new Paragraph({
    children,
    alignment: o.align ?? AlignmentType.JUSTIFIED,
    spacing: { after: o.after ?? 0, before: o.before ?? 0, line: 276 },
    ...(o.indent ? { indent: { firstLine: Math.round(10 * MM) } } : {}),
    // A short solid rule under the line: a bottom border on an indented paragraph (1/3 of the column, R-DOC-02).
    ...(o.rule ? { border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } }, indent: { left: o.rule, right: o.rule } } : {}),
  });
}

function centered(text: string, o: { size?: number; bold?: boolean; italics?: boolean; after?: number; before?: number } = {}): Paragraph {
  return para([run(text, o)], { align: AlignmentType.CENTER, after: o.after ?? 0, before: o.before ?? 0 });
}

function rule(widthTwips: number, columnTwips: number): Paragraph {
  const side = Math.max(0, Math.round((columnTwips - widthTwips) / 2));
  return para([], { align: AlignmentType.CENTER, rule: side, after: 120 });
}

function cell(children: Paragraph[], widthTwips: number, borders = noBorders): TableCell {
  return new TableCell({ children, width: { size: widthTwips, type: WidthType.DXA }, borders, verticalAlign: VerticalAlign.TOP });
}

export async function decisionDocxBuffer(d: DecisionWithItems): Promise<Buffer> {
  const t = decisionText(d);
  const bodyWidth = Math.round((210 - 30 - 15) * MM);
  const leftCol = Math.round(bodyWidth * 0.38);
  const rightCol = bodyWidth - leftCol;

  const header = new Table({
    width: { size: bodyWidth, type: WidthType.DXA },
    columnWidths: [leftCol, rightCol],
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [
              ...(t.parentBody ? [centered(t.parentBody, { size: 13 })] : []),
              centered(t.issuerName, { size: 13, bold: true }),
              rule(Math.round(leftCol * 0.4), leftCol),
              centered(t.numberLine, { size: 13 }),
            ],
            leftCol,
          ),
          cell(
            [
              centered('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', { size: 12, bold: true }),
              centered('Độc lập - Tự do - Hạnh phúc', { size: 14, bold: true }),
              rule(Math.round(rightCol * 0.62), rightCol),
              centered(t.placeDate, { size: 14, italics: true }),
            ],
            rightCol,
          ),
        ],
      }),
    ],
  });

  const signCol = Math.round(bodyWidth * 0.5);
  const signature = new Table({
    width: { size: bodyWidth, type: WidthType.DXA },
    columnWidths: [bodyWidth - signCol, signCol],
    borders: noBorders,
    rows: [
      new TableRow({
        children: [
          cell(
            [para([run('Nơi nhận:', { size: 12, bold: true, italics: true })], { align: AlignmentType.LEFT }), ...t.recipients.map((r) => para([run(`- ${r}`, { size: 11 })], { align: AlignmentType.LEFT }))],
            bodyWidth - signCol,
          ),
          cell(
            [
              ...t.signLines.map((l) => centered(l, { size: 14, bold: true })),
              centered('', { after: 1400 }),
              centered(t.signerName, { size: 14, bold: true }),
            ],
            signCol,
          ),
        ],
      }),
    ],
  });

  const body: (Paragraph | Table)[] = [
    header,
    centered('QUYẾT ĐỊNH', { size: 14, bold: true, before: 240 }),
    centered(t.subject, { size: 14, bold: true }),
    rule(Math.round(bodyWidth * 0.2), bodyWidth),
    centered(t.authority, { size: 14, bold: true, before: 120, after: 120 }),
    ...t.bases.map((b) => para([run(b, { italics: true })], { indent: true, after: 120 })),
    centered('QUYẾT ĐỊNH:', { size: 14, bold: true, before: 120, after: 120 }),
    ...t.articles.map((a) => para([...(a.label ? [run(`${a.label} `, { bold: true })] : []), run(a.text)], { indent: true, after: 120 })),
    signature,
  ];

  // Appendix (Mẫu 2.1): A4 landscape so the list's columns stay readable.
  const appWidth = Math.round((297 - 20 - 20) * MM);
  const cols = [0.05, 0.2, 0.2, 0.13, 0.24, 0.1, 0.08].map((f) => Math.round(appWidth * f));
  const headCells = ['TT', 'Họ và tên / Tập thể', 'Chức vụ, đơn vị', 'Hình thức', 'Thành tích', 'Số tiền (đồng)', 'Số vào sổ'];
  const borders = { top: thin, bottom: thin, left: thin, right: thin };
  const tcell = (text: string, i: number, o: { bold?: boolean; align?: (typeof AlignmentType)[keyof typeof AlignmentType] } = {}) =>
    new TableCell({
      width: { size: cols[i] ?? 1000, type: WidthType.DXA },
      borders,
      children: [para([run(text, { size: 12, bold: o.bold ?? false })], { align: o.align ?? AlignmentType.LEFT })],
    });
  const list = new Table({
    width: { size: appWidth, type: WidthType.DXA },
    columnWidths: cols,
    rows: [
      new TableRow({ tableHeader: true, children: headCells.map((h, i) => tcell(h, i, { bold: true, align: AlignmentType.CENTER })) }),
      ...t.rows.map(
        (r) =>
          new TableRow({
            children: [
              tcell(r.no, 0, { align: AlignmentType.CENTER }),
              tcell(r.name, 1, { bold: true }),
              tcell(r.detail, 2),
              tcell(r.award, 3),
              tcell(r.achievement, 4),
              tcell(r.amount, 5, { align: AlignmentType.RIGHT }),
              tcell(r.register, 6, { align: AlignmentType.CENTER }),
            ],
          }),
      ),
      new TableRow({
        children: [tcell('', 0), tcell('Tổng cộng', 1, { bold: true }), tcell('', 2), tcell('', 3), tcell('', 4), tcell(t.total, 5, { bold: true, align: AlignmentType.RIGHT }), tcell('', 6)],
      }),
    ],
  });

  const doc = new Document({
    creator: 'Thi Đua',
    title: t.subject,
    styles: { default: { document: { run: { font: FONT, size: 28 } } } },
    sections: [
      {
        properties: { page: { size: { width: Math.round(210 * MM), height: Math.round(297 * MM) }, margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(30 * MM), right: Math.round(15 * MM) } } },
        children: body,
      },
      {
        properties: {
          page: {
            size: { width: Math.round(210 * MM), height: Math.round(297 * MM), orientation: PageOrientation.LANDSCAPE },
            margin: { top: Math.round(20 * MM), bottom: Math.round(20 * MM), left: Math.round(20 * MM), right: Math.round(20 * MM) },
          },
        },
        children: [
          centered(t.appendixTitle, { size: 14, bold: true }),
          centered(t.appendixSubtitle, { size: 14, bold: true }),
          centered(t.appendixRef, { size: 14, italics: true }),
          rule(Math.round(appWidth * 0.15), appWidth),
          list,
        ],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

export async function decisionDocx(d: DecisionWithItems): Promise<FileData> {
  return { fileName: decisionFileName(d, 'docx'), base64: (await decisionDocxBuffer(d)).toString('base64') };
}
