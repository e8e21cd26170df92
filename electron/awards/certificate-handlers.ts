import { ApiError } from '../../shared/api/errors.js';
import type { PrintProgress, PrintResult } from '../../shared/api/methods/awards.js';
import type { FitOverflow } from '../../shared/awards/fit.js';
import { certificateValues, type CertificateValues } from '../../shared/awards/certificate.js';
import { decisionLabel, formatDecisionNumber } from '../../shared/awards/decision.js';
import { checkCalibration, checkTemplate, fieldLabel, NO_CALIBRATION, PAPERS, templateFonts, type CertificateTemplate, type PrinterCalibration } from '../../shared/awards/layout.js';
import { formatRegisterNumber } from '../../shared/awards/register.js';
import type { AwardItem, Decision } from '../../shared/awards/types.js';
import { base32, parseShortCode, type VerifyResult } from '../../shared/awards/verification.js';
import type { Queryable } from '../../shared/db/port.js';
import { formatDateShort } from '../../shared/vi/dates.js';
import { mutate } from '../store/mutation.js';
import { asUser, requireSession, type HandlerContext, type HandlersFor } from '../handlers/context.js';
import { readSetting, writeSetting } from '../handlers/system.js';
import { fileSlug } from '../../shared/vi/search.js';
import { writeZip } from '../plans/zip.js';
import { renderOnePdf, renderSeparatePdfs } from './certificate-batch.js';
import { calibrationDocument, certificateDocument, type CertificatePage } from './certificate-html.js';
import { loadTemplate, loadTemplates } from './data.js';
import { pdfEngineFactory } from './engine-choice.js';
import type { PdfEngine } from './pdf-engine.js';
import { certificateFontCss } from './fonts.js';
import { calibrationFromRow, decisionFromRow, itemFromRow, printFromRow, templateFromRow } from './rows.js';
import { loadSigningKey, officeSigningKey, parseQrCode, signForPrint, signSummary, verifySignature, type SigningKey } from './signing.js';

function office(ctx: HandlerContext): string {
  return requireSession(ctx).officeUnitId;
}

interface Printable {
  item: AwardItem;
  decision: Decision;
  registerCode: string;
}

async function printableItems(db: Queryable, selection: { decisionId?: string | undefined; itemIds?: string[] | undefined }): Promise<Printable[]> {
  const params: unknown[] = [];
  let where: string;
  if (selection.itemIds && selection.itemIds.length > 0) {
    params.push(selection.itemIds);
    where = 'i.id = ANY($1::text[])';
  } else {
    params.push(selection.decisionId ?? '');
    // A whole decision prints its standing awards: a cancelled line keeps its register number but gets no certificate.
    where = "i.decision_id = $1 AND i.status NOT IN ('removed', 'cancelled')";
  }
  const rows = (
    await db.query(
      `SELECT i.*, r.code AS reg_code FROM award_items i LEFT JOIN award_registers r ON r.id = i.register_id WHERE ${where} ORDER BY i.decision_id, i.seq`,
      params as string[][],
    )
  ).rows;
  if (rows.length === 0) throw new ApiError('not_found', 'Không tìm thấy giấy khen nào để in.');
  const decisions = new Map<string, Decision>();
  const out: Printable[] = [];
  for (const r of rows) {
    const item = itemFromRow(r);
    if (!item.decisionId) throw new ApiError('invalid_input', `Khen thưởng của ${item.recipientName} được nhập từ sổ cũ, không có quyết định trong phần mềm nên không in giấy khen được.`);
    if (item.status === 'draft') throw new ApiError('invalid_input', `Quyết định khen thưởng ${item.recipientName} chưa ban hành; chỉ in giấy khen sau khi quyết định đã có số.`);
    if (item.status === 'cancelled') throw new ApiError('invalid_input', `Khen thưởng của ${item.recipientName} đã bị hủy (${item.cancelReason ?? ''}); không in được.`);
    let d = decisions.get(item.decisionId);
    if (!d) {
      const dr = (await db.query('SELECT * FROM award_decisions WHERE id = $1', [item.decisionId])).rows[0];
      if (!dr) throw new ApiError('not_found', 'Không tìm thấy quyết định.');
      d = decisionFromRow(dr);
      decisions.set(d.id, d);
    }
    out.push({ item, decision: d, registerCode: String(r.reg_code ?? '') });
  }
  return out;
}

