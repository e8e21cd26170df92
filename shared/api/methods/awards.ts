import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, isoDate, multilineText, optionalText, requiredText } from '../../schema/text.js';
import { fileInput, type FileData } from './people.js';
import type { ItemsImportResult } from '../../awards/items-import.js';
import type { PrizeResult } from '../../awards/prize.js';
import {
  ROUNDING_MODES,
  SIGN_MODES,
  type AwardKind,
  type AwardOptions,
  type AwardRegister,
  type BaseSalary,
  type Decision,
  type DecisionWithItems,
  type PrintRecord,
  type RegisterEntry,
} from '../../awards/types.js';
import { ALIGNS, DEFAULT_FONT, FIELD_KEYS, FONT_IDS, PAPERS, TEMPLATE_MODES, type CertificateTemplate, type PrinterCalibration } from '../../awards/layout.js';
import type { VerifyResult } from '../../awards/verification.js';
import { AUTHORITY_KINDS } from '../../awards/authority.js';

/**
 * Commendation decisions, the award register and certificates (issue 6).
 * Officers draft; the head issues (gives the number) and cancels; anyone
 * signed in reads, verifies and prints. Printing is a command because it
 * records who printed what, when and why.
 */
const drafters = ['officer', 'head', 'admin'] as const;
const deciders = ['head', 'admin'] as const;

const confidence = z.enum(['certain', 'likely', 'unsure'], { error: 'Độ tin cậy: không hợp lệ.' });
const money = z.number({ error: 'Số tiền phải là số.' }).int({ error: 'Số tiền phải là số nguyên (đồng).' }).positive({ error: 'Số tiền phải lớn hơn 0.' }).max(1_000_000_000);

export const awardItemInput = z.object({
  recipientKind: z.enum(['person', 'collective'], { error: 'Đối tượng: chọn cá nhân hoặc tập thể.' }),
  personId: idSchema.nullish().transform((v) => v ?? null),
  unitId: idSchema.nullish().transform((v) => v ?? null),
  /** Typed name, for a collective outside the unit tree or to override; for a person, taken from their record when empty. */
  recipientName: optionalText('Tên người / tập thể được khen', 200),
  recipientPosition: optionalText('Chức vụ', 150),
  recipientUnitName: optionalText('Đơn vị công tác', 200),
  awardKindId: idSchema,
  achievement: multilineText('Thành tích', 1500),
});
export type AwardItemInput = z.output<typeof awardItemInput>;

export const decisionInput = z.object({
  symbol: requiredText('Ký hiệu', 40),
  decisionDate: isoDate('Ngày quyết định'),
  place: requiredText('Địa danh', 80),
  parentBody: optionalText('Cơ quan chủ quản', 200).transform((v) => v ?? ''),
  issuerName: requiredText('Cơ quan ban hành', 200),
  authorityTitle: requiredText('Thẩm quyền (chức danh người quyết định)', 200),
  /** Whose power the decision uses, for the authority rules; omitted = the office's usual authority. */
  authorityKind: z.enum(AUTHORITY_KINDS, { error: 'Thẩm quyền quyết định: không hợp lệ.' }).optional(),
  signMode: z.enum(SIGN_MODES, { error: 'Hình thức ký: không hợp lệ.' }),
  signHeadTitle: optionalText('Chức danh sau KT./TM.', 120).transform((v) => v ?? ''),
  signerTitle: requiredText('Chức vụ người ký', 120),
  signerName: requiredText('Họ tên người ký', 120),
  subject: requiredText('Trích yếu', 300),
  legalBases: z.array(requiredText('Căn cứ', 600)).max(20, { error: 'Tối đa 20 căn cứ.' }),
  executionText: multilineText('Điều thi hành', 2000),
  recipients: z.array(requiredText('Nơi nhận', 200)).max(20),
  items: z.array(awardItemInput).max(500, { error: 'Một quyết định tối đa 500 người, tập thể.' }),
});
export type DecisionInput = z.output<typeof decisionInput>;

