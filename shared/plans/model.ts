import { z } from 'zod';
import { multilineText, optionalText, requiredText } from '../schema/text.js';

/**
 * The plan model ("Kế hoạch phát động phong trào thi đua"). Two layers:
 * - `body`: the document's text as an ordered tree of numbered blocks
 *   (I. / 1. / 1.1. / a) / - / +), so nothing written in a plan is lost and
 *   the .docx export can reproduce it;
 * - structured facts the software works with (theme, movements, phases and
 *   their commemorations, deadlines, subjects, titles...). Each fact keeps the
 *   paragraph it came from (`source`) so a user can check it side by side.
 */

/** A date as a plan writes it, with the real calendar date when there is one. */
export const dateRefSchema = z.object({
  /** As written: "30/6/2021", "trong tháng 11/2024", "7/1981", "30/02/2021". */
  text: multilineText('Ngày (như văn bản ghi)', 200),
  /** ISO date when the text names a real date (or the last day of a named month); null otherwise. */
  iso: z.string().regex(/^\d{4}-\d{2}-\d{2}$/u).nullable(),
  precision: z.enum(['day', 'month', 'year', 'none']),
});
export type DateRef = z.infer<typeof dateRefSchema>;

export const SIGN_FORMS = ['', 'TM.', 'KT.', 'TL.', 'TUQ.', 'Q.'] as const;
export type SignForm = (typeof SIGN_FORMS)[number];

export const signerSchema = z.object({
  /** '' when the head signs in their own name. */
  form: z.enum(SIGN_FORMS, { error: 'Hình thức ký: chọn một trong TM., KT., TL., TUQ., Q. hoặc để trống.' }),
  /** The authority line after the form: "BỘ TRƯỞNG" in "KT. BỘ TRƯỞNG". */
  authority: optionalText('Chức danh người có thẩm quyền', 200),
  /** The signer's own title line: "THỨ TRƯỞNG", "GIÁM ĐỐC". */
  title: requiredText('Chức danh người ký', 200),
  name: optionalText('Họ tên người ký', 120),
  /** Further lines under the title (seed 001: "GIÁM ĐỐC SỞ TƯ PHÁP TỈNH TUYÊN QUANG"). */
  extraLines: z.array(requiredText('Dòng chức danh', 200)).default([]),
});
export type Signer = z.infer<typeof signerSchema>;

/** One block of the document body: a heading with its label, and/or a paragraph, with children. */
export interface Block {
  /** "I.", "1.", "1.1.", "a)", "-", "+", "Một là," or '' for a plain paragraph. */
  label: string;
  /** Heading text after the label (bold in the document); '' when none. */
  heading: string;
  /** Paragraph text; '' when the block is only a heading. */
  text: string;
  children: Block[];
}
export const blockSchema: z.ZodType<Block, Block> = z.lazy(() =>
  z.object({
    label: z.string().max(40).transform((s) => s.normalize('NFC').trim()),
    heading: multilineText('Tiêu đề mục', 2000),
    text: multilineText('Nội dung', 20000),
    children: z.array(blockSchema),
  }),
) as unknown as z.ZodType<Block, Block>;

export const MOVEMENT_KINDS = ['regular', 'phase', 'thematic', 'other'] as const;
export type MovementKind = (typeof MOVEMENT_KINDS)[number];
export const MOVEMENT_KIND_LABELS: Record<MovementKind, string> = {
  regular: 'Thường xuyên',
  phase: 'Theo đợt',
  thematic: 'Chuyên đề',
  other: 'Khác',
};

export const movementSchema = z.object({
  id: requiredText('Mã phong trào', 64),
  name: requiredText('Tên phong trào', 1000),
  kind: z.enum(MOVEMENT_KINDS, { error: 'Loại phong trào: không hợp lệ.' }),
  /** "2019 - 2025" as written; years parsed when present. */
  periodText: optionalText('Giai đoạn', 100),
  fromYear: z.number().int().nullable(),
  toYear: z.number().int().nullable(),
  description: multilineText('Mô tả', 20000),
  source: multilineText('Đoạn gốc', 20000),
});
export type Movement = z.infer<typeof movementSchema>;

