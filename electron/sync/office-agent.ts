import { createHash } from 'node:crypto';
import { hostname } from 'node:os';
import type { Queryable } from '../../shared/db/port.js';
import { bytesOfChunks, chunkCount, chunkRange, estimateSeconds } from '../../shared/sync/chunks.js';
import { mergeCursor } from '../../shared/sync/cursors.js';
import {
  LIMITS,
  PROTOCOL_VERSION,
  enrollSigningPayload,
  type BlobRef,
  type EnrollAnswer,
  type Entry,
  type ExchangeAnswer,
  type ExchangeBody,
  type SyncErrorCode,
} from '../../shared/sync/protocol.js';
import { isSyncedTable } from '../../shared/sync/scope.js';
import { LARGE_ATTACHMENT_BYTES } from '../../shared/api/methods/sync.js';
import type { StoreDeps } from '../store/deps.js';
import type { Change } from '../store/mutation.js';
import { ColumnTypes, upsertRow } from './apply.js';
import { readBlob } from './blobs.js';
import { clearItemError, noteAttachmentRefused, noteRefusals } from './item-errors.js';
import { decodeBundle, encodeBundle, gzipJson, packJson, unpackJson, verifyBundle, type DecodedBundle } from './codec.js';
import { SyncError } from './errors.js';
import { HubHttpClient, errorOf, type HttpReply } from './http-client.js';
import { generateKeys, signText } from './keys.js';
import { bytesToFetch, missingDownloads, storeDownloadedChunk, storeWholeDownloads, wantedForBundle } from './downward.js';

/** The office's enrolment, kept in its settings table (never synced, never logged). */
export interface DeviceSettings {
  hubUrl: string;
  deviceId: string;
  unitId: string;
  unitName: string;
  hubUnitId: string;
  hubName: string;
  hubPublicKey: string;
  publicKey: string;
  privateKey: string;
}

export interface SyncState {
  pushCursor: number;
  pullCursor: number;
  restoring: boolean;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: { code: string; message: string } | null;
  link: { bytesPerSecond: number; rttMs: number } | null;
}

const EMPTY_STATE: SyncState = { pushCursor: 0, pullCursor: 0, restoring: false, lastSuccessAt: null, lastAttemptAt: null, lastError: null, link: null };

export interface SyncProgress {
  phase: 'records' | 'download' | 'attachments' | 'done';
  itemsDone: number;
  itemsTotal: number;
  bytesDone: number;
  bytesTotal: number;
}

export interface SyncSummary {
  pushed: number;
  pulled: number;
  chunksSent: number;
  blobsCompleted: number;
  /** Records and attachments the hub refused one by one in this sync (listed on the Đồng bộ screen). */
  refused: number;
  bytesSent: number;
  bytesReceived: number;
  requests: number;
  ms: number;
}

export interface AttachmentPolicy {
  /** 'all': send every pending attachment; 'small': only those up to `largeBytes`; 'none': records only. */
  mode: 'all' | 'small' | 'none';
  largeBytes?: number;
}

/** Failures only a person can fix (a new code, an update): automatic sync does not retry them every minute. */
const PERMANENT_FAILURES: ReadonlySet<string> = new Set(['revoked', 'unknown_device', 'protocol_too_old', 'protocol_too_new', 'bad_code', 'code_expired', 'code_used']);

/** Hub refusals that concern one attachment, not the link or the device: the sync goes on with the next one. */
const ITEM_LEVEL_CODES: ReadonlySet<SyncErrorCode> = new Set(['bad_request', 'too_large', 'bad_bundle']);

/** Vietnamese for every way a sync can fail, shown as is on the Đồng bộ screen. */
export function explainFailure(error: unknown): { code: string; message: string } {
  if (error instanceof SyncError) return { code: error.code, message: error.message };
  const msg = error instanceof Error ? error.message : String(error);
  if (/ECONNREFUSED|EHOSTUNREACH|ENETUNREACH|ENOTFOUND|EAI_AGAIN/u.test(msg)) {
    return { code: 'offline', message: 'Không kết nối được tới trạm của tỉnh (mất mạng hoặc trạm chưa bật). Dữ liệu vẫn an toàn trên máy; phần mềm sẽ tự đồng bộ khi có mạng, hoặc hãy dùng tệp USB.' };
  }
  if (/timeout|ECONNRESET|socket hang up|aborted|cut|EPIPE/u.test(msg)) {
    return { code: 'link_cut', message: 'Đường truyền bị ngắt giữa chừng. Phần đã gửi được trạm ghi nhận vẫn được giữ; lần đồng bộ sau sẽ tiếp tục từ chỗ dừng.' };
  }
  return { code: 'internal', message: 'Đồng bộ gặp lỗi không mong đợi; dữ liệu trên máy không bị ảnh hưởng. Hãy thử lại, nếu vẫn lỗi hãy báo cho quản trị.' };
}

