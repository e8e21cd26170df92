import { deflateSync } from 'node:zlib';
import QRCode from 'qrcode';

/**
 * A QR code as the smallest PNG that prints sharp: 8-bit grayscale, one
 * pixel per module, no quiet zone (the certificate's white margin is the
 * quiet zone). Chromium embeds it as a tiny image; the page scales it up
 * without smoothing. A vector path per module made a 200-page PDF 1.4 MB.
 */
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(buf: Buffer): number {
  let c = 0xffffffff;
  for (const b of buf) c = (CRC_TABLE[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

const ALNUM = /^[0-9A-Z $%*+\-./:]*$/u;
const ALNUM_CHAR = /[0-9A-Z $%*+\-./:]/u;

/**
 * The code as QR segments: the alphanumeric head and tail, and one byte
 * segment (UTF-8) spanning the characters outside that set — a TD2 code's
 * Vietnamese name. One mode switch each way instead of one per toned letter.
 */
type Segment = { data: string; mode: 'alphanumeric' } | { data: string; mode: 'byte' };

export function qrSegments(text: string): Segment[] {
  if (ALNUM.test(text)) return [{ data: text, mode: 'alphanumeric' }];
  const chars = Array.from(text);
  let first = chars.findIndex((c) => !ALNUM_CHAR.test(c));
  let last = chars.length - 1 - [...chars].reverse().findIndex((c) => !ALNUM_CHAR.test(c));
  // Widen the byte segment to whole words: a mode switch costs more than a few letters in byte mode.
  while (first > 0 && chars[first - 1] !== '*') first--;
  while (last < chars.length - 1 && chars[last + 1] !== '*') last++;
  const parts: Segment[] = [
    { data: chars.slice(0, first).join(''), mode: 'alphanumeric' as const },
    { data: chars.slice(first, last + 1).join(''), mode: 'byte' as const },
    { data: chars.slice(last + 1).join(''), mode: 'alphanumeric' as const },
  ];
  return parts.filter((p) => p.data.length > 0);
}

/** Data codewords of versions 1–40 at level L (ISO/IEC 18004 table 7). */
const CAPACITY_L = [19, 34, 55, 80, 108, 136, 156, 194, 232, 274, 324, 370, 428, 461, 523, 589, 647, 721, 795, 861, 932, 1006, 1094, 1174, 1276, 1370, 1468, 1531, 1631, 1735, 1843, 1955, 2071, 2191, 2306, 2434, 2566, 2702, 2812, 2956];

/** The symbol's version and width in modules at level L, without building it (cheap: used to choose the code's form). */
export function qrVersion(text: string): { version: number; size: number } {
  const segments = qrSegments(text);
  for (let v = 1; v <= 40; v++) {
    const big = v >= 10;
    let bits = 0;
    for (const s of segments) {
      if (s.mode === 'alphanumeric') bits += 4 + (big ? 11 : 9) + Math.floor(s.data.length / 2) * 11 + (s.data.length % 2) * 6;
      else bits += 4 + (big ? 16 : 8) + Buffer.byteLength(s.data, 'utf8') * 8;
    }
    if (Math.ceil(bits / 8) <= (CAPACITY_L[v - 1] ?? 0)) return { version: v, size: 17 + 4 * v };
  }
  throw new Error('QR code too long');
}

export function qrModules(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  // Level L: the smallest symbol for the text; the code carries its own signature, so damage shows as a failed check, not a wrong answer.
  // Segments are given (qrSegments), which also skips the library's (slow) mode optimisation.
  const segments = qrSegments(text).map((seg) => (seg.mode === 'byte' ? { data: Buffer.from(seg.data, 'utf8'), mode: 'byte' as const } : seg));
  const qr = QRCode.create(segments, { errorCorrectionLevel: 'L' });
  const { size, data } = qr.modules;
  return { size, dark: (x, y) => Boolean(data[y * size + x]) };
}

export function qrPng(text: string): Buffer {
  const { size, dark } = qrModules(text);
  const raw = Buffer.alloc((size + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) raw[y * (size + 1) + 1 + x] = dark(x, y) ? 0 : 255;
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}
