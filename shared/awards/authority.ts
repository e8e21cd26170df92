import type { UnitLevel } from '../domain/units.js';
import { formatDateShort } from '../vi/dates.js';
import type { Confidence, RecipientKind } from './types.js';

/**
 * Who may award what (thẩm quyền khen thưởng), as dated data, and the checks
 * a decision must pass before it is issued: the issuer's authority on the
 * decision date (R-AUTH-01..04, Luật Thi đua, khen thưởng 2022 Điều 80), no
 * award to a dissolved organisation (R-ORG-01), one reward per achievement
 * (R-ONE-01). Pure: rules, decision and history in, findings out, each with
 * its rule id, legal source and confidence, in Vietnamese.
 * Source of every row: shared/domain/reference.md §2.5 and the rules table.
 */

export const AUTHORITY_KINDS = ['department_head', 'unit_head', 'district_chair', 'commune_chair', 'province_chair', 'minister'] as const;
export type AuthorityKind = (typeof AUTHORITY_KINDS)[number];

export interface AuthorityKindInfo {
  vi: string;
  en: string;
  /** The title alone, for messages. */
  short: string;
  /** False: decided above the office; the app only prepares the dossier (R-AUTH-04). */
  local: boolean;
}

export const AUTHORITY_KIND_LABELS: Record<AuthorityKind, AuthorityKindInfo> = {
  department_head: { vi: 'Giám đốc Sở (thủ trưởng cơ quan chuyên môn thuộc UBND tỉnh)', en: 'Head of a provincial department', short: 'Giám đốc Sở', local: true },
  unit_head: { vi: 'Thủ trưởng đơn vị có tư cách pháp nhân thuộc Bộ, tỉnh', en: 'Head of a unit with legal personality', short: 'Thủ trưởng đơn vị thuộc Bộ, tỉnh', local: true },
  district_chair: { vi: 'Chủ tịch UBND cấp huyện (đến 30/6/2025)', en: 'District chairman (until 30/6/2025)', short: 'Chủ tịch UBND huyện', local: true },
  commune_chair: { vi: 'Chủ tịch UBND xã, phường, đặc khu', en: 'Commune chairman', short: 'Chủ tịch UBND xã', local: true },
  province_chair: { vi: 'Chủ tịch UBND tỉnh', en: 'Provincial chairman', short: 'Chủ tịch UBND tỉnh', local: false },
  minister: { vi: 'Bộ trưởng Bộ Tư pháp', en: 'Minister of Justice', short: 'Bộ trưởng Bộ Tư pháp', local: false },
};

/** The authority whose decisions an office of this level usually prepares; null when none fits. */
export function defaultAuthorityKind(level: UnitLevel | null | undefined): AuthorityKind | null {
  switch (level) {
    case 'province_department':
    case 'department_division':
      return 'department_head';
    case 'district_committee':
    case 'district_office':
      return 'district_chair';
    case 'commune_committee':
    case 'commune_office':
      return 'commune_chair';
    case 'province_committee':
      return 'province_chair';
    case 'ministry':
      return 'minister';
    default:
      return null;
  }
}

/** One row of the authority table: these authorities may award these kinds (by code) over this period. */
export interface AuthorityRule {
  id: string;
  /** Rule id of the domain reference ("R-AUTH-02"). */
  code: string;
  authorities: AuthorityKind[];
  awardCodes: string[];
  validFrom: string | null;
  validTo: string | null;
  /** False: the award is decided above the office; issuing it here is refused, a dossier is prepared instead. */
  localIssue: boolean;
  source: string;
  confidence: Confidence;
  note: string | null;
  /** Rows that are not certain can be changed by the admin; certain ones are the law as read. */
  configurable: boolean;
  enabled: boolean;
  version: number;
}

export type AuthorityRuleSeed = Omit<AuthorityRule, 'id' | 'version'>;