async function readSetting<T>(db: Queryable, key: string): Promise<T | null> {
  const r = await db.query<{ value: T }>('SELECT value FROM settings WHERE key = $1', [key]);
  return r.rows[0]?.value ?? null;
}

async function writeSetting(db: Queryable, key: string, value: unknown): Promise<void> {
  await db.query(
    'INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()',
    [key, JSON.stringify(value)],
  );
}

/**
 * The office side of sync, in the store process. One sync at a time; each
 * step stores its cursor as soon as the hub has acknowledged it, so a cut
 * link or a killed process resumes where it stopped.
 */
/** How often automatic sync runs when the link is up. */
export const AUTO_SYNC_MS = 15 * 60_000;

export class OfficeSyncAgent {
  private readonly types = new ColumnTypes();
  private running: Promise<SyncSummary> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private client: HubHttpClient | null = null;
  progress: SyncProgress | null = null;
  linkUp: boolean | null = null;

  constructor(private readonly deps: Omit<StoreDeps, 'sync'>) {}

  private get db() {
    return this.deps.db;
  }

  async device(): Promise<DeviceSettings | null> {
    return readSetting<DeviceSettings>(this.db, 'sync.device');
  }

  async state(): Promise<SyncState> {
    return { ...EMPTY_STATE, ...((await readSetting<SyncState>(this.db, 'sync.state')) ?? {}) };
  }

  private async saveState(patch: Partial<SyncState>, tx: Queryable = this.db): Promise<void> {
    const current = { ...EMPTY_STATE, ...((await readSetting<SyncState>(tx, 'sync.state')) ?? {}) };
    await writeSetting(tx, 'sync.state', { ...current, ...patch });
  }

  /** Next message number; stored before the message leaves, so a restart never reuses one. */
  private async nextN(): Promise<number> {
    const r = await this.db.query<{ value: number }>(
      "INSERT INTO settings (key, value) VALUES ('sync.n', '1'::jsonb) ON CONFLICT (key) DO UPDATE SET value = to_jsonb((settings.value::text)::bigint + 1) RETURNING value",
    );
    return Number(r.rows[0]?.value ?? 1);
  }

  private http(dev: DeviceSettings): HubHttpClient {
    if (!this.client || this.client.baseUrl !== dev.hubUrl) {
      this.client?.close();
      this.client = new HubHttpClient(dev.hubUrl);
    }
    return this.client;
  }

  // ---------- enrolment ----------

  async enroll(input: { hubUrl: string; code: string; deviceName?: string }): Promise<EnrollAnswer & { rebound: boolean }> {
    const officeUnitId = await readSetting<string>(this.db, 'office_unit_id');
    if (!officeUnitId) throw new SyncError('bad_request', 'Hãy cài đặt đơn vị (trình hướng dẫn lần đầu) trước khi đăng ký với trạm của tỉnh.');
    const office = (await this.db.query<{ name: string }>('SELECT name FROM units WHERE id = $1', [officeUnitId])).rows[0];
    const keys = generateKeys();
    const unsigned = {
      v: PROTOCOL_VERSION,
      code: input.code,
      publicKey: keys.publicKey,
      deviceName: input.deviceName ?? hostname(),
      officeUnitId,
      officeName: office?.name ?? 'Đơn vị',
      at: this.deps.clock().toISOString(),
    };
    const request = { ...unsigned, sig: signText(keys.privateKey, enrollSigningPayload(unsigned)) };
    const client = new HubHttpClient(input.hubUrl, 30_000);
    let reply: HttpReply;
    try {
      reply = await client.post('/sync/v1/enroll', Buffer.from(JSON.stringify(request)), 'application/json');
    } finally {
      client.close();
    }
    const err = errorOf(reply);
    if (err) throw new SyncError(err.code as SyncErrorCode, err.message);
    const answer = (reply.json as { value?: EnrollAnswer } | undefined)?.value;
    if (reply.status !== 200 || !answer) throw new SyncError('bad_request', 'Trạm trả lời không đúng giao thức; hãy kiểm tra địa chỉ trạm.');
    let rebound = false;
    await this.db.transaction(async (tx) => {
      if (answer.unitId !== officeUnitId) {
        rebound = await this.rebind(tx, officeUnitId, answer.unitId);
      }
      const dev: DeviceSettings = {
        hubUrl: input.hubUrl,
        deviceId: answer.deviceId,
        unitId: answer.unitId,
        unitName: answer.unitName,
        hubUnitId: answer.hubUnitId,
        hubName: answer.hubName,
        hubPublicKey: answer.hubPublicKey,
        ...keys,
      };
      await writeSetting(tx, 'sync.device', dev);
      // A new device starts its upload from its own outbox; the feed from the beginning.
      await writeSetting(tx, 'sync.state', { ...EMPTY_STATE, restoring: answer.restore });
    });
    this.deps.logger.info('enrolled with hub', { deviceId: answer.deviceId, unitId: answer.unitId, restore: answer.restore });
    return { ...answer, rebound };
  }

