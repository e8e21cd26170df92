import type { FieldIssue } from '../api/errors.js';
import type { Decision, RecipientKind } from './types.js';

/** "05/QĐ-UBND": number zero-padded below 10 (NĐ 30/2020 R-DOC-03); a draft prints a blank. */
export function formatDecisionNumber(number: number | null, symbol: string): string {
  return number === null ? `      /${symbol}` : `${String(number).padStart(2, '0')}/${symbol}`;
}

/** "Quyết định số 05/QĐ-UBND ngày 12/01/2026" */
export function decisionLabel(d: Pick<Decision, 'number' | 'symbol' | 'decisionDate'>): string {
  const [y, m, day] = d.decisionDate.split('-');
  return `Quyết định số ${formatDecisionNumber(d.number, d.symbol).trim()} ngày ${day}/${m}/${y}`;
}

/** Valid symbol: "QĐ-UBND", "QĐ-PTP" — type then issuer groups, caps, hyphens, no spaces. */
export function checkSymbol(symbol: string): string | null {
  if (!/^QĐ(-[A-ZĐ0-9]+)+$/u.test(symbol)) return 'Ký hiệu phải có dạng "QĐ-UBND" (chữ in hoa, nối bằng dấu gạch ngang, không có dấu cách).';
  return null;
}

export interface ItemToIssue {
  recipientKind: RecipientKind;
  recipientName: string;
  personId: string | null;
  unitId: string | null;
  awardSubject: RecipientKind;
  achievement: string;
}

/**
 * Everything that must hold before a decision is issued. Pure: returns the
 * problems (Vietnamese, pointing at fields); an empty list means it may be
 * issued. The handler also checks number uniqueness against the store.
 */
export function checkDecisionForIssue(
  d: Pick<Decision, 'status' | 'symbol' | 'decisionDate' | 'signerName' | 'signerTitle' | 'subject' | 'issuerName' | 'place'>,
  items: readonly ItemToIssue[],
  number: number,
  today: string,
): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (d.status !== 'draft') issues.push({ path: 'status', message: 'Quyết định đã ban hành; không ban hành lại được.' });
  const sym = checkSymbol(d.symbol);
  if (sym) issues.push({ path: 'symbol', message: sym });
  if (!Number.isInteger(number) || number < 1) issues.push({ path: 'number', message: 'Số quyết định phải là số nguyên dương.' });
  if (d.decisionDate > today) issues.push({ path: 'decisionDate', message: 'Ngày quyết định không được ở sau ngày hôm nay.' });
  if (!d.signerName) issues.push({ path: 'signerName', message: 'Chưa có họ tên người ký.' });
  if (!d.signerTitle) issues.push({ path: 'signerTitle', message: 'Chưa có chức vụ người ký.' });
  if (!d.subject) issues.push({ path: 'subject', message: 'Chưa có trích yếu ("Về việc …").' });
  if (!d.issuerName) issues.push({ path: 'issuerName', message: 'Chưa có tên cơ quan ban hành.' });
  if (!d.place) issues.push({ path: 'place', message: 'Chưa có địa danh.' });
  if (items.length === 0) issues.push({ path: 'items', message: 'Quyết định chưa có ai được khen thưởng.' });
  items.forEach((it, i) => {
    issues.push(...checkItem(it).map((p) => ({ path: `items.${i}.${p.path}`, message: `Dòng ${i + 1}: ${p.message}` })));
  });
  return issues;
}

export function checkItem(it: ItemToIssue): FieldIssue[] {
  const issues: FieldIssue[] = [];
  if (!it.recipientName.trim()) issues.push({ path: 'recipientName', message: 'Khen thưởng phải có người hoặc tập thể được khen.' });
  if (it.recipientKind === 'person' && !it.personId && !it.recipientName.trim()) issues.push({ path: 'personId', message: 'Chưa chọn người được khen.' });
  if (it.awardSubject !== it.recipientKind) {
    issues.push({
      path: 'awardKindId',
      message: it.awardSubject === 'person' ? 'Hình thức này chỉ dành cho cá nhân.' : 'Hình thức này chỉ dành cho tập thể.',
    });
  }
  if (!it.achievement.trim()) issues.push({ path: 'achievement', message: 'Chưa có nội dung thành tích.' });
  return issues;
}
