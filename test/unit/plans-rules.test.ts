import { describe, expect, it } from 'vitest';
import { anniversaryNumber, checkCommemoration, commemorationLabel } from '../../shared/plans/anniversary.js';
import { daysBetween, parseDateRef } from '../../shared/plans/dates.js';
import { validatePlan } from '../../shared/plans/validate.js';
import { deriveChildPlan } from '../../shared/plans/derive.js';
import { deadlineBoard, deadlineState, officeProgress, yearCalendar } from '../../shared/plans/board.js';
import { planContentSchema, type PlanContent } from '../../shared/plans/model.js';
import { anGiang2021, dakLak2024 } from '../fixtures/plans/index.js';

describe('anniversary arithmetic', () => {
  it.each([
    ['28/8/1945', 2025, 80],
    ['28/8/1945', 2024, 79],
    ['03/02/1930', 2024, 94],
    ['19/5/1890', 2021, 131],
    ['7/1981', 2021, 40],
    ['1969', 2024, 55],
    ['22/11/1904', 2024, 120],
    ['11/6/1948', 2021, 73],
    ['2030', 2025, null],
    ['', 2025, null],
  ])('event of %s in plan year %i → %s năm', (original, year, expected) => {
    expect(anniversaryNumber(parseDateRef(original), year)).toBe(expected);
  });

  it('80 năm Ngày truyền thống ngành Tư pháp in 2025, with its date in the year', () => {
    const c = { id: 'c', event: 'Ngày truyền thống ngành Tư pháp Việt Nam', originalDate: parseDateRef('28/8/1945'), writtenNumber: null, yearDate: null, source: '' };
    expect(checkCommemoration(c, 2025)).toEqual({ computed: 80, written: null, mismatch: false, dateInYear: '2025-08-28', problem: null });
    expect(commemorationLabel(c, 2025)).toBe('80 năm Ngày truyền thống ngành Tư pháp Việt Nam (28/8/1945 - 28/8/2025)');
  });

  it.each([
    [91, '03/2/1930', '30/2/2021', 2021, 'không có thật'],
    [90, '03/2/1930', '03/2/2021', 2021, 'ghi 90 năm nhưng năm 2021 là 91 năm'],
    [91, '03/2/1930', '03/2/2021', 2021, null],
  ])('written %i for %s (%s) in %i → problem %s', (written, original, inYear, year, problem) => {
    const c = { id: 'c', event: 'Ngày thành lập Đảng', originalDate: parseDateRef(original), writtenNumber: written, yearDate: parseDateRef(inYear), source: '' };
    const got = checkCommemoration(c, year).problem;
    if (problem === null) expect(got).toBeNull();
    else expect(got).toContain(problem);
  });
});

describe('loose dates', () => {
  it.each([
    ['30/6/2021', undefined, '2021-06-30', 'day'],
    ['30/02/2021', undefined, null, 'day'],
    ['trong tháng 11/2024', undefined, '2024-11-30', 'month'],
    ['tháng 02/2024', undefined, '2024-02-29', 'month'],
    ['7/1981', undefined, '1981-07-31', 'month'],
    ['1969', undefined, '1969-12-31', 'year'],
    ['28/02', 2024, '2024-02-28', 'day'],
    ['theo hướng dẫn', undefined, null, 'none'],
  ] as const)('%s → %s (%s)', (text, year, iso, precision) => {
    expect(parseDateRef(text, year)).toMatchObject({ iso, precision });
  });

  it.each([
    ['2024-01-01', '2024-01-31', 30],
    ['2024-02-28', '2024-03-01', 2],
    ['2024-12-31', '2024-12-01', -30],
  ])('daysBetween(%s, %s) = %i', (a, b, n) => {
    expect(daysBetween(a, b)).toBe(n);
  });
});

function withPatch(base: PlanContent, patch: (p: PlanContent) => void): PlanContent {
  const copy = planContentSchema.parse(JSON.parse(JSON.stringify(base)));
  patch(copy);
  return copy;
}

