import { describe, expect, it } from 'vitest';
import { baseSalaryAt, computePrize, roundPrize } from '../../shared/awards/prize.js';
import { checkManualRegisterNumber, checkRegisterSequence, formatRegisterNumber, nextRegisterNumber } from '../../shared/awards/register.js';
import { checkDecisionForIssue, checkSymbol, decisionLabel, formatDecisionNumber } from '../../shared/awards/decision.js';
import { DEFAULT_AWARD_KINDS, DEFAULT_BASE_SALARIES } from '../../shared/awards/defaults.js';
import { certificateValues, signatureBlock } from '../../shared/awards/certificate.js';
import { authorityInText } from '../../electron/awards/decision-text.js';

const salaries = DEFAULT_BASE_SALARIES.map((s, i) => ({ ...s, id: String(i) }));

describe('prize = coefficient × base salary in force on the decision date (R-MONEY-01/04)', () => {
  it.each([
    ['2023-06-30', null],
    ['2023-07-01', 1_800_000],
    ['2024-06-30', 1_800_000],
    ['2024-07-01', 2_340_000],
    ['2026-06-30', 2_340_000],
    ['2026-07-01', 2_530_000],
  ])('on %s the base salary is %s', (date, amount) => {
    expect(baseSalaryAt(salaries, date)?.amount ?? null).toBe(amount);
  });

  it.each([
    // raw, mode, expected
    [702_000, 'ceil', 710_000],
    [702_000, 'nearest', 700_000],
    [702_000, 'floor', 700_000],
    [700_000, 'ceil', 700_000],
    [223_500, 'nearest', 220_000],
    [223_500, 'ceil', 230_000],
    [0.3 * 2_340_000, 'ceil', 710_000],
  ] as const)('rounds %d with %s to %d', (raw, mode, expected) => {
    expect(roundPrize(raw, mode, 10_000)).toBe(expected);
  });

  it.each([
    ['LDTT', '2025-12-20', 710_000],
    ['CSTDCS', '2025-12-20', 2_340_000],
    ['TTLDTT', '2025-12-20', 1_880_000],
    ['TTLDXS', '2025-12-20', 3_510_000],
    ['GK', '2026-07-01', 760_000],
    ['GK-TT', '2026-07-01', 1_520_000],
  ])('%s on %s pays %d (default table, ceiling)', (code, date, amount) => {
    const kind = DEFAULT_AWARD_KINDS.find((k) => k.code === code);
    const r = computePrize(kind?.coefficient ?? -1, date, salaries, { mode: 'ceil', step: 10_000 });
    expect(r.ok && r.value.amount).toBe(amount);
  });

  it('explains the amount and refuses a date before any base salary, in Vietnamese', () => {
    const ok = computePrize(0.3, '2025-01-10', salaries, { mode: 'ceil', step: 10_000 });
    expect(ok.ok && ok.value.reason).toBe('0,3 × 2.340.000 đồng (lương cơ sở từ 01/07/2024) = 702.000 đồng, làm tròn lên đến 10.000 đồng → 710.000 đồng');
    const none = computePrize(0.3, '2020-01-01', salaries, { mode: 'ceil', step: 10_000 });
    expect(none.ok ? '' : none.reason).toBe('Chưa có mức lương cơ sở áp dụng cho ngày 01/01/2020; hãy bổ sung bảng lương cơ sở.');
  });

  it('marks what is not certain as such (Giấy khen coefficients, the 2026 base salary)', () => {
    expect(DEFAULT_AWARD_KINDS.filter((k) => k.confidence !== 'certain').map((k) => k.code)).toEqual(['GK', 'GK-TT']);
    expect(DEFAULT_AWARD_KINDS.find((k) => k.code === 'GK')?.note).toContain('CHƯA được xác minh');
    expect(DEFAULT_BASE_SALARIES.find((s) => s.amount === 2_530_000)?.confidence).toBe('likely');
  });
});

describe('register numbering: per register and year, never reused, no gaps', () => {
  it.each([
    [[], 1],
    [[{ number: 1, cancelled: false }], 2],
    [[{ number: 1, cancelled: false }, { number: 2, cancelled: true }], 3],
    [[{ number: 7, cancelled: true }], 8],
  ])('after %j the next number is %d', (used, next) => {
    expect(nextRegisterNumber(used)).toBe(next);
  });

  it('finds gaps and duplicates; a cancelled number is not a gap', () => {
    expect(checkRegisterSequence([{ number: 1, cancelled: false }, { number: 2, cancelled: true }, { number: 3, cancelled: false }])).toEqual({ ok: true, gaps: [], duplicates: [] });
    expect(checkRegisterSequence([{ number: 1, cancelled: false }, { number: 3, cancelled: false }, { number: 3, cancelled: false }])).toEqual({ ok: false, gaps: [2], duplicates: [3] });
  });

  it.each([
    [5, [], null],
    [0, [], 'Số vào sổ phải là số nguyên dương.'],
    [2.5, [], 'Số vào sổ phải là số nguyên dương.'],
    [3, [{ number: 3, cancelled: true }], 'Số vào sổ 3 năm 2024 đã được dùng; mỗi số chỉ dùng một lần.'],
  ])('typed number %d against %j → %s', (n, used, message) => {
    expect(checkManualRegisterNumber(n, 2024, used)).toBe(message);
  });

  it('formats register numbers zero-padded', () => {
    expect(formatRegisterNumber(5, 2026, 'SKT')).toBe('05/2026/SKT');
    expect(formatRegisterNumber(123, 2026)).toBe('123/2026');
  });
});

