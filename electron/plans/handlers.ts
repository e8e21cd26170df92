import { ApiError } from '../../shared/api/errors.js';
import type { Queryable } from '../../shared/db/port.js';
import { planContentSchema, numberSymbol, type PlanContent, type PlanSummary } from '../../shared/plans/model.js';
import { errorsOf, validatePlan } from '../../shared/plans/validate.js';
import { importPlanText } from '../../shared/plans/importer.js';
import { deriveChildPlan, type DeriveOffice } from '../../shared/plans/derive.js';
import { deadlineBoard, officeProgress, yearCalendar, type BoardItem, type OfficeProgressInput } from '../../shared/plans/board.js';
import type { UnitLevel } from '../../shared/domain/units.js';
import { mutate } from '../store/mutation.js';
import { asUser, requireSession, type HandlerContext, type HandlersFor } from '../handlers/context.js';
import { planColumns, planFromRow, summaryFromRow, type PlanRow } from './rows.js';
import { docxToText } from './docx-text.js';
import { buildPlanDocx } from './docx.js';
import { docxToPdf } from './pdf.js';
import { vietnamDate } from '../../shared/vi/dates.js';

/** The plan file handed from a parent office to its children until sync carries plans. */
const PLAN_FILE_FORMAT = 'thidua-plan';
const PLAN_FILE_VERSION = 1;

async function load(db: Queryable, id: string): Promise<PlanRow> {
  const row = (await db.query<PlanRow>('SELECT * FROM plans WHERE id = $1', [id])).rows[0];
  if (!row) throw new ApiError('not_found', 'Không tìm thấy kế hoạch (có thể đã bị xóa).');
  return row;
}

function today(ctx: HandlerContext): string {
  return vietnamDate(ctx.deps.clock());
}

function refuse(issues: ReturnType<typeof validatePlan>, what: string): void {
  const errors = errorsOf(issues);
  if (errors.length > 0) throw new ApiError('invalid_input', `${what}: ${errors[0]?.message ?? ''}${errors.length > 1 ? ` (và ${errors.length - 1} lỗi khác)` : ''}`, errors);
}

/** Owner + calendar year + number + symbol must be unique (NĐ 30/2020 Đ15); a revision may keep its predecessor's number. */
async function checkNumber(db: Queryable, owner: string, content: PlanContent, selfId: string | null, revisionOf: string | null): Promise<void> {
  if (content.ref.number === '') return;
  const { doc_year, number, symbol } = planColumns(content);
  const rows = (
    await db.query<{ id: string; summary: string }>(
      "SELECT id, summary FROM plans WHERE owner_unit_id = $1 AND doc_year = $2 AND number = $3 AND symbol = $4 AND status IN ('draft', 'issued')",
      [owner, doc_year, number, symbol],
    )
  ).rows.filter((r) => r.id !== selfId && r.id !== revisionOf);
  const other = rows[0];
  if (other) {
    throw new ApiError('conflict', `Số, ký hiệu ${numberSymbol(content.ref)} đã dùng cho văn bản khác trong năm ${doc_year} (“${other.summary}”). Mỗi số chỉ dùng một lần trong năm.`, [
      { path: 'content.ref.number', message: 'Số đã được dùng trong năm.' },
    ]);
  }
}

function ownEditable(row: PlanRow, office: string): void {
  if (row.status === 'received' || row.owner_unit_id !== office) throw new ApiError('forbidden', 'Kế hoạch của cơ quan cấp trên chỉ để xem; hãy tạo kế hoạch của đơn vị mình từ kế hoạch này.');
  if (row.status === 'issued') throw new ApiError('conflict', 'Kế hoạch đã ban hành không sửa trực tiếp; hãy tạo bản sửa đổi (phiên bản mới).');
  if (row.status === 'superseded') throw new ApiError('conflict', 'Kế hoạch này đã được thay thế bằng phiên bản mới; không sửa được.');
}

const SIGNER_BY_LEVEL: Partial<Record<UnitLevel, string>> = {
  district_office: 'TRƯỞNG PHÒNG',
  province_department: 'GIÁM ĐỐC',
  commune_committee: 'CHỦ TỊCH',
  district_committee: 'CHỦ TỊCH',
  province_committee: 'CHỦ TỊCH',
  ministry: 'BỘ TRƯỞNG',
};