  /**
   * A replaced PC: the office was set up afresh (a new local unit id), and
   * the code re-enrols it as the unit the hub knows. Allowed only while the
   * new install holds nothing but its set-up rows.
   */
  private async rebind(tx: Queryable, localUnit: string, hubUnit: string): Promise<boolean> {
    const other = await tx.query<{ n: number }>("SELECT count(*)::int AS n FROM outbox WHERE NOT (table_name = 'units' AND row_id = $1)", [localUnit]);
    if ((other.rows[0]?.n ?? 0) > 0) {
      throw new SyncError(
        'scope',
        'Mã này để khôi phục dữ liệu cho một đơn vị đã có trên trạm, nhưng máy này đã có dữ liệu riêng. Chỉ dùng mã khôi phục trên máy mới cài đặt.',
      );
    }
    await tx.query('DELETE FROM outbox');
    await tx.query('UPDATE users SET owner_unit_id = $1', [hubUnit]);
    await tx.query('DELETE FROM units WHERE id = $1', [localUnit]);
    await writeSetting(tx, 'office_unit_id', hubUnit);
    return true;
  }

  // ---------- status and estimate ----------

  async pending(includeDeferred = true): Promise<{ entries: number; blobs: BlobRef[]; deferredBlobs: number }> {
    const st = await this.state();
    const e = await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox WHERE seq > $1', [st.pushCursor]);
    const b = await this.db.query<{ sha256: string; size: number; deferred: boolean }>(
      // An attachment listed as refused waits for the user's retry instead of travelling again.
      "SELECT sha256, size, deferred FROM sync_blobs b WHERE complete AND NOT uploaded AND NOT EXISTS (SELECT 1 FROM sync_item_errors e WHERE e.key = 'attachment:' || b.sha256) ORDER BY created_at, sha256",
    );
    return {
      entries: e.rows[0]?.n ?? 0,
      blobs: b.rows.filter((x) => includeDeferred || !x.deferred).map((x) => ({ sha256: x.sha256, size: Number(x.size) })),
      deferredBlobs: b.rows.filter((x) => x.deferred).length,
    };
  }

  /** Bytes to send (records compressed as they will travel, attachments raw, deferred ones apart) and the time on the link as last measured. */
  async estimate(): Promise<{ recordBytes: number; entries: number; attachments: { sha256: string; size: number; deferred: boolean }[]; attachmentBytes: number; seconds: number | null; link: SyncState['link'] }> {
    const st = await this.state();
    const r = await this.db.query<{ payload: unknown }>('SELECT payload FROM outbox WHERE seq > $1 ORDER BY seq', [st.pushCursor]);
    const recordBytes = r.rows.length === 0 ? 0 : gzipJson(r.rows.map((x) => x.payload)).length;
    const all = await this.pending(true);
    const sending = new Set((await this.pending(false)).blobs.map((b) => b.sha256));
    const attachments = all.blobs.map((b) => ({ ...b, deferred: !sending.has(b.sha256) }));
    const toSend = attachments.filter((b) => !b.deferred);
    const attachmentBytes = toSend.reduce((s, b) => s + b.size, 0);
    const requests = Math.ceil(r.rows.length / LIMITS.pushBatchEntries) + 1 + toSend.reduce((s, b) => s + chunkCount(b.size), 0);
    const seconds = st.link ? estimateSeconds(recordBytes + attachmentBytes, requests, st.link) : null;
    return { recordBytes, entries: r.rows.length, attachments, attachmentBytes, seconds, link: st.link };
  }

  async setDeferred(sha256s: readonly string[], deferred: boolean): Promise<void> {
    for (const sha of sha256s) await this.db.query('UPDATE sync_blobs SET deferred = $2 WHERE sha256 = $1', [sha, deferred]);
  }

  get isRunning(): boolean {
    return this.running !== null;
  }

  // ---------- HTTP sync ----------

