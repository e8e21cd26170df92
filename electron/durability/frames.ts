import { crc32 } from 'node:zlib';

/**
 * Framing of journal records: magic, payload length, CRC-32 of the payload,
 * then the payload (UTF-8 JSON). A record cut short by a crash, or blocks
 * that never reached the disk (zeros or stale data), fails the length or
 * CRC check; reading stops there.
 */
export const FRAME_MAGIC = 0x54444a31; // "TDJ1"
export const FRAME_HEADER = 12;
const MAX_PAYLOAD = 256 * 1024 * 1024;

export function encodeFrame(payload: unknown): Buffer {
  const body = Buffer.from(JSON.stringify(payload), 'utf8');
  const frame = Buffer.allocUnsafe(FRAME_HEADER + body.length);
  frame.writeUInt32BE(FRAME_MAGIC, 0);
  frame.writeUInt32BE(body.length, 4);
  frame.writeUInt32BE(crc32(body), 8);
  body.copy(frame, FRAME_HEADER);
  return frame;
}

export interface DecodedFrames<T> {
  records: { value: T; offset: number; end: number }[];
  /** Offset just after the last good record: everything after is torn or garbage. */
  goodEnd: number;
  /** True when bytes after goodEnd exist (a torn tail). */
  torn: boolean;
}

export function decodeFrames<T>(data: Buffer): DecodedFrames<T> {
  const records: DecodedFrames<T>['records'] = [];
  let offset = 0;
  while (offset + FRAME_HEADER <= data.length) {
    if (data.readUInt32BE(offset) !== FRAME_MAGIC) break;
    const length = data.readUInt32BE(offset + 4);
    if (length === 0 || length > MAX_PAYLOAD || offset + FRAME_HEADER + length > data.length) break;
    const body = data.subarray(offset + FRAME_HEADER, offset + FRAME_HEADER + length);
    if (crc32(body) !== data.readUInt32BE(offset + 8)) break;
    let value: T;
    try {
      value = JSON.parse(body.toString('utf8')) as T;
    } catch {
      break;
    }
    const end = offset + FRAME_HEADER + length;
    records.push({ value, offset, end });
    offset = end;
  }
  return { records, goodEnd: offset, torn: offset < data.length };
}
