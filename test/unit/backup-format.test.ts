import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../renderer/src/app/format.js';
import { daysSince, formatBytes } from '../../renderer/src/features/backup/format.js';

describe('backup screen formatting', () => {
  it.each([
    ['2026-11-23T08:00:00Z', '2026-11-23T09:00:00Z', 0],
    ['2026-11-22T09:00:00Z', '2026-11-23T08:59:59Z', 0],
    ['2026-11-22T09:00:00Z', '2026-11-23T09:00:00Z', 1],
    ['2026-11-11T09:00:00Z', '2026-11-23T10:00:00Z', 12],
    // A clock set back (the PC's battery died) never shows negative days.
    ['2026-11-24T09:00:00Z', '2026-11-23T09:00:00Z', 0],
  ])('daysSince(%s, %s) = %i', (at, now, days) => {
    expect(daysSince(at, new Date(now))).toBe(days);
  });

  it.each([
    [500, '1 KB'],
    [850 * 1024, '850 KB'],
    [5.7 * 1024 * 1024, '5,7 MB'],
  ])('formatBytes(%i) = %s', (bytes, text) => {
    expect(formatBytes(bytes)).toBe(text);
  });

  it('formats local time and date, and leaves an unreadable value as it is', () => {
    const d = new Date(2026, 0, 5, 9, 7);
    expect(formatDateTime(d.toISOString())).toBe('09:07 05/01/2026');
    expect(formatDateTime('không phải ngày')).toBe('không phải ngày');
  });
});