  /** One full sync; a second call while one runs joins it. */
  syncNow(policy: AttachmentPolicy = { mode: 'all' }): Promise<SyncSummary> {
    if (this.running) return this.running;
    this.running = this.runSync(policy).finally(() => {
      this.running = null;
    });
    return this.running;
  }

  private async message(dev: DeviceSettings, kind: 'exchange' | 'chunk' | 'blob-get', body: Buffer, enc: 'gzip' | 'json' | 'raw', blob?: { sha256: string; size: number; index: number }): Promise<{ n: number; bytes: Buffer }> {
    const n = await this.nextN();
    const bytes = encodeBundle(
      { v: PROTOCOL_VERSION, kind, from: dev.deviceId, to: `hub:${dev.hubUnitId}`, unit: dev.unitId, n, at: this.deps.clock().toISOString(), enc, ...(blob ? { blob } : {}) },
      body,
      dev.privateKey,
    );
    return { n, bytes };
  }

  /** Checks a hub answer: framing, signature with the hub's key, that it is for this device and this request. */
  private openAnswer(dev: DeviceSettings, data: Buffer, re: number | null): DecodedBundle {
    const msg = decodeBundle(data);
    if (msg.header.kind !== 'answer' || msg.header.from !== `hub:${dev.hubUnitId}` || msg.header.to !== dev.deviceId || msg.header.unit !== dev.unitId) {
      throw new SyncError('wrong_recipient', 'Gói trả lời không dành cho máy này (của trạm khác hoặc đơn vị khác); không nhập gì.');
    }
    if (!verifyBundle(msg, dev.hubPublicKey)) {
      throw new SyncError('bad_signature', 'Chữ ký của gói trả lời không đúng với trạm đã đăng ký: gói đã bị sửa đổi hoặc giả mạo. Không nhập gì.');
    }
    if (re !== null && msg.header.re !== re) throw new SyncError('bad_bundle', 'Trả lời của trạm không khớp với yêu cầu; sẽ thử lại.');
    return msg;
  }

  private async send(dev: DeviceSettings, path: string, bytes: Buffer): Promise<HttpReply> {
    const client = this.http(dev);
    const started = performance.now();
    const reply = await client.post(path, bytes, 'application/octet-stream');
    this.linkUp = true;
    const ms = performance.now() - started;
    await this.measure(bytes.length + reply.body.length, ms);
    const err = errorOf(reply);
    if (err) throw new SyncError(err.code as SyncErrorCode, err.message, err.cursor !== undefined ? { cursor: err.cursor } : {});
    if (reply.status !== 200) throw new SyncError('bad_request', `Trạm trả lời mã ${reply.status}; sẽ thử lại sau.`);
    return reply;
  }

  /** Link estimate: small requests give the round trip, large ones the rate (both smoothed). */
  private async measure(bytes: number, ms: number): Promise<void> {
    const st = await this.state();
    const prev = st.link;
    let rttMs = prev?.rttMs ?? ms;
    let bytesPerSecond = prev?.bytesPerSecond ?? 50_000;
    if (bytes < 16 * 1024) rttMs = prev ? 0.7 * prev.rttMs + 0.3 * ms : ms;
    else if (ms > rttMs) bytesPerSecond = prev ? 0.7 * bytesPerSecond + 0.3 * (bytes / ((ms - rttMs) / 1000)) : bytes / ((ms - rttMs) / 1000);
    await this.saveState({ link: { bytesPerSecond: Math.round(bytesPerSecond), rttMs: Math.round(rttMs) } });
  }