const LUAT_2022 = 'Luật Thi đua, khen thưởng số 06/2022/QH15';

export const DEFAULT_AUTHORITY_RULES: readonly AuthorityRuleSeed[] = [
  {
    code: 'R-AUTH-01',
    authorities: ['department_head', 'unit_head'],
    awardCodes: ['TTLDTT', 'CSTDCS', 'LDTT', 'GK', 'GK-TT'],
    validFrom: '2024-01-01',
    validTo: null,
    localIssue: true,
    source: `${LUAT_2022}, Điều 80 khoản 1`,
    confidence: 'certain',
    note: 'Cho tập thể, cá nhân thuộc phạm vi quản lý của Sở, đơn vị.',
    configurable: false,
    enabled: true,
  },
  {
    code: 'R-AUTH-02',
    authorities: ['district_chair'],
    awardCodes: ['THONVH', 'TTLDTT', 'CSTDCS', 'LDTT', 'GK', 'GK-TT'],
    validFrom: '2024-01-01',
    validTo: '2025-06-30',
    localIssue: true,
    source: `${LUAT_2022}, Điều 80 khoản 2; chính quyền địa phương hai cấp từ 01/7/2025`,
    confidence: 'certain',
    note: 'Cấp huyện kết thúc hoạt động ngày 30/6/2025: chỉ quyết định ký đến ngày này.',
    configurable: false,
    enabled: true,
  },
  {
    code: 'R-AUTH-03',
    authorities: ['commune_chair'],
    awardCodes: ['LDTT', 'GK', 'GK-TT', 'GDVH'],
    validFrom: '2024-01-01',
    validTo: null,
    localIssue: true,
    source: `${LUAT_2022}, Điều 80 khoản 3`,
    confidence: 'certain',
    note: null,
    configurable: false,
    enabled: true,
  },
  {
    code: 'R-AUTH-03-2025',
    authorities: ['commune_chair'],
    awardCodes: ['TTLDTT', 'CSTDCS'],
    validFrom: '2025-07-01',
    validTo: null,
    localIssue: true,
    source: 'Nghị định 152/2025/NĐ-CP (phân cấp, phân quyền trong lĩnh vực thi đua, khen thưởng)',
    confidence: 'unsure',
    note:
      'CHƯA xác minh: chưa đọc được Nghị định 152/2025 chuyển cho Chủ tịch UBND xã những thẩm quyền nào (nhiều khả năng gồm thẩm quyền của Chủ tịch UBND huyện trước đây). Hãy đối chiếu văn bản và sửa danh sách, hoặc tắt dòng này. Nghị định có thể hết hiệu lực ngày 01/3/2027 (chưa xác minh).',
    configurable: true,
    enabled: true,
  },
  {
    code: 'R-AUTH-04',
    authorities: ['province_chair', 'minister'],
    awardCodes: ['TTLDXS', 'CSTDT', 'BK', 'BK-TT', 'CTD'],
    validFrom: '2024-01-01',
    validTo: null,
    localIssue: false,
    source: `${LUAT_2022}, Điều 79 — chưa đọc nguyên văn`,
    confidence: 'likely',
    note: 'Tập thể lao động xuất sắc, Chiến sĩ thi đua cấp tỉnh / Bộ, Bằng khen, Cờ thi đua do Chủ tịch UBND tỉnh hoặc Bộ trưởng quyết định. Đơn vị chỉ lập hồ sơ đề nghị.',
    configurable: true,
    enabled: true,
  },
];

/** Names of the codes the default rows use that are not among an office's default award kinds (shown in the settings view). */
export const RULE_AWARD_NAMES: Record<string, string> = {
  THONVH: 'Thôn, tổ dân phố văn hóa',
  GDVH: 'Gia đình văn hóa',
  TTLDXS: 'Tập thể lao động xuất sắc',
  CSTDT: 'Chiến sĩ thi đua cấp tỉnh, cấp Bộ',
  BK: 'Bằng khen (cá nhân)',
  'BK-TT': 'Bằng khen (tập thể)',
  CTD: 'Cờ thi đua',
};

