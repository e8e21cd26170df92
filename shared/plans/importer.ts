import type { Block, Commemoration, DateRef, Deadline, DeadlineKind, IssuingDecision, Movement, MovementKind, Phase, PlanContent, Responsibility, Signer, TitleAward } from './model.js';
import { SIGN_FORMS } from './model.js';
import { dayRef, isImpossible, isoOf, noDate, parseDateRef } from './dates.js';
import { blocksToParagraphs, outline, paragraphs, splitLabel, walkBlocks } from './outline.js';

/**
 * Plain text (pasted, or the text of a .docx, or OCR of a scan) → a draft
 * plan for the user to check side by side. Every fact keeps the paragraph it
 * came from; what the importer cannot place is listed instead of guessed.
 * Pure and synchronous: text in, draft and findings out.
 */

export interface ImportFinding {
  /** Which part of the plan: "ref.number", "phases.0.to", "theme"... */
  path: string;
  message: string;
  /** The paragraph concerned, when there is one. */
  source: string;
}

export interface ImportResult {
  /** The draft as far as it could be read. Required fields that were not found are '' and listed in `unplaced`. */
  draft: PlanContent;
  /** What the importer could not place, or placed with a doubt (impossible dates, missing numbers). */
  unplaced: ImportFinding[];
  /** All paragraphs of the source in order, for the side-by-side view. */
  paragraphs: string[];
}

const DOC_TYPES = ['KẾ HOẠCH', 'QUYẾT ĐỊNH', 'BÁO CÁO', 'TỜ TRÌNH', 'THÔNG BÁO', 'CHƯƠNG TRÌNH', 'HƯỚNG DẪN'];
const MOTTO = /^(CỘNG HÒA|CỘNG HOÀ) XÃ HỘI CHỦ NGHĨA VIỆT NAM|^Độc lập\s*-\s*Tự do\s*-\s*Hạnh phúc/u;

/** Glued bold runs ("QUYẾT ĐỊNH**Ban hành…**") become separate lines before Markdown is stripped. */
function unglue(text: string): string {
  return text.replace(/\*{4}/gu, '\n').replace(/(?<=\p{Lu})\*\*(?=\p{Lu})/gu, '\n').replace(/\*m\*\s*$/u, '');
}

const isUpperLine = (l: string) => l.length > 1 && l === l.toLocaleUpperCase('vi') && /\p{Lu}/u.test(l);

function quoted(s: string): string | null {
  const m = /[“"]([^”"]{3,600})[”"]/u.exec(s);
  return m?.[1]?.trim() ?? null;
}

export function parseNumberLine(p: string): { number: string; symbol: string } | null {
  const m = /^Số\s*:\s*([0-9]*)\s*\/\s*([\p{L}0-9.&-]+)/u.exec(p);
  if (!m) return null;
  return { number: m[1] ?? '', symbol: (m[2] ?? '').replace(/[.,;]$/u, '') };
}

export function parsePlaceDate(p: string): { place: string; date: DateRef } | null {
  const m = /^([^,\n]{2,60}),\s*(ngày\s*(\d{1,2})?\s*tháng\s*(\d{1,2})?\s*năm\s*(\d{4}))/u.exec(p);
  if (!m || !m[1] || !m[2] || !m[5]) return null;
  const text = m[2].replace(/\s+/gu, ' ');
  if (m[3] && m[4]) {
    const iso = isoOf(Number(m[5]), Number(m[4]), Number(m[3]));
    return { place: m[1].trim(), date: { text, iso, precision: 'day' } };
  }
  // Blank day (or month): a draft numbered and dated at signing (seeds 001, 002).
  return { place: m[1].trim(), date: noDate(text) };
}

/** "KT. BỘ TRƯỞNG / THÚ TRƯỞNG / Nguyễn Thành Tịnh" → Signer. */
export function parseSigner(lines: readonly string[]): Signer | null {
  const ls = lines.map((l) => l.trim()).filter((l) => l !== '');
  if (ls.length === 0) return null;
  let form: Signer['form'] = '';
  let authority: string | null = null;
  const first = ls[0] ?? '';
  const f = SIGN_FORMS.find((x) => x !== '' && first.startsWith(`${x} `));
  let rest = ls;
  if (f) {
    form = f;
    authority = first.slice(f.length).trim();
    rest = ls.slice(1);
  }
  const upper = rest.filter(isUpperLine);
  const name = rest.filter((l) => !isUpperLine(l)).at(-1) ?? null;
  const title = upper[0] ?? authority ?? '';
  if (title === '') return null;
  return { form, authority, title, name, extraLines: upper.slice(1) };
}

