import { decisionLabel, formatDecisionNumber } from '../../shared/awards/decision.js';
import { formatMoney } from '../../shared/awards/prize.js';
import { formatRegisterNumber } from '../../shared/awards/register.js';
import type { AwardItem, DecisionWithItems } from '../../shared/awards/types.js';
import { formatDateLong, formatPlaceDate } from '../../shared/vi/dates.js';

/**
 * The words of a decision (Mẫu 1.2, NĐ 30/2020) and its attached list,
 * shared by the .docx and PDF exports so both say exactly the same.
 */
export interface DecisionText {
  parentBody: string;
  issuerName: string;
  numberLine: string;
  placeDate: string;
  subject: string;
  authority: string;
  bases: string[];
  articles: { label: string; text: string }[];
  signLines: string[];
  signerName: string;
  recipients: string[];
  appendixTitle: string;
  appendixSubtitle: string;
  appendixRef: string;
  rows: AppendixRow[];
  total: string;
}

export interface AppendixRow {
  no: string;
  name: string;
  detail: string;
  award: string;
  achievement: string;
  amount: string;
  register: string;
}

function pad2(n: number): string {
  return String(n).padStart(2, '0');
}

function articleOne(items: readonly AwardItem[]): string {
  const byAward = new Map<string, { persons: number; collectives: number }>();
  for (const it of items) {
    const c = byAward.get(it.awardName) ?? { persons: 0, collectives: 0 };
    if (it.recipientKind === 'person') c.persons++;
    else c.collectives++;
    byAward.set(it.awardName, c);
  }
  const parts = [...byAward.entries()].map(([award, c]) => {
    const who = [c.collectives ? `${pad2(c.collectives)} tập thể` : '', c.persons ? `${pad2(c.persons)} cá nhân` : ''].filter(Boolean).join(' và ');
    return `${award.startsWith('Giấy khen') ? 'Tặng Giấy khen' : `Tặng danh hiệu "${award}"`} cho ${who}`;
  });
  return `${parts.join('; ')} đã có thành tích được nêu trong danh sách kèm theo Quyết định này.`;
}

const BODIES: [RegExp, string][] = [
  [/ủy ban nhân dân/u, 'Ủy ban nhân dân'],
  [/sở tư pháp/u, 'Sở Tư pháp'],
  [/phòng tư pháp/u, 'Phòng Tư pháp'],
  [/bộ tư pháp/u, 'Bộ Tư pháp'],
];

/**
 * "CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ" as running text needs "Chủ tịch
 * Ủy ban nhân dân huyện Mường Nhé": sentence case, known bodies capitalised,
 * and every word of the place name after the unit word capitalised.
 */
export function authorityInText(upper: string): string {
  let s = upper.toLocaleLowerCase('vi');
  for (const [re, text] of BODIES) s = s.replace(re, text);
  s = s.replace(/\b(tỉnh|thành phố|huyện|quận|thị xã|xã|phường|thị trấn|đặc khu) (.+)$/u, (_, unit: string, place: string) => `${unit} ${place.split(' ').map((w) => w.charAt(0).toLocaleUpperCase('vi') + w.slice(1)).join(' ')}`);
  return s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
}

export function decisionText(d: DecisionWithItems): DecisionText {
  const dec = d.decision;
  const items = d.items.filter((it) => it.status !== 'removed');
  const total = items.filter((it) => it.status !== 'cancelled').reduce((s, it) => s + it.prizeAmount, 0);
  const articles = [
    { label: 'Điều 1.', text: `${articleOne(items)} Tổng số tiền thưởng: ${formatMoney(total)}.` },
    ...dec.executionText
      .split('\n')
      .map((l) => l.trim())
      .filter(Boolean)
      .map((line) => {
        const m = /^(Điều \d+\.)\s*(.*)$/u.exec(line);
        return m ? { label: m[1] ?? '', text: m[2] ?? '' } : { label: '', text: line };
      }),
  ];
  if (dec.correctsDecisionId && d.correctsLabel) {
    articles.splice(1, 0, { label: '', text: `Quyết định này đính chính ${d.correctsLabel}${dec.correctionNote ? ` (${dec.correctionNote})` : ''}.` });
  }
  const authorityShort = authorityInText(dec.authorityTitle);
  return {
    parentBody: dec.parentBody.toLocaleUpperCase('vi'),
    issuerName: dec.issuerName.toLocaleUpperCase('vi'),
    numberLine: `Số: ${formatDecisionNumber(dec.number, dec.symbol)}`,
    placeDate: formatPlaceDate(dec.place, dec.decisionDate),
    subject: dec.subject,
    authority: dec.authorityTitle.toLocaleUpperCase('vi'),
    bases: dec.legalBases,
    articles,
    signLines: dec.signMode && dec.signHeadTitle ? [`${dec.signMode} ${dec.signHeadTitle}`, dec.signerTitle] : [dec.signerTitle],
    signerName: dec.signerName,
    recipients: dec.recipients,
    appendixTitle: 'DANH SÁCH',
    appendixSubtitle: dec.subject.replace(/^Về việc\s+/u, '').replace(/^./u, (c) => c.toLocaleUpperCase('vi')),
    appendixRef: `(Kèm theo Quyết định số ${formatDecisionNumber(dec.number, dec.symbol).trim()} ${formatDateLong(dec.decisionDate)} của ${authorityShort})`,
    rows: items.map((it, i) => ({
      no: String(i + 1),
      name: it.recipientKind === 'person' && it.recipientTitle ? `${it.recipientTitle} ${it.recipientName}` : it.recipientName,
      detail: [it.recipientPosition, it.recipientUnitName].filter(Boolean).join(', '),
      award: it.awardName,
      achievement: it.achievement,
      amount: it.status === 'cancelled' ? 'Đã hủy' : formatMoney(it.prizeAmount).replace(' đồng', ''),
      register: it.registerNumber !== null && it.registerYear !== null ? formatRegisterNumber(it.registerNumber, it.registerYear) : '',
    })),
    total: formatMoney(total).replace(' đồng', ''),
  };
}

export function decisionFileName(d: DecisionWithItems, ext: string): string {
  const dec = d.decision;
  const label = dec.number !== null ? `${pad2(dec.number)}-${dec.symbol}` : 'du-thao';
  return `quyet-dinh-${label}-${dec.decisionDate}.${ext}`
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .replace(/[^\w.-]+/gu, '-');
}

export { decisionLabel };