/** Checks that are not authority rows: fixed principles, shown beside the table with their source. */
export const FIXED_RULES = {
  'R-ORG-01': { title: 'Không khen thưởng tổ chức đã giải thể, chưa thành lập', source: 'Thông tư 15/2025/TT-BNV', confidence: 'certain' },
  'R-ONE-01': {
    title: 'Một thành tích chỉ được khen thưởng một lần',
    source: `${LUAT_2022}, nguyên tắc khen thưởng`,
    confidence: 'certain',
  },
  'R-HIER-01': {
    title: 'Thẩm quyền và đơn vị ban hành phải còn hiệu lực vào ngày quyết định',
    source: 'Thông tư 09/2025/TT-BTP; chính quyền địa phương hai cấp từ 01/7/2025',
    confidence: 'certain',
  },
} as const satisfies Record<string, { title: string; source: string; confidence: Confidence }>;
type FixedRuleId = keyof typeof FIXED_RULES;

export interface DatedUnit {
  id: string;
  name: string;
  validFrom: string | null;
  validTo: string | null;
}

export interface AuthorityItem {
  recipientKind: RecipientKind;
  recipientName: string;
  personId: string | null;
  unitId: string | null;
  awardCode: string;
  awardName: string;
  achievement: string;
  /** The collective itself, or the unit the person works in; null when typed in by name only. */
  recipientUnit: DatedUnit | null;
}

/** An award already given (issued, not cancelled), from the register. */
export interface PastAward {
  recipientKind: RecipientKind;
  recipientName: string;
  personId: string | null;
  unitId: string | null;
  awardName: string;
  achievement: string;
  /** "Quyết định số 01/QĐ-UBND ngày 12/01/2026" or the paper register's reference. */
  decisionLabel: string;
}

export interface AuthorityInput {
  rules: readonly AuthorityRule[];
  authorityKind: AuthorityKind | null;
  issuerUnit: DatedUnit | null;
  decisionDate: string;
  items: readonly AuthorityItem[];
  history: readonly PastAward[];
}

export interface AuthorityFinding {
  severity: 'error' | 'warning';
  ruleId: string;
  source: string;
  confidence: Confidence;
  /** Index of the award line; null for the decision as a whole. */
  itemIndex: number | null;
  /** Field path in the decision input ("items.2.awardKindId"). */
  path: string;
  message: string;
  /** Set when the award must be proposed upward: who decides it. */
  dossierTo: string | null;
}

export interface AuthorityCheck {
  allowed: boolean;
  findings: AuthorityFinding[];
}

function inForce(r: Pick<AuthorityRule, 'validFrom' | 'validTo'>, date: string): boolean {
  return (!r.validFrom || r.validFrom <= date) && (!r.validTo || r.validTo >= date);
}

function authoritiesText(kinds: readonly AuthorityKind[]): string {
  return [...new Set(kinds)].map((k) => AUTHORITY_KIND_LABELS[k].short).join(', ');
}

function period(r: Pick<AuthorityRule, 'validFrom' | 'validTo'>): string {
  if (r.validFrom && r.validTo) return `từ ${formatDateShort(r.validFrom)} đến ${formatDateShort(r.validTo)}`;
  if (r.validFrom) return `từ ${formatDateShort(r.validFrom)}`;
  if (r.validTo) return `đến ${formatDateShort(r.validTo)}`;
  return 'không giới hạn thời gian';
}