function pageFor(p: Printable, template: CertificateTemplate, key: SigningKey): CertificatePage {
  const { item, decision } = p;
  const qrBox = template.fields.find((f) => f.key === 'qr');
  // Without a QR box only the typed short code prints: the shorter folded form is enough.
  const signed = signForPrint(key, {
    decisionNumber: formatDecisionNumber(decision.number, decision.symbol),
    decisionDate: decision.decisionDate,
    recipient: item.recipientName,
    awardCode: item.awardCode,
    registerCode: p.registerCode,
    registerYear: item.registerYear ?? 0,
    registerNumber: item.registerNumber ?? 0,
  }, qrBox ? Math.min(qrBox.wMm, qrBox.hMm) : 0);
  return {
    values: certificateValues({ decision, item, registerCode: p.registerCode, heading: template.heading, verifyCode: signed.typed }),
    qrCode: signed.qr,
  };
}

async function calibrationFor(db: Queryable, owner: string, printerName: string | undefined): Promise<PrinterCalibration> {
  if (!printerName) return NO_CALIBRATION;
  const row = (await db.query('SELECT * FROM printer_calibrations WHERE owner_unit_id = $1 AND printer_name = $2', [owner, printerName])).rows[0];
  return row ? calibrationFromRow(row) : { ...NO_CALIBRATION, printerName };
}

/** Sample values for the editor's preview: the longest real cases, so a layout that fits these fits everything. */
export const SAMPLE_VALUES: CertificateValues = certificateValues({
  decision: {
    number: 125,
    symbol: 'QĐ-UBND',
    decisionDate: '2026-12-28',
    place: 'Mường Nhé',
    authorityTitle: 'Chủ tịch Ủy ban nhân dân huyện Mường Nhé',
    signMode: 'KT.',
    signHeadTitle: 'CHỦ TỊCH',
    signerTitle: 'PHÓ CHỦ TỊCH',
    signerName: 'Nguyễn Thị Thanh Huyền',
  },
  item: {
    recipientKind: 'person',
    recipientTitle: 'Bà',
    recipientName: 'Tôn Nữ Hoàng Thị Phương Khánh Huyền',
    recipientPosition: 'Phó Trưởng phòng phụ trách công tác hộ tịch, chứng thực',
    recipientUnitName: 'Phòng Tư pháp huyện Mường Nhé, tỉnh Điện Biên',
    awardName: 'Chiến sĩ thi đua cơ sở',
    achievement:
      'Đã có thành tích xuất sắc trong thực hiện nhiệm vụ công tác tư pháp năm 2026, đặc biệt trong công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở, xây dựng xã, thị trấn đạt chuẩn tiếp cận pháp luật và cải cách thủ tục hành chính, góp phần vào sự nghiệp xây dựng và phát triển kinh tế - xã hội của huyện',
    registerYear: 2026,
    registerNumber: 1234,
  },
  registerCode: 'SKT',
  heading: 'Giấy khen',
  verifyCode: 'SKT-2026-1234-ABCD-EFGH',
});

async function setProgress(db: Queryable, jobId: string | undefined, p: PrintProgress, now: string): Promise<void> {
  // Progress lives in the local settings table (never synced), keyed by the job id the renderer chose.
  if (jobId) await writeSetting(db, `print_job:${jobId}`, p, now);
}

interface PrintJobInput {
  selection: { decisionId?: string | undefined; itemIds?: string[] | undefined };
  templateId: string;
  printerName?: string | undefined;
  reason?: string | null | undefined;
  jobId?: string | undefined;
}

interface PrintJob {
  template: CertificateTemplate;
  items: Printable[];
  printedBefore: Map<string, string>;
  calibration: PrinterCalibration;
  pages: CertificatePage[];
  fontCss: string;
}