  private async runSync(policy: AttachmentPolicy): Promise<SyncSummary> {
    const dev = await this.device();
    if (!dev) throw new SyncError('unknown_device', 'Máy này chưa đăng ký với trạm của tỉnh. Hãy nhập địa chỉ trạm và mã đăng ký do Sở Tư pháp cấp.');
    const started = performance.now();
    const client = this.http(dev);
    const before = { ...client.stats };
    const summary: SyncSummary = { pushed: 0, pulled: 0, chunksSent: 0, blobsCompleted: 0, refused: 0, bytesSent: 0, bytesReceived: 0, requests: 0, ms: 0 };
    await this.saveState({ lastAttemptAt: this.deps.clock().toISOString() });
    try {
      const pend = await this.pending(false);
      const blobs = policy.mode === 'none' ? [] : pend.blobs.filter((b) => policy.mode === 'all' || b.size <= (policy.largeBytes ?? LARGE_ATTACHMENT_BYTES));
      this.progress = { phase: 'records', itemsDone: 0, itemsTotal: pend.entries, bytesDone: 0, bytesTotal: 0 };
      let missing: Record<string, number[]> = {};
      let first = true;
      for (;;) {
        const st = await this.state();
        const r = await this.db.query<{ seq: number; table_name: string; row_id: string; owner_unit_id: string; version: number; op: 'insert' | 'update'; payload: Record<string, unknown> }>(
          'SELECT seq, table_name, row_id, owner_unit_id, version, op, payload FROM outbox WHERE seq > $1 ORDER BY seq LIMIT $2',
          [st.pushCursor, LIMITS.pushBatchEntries],
        );
        const entries: Entry[] = r.rows.map((x) => ({ seq: Number(x.seq), table: x.table_name, id: x.row_id, owner: x.owner_unit_id, version: x.version, op: x.op, row: x.payload }));
        const body: ExchangeBody = {
          ...(entries.length > 0 ? { push: { after: st.pushCursor, entries } } : {}),
          pull: { after: st.pullCursor, limit: LIMITS.pullPageEntries, includeOwn: st.restoring },
          ...(first && blobs.length > 0 ? { blobs } : {}),
        };
        let answer: ExchangeAnswer;
        let answerN: number;
        let sender: string;
        try {
          const packed = packJson(body);
          const msg = await this.message(dev, 'exchange', packed.body, packed.enc);
          const reply = await this.send(dev, '/sync/v1/exchange', msg.bytes);
          const opened = this.openAnswer(dev, reply.body, msg.n);
          answer = unpackJson(opened.header.enc, opened.body) as ExchangeAnswer;
          answerN = opened.header.n;
          sender = opened.header.from;
        } catch (error) {
          if (error instanceof SyncError && error.code === 'gap' && error.cursor !== undefined) {
            // The hub holds less than we thought (restored from a backup): resend from its cursor.
            await this.saveState({ pushCursor: error.cursor });
            continue;
          }
          throw error;
        }
        const pulled = await this.applyAnswer(answer, dev, sender, answerN);
        summary.pulled += pulled.pulled;
        if (answer.push) summary.pushed += answer.push.applied;
        summary.refused += answer.push?.refused?.length ?? 0;
        if (first && answer.missing) missing = answer.missing;
        first = false;
        if (this.progress) this.progress = { ...this.progress, itemsDone: this.progress.itemsDone + entries.length };
        const pushedAll = entries.length < LIMITS.pushBatchEntries;
        if (pushedAll && !answer.pull?.more) break;
      }
      if (blobs.length > 0) await this.uploadBlobs(dev, blobs, missing, summary);
      if (policy.mode !== 'none') await this.downloadBlobs(dev, policy);
      const now = this.deps.clock().toISOString();
      await this.saveState({ lastSuccessAt: now, lastError: null });
      summary.ms = Math.round(performance.now() - started);
      Object.assign(summary, { bytesSent: client.stats.bytesSent - before.bytesSent, bytesReceived: client.stats.bytesReceived - before.bytesReceived, requests: client.stats.requests - before.requests });
      await this.log('http', 'ok', summary, null);
      return summary;
    } catch (error) {
      let failure = explainFailure(error);
      if (failure.code === 'link_cut' || failure.code === 'offline') {
        // A reset on a kept-alive connection may mean the hub went away: check before explaining.
        this.client?.close();
        this.client = null;
        if (!(await this.probe())) failure = explainFailure(new Error('ECONNREFUSED'));
      }
      await this.saveState({ lastError: failure });
      summary.ms = Math.round(performance.now() - started);
      Object.assign(summary, { bytesSent: client.stats.bytesSent - before.bytesSent, bytesReceived: client.stats.bytesReceived - before.bytesReceived, requests: client.stats.requests - before.requests });
      await this.log('http', 'failed', summary, failure);
      throw error instanceof SyncError ? error : new SyncError('busy', failure.message);
    } finally {
      this.progress = null;
    }
  }

  private async log(channel: string, outcome: string, s: SyncSummary, failure: { code: string; message: string } | null): Promise<void> {
    await this.db.query(
      'INSERT INTO sync_log (at, channel, outcome, bytes_sent, bytes_received, requests, ms, pushed, pulled, error_code, message) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)',
      [this.deps.clock().toISOString(), channel, outcome, s.bytesSent, s.bytesReceived, s.requests, s.ms, s.pushed, s.pulled, failure?.code ?? null, failure?.message ?? null],
    );
  }

