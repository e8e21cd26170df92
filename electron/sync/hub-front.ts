import type { Logger } from '../store/deps.js';
import { SyncError } from './errors.js';
import { json, type HubOp, type HubReply } from './hub-ops.js';
import { prepareExchange, signAnswer, type DeviceKey } from './hub-prepare.js';

/**
 * The hub's front, on the HTTP thread: it does the CPU-bound half of every
 * upload (signature, inflating, parsing, validation; signing the answer) so
 * the database thread only runs SQL, and forwards everything else unchanged.
 * Device keys are cached here (a device id's key and unit never change);
 * revocation is checked again on the database thread, which is the authority.
 */
export class HubFront {
  private readonly devices = new Map<string, DeviceKey>();

  constructor(
    private readonly send: (op: HubOp) => Promise<HubReply>,
    private readonly hub: { hubId: string; privateKey: string },
    private readonly logger: Logger,
  ) {}

  async handle(op: HubOp): Promise<HubReply> {
    if (op.op === 'exchange' && op.usb !== true) return this.exchange(op.body);
    const reply = await this.send(op);
    if (op.op === 'revoke') this.devices.delete(op.deviceId);
    return reply;
  }

  private async device(id: string): Promise<DeviceKey | null> {
    const cached = this.devices.get(id);
    if (cached) return cached;
    const reply = await this.send({ op: 'deviceKey', deviceId: id });
    const value = (JSON.parse(Buffer.from(reply.body).toString('utf8')) as { value?: DeviceKey | null }).value ?? null;
    // Unknown ids are not remembered: anyone can send them, and an enrolment may follow.
    if (value) {
      if (this.devices.size > 100_000) this.devices.clear();
      this.devices.set(id, value);
    }
    return value;
  }

  private async exchange(body: Uint8Array): Promise<HubReply> {
    try {
      const prepared = await prepareExchange(Buffer.from(body.buffer, body.byteOffset, body.byteLength), { hubId: this.hub.hubId, usb: false, device: (id) => this.device(id) });
      const reply = await this.send({ op: 'applyExchange', prepared });
      if (!reply.outcome) {
        // Refused on the database thread (revoked since it was cached, replay, gap…): ask afresh next time.
        this.devices.delete(prepared.deviceId);
        return reply;
      }
      return { status: 200, type: 'application/octet-stream', body: signAnswer(this.hub, { deviceId: prepared.deviceId, unitId: prepared.unitId, re: prepared.n }, reply.outcome) };
    } catch (error) {
      if (error instanceof SyncError) return json(error.status, error.toBody());
      this.logger.error('hub front failed', { error: error instanceof Error ? error.message : String(error) });
      return json(500, { ok: false, error: { code: 'internal', message: 'Trạm của tỉnh gặp lỗi khi xử lý; không có dữ liệu nào được ghi dở. Hãy thử lại sau.' } });
    }
  }
}
