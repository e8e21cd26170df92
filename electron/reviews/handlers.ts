import { ApiError } from '../../shared/api/errors.js';
import type { ReviewSubject, ReviewView, SubmissionView } from '../../shared/api/methods/reviews.js';
import type { AttachmentView, Attachable } from '../../shared/api/methods/attachments.js';
import type { Queryable } from '../../shared/db/port.js';
import { numberSymbol } from '../../shared/plans/model.js';
import { decisionLabel } from '../../shared/awards/decision.js';
import { mutate } from '../store/mutation.js';
import { vietnamDate } from '../../shared/vi/dates.js';
import { asUser, requireSession, type HandlersFor } from '../handlers/context.js';
import { addAttachment, readBlob } from '../sync/blobs.js';

/**
 * Reviews (the province's answers to what offices sent) and attachments.
 * The province's store is the hub's database, where offices' rows arrive by
 * sync; an office's store holds only its own rows and the province's rows
 * addressed to it, so the same queries serve both sides.
 */

const iso = (v: unknown): string => (v instanceof Date ? v.toISOString() : String(v ?? ''));
const day = (v: unknown): string => iso(v).slice(0, 10);

interface ReviewRow {
  id: string;
  subject_table: ReviewSubject;
  subject_id: string;
  subject_version: number;
  subject_label: string;
  status: ReviewView['status'];
  comment: string | null;
  reviewer_name: string;
  reviewed_on: string | Date;
  version: number;
}

function reviewFromRow(r: ReviewRow): ReviewView {
  return {
    id: r.id,
    subjectTable: r.subject_table,
    subjectId: r.subject_id,
    subjectVersion: Number(r.subject_version),
    subjectLabel: r.subject_label,
    status: r.status,
    comment: r.comment,
    reviewerName: r.reviewer_name,
    reviewedOn: day(r.reviewed_on),
    version: Number(r.version),
  };
}

/** One review row per reviewed item: its id is derived from the item, so the latest answer replaces the earlier one. */
export const reviewId = (table: ReviewSubject, id: string): string => `review:${table}:${id}`;

interface SubjectRow {
  id: string;
  owner_unit_id: string;
  version: number;
  status: string;
  updated_at: string | Date;
  label: string;
}

/** Sent items of other units (issued plans and decisions), with a label a person reads. */
async function subjects(db: Queryable, table: ReviewSubject, notOwner: string, id?: string): Promise<SubjectRow[]> {
  const byId = id ? ' AND id = $2' : '';
  const params = id ? [notOwner, id] : [notOwner];
  if (table === 'plans') {
    const r = await db.query<{ id: string; owner_unit_id: string; version: number; status: string; updated_at: string | Date; number: string; symbol: string; summary: string }>(
      `SELECT id, owner_unit_id, version, status, updated_at, number, symbol, summary FROM plans WHERE owner_unit_id <> $1 AND status = 'issued'${byId}`,
      params,
    );
    return r.rows.map((p) => ({ ...p, label: `Kế hoạch ${p.symbol ? `số ${numberSymbol({ number: p.number, symbol: p.symbol })} ` : ''}— ${p.summary}` }));
  }
  const r = await db.query<{ id: string; owner_unit_id: string; version: number; status: string; updated_at: string | Date; number: number | null; symbol: string; decision_date: string | Date; subject: string }>(
    `SELECT id, owner_unit_id, version, status, updated_at, number, symbol, decision_date, subject FROM award_decisions WHERE owner_unit_id <> $1 AND status = 'issued'${byId}`,
    params,
  );
  return r.rows.map((d) => ({ ...d, label: `${decisionLabel({ number: d.number, symbol: d.symbol, decisionDate: day(d.decision_date) })} — ${d.subject}` }));
}

interface AttachmentRow {
  id: string;
  owner_unit_id: string;
  subject_table: Attachable;
  subject_id: string;
  file_name: string;
  media_type: string;
  size: number;
  sha256: string;
  created_at: string | Date;
  complete: boolean | null;
}

