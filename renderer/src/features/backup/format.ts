import { formatBytes as formatAnyBytes } from '../../app/format.js';

/** Whole days between a past instant and now (0 the same day), for the reminder text. */
export function daysSince(iso: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - Date.parse(iso)) / 86_400_000));
}

/** A backup's size: never below "1 KB" (a backup file is never that small; "0 B" would alarm). */
export function formatBytes(bytes: number): string {
  return formatAnyBytes(Math.max(1024, bytes));
}
