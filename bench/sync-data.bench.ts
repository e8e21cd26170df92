import { randomBytes } from 'node:crypto';
import type { Store } from '../electron/store/open-store.js';
import { mutate } from '../electron/store/mutation.js';
import { addAttachment } from '../electron/sync/blobs.js';

/**
 * One district-year of data, deterministic from a seed. The synced tables
 * that exist on every store today are units and people, so the year's
 * records are people rows whose text fields carry realistic content of each
 * kind (see docs/sync-protocol.md, "Benchmark data"):
 *   1,000 people (short note), 1,500 registrations (~150 chars),
 *   1,500 scores (~120 chars), 950 report sections (~1,800 chars),
 *   50 nominations (~2,500 chars); total 5,000 records.
 * Scanned attachments are incompressible random bytes of 200 KB.
 */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = ['Lò', 'Vàng', 'Quàng', 'Cà', 'Lường', 'Nguyễn', 'Trần', 'Lê', 'Phạm', 'Giàng', 'Sùng', 'Thào', 'Mùa', 'Hờ', 'Lý'];
const MIDDLE = ['Văn', 'Thị', 'A', 'Thị Thu', 'Văn Minh', 'Đức', 'Thị Hồng', 'Seo', 'Mí'];
const GIVEN = ['Thành', 'Mai', 'Páo', 'Dủa', 'Hương', 'Lan', 'Sơn', 'Chứ', 'Dính', 'Hoa', 'Tú', 'Xuân', 'Tâm', 'Vư', 'Sính', 'Nhung'];
const PHRASES = [
  'hoàn thành xuất sắc nhiệm vụ được giao',
  'tham mưu Ủy ban nhân dân huyện ban hành kế hoạch phổ biến, giáo dục pháp luật',
  'tổ chức tuyên truyền pháp luật cho đồng bào dân tộc thiểu số tại các bản vùng cao',
  'công tác hộ tịch, chứng thực được thực hiện đúng quy định, không để tồn đọng hồ sơ',
  'phối hợp với Ban Chỉ huy Quân sự xã tổ chức hòa giải ở cơ sở',
  'xây dựng xã, thị trấn đạt chuẩn tiếp cận pháp luật',
  'rà soát, hệ thống hóa văn bản quy phạm pháp luật của địa phương',
  'tích cực hưởng ứng phong trào thi đua "Cán bộ, công chức, viên chức thi đua thực hiện văn hóa công sở"',
  'kiểm tra, xử lý văn bản quy phạm pháp luật theo thẩm quyền',
  'trợ giúp pháp lý cho người nghèo, người dân tộc thiểu số',
  'ứng dụng công nghệ thông tin trong giải quyết thủ tục hành chính',
  'số hóa sổ hộ tịch, cập nhật cơ sở dữ liệu hộ tịch điện tử',
  'đăng ký thi đua danh hiệu Lao động tiên tiến',
  'đăng ký danh hiệu Chiến sĩ thi đua cơ sở',
  'tiêu chí đạt điểm tối đa theo bảng chấm điểm của Sở Tư pháp',
  'minh chứng: báo cáo số 15/BC-PTP, kế hoạch số 07/KH-PTP',
  'sơ kết 6 tháng đầu năm, đề ra phương hướng nhiệm vụ 6 tháng cuối năm',
];

function text(rnd: () => number, chars: number): string {
  let out = '';
  while (out.length < chars) {
    const p = PHRASES[Math.floor(rnd() * PHRASES.length)] ?? '';
    out += (out ? (rnd() < 0.3 ? '. ' : '; ') : '') + p;
  }
  return `${out.slice(0, chars)}.`;
}

export const KINDS = [
  { kind: 'people', count: 1000, chars: 40 },
  { kind: 'registration', count: 1500, chars: 150 },
  { kind: 'score', count: 1500, chars: 120 },
  { kind: 'report_section', count: 950, chars: 1800 },
  { kind: 'nomination', count: 50, chars: 2500 },
] as const;

export interface YearData {
  recordIds: string[];
  nominationIds: string[];
  attachmentShas: string[];
  attachmentBytes: number;
  /** The rows exactly as they will travel, to give PouchDB the same documents. */
  rows: Record<string, unknown>[];
}

export async function generateYear(store: Store, unitId: string, opts: { seed: number; attachments: number }): Promise<YearData> {
  const rnd = prng(opts.seed);
  const ctx = { deps: store.deps, actor: { userId: null, userName: 'Bench' }, officeUnitId: unitId };
  const specs: { kind: string; chars: number }[] = [];
  for (const k of KINDS) for (let i = 0; i < k.count; i++) specs.push({ kind: k.kind, chars: k.chars });
  // Scans first, so nominations can name the scans they carry (by SHA-256).
  const attachmentShas: string[] = [];
  for (let i = 0; i < opts.attachments; i++) attachmentShas.push(await addAttachment(store.deps.db, randomBytes(200 * 1024)));
  const rows: Record<string, unknown>[] = [];
  const recordIds: string[] = [];
  const nominationIds: string[] = [];
  for (let start = 0; start < specs.length; start += 500) {
    const part = specs.slice(start, start + 500);
    await mutate(ctx, 'bench.generate', async (w) => {
      for (const [j, s] of part.entries()) {
        const i = start + j;
        const name = `${FAMILY[Math.floor(rnd() * FAMILY.length)]} ${MIDDLE[Math.floor(rnd() * MIDDLE.length)]} ${GIVEN[Math.floor(rnd() * GIVEN.length)]}`;
        const id = `${s.kind}-${String(i).padStart(5, '0')}`;
        const row = await w.insert('people', {
          id,
          unit_id: unitId,
          full_name: name,
          gender: rnd() < 0.5 ? 'male' : 'female',
          birth_date: `19${60 + Math.floor(rnd() * 40)}-0${1 + Math.floor(rnd() * 9)}-1${Math.floor(rnd() * 9)}`,
          position: s.kind === 'people' ? 'Chuyên viên' : s.kind,
          staff_category: 'cong_chuc',
          start_date: null,
          status: 'working',
          note: s.kind === 'nomination' && attachmentShas.length > 0 ? `${text(rnd, s.chars)} Bản chụp hồ sơ: ${attachmentShas[nominationIds.length % attachmentShas.length]}` : text(rnd, s.chars),
          search_key: name.toLowerCase(),
        });
        rows.push(row);
        recordIds.push(id);
        if (s.kind === 'nomination') nominationIds.push(id);
      }
    });
  }
  return { recordIds, nominationIds, attachmentShas, attachmentBytes: opts.attachments * 200 * 1024, rows };
}
