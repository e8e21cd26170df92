import { encodeBundle, packJson } from '../../electron/sync/codec.js';
import { generateKeys, signText } from '../../electron/sync/keys.js';
import { PROTOCOL_VERSION, enrollSigningPayload, type Entry } from '../../shared/sync/protocol.js';

/**
 * Simulated offices speaking the sync protocol directly (no office store):
 * signed exchange messages with 50-row batches, for hub tests that need
 * exact control of what is sent (several at once, replays, gaps, bad rows).
 */
export interface RawOffice {
  deviceId: string;
  unitId: string;
  publicKey: string;
  privateKey: string;
  /** Next message number and last outbox seq sent. */
  n: number;
  seq: number;
}

/** An enrolment request for a new raw office (keys made here). */
export function enrollRequest(code: string, unitId: string): { body: Buffer; keys: { publicKey: string; privateKey: string } } {
  const keys = generateKeys();
  const unsigned = { v: PROTOCOL_VERSION, code, publicKey: keys.publicKey, deviceName: `PC-${unitId}`, officeUnitId: unitId, officeName: `UBND xã ${unitId}`, at: new Date().toISOString() };
  return { body: Buffer.from(JSON.stringify({ ...unsigned, sig: signText(keys.privateKey, enrollSigningPayload(unsigned)) })), keys };
}

export function unitRow(unitId: string, now: string): Record<string, unknown> {
  return { id: unitId, owner_unit_id: unitId, version: 1, created_at: now, updated_at: now, updated_by: 'x', parent_id: null, name: `UBND xã ${unitId}`, short_name: null, level: 'commune', parent_name: null, province: null, place_name: null, valid_from: null, valid_to: null, status: 'active' };
}

export function personRow(unitId: string, id: string, now: string, birthDate = '1990-05-12'): Record<string, unknown> {
  return {
    id,
    owner_unit_id: unitId,
    version: 1,
    created_at: now,
    updated_at: now,
    updated_by: 'Cán bộ tư pháp',
    unit_id: unitId,
    full_name: `Giàng A Sính ${id}`,
    gender: 'male',
    birth_date: birthDate,
    position: 'Công chức Tư pháp - Hộ tịch',
    staff_category: 'cong_chuc',
    start_date: '2015-03-01',
    status: 'working',
    note: 'Hòa giải ở cơ sở',
    search_key: `giang a sinh ${id}`,
  };
}

/** The office's next batch of `size` entries (its first starts with its unit row); `edit` may change entries before signing. */
export function nextExchange(o: RawOffice, hubId: string, opts: { size?: number; after?: number; edit?: (entries: Entry[]) => void } = {}): Buffer {
  const now = new Date().toISOString();
  const entries: Entry[] = [];
  const after = opts.after ?? o.seq;
  if (o.seq === 0) {
    o.seq = 1;
    entries.push({ seq: 1, table: 'units', id: o.unitId, owner: o.unitId, version: 1, op: 'insert', row: unitRow(o.unitId, now) });
  }
  while (entries.length < (opts.size ?? 50)) {
    o.seq += 1;
    const id = `${o.unitId}-p${o.seq}`;
    entries.push({ seq: o.seq, table: 'people', id, owner: o.unitId, version: 1, op: 'insert', row: personRow(o.unitId, id, now) });
  }
  opts.edit?.(entries);
  o.n += 1;
  const packed = packJson({ push: { after, entries }, pull: { after: 0, limit: 100, includeOwn: false } });
  return encodeBundle({ v: PROTOCOL_VERSION, kind: 'exchange', from: o.deviceId, to: hubId, unit: o.unitId, n: o.n, at: now, enc: packed.enc }, packed.body, o.privateKey);
}
