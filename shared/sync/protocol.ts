import { z } from 'zod';
import type { ItemRefusal } from './refusals.js';

/**
 * The sync protocol, version 1. docs/sync-protocol.md is its specification;
 * this module is the executable half of it: constants, the message schemas,
 * and pure functions (canonical encoding, signing payloads, cursor and chunk
 * arithmetic) that the office client, the hub and the USB bundle share.
 */

/** Bumped on any incompatible change to a message or to the bundle layout. */
export const PROTOCOL_VERSION = 1;
/** The oldest version a hub of this build still serves. */
export const MIN_PROTOCOL_VERSION = 1;

/** Bundle framing: magic, then a 4-byte big-endian header length, the header JSON, then the body. */
export const BUNDLE_MAGIC = 'TDB1';
export const MAX_HEADER_BYTES = 8 * 1024;

/** Attachment chunk size: small enough that a cut link loses little, large enough that headers stay under 1 %. */
export const CHUNK_SIZE = 64 * 1024;

/** Limits the hub enforces before doing any work. */
export const LIMITS = {
  exchangeBytes: 8 * 1024 * 1024,
  chunkRequestBytes: CHUNK_SIZE + MAX_HEADER_BYTES + 8,
  enrollBytes: 16 * 1024,
  /** Entries per push batch and per download page over HTTP (a USB bundle carries everything). */
  pushBatchEntries: 2000,
  pullPageEntries: 2000,
  /** Uncompressed body a hub accepts (guards against gzip bombs). */
  inflatedBytes: 64 * 1024 * 1024,
} as const;

export const MESSAGE_KINDS = ['exchange', 'chunk', 'blob-get', 'answer'] as const;
export type MessageKind = (typeof MESSAGE_KINDS)[number];

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/u);
const id = z.string().min(1).max(100);

/** What the sender signs: every header field except the signature itself. */
export const bundleHeaderSchema = z.object({
  v: z.number().int().min(0).max(1000),
  kind: z.enum(MESSAGE_KINDS),
  /** Device id of an office, or `hub:<unit id>` for the hub. */
  from: id,
  /** The device an answer is for, or the hub unit a request is for. */
  to: id,
  /** The office unit the exchange concerns (its scope). */
  unit: id,
  /** Per-sender message number, strictly increasing; (from, n) is never accepted twice. */
  n: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  at: z.string().max(40),
  /** 'gzip' for JSON bodies, 'json' for small ones (gzip would add bytes), 'raw' for attachment chunks (already incompressible). */
  enc: z.enum(['gzip', 'json', 'raw']),
  bodyLength: z.number().int().min(0).max(LIMITS.exchangeBytes * 8),
  /** Answer only: the request (from, n) it answers. */
  re: z.number().int().positive().optional(),
  /** Chunk messages: which blob and chunk the body is. */
  blob: z.object({ sha256: sha256Hex, size: z.number().int().min(0).max(2 ** 40), index: z.number().int().min(0) }).optional(),
  sig: z.string().max(200),
});
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;
export type UnsignedHeader = Omit<BundleHeader, 'sig'>;

/** One committed row version, as the outbox holds it and the feed ships it. */
export const entrySchema = z.object({
  seq: z.number().int().positive(),
  table: z.string().min(1).max(63).regex(/^[a-z_][a-z0-9_]*$/u),
  id,
  owner: id,
  version: z.number().int().positive(),
  op: z.enum(['insert', 'update']),
  row: z.record(z.string(), z.unknown()),
});
export type Entry = z.infer<typeof entrySchema>;

export const blobRefSchema = z.object({ sha256: sha256Hex, size: z.number().int().min(0).max(2 ** 40) });
export type BlobRef = z.infer<typeof blobRefSchema>;

/** Body of an office's exchange: upload a batch, ask for the feed, ask which chunks the hub lacks. */
export const exchangeBodySchema = z.object({
  push: z
    .object({
      /** The upload cursor the office believes the hub holds; the batch continues from it. */
      after: z.number().int().min(0),
      entries: z.array(entrySchema).max(1_000_000),
    })
    .optional(),
  pull: z
    .object({
      after: z.number().int().min(0),
      limit: z.number().int().min(1).max(1_000_000),
      /** Restore after re-enrolment: also the office's own rows. */
      includeOwn: z.boolean(),
    })
    .optional(),
  blobs: z.array(blobRefSchema).max(100_000).optional(),
  /** USB bundles carry whole attachments (no round trip to ask what is missing). */
  blobData: z.array(z.object({ sha256: sha256Hex, base64: z.string() })).max(100_000).optional(),
  /** USB bundles: files the office's rows name but it lacks; the answer carries them whole (HTTP fetches chunks with blob-get). */
  want: z.array(blobRefSchema).max(100_000).optional(),
});
export type ExchangeBody = z.infer<typeof exchangeBodySchema>;