function collectAddressees(paras: readonly string[], start: number): { list: string[]; end: number } {
  const list: string[] = [];
  let i = start;
  const first = (paras[i] ?? '').replace(/^N[oơ]i nhận\s*:\s*/u, '');
  const take = (p: string) => {
    for (const l of p.split('\n')) {
      const t = l.trim();
      if (t.startsWith('-')) list.push(t.replace(/^-\s*/u, ''));
      else if (t.startsWith('(') && list.length > 0) list[list.length - 1] = `${list[list.length - 1]} ${t}`;
    }
  };
  take(first);
  i++;
  while (i < paras.length && /^-/u.test(paras[i] ?? '')) {
    take(paras[i] ?? '');
    i++;
  }
  return { list, end: i };
}

function signerFrom(paras: readonly string[], from: number, to: number): Signer | null {
  const lines: string[] = [];
  for (let i = from; i < to; i++) lines.push(...(paras[i] ?? '').split('\n'));
  return parseSigner(lines);
}

const PHASE_RE = /Đợt thi đua thứ (nhất|hai|ba|tư)/iu;
const PHASE_START = /^Đợt thi đua thứ (nhất|hai|ba|tư)/u;
const ORD: Record<string, number> = { nhất: 1, hai: 2, ba: 3, tư: 4 };

function blockText(b: Block): string {
  return [b.heading, b.text, ...b.children.flatMap((c) => blocksToParagraphs([c]))].filter((s) => s !== '').join('\n');
}

function phaseDates(text: string, year: number): { from: DateRef; to: DateRef } {
  let from: DateRef = noDate();
  let to: DateRef = noDate();
  if (/từ đầu năm/u.test(text)) from = dayRef(`${year}-01-01`, 'đầu năm');
  else {
    const m = /từ(?: ngày)?\s+(\d{1,2}\/\d{1,2}\/\d{4})/u.exec(text);
    if (m?.[1]) from = parseDateRef(m[1]);
  }
  const e = /đến(?: ngày)?\s+(\d{1,2}\/\d{1,2}\/\d{4})/u.exec(text);
  if (e?.[1]) to = parseDateRef(e[1]);
  else if (/đến (kết thúc|hết) năm/u.test(text)) to = dayRef(`${year}-12-31`, 'kết thúc năm');
  return { from, to };
}

/** "91 năm Ngày thành lập Đảng Cộng sản Việt Nam (03/2/1930-30/2/2021)" and friends. */
export function findCommemorations(text: string, idPrefix: string): { items: Commemoration[]; salutes: string[] } {
  const items: Commemoration[] = [];
  const re = /(\d{1,3})\s+(?:năm\s+)?([^();,.]+?)\s*\(([^()]*\d{4}[^()]*)\)|(\d{1,3})\s+năm\s+([^();,.]+)/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const n = Number(m[1] ?? m[4]);
    const event = (m[2] ?? m[5] ?? '').trim().replace(/\.+$/u, '');
    if (event === '' || /^(đầu năm|năm \d{4})/u.test(event)) continue;
    let original: DateRef = noDate();
    let yearDate: DateRef | null = null;
    if (m[3]) {
      const [a, b] = m[3].split(/\s*[-–]\s*(?=\d)/u);
      original = parseDateRef(a ?? '');
      yearDate = b ? parseDateRef(b) : null;
    }
    items.push({ id: `${idPrefix}-c${items.length + 1}`, event, originalDate: original, writtenNumber: Number.isFinite(n) ? n : null, yearDate, source: m[0].trim() });
  }
  const salutes: string[] = [];
  const sm = /chào mừng\s+(?:chào mừng\s+)?((?:thành công\s+)?Đại hội[^;]+)/u.exec(text);
  if (sm?.[1]) salutes.push(sm[1].trim());
  return { items, salutes };
}