export const commemorationSchema = z.object({
  id: requiredText('Mã ngày kỷ niệm', 64),
  /** "Ngày truyền thống ngành Tư pháp Việt Nam". */
  event: requiredText('Sự kiện', 1000),
  /** The event's own date: "28/8/1945", "7/1981", "1969". */
  originalDate: dateRefSchema,
  /** The anniversary number the plan writes ("79 năm"); null when it gives none. */
  writtenNumber: z.number().int().nullable(),
  /** The date in the plan year as written ("28/8/2024"); kept to flag typos like 30/2/2021. */
  yearDate: dateRefSchema.nullable(),
  source: multilineText('Đoạn gốc', 20000),
});
export type Commemoration = z.infer<typeof commemorationSchema>;

export const phaseSchema = z.object({
  id: requiredText('Mã đợt', 64),
  ordinal: z.number().int().min(1).max(12),
  name: requiredText('Tên đợt', 200),
  from: dateRefSchema,
  to: dateRefSchema,
  /** Other goals the phase salutes that are not dated anniversaries (congresses, elections). */
  salutes: z.array(requiredText('Sự kiện chào mừng', 1000)).default([]),
  commemorations: z.array(commemorationSchema),
  /** "Tổ chức sơ kết ..." */
  closing: multilineText('Sơ kết, tổng kết', 2000),
  source: multilineText('Đoạn gốc', 20000),
});
export type Phase = z.infer<typeof phaseSchema>;

export const DEADLINE_KINDS = [
  'plan_and_registration',
  'registration_titles',
  'registration_initiatives',
  'mid_year_report',
  'inspection_report',
  'year_end_report',
  'other',
] as const;
export type DeadlineKind = (typeof DEADLINE_KINDS)[number];
export const DEADLINE_KIND_LABELS: Record<DeadlineKind, string> = {
  plan_and_registration: 'Kế hoạch phát động và đăng ký thi đua',
  registration_titles: 'Đăng ký danh hiệu thi đua',
  registration_initiatives: 'Đăng ký sáng kiến, đề tài',
  mid_year_report: 'Báo cáo sơ kết đợt 1 (6 tháng)',
  inspection_report: 'Báo cáo kiểm tra',
  year_end_report: 'Báo cáo tổng kết và hồ sơ đề nghị khen thưởng',
  other: 'Việc khác',
};

export const deadlineSchema = z.object({
  id: requiredText('Mã hạn', 64),
  kind: z.enum(DEADLINE_KINDS, { error: 'Loại hạn: không hợp lệ.' }),
  /** What must be done, in the plan's words (short). */
  title: requiredText('Nội dung phải làm', 1000),
  due: dateRefSchema,
  /** Who it applies to, as the plan names them ("Sở Tư pháp các tỉnh", "các Cụm, Khu vực thi đua"). */
  appliesTo: z.array(requiredText('Đối tượng áp dụng', 300)).default([]),
  /** Where it is sent ("Văn phòng Sở"). */
  sendTo: optionalText('Nơi gửi', 300),
  source: multilineText('Đoạn gốc', 20000),
});
export type Deadline = z.infer<typeof deadlineSchema>;

export const titleAwardSchema = z.object({
  kind: z.enum(['title', 'award']),
  name: requiredText('Danh hiệu, hình thức khen thưởng', 300),
  recipients: multilineText('Đối tượng xét tặng', 2000),
});
export type TitleAward = z.infer<typeof titleAwardSchema>;

export const responsibilitySchema = z.object({
  party: requiredText('Cơ quan, đơn vị chịu trách nhiệm', 1000),
  duties: z.array(multilineText('Nhiệm vụ', 5000)),
});
export type Responsibility = z.infer<typeof responsibilitySchema>;

export const headerSchema = z.object({
  /** Cơ quan chủ quản, e.g. "UBND TỈNH ĐẮK LẮK", "BỘ TƯ PHÁP". */
  parentBody: optionalText('Cơ quan chủ quản', 300),
  /** Cơ quan ban hành, e.g. "SỞ TƯ PHÁP". */
  issuingBody: requiredText('Cơ quan ban hành', 300),
});

export const documentRefSchema = z.object({
  /** '' for a draft whose number is filled in at signing ("Số:    /KH-STP"). */
  number: z.string().max(20).transform((s) => s.normalize('NFC').trim()),
  /** "KH-STP", "QĐ-BTP"; '' only for texts without one (a launch call, seed 003): the rules require it for own plans. */
  symbol: z.string().max(40, { error: 'Ký hiệu: dài quá 40 ký tự.' }).transform((s) => s.normalize('NFC').replace(/\s+/gu, '')),
  place: z.string().max(100, { error: 'Địa danh: dài quá 100 ký tự.' }).transform((s) => s.normalize('NFC').trim()),
  date: dateRefSchema,
});
export type DocumentRef = z.infer<typeof documentRefSchema>;