describe('decision numbers and issue checks (R-DOC-03)', () => {
  it.each([
    [5, 'QĐ-UBND', '05/QĐ-UBND'],
    [12, 'QĐ-PTP', '12/QĐ-PTP'],
  ])('%d + %s → %s', (n, symbol, text) => {
    expect(formatDecisionNumber(n, symbol)).toBe(text);
  });

  it('labels a decision the way references cite it', () => {
    expect(decisionLabel({ number: 5, symbol: 'QĐ-UBND', decisionDate: '2026-01-12' })).toBe('Quyết định số 05/QĐ-UBND ngày 12/01/2026');
  });

  it.each([
    ['QĐ-UBND', null],
    ['QĐ-UBND-TP', null],
    ['QD-UBND', 'Ký hiệu phải có dạng "QĐ-UBND" (chữ in hoa, nối bằng dấu gạch ngang, không có dấu cách).'],
    ['QĐ - UBND', 'Ký hiệu phải có dạng "QĐ-UBND" (chữ in hoa, nối bằng dấu gạch ngang, không có dấu cách).'],
  ])('symbol %s → %s', (symbol, message) => {
    expect(checkSymbol(symbol)).toBe(message);
  });

  const decision = { status: 'draft' as const, symbol: 'QĐ-UBND', decisionDate: '2026-01-12', signerName: 'Lò Văn Mừng', signerTitle: 'PHÓ CHỦ TỊCH', subject: 'Về việc tặng Giấy khen', issuerName: 'ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ', place: 'Mường Nhé' };
  const item = { recipientKind: 'person' as const, recipientName: 'Nguyễn Văn An', personId: 'p1', unitId: null, awardSubject: 'person' as const, achievement: 'Hoàn thành xuất sắc nhiệm vụ' };

  it.each([
    ['a complete draft', decision, [item], 1, []],
    ['no awards', decision, [], 1, ['Quyết định chưa có ai được khen thưởng.']],
    ['an award without a recipient', decision, [{ ...item, recipientName: ' ', personId: null }], 1, ['Dòng 1: Khen thưởng phải có người hoặc tập thể được khen.', 'Dòng 1: Chưa chọn người được khen.']],
    ['a collective award to a person', decision, [{ ...item, awardSubject: 'collective' as const }], 1, ['Dòng 1: Hình thức này chỉ dành cho tập thể.']],
    ['a date in the future', { ...decision, decisionDate: '2026-02-01' }, [item], 1, ['Ngày quyết định không được ở sau ngày hôm nay.']],
    ['already issued', { ...decision, status: 'issued' as const }, [item], 1, ['Quyết định đã ban hành; không ban hành lại được.']],
    ['number zero', decision, [item], 0, ['Số quyết định phải là số nguyên dương.']],
  ])('%s', (_name, d, items, number, messages) => {
    expect(checkDecisionForIssue(d, items, number, '2026-01-20').map((i) => i.message)).toEqual(messages);
  });
});

describe('authority as running text (the appendix line "của …")', () => {
  it.each([
    ['CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ', 'Chủ tịch Ủy ban nhân dân huyện Mường Nhé'],
    ['GIÁM ĐỐC SỞ TƯ PHÁP TỈNH ĐIỆN BIÊN', 'Giám đốc Sở Tư pháp tỉnh Điện Biên'],
    ['CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ CHUNG CHẢI', 'Chủ tịch Ủy ban nhân dân xã Chung Chải'],
    ['TRƯỞNG PHÒNG TƯ PHÁP', 'Trưởng Phòng Tư pháp'],
  ])('%s → %s', (upper, text) => {
    expect(authorityInText(upper)).toBe(text);
  });
});

describe('certificate text', () => {
  it('builds the signature block with KT./TM. and prints NFD input as NFC', () => {
    expect(signatureBlock({ signMode: 'KT.', signHeadTitle: 'CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH' })).toBe('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH');
    expect(signatureBlock({ signMode: '', signHeadTitle: '', signerTitle: 'CHỦ TỊCH' })).toBe('CHỦ TỊCH');
    const v = certificateValues({
      decision: { number: 5, symbol: 'QĐ-UBND', decisionDate: '2026-01-05', place: 'Mường Nhé', authorityTitle: 'Chủ tịch Ủy ban nhân dân huyện Mường Nhé', signMode: '', signHeadTitle: '', signerTitle: 'CHỦ TỊCH', signerName: 'Lò Văn Mừng' },
      item: { recipientKind: 'person', recipientTitle: 'Bà', recipientName: 'Lò Thị Bích'.normalize('NFD'), recipientPosition: 'Chuyên viên', recipientUnitName: 'Phòng Tư pháp', awardName: 'Giấy khen', achievement: 'Hoàn thành xuất sắc'.normalize('NFD'), registerYear: 2026, registerNumber: 3 },
      registerCode: 'SKT',
      heading: 'Giấy khen',
      verifyCode: 'SKT-2026-3-ABCD-EFGH',
    });
    expect(v.recipientName).toBe('Bà Lò Thị Bích');
    expect(v.recipientName).toBe(v.recipientName.normalize('NFC'));
    expect(v.achievement).toBe('Hoàn thành xuất sắc');
    expect(v.authority).toBe('CHỦ TỊCH ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ');
    expect(v.placeDate).toBe('Mường Nhé, ngày 05 tháng 01 năm 2026');
    expect(v.registerNumber).toBe('Số vào sổ: 03/2026/SKT');
    expect(v.decisionRef).toBe('Quyết định số 05/QĐ-UBND ngày 05/01/2026\nMã xác thực: SKT-2026-3-ABCD-EFGH');
  });
});