export const fieldBoxInput = z.object({
  id: requiredText('Mã trường', 40),
  key: z.enum(FIELD_KEYS, { error: 'Loại trường: không hợp lệ.' }),
  text: optionalText('Chữ cố định', 300),
  xMm: z.number({ error: 'Vị trí ngang phải là số (mm).' }).finite(),
  yMm: z.number({ error: 'Vị trí dọc phải là số (mm).' }).finite(),
  wMm: z.number({ error: 'Chiều rộng phải là số (mm).' }).finite(),
  hMm: z.number({ error: 'Chiều cao phải là số (mm).' }).finite(),
  font: z.enum(FONT_IDS, { error: 'Phông chữ: chỉ chọn một phông có sẵn trong phần mềm.' }).default(DEFAULT_FONT),
  fontSizePt: z.number().finite(),
  minFontSizePt: z.number().finite(),
  bold: z.boolean(),
  italic: z.boolean(),
  uppercase: z.boolean(),
  underline: z.boolean(),
  align: z.enum(ALIGNS),
  color: z.string().max(7),
  maxLines: z.number().int().min(0).max(20),
  shrinkFirst: z.boolean(),
  lineHeight: z.number().finite(),
});

export const templateInput = z.object({
  id: idSchema.optional(),
  expectedVersion: z.number().int().positive().optional(),
  name: requiredText('Tên mẫu', 120),
  mode: z.enum(TEMPLATE_MODES),
  paper: z.enum(Object.keys(PAPERS) as ['A4', 'A3']),
  heading: requiredText('Tên giấy', 60),
  awardCodes: z.array(requiredText('Mã hình thức', 20)).max(30),
  border: z.boolean(),
  fields: z.array(fieldBoxInput).min(1, { error: 'Mẫu phải có ít nhất một trường.' }).max(40),
});

export const calibrationInput = z.object({
  printerName: requiredText('Tên máy in', 120),
  offsetXMm: z.number({ error: 'Độ lệch ngang phải là số (mm).' }).finite(),
  offsetYMm: z.number({ error: 'Độ lệch dọc phải là số (mm).' }).finite(),
  scale: z.number({ error: 'Tỉ lệ phải là số.' }).finite(),
});

export interface AwardsConfig {
  baseSalaries: BaseSalary[];
  kinds: AwardKind[];
  registers: AwardRegister[];
  options: AwardOptions;
  /** Header values for a new decision, from the office's unit record. */
  decisionDefaults: Pick<Decision, 'place' | 'parentBody' | 'issuerName' | 'authorityTitle' | 'symbol' | 'legalBases' | 'executionText' | 'recipients'>;
  /** The public key certificates are signed with (base64url SPKI), and its id. */
  signingKeyId: string;
}

export interface DecisionSummary {
  decision: Decision;
  itemCount: number;
  totalPrize: number;
  printedCount: number;
}

export interface PrintResult {
  /** One PDF of the whole batch, or (perCertificate) a .zip with one PDF per certificate. */
  file: FileData;
  printed: number;
  /** Register numbers printed, in order. */
  items: { itemId: string; recipientName: string; registerLabel: string; kind: 'print' | 'reprint' }[];
}

/** A printer the desktop app can print to directly (webContents.getPrintersAsync). */
export interface PrinterInfo {
  name: string;
  displayName: string;
  isDefault: boolean;
  /** Vietnamese, when the system reports a problem (offline, paper out …); null when it reports none. */
  problem: string | null;
}

/** direct = false in the web build (no Electron): the screen offers the PDF to print instead. */
export interface PrintersResult {
  direct: boolean;
  printers: PrinterInfo[];
}

export interface DirectPrintResult {
  printed: number;
  printerName: string;
  items: PrintResult['items'];
}

export interface PrintProgress {
  done: number;
  total: number;
  stage: 'preparing' | 'rendering' | 'done';
}

const itemSelection = z
  .object({
    decisionId: idSchema.optional(),
    itemIds: z.array(idSchema).max(1000).optional(),
  })
  .refine((v) => Boolean(v.decisionId) || (v.itemIds?.length ?? 0) > 0, { error: 'Chọn một quyết định hoặc ít nhất một giấy khen để in.' });

