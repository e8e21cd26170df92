import { describe, expect, it } from 'vitest';
import { formatDateLong, formatDateShort, formatPlaceDate, parseDateShort, vietnamDate, yearsBetween } from '../../shared/vi/dates.js';

describe('formatDateLong: day padded below 10, month padded only for 01 and 02 (NĐ 30/2020)', () => {
  it.each([
    ['2020-01-05', 'ngày 05 tháng 01 năm 2020'],
    ['2021-04-16', 'ngày 16 tháng 4 năm 2021'],
    ['2022-02-28', 'ngày 28 tháng 02 năm 2022'],
    ['2024-02-29', 'ngày 29 tháng 02 năm 2024'],
    ['2024-03-09', 'ngày 09 tháng 3 năm 2024'],
    ['2021-12-01', 'ngày 01 tháng 12 năm 2021'],
    ['2025-10-31', 'ngày 31 tháng 10 năm 2025'],
    ['2019-11-10', 'ngày 10 tháng 11 năm 2019'],
  ])('%s → %s', (iso, expected) => {
    expect(formatDateLong(iso)).toBe(expected);
  });

  it.each(['2023-02-29', '2021-04-31', '2021-13-01', '16/04/2021', '', '2021-4-16'])('refuses %j, which is not a real ISO date', (iso) => {
    expect(() => formatDateLong(iso)).toThrow(RangeError);
  });

  it('writes the place before the date', () => {
    expect(formatPlaceDate('Mường Nhé', '2021-04-16')).toBe('Mường Nhé, ngày 16 tháng 4 năm 2021');
  });
});

describe('formatDateShort: dd/mm/yyyy', () => {
  it.each<[string | null | undefined, string]>([
    ['2020-01-05', '05/01/2020'],
    ['2021-04-16', '16/04/2021'],
    ['1974-12-31', '31/12/1974'],
    [null, ''],
    [undefined, ''],
    ['', ''],
  ])('%j → %j', (iso, expected) => {
    expect(formatDateShort(iso)).toBe(expected);
  });
});

describe('parseDateShort: d/m/yyyy as typed, only real dates', () => {
  it.each<[string, string | null]>([
    ['05/01/2020', '2020-01-05'],
    ['5/1/2020', '2020-01-05'],
    [' 16/4/2021 ', '2021-04-16'],
    ['16-04-2021', '2021-04-16'],
    ['16.04.2021', '2021-04-16'],
    ['29/02/2024', '2024-02-29'],
    ['31/12/1999', '1999-12-31'],
    ['30/02/1990', null],
    ['29/02/2023', null],
    ['31/04/2021', null],
    ['00/01/2020', null],
    ['01/00/2020', null],
    ['01/13/2020', null],
    ['32/01/2020', null],
    ['01/01/1899', null],
    ['5/1/20', null],
    ['2020-01-05', null],
    ['05/01/2020 10:00', null],
    ['ngày 05 tháng 01 năm 2020', null],
    ['', null],
  ])('%j → %j', (text, expected) => {
    expect(parseDateShort(text)).toBe(expected);
  });

  it('round-trips with formatDateShort', () => {
    for (const iso of ['2020-01-05', '1999-12-31', '2024-02-29', '1900-01-01']) expect(parseDateShort(formatDateShort(iso))).toBe(iso);
  });
});

describe('yearsBetween: whole years (age, seniority)', () => {
  it.each([
    ['1990-05-10', '2020-05-09', 29],
    ['1990-05-10', '2020-05-10', 30],
    ['1990-05-10', '2020-06-01', 30],
    ['2000-02-29', '2021-02-28', 20],
    ['2000-02-29', '2021-03-01', 21],
    ['2020-01-01', '2020-12-31', 0],
  ])('%s → %s = %i', (from, to, years) => {
    expect(yearsBetween(from, to)).toBe(years);
  });
});

describe('vietnamDate: the calendar date in Vietnam (UTC+7), whatever zone the machine runs in', () => {
  it.each([
    ['2026-12-06T16:59:59.999Z', '2026-12-06'],
    ['2026-12-06T17:00:00.000Z', '2026-12-07'],
    ['2026-12-06T21:48:00.000Z', '2026-12-07'],
    ['2026-12-31T17:30:00.000Z', '2027-01-01'],
    ['2024-02-28T18:00:00.000Z', '2024-02-29'],
    ['2026-07-01T00:00:00.000Z', '2026-07-01'],
  ])('%s → %s', (instant, expected) => {
    expect(vietnamDate(new Date(instant))).toBe(expected);
  });
});
