import { describe, expect, it } from 'vitest';
import { SEED_PLANS } from '../fixtures/plans/index.js';
import { seedText } from '../fixtures/plans/source.js';
import { importPlanText, parseNumberLine, parsePlaceDate, parseSigner } from '../../shared/plans/importer.js';

/**
 * The importer against the five seed texts. The expected facts come from the
 * hand-entered fixtures, so the importer is checked against what a person
 * read, not against its own output.
 */
const runs = SEED_PLANS.map((s) => ({ ...s, result: importPlanText(seedText(s.file)) }));

describe('importing the seed texts', () => {
  it.each(runs.map((r) => [r.key, r] as const))('%s: finds the theme', (_k, r) => {
    expect(r.result.draft.theme).toBe(r.plan.theme);
  });

  it.each(runs.map((r) => [r.key, r] as const))('%s: finds every phase with its dates (or reports that there is none)', (_k, r) => {
    const got = r.result.draft.phases.map((p) => [p.ordinal, p.from.iso, p.to.iso]);
    expect(got).toEqual(r.plan.phases.map((p) => [p.ordinal, p.from.iso, p.to.iso]));
    if (r.plan.phases.length === 0) expect(r.result.unplaced.map((u) => u.path)).toContain('phases');
  });

  it.each(runs.map((r) => [r.key, r] as const))('%s: finds every commemoration with its number and original date', (_k, r) => {
    const pick = (cs: readonly { writtenNumber: number | null; event: string; originalDate: { text: string } }[]) => cs.map((c) => [c.writtenNumber, c.event, c.originalDate.text]);
    expect(r.result.draft.phases.map((p) => pick(p.commemorations))).toEqual(r.plan.phases.map((p) => pick(p.commemorations)));
  });

  it.each(runs.map((r) => [r.key, r] as const))('%s: finds every deadline with its date as written', (_k, r) => {
    const pick = (ds: readonly { kind: string; due: { iso: string | null; text: string; precision: string } }[]) => ds.map((d) => [d.kind, d.due.iso, d.due.text, d.due.precision]);
    expect(pick(r.result.draft.deadlines)).toEqual(pick(r.plan.deadlines));
    if (r.plan.deadlines.length === 0) expect(r.result.unplaced.map((u) => u.path)).toContain('deadlines');
  });

  it.each(runs.map((r) => [r.key, r] as const))('%s: every movement it names is one the plan has, with the same kind', (_k, r) => {
    const known = new Map(r.plan.movements.map((m) => [m.name, m.kind]));
    for (const m of r.result.draft.movements) expect([m.name, known.get(m.name)]).toEqual([m.name, m.kind]);
  });

  it.each(runs.map((r) => [r.key, r] as const))('%s: number, symbol, place and signer as the text has them', (_k, r) => {
    const d = r.result.draft;
    const ref = r.plan.issuingDecision?.ref ?? r.plan.ref;
    expect([d.ref.number, d.ref.symbol, d.ref.place, d.ref.date.iso]).toEqual([ref.number, ref.symbol, ref.place, ref.date.iso]);
    expect(d.signer).toEqual(r.plan.signer);
    expect(d.addressees).toEqual(r.plan.addressees);
  });

  it.each(runs.map((r) => [r.key, r] as const))('%s: each item keeps the paragraph it came from', (_k, r) => {
    const text = r.result.paragraphs.join('\n');
    for (const p of r.result.draft.phases) expect(text).toContain(p.source.split(' ').slice(-6).join(' '));
    for (const dl of r.result.draft.deadlines) expect(r.result.paragraphs.some((p) => p.includes(dl.source.slice(-40)))).toBe(true);
  });

  it('Bộ Tư pháp 2021: the impossible 30/02/2021 and 30/2/2021 are flagged, not guessed, not a crash (R-DATE-01)', () => {
    const r = runs[0]?.result;
    expect(r?.draft.deadlines[1]?.due).toEqual({ text: '30/02/2021', iso: null, precision: 'day' });
    const messages = r?.unplaced.map((u) => u.message).join('\n') ?? '';
    expect(messages).toContain('“30/02/2021” không có thật');
    expect(messages).toContain('“30/2/2021” không có thật');
    expect(r?.draft.issuingDecision?.ref).toMatchObject({ number: '252', symbol: 'QĐ-BTP' });
    expect(r?.draft.issuingDecision?.legalBases).toHaveLength(4);
    expect(r?.draft.issuingDecision?.articles).toHaveLength(3);
  });

  it('Đăk Lăk 2024: reports the blank number, the incomplete date and the missing header instead of inventing them', () => {
    const paths = runs[2]?.result.unplaced.map((u) => u.path);
    expect(paths).toEqual(expect.arrayContaining(['ref.number', 'ref.date', 'header.issuingBody']));
    expect(runs[2]?.result.draft.ref.date).toEqual({ text: 'ngày tháng 12 năm 2023', iso: null, precision: 'none' });
  });

  it('An Giang 2021: subjects, titles and period are read', () => {
    const d = runs[4]?.result.draft;
    expect(d?.subjects).toEqual(runs[4]?.plan.subjects);
    expect(d?.titles).toEqual(runs[4]?.plan.titles);
    expect(d?.period).toEqual(runs[4]?.plan.period);
  });
});