export interface PushAnswer {
  /** The upload cursor the hub has durably stored for this device. */
  cursor: number;
  applied: number;
  /** Entries the hub did not apply (the cursor still moves past them): shown per item on the office. Absent = none. */
  refused?: ItemRefusal[];
}
export interface PullAnswer {
  entries: Entry[];
  cursor: number;
  more: boolean;
}
export interface ExchangeAnswer {
  push?: PushAnswer;
  pull?: PullAnswer;
  /** For each blob asked about: the chunk indexes the hub lacks (empty = complete). */
  missing?: Record<string, number[]>;
  blobsStored?: string[];
  /** Blobs the hub offers down (attachments of decisions and other rows from above). */
  offered?: BlobRef[];
  /** USB answers: whole files for the office (asked for in `want`, or named by attachments rows in `pull`). */
  blobData?: { sha256: string; base64: string }[];
}

export const enrollRequestSchema = z.object({
  v: z.number().int(),
  code: z.string().min(1).max(64),
  publicKey: z.string().min(1).max(200),
  deviceName: z.string().min(1).max(200),
  officeUnitId: id,
  officeName: z.string().min(1).max(300),
  at: z.string().max(40),
  /** Proof of possession: the new key signs canonical(request without sig). */
  sig: z.string().max(200),
});
export type EnrollRequest = z.infer<typeof enrollRequestSchema>;

export interface EnrollAnswer {
  deviceId: string;
  unitId: string;
  unitName: string;
  hubUnitId: string;
  hubName: string;
  hubPublicKey: string;
  /** True when the hub already holds rows for this unit: the device should restore them. */
  restore: boolean;
}

/** Errors the hub sends as JSON, with a Vietnamese message meant for the office's screen. */
export const SYNC_ERROR_CODES = [
  'protocol_too_old',
  'protocol_too_new',
  'bad_request',
  'too_large',
  'bad_signature',
  'unknown_device',
  'revoked',
  'replay',
  'bad_code',
  'code_expired',
  'code_used',
  'scope',
  'gap',
  'rate_limited',
  'bad_bundle',
  'wrong_recipient',
  'busy',
] as const;
export type SyncErrorCode = (typeof SYNC_ERROR_CODES)[number];

export interface SyncErrorBody {
  ok: false;
  error: { code: SyncErrorCode; message: string; cursor?: number; supported?: { min: number; max: number } };
}

/**
 * Canonical JSON: keys sorted, no whitespace, undefined dropped. Signatures
 * and content hashes are computed over this, so two programs that build the
 * same value produce the same bytes.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') {
    if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
    return JSON.stringify(value) ?? 'null';
  }
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? 'null' : canonicalJson(v))).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * The exact text an Ed25519 signature covers: the header without its
 * signature, and the SHA-256 of the body (computed by the receiver, not sent,
 * to keep the idle check small). The domain prefix keeps a signature from
 * being valid in another role.
 */
export function signingPayload(header: UnsignedHeader | BundleHeader, bodySha256: string): string {
  const { sig: _sig, ...rest } = header as BundleHeader;
  return `thidua-sync/${PROTOCOL_VERSION}\n${canonicalJson(rest)}\n${bodySha256}`;
}

export function enrollSigningPayload(request: EnrollRequest | Omit<EnrollRequest, 'sig'>): string {
  const { sig: _sig, ...rest } = request as EnrollRequest;
  return `thidua-enroll/${PROTOCOL_VERSION}\n${canonicalJson(rest)}`;
}

export type VersionVerdict = { ok: true } | { ok: false; code: 'protocol_too_old' | 'protocol_too_new'; message: string };

/** Version negotiation: an old office and a new hub (or the reverse) get told what to update. */
export function negotiateVersion(clientVersion: number, supported = { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION }): VersionVerdict {
  if (clientVersion < supported.min) {
    return {
      ok: false,
      code: 'protocol_too_old',
      message: `Phần mềm của đơn vị dùng giao thức đồng bộ phiên bản ${clientVersion}, trạm của tỉnh chỉ nhận từ phiên bản ${supported.min}. Hãy cập nhật phần mềm Thi Đua lên bản mới nhất rồi đồng bộ lại; dữ liệu của đơn vị vẫn được giữ nguyên trên máy.`,
    };
  }
  if (clientVersion > supported.max) {
    return {
      ok: false,
      code: 'protocol_too_new',
      message: `Trạm của tỉnh đang chạy phiên bản cũ (giao thức ${supported.max}), phần mềm của đơn vị dùng giao thức ${clientVersion}. Hãy báo Sở Tư pháp cập nhật trạm đồng bộ; dữ liệu của đơn vị vẫn được giữ nguyên trên máy.`,
    };
  }
  return { ok: true };
}
