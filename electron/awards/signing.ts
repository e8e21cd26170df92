import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign, verify, type KeyObject } from 'node:crypto';
import type { Queryable } from '../../shared/db/port.js';
import { base32, canonicalSummary, fromBase32, parseCanonicalSummary, shortCode, splitCode, type CertificateSummary } from '../../shared/awards/verification.js';
import { readSetting, writeSetting } from '../handlers/system.js';
import { qrVersion } from './qr-png.js';

/**
 * The office's certificate-signing key (Ed25519). Kept in the local settings
 * table, which never syncs: the private key stays on this PC. The hub will
 * learn the public key with the office's enrolment; the key id printed in
 * each QR says which office signed.
 */
const SETTING = 'awards.signing_key';

export interface SigningKey {
  keyId: string;
  publicKey: KeyObject;
  privateKey: KeyObject;
  publicKeyB64: string;
}

interface StoredKey {
  publicKey: string;
  privateKey: string;
}

export function keyIdOf(publicDer: Buffer): string {
  return createHash('sha256').update(publicDer).digest('hex').slice(0, 12).toUpperCase();
}

function load(stored: StoredKey): SigningKey {
  const publicDer = Buffer.from(stored.publicKey, 'base64url');
  return {
    keyId: keyIdOf(publicDer),
    publicKey: createPublicKey({ key: publicDer, format: 'der', type: 'spki' }),
    privateKey: createPrivateKey({ key: Buffer.from(stored.privateKey, 'base64url'), format: 'der', type: 'pkcs8' }),
    publicKeyB64: stored.publicKey,
  };
}

/** The key id, or null when no certificate has been signed yet (reads only). */
export async function peekSigningKeyId(db: Queryable): Promise<string | null> {
  const stored = await readSetting<StoredKey>(db, SETTING);
  return stored ? keyIdOf(Buffer.from(stored.publicKey, 'base64url')) : null;
}

/** The key, or null before the first certificate was signed (reads only). */
export async function loadSigningKey(db: Queryable): Promise<SigningKey | null> {
  const stored = await readSetting<StoredKey>(db, SETTING);
  return stored ? load(stored) : null;
}

/** Reads the key, making it on first use (inside the caller's transaction when given one). */
export async function officeSigningKey(db: Queryable, now: string): Promise<SigningKey> {
  const stored = await readSetting<StoredKey>(db, SETTING);
  if (stored) return load(stored);
  const pair = generateKeyPairSync('ed25519');
  const fresh: StoredKey = {
    publicKey: pair.publicKey.export({ format: 'der', type: 'spki' }).toString('base64url'),
    privateKey: pair.privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64url'),
  };
  await writeSetting(db, SETTING, fresh, now);
  return load(fresh);
}

export interface SignedCode {
  /** What the QR holds: "TD1*…*<base32 signature>", all in the QR alphanumeric set. */
  qr: string;
  /** Short code printed for typing by hand. */
  typed: string;
}

/**
 * Smallest QR module printed, in mm. 0.38 mm is 9 dots at 600 dpi and about
 * 4.5 at 300 dpi, comfortably above the ~0.33 mm phone cameras read at arm's
 * length; the built-in templates' 20–22 mm boxes hold up to 53–57 modules.
 */
export const MIN_QR_MODULE_MM = 0.38;

export function signSummary(key: SigningKey, summary: Omit<CertificateSummary, 'keyId'>, o: { diacritics?: boolean } = {}): SignedCode {
  const text = canonicalSummary({ ...summary, keyId: key.keyId }, o);
  // Ed25519 is deterministic: the same summary always gives the same signature, so a typed short code can be re-derived and compared.
  const signature = base32(sign(null, Buffer.from(text, 'utf8'), key.privateKey));
  return { qr: `${text}*${signature}`, typed: shortCode(summary.registerCode, summary.registerYear, summary.registerNumber, signature) };
}

/**
 * The code a certificate prints in a QR box of `qrBoxMm`: the name with its
 * diacritics (TD2) when that symbol's modules stay at least MIN_QR_MODULE_MM,
 * else the folded name (TD1), which is shorter. Both verify.
 */
export function signForPrint(key: SigningKey, summary: Omit<CertificateSummary, 'keyId'>, qrBoxMm: number): SignedCode & { form: 'TD1' | 'TD2'; modules: number } {
  const vi = signSummary(key, summary, { diacritics: true });
  const viSize = qrVersion(vi.qr).size;
  if (qrBoxMm / viSize >= MIN_QR_MODULE_MM) return { ...vi, form: 'TD2', modules: viSize };
  const folded = signSummary(key, summary);
  return { ...folded, form: 'TD1', modules: qrVersion(folded.qr).size };
}

export type ParsedCode = { ok: true; summary: CertificateSummary; signature: Buffer; text: string } | { ok: false };

export function parseQrCode(code: string): ParsedCode {
  const parts = splitCode(code.normalize('NFC').trim().toLocaleUpperCase('vi'));
  if (!parts) return { ok: false };
  const summary = parseCanonicalSummary(parts.summary);
  const signature = fromBase32(parts.signature);
  if (!summary || !signature || signature.length !== 64) return { ok: false };
  return { ok: true, summary, signature: Buffer.from(signature), text: parts.summary };
}

export function verifySignature(key: SigningKey, text: string, signature: Buffer): boolean {
  try {
    return verify(null, Buffer.from(text, 'utf8'), key.publicKey, signature);
  } catch {
    return false;
  }
}
