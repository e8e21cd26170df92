import { describe, expect, it } from 'vitest';
import { addTask, moveItem, moveTask, newPhase, parseMovementPeriod, removeAt, removeTask, renumberTasks, replaceAt, taskAt, taskLabel, updateTask } from '../../shared/plans/edit.js';
import type { Block } from '../../shared/plans/model.js';
import { planContentSchema } from '../../shared/plans/model.js';
import { dakLak2024 } from '../fixtures/plans/index.js';
import { deriveChildPlan, generateBody } from '../../shared/plans/derive.js';
import { bodyFollowsParts, sameBlocks } from '../../shared/plans/edit.js';
import { blocksToParagraphs } from '../../shared/plans/outline.js';
import { parseDateRef } from '../../shared/plans/dates.js';

const leaf = (label: string, text: string, children: Block[] = []): Block => ({ label, heading: '', text, children });

describe('list operations', () => {
  it.each([
    [['a', 'b', 'c'], 0, 1, ['b', 'a', 'c']],
    [['a', 'b', 'c'], 2, -1, ['a', 'c', 'b']],
    [['a', 'b', 'c'], 0, -1, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 2, 1, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 5, -1, ['a', 'b', 'c']],
    [['a', 'b', 'c'], 0, 2, ['b', 'c', 'a']],
  ])('moveItem(%j, %i, %i) → %j', (list, from, delta, expected) => {
    const before = [...list];
    expect(moveItem(list, from, delta)).toEqual(expected);
    expect(list).toEqual(before);
  });

  it('removeAt and replaceAt leave the input untouched', () => {
    const list = ['a', 'b', 'c'];
    expect(removeAt(list, 1)).toEqual(['a', 'c']);
    expect(replaceAt(list, 2, 'z')).toEqual(['a', 'b', 'z']);
    expect(list).toEqual(['a', 'b', 'c']);
  });
});

describe('movement period as written', () => {
  it.each([
    ['2019 - 2025', 2019, 2025],
    ['2019–2025', 2019, 2025],
    ['giai đoạn 2021-2025', 2021, 2025],
    ['năm 2024', 2024, 2024],
    ['hằng năm', null, null],
  ])('%s → %s..%s', (text, from, to) => {
    expect(parseMovementPeriod(text)).toEqual({ periodText: text, fromYear: from, toYear: to });
  });

  it('empty text clears the period', () => {
    expect(parseMovementPeriod('  ')).toEqual({ periodText: null, fromYear: null, toYear: null });
  });
});

describe('task tree', () => {
  it.each([
    [0, 0, '1.'],
    [0, 9, '10.'],
    [1, 0, 'a)'],
    [1, 4, 'đ)'],
    [2, 3, '-'],
    [3, 0, '+'],
  ])('label at depth %i, index %i is %s', (depth, index, label) => {
    expect(taskLabel(depth, index)).toBe(label);
  });

  const tree: Block[] = [leaf('1.', 'Một', [leaf('a)', 'Một a'), leaf('b)', 'Một b')]), leaf('2.', 'Hai')];

  it('adds a nested task labelled for its place, two and three levels deep', () => {
    const one = addTask(tree, [1]);
    expect(taskAt(one, [1, 0])).toEqual(leaf('a)', ''));
    const two = addTask(one, [0, 1]);
    expect(taskAt(two, [0, 1, 0])?.label).toBe('-');
    const top = addTask(tree, []);
    expect(top.map((b) => b.label)).toEqual(['1.', '2.', '3.']);
    expect(tree[1]?.children).toEqual([]);
  });

  it('updates, moves and removes at a path without touching siblings', () => {
    const edited = updateTask(tree, [0, 1], { text: 'Một b sửa' });
    expect(taskAt(edited, [0, 1])?.text).toBe('Một b sửa');
    expect(taskAt(edited, [0, 0])).toBe(tree[0]?.children[0]);
    const moved = moveTask(tree, [0, 1], -1);
    expect(moved[0]?.children.map((b) => b.text)).toEqual(['Một b', 'Một a']);
    const removed = removeTask(tree, [0, 0]);
    expect(removed[0]?.children.map((b) => b.text)).toEqual(['Một b']);
    expect(taskAt(tree, [0, 0])?.text).toBe('Một a');
    expect(taskAt(tree, [3])).toBeUndefined();
  });

  it('renumbers after a move', () => {
    const moved = renumberTasks(moveTask(tree, [1], -1));
    expect(moved.map((b) => `${b.label} ${b.text}`)).toEqual(['1. Hai', '2. Một']);
    expect(moved[1]?.children.map((b) => b.label)).toEqual(['a)', 'b)']);
  });
});

