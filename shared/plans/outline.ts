import type { Block } from './model.js';

/**
 * Text → paragraphs → numbered block tree, as Vietnamese administrative
 * documents number their parts (NĐ 30/2020: "I." sections, "1." items,
 * "1.1." sub-items, "a)" points, "-" and "+" bullets; launch texts use
 * "Một là, … Sáu là"). Used by the importer and to keep plan bodies lossless.
 */

/** Strips the Markdown marks that PDF/Word-to-text tools leave ("## **I. MỤC ĐÍCH**"). */
export function stripMarkup(line: string): string {
  return line
    .replace(/^\s*#{1,6}\s+/u, '')
    .replace(/\*{1,3}/gu, '')
    .replace(/[ \t]+$/u, '')
    .replace(/\u00a0/gu, ' ');
}

const isUpperText = (s: string) => s === s.toLocaleUpperCase('vi');

const ENDS_SENTENCE = /[.;:!?…”"’)]\s*$|\.\/\.\s*$/u;

/**
 * Splits text into paragraphs on blank lines, rejoining paragraphs that a page
 * break cut in two (the first ends mid-sentence and the next starts in lower
 * case: "tăng" + "cường đoàn kết…"). Lines inside a paragraph are kept (lists).
 */
export function paragraphs(text: string): string[] {
  const raw = text
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .split(/\n\s*\n/u)
    .map((p) =>
      p
        .split('\n')
        .map(stripMarkup)
        .map((l) => l.trim())
        .filter((l) => l !== '')
        .join('\n'),
    )
    .filter((p) => p !== '');
  const out: string[] = [];
  for (const p of raw) {
    const prev = out.at(-1);
    if (prev !== undefined && !ENDS_SENTENCE.test(prev) && /^\p{Ll}/u.test(p) && !isUpperText(prev) && !/^[a-zđ]\)\s/u.test(p)) {
      out[out.length - 1] = `${prev} ${p}`;
    } else out.push(p);
  }
  return out;
}

const ROMAN = /^(X{0,3}(?:IX|IV|V?I{0,3}))\.\s+(.*)$/su;
const NUMERIC = /^(\d{1,2}(?:\.\d{1,2}){0,3})\.\s*(.*)$/su;
const LETTER = /^([a-zđ])\)\s+(.*)$/su;
const DASH = /^[-–•]\s*(.*)$/su;
const PLUS = /^\+\s*(.*)$/su;
const ORDINAL = /^((?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười) là,)\s*(.*)$/su;

export interface Labelled {
  label: string;
  /** Nesting key: items with the same key are siblings. */
  kind: string;
  rest: string;
}

export function splitLabel(p: string): Labelled {
  let m = ROMAN.exec(p);
  if (m && m[1]) return { label: `${m[1]}.`, kind: 'roman', rest: m[2] ?? '' };
  m = NUMERIC.exec(p);
  if (m && m[1] && !/^\d{1,2}\.\d{1,2}\.\d{4}/u.test(p)) return { label: `${m[1]}.`, kind: `num${m[1].split('.').length}`, rest: m[2] ?? '' };
  m = LETTER.exec(p);
  if (m && m[1]) return { label: `${m[1]})`, kind: 'letter', rest: m[2] ?? '' };
  m = ORDINAL.exec(p);
  if (m && m[1]) return { label: m[1], kind: 'ordinal', rest: m[2] ?? '' };
  m = PLUS.exec(p);
  if (m) return { label: '+', kind: 'plus', rest: m[1] ?? '' };
  m = DASH.exec(p);
  if (m) return { label: '-', kind: 'dash', rest: m[1] ?? '' };
  return { label: '', kind: 'plain', rest: p };
}

/** Headings are short and do not end a sentence; "1.1. Đợt thi đua thứ nhất: Thời gian…" splits at the colon. */
export function headingAndText(kind: string, rest: string): { heading: string; text: string } {
  if (kind === 'dash' || kind === 'plus' || kind === 'ordinal' || kind === 'plain') return { heading: '', text: rest };
  const colon = /^([^:.;]{3,80}):\s+(.+)$/su.exec(rest);
  if (colon && colon[1] && colon[2] && kind !== 'roman') return { heading: colon[1].trim(), text: colon[2].trim() };
  if (kind === 'roman') return { heading: rest, text: '' };
  if (rest.length <= 400 && !/[.;:]\s*$/u.test(rest) && !rest.includes('\n')) return { heading: rest, text: '' };
  return { heading: '', text: rest };
}

/** Builds the block tree from paragraphs (already cut to the body). */
export function outline(paras: readonly string[]): Block[] {
  const root: Block = { label: '', heading: '', text: '', children: [] };
  const stack: { kind: string; block: Block }[] = [{ kind: 'root', block: root }];
  for (const p of paras) {
    const { label, kind, rest } = splitLabel(p);
    const { heading, text } = headingAndText(kind, rest);
    const block: Block = { label, heading, text, children: [] };
    if (kind === 'plain') {
      (stack.at(-1)?.block ?? root).children.push(block);
      continue;
    }
    const at = stack.findIndex((s) => s.kind === kind);
    if (at > 0) stack.length = at;
    (stack.at(-1)?.block ?? root).children.push(block);
    stack.push({ kind, block });
  }
  return root.children;
}

/** The block tree back to paragraphs, label first: what the document says, in order. */
export function blocksToParagraphs(blocks: readonly Block[]): string[] {
  const out: string[] = [];
  const walk = (bs: readonly Block[]) => {
    for (const b of bs) {
      const head = [b.label, b.heading].filter((s) => s !== '').join(' ');
      if (b.heading !== '' && b.text !== '') out.push(`${head}: ${b.text}`);
      else out.push([head, b.text].filter((s) => s !== '').join(' '));
      walk(b.children);
    }
  };
  walk(blocks);
  return out;
}

/** Visits every block with its path of ancestors. */
export function walkBlocks(blocks: readonly Block[], visit: (b: Block, ancestors: readonly Block[]) => void, ancestors: Block[] = []): void {
  for (const b of blocks) {
    visit(b, ancestors);
    walkBlocks(b.children, visit, [...ancestors, b]);
  }
}
