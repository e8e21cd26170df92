/**
 * The signed summary a certificate's QR code carries (issue 6 point 4):
 * office key id, decision number and date, recipient, award, register
 * number. Kept compact so the QR stays small on paper. The signature itself
 * (Ed25519) is made and checked in electron/awards/signing.ts; this module
 * only builds and parses the text, so the hub can reuse it.
 */

export interface CertificateSummary {
  /** First 12 hex digits (upper case) of SHA-256 of the office's public key: says which office signed. */
  keyId: string;
  decisionNumber: string;
  decisionDate: string;
  recipient: string;
  awardCode: string;
  registerCode: string;
  registerYear: number;
  registerNumber: number;
}

export const CODE_PREFIX = 'TD1';
/** The same summary with the recipient's name kept in Vietnamese (upper case, NFC): see canonicalSummary. */
export const CODE_PREFIX_VI = 'TD2';
const SEP = '*';

/**
 * Text inside the QR is folded to the QR alphanumeric set (A–Z, 0–9, space
 * and $%+-./:) — "Giàng A Dình" → "GIANG A DINH", "05/QĐ-UBND" →
 * "05/QD-UBND" — so the whole code, signature included (base32), encodes at
 * 5.5 bits a character: a version 6–7 symbol (41–45 modules) instead of 10,
 * which keeps a 2 cm QR easy to scan and the 200-page PDF small. The store
 * holds the full Vietnamese record; verification compares folded forms.
 */
export function foldForCode(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/đ/gu, 'd')
    .replace(/Đ/gu, 'D')
    .toUpperCase()
    .replace(/[^A-Z0-9 $%+\-./:]/gu, ' ')
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A name as TD2 codes carry it: NFC, Vietnamese upper case, single spaces, no field separator. */
export function upperNameForCode(text: string): string {
  return text.normalize('NFC').toLocaleUpperCase('vi').replace(/\*/gu, ' ').replace(/\s+/gu, ' ').trim();
}

/**
 * The exact text that is signed and printed in the QR before the signature.
 * TD1 folds the recipient to the alphanumeric set; TD2 keeps the name with
 * its diacritics ("GIÀNG A DÌNH": "Lê Văn Ba" and "Lê Văn Bá" stay apart),
 * which costs bytes in the QR, so the printer uses TD2 only when the symbol
 * still prints large enough (electron/awards/signing.ts).
 */
export function canonicalSummary(s: CertificateSummary, o: { diacritics?: boolean } = {}): string {
  return [
    o.diacritics ? CODE_PREFIX_VI : CODE_PREFIX,
    foldForCode(s.keyId),
    foldForCode(s.registerCode),
    String(s.registerYear),
    String(s.registerNumber),
    foldForCode(s.decisionNumber),
    s.decisionDate.replace(/-/gu, ''),
    foldForCode(s.awardCode),
    o.diacritics ? upperNameForCode(s.recipient) : foldForCode(s.recipient),
  ].join(SEP);
}

export function parseCanonicalSummary(text: string): CertificateSummary | null {
  const p = text.split(SEP);
  if (p.length !== 9 || (p[0] !== CODE_PREFIX && p[0] !== CODE_PREFIX_VI)) return null;
  const [, keyId, registerCode, year, number, decisionNumber, date, awardCode, recipient] = p as [string, string, string, string, string, string, string, string, string];
  const registerYear = Number(year);
  const registerNumber = Number(number);
  if (!Number.isInteger(registerYear) || !Number.isInteger(registerNumber) || !/^\d{8}$/u.test(date)) return null;
  return { keyId, decisionNumber, decisionDate: `${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)}`, recipient, awardCode, registerCode, registerYear, registerNumber };
}

/** Splits "<summary>*<base32 signature>". */
export function splitCode(code: string): { summary: string; signature: string } | null {
  const i = code.lastIndexOf(SEP);
  if (i < 0) return null;
  return { summary: code.slice(0, i), signature: code.slice(i + 1) };
}

export function fromBase32(text: string): Uint8Array | null {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  const out: number[] = [];
  let bits = 0;
  let value = 0;
  for (const ch of text) {
    const v = alphabet.indexOf(ch);
    if (v < 0) return null;
    value = (value << 5) | v;
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255);
      bits -= 8;
    }
  }
  return Uint8Array.from(out);
}

/** Short code printed under the QR for typing by hand: "SKT-2026-12-ABCD-EFGH". */
export function shortCode(registerCode: string, year: number, number: number, signatureBase32: string): string {
  const tag = signatureBase32.slice(0, 8).toUpperCase();
  return `${registerCode}-${year}-${number}-${tag.slice(0, 4)}-${tag.slice(4, 8)}`;
}

export interface ParsedShortCode {
  registerCode: string;
  registerYear: number;
  registerNumber: number;
  tag: string;
}

export function parseShortCode(text: string): ParsedShortCode | null {
  const m = /^\s*([A-Z0-9Đ]+)-(\d{4})-(\d{1,6})-([A-Z2-7]{4})-?([A-Z2-7]{4})\s*$/u.exec(text.normalize('NFC').toUpperCase());
  if (!m) return null;
  return { registerCode: m[1] ?? '', registerYear: Number(m[2]), registerNumber: Number(m[3]), tag: `${m[4]}${m[5]}` };
}

/** RFC 4648 base32 without padding (letters and 2–7: easy to read aloud and type). */
export function base32(bytes: Uint8Array): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = 0;
  let value = 0;
  let out = '';
  for (const b of bytes) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) {
      out += alphabet[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += alphabet[(value << (5 - bits)) & 31];
  return out;
}

export interface VerifyResult {
  /** 'valid' = signed by this office and matches an issued award in this store. */
  status: 'valid' | 'cancelled' | 'mismatch' | 'bad_signature' | 'unknown_office' | 'not_found' | 'unreadable';
  message: string;
  award: {
    recipient: string;
    awardName: string;
    decisionLabel: string;
    registerLabel: string;
    issuer: string;
  } | null;
}
