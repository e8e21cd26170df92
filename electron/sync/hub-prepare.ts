import { LIMITS, PROTOCOL_VERSION, exchangeBodySchema, type ExchangeAnswer, type ExchangeBody } from '../../shared/sync/protocol.js';
import { isOrderedBatch } from '../../shared/sync/cursors.js';
import { hostileEntry } from '../../shared/sync/refusals.js';
import { decodeBundle, encodeBundle, packJson, unpackJson, verifyBundle } from './codec.js';
import { MSG, SyncError } from './errors.js';

/**
 * The CPU-bound half of an exchange, kept off the hub's database thread:
 * framing, version, recipient, signature, inflating, JSON parsing and schema
 * validation. What comes out is plain, already-validated data that the
 * database thread only has to write (re-checking what only the database
 * knows: revocation, cursor, replay, owners of rows it already holds).
 */

/** What the front needs to know about a device to check a message; only `revoked` ever changes for a device id. */
export interface DeviceKey {
  id: string;
  unitId: string;
  publicKey: string;
  revoked: boolean;
}

/** An exchange whose signature and body have been checked; plain data, so it crosses a worker boundary. */
export interface PreparedExchange {
  deviceId: string;
  unitId: string;
  /** The message number (replay protection by (device, n)). */
  n: number;
  usb: boolean;
  body: ExchangeBody;
  /** The message as received: exchanges the fast path does not take are handled whole by HubCore.exchange. */
  raw: Uint8Array;
}

/** What the database thread answers for one prepared exchange: the answer to sign and its message number, or an answer already signed (single path). */
export type ExchangeOutcome = { answer: ExchangeAnswer; n: number } | { signed: Uint8Array };

/**
 * Checks one exchange message in the order the hub always has: framing,
 * protocol version, kind, recipient, device, signature, revocation, unit;
 * then inflates and validates the body. Throws SyncError on any refusal.
 */
export async function prepareExchange(
  data: Buffer,
  opts: { hubId: string; usb: boolean; device: (id: string) => Promise<DeviceKey | null> | DeviceKey | null },
): Promise<PreparedExchange> {
  const msg = decodeBundle(data);
  const { header } = msg;
  if (header.kind !== 'exchange') throw new SyncError('bad_request', MSG.badRequest);
  if (header.to !== opts.hubId) throw new SyncError('wrong_recipient', MSG.wrongRecipient);
  const device = await opts.device(header.from);
  if (!device) throw new SyncError('unknown_device', MSG.unknownDevice);
  if (!verifyBundle(msg, device.publicKey)) throw new SyncError('bad_signature', MSG.badSignature);
  if (device.revoked) throw new SyncError('revoked', MSG.revoked);
  if (header.unit !== device.unitId) throw new SyncError('scope', MSG.scope);
  const parsed = exchangeBodySchema.safeParse(unpackJson(header.enc, msg.body));
  if (!parsed.success) throw new SyncError('bad_request', MSG.badRequest);
  const body = parsed.data;
  if (!opts.usb && body.push && body.push.entries.length > LIMITS.pushBatchEntries) throw new SyncError('too_large', MSG.tooLarge);
  if (body.push && !isOrderedBatch(body.push.entries)) throw new SyncError('bad_request', MSG.badRequest);
  // Entries no honest office sends (another unit's rows, a local table): the whole request is refused, as HubCore.exchange does.
  const hostile = body.push ? hostileEntry(body.push.entries, device.unitId) : null;
  if (hostile) throw new SyncError(hostile.code, hostile.code === 'scope' ? MSG.scope : MSG.badRequest);
  return { deviceId: device.id, unitId: device.unitId, n: header.n, usb: opts.usb, body, raw: data };
}

/** Signs the hub's answer to one exchange (the same layout as every hub answer). */
export function signAnswer(hub: { hubId: string; privateKey: string }, to: { deviceId: string; unitId: string; re: number }, outcome: ExchangeOutcome): Buffer {
  if ('signed' in outcome) return Buffer.from(outcome.signed);
  const packed = packJson(outcome.answer);
  // `at` left empty in answers: the office does not use the hub's clock, and every byte of the idle check counts.
  return encodeBundle({ v: PROTOCOL_VERSION, kind: 'answer', from: hub.hubId, to: to.deviceId, unit: to.unitId, n: outcome.n, at: '', enc: packed.enc, re: to.re }, packed.body, hub.privateKey);
}
