import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Database, Queryable } from '../../shared/db/port.js';
import { migrate } from '../../shared/db/migrate.js';
import { officeMigrations } from '../../shared/db/migrations/index.js';
import { hubMigrations } from '../../shared/db/migrations/hub/index.js';
import { tableSpec } from '../../shared/db/tables.js';
import { chunkCount, missingChunks } from '../../shared/sync/chunks.js';
import { planPush, isOrderedBatch } from '../../shared/sync/cursors.js';
import {
  CHUNK_SIZE,
  LIMITS,
  PROTOCOL_VERSION,
  enrollRequestSchema,
  enrollSigningPayload,
  exchangeBodySchema,
  negotiateVersion,
  MIN_PROTOCOL_VERSION,
  type BlobRef,
  type EnrollAnswer,
  type Entry,
  type ExchangeAnswer,
  type ExchangeBody,
  type PushAnswer,
} from '../../shared/sync/protocol.js';
import { hostileEntry, screenBatch, screenEntry, type ItemRefusal } from '../../shared/sync/refusals.js';
import type { Logger } from '../store/deps.js';
import { ColumnTypes, isDataError, upsertRow } from './apply.js';
import { decodeBundle, encodeBundle, packJson, sha256, unpackJson, verifyBundle, type DecodedBundle } from './codec.js';
import { MSG, SyncError } from './errors.js';
import { generateKeys, verifyText } from './keys.js';
import { storeChunk } from './blobs.js';
import { feedProvinceEntries } from './feed-audience.js';
import { blobsForUsbAnswer, chunkForOffice } from './downward.js';

export interface HubIdentity {
  unitId: string;
  name: string;
  publicKey: string;
  privateKey: string;
}

export interface DeviceRow {
  id: string;
  unit_id: string;
  unit_name: string;
  device_name: string;
  public_key: string;
  enrolled_at: string;
  revoked_at: string | null;
  last_seen_at: string | null;
  upload_cursor: number;
}

export interface DeviceInfo {
  id: string;
  unitId: string;
  unitName: string;
  deviceName: string;
  enrolledAt: string;
  revokedAt: string | null;
  lastSeenAt: string | null;
  uploadCursor: number;
}

const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';

/** Codes are typed by people: case, spaces and dashes do not matter. */
export function normaliseCode(code: string): string {
  return code.toUpperCase().replace(/[\s-]+/gu, '');
}

function hashCode(code: string): string {
  return createHash('sha256').update(`thidua-code\n${normaliseCode(code)}`).digest('hex');
}