export const issuingDecisionSchema = z.object({
  ref: documentRefSchema,
  /** "Ban hành Kế hoạch phát động phong trào thi đua ngành Tư pháp năm 2021". */
  summary: requiredText('Trích yếu quyết định', 1000),
  /** "BỘ TRƯỞNG BỘ TƯ PHÁP" — the line above the căn cứ. */
  authorityTitle: requiredText('Thẩm quyền ban hành', 300),
  legalBases: z.array(multilineText('Căn cứ', 3000)),
  /** "Xét đề nghị của ..." / "Theo đề nghị của ...". */
  proposal: multilineText('Đề nghị của', 1000),
  articles: z.array(multilineText('Điều', 5000)),
  addressees: z.array(requiredText('Nơi nhận', 500)),
  signer: signerSchema,
});
export type IssuingDecision = z.infer<typeof issuingDecisionSchema>;

export const planContentSchema = z.object({
  header: headerSchema,
  ref: documentRefSchema,
  year: z.number({ error: 'Năm kế hoạch: phải là số.' }).int().min(1945, { error: 'Năm kế hoạch: không hợp lệ.' }).max(2200, { error: 'Năm kế hoạch: không hợp lệ.' }),
  /** "KẾ HOẠCH" (or "PHÁT ĐỘNG" for a launch text like seed 003). */
  docType: requiredText('Loại văn bản', 100),
  /** Trích yếu: "Phát động phong trào thi đua ... năm 2024". */
  summary: requiredText('Trích yếu', 1000),
  /** "(Ban hành kèm theo Quyết định số ...)" when issued by a decision. */
  attachmentNote: multilineText('Ghi chú ban hành kèm theo', 1000),
  issuingDecision: issuingDecisionSchema.nullable(),
  legalBases: z.array(multilineText('Căn cứ', 3000)),
  preamble: multilineText('Lời mở đầu', 20000),
  theme: optionalText('Chủ đề thi đua', 1000),
  period: z.object({ from: dateRefSchema, to: dateRefSchema }).nullable(),
  purposes: z.array(multilineText('Mục đích', 20000)),
  requirements: z.array(multilineText('Yêu cầu', 20000)),
  subjects: z.object({ collectives: multilineText('Tập thể', 5000), individuals: multilineText('Cá nhân', 5000) }).nullable(),
  titles: z.array(titleAwardSchema),
  movements: z.array(movementSchema),
  phases: z.array(phaseSchema),
  /** Focus tasks, numbered and nested as in the plan. */
  tasks: z.array(blockSchema),
  deadlines: z.array(deadlineSchema),
  responsibilities: z.array(responsibilitySchema),
  body: z.array(blockSchema),
  closing: multilineText('Đoạn kết', 5000),
  addressees: z.array(requiredText('Nơi nhận', 500)),
  /** Null only for texts that carry no signature block (seed 003); own plans need one. */
  signer: signerSchema.nullable(),
});
export type PlanContent = z.infer<typeof planContentSchema>;
export type PlanContentInput = z.input<typeof planContentSchema>;

export const PLAN_STATUSES = ['draft', 'issued', 'superseded', 'received'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_STATUS_LABELS: Record<PlanStatus, string> = {
  draft: 'Dự thảo',
  issued: 'Đã ban hành',
  superseded: 'Đã được thay thế',
  received: 'Nhận từ cấp trên (chỉ đọc)',
};

/** A stored plan: the content plus its life cycle. */
export interface Plan {
  id: string;
  ownerUnitId: string;
  status: PlanStatus;
  /** The parent plan this one implements (derived plans), if any. */
  parentPlanId: string | null;
  /** The issued plan this draft revises (versioning), if any. */
  revisionOf: string | null;
  /** 1 for the first issue, 2 for the first revision... */
  revision: number;
  /** For received plans: who issued it (the parent unit's name as the file says). */
  sourceUnitName: string | null;
  issuedAt: string | null;
  content: PlanContent;
  version: number;
  updatedAt: string;
}

export interface PlanSummary {
  id: string;
  status: PlanStatus;
  year: number;
  numberSymbol: string;
  summary: string;
  issuingBody: string;
  theme: string | null;
  parentPlanId: string | null;
  revision: number;
  version: number;
  updatedAt: string;
}

/** "70/KH-STP", or "…/KH-STP" while the number is blank. */
export function numberSymbol(ref: Pick<DocumentRef, 'number' | 'symbol'>): string {
  return `${ref.number === '' ? '…' : ref.number}/${ref.symbol}`;
}
