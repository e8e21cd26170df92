import { formatDateTime } from '../../app/format.js';

export function formatSeconds(s: number): string {
  if (s < 60) return `${Math.max(1, Math.round(s))} giây`;
  if (s >= 3600) {
    const h = Math.floor(s / 3600);
    const min = Math.round((s % 3600) / 60);
    return min ? `${h} giờ ${min} phút` : `${h} giờ`;
  }
  const min = Math.floor(s / 60);
  const sec = Math.round(s % 60);
  return sec ? `${min} phút ${sec} giây` : `${min} phút`;
}

/** "14:05 23/11/2026" in this PC's local time; only "14:05" when `short` and it is today. */
export function formatWhen(iso: string | null, now: Date = new Date(), short = false): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (short && d.toDateString() === now.toDateString()) {
    return `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  }
  return formatDateTime(iso);
}

/** Percent of a transfer: bytes when they are known (attachments), items otherwise (records). */
export function progressPercent(p: { itemsDone: number; itemsTotal: number; bytesDone: number; bytesTotal: number }): number {
  if (p.bytesTotal > 0) return Math.min(100, (100 * p.bytesDone) / p.bytesTotal);
  if (p.itemsTotal > 0) return Math.min(100, (100 * p.itemsDone) / p.itemsTotal);
  return 0;
}