/**
 * Everything a print needs, read outside the write queue (print handlers are
 * declared with queue 'handler'): the certificates, the reprint check, the
 * printer's calibration and the signed pages. Writes nothing but progress.
 */
async function preparePrint(input: PrintJobInput, ctx: HandlerContext): Promise<PrintJob> {
  const owner = office(ctx);
  const { db } = ctx.deps;
  const now = () => ctx.deps.clock().toISOString();
  const template = await loadTemplate(db, owner, input.templateId);
  const items = await printableItems(db, input.selection);
  const printedBefore = await lastPrints(db, items.map((p) => p.item.id));
  if (printedBefore.size > 0 && !input.reason) throw reprintNeedsReason(items.filter((p) => printedBefore.has(p.item.id)));
  const calibration = await calibrationFor(db, owner, input.printerName);
  // The key pair is made on the first print: a write, so through the queue (two first prints must not make two keys).
  const key = await ctx.writes.run(() => officeSigningKey(db, now()));
  const pages: CertificatePage[] = [];
  for (const [i, p] of items.entries()) {
    pages.push(pageFor(p, template, key));
    if (i % 20 === 0) await setProgress(db, input.jobId, { done: i, total: items.length, stage: 'preparing' }, now());
  }
  await setProgress(db, input.jobId, { done: items.length, total: items.length, stage: 'rendering' }, now());
  return { template, items, printedBefore, calibration, pages, fontCss: await certificateFontCss(templateFonts(template)) };
}

async function lastPrints(db: Queryable, ids: string[]): Promise<Map<string, string>> {
  const rows = (await db.query<{ item_id: string; printed_at: string }>('SELECT item_id, max(printed_at) AS printed_at FROM certificate_prints WHERE item_id = ANY($1::text[]) GROUP BY item_id', [ids])).rows;
  return new Map(rows.map((r) => [r.item_id, String(r.printed_at)]));
}

function reprintNeedsReason(printed: Printable[]): ApiError {
  const names = printed.map((p) => p.item.recipientName);
  return new ApiError('invalid_input', `Đã in trước đó: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ` và ${names.length - 5} người khác` : ''}. In lại cần ghi lý do (ví dụ: phôi bị hỏng, in lệch).`, [
    { path: 'reason', message: 'In lại cần ghi lý do.' },
  ]);
}

/** "003-03-2026-skt-lo-van-mung.pdf": the batch's order, the register number, the recipient. */
function certificateFileName(p: Printable | undefined, index: number): string {
  const register = p ? formatRegisterNumber(p.item.registerNumber ?? 0, p.item.registerYear ?? 0, p.registerCode) : '';
  return `${String(index + 1).padStart(3, '0')}-${fileSlug(register)}-${fileSlug(p?.item.recipientName ?? '') || 'giay-khen'}.pdf`;
}

/** The engine is closed after the answer, not before: shutting Chromium down (~0.1 s) is no part of the wait. */
function closeLater(engine: Promise<PdfEngine>, ctx: HandlerContext): void {
  void engine.then((e) => e.close()).catch((error: unknown) => ctx.deps.logger.warn('print engine close failed', { error: String(error) }));
}

async function refuseOverflows(job: PrintJob, overflows: readonly FitOverflow[], input: PrintJobInput, ctx: HandlerContext): Promise<void> {
  if (overflows.length === 0) return;
  await setProgress(ctx.deps.db, input.jobId, { done: 0, total: job.items.length, stage: 'done' }, ctx.deps.clock().toISOString());
  const first = overflows[0];
  const who = first ? (job.items[first.page]?.item.recipientName ?? '') : '';
  throw new ApiError('invalid_input', `Không in được: giấy khen của ${who} có nội dung không vừa ô "${fieldLabel(first?.field ?? '')}" (${first?.reason ?? ''}). Hãy rút gọn nội dung hoặc nới rộng ô trong mẫu.`, overflows.map((o) => ({ path: `pages.${o.page}.${o.field}`, message: o.reason })));
}