  /**
   * Applies a hub answer in one transaction: the download page (newer
   * versions only, no outbox entry), the cursors. An answer already applied
   * (a USB answer imported twice) changes nothing.
   */
  private async applyAnswer(answer: ExchangeAnswer, dev: DeviceSettings, sender: string, n: number): Promise<{ pulled: number; duplicate: boolean }> {
    const changes: Change[] = [];
    const applied = await this.db.transaction(async (tx) => {
      const seen = await tx.query('INSERT INTO sync_seen (sender, n) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING n', [sender, n]);
      if (seen.rows.length === 0) return -1;
      const st = { ...EMPTY_STATE, ...((await readSetting<SyncState>(tx, 'sync.state')) ?? {}) };
      const patch: Partial<SyncState> = {};
      if (answer.push) {
        patch.pushCursor = mergeCursor(st.pushCursor, answer.push.cursor);
        await noteRefusals(tx, st.pushCursor, patch.pushCursor, answer.push.refused ?? [], this.deps.clock().toISOString());
      }
      let count = 0;
      if (answer.pull) {
        const entries = answer.pull.entries.filter((e) => e.seq > st.pullCursor);
        for (const e of entries) {
          if (e.owner !== dev.hubUnitId && e.owner !== dev.unitId) throw new SyncError('scope', 'Trạm gửi xuống bản ghi của đơn vị khác; không nhập gì. Hãy báo cho Sở Tư pháp.');
          if (!isSyncedTable(e.table)) throw new SyncError('bad_bundle', 'Gói trả lời có dữ liệu không nhận dạng được; hãy cập nhật phần mềm.');
        }
        count = await this.applyEntries(tx, entries, changes);
        patch.pullCursor = Math.max(st.pullCursor, answer.pull.cursor);
      }
      // Every exchange asks for the feed; an answer without a pull section means nothing is left to restore.
      if (st.restoring && !answer.pull?.more) patch.restoring = false;
      await writeSetting(tx, 'sync.state', { ...st, ...patch });
      return count;
    });
    if (changes.length > 0) {
      await this.deps.durability.committed(changes);
      this.deps.events.emit({ type: 'changed', tables: [...new Set(changes.map((c) => c.table))] });
    }
    return { pulled: Math.max(0, applied), duplicate: applied < 0 };
  }

  /** Feed order is not always reference order (a row's latest version moves it to the end): retry rows whose parent comes later. */
  private async applyEntries(tx: Queryable, entries: readonly Entry[], changes: Change[]): Promise<number> {
    let queue = [...entries];
    let applied = 0;
    while (queue.length > 0) {
      const later: Entry[] = [];
      for (const e of queue) {
        await tx.query('SAVEPOINT sync_row');
        try {
          const r = await upsertRow(tx, this.types, e);
          await tx.query('RELEASE SAVEPOINT sync_row');
          if (r.outcome === 'applied') {
            applied++;
            changes.push({ table: e.table, rowId: e.id, ownerUnitId: e.owner, version: e.version, op: e.op, row: { ...e.row, id: e.id }, local: false });
          }
        } catch (error) {
          await tx.query('ROLLBACK TO SAVEPOINT sync_row');
          if ((error as { code?: string }).code === '23503') later.push(e);
          else throw error;
        }
      }
      if (later.length === queue.length) throw new SyncError('bad_bundle', 'Dữ liệu tải về tham chiếu tới bản ghi chưa có; sẽ tải lại ở lần đồng bộ sau.');
      queue = later;
    }
    return applied;
  }

  private async uploadBlobs(dev: DeviceSettings, blobs: readonly BlobRef[], missing: Record<string, number[]>, summary: SyncSummary): Promise<void> {
    const todo = blobs.map((b) => ({ ...b, missing: missing[b.sha256] ?? [] }));
    const totalBytes = todo.reduce((s, b) => s + bytesOfChunks(b.size, b.missing), 0);
    this.progress = { phase: 'attachments', itemsDone: 0, itemsTotal: todo.length, bytesDone: 0, bytesTotal: totalBytes };
    for (const b of todo) {
      try {
        if (b.missing.length > 0) await this.uploadBlob(dev, b, summary);
      } catch (error) {
        // The hub refusing this one attachment must not stop the others; a link failure stops the sync.
        if (!(error instanceof SyncError) || !ITEM_LEVEL_CODES.has(error.code)) throw error;
        await noteAttachmentRefused(this.db, b.sha256, b.size, 'attachment_refused', this.deps.clock().toISOString(), error.code);
        summary.refused++;
      }
      if (this.progress) this.progress = { ...this.progress, itemsDone: this.progress.itemsDone + 1 };
    }
  }

