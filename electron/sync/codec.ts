import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import {
  BUNDLE_MAGIC,
  LIMITS,
  MAX_HEADER_BYTES,
  MIN_PROTOCOL_VERSION,
  PROTOCOL_VERSION,
  negotiateVersion,
  bundleHeaderSchema,
  signingPayload,
  type BundleHeader,
  type UnsignedHeader,
} from '../../shared/sync/protocol.js';
import { MSG, SyncError } from './errors.js';
import { signText, verifyText } from './keys.js';

export function sha256(data: Uint8Array | string): string {
  return createHash('sha256').update(data).digest('hex');
}

export function gzipJson(value: unknown): Buffer {
  return gzipSync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 6 });
}

/** Inflates with a ceiling, so a small hostile body cannot expand into gigabytes. */
export function gunzipJson(data: Buffer, maxBytes: number = LIMITS.inflatedBytes): unknown {
  let text: string;
  try {
    text = gunzipSync(data, { maxOutputLength: maxBytes }).toString('utf8');
  } catch {
    throw new SyncError('bad_bundle', MSG.badBundle);
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new SyncError('bad_bundle', MSG.badBundle);
  }
}

/** A JSON body as it travels: gzip unless it is so small that gzip would only add bytes. */
export function packJson(value: unknown): { enc: 'gzip' | 'json'; body: Buffer } {
  const text = Buffer.from(JSON.stringify(value), 'utf8');
  if (text.length < 400) return { enc: 'json', body: text };
  return { enc: 'gzip', body: gzipSync(text, { level: 6 }) };
}

export function unpackJson(enc: string, body: Buffer): unknown {
  if (enc === 'gzip') return gunzipJson(body);
  if (enc !== 'json' || body.length > LIMITS.inflatedBytes) throw new SyncError('bad_bundle', MSG.badBundle);
  try {
    return JSON.parse(body.toString('utf8')) as unknown;
  } catch {
    throw new SyncError('bad_bundle', MSG.badBundle);
  }
}

/**
 * One message, signed: "TDB1", uint32 header length, header JSON, body.
 * The header names the body's length and SHA-256, and the signature covers
 * the header, so a truncated, extended or edited bundle is detected.
 */
export function encodeBundle(header: Omit<UnsignedHeader, 'bodyLength'>, body: Buffer, privateKey: string): Buffer {
  const unsigned: UnsignedHeader = { ...header, bodyLength: body.length };
  const signed: BundleHeader = { ...unsigned, sig: signText(privateKey, signingPayload(unsigned, sha256(body))) };
  const headerBytes = Buffer.from(JSON.stringify(signed), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(headerBytes.length, 0);
  return Buffer.concat([Buffer.from(BUNDLE_MAGIC, 'ascii'), len, headerBytes, body]);
}

export interface DecodedBundle {
  header: BundleHeader;
  body: Buffer;
  bodySha256: string;
}

/** Parses the framing and the header; checks the body length. The signature (which covers the body's hash) needs the sender's key: verifyBundle. */
export function decodeBundle(data: Buffer): DecodedBundle {
  if (data.length < 8 || data.subarray(0, 4).toString('ascii') !== BUNDLE_MAGIC) throw new SyncError('bad_bundle', MSG.badBundle);
  const headerLength = data.readUInt32BE(4);
  if (headerLength > MAX_HEADER_BYTES || 8 + headerLength > data.length) throw new SyncError('bad_bundle', MSG.badBundle);
  let raw: unknown;
  try {
    raw = JSON.parse(data.subarray(8, 8 + headerLength).toString('utf8'));
  } catch {
    throw new SyncError('bad_bundle', MSG.badBundle);
  }
  // Version first: a newer header layout must still get a clear "update" answer.
  const v = (raw as { v?: unknown } | null)?.v;
  if (typeof v === 'number') {
    const verdict = negotiateVersion(v);
    if (!verdict.ok) throw new SyncError(verdict.code, verdict.message, { supported: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION } });
  }
  const parsed = bundleHeaderSchema.safeParse(raw);
  if (!parsed.success) throw new SyncError('bad_bundle', MSG.badBundle);
  const body = data.subarray(8 + headerLength);
  if (body.length !== parsed.data.bodyLength) throw new SyncError('bad_bundle', MSG.badBundle);
  return { header: parsed.data, body, bodySha256: sha256(body) };
}

export function verifyBundle(msg: DecodedBundle, publicKey: string): boolean {
  return verifyText(publicKey, signingPayload(msg.header, msg.bodySha256), msg.header.sig);
}
