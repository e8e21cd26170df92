import { describe, expect, it } from 'vitest';
import {
  AUTHORITY_KIND_LABELS,
  DEFAULT_AUTHORITY_RULES,
  achievementKey,
  checkAuthority,
  defaultAuthorityKind,
  type AuthorityInput,
  type AuthorityItem,
  type AuthorityKind,
  type AuthorityRule,
  type PastAward,
} from '../../shared/awards/authority.js';

const RULES: AuthorityRule[] = DEFAULT_AUTHORITY_RULES.map((r, i) => ({ ...r, id: `r${i}`, version: 1 }));
const NAMES: Record<string, string> = {
  LDTT: 'Lao động tiên tiến',
  CSTDCS: 'Chiến sĩ thi đua cơ sở',
  TTLDTT: 'Tập thể lao động tiên tiến',
  TTLDXS: 'Tập thể lao động xuất sắc',
  GK: 'Giấy khen',
  'GK-TT': 'Giấy khen',
  THONVH: 'Thôn, tổ dân phố văn hóa',
  GDVH: 'Gia đình văn hóa',
  CSTDT: 'Chiến sĩ thi đua cấp tỉnh',
  BK: 'Bằng khen',
  'BK-TT': 'Bằng khen',
  CTD: 'Cờ thi đua',
};
const COLLECTIVE = new Set(['TTLDTT', 'TTLDXS', 'GK-TT', 'THONVH', 'GDVH', 'BK-TT', 'CTD']);

function item(awardCode: string, over: Partial<AuthorityItem> = {}): AuthorityItem {
  const collective = COLLECTIVE.has(awardCode);
  return {
    recipientKind: collective ? 'collective' : 'person',
    recipientName: collective ? 'Phòng Tư pháp' : 'Lò Thị Bích',
    personId: collective ? null : 'p1',
    unitId: collective ? 'u1' : null,
    awardCode,
    awardName: NAMES[awardCode] ?? awardCode,
    achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
    recipientUnit: { id: 'u1', name: 'Phòng Tư pháp', validFrom: null, validTo: null },
    ...over,
  };
}

function check(kind: AuthorityKind | null, date: string, items: AuthorityItem[], over: Partial<AuthorityInput> = {}) {
  return checkAuthority({ rules: RULES, authorityKind: kind, issuerUnit: { id: 'o', name: 'Văn phòng HĐND và UBND xã Mường Nhé', validFrom: null, validTo: null }, decisionDate: date, items, history: [], ...over });
}

/** A date inside a row's validity (its first day, or 2026-01-12 when open). */
function dateIn(r: AuthorityRule): string {
  return r.validFrom ?? '2026-01-12';
}

describe('authority rules: every row of the table', () => {
  const cases = RULES.flatMap((r) => r.authorities.flatMap((a) => r.awardCodes.map((code) => ({ rule: r, authority: a, code }))));
  it.each(cases.map((c) => [c.rule.code, c.authority, c.code, c] as const))('%s: %s awarding %s', (_code, _a, _c, { rule, authority, code }) => {
    const r = check(authority, dateIn(rule), [item(code)]);
    if (rule.localIssue) {
      expect(r.allowed, JSON.stringify(r.findings)).toBe(true);
      const warned = r.findings.filter((f) => f.severity === 'warning').map((f) => f.ruleId);
      // A row that is not certain says so, unless a certain row also covers the same award.
      const certainAlso = RULES.some((x) => x.confidence === 'certain' && x.localIssue && x.authorities.includes(authority) && x.awardCodes.includes(code) && (!x.validFrom || x.validFrom <= dateIn(rule)) && (!x.validTo || x.validTo >= dateIn(rule)));
      expect(warned).toEqual(rule.confidence === 'certain' || certainAlso ? [] : [rule.code]);
    } else {
      expect(r.allowed).toBe(false);
      const f = r.findings[0];
      expect(f?.ruleId).toBe(rule.code);
      expect(f?.source).toBe(rule.source);
      expect(f?.dossierTo).toContain(AUTHORITY_KIND_LABELS.province_chair.vi);
      expect(f?.message).toContain('Hãy lập hồ sơ đề nghị khen thưởng');
    }
  });

  it('every default row carries a source and a confidence, and only uncertain rows are configurable', () => {
    for (const r of RULES) {
      expect(r.source.length).toBeGreaterThan(10);
      expect(r.configurable).toBe(r.confidence !== 'certain');
    }
  });
});