  /** Sends the chunks the hub lacks of one attachment; a damaged local copy is listed, not sent. */
  private async uploadBlob(dev: DeviceSettings, b: BlobRef & { missing: number[] }, summary: SyncSummary): Promise<void> {
    const whole = await readBlob(this.db, b.sha256);
    if (!whole || whole.length !== b.size || createHash('sha256').update(whole).digest('hex') !== b.sha256) {
      await noteAttachmentRefused(this.db, b.sha256, b.size, 'attachment_corrupt', this.deps.clock().toISOString());
      summary.refused++;
      return;
    }
    let left = b.missing;
    for (const index of b.missing) {
      const { start, end } = chunkRange(b.size, index);
      const data = whole.subarray(start, end);
      const msg = await this.message(dev, 'chunk', data, 'raw', { sha256: b.sha256, size: b.size, index });
      const reply = await this.send(dev, '/sync/v1/chunk', msg.bytes);
      const opened = this.openAnswer(dev, reply.body, msg.n);
      left = (unpackJson(opened.header.enc, opened.body) as { missing: number[] }).missing;
      summary.chunksSent++;
      if (this.progress) this.progress = { ...this.progress, bytesDone: this.progress.bytesDone + data.length };
    }
    if (left.some((i) => b.missing.includes(i))) {
      // Every chunk went and the hub still lacks some: it dropped the whole (content did not hash right). Resending would loop.
      await noteAttachmentRefused(this.db, b.sha256, b.size, 'attachment_refused', this.deps.clock().toISOString(), 'hash');
      summary.refused++;
      return;
    }
    if (left.length === 0) {
      await this.db.query('UPDATE sync_blobs SET uploaded = true WHERE sha256 = $1', [b.sha256]);
      await clearItemError(this.db, `attachment:${b.sha256}`);
      summary.blobsCompleted++;
    }
  }

  /**
   * Files the office's rows name but it lacks (from the province, or its own
   * when restoring): fetched one missing chunk per signed blob-get, so a cut
   * resumes at the next missing chunk. A file the hub refuses or lacks is
   * skipped (asked again next time); a link failure ends the sync as usual.
   */
  private async downloadBlobs(dev: DeviceSettings, policy: AttachmentPolicy): Promise<void> {
    const wanted = (await missingDownloads(this.db)).filter((b) => policy.mode === 'all' || b.size <= (policy.largeBytes ?? 1024 * 1024));
    if (wanted.length === 0) return;
    this.progress = { phase: 'download', itemsDone: 0, itemsTotal: wanted.length, bytesDone: 0, bytesTotal: bytesToFetch(wanted) };
    for (const b of wanted) {
      try {
        for (const index of b.missing) {
          const blob = { sha256: b.sha256, size: b.size, index };
          const msg = await this.message(dev, 'blob-get', Buffer.alloc(0), 'raw', blob);
          const reply = await this.send(dev, '/sync/v1/chunk', msg.bytes);
          const opened = this.openAnswer(dev, reply.body, msg.n);
          const h = opened.header.blob;
          if (opened.header.enc !== 'raw' || !h || h.sha256 !== blob.sha256 || h.index !== index) throw new SyncError('bad_bundle', 'Trạm trả lời sai phần tệp được hỏi; sẽ tải lại.');
          await storeDownloadedChunk(this.db, b, index, opened.body);
          if (this.progress) this.progress = { ...this.progress, bytesDone: this.progress.bytesDone + opened.body.length };
        }
      } catch (error) {
        if (!(error instanceof SyncError) || !['scope', 'bad_request'].includes(error.code)) throw error;
        this.deps.logger.warn('attachment not downloaded', { sha256: b.sha256, code: error.code });
      }
      if (this.progress) this.progress = { ...this.progress, itemsDone: this.progress.itemsDone + 1 };
    }
  }

  /** Is the hub reachable? One small GET (no data, no signature). */
  async probe(): Promise<boolean> {
    const dev = await this.device();
    if (!dev) return false;
    try {
      const reply = await this.http(dev).get('/health');
      this.linkUp = reply.status === 200;
    } catch {
      this.linkUp = false;
    }
    return this.linkUp;
  }