/**
 * The print log, in the write queue, after the slow part: one row per
 * certificate. Re-checked inside the queue: a certificate that another print
 * logged meanwhile is a reprint and needs the reason too.
 */
async function recordPrints(job: PrintJob, input: PrintJobInput, output: 'pdf' | 'printer', ctx: HandlerContext): Promise<PrintResult['items']> {
  const { db } = ctx.deps;
  const user = requireSession(ctx).displayName;
  const printed = await ctx.writes.run(async () => {
    const now = await lastPrints(db, job.items.map((p) => p.item.id));
    if (now.size > 0 && !input.reason) throw reprintNeedsReason(job.items.filter((p) => now.has(p.item.id)));
    await mutate(asUser(ctx), output === 'pdf' ? 'certificates.print' : 'certificates.printToPrinter', async (w) => {
      for (const p of job.items) {
        const reprint = now.has(p.item.id);
        await w.insert('certificate_prints', {
          id: ctx.deps.newId(),
          item_id: p.item.id,
          kind: reprint ? 'reprint' : 'print',
          reason: input.reason ?? null,
          printed_by: user,
          printed_at: w.now,
          template_id: job.template.id,
          printer_name: input.printerName ?? null,
          output,
        });
      }
    });
    return now;
  });
  await setProgress(db, input.jobId, { done: job.items.length, total: job.items.length, stage: 'done' }, ctx.deps.clock().toISOString());
  return job.items.map((p) => ({
    itemId: p.item.id,
    recipientName: p.item.recipientName,
    registerLabel: formatRegisterNumber(p.item.registerNumber ?? 0, p.item.registerYear ?? 0, p.registerCode),
    kind: printed.has(p.item.id) ? ('reprint' as const) : ('print' as const),
  }));
}

export const certificateHandlers: HandlersFor<
  | 'certificates.templates'
  | 'certificates.previewHtml'
  | 'certificates.calibrations'
  | 'certificates.calibrationPage'
  | 'certificates.printProgress'
  | 'certificates.printLog'
  | 'certificates.saveTemplate'
  | 'certificates.saveCalibration'
  | 'certificates.print'
  | 'certificates.printers'
  | 'certificates.printToPrinter'
  | 'awards.verify'
