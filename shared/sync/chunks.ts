import { CHUNK_SIZE } from './protocol.js';

/** How many chunks a blob of `size` bytes has (an empty blob has one empty chunk). */
export function chunkCount(size: number, chunkSize = CHUNK_SIZE): number {
  return Math.max(1, Math.ceil(size / chunkSize));
}

/** Byte range [start, end) of chunk `index`. */
export function chunkRange(size: number, index: number, chunkSize = CHUNK_SIZE): { start: number; end: number } {
  const start = index * chunkSize;
  return { start, end: Math.min(size, start + chunkSize) };
}

/** Indexes not in `have`, ascending: what still has to travel. */
export function missingChunks(size: number, have: Iterable<number>, chunkSize = CHUNK_SIZE): number[] {
  const got = new Set(have);
  const out: number[] = [];
  for (let i = 0; i < chunkCount(size, chunkSize); i++) if (!got.has(i)) out.push(i);
  return out;
}

/** Bytes that still have to travel for the given missing chunks. */
export function bytesOfChunks(size: number, indexes: readonly number[], chunkSize = CHUNK_SIZE): number {
  return indexes.reduce((sum, i) => {
    const r = chunkRange(size, i, chunkSize);
    return sum + Math.max(0, r.end - r.start);
  }, 0);
}

/** Estimated seconds to move `bytes` in `requests` round trips on a link measured at `bytesPerSecond` and `rttMs`. */
export function estimateSeconds(bytes: number, requests: number, link: { bytesPerSecond: number; rttMs: number }): number {
  if (link.bytesPerSecond <= 0) return Number.POSITIVE_INFINITY;
  return bytes / link.bytesPerSecond + (requests * link.rttMs) / 1000;
}
