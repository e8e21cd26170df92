import { formatDateShort, localIsoDate } from '../../../shared/vi/dates.js';

/** "10:42" today, "10:42 ngày 05/01/2026" on another day (local time). */
export function formatDraftTime(savedAt: string, now: Date): string {
  const d = new Date(savedAt);
  if (Number.isNaN(d.getTime())) return savedAt;
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return localIsoDate(d) === localIsoDate(now) ? hm : `${hm} ${formatDateShort(localIsoDate(d))}`;
}
