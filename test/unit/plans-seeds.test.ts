import { describe, expect, it } from 'vitest';
import { SEED_PLANS, anGiang2021, dakLak2024, moj2021, moj2023, zone2022 } from '../fixtures/plans/index.js';
import { seedParagraphs } from '../fixtures/plans/source.js';
import { planContentSchema, type PlanContent } from '../../shared/plans/model.js';
import { planToParagraphs } from '../../shared/plans/text.js';
import { validatePlan } from '../../shared/plans/validate.js';
import { checkCommemoration } from '../../shared/plans/anniversary.js';

const norm = (s: string) => s.normalize('NFC').replace(/\s+/gu, ' ').trim();

/** Slips of the source that the model stores corrected, listed so nothing else may differ. */
const KNOWN_SOURCE_SLIPS: Record<string, string> = { 'Noi nhận:': 'Nơi nhận:' };

function missingParagraphs(plan: PlanContent, file: string): string[] {
  const full = norm(planToParagraphs(plan).join('\n'));
  let from = 0;
  const missing: string[] = [];
  for (const raw of seedParagraphs(file)) {
    const p = norm(KNOWN_SOURCE_SLIPS[raw.trim()] ?? raw);
    const at = full.indexOf(p, from);
    if (at < 0) missing.push(p.slice(0, 120));
    else from = at + p.length;
  }
  return missing;
}

const phasesOf = (p: PlanContent) => p.phases.map((ph) => [ph.ordinal, ph.from.iso, ph.to.iso]);
const deadlinesOf = (p: PlanContent) => p.deadlines.map((d) => [d.kind, d.due.iso, d.due.text]);