async function officeInfo(ctx: HandlerContext): Promise<DeriveOffice> {
  const s = requireSession(ctx);
  const u = (await ctx.deps.db.query<{ name: string; short_name: string | null; parent_name: string | null; place_name: string | null; level: UnitLevel }>('SELECT name, short_name, parent_name, place_name, level FROM units WHERE id = $1', [s.officeUnitId])).rows[0];
  if (!u) throw new ApiError('not_configured', 'Chưa thiết lập đơn vị của văn phòng.');
  const caps = (t: string) => t.toLocaleUpperCase('vi');
  return {
    issuingBody: caps(u.name),
    parentBody: u.parent_name ? caps(u.parent_name) : null,
    place: u.place_name ?? '',
    symbol: `KH-${u.short_name ?? 'PTP'}`.replace(/\s+/gu, ''),
    signerTitle: SIGNER_BY_LEVEL[u.level] ?? 'THỦ TRƯỞNG ĐƠN VỊ',
    officeName: u.name,
  };
}

async function summaries(db: Queryable, where: string, params: (string | number)[]): Promise<PlanSummary[]> {
  return (await db.query<PlanRow>(`SELECT * FROM plans WHERE ${where} ORDER BY year DESC, updated_at DESC`, params)).rows.map(summaryFromRow);
}

async function exportable(ctx: HandlerContext, id: string, part: 'plan' | 'decision') {
  requireSession(ctx);
  const row = await load(ctx.deps.db, id);
  if (part === 'decision' && !row.content.issuingDecision) throw new ApiError('invalid_input', 'Kế hoạch này không ban hành kèm quyết định.');
  const base = `${part === 'decision' ? 'quyet-dinh' : 'ke-hoach'}-${row.year}-${(row.number || 'du-thao').replace(/[^\w-]/gu, '')}`;
  return { row, base };
}

export const planHandlers: HandlersFor<
  | 'plans.list'
  | 'plans.get'
  | 'plans.board'
  | 'plans.calendar'
  | 'plans.officeProgress'
  | 'plans.exportFile'
  | 'plans.exportDocx'
  | 'plans.exportPdf'
  | 'plans.importText'
  | 'plans.importDocx'
  | 'plans.create'
  | 'plans.update'
  | 'plans.issue'
  | 'plans.revise'
  | 'plans.derive'
  | 'plans.receiveFile'
  | 'plans.receiveContent'
  | 'plans.setDeadlineDone'
