import type { Entry } from './protocol.js';

/**
 * Cursor arithmetic, kept pure so both sides and the tests agree on it.
 * Upload: the hub's cursor for a device is the highest outbox seq it has
 * applied. A batch says which cursor it continues from (`after`); the hub
 * applies only entries above its own cursor, so a resent or duplicated batch
 * changes nothing, and refuses a batch that would leave a hole.
 */
export type PushPlan =
  | { kind: 'apply'; entries: Entry[]; newCursor: number }
  | { kind: 'noop'; cursor: number }
  | { kind: 'gap'; cursor: number };

export function planPush(hubCursor: number, after: number, entries: readonly Entry[]): PushPlan {
  if (after > hubCursor) return { kind: 'gap', cursor: hubCursor };
  const fresh = entries.filter((e) => e.seq > hubCursor);
  if (fresh.length === 0) return { kind: 'noop', cursor: hubCursor };
  const newCursor = Math.max(hubCursor, ...fresh.map((e) => e.seq));
  return { kind: 'apply', entries: [...fresh].sort((a, b) => a.seq - b.seq), newCursor };
}

/** The office keeps the larger of what it knew and what the hub acknowledged (answers can arrive out of order). */
export function mergeCursor(local: number, acknowledged: number): number {
  return Math.max(local, acknowledged);
}

/** True when a batch's entries are in strictly increasing seq order without duplicates. */
export function isOrderedBatch(entries: readonly Entry[]): boolean {
  for (let i = 1; i < entries.length; i++) if ((entries[i]?.seq ?? 0) <= (entries[i - 1]?.seq ?? 0)) return false;
  return true;
}
