import { crc32 } from 'node:zlib';
import QRCode from 'qrcode';

/**
 * A QR code as the smallest PNG that prints sharp: 1-bit grayscale, one
 * pixel per module, no quiet zone (the certificate's white margin is the
 * quiet zone). Chromium embeds it as a tiny image; the page scales it up
 * without smoothing. A vector path per module made a 200-page PDF 1.4 MB.
 */
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

/** The 15 format bits for level L and a mask (ISO/IEC 18004 7.9: BCH(15,5), then XOR 101010000010010). */
function formatBits(mask: number): number {
  const data = (0b01 << 3) | mask; // level L = 01
  let rem = data << 10;
  for (let i = 14; i >= 10; i--) if ((rem >> i) & 1) rem ^= 0b10100110111 << (i - 10);
  return ((data << 10) | rem) ^ 0b101010000010010;
}

/** Writes the format bits where the library does (its setupFormatInfo), into a row-major matrix. */
function setFormat(m: Uint8Array, size: number, mask: number): void {
  const bits = formatBits(mask);
  for (let i = 0; i < 15; i++) {
    const bit = (bits >> i) & 1;
    const row = i < 6 ? i : i < 8 ? i + 1 : size - 15 + i;
    m[row * size + 8] = bit;
    const col = i < 8 ? size - i - 1 : i < 9 ? 15 - i : 15 - i - 1;
    m[8 * size + col] = bit;
  }
  m[(size - 8) * size + 8] = 1;
}

function maskAt(p: number, i: number, j: number): boolean {
  switch (p) {
    case 0: return (i + j) % 2 === 0;
    case 1: return i % 2 === 0;
    case 2: return j % 3 === 0;
    case 3: return (i + j) % 3 === 0;
    case 4: return (Math.floor(i / 2) + Math.floor(j / 3)) % 2 === 0;
    case 5: return ((i * j) % 2) + ((i * j) % 3) === 0;
    case 6: return (((i * j) % 2) + ((i * j) % 3)) % 2 === 0;
    default: return (((i * j) % 3) + ((i + j) % 2)) % 2 === 0;
  }
}

/** The eight masks as 0/1 arrays, per symbol size (a batch's codes share one or two sizes). */
const MASKS = new Map<number, Uint8Array[]>();
function masksFor(size: number): Uint8Array[] {
  let masks = MASKS.get(size);
  if (!masks) {
    masks = Array.from({ length: 8 }, (_, p) => Uint8Array.from({ length: size * size }, (_, k) => (maskAt(p, Math.floor(k / size), k % size) ? 1 : 0)));
    MASKS.set(size, masks);
  }
  return masks;
}

/** XORs a mask over the data modules (function patterns and format bits are reserved). */
function applyMask(m: Uint8Array, reserved: Uint8Array, mask: Uint8Array): void {
  for (let k = 0; k < m.length; k++) if (!reserved[k]) m[k] = (m[k] ?? 0) ^ (mask[k] ?? 0);
}

/** The library's penalty rules N1–N4 (same scores, same scan order), over a plain array. */
function penalty(m: Uint8Array, size: number): number {
  let points = 0;
  for (let a = 0; a < size; a++) {
    let runH = 0;
    let runV = 0;
    let lastH = -1;
    let lastV = -1;
    let bitsH = 0;
    let bitsV = 0;
    for (let b = 0; b < size; b++) {
      const h = m[a * size + b] ?? 0;
      const v = m[b * size + a] ?? 0;
      if (h === lastH) runH++;
      else {
        if (runH >= 5) points += 3 + runH - 5;
        lastH = h;
        runH = 1;
      }
      if (v === lastV) runV++;
      else {
        if (runV >= 5) points += 3 + runV - 5;
        lastV = v;
        runV = 1;
      }
      bitsH = ((bitsH << 1) & 0x7ff) | h;
      bitsV = ((bitsV << 1) & 0x7ff) | v;
      if (b >= 10) {
        if (bitsH === 0x5d0 || bitsH === 0x05d) points += 40;
        if (bitsV === 0x5d0 || bitsV === 0x05d) points += 40;
      }
    }
    if (runH >= 5) points += 3 + runH - 5;
    if (runV >= 5) points += 3 + runV - 5;
  }
  let blocks = 0;
  let dark = 0;
  for (let r = 0; r < size; r++) {
    for (let c = 0; c < size; c++) {
      const x = m[r * size + c] ?? 0;
      dark += x;
      if (r < size - 1 && c < size - 1) {
        const sum = x + (m[r * size + c + 1] ?? 0) + (m[(r + 1) * size + c] ?? 0) + (m[(r + 1) * size + c + 1] ?? 0);
        if (sum === 4 || sum === 0) blocks++;
      }
    }
  }
  return points + blocks * 3 + Math.abs(Math.ceil((dark * 100) / (size * size) / 5) - 10) * 10;
}