/** What identifies "the same achievement": the recipient and the achievement text, case, spacing and punctuation aside. */
export function achievementKey(a: Pick<AuthorityItem, 'recipientKind' | 'personId' | 'unitId' | 'recipientName' | 'achievement'>): string {
  const norm = (s: string) =>
    s
      .normalize('NFC')
      .toLocaleLowerCase('vi')
      .replace(/[\s.,;:!?"'“”‘’()\-–—/]+/gu, ' ')
      .trim();
  const who = a.recipientKind === 'person' && a.personId ? `p:${a.personId}` : a.recipientKind === 'collective' && a.unitId ? `u:${a.unitId}` : `n:${a.recipientKind}:${norm(a.recipientName)}`;
  return `${who}|${norm(a.achievement)}`;
}

/** Checks one decision; allowed only when no finding is an error. Warnings carry the notes of rows that are not certain. */
export function checkAuthority(input: AuthorityInput): AuthorityCheck {
  const findings: AuthorityFinding[] = [];
  const date = input.decisionDate;
  const fixed = (severity: AuthorityFinding['severity'], ruleId: FixedRuleId, itemIndex: number | null, path: string, message: string) =>
    findings.push({ severity, ruleId, source: FIXED_RULES[ruleId].source, confidence: FIXED_RULES[ruleId].confidence, itemIndex, path, message, dossierTo: null });
  const fromRule = (severity: AuthorityFinding['severity'], rule: AuthorityRule, itemIndex: number | null, path: string, message: string, dossierTo: string | null = null) =>
    findings.push({ severity, ruleId: rule.code, source: rule.source, confidence: rule.confidence, itemIndex, path, message, dossierTo });

  const kind = input.authorityKind;
  if (!kind) fixed('error', 'R-HIER-01', null, 'authorityKind', 'Chưa chọn thẩm quyền quyết định (ai ký quyết định khen thưởng này).');
  const issuer = input.issuerUnit;
  if (issuer?.validTo && issuer.validTo < date) {
    fixed('error', 'R-HIER-01', null, 'decisionDate', `Đơn vị ban hành "${issuer.name}" đã kết thúc hoạt động từ ngày ${formatDateShort(issuer.validTo)}; không ban hành quyết định ngày ${formatDateShort(date)} được.`);
  }
  if (issuer?.validFrom && issuer.validFrom > date) {
    fixed('error', 'R-HIER-01', null, 'decisionDate', `Đơn vị ban hành "${issuer.name}" bắt đầu hoạt động từ ngày ${formatDateShort(issuer.validFrom)}, sau ngày quyết định.`);
  }

  const rules = input.rules.filter((r) => r.enabled);
  const seen = new Map<string, number>();
  const past = new Map<string, PastAward>();
  for (const h of input.history) past.set(achievementKey(h), h);

  input.items.forEach((it, i) => {
    const line = `Dòng ${i + 1} (${it.recipientName})`;
    const awardPath = `items.${i}.awardKindId`;
    const grants = rules.filter((r) => r.awardCodes.includes(it.awardCode));
    const now = grants.filter((r) => inForce(r, date));
    if (kind) {
      const own = now.filter((r) => r.localIssue && r.authorities.includes(kind));
      const above = now.filter((r) => !r.localIssue);
      const ownLapsed = grants.filter((r) => r.localIssue && r.authorities.includes(kind) && !inForce(r, date));
      if (own.length > 0) {
        // A certain row covers it outright; otherwise say which uncertain row is relied on.
        if (!own.some((r) => r.confidence === 'certain')) {
          const r = own[0] as AuthorityRule;
          fromRule('warning', r, i, awardPath, `${line}: "${it.awardName}" dựa vào căn cứ chưa chắc chắn (${r.code}). ${r.note ?? ''}`.trim());
        }
      } else if (above.length > 0) {
        const r = above[0] as AuthorityRule;
        const who = authoritiesText(above.flatMap((x) => x.authorities));
        fromRule('error', r, i, awardPath, `${line}: "${it.awardName}" do ${who} quyết định (${r.code}); đơn vị không ban hành được. Hãy lập hồ sơ đề nghị khen thưởng gửi cấp trên.`, who);
      } else if (ownLapsed.length > 0) {
        const r = ownLapsed[0] as AuthorityRule;
        const others = authoritiesText(now.filter((x) => x.localIssue).flatMap((x) => x.authorities));
        fromRule(
          'error',
          r,
          i,
          awardPath,
          `${line}: ${AUTHORITY_KIND_LABELS[kind].short} chỉ có thẩm quyền tặng "${it.awardName}" ${period(r)} (${r.code}); quyết định ngày ${formatDateShort(date)} nằm ngoài thời gian đó.${others ? ` Ngày này thẩm quyền thuộc: ${others}.` : ''}`,
        );
      } else if (now.length > 0) {
        const r = now[0] as AuthorityRule;
        fromRule('error', r, i, awardPath, `${line}: ${AUTHORITY_KIND_LABELS[kind].short} không có thẩm quyền tặng "${it.awardName}". Thẩm quyền thuộc: ${authoritiesText(now.flatMap((x) => x.authorities))} (${r.code}).`);
      } else if (grants.length > 0) {
        const r = grants[0] as AuthorityRule;
        fromRule('error', r, i, awardPath, `${line}: chưa có quy định thẩm quyền tặng "${it.awardName}" áp dụng vào ngày ${formatDateShort(date)} (${r.code} áp dụng ${period(r)}).`);
      } else {
        // An award kind the office added itself: no row names it, so the law as read here says nothing.
        findings.push({
          severity: 'warning',
          ruleId: 'R-AUTH',
          source: `${LUAT_2022}, Điều 80`,
          confidence: 'unsure',
          itemIndex: i,
          path: awardPath,
          message: `${line}: bảng thẩm quyền chưa có dòng nào cho "${it.awardName}" (mã ${it.awardCode}); hãy kiểm tra thẩm quyền trước khi ban hành.`,
          dossierTo: null,
        });
      }
    }

    const u = it.recipientUnit;
    if (u?.validTo && u.validTo < date) {
      if (it.recipientKind === 'collective') {
        fixed('error', 'R-ORG-01', i, `items.${i}.unitId`, `${line}: tập thể "${u.name}" đã giải thể, kết thúc hoạt động từ ngày ${formatDateShort(u.validTo)}, trước ngày quyết định; không khen thưởng được.`);
      } else {
        fixed('warning', 'R-ORG-01', i, `items.${i}.personId`, `${line}: đơn vị công tác "${u.name}" đã kết thúc hoạt động từ ngày ${formatDateShort(u.validTo)}; hãy kiểm tra đơn vị hiện nay của người được khen.`);
      }
    } else if (it.recipientKind === 'collective' && u?.validFrom && u.validFrom > date) {
      fixed('error', 'R-ORG-01', i, `items.${i}.unitId`, `${line}: tập thể "${u.name}" thành lập từ ngày ${formatDateShort(u.validFrom)}, sau ngày quyết định; không khen thưởng được.`);
    }

    if (it.achievement.trim()) {
      const key = achievementKey(it);
      const earlier = seen.get(key);
      const before = past.get(key);
      if (earlier !== undefined) {
        fixed('error', 'R-ONE-01', i, `items.${i}.achievement`, `${line}: cùng một thành tích đã được đề nghị khen ở dòng ${earlier + 1} của quyết định này; mỗi thành tích chỉ khen thưởng một lần.`);
      } else if (before) {
        fixed(
          'error',
          'R-ONE-01',
          i,
          `items.${i}.achievement`,
          `${line}: thành tích "${it.achievement.trim()}" đã được khen "${before.awardName}" theo ${before.decisionLabel}; mỗi thành tích chỉ khen thưởng một lần. Nếu là thành tích khác, hãy ghi rõ nội dung thành tích mới.`,
        );
      } else seen.set(key, i);
    }
  });
  return { allowed: !findings.some((f) => f.severity === 'error'), findings };
}