> = {
  async 'certificates.templates'(_input, ctx) {
    return loadTemplates(ctx.deps.db, office(ctx));
  },

  async 'certificates.previewHtml'(input, ctx) {
    const template: CertificateTemplate = { ...input.template, id: input.template.id ?? 'preview', builtin: false, version: 0 };
    let page: CertificatePage = { values: { ...SAMPLE_VALUES, heading: template.heading.toLocaleUpperCase('vi') }, qrCode: 'TD1.xem-truoc-mau-giay-khen' };
    if (input.itemId) {
      const [p] = await printableItems(ctx.deps.db, { itemIds: [input.itemId] });
      if (p) page = { values: certificateValues({ decision: p.decision, item: p.item, registerCode: p.registerCode, heading: template.heading, verifyCode: '' }), qrCode: 'TD1.xem-truoc' };
    }
    const calibration = await calibrationFor(ctx.deps.db, office(ctx), input.printerName);
    const html = await certificateDocument({ template, pages: [page], fontCss: await certificateFontCss(templateFonts(template)), calibration, showBoxes: true });
    return { html };
  },

  async 'certificates.calibrations'(_input, ctx) {
    return (await ctx.deps.db.query('SELECT * FROM printer_calibrations WHERE owner_unit_id = $1 ORDER BY printer_name', [office(ctx)])).rows.map(calibrationFromRow);
  },

  async 'certificates.calibrationPage'(input, ctx) {
    const cal = await calibrationFor(ctx.deps.db, office(ctx), input.printerName);
    const paper = input.paper ?? 'A4';
    const engine = await pdfEngineFactory(ctx.deps)();
    try {
      const r = await engine.render(calibrationDocument(paper, await certificateFontCss(), cal), PAPERS[paper], { fit: false });
      return { fileName: `trang-can-chinh-${paper}.pdf`, base64: r.pdf.toString('base64') };
    } finally {
      await engine.close();
    }
  },

  async 'certificates.printProgress'(input, ctx) {
    return readSetting<PrintProgress>(ctx.deps.db, `print_job:${input.jobId}`);
  },

  async 'certificates.printLog'(input, ctx) {
    const params: string[] = [];
    let sql = 'SELECT p.* FROM certificate_prints p JOIN award_items i ON i.id = p.item_id WHERE 1 = 1';
    if (input.itemId) {
      params.push(input.itemId);
      sql += ` AND p.item_id = $${params.length}`;
    }
    if (input.decisionId) {
      params.push(input.decisionId);
      sql += ` AND i.decision_id = $${params.length}`;
    }
    return (await ctx.deps.db.query(`${sql} ORDER BY p.printed_at DESC, p.created_at DESC`, params)).rows.map(printFromRow);
  },

  async 'certificates.saveTemplate'(input, ctx) {
    const owner = office(ctx);
    const issues = checkTemplate(input);
    if (issues.length > 0) throw new ApiError('invalid_input', `Mẫu chưa hợp lệ: ${issues[0]?.message ?? ''}`, issues);
    const known = input.id ? (await loadTemplates(ctx.deps.db, owner)).find((t) => t.id === input.id) : undefined;
    if (input.id && !known) throw new ApiError('not_found', 'Không tìm thấy mẫu giấy khen.');
    const cols = {
      name: input.name,
      mode: input.mode,
      paper: input.paper,
      heading: input.heading,
      award_codes: JSON.stringify(input.awardCodes),
      border: input.border,
      fields: JSON.stringify(input.fields),
    };
    const row = await mutate(asUser(ctx), 'certificates.saveTemplate', async (w) => {
      if (known && known.version > 0) return w.update('certificate_templates', known.id, cols, input.expectedVersion);
      // A built-in template edited for the first time becomes this office's row under the same id.
      return w.insert('certificate_templates', { id: known?.id ?? ctx.deps.newId(), ...cols, builtin: known?.builtin ?? false });
    });
    return templateFromRow(row);
  },

  async 'certificates.saveCalibration'(input, ctx) {
    const owner = office(ctx);
    const issues = checkCalibration(input);
    if (issues.length > 0) throw new ApiError('invalid_input', issues[0]?.message ?? 'Căn chỉnh chưa hợp lệ.', issues);
    const existing = (await ctx.deps.db.query<{ id: string }>('SELECT id FROM printer_calibrations WHERE owner_unit_id = $1 AND printer_name = $2', [owner, input.printerName])).rows[0];
    const cols = { offset_x_mm: input.offsetXMm, offset_y_mm: input.offsetYMm, scale: input.scale };
    const row = await mutate(asUser(ctx), 'certificates.saveCalibration', (w) =>
      existing ? w.update('printer_calibrations', existing.id, cols) : w.insert('printer_calibrations', { id: ctx.deps.newId(), printer_name: input.printerName, ...cols }),
    );
    return calibrationFromRow(row);
  },

  async 'certificates.printers'(_input, ctx) {
    const factory = pdfEngineFactory(ctx.deps);
    if (!factory.printers) return { direct: false, printers: [] };
    const printers = await factory.printers();
    return { direct: true, printers: printers.map((p) => ({ name: p.name, displayName: p.displayName || p.name, isDefault: p.isDefault, problem: p.problem })) };
  },

  async 'certificates.print'(input, ctx) {
    const job = await preparePrint(input, ctx);
    // Chromium starts while the pages are built (and loads the fonts meanwhile); one instance for the whole batch.
    const engine = pdfEngineFactory(ctx.deps)({ fontCss: job.fontCss });
    const batch = { template: job.template, fontCss: job.fontCss, calibration: job.calibration };
    let file: Buffer;
    try {
      if (input.perCertificate) {
        // The batch printed once, then split: each file is exactly its page of the batch.
        const rendered = await renderSeparatePdfs(engine, job.pages, batch);
        await refuseOverflows(job, rendered.overflows, input, ctx);
        file = writeZip(rendered.pdfs.map((pdf, i) => ({ name: certificateFileName(job.items[i], i), data: pdf })));
      } else {
        const rendered = await renderOnePdf(engine, job.pages, batch);
        await refuseOverflows(job, rendered.overflows, input, ctx);
        file = rendered.pdf;
      }
    } finally {
      closeLater(engine, ctx);
    }
    const items = await recordPrints(job, input, 'pdf', ctx);
    const first = job.items[0];
    const label = first ? (job.items.length === 1 ? first.item.recipientName : decisionLabel(first.decision)) : '';
    return {
      file: { fileName: `giay-khen-${fileSlug(label) || 'in'}${input.perCertificate ? '-tung-to.zip' : '.pdf'}`, base64: file.toString('base64') },
      printed: job.items.length,
      items,
    };
  },

  async 'certificates.printToPrinter'(input, ctx) {
    const factory = pdfEngineFactory(ctx.deps);
    if (!factory.printers) {
      throw new ApiError('invalid_input', 'Bản chạy trên trình duyệt không gửi thẳng ra máy in được. Hãy bấm "Tải PDF để in" rồi in tệp PDF.');
    }
    const printer = (await factory.printers()).find((p) => p.name === input.printerName);
    if (!printer) throw new ApiError('not_found', `Không tìm thấy máy in "${input.printerName}" trên máy tính này. Hãy chọn lại máy in.`);
    if (printer.problem && input.silent) throw new ApiError('conflict', `Máy in "${printer.displayName || printer.name}" đang báo lỗi: ${printer.problem}. Hãy kiểm tra máy in rồi in lại; chưa ghi nhận giấy khen nào là đã in.`);
    const job = await preparePrint(input, ctx);
    const engine = factory({ fontCss: job.fontCss });
    let overflows;
    try {
      const opened = await engine;
      if (!opened.print) throw new ApiError('invalid_input', 'Trình in này không gửi thẳng ra máy in được. Hãy tải PDF để in.');
      const html = await certificateDocument({ template: job.template, pages: job.pages, fontCss: job.fontCss, calibration: job.calibration });
      try {
        ({ overflows } = await opened.print(html, PAPERS[job.template.paper], { printerName: input.printerName, silent: input.silent }));
      } catch (error) {
        await setProgress(ctx.deps.db, input.jobId, { done: 0, total: job.items.length, stage: 'done' }, ctx.deps.clock().toISOString());
        if (error instanceof ApiError) throw error;
        const message = (error instanceof Error ? error.message : String(error)).replace(/^Không in được: /u, '');
        throw new ApiError('conflict', `Không in được: ${message}`);
      }
    } finally {
      closeLater(engine, ctx);
    }
    await refuseOverflows(job, overflows, input, ctx);
    const items = await recordPrints(job, input, 'printer', ctx);
    return { printed: job.items.length, printerName: input.printerName, items };
  },

  async 'awards.verify'(input, ctx) {
    const db = ctx.deps.db;
    const owner = office(ctx);
    const unreadable: VerifyResult = { status: 'unreadable', message: 'Không đọc được mã. Hãy quét lại mã QR hoặc gõ đúng mã xác thực in dưới giấy khen (dạng SKT-2026-12-ABCD-EFGH).', award: null };
    const key = await loadSigningKey(db);
    if (!key) return { status: 'not_found', message: 'Cơ quan chưa in giấy khen nào có mã xác thực.', award: null };
    let registerCode: string;
    let year: number;
    let number: number;
    let check: (expected: ReturnType<typeof signSummary>) => boolean;
    const badSignature: VerifyResult = { status: 'bad_signature', message: 'Chữ ký số của mã không đúng: nội dung đã bị sửa hoặc mã bị làm giả.', award: null };
    // Set when the text around a genuine signature was changed: see below.
    let textChanged = false;
    const parsed = parseQrCode(input.code);
    if (parsed.ok) {
      if (parsed.summary.keyId !== key.keyId) {
        return { status: 'unknown_office', message: 'Mã này do một cơ quan khác ký (không phải cơ quan đang dùng phần mềm này), nên không đối chiếu được tại đây.', award: null };
      }
      ({ registerCode, registerYear: year, registerNumber: number } = parsed.summary);
      if (verifySignature(key, parsed.text, parsed.signature)) {
        const scanned = input.code.normalize('NFC').trim().toLocaleUpperCase('vi');
        check = (expected) => expected.qr === scanned;
      } else {
        // A scanner that types into the field (keyboard wedge) may drop or garble the Vietnamese letters of a
        // TD2 name. The signature (ASCII) still says which record the office signed: compare it with the
        // record's own signatures. Anything else changed the signature and matches no record.
        textChanged = true;
        const signature = base32(parsed.signature);
        check = (expected) => expected.qr.slice(expected.qr.lastIndexOf('*') + 1) === signature;
      }
    } else {
      const short = parseShortCode(input.code);
      if (!short) return unreadable;
      ({ registerCode, registerYear: year, registerNumber: number } = short);
      check = (expected) => expected.typed.replace(/-/gu, '').endsWith(short.tag);
    }
    const row = (
      await db.query(
        `SELECT i.*, r.code AS reg_code FROM award_items i JOIN award_registers r ON r.id = i.register_id
         WHERE i.owner_unit_id = $1 AND r.code = $2 AND i.register_year = $3 AND i.register_number = $4`,
        [owner, registerCode, year, number],
      )
    ).rows[0];
    if (!row) return textChanged ? badSignature : { status: 'not_found', message: `Không có giấy khen số ${formatRegisterNumber(number, year, registerCode)} trong sổ khen thưởng của cơ quan.`, award: null };
    const item = itemFromRow(row);
    const dr = item.decisionId ? (await db.query('SELECT * FROM award_decisions WHERE id = $1', [item.decisionId])).rows[0] : undefined;
    if (!dr) return { status: 'not_found', message: 'Khen thưởng này không có quyết định trong phần mềm.', award: null };
    const decision = decisionFromRow(dr);
    const summary = {
      decisionNumber: formatDecisionNumber(decision.number, decision.symbol),
      decisionDate: decision.decisionDate,
      recipient: item.recipientName,
      awardCode: item.awardCode,
      registerCode,
      registerYear: year,
      registerNumber: number,
    };
    // The certificate printed one of the two forms (name with diacritics when its QR box allowed it): either matches.
    const forms = [signSummary(key, summary, { diacritics: true }), signSummary(key, summary)];
    const award = {
      recipient: item.recipientName,
      awardName: item.awardName,
      decisionLabel: decisionLabel(decision),
      registerLabel: formatRegisterNumber(number, year, registerCode),
      issuer: decision.issuerName,
    };
    if (!forms.some(check)) {
      if (textChanged) return badSignature;
      return { status: 'mismatch', message: `Mã không khớp với khen thưởng số ${award.registerLabel} trong sổ (tên, quyết định hoặc số vào sổ khác với bản đã in).`, award: null };
    }
    if (item.status === 'cancelled') {
      return { status: 'cancelled', message: `Khen thưởng này đã bị hủy${item.cancelledAt ? ` ngày ${formatDateShort(item.cancelledAt.slice(0, 10))}` : ''}: ${item.cancelReason ?? ''}`, award };
    }
    if (item.status !== 'issued' || decision.status !== 'issued') return { status: 'not_found', message: 'Quyết định khen thưởng này chưa được ban hành.', award: null };
    const note = textChanged ? ' (Chữ trong mã quét được khác bản in, thường do máy quét không gõ được chữ có dấu; chữ ký số khớp với khen thưởng này trong sổ.)' : '';
    return { status: 'valid', message: `Hợp lệ: ${award.recipient} được tặng ${award.awardName} theo ${award.decisionLabel}, số vào sổ ${award.registerLabel}.${note}`, award };
  },
};