function newCode(): string {
  const bytes = randomBytes(12);
  const chars = [...bytes].map((b) => CODE_ALPHABET[b % CODE_ALPHABET.length] ?? 'A').join('');
  return `${chars.slice(0, 4)}-${chars.slice(4, 8)}-${chars.slice(8, 12)}`;
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

/** Feed writers take this lock so that, on PostgreSQL, feed rows commit in seq order and no cursor skips one. */
const FEED_LOCK = 727_001;

export async function migrateHub(db: Database): Promise<void> {
  await migrate(db, officeMigrations);
  await migrate(db, hubMigrations);
}

/**
 * The provincial hub's logic, independent of transport: the HTTP server,
 * the USB import and the tests all call these. Each request is checked in
 * this order: framing, protocol version, recipient, device, revocation,
 * body hash, signature, scope, replay; only then does anything get written,
 * in one transaction.
 */
export class HubCore {
  private readonly types = new ColumnTypes();

  private constructor(
    readonly db: Database,
    readonly identity: HubIdentity,
    private readonly clock: () => Date,
    private readonly logger: Logger,
  ) {}

  get hubId(): string {
    return `hub:${this.identity.unitId}`;
  }

  /** Creates the hub's identity (unit, key pair) on first start; later starts reuse it. */
  static async open(db: Database, opts: { clock?: () => Date; logger: Logger; name?: string; unitId?: string }): Promise<HubCore> {
    await migrateHub(db);
    let identity = await readSetting<HubIdentity>(db, 'hub.identity');
    const clock = opts.clock ?? (() => new Date());
    if (!identity) {
      const keys = generateKeys();
      identity = { unitId: opts.unitId ?? randomUUID(), name: opts.name ?? 'Sở Tư pháp', ...keys };
      const id = identity;
      await db.transaction(async (tx) => {
        await writeSetting(tx, 'hub.identity', id);
        const existing = await readSetting<string>(tx, 'office_unit_id');
        if (!existing) await writeSetting(tx, 'office_unit_id', id.unitId);
      });
      const core = new HubCore(db, identity, clock, opts.logger);
      await core.publish('units', {
        id: identity.unitId,
        parent_id: null,
        name: identity.name,
        short_name: null,
        level: 'province_department',
        parent_name: null,
        province: null,
        place_name: null,
        valid_from: null,
        valid_to: null,
        status: 'active',
      });
      opts.logger.info('hub identity created', { unitId: identity.unitId });
      return core;
    }
    return new HubCore(db, identity, clock, opts.logger);
  }

  private now(): string {
    return this.clock().toISOString();
  }

  // ---------- province-side administration ----------

  /** A one-time enrolment code for an office (a new one, or `unitId` to re-enrol a replaced PC). Returned once, stored only as a hash. */
  async createCode(opts: { unitName: string; unitId?: string; ttlHours?: number }): Promise<{ code: string; expiresAt: string }> {
    const code = newCode();
    const expiresAt = new Date(this.clock().getTime() + (opts.ttlHours ?? 72) * 3600_000).toISOString();
    await this.db.query('INSERT INTO hub_codes (code_hash, unit_id, unit_name, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)', [
      hashCode(code),
      opts.unitId ?? null,
      opts.unitName,
      this.now(),
      expiresAt,
    ]);
    this.logger.info('enrolment code created', { unitName: opts.unitName, unitId: opts.unitId ?? null, expiresAt });
    return { code, expiresAt };
  }

  async devices(): Promise<DeviceInfo[]> {
    const r = await this.db.query<DeviceRow>('SELECT * FROM hub_devices ORDER BY unit_name, enrolled_at');
    return r.rows.map((d) => ({
      id: d.id,
      unitId: d.unit_id,
      unitName: d.unit_name,
      deviceName: d.device_name,
      enrolledAt: d.enrolled_at,
      revokedAt: d.revoked_at,
      lastSeenAt: d.last_seen_at,
      uploadCursor: Number(d.upload_cursor),
    }));
  }

  async revoke(deviceId: string): Promise<boolean> {
    const r = await this.db.query('UPDATE hub_devices SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL RETURNING id', [deviceId, this.now()]);
    if (r.rows.length > 0) this.logger.info('device revoked', { deviceId });
    return r.rows.length > 0;
  }

  /**
   * A row authored by the province (plans, deadlines, reviews, decisions):
   * written as the hub's unit, version bumped, and put in the hub's outbox,
   * from which the feed is filled. The province console's own writes through
   * mutate() reach the feed the same way.
   */
  async publish(table: string, values: Record<string, unknown> & { id: string }): Promise<Record<string, unknown>> {
    const spec = tableSpec(table);
    if (!spec || spec.local) throw new Error(`Table ${table} is not synced`);
    const now = this.now();
    const row = await this.db.transaction(async (tx) => {
      const existing = (await tx.query<{ version: number; created_at: string }>(`SELECT version, created_at FROM ${table} WHERE id = $1`, [values.id])).rows[0];
      const full: Record<string, unknown> = {
        ...values,
        owner_unit_id: this.identity.unitId,
        version: (existing ? Number(existing.version) : 0) + 1,
        created_at: existing?.created_at ?? now,
        updated_at: now,
      };
      const cols = spec.columns.filter((c) => c in full);
      const entry: Entry = { seq: 1, table, id: values.id, owner: this.identity.unitId, version: Number(full.version), op: existing ? 'update' : 'insert', row: Object.fromEntries(cols.map((c) => [c, full[c] ?? null])) };
      await upsertRow(tx, this.types, entry);
      const stored = (await tx.query<Record<string, unknown>>(`SELECT * FROM ${table} WHERE id = $1`, [values.id])).rows[0] ?? entry.row;
      await tx.query('INSERT INTO outbox (table_name, row_id, owner_unit_id, version, op, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        table,
        values.id,
        this.identity.unitId,
        entry.version,
        entry.op,
        JSON.stringify(stored),
        now,
      ]);
      return stored;
    });
    return row;
  }

  /** Copies the hub's own outbox (rows the province wrote) into the feed, with each row's audience. */
  async pump(): Promise<number> {
    // Cheap check first: most downloads find nothing new from the province, and the locked path serialises.
    const pending = await this.db.query(
      'SELECT 1 FROM outbox WHERE owner_unit_id = $1 AND seq > (SELECT outbox_seq FROM hub_pump WHERE id = 1) LIMIT 1',
      [this.identity.unitId],
    );
    if (pending.rows.length === 0) return 0;
    return this.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [FEED_LOCK]);
      const from = Number((await tx.query<{ outbox_seq: number }>('SELECT outbox_seq FROM hub_pump WHERE id = 1')).rows[0]?.outbox_seq ?? 0);
      const r = await tx.query<{ seq: number; table_name: string; row_id: string; version: number; op: string; payload: Record<string, unknown> }>(
        'SELECT seq, table_name, row_id, version, op, payload FROM outbox WHERE seq > $1 AND owner_unit_id = $2 ORDER BY seq',
        [from, this.identity.unitId],
      );
      if (r.rows.length === 0) return 0;
      // Each row to its audience (shared/sync/audience.ts), the rows it points at fed along.
      await feedProvinceEntries(tx, this.identity.unitId, r.rows, this.logger);
      const last = r.rows.at(-1)?.seq ?? from;
      await tx.query('UPDATE hub_pump SET outbox_seq = $1 WHERE id = 1', [last]);
      return r.rows.length;
    });
  }

  private async appendFeed(tx: Queryable, table: string, rowId: string, owner: string, audience: string | null, version: number, op: string, payload: unknown): Promise<void> {
    // One feed row per table row (its latest version): a restore downloads each row once.
    await tx.query('DELETE FROM sync_feed WHERE table_name = $1 AND row_id = $2', [table, rowId]);
    await tx.query('INSERT INTO sync_feed (table_name, row_id, owner_unit_id, audience_unit_id, version, op, payload) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)', [
      table,
      rowId,
      owner,
      audience,
      version,
      op,
      JSON.stringify(payload),
    ]);
  }

  // ---------- enrolment ----------

  async enroll(raw: unknown): Promise<EnrollAnswer> {
    const v = (raw as { v?: unknown } | null)?.v;
    if (typeof v === 'number') {
      const verdict = negotiateVersion(v);
      if (!verdict.ok) throw new SyncError(verdict.code, verdict.message, { supported: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION } });
    }
    const parsed = enrollRequestSchema.safeParse(raw);
    if (!parsed.success) throw new SyncError('bad_request', MSG.badRequest);
    const req = parsed.data;
    if (!verifyText(req.publicKey, enrollSigningPayload(req), req.sig)) throw new SyncError('bad_signature', MSG.badSignature);
    const now = this.now();
    const answer = await this.db.transaction(async (tx) => {
      const code = (await tx.query<{ unit_id: string | null; unit_name: string; expires_at: string; used_at: string | null; revoked: boolean }>(
        'SELECT unit_id, unit_name, expires_at, used_at, revoked FROM hub_codes WHERE code_hash = $1 FOR UPDATE',
        [hashCode(req.code)],
      )).rows[0];
      if (!code || code.revoked) throw new SyncError('bad_code', MSG.badCode);
      if (code.used_at) throw new SyncError('code_used', MSG.codeUsed);
      if (new Date(code.expires_at).getTime() <= this.clock().getTime()) throw new SyncError('code_expired', MSG.codeExpired);
      let unitId: string;
      if (code.unit_id) {
        unitId = code.unit_id;
      } else {
        unitId = req.officeUnitId;
        // A fresh code must not let a device claim a unit the hub already serves.
        const known = await tx.query('SELECT 1 FROM hub_devices WHERE unit_id = $1 UNION ALL SELECT 1 FROM sync_feed WHERE owner_unit_id = $1 LIMIT 1', [unitId]);
        if (known.rows.length > 0 || unitId === this.identity.unitId) {
          throw new SyncError('scope', 'Đơn vị này đã đăng ký với trạm của tỉnh. Để thay máy, hãy xin Sở Tư pháp cấp "mã đăng ký lại" cho đúng đơn vị.');
        }
      }
      const restore = (await tx.query('SELECT 1 FROM sync_feed WHERE owner_unit_id = $1 LIMIT 1', [unitId])).rows.length > 0;
      // One device per office: a re-enrolled PC replaces the old one.
      await tx.query('UPDATE hub_devices SET revoked_at = $2 WHERE unit_id = $1 AND revoked_at IS NULL', [unitId, now]);
      const deviceId = randomUUID();
      const unitName = code.unit_id ? code.unit_name : req.officeName;
      await tx.query('INSERT INTO hub_devices (id, unit_id, unit_name, device_name, public_key, enrolled_at) VALUES ($1, $2, $3, $4, $5, $6)', [
        deviceId,
        unitId,
        unitName,
        req.deviceName,
        req.publicKey,
        now,
      ]);
      await tx.query('UPDATE hub_codes SET used_at = $2, used_by_device = $3 WHERE code_hash = $1', [hashCode(req.code), now, deviceId]);
      return { deviceId, unitId, unitName, hubUnitId: this.identity.unitId, hubName: this.identity.name, hubPublicKey: this.identity.publicKey, restore };
    });
    this.logger.info('device enrolled', { deviceId: answer.deviceId, unitId: answer.unitId, restore: answer.restore });
    return answer;
  }

  // ---------- exchanges ----------

  /** Checks everything about a message that does not need a write: framing, version, recipient, device, signature, scope. */
  private async authenticate(data: Buffer, kinds: readonly string[]): Promise<{ msg: DecodedBundle; device: DeviceRow }> {
    const msg = decodeBundle(data);
    const { header } = msg;
    if (!kinds.includes(header.kind)) throw new SyncError('bad_request', MSG.badRequest);
    if (header.to !== this.hubId) throw new SyncError('wrong_recipient', MSG.wrongRecipient);
    const device = (await this.db.query<DeviceRow>('SELECT * FROM hub_devices WHERE id = $1', [header.from])).rows[0];
    if (!device) throw new SyncError('unknown_device', MSG.unknownDevice);
    if (!verifyBundle(msg, device.public_key)) throw new SyncError('bad_signature', MSG.badSignature);
    if (device.revoked_at) throw new SyncError('revoked', MSG.revoked);
    if (header.unit !== device.unit_id) throw new SyncError('scope', MSG.scope);
    return { msg, device };
  }

  private async markReceived(tx: Queryable, device: DeviceRow, n: number): Promise<void> {
    const r = await tx.query('INSERT INTO hub_received (device_id, n) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING n', [device.id, n]);
    if (r.rows.length === 0) throw new SyncError('replay', MSG.replay);
    await tx.query('UPDATE hub_devices SET last_seen_at = $2, last_n = GREATEST(last_n, $3) WHERE id = $1', [device.id, this.now(), n]);
  }

  /** One exchange (HTTP request or USB bundle): apply the upload, answer with the cursor, the feed page and the missing chunks. */
  async exchange(data: Buffer, opts: { usb?: boolean } = {}): Promise<Buffer> {
    const { msg, device } = await this.authenticate(data, ['exchange']);
    const raw = unpackJson(msg.header.enc, msg.body);
    const parsed = exchangeBodySchema.safeParse(raw);
    if (!parsed.success) throw new SyncError('bad_request', MSG.badRequest);
    const body = parsed.data;
    if (!opts.usb && body.push && body.push.entries.length > LIMITS.pushBatchEntries) throw new SyncError('too_large', MSG.tooLarge);
    if (body.push && !isOrderedBatch(body.push.entries)) throw new SyncError('bad_request', MSG.badRequest);
    const hostile = body.push ? hostileEntry(body.push.entries, device.unit_id) : null;
    if (hostile) throw new SyncError(hostile.code, hostile.code === 'scope' ? MSG.scope : MSG.badRequest);
    const answer: ExchangeAnswer = {};
    const write = (careful: boolean) =>
      this.db.transaction(async (tx) => {
        await this.markReceived(tx, device, msg.header.n);
        if (body.push) answer.push = await this.applyPush(tx, device, body.push, careful);
        if (body.blobData) answer.blobsStored = await this.storeWholeBlobs(tx, body.blobData);
      });
    try {
      try {
        await write(false);
      } catch (error) {
        // A row the database refuses (constraint, type): redo the batch entry by entry so only that row is refused.
        if (!body.push || !isDataError(error)) throw error;
        await write(true);
      }
    } catch (error) {
      if (error instanceof SyncError) throw error;
      if (isDataError(error)) {
        this.logger.warn('exchange refused: bad data', { deviceId: device.id, code: (error as { code?: string }).code });
        throw new SyncError('bad_request', MSG.badRequest);
      }
      throw error;
    }
    await this.finishExchange(device.unit_id, body, opts.usb === true, answer);
    this.logger.info('exchange', {
      deviceId: device.id,
      n: msg.header.n,
      pushed: answer.push?.applied ?? 0,
      refused: answer.push?.refused?.map((r) => `${r.code}:${r.detail ?? r.table}`) ?? [],
      cursor: answer.push?.cursor ?? null,
      pulled: answer.pull?.entries.length ?? 0,
    });
    const packed = packJson(answer);
    return this.answer(device, msg.header.n, packed.body, packed.enc);
  }

  /**
   * The read-only part of an exchange's answer, after its upload is stored:
   * missing chunks and the download page. Shared by exchange() and the hub's
   * group commit (electron/sync/hub-group.ts), so both answer alike.
   */
  async finishExchange(unitId: string, body: ExchangeBody, usb: boolean, answer: ExchangeAnswer, opts: { pumped?: boolean } = {}): Promise<void> {
    if (body.blobs) answer.missing = await this.missingFor(body.blobs);
    if (body.pull) {
      // A group commit pumps once for all its exchanges.
      if (!opts.pumped) await this.pump();
      const page = await this.pullPage(unitId, body.pull, usb);
      // Nothing new: no pull section at all (the office keeps its cursor); keeps the idle check small.
      if (page.entries.length > 0 || page.more || usb) answer.pull = page;
      // A USB answer carries the files the office lacks whole (HTTP fetches them chunk by chunk with blob-get).
      if (usb) {
        const files = await blobsForUsbAnswer(this.db, this.identity.unitId, unitId, body.want ?? [], page.entries);
        if (files.length > 0) answer.blobData = files;
      }
    }
  }

  private async answer(device: DeviceRow, re: number, body: Buffer, enc: 'gzip' | 'json' | 'raw', blob?: { sha256: string; size: number; index: number }): Promise<Buffer> {
    const n = Number((await this.db.query<{ n: number }>("SELECT nextval('hub_message_seq')::bigint AS n")).rows[0]?.n ?? 1);
    return encodeBundle(
      // `at` left empty in answers: the office does not use the hub's clock, and every byte of the idle check counts.
      { v: PROTOCOL_VERSION, kind: 'answer', from: this.hubId, to: device.id, unit: device.unit_id, n, at: '', enc, re, ...(blob ? { blob } : {}) },
      body,
      this.identity.privateKey,
    );
  }

  private async applyPush(tx: Queryable, device: DeviceRow, push: NonNullable<ExchangeBody['push']>, careful = false): Promise<PushAnswer> {
    const cursor = Number((await tx.query<{ upload_cursor: number }>('SELECT upload_cursor FROM hub_devices WHERE id = $1 FOR UPDATE', [device.id])).rows[0]?.upload_cursor ?? 0);
    const plan = planPush(cursor, push.after, push.entries);
    if (plan.kind === 'gap') {
      throw new SyncError('gap', 'Trạm chưa nhận đủ các lần gửi trước; phần mềm sẽ gửi lại từ chỗ trạm đã nhận.', { cursor: plan.cursor });
    }
    // Entries resent after a lost answer: tell again which of them were refused (the hub keeps no list).
    const resent = push.entries.filter((e) => e.seq <= cursor);
    const refused = resent.length > 0 ? await this.refusedBefore(tx, device.unit_id, resent) : [];
    const done = (c: number, applied: number): PushAnswer => ({ cursor: c, applied, ...(refused.length > 0 ? { refused } : {}) });
    if (plan.kind === 'noop') return done(plan.cursor, 0);
    // Entries the hub cannot take are refused one by one; the rest of the batch is applied.
    const screened = screenBatch(plan.entries, device.unit_id);
    refused.push(...screened.refused);
    let applied = 0;
    if (careful) {
      for (const e of screened.accepted) applied += await this.applyOneCarefully(tx, device.unit_id, e, refused);
    } else {
      // Runs of consecutive entries of one table, applied as one statement each: order across tables
      // (a person after the unit it belongs to) is kept, and 5,000 rows cost a few statements, not 20,000.
      let run: Entry[] = [];
      for (const e of screened.accepted) {
        if (run.length > 0 && run[0]?.table !== e.table) {
          applied += await this.applyRun(tx, device.unit_id, run, refused);
          run = [];
        }
        run.push(e);
      }
      if (run.length > 0) applied += await this.applyRun(tx, device.unit_id, run, refused);
    }
    await tx.query('UPDATE hub_devices SET upload_cursor = $2 WHERE id = $1', [device.id, plan.newCursor]);
    return done(plan.newCursor, applied);
  }

  /** One entry in its own savepoint: a row the database refuses becomes a refusal, not a failed batch. */
  private async applyOneCarefully(tx: Queryable, unitId: string, e: Entry, refused: ItemRefusal[]): Promise<number> {
    await tx.query('SAVEPOINT hub_item');
    try {
      const n = await this.applyRun(tx, unitId, [e], refused);
      await tx.query('RELEASE SAVEPOINT hub_item');
      return n;
    } catch (error) {
      if (!isDataError(error)) throw error;
      await tx.query('ROLLBACK TO SAVEPOINT hub_item');
      refused.push({ seq: e.seq, table: e.table, id: e.id, version: e.version, code: 'invalid', detail: `${e.table}:${(error as { code?: string }).code ?? 'data'}` });
      return 0;
    }
  }

  /** Of entries below the cursor (sent before), those the hub does not hold at that version or later: they were refused. */
  private async refusedBefore(tx: Queryable, unitId: string, entries: readonly Entry[]): Promise<ItemRefusal[]> {
    const out: ItemRefusal[] = [];
    const byTable = new Map<string, Entry[]>();
    for (const e of entries) {
      const r = screenEntry(e, unitId);
      if (r) out.push(r);
      else byTable.set(e.table, [...(byTable.get(e.table) ?? []), e]);
    }
    for (const [table, list] of byTable) {
      const held = await tx.query<{ id: string; version: number; owner_unit_id: string }>(`SELECT id, version, owner_unit_id FROM ${table} WHERE id = ANY($1::text[])`, [list.map((e) => e.id)]);
      const have = new Map(held.rows.map((r) => [r.id, r]));
      for (const e of list) {
        const h = have.get(e.id);
        if (h && h.owner_unit_id !== unitId) out.push({ seq: e.seq, table, id: e.id, version: e.version, code: 'scope' });
        else if (!h || Number(h.version) < e.version) out.push({ seq: e.seq, table, id: e.id, version: e.version, code: 'invalid' });
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  /** One table's run of entries from an office: checked, the newest version of each row kept, upserted and fed in bulk. */
  private async applyRun(tx: Queryable, unitId: string, run: readonly Entry[], refused: ItemRefusal[]): Promise<number> {
    const table = run[0]?.table ?? '';
    const spec = tableSpec(table);
    if (!spec || spec.local) throw new SyncError('bad_request', MSG.badRequest);
    const latest = new Map<string, Entry>();
    const keys = new Set<string>();
    for (const e of run) {
      const { row } = e;
      if (row.id !== e.id || row.owner_unit_id !== e.owner || row.version !== e.version) throw new SyncError('bad_request', MSG.badRequest);
      if (e.owner !== unitId) throw new SyncError('scope', MSG.scope);
      for (const k of Object.keys(row)) {
        if (!spec.columns.includes(k)) throw new SyncError('bad_request', MSG.badRequest);
        keys.add(k);
      }
      const prev = latest.get(e.id);
      if (!prev || e.version > prev.version) latest.set(e.id, e);
    }
    const ids = [...latest.keys()];
    const existing = await tx.query<{ id: string; version: number; owner_unit_id: string }>(`SELECT id, version, owner_unit_id FROM ${table} WHERE id = ANY($1::text[])`, [ids]);
    const have = new Map(existing.rows.map((r) => [r.id, r]));
    // A row the hub holds for another unit: refuse this office's entries for it, keep the others.
    for (const r of existing.rows) {
      if (r.owner_unit_id === unitId) continue;
      for (const e of run) if (e.id === r.id) refused.push({ seq: e.seq, table, id: e.id, version: e.version, code: 'scope' });
      latest.delete(r.id);
    }
    const fresh = [...latest.values()].filter((e) => {
      const h = have.get(e.id);
      return !h || Number(h.version) < e.version;
    });
    if (fresh.length === 0) return 0;
    const cols = spec.columns.filter((c) => keys.has(c));
    const sets = cols.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`);
    await tx.query(
      `INSERT INTO ${table} (${cols.join(', ')}) SELECT ${cols.join(', ')} FROM jsonb_populate_recordset(NULL::${table}, $1::jsonb)
       ON CONFLICT (id) DO UPDATE SET ${sets.join(', ')} WHERE ${table}.version < EXCLUDED.version AND ${table}.owner_unit_id = EXCLUDED.owner_unit_id`,
      [JSON.stringify(fresh.map((e) => e.row))],
    );
    // No feed lock here: an office's own feed rows are read only by that office (restore), whose uploads are sequential.
    await tx.query('DELETE FROM sync_feed WHERE table_name = $1 AND row_id = ANY($2::text[])', [table, fresh.map((e) => e.id)]);
    await tx.query(
      `INSERT INTO sync_feed (table_name, row_id, owner_unit_id, audience_unit_id, version, op, payload)
       SELECT $1, x.id, $2, $2, x.version, x.op, x.payload FROM jsonb_to_recordset($3::jsonb) AS x(id text, version integer, op text, payload jsonb)`,
      [table, unitId, JSON.stringify(fresh.map((e) => ({ id: e.id, version: e.version, op: e.op, payload: e.row })))],
    );
    return fresh.length;
  }

  private async pullPage(unitId: string, pull: NonNullable<ExchangeBody['pull']>, unlimited: boolean): Promise<{ entries: Entry[]; cursor: number; more: boolean }> {
    const limit = unlimited ? pull.limit : Math.min(pull.limit, LIMITS.pullPageEntries);
    const r = await this.db.query<{ seq: number; table_name: string; row_id: string; owner_unit_id: string; version: number; op: 'insert' | 'update'; payload: Record<string, unknown> }>(
      `SELECT seq, table_name, row_id, owner_unit_id, version, op, payload FROM sync_feed
       WHERE seq > $1 AND ((owner_unit_id = $2 AND (audience_unit_id IS NULL OR audience_unit_id = $3)) OR ($4 AND owner_unit_id = $3))
       ORDER BY seq LIMIT $5`,
      [pull.after, this.identity.unitId, unitId, pull.includeOwn, limit + 1],
    );
    const more = r.rows.length > limit;
    const rows = r.rows.slice(0, limit);
    const entries: Entry[] = rows.map((e) => ({ seq: Number(e.seq), table: e.table_name, id: e.row_id, owner: e.owner_unit_id, version: e.version, op: e.op, row: e.payload }));
    return { entries, cursor: entries.at(-1)?.seq ?? pull.after, more };
  }

  private async missingFor(blobs: readonly BlobRef[]): Promise<Record<string, number[]>> {
    const out: Record<string, number[]> = {};
    for (const b of blobs) {
      const have = await this.db.query<{ idx: number }>('SELECT idx FROM sync_chunks WHERE sha256 = $1', [b.sha256]);
      const complete = await this.db.query('SELECT 1 FROM sync_blobs WHERE sha256 = $1 AND complete', [b.sha256]);
      out[b.sha256] = complete.rows.length > 0 ? [] : missingChunks(b.size, have.rows.map((x) => x.idx));
    }
    return out;
  }

  private async storeWholeBlobs(tx: Queryable, blobs: NonNullable<ExchangeBody['blobData']>): Promise<string[]> {
    const stored: string[] = [];
    for (const b of blobs) {
      const data = Buffer.from(b.base64, 'base64');
      if (sha256(data) !== b.sha256) throw new SyncError('bad_bundle', MSG.badBundle);
      for (let i = 0; i < chunkCount(data.length); i++) {
        await storeChunk(tx, b.sha256, data.length, i, data.subarray(i * CHUNK_SIZE, Math.min(data.length, (i + 1) * CHUNK_SIZE)));
      }
      stored.push(b.sha256);
    }
    return stored;
  }

  /** One attachment chunk: stored when its bytes hash right; the blob is complete when every chunk is there and the whole hashes right. */
  async chunk(data: Buffer): Promise<Buffer> {
    const { msg, device } = await this.authenticate(data, ['chunk', 'blob-get']);
    if (msg.header.kind === 'blob-get') return this.serveChunk(msg, device);
    const blob = msg.header.blob;
    if (!blob || msg.header.enc !== 'raw') throw new SyncError('bad_request', MSG.badRequest);
    const count = chunkCount(blob.size);
    const expectedLength = blob.index === count - 1 ? blob.size - blob.index * CHUNK_SIZE : CHUNK_SIZE;
    if (blob.index >= count || msg.body.length !== expectedLength) throw new SyncError('bad_request', MSG.badRequest);
    let missing: number[] = [];
    await this.db.transaction(async (tx) => {
      await this.markReceived(tx, device, msg.header.n);
      missing = await storeChunk(tx, blob.sha256, blob.size, blob.index, msg.body);
    });
    const packed = packJson({ missing });
    return this.answer(device, msg.header.n, packed.body, packed.enc);
  }

  /** A chunk going down (blob-get on the chunk route): only of a file the office's feed names (electron/sync/downward.ts). */
  private async serveChunk(msg: DecodedBundle, device: DeviceRow): Promise<Buffer> {
    const blob = msg.header.blob;
    if (!blob || msg.body.length !== 0) throw new SyncError('bad_request', MSG.badRequest);
    const data = await chunkForOffice(this.db, this.identity.unitId, device.unit_id, blob);
    await this.db.transaction((tx) => this.markReceived(tx, device, msg.header.n));
    return this.answer(device, msg.header.n, data, 'raw', blob);
  }

  async health(): Promise<{ ok: true; protocol: { min: number; max: number }; dialect: string; hubUnitId: string; devices: number }> {
    const n = Number((await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub_devices WHERE revoked_at IS NULL')).rows[0]?.n ?? 0);
    return { ok: true, protocol: { min: MIN_PROTOCOL_VERSION, max: PROTOCOL_VERSION }, dialect: this.db.dialect, hubUnitId: this.identity.unitId, devices: n };
  }
}