describe('new phase', () => {
  it('takes the next ordinal and its Vietnamese name, and is valid once dated', () => {
    const p = newPhase('p3', dakLak2024.phases);
    expect(p.ordinal).toBe(3);
    expect(p.name).toBe('Đợt thi đua thứ ba');
    expect(planContentSchema.safeParse({ ...dakLak2024, phases: [...dakLak2024.phases, p] }).success).toBe(true);
  });
});

describe('body rewritten from edited parts', () => {
  it('prints the computed anniversary for a commemoration added in the editor (no number written)', () => {
    const phases = dakLak2024.phases.map((p, i) =>
      i === 0 ? { ...p, commemorations: [{ id: 'x', event: 'Ngày truyền thống ngành Tư pháp Việt Nam', originalDate: parseDateRef('28/8/1945'), writtenNumber: null, yearDate: null, source: '' }] } : p,
    );
    const text = blocksToParagraphs(generateBody({ ...dakLak2024, year: 2025, phases })).join('\n');
    expect(text).toContain('kỷ niệm 80 năm Ngày truyền thống ngành Tư pháp Việt Nam (28/8/1945 - 28/8/2025)');
    expect(text).not.toContain('kỷ niệm  năm');
  });

  it('keeps the number a plan writes', () => {
    const text = blocksToParagraphs(generateBody(dakLak2024)).join('\n');
    expect(text).toContain('kỷ niệm 79 năm Ngày truyền thống ngành Tư pháp Việt Nam');
  });
});

describe('does the printed body follow the parts?', () => {
  const office = { issuingBody: 'PHÒNG TƯ PHÁP HUYỆN MƯỜNG NHÉ', parentBody: 'UBND HUYỆN MƯỜNG NHÉ', place: 'Mường Nhé', symbol: 'KH-PTP', signerTitle: 'TRƯỞNG PHÒNG', officeName: 'Phòng Tư pháp huyện Mường Nhé' };
  // As stored: parsed by the schema, then through jsonb, which reorders object keys (shortest first).
  const reorder = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(reorder) : v !== null && typeof v === 'object' ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.length - b.length || (a < b ? -1 : 1)).map(([k, x]) => [k, reorder(x)])) : v;
  const stored = (p: unknown) => reorder(JSON.parse(JSON.stringify(planContentSchema.parse(p)))) as typeof dakLak2024;

  it('a derived plan, as stored, still follows its parts', () => {
    const derived = stored(deriveChildPlan(dakLak2024, office));
    expect(JSON.stringify(derived.body)).not.toBe(JSON.stringify(generateBody(derived)));
    expect(bodyFollowsParts(derived)).toBe(true);
  });

  it('an imported text keeps its own wording', () => {
    expect(bodyFollowsParts(stored(dakLak2024))).toBe(false);
  });

  it('a reworded derived body no longer follows', () => {
    const derived = stored(deriveChildPlan(dakLak2024, office));
    const first = derived.body[0];
    if (!first) throw new Error('derived body is empty');
    expect(bodyFollowsParts({ ...derived, body: [{ ...first, heading: 'MỤC ĐÍCH' }, ...derived.body.slice(1)] })).toBe(false);
  });

  it.each<[string, Block[], Block[], boolean]>([
    ['same', [leaf('1.', 'a')], [leaf('1.', 'a')], true],
    ['text differs', [leaf('1.', 'a')], [leaf('1.', 'b')], false],
    ['whitespace only', [leaf('1.', 'a  ')], [leaf('1.', 'a')], true],
    ['child missing', [leaf('1.', 'a', [leaf('a)', 'x')])], [leaf('1.', 'a')], false],
  ])('sameBlocks: %s', (_n, a, b, expected) => {
    expect(sameBlocks(a, b)).toBe(expected);
  });
});
