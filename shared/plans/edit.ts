import type { Block, Commemoration, Movement, MovementKind, Phase, PlanContent } from './model.js';
import { normaliseMultiline } from '../schema/text.js';
import { generateBody } from './derive.js';
import { noDate } from './dates.js';

/**
 * Editing operations on a plan's lists and its nested task tree, used by the
 * plan editor. Pure: value in, new value out, nothing mutated, so a form can
 * keep its history and a draft copy of every step.
 */

/** Moves item `from` by `delta` places (−1 up, +1 down); out-of-range moves return the list unchanged. */
export function moveItem<T>(list: readonly T[], from: number, delta: number): T[] {
  const to = from + delta;
  if (from < 0 || from >= list.length || to < 0 || to >= list.length || delta === 0) return [...list];
  const out = [...list];
  const [item] = out.splice(from, 1) as [T];
  out.splice(to, 0, item);
  return out;
}

export function removeAt<T>(list: readonly T[], index: number): T[] {
  return list.filter((_, i) => i !== index);
}

export function replaceAt<T>(list: readonly T[], index: number, item: T): T[] {
  return list.map((x, i) => (i === index ? item : x));
}

/** Reads a movement's period as written: "2019 - 2025", "2019–2025", "năm 2024", "giai đoạn 2021-2025". */
export function parseMovementPeriod(text: string): { periodText: string | null; fromYear: number | null; toYear: number | null } {
  const t = text.normalize('NFC').trim();
  if (t === '') return { periodText: null, fromYear: null, toYear: null };
  const years = [...t.matchAll(/(?:^|\D)(1[89]\d{2}|2[01]\d{2})(?!\d)/gu)].map((m) => Number(m[1]));
  const fromYear = years[0] ?? null;
  const toYear = years.length > 1 ? (years[years.length - 1] ?? null) : fromYear;
  return { periodText: t, fromYear, toYear };
}

const LETTERS = 'abcdđeghiklmnopqrstuvxy';

/**
 * The label a task gets at a nesting depth and position, in the numbering the
 * seed plans use: "1.", "2." at the top; "a)", "b)" under them; "-" bullets
 * below; "+" further down.
 */
export function taskLabel(depth: number, index: number): string {
  if (depth === 0) return `${index + 1}.`;
  if (depth === 1) return `${LETTERS[index] ?? 'z'})`;
  return depth === 2 ? '-' : '+';
}

/** Relabels a task tree by depth and position (after moving or removing items). */
export function renumberTasks(blocks: readonly Block[], depth = 0): Block[] {
  return blocks.map((b, i) => ({ ...b, label: taskLabel(depth, i), children: renumberTasks(b.children, depth + 1) }));
}

/** A path into a task tree: [2, 0] is the first child of the third task. */
export type TaskPath = readonly number[];

/** Applies `fn` to the list of siblings that holds `path`'s last index (the top list for a one-step path). */
function editSiblings(blocks: readonly Block[], parentPath: TaskPath, fn: (siblings: Block[]) => Block[]): Block[] {
  if (parentPath.length === 0) return fn([...blocks]);
  const [head, ...rest] = parentPath as [number, ...number[]];
  return blocks.map((b, i) => (i === head ? { ...b, children: editSiblings(b.children, rest, fn) } : b));
}

export function taskAt(blocks: readonly Block[], path: TaskPath): Block | undefined {
  let list = blocks;
  let found: Block | undefined;
  for (const i of path) {
    found = list[i];
    if (!found) return undefined;
    list = found.children;
  }
  return found;
}

export function updateTask(blocks: readonly Block[], path: TaskPath, patch: Partial<Omit<Block, 'children'>>): Block[] {
  const index = path[path.length - 1];
  if (index === undefined) return [...blocks];
  return editSiblings(blocks, path.slice(0, -1), (s) => s.map((b, i) => (i === index ? { ...b, ...patch } : b)));
}

export function removeTask(blocks: readonly Block[], path: TaskPath): Block[] {
  const index = path[path.length - 1];
  if (index === undefined) return [...blocks];
  return editSiblings(blocks, path.slice(0, -1), (s) => removeAt(s, index));
}

export function moveTask(blocks: readonly Block[], path: TaskPath, delta: number): Block[] {
  const index = path[path.length - 1];
  if (index === undefined) return [...blocks];
  return editSiblings(blocks, path.slice(0, -1), (s) => moveItem(s, index, delta));
}

/** Adds an empty task at the end of the children of `parentPath` ([] = a new top-level task), labelled for its place. */
export function addTask(blocks: readonly Block[], parentPath: TaskPath): Block[] {
  return editSiblings(blocks, parentPath, (s) => [...s, { label: taskLabel(parentPath.length, s.length), heading: '', text: '', children: [] }]);
}

export function newMovement(id: string, kind: MovementKind = 'regular'): Movement {
  return { id, name: '', kind, periodText: null, fromYear: null, toYear: null, description: '', source: '' };
}

export function newCommemoration(id: string): Commemoration {
  return { id, event: '', originalDate: noDate(), writtenNumber: null, yearDate: null, source: '' };
}

/** The next phase after the existing ones ("Đợt thi đua thứ ba" when two exist). */
export function newPhase(id: string, existing: readonly Pick<Phase, 'ordinal'>[]): Phase {
  const ordinal = Math.min(12, existing.reduce((m, p) => Math.max(m, p.ordinal), 0) + 1);
  const names = ['nhất', 'hai', 'ba', 'tư', 'năm', 'sáu', 'bảy', 'tám', 'chín', 'mười', 'mười một', 'mười hai'];
  return { id, ordinal, name: `Đợt thi đua thứ ${names[ordinal - 1] ?? ordinal}`, from: noDate(), to: noDate(), salutes: [], commemorations: [], closing: '', source: '' };
}

/** Same labels, headings, texts and shape, whatever the key order (jsonb reorders keys) and modulo the schema's text normalisation. */
export function sameBlocks(a: readonly Block[], b: readonly Block[]): boolean {
  const norm = (x: string) => normaliseMultiline(x);
  return (
    a.length === b.length &&
    a.every((x, i) => {
      const y = b[i];
      return y !== undefined && norm(x.label) === norm(y.label) && norm(x.heading) === norm(y.heading) && norm(x.text) === norm(y.text) && sameBlocks(x.children, y.children);
    })
  );
}

/**
 * True when the printed body is still what the app generates from the plan's
 * parts (a derived plan nobody reworded): such a body should follow edits to
 * the parts, while an imported document's own wording should be kept.
 */
export function bodyFollowsParts(content: PlanContent): boolean {
  return sameBlocks(generateBody(content), content.body);
}