describe('importer pieces', () => {
  it.each([
    ['Số: 70/KH-STP', { number: '70', symbol: 'KH-STP' }],
    ['Số: /KH-STP', { number: '', symbol: 'KH-STP' }],
    ['Số:    /QĐ-KVTĐ', { number: '', symbol: 'QĐ-KVTĐ' }],
    ['Số: 252/QĐ-BTP', { number: '252', symbol: 'QĐ-BTP' }],
    ['Không phải dòng số', null],
  ])('parseNumberLine(%j)', (line, expected) => {
    expect(parseNumberLine(line)).toEqual(expected);
  });

  it.each([
    ['An Giang, ngày 16 tháng 4 năm 2021', 'An Giang', '2021-04-16', 'day'],
    ['Hà Nội, ngày 22 tháng 02 năm 2021', 'Hà Nội', '2021-02-22', 'day'],
    ['Đăk Lăk, ngày   tháng 12 năm 2023', 'Đăk Lăk', null, 'none'],
    ['Hà Nội, ngày 30 tháng 02 năm 2021', 'Hà Nội', null, 'day'],
  ])('parsePlaceDate(%j)', (line, place, iso, precision) => {
    expect(parsePlaceDate(line)).toMatchObject({ place, date: { iso, precision } });
  });

  it.each([
    [['KT. BỘ TRƯỞNG', 'THỨ TRƯỞNG', 'Nguyễn Văn A'], { form: 'KT.', authority: 'BỘ TRƯỞNG', title: 'THỨ TRƯỞNG', name: 'Nguyễn Văn A', extraLines: [] }],
    [['TL. GIÁM ĐỐC', 'CHÁNH VĂN PHÒNG', 'Trần Thị B'], { form: 'TL.', authority: 'GIÁM ĐỐC', title: 'CHÁNH VĂN PHÒNG', name: 'Trần Thị B', extraLines: [] }],
    [['GIÁM ĐỐC', 'Cao Thanh Sơn'], { form: '', authority: null, title: 'GIÁM ĐỐC', name: 'Cao Thanh Sơn', extraLines: [] }],
    [[], null],
  ])('parseSigner(%j)', (lines, expected) => {
    expect(parseSigner(lines)).toEqual(expected);
  });

  it.each([[''], ['   \n\n  '], ['Một đoạn văn bất kỳ không phải kế hoạch.'], ['Số: abc\n\n30/02/2021 chậm nhất ngày 31/13/2021'], ['I.\n\n1.\n\na)\n\n-']])('does not crash on junk input %j and says what it could not find', (text) => {
    const r = importPlanText(text);
    expect(r.unplaced.length).toBeGreaterThan(0);
  });
});