describe('plan rules', () => {
  const good = anGiang2021;

  it.each<[string, (p: PlanContent) => void, 'draft' | 'issue', string, string]>([
    ['a phase ending before it starts', (p) => p.phases.push({ ...(dakLak2024.phases[0] as PlanContent['phases'][number]), from: parseDateRef('30/6/2021'), to: parseDateRef('01/01/2021') }), 'draft', 'phases.0.to', 'trước ngày bắt đầu'],
    ['a phase outside the plan year', (p) => p.phases.push({ ...(dakLak2024.phases[0] as PlanContent['phases'][number]), from: parseDateRef('01/01/2022'), to: parseDateRef('30/6/2022') }), 'draft', 'phases.0.from', 'nằm ngoài năm kế hoạch 2021'],
    ['a deadline outside the plan year', (p) => ((p.deadlines[0] as PlanContent['deadlines'][number]).due = parseDateRef('31/01/2022')), 'draft', 'deadlines.0.due', 'nằm ngoài năm kế hoạch 2021'],
    ['a deadline on a day that does not exist', (p) => ((p.deadlines[0] as PlanContent['deadlines'][number]).due = parseDateRef('30/02/2021')), 'draft', 'deadlines.0.due', 'không có thật'],
    ['a period ending before it starts', (p) => (p.period = { from: parseDateRef('31/12/2021'), to: parseDateRef('01/01/2021') }), 'draft', 'period.to', 'kết thúc trước ngày bắt đầu'],
    ['no symbol', (p) => (p.ref.symbol = ''), 'draft', 'ref.symbol', 'không được để trống'],
    ['a malformed symbol', (p) => (p.ref.symbol = 'KH_STP'), 'draft', 'ref.symbol', 'KH-STP'],
    ['no place', (p) => (p.ref.place = ''), 'draft', 'ref.place', 'không được để trống'],
    ['no signer', (p) => (p.signer = null), 'draft', 'signer', 'chức danh người ký'],
    ['a number with letters', (p) => (p.ref.number = '7a'), 'draft', 'ref.number', 'chỉ gồm chữ số'],
    ['issuing without a number', (p) => (p.ref.number = ''), 'issue', 'ref.number', 'phải có khi ban hành'],
    ['issuing without a real date', (p) => (p.ref.date = { text: 'ngày tháng 4 năm 2021', iso: null, precision: 'none' }), 'issue', 'ref.date', 'ngày cụ thể'],
    ['issuing without the signer’s name', (p) => p.signer && (p.signer.name = null), 'issue', 'signer.name', 'Họ tên người ký'],
    ['issuing without recipients', (p) => (p.addressees = []), 'issue', 'addressees', 'Nơi nhận'],
  ])('%s is an error with a Vietnamese reason', (_name, patch, mode, path, message) => {
    expect(validatePlan(good, mode).filter((i) => i.severity === 'error')).toEqual([]);
    const issues = validatePlan(withPatch(good, patch), mode).filter((i) => i.severity === 'error');
    expect(issues.map((i) => i.path)).toContain(path);
    expect(issues.find((i) => i.path === path)?.message).toContain(message);
  });

  it('a received plan keeps the source’s slips as warnings only', () => {
    const p = withPatch(good, (x) => ((x.deadlines[0] as PlanContent['deadlines'][number]).due = parseDateRef('30/02/2021')));
    const issues = validatePlan(p, 'received');
    expect(issues.length).toBeGreaterThan(0);
    expect(issues.every((i) => i.severity === 'warning')).toBe(true);
  });
});

describe('derivation', () => {
  const office = { issuingBody: 'PHÒNG TƯ PHÁP', parentBody: 'UBND HUYỆN KRÔNG BÚK', place: 'Krông Búk', symbol: 'KH-PTP', signerTitle: 'TRƯỞNG PHÒNG', officeName: 'Phòng Tư pháp huyện Krông Búk' };
  const child = deriveChildPlan(dakLak2024, office);

  it('copies theme, movements, phases with commemorations, and deadlines', () => {
    expect(child.theme).toBe(dakLak2024.theme);
    expect(child.movements).toEqual(dakLak2024.movements);
    expect(child.phases).toEqual(dakLak2024.phases);
    expect(child.deadlines).toEqual(dakLak2024.deadlines);
    expect(child.year).toBe(2024);
  });

  it('is the office’s own draft: its header, symbol and place, blank number and day, its signer, citing the parent', () => {
    expect(child.header).toEqual({ parentBody: 'UBND HUYỆN KRÔNG BÚK', issuingBody: 'PHÒNG TƯ PHÁP' });
    expect(child.ref).toMatchObject({ number: '', symbol: 'KH-PTP', place: 'Krông Búk', date: { iso: null } });
    expect(child.signer).toMatchObject({ title: 'TRƯỞNG PHÒNG', name: null });
    expect(child.preamble).toContain('Thực hiện Kế hoạch số …/KH-STP của Sở tư pháp');
    expect(child.body.map((b) => `${b.label} ${b.heading}`)).toEqual(['I. MỤC ĐÍCH, YÊU CẦU', 'II. NỘI DUNG', 'III. TỔ CHỨC THỰC HIỆN']);
    expect(child.closing.endsWith('./.')).toBe(true);
  });

  it('passes the draft rules, and editing it leaves the parent untouched', () => {
    expect(validatePlan(planContentSchema.parse(child), 'draft').filter((i) => i.severity === 'error')).toEqual([]);
    (child.deadlines[0] as PlanContent['deadlines'][number]).title = 'Đã sửa';
    expect(dakLak2024.deadlines[0]?.title).not.toBe('Đã sửa');
  });
});

