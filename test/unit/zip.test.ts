import { describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { readZipEntry, writeZip } from '../../electron/plans/zip.js';

/** The stored zip the print dialog hands out (one PDF per certificate), read back by the reader beside it. */
describe('zip', () => {
  const files = [
    { name: '001-01-2026-skt-lo-van-mung.pdf', data: Buffer.from('%PDF-1.4 một\n', 'utf8') },
    { name: '002-02-2026-skt-giang-thi-dinh.pdf', data: Buffer.alloc(70_000, 7) },
    { name: 'empty.txt', data: Buffer.alloc(0) },
  ];
  const zip = writeZip(files, new Date(2026, 11, 7, 9, 30, 10));

  it('gives every file back byte for byte, and nothing for a name it does not hold', () => {
    for (const f of files) expect(readZipEntry(zip, f.name)?.equals(f.data), f.name).toBe(true);
    expect(readZipEntry(zip, 'khong-co.pdf')).toBeNull();
  });

  it('writes what zip tools check: stored entries with their CRC-32, the date, and a directory that counts them', () => {
    expect(zip.readUInt32LE(0)).toBe(0x04034b50);
    expect(zip.readUInt16LE(8)).toBe(0); // method: stored
    expect(zip.readUInt32LE(14)).toBe(crc32(files[0]?.data ?? Buffer.alloc(0)));
    expect(zip.readUInt16LE(12)).toBe(((2026 - 1980) << 9) | (12 << 5) | 7);
    const end = zip.length - 22;
    expect(zip.readUInt32LE(end)).toBe(0x06054b50);
    expect(zip.readUInt16LE(end + 10)).toBe(files.length);
    expect(zip.readUInt32LE(end + 16) + zip.readUInt32LE(end + 12)).toBe(end);
  });
});