const MOVEMENT_HEAD = /^(Phong trào thi đua|Các phong trào thi đua)/u;

function movementKind(name: string): MovementKind {
  if (/chuyên đề/u.test(name)) return 'thematic';
  if (/theo đợt/u.test(name)) return 'phase';
  if (/^Các phong trào thi đua/u.test(name)) return 'other';
  return 'regular';
}

function periodOf(s: string): { text: string; from: number; to: number } | null {
  const m = /giai đoạn\s*(?:năm\s*)?(\d{4})\s*[-–]\s*(\d{4})/u.exec(s);
  if (!m?.[1] || !m[2]) return null;
  return { text: `${m[1]} - ${m[2]}`, from: Number(m[1]), to: Number(m[2]) };
}

function classify(p: string): DeadlineKind | null {
  if (/đăng ký[^.;]*(sáng kiến|đề tài)|(sáng kiến|đề tài)[^.;]*đăng ký/u.test(p) && /đăng ký (đề tài|sáng kiến)/u.test(p)) return 'registration_initiatives';
  if (/đăng ký (thi đua|danh hiệu)|kết quả đăng ký/u.test(p)) return 'registration_titles';
  if (/sơ kết/u.test(p) && !/tổng kết/u.test(p)) return 'mid_year_report';
  if (/kiểm tra/u.test(p) && /báo cáo/u.test(p)) return 'inspection_report';
  if (/tổng kết/u.test(p)) return 'year_end_report';
  return null;
}

const DUE_RE = /(chậm nhất(?: là)?(?: ngày| đến)?|trước ngày|trong tháng|đến tháng|và(?: ngày)?)\s+((?:tháng\s+)?\d{1,2}\/\d{1,2}(?:\/\d{4})?|\d{1,2}\/\d{4})(?:\s+đối với\s+([^.;]+?))?(?=\s+và\s+(?:trước\s+)?(?:ngày\s+)?\d|[.;]|$)/gu;

function sendToOf(p: string): string | null {
  const m = /(?:gửi|báo cáo)[^.;]*?\svề\s+([^.;]+?)(?=\s+chậm nhất|\s+trong tháng|\s+trước ngày|\s+để\s|[.;]|$)/u.exec(p);
  return m?.[1]?.trim() ?? null;
}

function partyOf(ancestors: readonly Block[]): string[] {
  for (const a of [...ancestors].reverse()) {
    const s = a.text || a.heading;
    const m = /^(.+?)\s+(?:trong phạm vi [^,]+ )?có trách nhiệm/u.exec(s);
    if (m?.[1]) return [m[1].trim()];
  }
  return [];
}

function findDeadlines(body: readonly Block[], year: number, out: ImportFinding[]): Deadline[] {
  const list: Deadline[] = [];
  walkBlocks(body, (b, ancestors) => {
    if (b.text === '') return;
    const source = [b.label, b.text].filter((s) => s !== '').join(' ');
    // One sentence at a time: "…sơ kết, tổng kết theo quy định. Kết thúc đợt thứ nhất, … sơ kết … 30/6" is a mid-year deadline.
    for (const p of sentences(b.text)) {
      const kind = classify(p);
      const dated = [...p.matchAll(DUE_RE)];
      const base = { sendTo: sendToOf(p), source };
      if (kind === null) {
        if (dated.length > 0 && /gửi|báo cáo|đăng ký/u.test(p)) out.push({ path: 'deadlines', message: 'Có hạn nhưng không rõ là việc gì; chưa đưa vào danh sách hạn.', source });
        continue;
      }
      if (dated.length === 0) {
        if (!/gửi|bình xét khen thưởng/u.test(p)) continue;
        const when = /(vào dịp [^.;]+|theo hướng dẫn của [^.;)]+)/u.exec(p)?.[1] ?? '';
        list.push({ id: `d${list.length + 1}`, kind, title: titleFor(kind), due: noDate(when), appliesTo: partyOf(ancestors), ...base });
        out.push({ path: `deadlines.${list.length - 1}.due`, message: `Hạn “${titleFor(kind)}” không ghi ngày cụ thể${when ? ` (“${when}”)` : ''}; hãy điền ngày nếu có.`, source });
        continue;
      }
      for (const m of dated) {
        const raw = (m[2] ?? '').replace(/^tháng\s+/u, '');
        const due = parseDateRef(raw, year);
        const phrase = m[1] === 'trong tháng' || m[1] === 'đến tháng' || /^tháng/u.test(m[2] ?? '') ? `${m[1] === 'đến tháng' ? 'chậm nhất đến tháng' : 'trong tháng'} ${raw}` : raw;
        const ref: DateRef = { ...due, text: phrase };
        const applies = m[3] ? [m[3].trim()] : partyOf(ancestors);
        list.push({ id: `d${list.length + 1}`, kind, title: titleFor(kind), due: ref, appliesTo: applies, ...base });
        if (isImpossible(ref)) out.push({ path: `deadlines.${list.length - 1}.due`, message: `Ngày “${raw}” không có thật; hãy sửa lại ngày đúng.`, source });
      }
    }
  });
  return list;
}