function attachmentFromRow(r: AttachmentRow): AttachmentView {
  return {
    id: r.id,
    subjectTable: r.subject_table,
    subjectId: r.subject_id,
    fileName: r.file_name,
    mediaType: r.media_type,
    size: Number(r.size),
    sha256: r.sha256,
    available: r.complete === true,
    ownerUnitId: r.owner_unit_id,
    createdAt: iso(r.created_at),
  };
}

const ATTACHMENT_SELECT = 'SELECT a.*, b.complete FROM attachments a LEFT JOIN sync_blobs b ON b.sha256 = a.sha256';

export const reviewHandlers: HandlersFor<'reviews.inbox' | 'reviews.mine' | 'reviews.set' | 'attachments.list' | 'attachments.get' | 'attachments.add'> = {
  async 'reviews.inbox'(input, ctx) {
    const s = requireSession(ctx);
    const db = ctx.deps.db;
    const reviews = new Map(
      (await db.query<ReviewRow>('SELECT * FROM submission_reviews WHERE owner_unit_id = $1', [s.officeUnitId])).rows.map((r) => [`${r.subject_table}:${r.subject_id}`, reviewFromRow(r)]),
    );
    const rows = [...(await subjects(db, 'plans', s.officeUnitId)).map((r) => ({ table: 'plans' as const, r })), ...(await subjects(db, 'award_decisions', s.officeUnitId)).map((r) => ({ table: 'award_decisions' as const, r }))];
    const owners = [...new Set(rows.map((x) => x.r.owner_unit_id))];
    const names = new Map((await db.query<{ id: string; name: string }>('SELECT id, name FROM units WHERE id = ANY($1::text[])', [owners])).rows.map((u) => [u.id, u.name]));
    const counts = new Map(
      (await db.query<{ subject_id: string; n: number }>("SELECT subject_id, count(*)::int AS n FROM attachments WHERE status = 'active' AND subject_id = ANY($1::text[]) GROUP BY subject_id", [rows.map((x) => x.r.id)])).rows.map((c) => [
        c.subject_id,
        Number(c.n),
      ]),
    );
    const out: SubmissionView[] = rows.map(({ table, r }) => {
      const review = reviews.get(`${table}:${r.id}`) ?? null;
      return {
        subjectTable: table,
        subjectId: r.id,
        subjectVersion: Number(r.version),
        label: r.label,
        officeUnitId: r.owner_unit_id,
        officeName: names.get(r.owner_unit_id) ?? 'Đơn vị chưa rõ tên',
        sentAt: iso(r.updated_at),
        review,
        changedSinceReview: review !== null && Number(r.version) > review.subjectVersion,
        attachments: counts.get(r.id) ?? 0,
      };
    });
    const open = (x: SubmissionView) => x.review === null || x.review.status === 'received' || x.changedSinceReview;
    return out.filter((x) => input.show === 'all' || open(x)).sort((a, b) => a.officeName.localeCompare(b.officeName, 'vi') || b.sentAt.localeCompare(a.sentAt));
  },

  async 'reviews.mine'(input, ctx) {
    const s = requireSession(ctx);
    const where = ['target_unit_id = $1', 'owner_unit_id <> $1'];
    const params: string[] = [s.officeUnitId];
    if (input.subjectTable) {
      params.push(input.subjectTable);
      where.push(`subject_table = $${params.length}`);
    }
    if (input.subjectId) {
      params.push(input.subjectId);
      where.push(`subject_id = $${params.length}`);
    }
    const r = await ctx.deps.db.query<ReviewRow>(`SELECT * FROM submission_reviews WHERE ${where.join(' AND ')} ORDER BY updated_at DESC`, params);
    return r.rows.map(reviewFromRow);
  },

  async 'reviews.set'(input, ctx) {
    const s = requireSession(ctx);
    const db = ctx.deps.db;
    const own = (await db.query<{ owner_unit_id: string }>(`SELECT owner_unit_id FROM ${input.subjectTable} WHERE id = $1`, [input.subjectId])).rows[0];
    if (!own) throw new ApiError('not_found', 'Không tìm thấy văn bản đơn vị đã gửi (có thể chưa đồng bộ lên).');
    if (own.owner_unit_id === s.officeUnitId) throw new ApiError('forbidden', 'Không tự xét duyệt văn bản của chính đơn vị mình.');
    const subject = (await subjects(db, input.subjectTable, s.officeUnitId, input.subjectId))[0];
    if (!subject) throw new ApiError('invalid_input', 'Chỉ xét duyệt văn bản đơn vị đã ban hành (không phải dự thảo hay bản đã thay thế).');
    if (Number(subject.version) !== input.subjectVersion) {
      throw new ApiError('conflict', 'Đơn vị vừa gửi bản mới của văn bản này; hãy tải lại danh sách và xem bản mới trước khi trả lời.');
    }
    const id = reviewId(input.subjectTable, input.subjectId);
    const existing = (await db.query<{ id: string }>('SELECT id FROM submission_reviews WHERE id = $1', [id])).rows[0];
    const values = {
      target_unit_id: subject.owner_unit_id,
      subject_table: input.subjectTable,
      subject_id: input.subjectId,
      subject_version: input.subjectVersion,
      subject_label: subject.label,
      status: input.status,
      comment: input.comment,
      reviewer_name: s.displayName,
      reviewed_on: vietnamDate(ctx.deps.clock()),
    };
    const row = await mutate(asUser(ctx), `reviews.${input.status}`, (w) => (existing ? w.update<ReviewRow & { [k: string]: unknown }>('submission_reviews', id, values) : w.insert<ReviewRow & { [k: string]: unknown }>('submission_reviews', { id, ...values })));
    return reviewFromRow(row);
  },

  async 'attachments.list'(input, ctx) {
    requireSession(ctx);
    const r = await ctx.deps.db.query<AttachmentRow>(`${ATTACHMENT_SELECT} WHERE a.subject_table = $1 AND a.subject_id = $2 AND a.status = 'active' ORDER BY a.created_at, a.id`, [input.subjectTable, input.subjectId]);
    return r.rows.map(attachmentFromRow);
  },

  async 'attachments.get'(input, ctx) {
    requireSession(ctx);
    const a = (await ctx.deps.db.query<AttachmentRow>(`${ATTACHMENT_SELECT} WHERE a.id = $1`, [input.id])).rows[0];
    if (!a) throw new ApiError('not_found', 'Không tìm thấy tệp đính kèm.');
    const data = a.complete ? await readBlob(ctx.deps.db, a.sha256) : null;
    if (!data) throw new ApiError('not_found', `Tệp “${a.file_name}” chưa tải về máy này. Hãy đồng bộ (hoặc nhập gói USB) rồi mở lại.`);
    return { fileName: a.file_name, base64: data.toString('base64') };
  },

  async 'attachments.add'(input, ctx) {
    const s = requireSession(ctx);
    const subject = (await ctx.deps.db.query<{ owner_unit_id: string }>(`SELECT owner_unit_id FROM ${input.subjectTable} WHERE id = $1`, [input.subjectId])).rows[0];
    if (!subject) throw new ApiError('not_found', 'Không tìm thấy bản ghi để đính kèm tệp.');
    if (subject.owner_unit_id !== s.officeUnitId) throw new ApiError('forbidden', 'Chỉ đính kèm tệp vào văn bản của đơn vị mình.');
    const bytes = Buffer.from(input.base64, 'base64');
    if (bytes.length === 0) throw new ApiError('invalid_input', 'Tệp rỗng hoặc không đọc được.', [{ path: 'base64', message: 'Tệp rỗng.' }]);
    const id = ctx.deps.newId();
    await mutate(asUser(ctx), 'attachments.add', async (w) => {
      // The bytes and the row in one transaction: a row never names a file that is not there.
      const sha256 = await addAttachment(w.tx, bytes);
      await w.insert('attachments', {
        id,
        subject_table: input.subjectTable,
        subject_id: input.subjectId,
        target_unit_id: null,
        sha256,
        size: bytes.length,
        file_name: input.fileName,
        media_type: input.mediaType ?? 'application/octet-stream',
        status: 'active',
      });
    });
    const row = (await ctx.deps.db.query<AttachmentRow>(`${ATTACHMENT_SELECT} WHERE a.id = $1`, [id])).rows[0];
    if (!row) throw new ApiError('internal', 'Không đọc lại được tệp vừa đính kèm.');
    return attachmentFromRow(row);
  },
};