describe('deadline board', () => {
  it.each([
    ['2024-01-20', null, 'upcoming', 11, 'Còn 11 ngày'],
    ['2024-01-28', null, 'due_soon', 3, 'Còn 3 ngày'],
    ['2024-01-31', null, 'due_today', 0, 'Hạn hôm nay'],
    ['2024-02-03', null, 'overdue', -3, 'Quá hạn 3 ngày'],
    ['2024-02-03', '2024-01-30', 'done', -3, 'Đã xong (30/01/2024)'],
  ] as const)('today %s, done %s → %s', (today, done, state, days, label) => {
    expect(deadlineState('2024-01-31', done, today, 7)).toEqual({ state, daysLeft: days, label });
  });

  it('an undated deadline says so', () => {
    expect(deadlineState(null, null, '2024-01-01', 7)).toEqual({ state: 'no_date', daysLeft: null, label: 'Chưa có ngày' });
  });

  it('orders overdue first, then by date; done last', () => {
    const items = dakLak2024.deadlines.map((d) => ({ planId: 'p', planLabel: 'KH', deadline: d, doneOn: d.id === 'd1' ? '2024-01-25' : null }));
    const rows = deadlineBoard(items, '2024-03-05');
    expect(rows.map((r) => [r.deadlineId, r.state])).toEqual([
      ['d2', 'overdue'],
      ['d3', 'upcoming'],
      ['d4', 'upcoming'],
      ['d1', 'done'],
    ]);
    expect(rows[0]?.label).toBe('Quá hạn 6 ngày');
  });

  it('the year calendar puts phases, commemorations and deadlines in their months', () => {
    const cal = yearCalendar(dakLak2024);
    expect(cal.months[0]?.map((e) => e.kind)).toEqual(['phase_start', 'deadline']);
    expect(cal.months[7]?.map((e) => e.label)).toEqual(['42 năm thành lập Sở Tư pháp Đăk Lăk', '79 năm Ngày truyền thống ngành Tư pháp Việt Nam']);
    expect(cal.months[1]?.map((e) => e.label)).toEqual(['94 năm ngày thành lập Đảng Cộng sản Việt Nam', 'Hạn: Đăng ký đề tài, sáng kiến']);
  });
});

describe('province console per office', () => {
  it('gives each office the same board, from its own done marks, sorted by name', () => {
    const offices = [
      { unitId: 'b', unitName: 'Phòng Tư pháp huyện Krông Búk', derived: null, done: new Map([['d1', '2024-01-29']]) },
      { unitId: 'a', unitName: 'Phòng Tư pháp huyện Cư M’gar', derived: { id: 'x', status: 'issued', numberSymbol: '02/KH-PTP' }, done: new Map<string, string>() },
    ];
    const out = officeProgress('p', '05/KH-STP', dakLak2024, offices, '2024-03-05');
    expect(out.map((o) => [o.unitName, o.counts.done, o.counts.overdue, o.counts.upcoming])).toEqual([
      ['Phòng Tư pháp huyện Cư M’gar', 0, 2, 2],
      ['Phòng Tư pháp huyện Krông Búk', 1, 1, 2],
    ]);
    expect(out[1]?.rows.map((r) => r.state)).toEqual(['overdue', 'upcoming', 'upcoming', 'done']);
  });
});
