import { formatDateShort, localIsoDate } from '../../../shared/vi/dates.js';

/** "10:42 05/01/2026" in this PC's local time (timestamps are stored in UTC); an unreadable value is shown as it is. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')} ${formatDateShort(localIsoDate(d))}`;
}

/** "986 B", "850 KB", "1,2 MB" with a Vietnamese decimal comma. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1).replace('.', ',')} MB`;
}