/** Sentences of a paragraph; a full stop inside a date or an abbreviation does not end one. */
export function sentences(p: string): string[] {
  return p.split(/(?<=[.;])\s+(?=\p{Lu})/u).filter((x) => x.trim() !== '');
}

function titleFor(kind: DeadlineKind): string {
  switch (kind) {
    case 'registration_titles':
      return 'Gửi kế hoạch phát động và đăng ký danh hiệu thi đua';
    case 'registration_initiatives':
      return 'Đăng ký đề tài, sáng kiến';
    case 'mid_year_report':
      return 'Gửi báo cáo sơ kết đợt thi đua thứ nhất';
    case 'inspection_report':
      return 'Báo cáo kết quả kiểm tra phong trào thi đua';
    case 'year_end_report':
      return 'Gửi báo cáo tổng kết và hồ sơ đề nghị khen thưởng';
    case 'plan_and_registration':
      return 'Gửi kế hoạch phát động và đăng ký thi đua';
    default:
      return 'Việc phải làm';
  }
}

function sectionOf(body: readonly Block[], re: RegExp): Block | undefined {
  let found: Block | undefined;
  walkBlocks(body, (b) => {
    if (!found && re.test(b.heading)) found = b;
  });
  return found;
}

function decisionFrom(paras: readonly string[], unplaced: ImportFinding[]): { decision: IssuingDecision | null; planStart: number; header: { parentBody: string | null; issuingBody: string } } {
  const header = { parentBody: null as string | null, issuingBody: '' };
  let i = 0;
  // Header block above "Số:": issuing body lines (caps), the national motto skipped.
  const headLines: string[] = [];
  while (i < paras.length && !/^Số\s*:/u.test(paras[i] ?? '')) {
    for (const l of (paras[i] ?? '').split('\n')) if (!MOTTO.test(l) && isUpperLine(l)) headLines.push(l);
    i++;
  }
  if (i >= paras.length) headLines.length = 0; // no "Số:" line at all: caps lines are titles, not a header
  if (headLines.length > 0) {
    // The last caps block is the issuing body; earlier line(s) the parent body (seed 001: "BỘ TƯ PHÁP" / "KHU VỰC THI ĐUA …").
    header.parentBody = headLines.length > 1 ? (headLines[0] ?? null) : null;
    header.issuingBody = headLines.slice(headLines.length > 1 ? 1 : 0).join(' ');
  }
  const num = parseNumberLine(paras[i] ?? '');
  if (!num || !/^QĐ-/u.test(num.symbol)) return { decision: null, planStart: num ? i : 0, header };
  // A decision issuing the plan (Mẫu 1.3): read it up to its signature.
  const ref = { number: num.number, symbol: num.symbol, place: '', date: noDate() };
  i++;
  const pd = parsePlaceDate(paras[i] ?? '');
  if (pd) {
    ref.place = pd.place;
    ref.date = pd.date;
    i++;
  }
  const titleLines = (paras[i] ?? '').split('\n');
  let j = i + 1;
  while (j < paras.length && !/^(Căn cứ|Xét đề nghị|Theo đề nghị|QUYẾT ĐỊNH:)/u.test(paras[j] ?? '') && j < i + 5) {
    titleLines.push(...(paras[j] ?? '').split('\n'));
    j++;
  }
  // titleLines: "QUYẾT ĐỊNH", summary line(s), authority line(s) in caps.
  const rest = titleLines.slice(titleLines[0]?.startsWith('QUYẾT ĐỊNH') ? 1 : 0);
  const summaryLines = rest.filter((l) => !isUpperLine(l));
  const authority = rest.filter(isUpperLine).join(' ');
  const legalBases: string[] = [];
  let proposal = '';
  const articles: string[] = [];
  let addressees: string[] = [];
  let signer: Signer | null = null;
  for (; j < paras.length; j++) {
    const p = paras[j] ?? '';
    if (/^Căn cứ/u.test(p)) legalBases.push(p);
    else if (/^(Xét|Theo) đề nghị/u.test(p)) proposal = p;
    else if (/^QUYẾT ĐỊNH:?$/u.test(p)) continue;
    else if (/^Điều \d+\./u.test(p)) articles.push(p);
    else if (articles.length > 0 && !/^N[oơ]i nhận/u.test(p) && !/^(KẾ HOẠCH|#)/u.test(p) && !isUpperLine(p.split('\n')[0] ?? '') && addressees.length === 0) articles[articles.length - 1] = `${articles[articles.length - 1]} ${p}`;
    else if (/^N[oơ]i nhận/u.test(p)) {
      const a = collectAddressees(paras, j);
      addressees = a.list;
      let k = a.end;
      while (k < paras.length && !MOTTO.test(paras[k] ?? '') && !DOC_TYPES.includes((paras[k] ?? '').trim())) k++;
      signer = signerFrom(paras, a.end, k);
      j = k;
      break;
    }
  }
  if (!signer) unplaced.push({ path: 'issuingDecision.signer', message: 'Không đọc được khối chữ ký của quyết định.', source: '' });
  const decision: IssuingDecision = {
    ref,
    summary: summaryLines.join(' ').trim(),
    authorityTitle: authority,
    legalBases,
    proposal,
    articles,
    addressees,
    signer: signer ?? { form: '', authority: null, title: '', name: null, extraLines: [] },
  };
  if (ref.number === '') unplaced.push({ path: 'issuingDecision.ref.number', message: 'Quyết định chưa có số (để trống chờ ký).', source: paras[0] ?? '' });
  return { decision, planStart: j, header };
}

/** The paragraphs of a source text as the importer reads them (also the side-by-side view). */
export function sourceParagraphs(text: string): string[] {
  return paragraphs(unglue(text));
}

export function importPlanText(text: string): ImportResult {
  const paras = sourceParagraphs(text);
  const unplaced: ImportFinding[] = [];
  const { decision, planStart, header } = decisionFrom(paras, unplaced);

  let i = planStart;
  // Skip the motto of the attached plan and find its number line (plans issued alone carry their own).
  let ref = decision ? { ...decision.ref } : { number: '', symbol: '', place: '', date: noDate() };
  let ownRef = false;
  while (i < paras.length) {
    const p = paras[i] ?? '';
    const num = parseNumberLine(p);
    if (num && !decision) {
      ref = { ...ref, number: num.number, symbol: num.symbol };
      ownRef = true;
    } else {
      const pd = parsePlaceDate(p);
      if (pd && !decision) {
        ref = { ...ref, place: pd.place, date: pd.date };
      } else if (!MOTTO.test(p) && !isUpperLine(p.split('\n')[0] ?? '')) break;
      else if (isUpperLine(p.split('\n')[0] ?? '') && !MOTTO.test(p)) break;
    }
    i++;
  }
  // Document type and summary.
  const typeLine = (paras[i] ?? '').split('\n')[0] ?? '';
  let docType = '';
  const summaryParts: string[] = [];
  let attachmentNote = '';
  if (DOC_TYPES.includes(typeLine.trim())) {
    docType = typeLine.trim();
    const restLines = (paras[i] ?? '').split('\n').slice(1);
    i++;
    const lines = [...restLines];
    while (i < paras.length && (paras[i] ?? '').length < 400 && !splitLabel(paras[i] ?? '').label && lines.join(' ').length < 400) {
      const p = paras[i] ?? '';
      // A long paragraph, or one ending a sentence, is the preamble, not the summary.
      if (!p.startsWith('(') && (p.length > 250 || /[.:;]$/u.test(p))) break;
      lines.push(...p.split('\n'));
      i++;
      if (p.includes(')') && lines.some((l) => l.startsWith('('))) break;
    }
    let inNote = false;
    for (const l of lines) {
      if (l.startsWith('(')) inNote = true;
      if (inNote) attachmentNote = `${attachmentNote} ${l}`.trim();
      else summaryParts.push(l);
    }
  } else if (typeLine !== '' && isUpperLine(typeLine)) {
    // A launch text without "KẾ HOẠCH" (seed 003): its caps title is the document type.
    docType = typeLine.trim();
    i++;
    unplaced.push({ path: 'summary', message: 'Văn bản không có dòng “KẾ HOẠCH” và trích yếu; đã lấy dòng tiêu đề in hoa làm loại văn bản.', source: typeLine });
  } else unplaced.push({ path: 'docType', message: 'Không tìm thấy tên loại văn bản (KẾ HOẠCH).', source: paras[i] ?? '' });
  const summary = summaryParts.join(' ').replace(/\s+/gu, ' ').trim();

  // Preamble: unlabelled paragraphs before the first numbered part.
  const preamble: string[] = [];
  while (i < paras.length && splitLabel(paras[i] ?? '').label === '' && !/^Trên đây là/u.test(paras[i] ?? '')) {
    preamble.push(paras[i] ?? '');
    i++;
  }
  // Body up to the closing "Trên đây là …", the recipients or the signature.
  const bodyParas: string[] = [];
  let closing = '';
  let addressees: string[] = [];
  let signer: Signer | null = null;
  for (; i < paras.length; i++) {
    const p = paras[i] ?? '';
    if (/^Trên đây là/u.test(p)) closing = p;
    else if (/^N[oơ]i nhận/u.test(p)) {
      const a = collectAddressees(paras, i);
      addressees = a.list;
      signer = signerFrom(paras, a.end, paras.length);
      break;
    } else if (closing === '') bodyParas.push(p);
    else unplaced.push({ path: 'body', message: 'Đoạn sau phần kết, chưa xếp vào đâu.', source: p });
  }
  const body = outline(bodyParas);
  const year = yearFrom(summary, preamble.join(' '), ref.date, decision);

  const theme = themeFrom([...preamble, ...(decision?.articles ?? [])].join('\n')) ?? themeFrom(bodyParas.join('\n'));
  if (!theme) unplaced.push({ path: 'theme', message: 'Không tìm thấy chủ đề thi đua (cụm “với chủ đề “…””).', source: '' });

  // Purposes and requirements.
  const purposeSec = sectionOf(body, /^Mục đích/u);
  const requirementSec = sectionOf(body, /^Yêu cầu/u);
  const itemsOf = (b: Block | undefined) => (b ? b.children.map((c) => blocksToParagraphs([c]).join('\n')) : []);

  // Movements.
  const movements: Movement[] = [];
  walkBlocks(body, (b) => {
    const h = b.heading;
    if (!MOVEMENT_HEAD.test(h) || /^Phong trào thi đua$/u.test(h)) return;
    // A heading that groups further movements ("1.2. Các phong trào thi đua khác") is not one itself.
    if (b.children.some((c) => MOVEMENT_HEAD.test(c.heading))) return;
    const desc = b.children.map((c) => blocksToParagraphs([c]).join('\n')).join('\n');
    const q = quoted(h);
    const name = q && !/chủ đề/u.test(h) ? q : h;
    const after = q ? desc.split(`${q}”`)[1]?.slice(0, 40) ?? '' : '';
    const per = periodOf(h) ?? periodOf(after);
    movements.push({
      id: `m${movements.length + 1}`,
      name,
      kind: movementKind(h),
      periodText: per?.text ?? null,
      fromYear: per?.from ?? null,
      toYear: per?.to ?? null,
      description: desc,
      source: [b.label, h].join(' ').trim(),
    });
  });
  if (movements.length === 0 && /chuyên đề/u.test(summary) && theme) {
    movements.push({ id: 'm1', name: theme, kind: 'thematic', periodText: String(year), fromYear: year, toYear: year, description: summary, source: summary });
    unplaced.push({ path: 'movements.0', message: 'Kế hoạch là một phong trào chuyên đề; đã lấy chủ đề làm tên phong trào — hãy kiểm tra.', source: summary });
  }
  if (movements.length === 0) unplaced.push({ path: 'movements', message: 'Không tìm thấy phong trào thi đua nào có tên riêng.', source: '' });

  // Phases.
  const phases: Phase[] = [];
  walkBlocks(body, (b) => {
    const m = PHASE_START.exec(b.heading) ?? (b.heading === '' ? PHASE_START.exec(b.text) : null);
    if (!m?.[1]) return;
    const ordinal = ORD[m[1].toLowerCase()] ?? phases.length + 1;
    const text = [b.text, ...b.children.map((c) => c.text)].filter((s) => s !== '').join('\n');
    const { from, to } = phaseDates(text, year);
    const comm = findCommemorations(text, `p${ordinal}`);
    const closingM = /(Tổ chức (?:sơ|tổng) kết[^\n]*)$/u.exec(text);
    phases.push({
      id: `p${ordinal}`,
      ordinal,
      name: `Đợt thi đua thứ ${m[1].toLowerCase()}`,
      from,
      to,
      salutes: comm.salutes,
      commemorations: comm.items,
      closing: closingM?.[1]?.trim() ?? '',
      source: [b.label, b.heading, text].filter((s) => s !== '').join(' '),
    });
    if (from.iso === null) unplaced.push({ path: `phases.${phases.length - 1}.from`, message: `${phases.at(-1)?.name}: không đọc được ngày bắt đầu.`, source: text });
    if (to.iso === null) unplaced.push({ path: `phases.${phases.length - 1}.to`, message: `${phases.at(-1)?.name}: không đọc được ngày kết thúc.`, source: text });
    for (const c of comm.items) {
      if (c.originalDate.precision === 'none') unplaced.push({ path: `phases.${phases.length - 1}.commemorations`, message: `“${c.event}”: văn bản không ghi ngày gốc.`, source: c.source });
      if (c.yearDate && isImpossible(c.yearDate)) unplaced.push({ path: `phases.${phases.length - 1}.commemorations`, message: `“${c.event}”: ngày “${c.yearDate.text}” không có thật.`, source: c.source });
    }
  });
  if (phases.length === 0) unplaced.push({ path: 'phases', message: 'Không tìm thấy các đợt thi đua (“Đợt thi đua thứ nhất/thứ hai”).', source: '' });

  const deadlines = findDeadlines(body, year, unplaced);
  if (deadlines.length === 0) unplaced.push({ path: 'deadlines', message: 'Không tìm thấy hạn gửi báo cáo hay đăng ký nào.', source: '' });

  // Subjects and titles (thematic plans, seed 004).
  let subjects: PlanContent['subjects'] = null;
  const subj = sectionOf(body, /^Đối tượng thi đua/u);
  if (subj) {
    const get = (re: RegExp) => subj.children.find((c) => re.test(c.heading))?.text ?? '';
    subjects = { collectives: get(/^Tập thể/u), individuals: get(/^Cá nhân/u) };
  }
  const titles: TitleAward[] = [];
  const tsec = sectionOf(body, /^Danh hiệu thi đua, hình thức khen thưởng/u);
  if (tsec) {
    walkBlocks(tsec.children, (b, anc) => {
      const q = quoted(b.text);
      if (!q) return;
      const kind = [...anc].some((a) => /Hình thức khen thưởng/u.test(a.heading)) ? 'award' : 'title';
      const rec = /được xét tặng cho\s+(.+?)[;.]?$/su.exec(b.text)?.[1] ?? '';
      titles.push({ kind, name: q, recipients: rec.trim() });
    });
  }
  let period: PlanContent['period'] = null;
  const psec = sectionOf(body, /^Thời gian thực hiện/u);
  if (psec) {
    const t = blockText(psec);
    const m = /từ ngày\s+(\d{1,2}\/\d{1,2}\/\d{4})\s+đến(?: hết)?(?: ngày)?\s+(\d{1,2}\/\d{1,2}\/\d{4})/u.exec(t);
    if (m?.[1] && m[2]) period = { from: parseDateRef(m[1]), to: parseDateRef(m[2]) };
  }

  // Focus tasks: the content section ("NỘI DUNG …"), or the "Một là … Sáu là" points.
  const content = body.find((b) => b.label.endsWith('.') && /^NỘI DUNG/u.test(b.heading) && !/^NỘI DUNG VÀ THỜI GIAN/u.test(b.heading));
  const contentAlt = body.find((b) => /^NỘI DUNG/u.test(b.heading));
  const tasks = content ? content.children : contentAlt ? contentAlt.children : body.filter((b) => b.label.endsWith('là,'));

  // Responsibilities.
  const responsibilities: Responsibility[] = [];
  const resp = sectionOf(body, /^Trách nhiệm thực hiện/u) ?? body.find((b) => /^TỔ CHỨC THỰC HIỆN/u.test(b.heading));
  if (resp) {
    for (const c of resp.children) {
      if (PHASE_RE.test(c.heading) || /^Các đợt thi đua/u.test(c.heading)) continue;
      const party = c.heading || /^(.+?)(?:\s+có trách nhiệm|:)/u.exec(c.text)?.[1] || c.text.slice(0, 200);
      const duties = c.heading ? [c.text, ...c.children.flatMap((x) => blocksToParagraphs([x]))].filter((s) => s !== '') : [c.text, ...blocksToParagraphs(c.children)];
      if (party) responsibilities.push({ party, duties });
    }
  }

  if (ref.number === '') unplaced.push({ path: 'ref.number', message: 'Văn bản chưa có số (để trống chờ ký) hoặc không tìm thấy dòng “Số: …”.', source: '' });
  if (ref.symbol === '') unplaced.push({ path: 'ref.symbol', message: 'Không tìm thấy ký hiệu văn bản (ví dụ KH-STP).', source: '' });
  if (ref.date.precision !== 'day') unplaced.push({ path: 'ref.date', message: ref.date.text ? `Ngày ban hành chưa đủ (“${ref.date.text}”).` : 'Không tìm thấy địa danh, ngày tháng ban hành.', source: ref.date.text });
  else if (ref.date.iso === null) unplaced.push({ path: 'ref.date', message: `Ngày ban hành “${ref.date.text}” không có thật.`, source: ref.date.text });
  if (header.issuingBody === '') unplaced.push({ path: 'header.issuingBody', message: 'Không tìm thấy tên cơ quan ban hành ở góc trái (thường mất khi chuyển sang văn bản thường); hãy điền.', source: '' });
  if (!signer && !decision) unplaced.push({ path: 'signer', message: 'Không đọc được khối chữ ký.', source: '' });
  if (!ownRef && decision && ref.symbol.startsWith('QĐ-')) {
    // The plan is attached to the decision: it has no number of its own.
  }

  const draft: PlanContent = {
    header: { parentBody: header.parentBody, issuingBody: header.issuingBody },
    ref,
    year,
    docType,
    summary,
    attachmentNote,
    issuingDecision: decision,
    legalBases: [],
    preamble: preamble.join('\n'),
    theme,
    period,
    purposes: itemsOf(purposeSec),
    requirements: itemsOf(requirementSec),
    subjects,
    titles,
    movements,
    phases,
    tasks,
    deadlines,
    responsibilities,
    body,
    closing,
    addressees,
    signer: signer ?? decision?.signer ?? null,
  };
  return { draft, unplaced, paragraphs: paras };
}

function themeFrom(text: string): string | null {
  const m = /chủ đề\s*[“"]([^”"]{5,400})[”"]/u.exec(text);
  return m?.[1]?.trim() ?? null;
}

function yearFrom(summary: string, preamble: string, date: DateRef, decision: IssuingDecision | null): number {
  const ys = [...summary.matchAll(/năm (\d{4})/gu)].map((m) => Number(m[1]));
  if (ys.length > 0) return ys.at(-1) ?? 0;
  const ps = [...preamble.matchAll(/năm (\d{4})/gu)].map((m) => Number(m[1]));
  if (ps.length > 0) return Math.max(...ps);
  const fromDate = date.iso ? Number(date.iso.slice(0, 4)) : decision?.ref.date.iso ? Number(decision.ref.date.iso.slice(0, 4)) : null;
  return fromDate ?? 0;
}
