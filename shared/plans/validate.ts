import type { FieldIssue } from '../api/errors.js';
import type { DateRef, PlanContent } from './model.js';
import { isImpossible, yearOf } from './dates.js';
import { checkCommemoration } from './anniversary.js';
import { blocksToParagraphs } from './outline.js';

/**
 * Plan rules. Pure: content in, issues out, each with the field it points at
 * and a Vietnamese reason. Errors block the save; warnings are shown (an
 * imported or received plan may carry the source's own slips, R-DATE-01).
 *
 * Modes:
 * - 'draft': what any saved draft must satisfy;
 * - 'issue': additionally the number, the real signing date and the signer's name;
 * - 'received': a parent's plan stored read-only as written: every finding is a warning.
 */
export type ValidationMode = 'draft' | 'issue' | 'received';

export interface PlanIssue extends FieldIssue {
  severity: 'error' | 'warning';
}

function dateLabel(d: DateRef): string {
  return d.text || d.iso || '';
}

export function validatePlan(p: PlanContent, mode: ValidationMode): PlanIssue[] {
  const out: PlanIssue[] = [];
  const hard = mode === 'received' ? 'warning' : 'error';
  const add = (path: string, message: string, severity: 'error' | 'warning' = hard) => out.push({ path, message, severity });

  const checkReal = (path: string, what: string, d: DateRef) => {
    if (isImpossible(d)) add(path, `${what}: ngày “${dateLabel(d)}” không có thật.`);
  };

  if (p.ref.symbol === '') add('ref.symbol', 'Ký hiệu văn bản: không được để trống (ví dụ KH-STP).');
  if (p.ref.place === '') add('ref.place', 'Địa danh: không được để trống.');
  if (!p.signer) add('signer', 'Người ký: phải có chức danh người ký.');
  // Mandatory fields the schema cannot express as "non-empty" because drafts may leave them blank.
  if (mode === 'issue') {
    if (p.ref.number === '') add('ref.number', 'Số văn bản: phải có khi ban hành.');
    else if (!/^\d{1,6}$/u.test(p.ref.number)) add('ref.number', 'Số văn bản: chỉ gồm chữ số (ví dụ 05, 70).');
    if (p.ref.date.precision !== 'day' || p.ref.date.iso === null) add('ref.date', 'Ngày ban hành: phải là một ngày cụ thể, có thật khi ban hành.');
    if (p.signer && !p.signer.name) add('signer.name', 'Họ tên người ký: không được để trống khi ban hành.');
    if (p.addressees.length === 0) add('addressees', 'Nơi nhận: phải có ít nhất một nơi nhận (và dòng “Lưu: VT, …”).');
  }
  if (p.ref.number !== '' && !/^\d{1,6}$/u.test(p.ref.number)) {
    if (mode !== 'issue') add('ref.number', 'Số văn bản: chỉ gồm chữ số (ví dụ 05, 70).');
  }
  if (p.ref.symbol !== '' && !/^[\p{L}0-9]+(-[\p{L}0-9.&]+)+$/u.test(p.ref.symbol)) add('ref.symbol', 'Ký hiệu: viết dạng “KH-STP” (loại văn bản - cơ quan ban hành, không có dấu cách).');
  checkReal('ref.date', 'Ngày ban hành', p.ref.date);
  const signYear = yearOf(p.ref.date);
  if (signYear !== null && (signYear > p.year || signYear < p.year - 1)) {
    add('ref.date', `Ngày ban hành (năm ${signYear}) không khớp với năm kế hoạch ${p.year}: kế hoạch thường ban hành cuối năm trước hoặc trong năm.`, 'warning');
  }

  if (p.period) {
    checkReal('period.from', 'Thời gian thực hiện (từ ngày)', p.period.from);
    checkReal('period.to', 'Thời gian thực hiện (đến ngày)', p.period.to);
    if (p.period.from.iso && p.period.to.iso && p.period.to.iso < p.period.from.iso) add('period.to', 'Thời gian thực hiện: ngày kết thúc trước ngày bắt đầu.');
  }

  const ordinals = new Set<number>();
  p.phases.forEach((ph, i) => {
    const base = `phases.${i}`;
    checkReal(`${base}.from`, `${ph.name}: ngày bắt đầu`, ph.from);
    checkReal(`${base}.to`, `${ph.name}: ngày kết thúc`, ph.to);
    if (ph.from.iso && ph.to.iso && ph.to.iso < ph.from.iso) add(`${base}.to`, `${ph.name}: ngày kết thúc (${dateLabel(ph.to)}) trước ngày bắt đầu (${dateLabel(ph.from)}).`);
    for (const [key, d] of [['from', ph.from], ['to', ph.to]] as const) {
      const y = d.iso ? Number(d.iso.slice(0, 4)) : null;
      if (y !== null && y !== p.year) add(`${base}.${key}`, `${ph.name}: ngày ${dateLabel(d)} nằm ngoài năm kế hoạch ${p.year}.`);
    }
    if (ordinals.has(ph.ordinal)) add(`${base}.ordinal`, `Có hai đợt cùng số thứ tự ${ph.ordinal}.`);
    ordinals.add(ph.ordinal);
    ph.commemorations.forEach((c, j) => {
      const check = checkCommemoration(c, p.year);
      if (check.problem) add(`${base}.commemorations.${j}`, check.problem, 'warning');
    });
  });

  const bodyText = [p.preamble, ...blocksToParagraphs(p.body)].join('\n');
  p.deadlines.forEach((d, i) => {
    const path = `deadlines.${i}.due`;
    if (isImpossible(d.due)) {
      add(path, `Hạn “${d.title}”: ngày “${dateLabel(d.due)}” không có thật.`);
      return;
    }
    const y = d.due.iso ? Number(d.due.iso.slice(0, 4)) : null;
    if (y !== null && y !== p.year) add(path, `Hạn “${d.title}” (${dateLabel(d.due)}) nằm ngoài năm kế hoạch ${p.year}.`);
    // The printed text and the deadline list must say the same thing; the text is what recipients read.
    if (bodyText !== '' && d.due.precision !== 'none' && d.due.text !== '' && !bodyText.includes(d.due.text.replace(/^(trong tháng|chậm nhất đến tháng)\s+/u, ''))) {
      add(path, `Hạn “${d.title}” (${dateLabel(d.due)}) chưa có trong nội dung văn bản; hãy sửa nội dung cho khớp.`, 'warning');
    }
  });

  p.movements.forEach((m, i) => {
    if (m.fromYear !== null && m.toYear !== null && m.toYear < m.fromYear) add(`movements.${i}.periodText`, `Phong trào “${m.name}”: năm kết thúc trước năm bắt đầu.`);
  });
  return out;
}

export function errorsOf(issues: readonly PlanIssue[]): FieldIssue[] {
  return issues.filter((i) => i.severity === 'error').map(({ path, message }) => ({ path, message }));
}
