import { isRealIsoDate } from '../schema/text.js';
import type { DateRef } from './model.js';

/**
 * Loose dates as plans write them. Plans mix full dates ("30/6/2021"),
 * month-only deadlines ("trong tháng 11/2024", "tháng 09/2021"), bare years
 * ("1969") and typos that name no real day ("30/02/2021", R-DATE-01). Each
 * becomes a DateRef that keeps the text; `iso` is null when no real date
 * exists, so nothing is guessed.
 */
const pad = (n: number) => String(n).padStart(2, '0');

export function isoOf(year: number, month: number, day: number): string | null {
  const iso = `${String(year).padStart(4, '0')}-${pad(month)}-${pad(day)}`;
  return isRealIsoDate(iso) ? iso : null;
}

export function lastDayOfMonth(year: number, month: number): string {
  for (let d = 31; d >= 28; d--) {
    const iso = isoOf(year, month, d);
    if (iso) return iso;
  }
  throw new RangeError(`Bad month ${year}-${month}`);
}

export function noDate(text = ''): DateRef {
  return { text, iso: null, precision: 'none' };
}

export function dayRef(iso: string, text?: string): DateRef {
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return { text: text ?? `${pad(d)}/${m <= 2 ? pad(m) : String(m)}/${y}`, iso, precision: 'day' };
}

/**
 * Reads one date expression. A year is borrowed from `defaultYear` when the
 * text has only day and month ("28/02"). Day-month-year that is not a real
 * date keeps precision 'day' with iso null: the caller flags it.
 */
export function parseDateRef(text: string, defaultYear?: number): DateRef {
  const t = text.normalize('NFC').trim();
  let m = /(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*(\d{4})/u.exec(t);
  if (m) {
    const iso = isoOf(Number(m[3]), Number(m[2]), Number(m[1]));
    return { text: t, iso, precision: 'day' };
  }
  m = /(?:^|\D)(\d{1,2})\s*\/\s*(\d{4})(?!\d)/u.exec(t);
  if (m) {
    const month = Number(m[1]);
    if (month >= 1 && month <= 12) return { text: t, iso: lastDayOfMonth(Number(m[2]), month), precision: 'month' };
    return { text: t, iso: null, precision: 'month' };
  }
  m = /(?:^|\D)(\d{1,2})\s*\/\s*(\d{1,2})(?![\d/])/u.exec(t);
  if (m && defaultYear !== undefined) {
    const iso = isoOf(defaultYear, Number(m[2]), Number(m[1]));
    return { text: t, iso, precision: 'day' };
  }
  m = /(?:^|\D)(1[89]\d{2}|2[01]\d{2})(?!\d)/u.exec(t);
  if (m) return { text: t, iso: `${m[1]}-12-31`, precision: 'year' };
  return noDate(t);
}

/** True when the text names a day that does not exist (30/02/2021). */
export function isImpossible(ref: DateRef): boolean {
  return ref.iso === null && ref.precision !== 'none';
}

/** Year of a DateRef; read from the text for impossible dates too ("30/02/2021" → 2021). */
export function yearOf(ref: DateRef): number | null {
  if (ref.iso) return Number(ref.iso.slice(0, 4));
  const m = /(1[89]\d{2}|2[01]\d{2})/u.exec(ref.text);
  return m ? Number(m[1]) : null;
}

/** Day and month as written (for anniversaries), when the text has them. */
export function dayMonthOf(ref: DateRef): { day: number; month: number } | null {
  const m = /(\d{1,2})\s*\/\s*(\d{1,2})\s*\/\s*\d{4}/u.exec(ref.text);
  if (!m) return null;
  return { day: Number(m[1]), month: Number(m[2]) };
}

/** Whole days from `fromIso` to `toIso` (negative when toIso is earlier). */
export function daysBetween(fromIso: string, toIso: string): number {
  const a = Date.UTC(Number(fromIso.slice(0, 4)), Number(fromIso.slice(5, 7)) - 1, Number(fromIso.slice(8, 10)));
  const b = Date.UTC(Number(toIso.slice(0, 4)), Number(toIso.slice(5, 7)) - 1, Number(toIso.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}