describe('the five seed plans entered through the model', () => {
  it.each(SEED_PLANS.map((s) => [s.key, s] as const))('%s: passes the schema again unchanged (the model holds it)', (_k, s) => {
    expect(planContentSchema.parse(s.plan)).toEqual(s.plan);
  });

  it.each(SEED_PLANS.map((s) => [s.key, s] as const))('%s: every paragraph of the seed text is in the plan, in order (nothing lost)', (_k, s) => {
    expect(missingParagraphs(s.plan, s.file)).toEqual([]);
  });

  it('the loss check notices a dropped part (III.1 with its phases)', () => {
    const body = dakLak2024.body.map((b, i) => (i === 2 ? { ...b, children: b.children.slice(1) } : b));
    expect(missingParagraphs({ ...dakLak2024, body }, SEED_PLANS[2]?.file ?? '')[0]).toBe('1. Các đợt thi đua');
  });

  it('Bộ Tư pháp 2021 (QĐ 252/QĐ-BTP): decision, theme, phases, deadlines, movements', () => {
    const p = moj2021;
    expect(p.issuingDecision?.ref).toMatchObject({ number: '252', symbol: 'QĐ-BTP', place: 'Hà Nội', date: { iso: '2021-02-22' } });
    expect(p.issuingDecision?.signer).toEqual({ form: 'KT.', authority: 'BỘ TRƯỞNG', title: 'THÚ TRƯỞNG', name: 'Nguyễn Thành Tịnh', extraLines: [] });
    expect(p.issuingDecision?.legalBases).toHaveLength(4);
    expect(p.theme).toBe('Ngành Tư pháp đoàn kết, kỷ cương, hành động, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ chính trị được giao');
    expect(phasesOf(p)).toEqual([
      [1, '2021-01-01', '2021-06-30'],
      [2, '2021-07-01', '2021-12-31'],
    ]);
    expect(deadlinesOf(p)).toEqual([
      ['registration_titles', '2021-02-27', '27/02/2021'],
      ['registration_titles', null, '30/02/2021'],
      ['mid_year_report', '2021-06-30', '30/6/2021'],
      ['mid_year_report', '2021-07-05', '05/7/2021'],
      ['year_end_report', null, 'vào dịp tổng kết phong trào thi đua cuối năm 2021 theo quy định'],
    ]);
    expect(p.deadlines.map((d) => d.appliesTo[0])).toEqual(['các cơ quan, đơn vị', 'các Cụm, Khu vực thi đua', 'các đơn vị thuộc Bộ, Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương', 'các Cụm, Khu vực thi đua', expect.stringContaining('Giám đốc Sở Tư pháp')]);
    expect(p.movements.map((m) => [m.kind, m.periodText])).toEqual([
      ['regular', '2021'],
      ['other', null],
      ['regular', '2019 - 2025'],
      ['regular', null],
      ['thematic', null],
    ]);
    expect(p.phases[1]?.commemorations.map((c) => [c.writtenNumber, c.event])).toEqual([
      [76, 'Ngày thành lập nước Cộng hoà xã hội chủ nghĩa Việt Nam'],
      [40, 'tái lập Bộ Tư pháp'],
      [76, 'Ngày truyền thống ngành Tư pháp Việt Nam'],
    ]);
  });

  it('Bộ Tư pháp 2021: the impossible 30/02/2021 is stored as written, warned about when received, refused in an own draft (R-DATE-01)', () => {
    const received = validatePlan(moj2021, 'received');
    expect(received.every((i) => i.severity === 'warning')).toBe(true);
    expect(received.map((i) => i.path)).toEqual(expect.arrayContaining(['deadlines.1.due', 'phases.0.commemorations.0']));
    expect(received.find((i) => i.path === 'deadlines.1.due')?.message).toContain('30/02/2021');
    const asDraft = validatePlan(moj2021, 'draft').filter((i) => i.severity === 'error');
    expect(asDraft.map((i) => i.path)).toEqual(['deadlines.1.due']);
  });

  it('Khu vực thi đua 2022: blank number and day, signer with extra lines, theme, phases, the undated registration', () => {
    const p = zone2022;
    expect(p.header).toEqual({ parentBody: 'BỘ TƯ PHÁP', issuingBody: 'KHU VỰC THI ĐUA KHỐI CƠ QUAN TƯ PHÁP CÁC TỈNH TRUNG DU VÀ MIỀN NÚI PHÍA BẮC' });
    expect(p.issuingDecision?.ref).toMatchObject({ number: '', symbol: 'QĐ-KVTĐ', date: { iso: null, text: 'ngày tháng 02 năm 2022' } });
    expect(p.issuingDecision?.legalBases).toHaveLength(6);
    expect(p.theme).toBe('Đoàn kết, trách nhiệm, chủ động, sáng tạo, vượt khó, thi đua thực hiện thắng lợi nhiệm vụ chính trị được giao');
    expect(phasesOf(p)).toEqual([
      [1, '2022-01-01', '2022-06-30'],
      [2, '2022-07-01', '2022-12-31'],
    ]);
    expect(deadlinesOf(p)).toEqual([['registration_titles', null, '']]);
    expect(p.movements).toHaveLength(7);
    expect(p.phases[1]?.commemorations.at(-1)).toMatchObject({ writtenNumber: 10, originalDate: { precision: 'none' } });
  });

  it('Đăk Lăk 2024 comes out exactly as written: theme, both phases and every commemoration, four deadlines, movements, recipients, signer', () => {
    const p = dakLak2024;
    expect(p.ref).toEqual({ number: '', symbol: 'KH-STP', place: 'Đăk Lăk', date: { text: 'ngày tháng 12 năm 2023', iso: null, precision: 'none' } });
    expect(p.year).toBe(2024);
    expect(p.theme).toBe('Đoàn kết, kỷ cương, sáng tạo, hiệu quả, hoàn thành xuất sắc nhiệm vụ');
    expect(phasesOf(p)).toEqual([
      [1, '2024-01-01', '2024-06-30'],
      [2, '2024-07-01', '2024-12-31'],
    ]);
    expect(p.phases.map((ph) => ph.commemorations.map((c) => `${c.writtenNumber} | ${c.event} | ${c.originalDate.text} - ${c.yearDate?.text}`))).toEqual([
      [
        '94 | ngày thành lập Đảng Cộng sản Việt Nam | 03/02/1930 - 03/02/2024',
        '49 | ngày giải phóng Buôn Ma Thuột | 10/3/1975 - 10/3/2024',
        '70 | Chiến thắng Điện Biên Phủ | 07/5/1954 - 07/5/2024',
        '134 | Ngày sinh Chủ tịch Hồ Chí Minh | 19/5/1890 - 19/5/2024',
        '76 | Ngày Chủ tịch Hồ Chí Minh ra Lời kêu gọi thi đua ái quốc | 11/6/1948 - 11/6/2024',
      ],
      [
        '79 | Ngày thành lập nước Cộng hoà xã hội chủ nghĩa Việt Nam | 02/9/1945 - 02/9/2024',
        '55 | thực hiện Di chúc của Chủ tịch Hồ Chí Minh | 1969 - 2024',
        '79 | Ngày truyền thống ngành Tư pháp Việt Nam | 28/8/1945 - 28/8/2024',
        '42 | thành lập Sở Tư pháp Đăk Lăk | 02/08/1982 - 02/08/2024',
        '120 | Buôn Ma Thuột hình thành - phát triển | 22/11/1904 - 22/11/2024',
        '80 | ngày thành lập Quân đội Nhân dân Việt Nam | 22/12/1944 - 22/12/2024',
      ],
    ]);
    // Every number the plan writes agrees with the anniversary arithmetic.
    for (const ph of p.phases) for (const c of ph.commemorations) expect(checkCommemoration(c, 2024)).toMatchObject({ mismatch: false, problem: null });
    expect(deadlinesOf(p)).toEqual([
      ['registration_titles', '2024-01-31', '31/01/2024'],
      ['registration_initiatives', '2024-02-28', '28/02/2024'],
      ['mid_year_report', '2024-06-30', 'trong tháng 6/2024'],
      ['year_end_report', '2024-11-30', 'trong tháng 11/2024'],
    ]);
    expect(p.deadlines[0]?.appliesTo).toEqual(['Các phòng, đơn vị, trung tâm thuộc Sở', 'Phòng Tư pháp các huyện, thị xã, thành phố']);
    expect(p.deadlines.map((d) => d.sendTo)).toEqual(['Sở Tư pháp (qua Văn phòng Sở)', 'Hội đồng Sáng kiến của Sở', 'Văn phòng Sở', 'Sở Tư pháp']);
    expect(p.movements.map((m) => [m.kind, m.periodText])).toEqual([
      ['regular', '2024'],
      ['regular', '2024'],
      ['regular', '2021 - 2025'],
      ['regular', '2020 - 2025'],
      ['regular', null],
      ['regular', '2019 - 2025'],
      ['thematic', '2024'],
      ['other', null],
    ]);
    expect(p.addressees).toContain('PTP các huyện, thị xã, thành phố;');
    expect(p.addressees.at(-1)).toBe('Lưu: VT, VP (TĐ).');
    expect(p.signer).toEqual({ form: '', authority: null, title: 'GIÁM ĐỐC', name: 'Phan Thị Hồng Thắng', extraLines: [] });
    expect(validatePlan(p, 'draft').filter((i) => i.severity === 'error')).toEqual([]);
  });

  it('Bộ Tư pháp 2023 launch text: theme and the six points "Một là … Sáu là"; no phases, no deadlines', () => {
    expect(moj2023.theme).toBe('Kỷ cương, trách nhiệm, đoàn kết, sáng tạo, nỗ lực phấn đấu thi đua hoàn thành xuất sắc nhiệm vụ chính trị được giao');
    expect(moj2023.tasks.map((t) => t.label)).toEqual(['Một là,', 'Hai là,', 'Ba là,', 'Bốn là,', 'Năm là,', 'Sáu là,']);
    expect(moj2023.phases).toEqual([]);
    expect(moj2023.deadlines).toEqual([]);
  });

  it('An Giang 2021 (70/KH-STP) comes out exactly as written: subjects, titles and awards, 13 task areas, period, deadlines', () => {
    const p = anGiang2021;
    expect(p.ref).toEqual({ number: '70', symbol: 'KH-STP', place: 'An Giang', date: { text: 'ngày 16 tháng 4 năm 2021', iso: '2021-04-16', precision: 'day' } });
    expect(p.theme).toBe('Đoàn kết, kỷ cương, trách nhiệm, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ chính trị được giao');
    expect(p.movements.map((m) => [m.kind, m.periodText])).toEqual([['thematic', '2021']]);
    expect(p.subjects).toEqual({
      collectives: 'Sở Tư pháp và các phòng, đơn vị thuộc Sở Tư pháp; Phòng Tư pháp cấp huyện trên địa bàn tỉnh.',
      individuals:
        'Công chức, viên chức, người lao động thuộc Sở Tư pháp, Phòng Tư pháp, công chức Tư pháp - Hộ tịch, bao gồm cả công chức, viên chức đang trong thời gian tập sự, nhân viên hợp đồng không xác định thời hạn, nhân viên hợp đồng lao động từ 01 năm trở lên.',
    });
    expect(p.titles.map((t) => [t.kind, t.name])).toEqual([
      ['title', 'Cờ thi đua ngành Tư pháp'],
      ['award', 'Bằng khen của Bộ trưởng Bộ Tư pháp'],
      ['award', 'Giấy khen của Giám đốc Sở Tư pháp'],
    ]);
    expect(p.titles[0]?.recipients).toBe('các tập thể là Sở Tư pháp các tỉnh, thành phố trực thuộc Trung ương');
    expect(p.period).toMatchObject({ from: { iso: '2021-01-01' }, to: { iso: '2021-12-31' } });
    expect(p.tasks.filter((t) => /^\d+\.$/u.test(t.label)).map((t) => t.heading)).toHaveLength(13);
    expect(p.tasks.find((t) => t.label === '7.')?.heading).toBe('Công tác lý lịch tư pháp');
    expect(deadlinesOf(p)).toEqual([
      ['inspection_report', '2021-09-30', 'chậm nhất đến tháng 09/2021'],
      ['year_end_report', null, 'theo hướng dẫn của Bộ Tư pháp'],
    ]);
    expect(p.phases).toEqual([]);
    expect(p.signer?.name).toBe('Cao Thanh Sơn');
    expect(validatePlan(p, 'issue').filter((i) => i.severity === 'error')).toEqual([]);
  });
});