export const awardQueries = {
  'awards.config': query<AwardsConfig>()(z.object({}), 'user'),
  'awards.listDecisions': query<DecisionSummary[]>()(z.object({ year: z.number().int().optional(), status: z.enum(['draft', 'issued']).optional() }), 'user'),
  'awards.getDecision': query<DecisionWithItems>()(z.object({ id: idSchema }), 'user'),
  'awards.prizePreview': query<PrizeResult>()(z.object({ awardKindId: idSchema, date: isoDate('Ngày quyết định') }), 'user'),
  /** The register, searchable by person or collective (diacritics ignored). */
  'awards.register': query<RegisterEntry[]>()(
    z.object({ search: z.string().max(200).optional(), year: z.number().int().optional(), registerId: idSchema.optional(), includeCancelled: z.boolean().optional() }),
    'user',
  ),
  /** One person's or one unit's commendations across all years, newest first. */
  'awards.history': query<RegisterEntry[]>()(
    z.object({ personId: idSchema.optional(), unitId: idSchema.optional() }).refine((v) => Boolean(v.personId ?? v.unitId), { error: 'Chọn một người hoặc một tập thể.' }),
    'user',
  ),
  /** The spreadsheet template for a decision's list (the list offices keep for their mail merge). */
  'awards.itemsTemplate': query<FileData>()(z.object({}), 'user'),
  /** Reads a list from .xlsx into award lines for the editor; writes nothing (the draft is saved as usual). */
  'awards.parseItemsXlsx': query<ItemsImportResult>()(fileInput, 'user'),
  'awards.verify': query<VerifyResult>()(z.object({ code: z.string().max(2000).transform((s) => s.normalize('NFC').trim()) }), 'user'),
  'awards.exportDocx': query<FileData>()(z.object({ id: idSchema }), 'user'),
  'awards.exportPdf': query<FileData>()(z.object({ id: idSchema }), 'user'),
  'certificates.templates': query<CertificateTemplate[]>()(z.object({}), 'user'),
  /** HTML of one certificate for the editor's live preview (the printer uses the same HTML). */
  'certificates.previewHtml': query<{ html: string }>()(
    z.object({ template: templateInput, itemId: idSchema.optional(), printerName: z.string().max(120).optional() }),
    'user',
  ),
  'certificates.calibrations': query<PrinterCalibration[]>()(z.object({}), 'user'),
  'certificates.calibrationPage': query<FileData>()(z.object({ printerName: z.string().max(120).optional(), paper: z.enum(['A4', 'A3']).optional() }), 'user'),
  /** Progress of a running print job (the renderer polls it for the progress bar). */
  'certificates.printers': query<PrintersResult>()(z.object({}), 'user'),
  'certificates.printProgress': query<PrintProgress | null>()(z.object({ jobId: z.string().min(8).max(64) }), 'user'),
  'certificates.printLog': query<PrintRecord[]>()(z.object({ itemId: idSchema.optional(), decisionId: idSchema.optional() }), 'user'),
};

