import type { Logger } from '../store/deps.js';
import { SyncError } from './errors.js';
import type { HubCore } from './hub-core.js';
import type { ExchangeGroups } from './hub-group.js';
import type { DeviceKey, ExchangeOutcome, PreparedExchange } from './hub-prepare.js';

/** What the HTTP layer asks the hub's database thread to do; plain data so it crosses a worker boundary. */
export type HubOp =
  | { op: 'exchange'; body: Uint8Array; usb?: boolean }
  | { op: 'chunk'; body: Uint8Array }
  | { op: 'enroll'; body: Uint8Array }
  | { op: 'health' }
  | { op: 'createCode'; unitName: string; unitId?: string; ttlHours?: number }
  | { op: 'devices' }
  | { op: 'revoke'; deviceId: string }
  | { op: 'publish'; table: string; row: Record<string, unknown> & { id: string } }
  // The hub host's fast path (hub-front.ts): the front checks and parses, the database thread only writes.
  | { op: 'deviceKey'; deviceId: string }
  | { op: 'applyExchange'; prepared: PreparedExchange };

export interface HubReply {
  status: number;
  type: 'application/json' | 'application/octet-stream';
  body: Uint8Array;
  /** applyExchange: the answer for the front to sign (body empty), unless the single path already signed it. */
  outcome?: ExchangeOutcome;
}

export function json(status: number, value: unknown): HubReply {
  return { status, type: 'application/json', body: Buffer.from(JSON.stringify(value), 'utf8') };
}

/**
 * Runs one operation on the core and turns every outcome into a reply:
 * refusals keep their 4xx status and Vietnamese message, anything else is
 * logged (without the request body) and answered with a generic 500.
 */
export async function runHubOp(core: HubCore, op: HubOp, logger: Logger, groups?: ExchangeGroups): Promise<HubReply> {
  try {
    switch (op.op) {
      case 'exchange':
        return { status: 200, type: 'application/octet-stream', body: await core.exchange(Buffer.from(op.body), { usb: op.usb === true }) };
      case 'chunk':
        return { status: 200, type: 'application/octet-stream', body: await core.chunk(Buffer.from(op.body)) };
      case 'enroll': {
        let parsed: unknown;
        try {
          parsed = JSON.parse(Buffer.from(op.body).toString('utf8'));
        } catch {
          throw new SyncError('bad_request', 'Yêu cầu đăng ký không đúng định dạng.');
        }
        return json(200, { ok: true, value: await core.enroll(parsed) });
      }
      case 'health':
        return json(200, await core.health());
      case 'createCode':
        return json(200, { ok: true, value: await core.createCode(op) });
      case 'devices':
        return json(200, { ok: true, value: await core.devices() });
      case 'revoke':
        return json(200, { ok: true, value: { revoked: await core.revoke(op.deviceId) } });
      case 'publish':
        return json(200, { ok: true, value: await core.publish(op.table, op.row) });
      case 'deviceKey':
        return json(200, { ok: true, value: await deviceKey(core, op.deviceId) });
      case 'applyExchange': {
        // Without a group committer (in-process hubs) the message is handled whole, as before.
        const outcome: ExchangeOutcome = groups ? await groups.submit(op.prepared) : { signed: await core.exchange(Buffer.from(op.prepared.raw), { usb: op.prepared.usb }) };
        return { status: 200, type: 'application/octet-stream', body: new Uint8Array(0), outcome };
      }
    }
  } catch (error) {
    if (error instanceof SyncError) return json(error.status, error.toBody());
    logger.error('hub operation failed', { op: op.op, error: error instanceof Error ? error.message : String(error) });
    return json(500, { ok: false, error: { code: 'internal', message: 'Trạm của tỉnh gặp lỗi khi xử lý; không có dữ liệu nào được ghi dở. Hãy thử lại sau.' } });
  }
}

/** What the front needs to check a device's messages: its key, unit and whether it is revoked. */
async function deviceKey(core: HubCore, deviceId: string): Promise<DeviceKey | null> {
  const r = await core.db.query<{ id: string; unit_id: string; public_key: string; revoked_at: string | null }>('SELECT id, unit_id, public_key, revoked_at FROM hub_devices WHERE id = $1', [deviceId]);
  const d = r.rows[0];
  return d ? { id: d.id, unitId: d.unit_id, publicKey: d.public_key, revoked: d.revoked_at !== null } : null;
}