describe('authority rules: the district tier ends on 30/06/2025', () => {
  it.each([
    ['district_chair', 'GK', '2025-06-30', true, null],
    ['district_chair', 'GK', '2025-07-01', false, 'R-AUTH-02'],
    ['district_chair', 'CSTDCS', '2025-06-30', true, null],
    ['district_chair', 'CSTDCS', '2026-01-12', false, 'R-AUTH-02'],
    ['district_chair', 'TTLDTT', '2025-07-01', false, 'R-AUTH-02'],
    ['commune_chair', 'GK', '2025-06-30', true, null],
    ['commune_chair', 'GK', '2025-07-01', true, null],
    ['commune_chair', 'CSTDCS', '2025-06-30', false, 'R-AUTH-03-2025'],
    ['commune_chair', 'CSTDCS', '2025-07-01', true, 'R-AUTH-03-2025'],
    ['commune_chair', 'TTLDTT', '2025-07-01', true, 'R-AUTH-03-2025'],
    ['department_head', 'CSTDCS', '2025-07-01', true, null],
    ['department_head', 'THONVH', '2025-06-30', false, 'R-AUTH-02'],
    ['department_head', 'GK', '2023-12-31', false, 'R-AUTH-01'],
  ] as const)('%s, %s, decision dated %s → allowed %s (rule %s)', (kind, code, date, allowed, ruleId) => {
    const r = check(kind, date, [item(code)]);
    expect(r.allowed, JSON.stringify(r.findings)).toBe(allowed);
    expect(r.findings.map((f) => f.ruleId)).toEqual(ruleId ? [ruleId] : []);
    for (const f of r.findings) expect(f.message).toMatch(/^Dòng 1 \(/u);
  });

  it('names the cut-off and who holds the power that day', () => {
    const r = check('district_chair', '2025-07-01', [item('GK')]);
    expect(r.findings[0]?.message).toContain('từ 01/01/2024 đến 30/06/2025');
    expect(r.findings[0]?.message).toContain('Ngày này thẩm quyền thuộc: Giám đốc Sở, Thủ trưởng đơn vị thuộc Bộ, tỉnh, Chủ tịch UBND xã.');
    expect(r.findings[0]?.source).toContain('Điều 80 khoản 2');
  });

  it('a commune chairman cannot award what the law gives the district chairman before 1/7/2025, and the extension can be switched off', () => {
    const off = RULES.map((r) => (r.code === 'R-AUTH-03-2025' ? { ...r, enabled: false } : r));
    const r = check('commune_chair', '2026-01-12', [item('CSTDCS')], { rules: off });
    expect(r.allowed).toBe(false);
    expect(r.findings[0]?.message).toContain('không có thẩm quyền tặng "Chiến sĩ thi đua cơ sở"');
    expect(r.findings[0]?.message).toContain('Giám đốc Sở');
  });
});

describe('authority rules: the decision as a whole', () => {
  it('refuses a decision with no authority chosen', () => {
    const r = check(null, '2026-01-12', [item('GK')]);
    expect(r.allowed).toBe(false);
    expect(r.findings).toMatchObject([{ ruleId: 'R-HIER-01', path: 'authorityKind', itemIndex: null }]);
  });

  it('refuses a decision dated after its issuing unit ended, and before it began', () => {
    const ended = check('commune_chair', '2025-07-01', [item('GK')], { issuerUnit: { id: 'o', name: 'Phòng Tư pháp huyện Mường Nhé', validFrom: null, validTo: '2025-06-30' } });
    expect(ended.findings.map((f) => [f.ruleId, f.path])).toEqual([['R-HIER-01', 'decisionDate']]);
    expect(ended.findings[0]?.message).toContain('30/06/2025');
    const before = check('commune_chair', '2025-06-30', [item('GK')], { issuerUnit: { id: 'o', name: 'UBND xã Mường Nhé', validFrom: '2025-07-01', validTo: null } });
    expect(before.allowed).toBe(false);
    const sameDay = check('commune_chair', '2025-06-30', [item('GK')], { issuerUnit: { id: 'o', name: 'Phòng Tư pháp', validFrom: null, validTo: '2025-06-30' } });
    expect(sameDay.allowed).toBe(true);
  });

  it('warns, without refusing, about an award kind no row names (one the office added itself)', () => {
    const r = check('commune_chair', '2026-01-12', [item('GK-DX', { awardName: 'Giấy khen đột xuất' })]);
    expect(r.allowed).toBe(true);
    expect(r.findings).toMatchObject([{ severity: 'warning', ruleId: 'R-AUTH' }]);
  });

  it('uses the rows as changed by the office: an extended list, a disabled row', () => {
    const extended = RULES.map((r) => (r.code === 'R-AUTH-03-2025' ? { ...r, awardCodes: [...r.awardCodes, 'THONVH'] } : r));
    expect(check('commune_chair', '2026-01-12', [item('THONVH')], { rules: extended }).allowed).toBe(true);
    expect(check('commune_chair', '2026-01-12', [item('THONVH')]).allowed).toBe(false);
  });

  it('maps office levels to the authority they usually prepare decisions for', () => {
    expect(defaultAuthorityKind('district_office')).toBe('district_chair');
    expect(defaultAuthorityKind('commune_office')).toBe('commune_chair');
    expect(defaultAuthorityKind('province_department')).toBe('department_head');
    expect(defaultAuthorityKind('other')).toBeNull();
  });
});

describe('R-ORG-01: no award to a dissolved organisation', () => {
  const dissolved = { id: 'u9', name: 'Phòng Tư pháp huyện Mường Nhé', validFrom: '2010-01-01', validTo: '2025-06-30' };
  it.each([
    ['collective', '2025-06-30', true, []],
    ['collective', '2025-07-01', false, [['R-ORG-01', 'error']]],
    ['person', '2025-07-01', true, [['R-ORG-01', 'warning']]],
  ] as const)('%s in a unit ended 30/06/2025, decision %s → allowed %s', (kind, date, allowed, findings) => {
    const it0 = kind === 'collective' ? item('GK-TT', { unitId: 'u9', recipientName: dissolved.name, recipientUnit: dissolved }) : item('GK', { recipientUnit: dissolved });
    const r = check('commune_chair', date, [it0]);
    expect(r.allowed).toBe(allowed);
    expect(r.findings.map((f) => [f.ruleId, f.severity])).toEqual(findings);
  });

  it('a collective established after the decision date is refused too', () => {
    const r = check('commune_chair', '2025-06-30', [item('GK-TT', { recipientUnit: { id: 'u2', name: 'UBND xã Chung Chải', validFrom: '2025-07-01', validTo: null } })]);
    expect(r.findings.map((f) => f.ruleId)).toEqual(['R-ORG-01']);
    expect(r.findings[0]?.path).toBe('items.0.unitId');
  });
});

describe('R-ONE-01: one achievement, one reward', () => {
  const past: PastAward = {
    recipientKind: 'person',
    recipientName: 'Lò Thị Bích',
    personId: 'p1',
    unitId: null,
    awardName: 'Lao động tiên tiến',
    achievement: 'Hoàn thành xuất sắc nhiệm vụ năm 2025',
    decisionLabel: 'Quyết định số 01/QĐ-UBND ngày 12/01/2026',
  };
  it.each([
    ['the same text', 'Hoàn thành xuất sắc nhiệm vụ năm 2025', 'p1', false],
    ['the same text in NFD, other case and punctuation', ' hoàn thành  XUẤT SẮC nhiệm vụ năm 2025. '.normalize('NFD'), 'p1', false],
    ['another achievement', 'Có thành tích đột xuất trong phòng chống lụt bão năm 2025', 'p1', true],
    ['the same text for another person', 'Hoàn thành xuất sắc nhiệm vụ năm 2025', 'p2', true],
  ] as const)('%s → allowed %s', (_label, achievement, personId, allowed) => {
    const r = check('commune_chair', '2026-02-01', [item('GK', { achievement, personId })], { history: [past] });
    expect(r.allowed).toBe(allowed);
    if (!allowed) {
      expect(r.findings[0]?.ruleId).toBe('R-ONE-01');
      expect(r.findings[0]?.message).toContain('Quyết định số 01/QĐ-UBND ngày 12/01/2026');
      expect(r.findings[0]?.path).toBe('items.0.achievement');
    }
  });

  it('refuses two lines of one decision for the same achievement, and allows the same form again for a new one', () => {
    const twice = check('commune_chair', '2026-02-01', [item('LDTT'), item('GK')]);
    expect(twice.findings.map((f) => [f.ruleId, f.itemIndex])).toEqual([['R-ONE-01', 1]]);
    expect(twice.findings[0]?.message).toContain('dòng 1');
    const again = check('commune_chair', '2026-02-01', [item('GK', { achievement: 'Thành tích xuất sắc đợt 1 năm 2026' })], { history: [{ ...past, awardName: 'Giấy khen' }] });
    expect(again.allowed).toBe(true);
  });

  it('identifies a collective by its unit, or by its name when it is typed in', () => {
    expect(achievementKey(item('GK-TT'))).toBe(achievementKey(item('GK-TT', { recipientName: 'Tên khác' })));
    const typed = (name: string) => item('GK-TT', { unitId: null, recipientName: name });
    expect(achievementKey(typed('Tổ hòa giải thôn Nậm Pồ'))).toBe(achievementKey(typed('tổ hòa giải thôn Nậm Pồ')));
    expect(achievementKey(typed('Tổ hòa giải thôn Nậm Pồ'))).not.toBe(achievementKey(typed('Tổ hòa giải thôn Huổi Lếch')));
  });
});
