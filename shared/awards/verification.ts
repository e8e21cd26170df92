/**
 * The signed summary a certificate's QR code carries (issue 6 point 4):
 * office key id, decision number and date, recipient, award, register
 * number. Kept compact so the QR stays small on paper. The signature itself
 * (Ed25519) is made and checked in electron/awards/signing.ts; this module
 * only builds and parses the text, so the hub can reuse it.
 */

export const CODE_PREFIX = 'TD1';

export interface CertificateSummary {
  /** First 12 hex digits of SHA-256 of the office's public key: says which office signed. */
  keyId: string;
  decisionNumber: string;
  decisionDate: string;
  recipient: string;
  awardCode: string;
  registerCode: string;
  registerYear: number;
  registerNumber: number;
}

const SEP = '\u001f';

/** The exact text that is signed: fields NFC, joined by a separator no field can hold. */
export function canonicalSummary(s: CertificateSummary): string {
  const parts = [CODE_PREFIX, s.keyId, s.decisionNumber, s.decisionDate, s.recipient, s.awardCode, s.registerCode, String(s.registerYear), String(s.registerNumber)];
  return parts.map((p) => p.normalize('NFC').split(SEP).join(' ')).join(SEP);
}

export function parseCanonicalSummary(text: string): CertificateSummary | null {
  const p = text.split(SEP);
  if (p.length !== 9 || p[0] !== CODE_PREFIX) return null;
  const [, keyId, decisionNumber, decisionDate, recipient, awardCode, registerCode, year, number] = p as [string, string, string, string, string, string, string, string, string];
  const registerYear = Number(year);
  const registerNumber = Number(number);
  if (!Number.isInteger(registerYear) || !Number.isInteger(registerNumber)) return null;
  return { keyId, decisionNumber, decisionDate, recipient, awardCode, registerCode, registerYear, registerNumber };
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