export const awardCommands = {
  'awards.saveBaseSalary': command<BaseSalary>()(
    z.object({ effectiveFrom: isoDate('Ngày áp dụng'), amount: money, source: requiredText('Văn bản quy định', 200), confidence }),
    deciders,
  ),
  'awards.saveKind': command<AwardKind>()(
    z.object({
      id: idSchema.optional(),
      code: requiredText('Mã', 20).pipe(z.string().regex(/^[A-Z0-9Đ-]+$/u, { error: 'Mã chỉ gồm chữ in hoa, số và dấu gạch ngang.' })),
      name: requiredText('Tên danh hiệu / hình thức', 150),
      category: z.enum(['title', 'form']),
      subject: z.enum(['person', 'collective']),
      coefficient: z.number({ error: 'Hệ số phải là số.' }).min(0, { error: 'Hệ số không được âm.' }).max(100),
      validFrom: isoDate('Hiệu lực từ').nullable(),
      validTo: isoDate('Hiệu lực đến').nullable(),
      source: requiredText('Căn cứ', 200),
      confidence,
      note: optionalText('Ghi chú', 1000),
      registerId: idSchema.nullable(),
      active: z.boolean(),
    }),
    deciders,
  ),
  'awards.saveRegister': command<AwardRegister>()(
    z.object({
      id: idSchema.optional(),
      code: requiredText('Mã sổ', 12).pipe(z.string().regex(/^[A-Z0-9Đ]+$/u, { error: 'Mã sổ chỉ gồm chữ in hoa và số.' })),
      name: requiredText('Tên sổ', 120),
      /** false retires the register (no new numbers); omitted keeps what it is (a new register is in use). */
      active: z.boolean().optional(),
      /** Makes it the register of every award kind that names none (the old default stops being it). */
      makeDefault: z.literal(true).optional(),
    }),
    deciders,
  ),
  'awards.setOptions': command<AwardOptions>()(
    z.object({ roundingMode: z.enum(ROUNDING_MODES), roundingStep: z.number().int().min(1).max(1_000_000) }),
    deciders,
  ),
  'awards.createDecision': command<DecisionWithItems>()(decisionInput.extend({ correctsDecisionId: idSchema.optional(), correctionNote: optionalText('Lý do đính chính', 600) }), drafters),
  /** Drafts only: an issued decision is never edited; correct it with a new decision. */
  'awards.updateDecision': command<DecisionWithItems>()(decisionInput.extend({ id: idSchema, expectedVersion: z.number().int().positive() }), drafters),
  /** Gives the number (next free one unless typed) and register numbers; after this the decision is read-only. */
  'awards.issueDecision': command<DecisionWithItems>()(
    z.object({ id: idSchema, expectedVersion: z.number().int().positive(), number: z.number({ error: 'Số quyết định phải là số.' }).int().positive({ error: 'Số quyết định phải là số nguyên dương.' }).optional() }),
    deciders,
  ),
  /** A new draft that copies an issued decision and references it (the only way to change an issued one). */
  'awards.startCorrection': command<DecisionWithItems>()(z.object({ id: idSchema, note: requiredText('Lý do đính chính', 600) }), drafters),
  /** Records a cancellation: the register keeps the number, marked cancelled with the reason. */
  'awards.cancelItem': command<RegisterEntry>()(z.object({ itemId: idSchema, reason: requiredText('Lý do hủy', 600) }), deciders),
  /** Copies an award from an older paper register with its own number. */
  'awards.recordHistorical': command<RegisterEntry>()(
    z.object({
      item: awardItemInput,
      registerId: idSchema.optional(),
      registerYear: z.number().int().min(1945).max(2200),
      registerNumber: z.number({ error: 'Số vào sổ phải là số.' }).int({ error: 'Số vào sổ phải là số nguyên.' }),
      decisionLabel: requiredText('Quyết định', 200),
      decisionDate: isoDate('Ngày quyết định'),
      prizeAmount: z.number().int().min(0).max(1_000_000_000),
    }),
    drafters,
  ),
  'certificates.saveTemplate': command<CertificateTemplate>()(templateInput, drafters),
  'certificates.saveCalibration': command<PrinterCalibration>()(calibrationInput, drafters),
  /**
   * Renders the certificates to one PDF (for the printer or to keep) and logs
   * each one. A certificate printed before needs a reason (a reprint).
   */
  'certificates.print': command<PrintResult>()(
    z.object({
      selection: itemSelection,
      templateId: idSchema,
      printerName: z.string().max(120).optional(),
      reason: optionalText('Lý do in lại', 600),
      /** One PDF per certificate, in a .zip (to send each recipient theirs), instead of one PDF for the batch. */
      perCertificate: z.boolean().optional(),
      /** Chosen by the renderer so it can poll certificates.printProgress while this runs. */
      jobId: z.string().min(8).max(64).optional(),
    }),
    drafters,
    // Rendering a batch takes seconds: it runs outside the write queue, only the print log goes through it.
    { queue: 'handler' },
  ),
  /** The same certificates straight to a printer (desktop app): silent, or through the system print dialog. */
  'certificates.printToPrinter': command<DirectPrintResult>()(
    z.object({
      selection: itemSelection,
      templateId: idSchema,
      printerName: requiredText('Máy in', 120),
      silent: z.boolean().default(true),
      reason: optionalText('Lý do in lại', 600),
      jobId: z.string().min(8).max(64).optional(),
    }),
    drafters,
    { queue: 'handler' },
  ),
};
