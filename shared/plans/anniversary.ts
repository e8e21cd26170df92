import type { Commemoration, DateRef } from './model.js';
import { dayMonthOf, isoOf, yearOf } from './dates.js';

/**
 * Anniversary arithmetic. A plan for year Y salutes "N năm" of an event in
 * year E with N = Y − E (80 năm Ngày truyền thống ngành Tư pháp 28/8/1945 in
 * 2025). Pure: plan year in, numbers out.
 */
export function anniversaryNumber(original: DateRef, planYear: number): number | null {
  const y = yearOf(original);
  if (y === null || y > planYear) return null;
  return planYear - y;
}

export interface CommemorationCheck {
  computed: number | null;
  written: number | null;
  /** True when the plan writes a number and it differs from the computed one. */
  mismatch: boolean;
  /** The event's date in the plan year (null when the original has no day, or the day does not exist that year). */
  dateInYear: string | null;
  /** Why something is off, in Vietnamese; null when all is well. */
  problem: string | null;
}

export function checkCommemoration(c: Commemoration, planYear: number): CommemorationCheck {
  const computed = anniversaryNumber(c.originalDate, planYear);
  const dm = dayMonthOf(c.originalDate);
  const dateInYear = dm ? isoOf(planYear, dm.month, dm.day) : null;
  const mismatch = c.writtenNumber !== null && computed !== null && c.writtenNumber !== computed;
  let problem: string | null = null;
  if (computed === null) problem = `Không xác định được năm gốc của sự kiện “${c.event}”.`;
  else if (mismatch) problem = `“${c.event}”: văn bản ghi ${c.writtenNumber} năm nhưng năm ${planYear} là ${computed} năm.`;
  else if (c.yearDate && c.yearDate.precision === 'day' && c.yearDate.iso === null) problem = `“${c.event}”: ngày “${c.yearDate.text}” không có thật.`;
  return { computed, written: c.writtenNumber, mismatch, dateInYear, problem };
}

/** "80 năm Ngày truyền thống ngành Tư pháp Việt Nam (28/8/1945 - 28/8/2025)" */
export function commemorationLabel(c: Commemoration, planYear: number): string {
  const n = anniversaryNumber(c.originalDate, planYear);
  const dm = dayMonthOf(c.originalDate);
  const later = dm ? `${String(dm.day).padStart(2, '0')}/${dm.month}/${planYear}` : String(planYear);
  return `${n === null ? '' : `${n} năm `}${c.event} (${c.originalDate.text} - ${later})`;
}
