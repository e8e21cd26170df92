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

export function qrModules(text: string): { size: number; dark: (x: number, y: number) => boolean } {
  // Level L: the smallest symbol for the text; the code carries its own signature, so damage shows as a failed check, not a wrong answer.
  // Codes made by signSummary are all in the alphanumeric set: say so, and skip the library's (slow) mode optimisation.
  const alnum = /^[0-9A-Z $%*+\-./:]*$/u.test(text);
  const qr = alnum ? QRCode.create([{ data: text, mode: 'alphanumeric' }], { errorCorrectionLevel: 'L' }) : QRCode.create(text, { errorCorrectionLevel: 'L' });
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