/**
 * The symbol, module by module: exactly what `QRCode.create` builds (the test compares them), but the
 * mask is chosen here over plain arrays — the library's own choice took about 0.3 ms a code, most of a
 * 200-certificate batch's QR time, on the same thread that is starting Chromium.
 */
export function qrModules(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  // Level L: the smallest symbol for the text; the code carries its own signature, so damage shows as a failed check, not a wrong answer.
  // Segments are given (qrSegments), which also skips the library's (slow) mode optimisation.
  const segments = qrSegments(text).map((seg) => (seg.mode === 'byte' ? { data: Buffer.from(seg.data, 'utf8'), mode: 'byte' as const } : seg));
  const qr = QRCode.create(segments, { errorCorrectionLevel: 'L', maskPattern: 0 });
  const { size, data: masked0, reservedBit } = qr.modules;
  const masks = masksFor(size);
  const unmasked = Uint8Array.from(masked0);
  applyMask(unmasked, reservedBit, masks[0] ?? unmasked);
  let best = masked0;
  let lowest = Infinity;
  for (let p = 0; p < 8; p++) {
    const m = Uint8Array.from(unmasked);
    setFormat(m, size, p);
    applyMask(m, reservedBit, masks[p] ?? m);
    const score = penalty(m, size);
    if (score < lowest) {
      lowest = score;
      best = m;
    }
  }
  return { size, dark: (x, y) => best[y * size + x] === 1 };
}

/** zlib's Adler-32 (RFC 1950), for the stored stream below. */
function adler32(buf: Buffer): number {
  let a = 1;
  let b = 0;
  for (const x of buf) {
    a = (a + x) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/**
 * One bit per module, stored without compression: a 41-module code is ~300 bytes raw, and zlib's set-up
 * per call cost more than the bytes it saved (Chromium re-encodes the pixels into the PDF anyway).
 */
export function qrPng(text: string): Buffer {
  const { size, dark } = qrModules(text);
  const stride = Math.ceil(size / 8);
  const raw = Buffer.alloc((stride + 1) * size); // each row: filter byte 0 (none), then the bits; 1 = white
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) if (!dark(x, y)) raw[y * (stride + 1) + 1 + (x >> 3)] = (raw[y * (stride + 1) + 1 + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
    for (let x = size; x < stride * 8; x++) raw[y * (stride + 1) + 1 + (x >> 3)] = (raw[y * (stride + 1) + 1 + (x >> 3)] ?? 0) | (0x80 >> (x & 7));
  }
  if (raw.length > 65535) throw new Error('QR code too large for one stored block');
  const stored = Buffer.alloc(2 + 5 + raw.length + 4);
  stored[0] = 0x78; // zlib header: deflate, 32 KB window
  stored[1] = 0x01; // no preset dictionary, fastest; (0x7801 % 31 === 0)
  stored[2] = 1; // final block, type 0 (stored)
  stored.writeUInt16LE(raw.length, 3);
  stored.writeUInt16LE(~raw.length & 0xffff, 5);
  raw.copy(stored, 7);
  stored.writeUInt32BE(adler32(raw), 7 + raw.length);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 1; // bit depth
  header[9] = 0; // grayscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', header), chunk('IDAT', stored), chunk('IEND', Buffer.alloc(0))]);
}