> = {
  async 'plans.list'(input, ctx) {
    requireSession(ctx);
    const where: string[] = ['true'];
    const params: (string | number)[] = [];
    if (input.year !== undefined) {
      params.push(input.year);
      where.push(`year = $${params.length}`);
    }
    if (input.status !== undefined) {
      params.push(input.status);
      where.push(`status = $${params.length}`);
    }
    return summaries(ctx.deps.db, where.join(' AND '), params);
  },

  async 'plans.get'(input, ctx) {
    const session = requireSession(ctx);
    const row = await load(ctx.deps.db, input.id);
    const plan = planFromRow(row);
    // A plan another unit owns (the hub's, or a copy received from a file) is checked as written, not as our draft.
    const mode = row.status === 'received' || row.owner_unit_id !== session.officeUnitId ? 'received' : 'draft';
    const parentRow = row.parent_plan_id ? (await ctx.deps.db.query<PlanRow>('SELECT * FROM plans WHERE id = $1', [row.parent_plan_id])).rows[0] : undefined;
    const history: PlanSummary[] = [];
    let prev = row.revision_of;
    while (prev) {
      const r = await load(ctx.deps.db, prev);
      history.push(summaryFromRow(r));
      prev = r.revision_of;
    }
    return {
      plan,
      issues: validatePlan(row.content, mode),
      issueBlockers: row.status === 'draft' ? validatePlan(row.content, 'issue').filter((i) => i.severity === 'error') : [],
      parent: parentRow ? summaryFromRow(parentRow) : null,
      children: await summaries(ctx.deps.db, 'parent_plan_id = $1', [row.id]),
      history,
    };
  },

  async 'plans.board'(input, ctx) {
    const session = requireSession(ctx);
    const now = today(ctx);
    const year = input.year ?? Number(now.slice(0, 4));
    // The office's own issued plans and the plans it received (from a file, or from the hub as rows owned by the unit above).
    const rows = (await ctx.deps.db.query<PlanRow>("SELECT * FROM plans WHERE year = $1 AND status IN ('issued', 'received')", [year])).rows;
    const done = (await ctx.deps.db.query<{ plan_id: string; deadline_id: string; done_on: string | Date | null }>('SELECT plan_id, deadline_id, done_on FROM plan_deadline_status WHERE owner_unit_id = $1', [session.officeUnitId])).rows;
    const doneMap = new Map(done.map((d) => [`${d.plan_id}:${d.deadline_id}`, d.done_on === null ? null : d.done_on instanceof Date ? d.done_on.toISOString().slice(0, 10) : String(d.done_on).slice(0, 10)]));
    const items: BoardItem[] = rows.flatMap((r) =>
      r.content.deadlines.map((deadline) => ({
        planId: r.id,
        planLabel: `${r.symbol ? numberSymbol({ number: r.number, symbol: r.symbol }) : r.summary} — ${r.source_unit_name ?? r.issuing_body}`,
        deadline,
        doneOn: doneMap.get(`${r.id}:${deadline.id}`) ?? null,
      })),
    );
    return { today: now, rows: deadlineBoard(items, now) };
  },

  async 'plans.calendar'(input, ctx) {
    requireSession(ctx);
    return yearCalendar((await load(ctx.deps.db, input.id)).content);
  },

  async 'plans.officeProgress'(input, ctx) {
    const session = requireSession(ctx);
    const row = await load(ctx.deps.db, input.planId);
    if (row.owner_unit_id !== session.officeUnitId || row.status === 'received') throw new ApiError('forbidden', 'Chỉ theo dõi được các đơn vị thực hiện kế hoạch do đơn vị mình ban hành.');
    // Lower offices known here: owners of derived plans or of done marks on this plan (their rows arrive by sync).
    const derived = (await ctx.deps.db.query<PlanRow>("SELECT * FROM plans WHERE parent_plan_id = $1 AND owner_unit_id <> $2 AND status <> 'superseded' ORDER BY revision", [row.id, session.officeUnitId])).rows;
    const marks = (await ctx.deps.db.query<{ owner_unit_id: string; deadline_id: string; done_on: string | Date | null }>('SELECT owner_unit_id, deadline_id, done_on FROM plan_deadline_status WHERE plan_id = $1 AND owner_unit_id <> $2', [row.id, session.officeUnitId])).rows;
    const owners = [...new Set([...derived.map((d) => d.owner_unit_id), ...marks.map((m) => m.owner_unit_id)])];
    const names = new Map((await ctx.deps.db.query<{ id: string; name: string }>('SELECT id, name FROM units WHERE id = ANY($1)', [owners])).rows.map((u) => [u.id, u.name]));
    const offices: OfficeProgressInput[] = owners.map((unitId) => {
      const d = derived.filter((x) => x.owner_unit_id === unitId).at(-1);
      const done = new Map<string, string>();
      for (const m of marks) if (m.owner_unit_id === unitId && m.done_on !== null) done.set(m.deadline_id, m.done_on instanceof Date ? m.done_on.toISOString().slice(0, 10) : String(m.done_on).slice(0, 10));
      return { unitId, unitName: names.get(unitId) ?? d?.issuing_body ?? unitId, derived: d ? { id: d.id, status: d.status, numberSymbol: d.symbol ? numberSymbol({ number: d.number, symbol: d.symbol }) : '' } : null, done };
    });
    const now = today(ctx);
    return { today: now, offices: officeProgress(row.id, numberSymbol({ number: row.number, symbol: row.symbol }), row.content, offices, now) };
  },

  async 'plans.exportFile'(input, ctx) {
    requireSession(ctx);
    const row = await load(ctx.deps.db, input.id);
    if (row.status === 'draft') throw new ApiError('invalid_input', 'Chỉ gửi xuống cấp dưới kế hoạch đã ban hành (hoặc đã nhận từ cấp trên).');
    const file = { format: PLAN_FILE_FORMAT, version: PLAN_FILE_VERSION, sourceUnitName: row.source_unit_name ?? row.content.header.issuingBody, planId: row.id, content: row.content };
    return { fileName: `ke-hoach-${row.year}-${row.number || 'x'}.thidua-plan.json`, base64: Buffer.from(JSON.stringify(file), 'utf8').toString('base64') };
  },

  async 'plans.exportDocx'(input, ctx) {
    const { row, base } = await exportable(ctx, input.id, input.part);
    const buffer = await buildPlanDocx(row.content, { part: input.part });
    return { fileName: `${base}.docx`, base64: buffer.toString('base64') };
  },

  async 'plans.exportPdf'(input, ctx) {
    const { row, base } = await exportable(ctx, input.id, input.part);
    const pdf = await docxToPdf(row.content, input.part);
    return { fileName: `${base}.pdf`, base64: pdf.toString('base64') };
  },

  async 'plans.importText'(input, ctx) {
    requireSession(ctx);
    return importPlanText(input.text);
  },

  async 'plans.importDocx'(input, ctx) {
    requireSession(ctx);
    return importPlanText(docxToText(Buffer.from(input.base64, 'base64')));
  },

  async 'plans.create'(input, ctx) {
    const s = requireSession(ctx);
    refuse(validatePlan(input.content, 'draft'), 'Không lưu được kế hoạch');
    await checkNumber(ctx.deps.db, s.officeUnitId, input.content, null, null);
    const row = await mutate(asUser(ctx), 'plans.create', (w) => w.insert<PlanRow>('plans', { id: ctx.deps.newId(), status: 'draft', revision: 1, ...planColumns(input.content) }));
    return planFromRow(row);
  },

  async 'plans.update'(input, ctx) {
    const s = requireSession(ctx);
    const row = await load(ctx.deps.db, input.id);
    ownEditable(row, s.officeUnitId);
    refuse(validatePlan(input.content, 'draft'), 'Không lưu được kế hoạch');
    await checkNumber(ctx.deps.db, s.officeUnitId, input.content, row.id, row.revision_of);
    const updated = await mutate(asUser(ctx), 'plans.update', (w) => w.update<PlanRow>('plans', input.id, planColumns(input.content), input.expectedVersion));
    return planFromRow(updated);
  },

  async 'plans.issue'(input, ctx) {
    const s = requireSession(ctx);
    const row = await load(ctx.deps.db, input.id);
    ownEditable(row, s.officeUnitId);
    refuse(validatePlan(row.content, 'issue'), 'Chưa ban hành được');
    await checkNumber(ctx.deps.db, s.officeUnitId, row.content, row.id, row.revision_of);
    const issued = await mutate(asUser(ctx), 'plans.issue', async (w) => {
      // The version this one revises steps aside first, so the unique number index never sees two issued rows.
      if (row.revision_of) await w.update<PlanRow>('plans', row.revision_of, { status: 'superseded' });
      return w.update<PlanRow>('plans', input.id, { status: 'issued', issued_at: w.now }, input.expectedVersion);
    });
    return planFromRow(issued);
  },

  async 'plans.revise'(input, ctx) {
    const s = requireSession(ctx);
    const row = await load(ctx.deps.db, input.id);
    if (row.owner_unit_id !== s.officeUnitId || row.status === 'received') throw new ApiError('forbidden', 'Chỉ sửa đổi được kế hoạch do đơn vị mình ban hành.');
    if (row.status !== 'issued') throw new ApiError('conflict', row.status === 'draft' ? 'Kế hoạch còn là dự thảo: sửa trực tiếp, không cần tạo phiên bản mới.' : 'Kế hoạch này đã được thay thế; hãy sửa phiên bản mới nhất.');
    const open = (await ctx.deps.db.query<{ id: string }>("SELECT id FROM plans WHERE revision_of = $1 AND status = 'draft'", [row.id])).rows[0];
    if (open) throw new ApiError('conflict', 'Đã có một dự thảo sửa đổi của kế hoạch này; hãy mở dự thảo đó.');
    const created = await mutate(asUser(ctx), 'plans.revise', (w) =>
      w.insert<PlanRow>('plans', { id: ctx.deps.newId(), status: 'draft', revision: row.revision + 1, revision_of: row.id, parent_plan_id: row.parent_plan_id, ...planColumns(row.content) }),
    );
    return planFromRow(created);
  },

  async 'plans.derive'(input, ctx) {
    requireSession(ctx);
    const parent = await load(ctx.deps.db, input.parentId);
    if (parent.status === 'draft') throw new ApiError('invalid_input', 'Chỉ xây dựng kế hoạch từ kế hoạch đã ban hành hoặc đã nhận từ cấp trên.');
    const content = planContentSchema.parse(deriveChildPlan(parent.content, await officeInfo(ctx)));
    const created = await mutate(asUser(ctx), 'plans.derive', (w) => w.insert<PlanRow>('plans', { id: ctx.deps.newId(), status: 'draft', revision: 1, parent_plan_id: parent.id, ...planColumns(content) }));
    return planFromRow(created);
  },

  async 'plans.receiveFile'(input, ctx) {
    requireSession(ctx);
    let parsed: unknown;
    try {
      parsed = JSON.parse(Buffer.from(input.base64, 'base64').toString('utf8'));
    } catch {
      throw new ApiError('bad_file', 'Tệp không phải là tệp kế hoạch của phần mềm Thi Đua.');
    }
    const f = parsed as { format?: unknown; version?: unknown; sourceUnitName?: unknown; content?: unknown };
    if (f.format !== PLAN_FILE_FORMAT) throw new ApiError('bad_file', 'Tệp không phải là tệp kế hoạch của phần mềm Thi Đua.');
    if (f.version !== PLAN_FILE_VERSION) throw new ApiError('bad_file', 'Tệp kế hoạch do phiên bản phần mềm khác tạo; hãy cập nhật phần mềm.');
    const content = planContentSchema.safeParse(f.content);
    if (!content.success) throw new ApiError('bad_file', 'Tệp kế hoạch bị hỏng hoặc thiếu nội dung.');
    const source = typeof f.sourceUnitName === 'string' && f.sourceUnitName.trim() !== '' ? f.sourceUnitName.trim() : content.data.header.issuingBody;
    const created = await mutate(asUser(ctx), 'plans.receive', (w) => w.insert<PlanRow>('plans', { id: ctx.deps.newId(), status: 'received', revision: 1, source_unit_name: source, ...planColumns(content.data) }));
    return planFromRow(created);
  },

  async 'plans.receiveContent'(input, ctx) {
    requireSession(ctx);
    const created = await mutate(asUser(ctx), 'plans.receive', (w) =>
      w.insert<PlanRow>('plans', { id: ctx.deps.newId(), status: 'received', revision: 1, source_unit_name: input.sourceUnitName, ...planColumns(input.content) }),
    );
    return planFromRow(created);
  },

  async 'plans.setDeadlineDone'(input, ctx) {
    const session = requireSession(ctx);
    const row = await load(ctx.deps.db, input.planId);
    if (!row.content.deadlines.some((d) => d.id === input.deadlineId)) throw new ApiError('not_found', 'Kế hoạch không có hạn này.');
    if (input.doneOn && input.doneOn > today(ctx)) throw new ApiError('invalid_input', 'Ngày hoàn thành không thể sau hôm nay.', [{ path: 'doneOn', message: 'Sau hôm nay.' }]);
    // The office is part of the id: on the hub every office's marks for the same plan sit side by side.
    const id = `${session.officeUnitId}:${input.planId}:${input.deadlineId}`;
    const existing = (await ctx.deps.db.query<{ id: string; version: number }>('SELECT id, version FROM plan_deadline_status WHERE id = $1', [id])).rows[0];
    await mutate(asUser(ctx), 'plans.setDeadlineDone', (w) =>
      existing
        ? w.update('plan_deadline_status', id, { done_on: input.doneOn, note: input.note })
        : w.insert('plan_deadline_status', { id, plan_id: input.planId, deadline_id: input.deadlineId, done_on: input.doneOn, note: input.note }),
    );
    return { planId: input.planId, deadlineId: input.deadlineId, doneOn: input.doneOn };
  },
};
