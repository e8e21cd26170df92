import { tableSpec } from '../db/tables.js';
import type { Entry } from './protocol.js';

/**
 * Per-item refusals. The hub refuses one outbox entry (or one attachment)
 * it cannot accept and still applies the rest of the batch; the office shows
 * which record, why and what to do, and can send it again after correcting
 * it. Pure functions: the hub screens a batch with them before writing, and
 * both sides share the Vietnamese explanations.
 */

export const REFUSAL_CODES = ['scope', 'unknown_table', 'unknown_column', 'mismatch', 'invalid', 'attachment_corrupt', 'attachment_refused'] as const;
export type RefusalCode = (typeof REFUSAL_CODES)[number];

/** One entry the hub did not apply (the upload cursor still moves past it). */
export interface ItemRefusal {
  seq: number;
  table: string;
  id: string;
  version: number;
  code: RefusalCode;
  /** For the logs and support: the table/column concerned, never row content. */
  detail?: string;
}

/** Why (in Vietnamese) and what to do, per refusal code: shown next to the record on the Đồng bộ screen. */
export const REFUSAL_TEXT: Record<RefusalCode, { why: string; todo: string }> = {
  scope: {
    why: 'Trạm của tỉnh đã có bản ghi này nhưng thuộc một đơn vị khác, nên không nhận bản của đơn vị mình.',
    todo: 'Liên hệ Sở Tư pháp để kiểm tra bản ghi trùng; sau khi Sở xử lý, bấm "Gửi lại".',
  },
  unknown_table: {
    why: 'Trạm của tỉnh chưa nhận loại dữ liệu này (phần mềm trên trạm cũ hơn phần mềm của đơn vị).',
    todo: 'Báo Sở Tư pháp cập nhật trạm đồng bộ, rồi bấm "Gửi lại". Dữ liệu vẫn được giữ trên máy.',
  },
  unknown_column: {
    why: 'Bản ghi có thông tin mà trạm của tỉnh chưa nhận (phần mềm trên trạm cũ hơn phần mềm của đơn vị).',
    todo: 'Báo Sở Tư pháp cập nhật trạm đồng bộ, rồi bấm "Gửi lại". Dữ liệu vẫn được giữ trên máy.',
  },
  mismatch: {
    why: 'Bản ghi trong hàng đợi gửi không khớp với thông tin kèm theo (mã, đơn vị hoặc số phiên bản).',
    todo: 'Mở bản ghi, lưu lại một lần để tạo bản mới, rồi đồng bộ lại. Nếu vẫn lỗi, báo cho quản trị.',
  },
  invalid: {
    why: 'Trạm của tỉnh không ghi được bản ghi này (dữ liệu thiếu hoặc tham chiếu tới bản ghi trạm chưa có).',
    todo: 'Mở bản ghi, kiểm tra và sửa các thông tin bắt buộc rồi lưu; lần đồng bộ sau sẽ gửi bản đã sửa. Hoặc bấm "Gửi lại" khi bản ghi liên quan đã được gửi.',
  },
  attachment_corrupt: {
    why: 'Tệp đính kèm trên máy không khớp với mã kiểm tra của nó (tệp bị hỏng trên ổ đĩa), trạm không nhận.',
    todo: 'Đính kèm lại tệp gốc (bản quét) vào hồ sơ. Phần mềm không tự gửi lại tệp hỏng để khỏi tốn đường truyền.',
  },
  attachment_refused: {
    why: 'Trạm của tỉnh từ chối tệp đính kèm này.',
    todo: 'Bấm "Gửi lại" để thử lại; nếu vẫn bị từ chối, gửi bằng tệp USB hoặc báo cho Sở Tư pháp.',
  },
};

/** Vietnamese names of the tables, to say which kind of record was refused. */
const TABLE_LABELS: Record<string, string> = {
  units: 'Đơn vị',
  people: 'Cán bộ',
  plans: 'Kế hoạch',
  plan_deadline_status: 'Tình trạng hạn nộp',
  base_salaries: 'Mức lương cơ sở',
  award_registers: 'Sổ khen thưởng',
  award_kinds: 'Hình thức khen thưởng',
  award_options: 'Tùy chọn khen thưởng',
  award_decisions: 'Quyết định khen thưởng',
  award_items: 'Người/tập thể được khen',
  certificate_templates: 'Mẫu giấy khen',
  certificate_prints: 'Lần in giấy khen',
};

const LABEL_COLUMNS = ['full_name', 'name', 'recipient_name', 'summary', 'title', 'number', 'code'] as const;

/** "Cán bộ: Lò Văn Sáng" — the record as a user recognises it, from the row the outbox holds. */
export function recordLabel(table: string, row: Record<string, unknown> | null | undefined): string {
  const kind = TABLE_LABELS[table] ?? `Bản ghi (${table})`;
  for (const c of LABEL_COLUMNS) {
    const v = row?.[c];
    if (typeof v === 'string' && v.trim().length > 0) return `${kind}: ${v.trim().slice(0, 120)}`;
  }
  return kind;
}

/**
 * Checks one entry an office uploads, without the database: the table is a
 * synced one, the row's own id/owner/version agree with the entry, the office
 * writes only rows it owns, only known columns. null = acceptable.
 */
export function screenEntry(e: Entry, officeUnitId: string): ItemRefusal | null {
  const base = { seq: e.seq, table: e.table, id: e.id, version: e.version };
  const spec = tableSpec(e.table);
  if (!spec || spec.local) return { ...base, code: 'unknown_table', detail: e.table };
  const { row } = e;
  if (row.id !== e.id || row.owner_unit_id !== e.owner || row.version !== e.version) return { ...base, code: 'mismatch' };
  if (e.owner !== officeUnitId) return { ...base, code: 'scope' };
  const unknown = Object.keys(row).find((k) => !spec.columns.includes(k));
  if (unknown !== undefined) return { ...base, code: 'unknown_column', detail: `${e.table}.${unknown}` };
  return null;
}

/**
 * Entries an honest office never sends (the mutation layer writes only its
 * own rows, local tables never enter the outbox): a forged or corrupted
 * upload. The hub refuses the whole request before writing anything, like
 * any other cross-office request. null = none.
 */
export function hostileEntry(entries: readonly Entry[], officeUnitId: string): { code: 'scope' | 'bad_request'; seq: number } | null {
  for (const e of entries) {
    if (e.owner !== officeUnitId || e.row.owner_unit_id !== officeUnitId) return { code: 'scope', seq: e.seq };
    if (e.row.id !== e.id || e.row.version !== e.version) return { code: 'bad_request', seq: e.seq };
    if (tableSpec(e.table)?.local === true) return { code: 'bad_request', seq: e.seq };
  }
  return null;
}

/** Splits a batch into what can be applied and what is refused, keeping order. */
export function screenBatch(entries: readonly Entry[], officeUnitId: string): { accepted: Entry[]; refused: ItemRefusal[] } {
  const accepted: Entry[] = [];
  const refused: ItemRefusal[] = [];
  for (const e of entries) {
    const r = screenEntry(e, officeUnitId);
    if (r) refused.push(r);
    else accepted.push(e);
  }
  return { accepted, refused };
}
