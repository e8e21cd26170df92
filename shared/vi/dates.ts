import { isRealIsoDate } from '../schema/text.js';

/**
 * Dates as Vietnamese administrative documents write them (NĐ 30/2020):
 * day zero-padded below 10, month zero-padded only for 01 and 02.
 * "ngày 05 tháng 01 năm 2020", "ngày 16 tháng 4 năm 2021".
 */
function parts(iso: string): [number, number, number] {
  if (!isRealIsoDate(iso)) throw new RangeError(`Not an ISO date: ${iso}`);
  const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
  return [y, m, d];
}

/** The calendar date of `d` in this computer's own time zone, as an ISO date (what a form means by "today"). */
export function localIsoDate(d: Date): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

/**
 * The calendar date in Vietnam (UTC+7, no daylight saving) at the instant
 * `at`: what the store and the hub call "today", whatever time zone their
 * machine runs in. A UTC date would still say yesterday before 07:00 in Hà
 * Nội, and refuse a decision dated today as "in the future".
 */
export function vietnamDate(at: Date): string {
  return new Date(at.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

export function formatDateLong(iso: string): string {
  const [y, m, d] = parts(iso);
  const day = String(d).padStart(2, '0');
  const month = m <= 2 ? String(m).padStart(2, '0') : String(m);
  return `ngày ${day} tháng ${month} năm ${y}`;
}

/** "An Giang, ngày 16 tháng 4 năm 2021" */
export function formatPlaceDate(place: string, iso: string): string {
  return `${place}, ${formatDateLong(iso)}`;
}

/** dd/mm/yyyy, as forms and lists show dates. */
export function formatDateShort(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = parts(iso);
  return `${String(d).padStart(2, '0')}/${String(m).padStart(2, '0')}/${y}`;
}

/**
 * Reads d/m/yyyy (also with '-' or '.'), as people type and as Excel cells
 * hold them; returns ISO or null for anything that is not a real date
 * (30/02/2021 is null, not 02/03).
 */
export function parseDateShort(text: string): string | null {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/u.exec(text);
  if (!m) return null;
  const iso = `${m[3]}-${String(Number(m[2])).padStart(2, '0')}-${String(Number(m[1])).padStart(2, '0')}`;
  return isRealIsoDate(iso) ? iso : null;
}

/** Whole years between two ISO dates (age, seniority). */
export function yearsBetween(fromIso: string, toIso: string): number {
  const [fy, fm, fd] = parts(fromIso);
  const [ty, tm, td] = parts(toIso);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}