  /**
   * Automatic sync: as soon as the hub becomes reachable, again after a
   * failed attempt, and at each interval. While the hub is unreachable it is
   * probed more often (one small GET), so a link that comes back is used at once.
   */
  startAuto(intervalMs: number, probe: { upMs?: number; downMs?: number } = {}): void {
    if (this.timer) return;
    const upMs = Math.min(intervalMs, probe.upMs ?? 60_000);
    const downMs = Math.min(intervalMs, probe.downMs ?? 15_000);
    const tick = async () => {
      if (this.running || !(await this.device())) return;
      const wasUp = this.linkUp;
      if (await this.probe()) {
        const st = await this.state();
        const retry = st.lastError !== null && !PERMANENT_FAILURES.has(st.lastError.code);
        const due = !st.lastSuccessAt || wasUp !== true || retry || this.deps.clock().getTime() - new Date(st.lastSuccessAt).getTime() >= intervalMs;
        if (due) await this.syncNow({ mode: 'small', largeBytes: LARGE_ATTACHMENT_BYTES }).catch(() => undefined);
      }
    };
    // A closed store (or any failure) must not become an unhandled rejection; the next tick tries again.
    const loop = () => {
      void tick()
        .catch(() => undefined)
        .finally(() => {
          if (!this.timer) return;
          this.timer = setTimeout(loop, this.linkUp === true ? upMs : downMs);
          this.timer.unref();
        });
    };
    this.timer = setTimeout(loop, 0);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.client?.close();
    this.client = null;
  }

  // ---------- USB bundles ----------

  /** A bundle with everything the hub may lack: the outbox after the acknowledged cursor, the feed request, and whole attachments. */
  async exportBundle(opts: { attachments?: boolean } = {}): Promise<{ bytes: Buffer; entries: number; blobs: number }> {
    const dev = await this.device();
    if (!dev) throw new SyncError('unknown_device', 'Máy này chưa đăng ký với trạm của tỉnh; chưa thể tạo gói USB.');
    const st = await this.state();
    const r = await this.db.query<{ seq: number; table_name: string; row_id: string; owner_unit_id: string; version: number; op: 'insert' | 'update'; payload: Record<string, unknown> }>(
      'SELECT seq, table_name, row_id, owner_unit_id, version, op, payload FROM outbox WHERE seq > $1 ORDER BY seq',
      [st.pushCursor],
    );
    const entries: Entry[] = r.rows.map((x) => ({ seq: Number(x.seq), table: x.table_name, id: x.row_id, owner: x.owner_unit_id, version: x.version, op: x.op, row: x.payload }));
    const blobData: { sha256: string; base64: string }[] = [];
    if (opts.attachments !== false) {
      for (const b of (await this.pending(true)).blobs) {
        const data = await readBlob(this.db, b.sha256);
        if (data) blobData.push({ sha256: b.sha256, base64: data.toString('base64') });
      }
    }
    const body: ExchangeBody = {
      ...(entries.length > 0 ? { push: { after: st.pushCursor, entries } } : {}),
      pull: { after: st.pullCursor, limit: 1_000_000, includeOwn: st.restoring },
      ...(blobData.length > 0 ? { blobData } : {}),
      ...(await wantedForBundle(this.db)),
    };
    const packed = packJson(body);
    const msg = await this.message(dev, 'exchange', packed.body, packed.enc);
    await writeSetting(this.db, 'sync.lastBundle', { n: msg.n, blobs: blobData.map((b) => b.sha256) });
    return { bytes: msg.bytes, entries: entries.length, blobs: blobData.length };
  }

  /** Imports the province's answer bundle; a bundle for another office, tampered, truncated, or already imported is refused or a no-op. */
  async importAnswer(data: Buffer): Promise<{ pulled: number; pushedAcknowledged: number; alreadyImported: boolean }> {
    const dev = await this.device();
    if (!dev) throw new SyncError('unknown_device', 'Máy này chưa đăng ký với trạm của tỉnh; không nhập được gói trả lời.');
    const opened = this.openAnswer(dev, data, null);
    const answer = unpackJson(opened.header.enc, opened.body) as ExchangeAnswer;
    const { pulled, duplicate } = await this.applyAnswer(answer, dev, opened.header.from, opened.header.n);
    if (duplicate) return { pulled: 0, pushedAcknowledged: answer.push?.cursor ?? 0, alreadyImported: true };
    if (answer.blobsStored) {
      for (const sha of answer.blobsStored) await this.db.query('UPDATE sync_blobs SET uploaded = true WHERE sha256 = $1', [sha]);
    }
    if (answer.blobData) await storeWholeDownloads(this.db, answer.blobData);
    await this.saveState({ lastSuccessAt: this.deps.clock().toISOString(), lastError: null });
    await this.log('usb', 'ok', { pushed: answer.push?.applied ?? 0, pulled, chunksSent: 0, blobsCompleted: answer.blobsStored?.length ?? 0, refused: answer.push?.refused?.length ?? 0, bytesSent: 0, bytesReceived: data.length, requests: 0, ms: 0 }, null);
    return { pulled, pushedAcknowledged: answer.push?.cursor ?? 0, alreadyImported: false };
  }
}
