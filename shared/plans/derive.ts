import type { Block, PlanContent } from './model.js';
import { numberSymbol } from './model.js';
import { noDate } from './dates.js';
import { commemorationLabel } from './anniversary.js';
import { formatDateLong } from '../vi/dates.js';

/**
 * Derivation: an office's own plan built from its parent's. Theme,
 * movements, phases (with commemorations), deadlines, purposes, requirements
 * and focus tasks are copied; the header, number, date, signer and
 * recipients become the office's, blank where they are set at signing. The
 * body is regenerated from the copied parts so the draft reads as the
 * office's own document; the user edits it before issuing.
 */
export interface DeriveOffice {
  /** "PHÒNG TƯ PHÁP" */
  issuingBody: string;
  /** "UBND HUYỆN MƯỜNG NHÉ" */
  parentBody: string | null;
  /** "Mường Nhé" */
  place: string;
  /** "KH-PTP" */
  symbol: string;
  /** Signer's title for the draft ("TRƯỞNG PHÒNG"). */
  signerTitle: string;
  /** Plain name of the office for running text ("Phòng Tư pháp huyện Mường Nhé"). */
  officeName: string;
}

/** "Kế hoạch số 70/KH-STP ngày 16/4/2021 của Sở Tư pháp" */
export function citeParent(parent: PlanContent): string {
  const what = parent.issuingDecision ? `Quyết định số ${numberSymbol(parent.issuingDecision.ref)}` : `Kế hoạch số ${numberSymbol(parent.ref)}`;
  const date = parent.issuingDecision?.ref.date ?? parent.ref.date;
  const when = date.iso ? ` ${formatDateLong(date.iso)}` : '';
  const issuer = parent.header.issuingBody ? ` của ${titleCase(parent.header.issuingBody)}` : '';
  return `${what}${when}${issuer}`;
}

function titleCase(caps: string): string {
  const lower = caps.toLocaleLowerCase('vi');
  return lower.charAt(0).toLocaleUpperCase('vi') + lower.slice(1);
}

export function deriveChildPlan(parent: PlanContent, office: DeriveOffice): PlanContent {
  const cite = citeParent(parent);
  const summary = `Phát động phong trào thi đua năm ${parent.year}`;
  const content: PlanContent = {
    header: { parentBody: office.parentBody, issuingBody: office.issuingBody },
    ref: { number: '', symbol: office.symbol, place: office.place, date: noDate(`ngày … tháng … năm ${parent.year}`) },
    year: parent.year,
    docType: 'KẾ HOẠCH',
    summary,
    attachmentNote: '',
    issuingDecision: null,
    legalBases: [],
    preamble: `Thực hiện ${cite}${parent.theme ? ` với chủ đề “${parent.theme}”` : ''}, ${office.officeName} xây dựng Kế hoạch phát động phong trào thi đua năm ${parent.year} với những nội dung như sau:`,
    theme: parent.theme,
    period: parent.period,
    purposes: [...parent.purposes],
    requirements: [...parent.requirements],
    subjects: parent.subjects,
    titles: parent.titles.map((t) => ({ ...t })),
    movements: parent.movements.map((m) => ({ ...m })),
    phases: parent.phases.map((p) => ({ ...p, commemorations: p.commemorations.map((c) => ({ ...c })), salutes: [...p.salutes] })),
    tasks: cloneBlocks(parent.tasks),
    deadlines: parent.deadlines.map((d) => ({ ...d, appliesTo: [...d.appliesTo] })),
    responsibilities: [],
    body: [],
    closing: `Trên đây là Kế hoạch phát động phong trào thi đua năm ${parent.year} của ${office.officeName}./.`,
    addressees: [`${titleCase(parent.header.issuingBody || 'Cơ quan cấp trên')} (để báo cáo);`, 'Lưu: VT.'],
    signer: { form: '', authority: null, title: office.signerTitle, name: null, extraLines: [] },
  };
  content.body = generateBody(content);
  return content;
}

function cloneBlocks(bs: readonly Block[]): Block[] {
  return bs.map((b) => ({ ...b, children: cloneBlocks(b.children) }));
}

const para = (text: string, label = ''): Block => ({ label, heading: '', text, children: [] });
const head = (label: string, heading: string, children: Block[] = []): Block => ({ label, heading, text: '', children });

/** A body in the usual I./1./a) shape built from the structured parts (for derived plans). */
export function generateBody(p: PlanContent): Block[] {
  const letters = 'abcdđeghiklmnopqrstuvxy';
  const out: Block[] = [];
  out.push(
    head('I.', 'MỤC ĐÍCH, YÊU CẦU', [
      head('1.', 'Mục đích', p.purposes.map((t) => para(t))),
      head('2.', 'Yêu cầu', p.requirements.map((t) => para(t))),
    ]),
  );
  const content: Block[] = [];
  if (p.theme) content.push(para(`Phong trào thi đua năm ${p.year} với chủ đề “${p.theme}”.`));
  content.push(
    head(
      '1.',
      'Các phong trào thi đua',
      p.movements.map((m, i) => ({
        label: `${letters[i] ?? 'z'})`,
        heading: /^(Phong trào|Các phong trào)/u.test(m.name) ? m.name : `Phong trào thi đua “${m.name}”${m.periodText && !m.name.includes(m.periodText) ? ` giai đoạn ${m.periodText}` : ''}`,
        text: '',
        children: m.description ? m.description.split('\n').map((t) => para(t)) : [],
      })),
    ),
  );
  if (p.tasks.length > 0) content.push(head('2.', 'Nhiệm vụ trọng tâm', cloneBlocks(p.tasks)));
  out.push(head('II.', 'NỘI DUNG', content));
  const phases = p.phases.map((ph, i) => {
    const salutes = [...ph.salutes, ...ph.commemorations.map((c) => `kỷ niệm ${c.writtenNumber === null ? commemorationLabel(c, p.year) : `${c.writtenNumber} năm ${c.event} (${c.originalDate.text}${c.yearDate ? ` - ${c.yearDate.text}` : ''})`}`)];
    const range = `Thời gian từ ${ph.from.text === 'đầu năm' ? 'đầu năm' : `ngày ${ph.from.text}`} đến ${ph.to.text === 'kết thúc năm' ? `kết thúc năm ${p.year}` : `ngày ${ph.to.text}`}`;
    return { label: `${letters[i] ?? 'z'})`, heading: ph.name, text: '', children: [para(`${range}${salutes.length ? `, lập thành tích chào mừng ${salutes.join('; ')}` : ''}.${ph.closing ? ` ${ph.closing}` : ''}`)] };
  });
  const duties = p.deadlines.map((d) => para(`${d.title}${d.sendTo ? ` về ${d.sendTo}` : ''}: ${d.due.iso ? d.due.text : d.due.text || 'theo hướng dẫn'}.`, '-'));
  out.push(head('III.', 'TỔ CHỨC THỰC HIỆN', [head('1.', 'Các đợt thi đua', phases), head('2.', 'Trách nhiệm thực hiện', duties)]));
  return out;
}
