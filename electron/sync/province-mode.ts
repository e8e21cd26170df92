import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { networkInterfaces } from 'node:os';
import { join } from 'node:path';
import { ApiError } from '../../shared/api/errors.js';
import type { BundleImportView, EnrolmentCodeView, ProvinceDeviceView, ProvinceServerView, ProvinceStatusView } from '../../shared/api/methods/province.js';
import { migrate } from '../../shared/db/migrate.js';
import { hubMigrations } from '../../shared/db/migrations/hub/index.js';
import type { Database, Queryable } from '../../shared/db/port.js';
import { TABLES } from '../../shared/db/tables.js';
import { fileSlug } from '../../shared/vi/search.js';
import { chunkCount } from '../../shared/sync/chunks.js';
import type { ExchangeAnswer } from '../../shared/sync/protocol.js';
import { DEFAULT_HUB_PORT, isProvinceLevel } from '../../shared/sync/province.js';
import type { EventSink, Logger } from '../store/deps.js';
import type { DurableStore } from '../durability/durable-store.js';
import { decodeBundle, sha256, unpackJson } from './codec.js';
import { SyncError } from './errors.js';
import { HubCore, type HubIdentity } from './hub-core.js';
import { startHubHttp, type HubHttp } from './hub-http.js';
import { runHubOp, type HubOp, type HubReply } from './hub-ops.js';
import { generateKeys } from './keys.js';

/** Where answer bundles are kept so the province can save one again (a lost USB stick, a second copy). */
export interface AnswerFiles {
  save(id: string, bytes: Buffer): void;
  read(id: string): Buffer | null;
}

export function folderAnswerFiles(dir: string): AnswerFiles {
  return {
    save(id, bytes) {
      mkdirSync(dir, { recursive: true });
      const file = join(dir, `${id}.tdsync`);
      writeFileSync(`${file}.tmp`, bytes);
      renameSync(`${file}.tmp`, file);
    },
    read(id) {
      const file = join(dir, `${id}.tdsync`);
      return existsSync(file) ? readFileSync(file) : null;
    },
  };
}

export function memoryAnswerFiles(): AnswerFiles {
  const files = new Map<string, Buffer>();
  return {
    save: (id, bytes) => void files.set(id, bytes),
    read: (id) => files.get(id) ?? null,
  };
}

export interface ProvinceModeDeps {
  db: Database;
  clock: () => Date;
  logger: Logger;
  events: EventSink;
  /** The store's write queue: hub requests from the LAN take their turn with the app's own saves and snapshots. */
  run: <T>(task: () => Promise<T>) => Promise<T>;
  answers: AnswerFiles;
  /** Present for a store on a data folder: hub writes are not in the journal, so a snapshot follows them. */
  durable?: DurableStore;
  /** Snapshot delay after hub writes (default 60 s: one snapshot covers many offices' syncs). */
  snapshotDelayMs?: number;
}

interface ServerSetting {
  enabled: boolean;
  host: string;
  port: number;
}

interface ImportRecord extends BundleImportView {
  deviceId: string;
  n: number;
  bundleSha256: string;
}

const KEEP_IMPORTS = 50;
const DEFAULT_SERVER: ServerSetting = { enabled: false, host: '0.0.0.0', port: DEFAULT_HUB_PORT };

/** Tables whose screens reload after an office's data arrives. */
const SYNCED_TABLES = Object.entries(TABLES)
  .filter(([, spec]) => !spec.local)
  .map(([name]) => name);

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

/** The hub's refusals are worded for an office; at the province the same code needs the province's point of view. */
const PROVINCE_WORDING: Partial<Record<string, string>> = {
  wrong_recipient: 'Gói này không gửi cho trạm của tỉnh này (gửi cho tỉnh khác, hoặc là gói trả lời dành cho đơn vị). Không có gì được ghi.',
  unknown_device: 'Gói này đến từ một máy chưa đăng ký với trạm của tỉnh này. Hãy cấp mã đăng ký cho đơn vị trước. Không có gì được ghi.',
  revoked: 'Máy gửi gói này đã bị thu hồi quyền đồng bộ. Không có gì được ghi; hãy cấp mã đăng ký mới nếu đơn vị đã thay máy.',
  bad_signature: 'Gói này đã bị sửa đổi sau khi đơn vị xuất (chữ ký không khớp). Không có gì được ghi; hãy đề nghị đơn vị xuất lại gói.',
  bad_bundle: 'Tệp gói bị hỏng hoặc bị cắt cụt (có thể chép chưa xong). Không có gì được ghi; hãy chép lại hoặc đề nghị đơn vị xuất lại gói.',
  replay: 'Gói này đã được nhập trước đây; không có gì thay đổi.',
  bad_request: 'Tệp này không phải gói dữ liệu do đơn vị xuất để gửi tỉnh (có thể là gói trả lời của tỉnh, hoặc tệp khác). Không có gì được ghi.',
  scope: 'Gói này có dữ liệu không thuộc đơn vị gửi. Không có gì được ghi.',
  gap: 'Gói này tiếp nối một gói trước chưa được nhập. Hãy nhập gói trước, hoặc đề nghị đơn vị xuất gói mới (gói mới luôn gồm mọi thứ trạm còn thiếu).',
};

function asApiError(error: unknown): never {
  if (error instanceof SyncError) {
    const code = error.code === 'replay' || error.code === 'gap' ? 'conflict' : error.code === 'revoked' || error.code === 'scope' ? 'forbidden' : 'bad_file';
    throw new ApiError(code, PROVINCE_WORDING[error.code] ?? error.message);
  }
  throw error;
}

/**
 * Province mode: the store of a provincial office also runs the hub (HubCore
 * over the SAME database, hub tables added by the hub migrations), in the
 * store process, never on a thread that paints windows. The hub's unit is
 * the office's root unit, so everything the province writes through mutate()
 * lands in the outbox under that unit and HubCore.pump() carries it into the
 * feed before each download. Built at the store's composition root; nothing
 * starts unless the office's level is provincial.
 */
export class ProvinceMode {
  private corePromise: Promise<HubCore> | null = null;
  private http: HubHttp | null = null;
  private serverError: string | null = null;
  private snapshotTimer: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly deps: ProvinceModeDeps) {}

  private get db(): Database {
    return this.deps.db;
  }

  private async officeUnit(): Promise<{ id: string; name: string; level: string } | null> {
    const id = await readSetting<string>(this.db, 'office_unit_id');
    if (!id) return null;
    return (await this.db.query<{ id: string; name: string; level: string }>('SELECT id, name, level FROM units WHERE id = $1', [id])).rows[0] ?? null;
  }

  async isProvince(): Promise<boolean> {
    const office = await this.officeUnit();
    return office !== null && isProvinceLevel(office.level);
  }

  /** The hub over this store's database; opened on first use, only for a provincial office. */
  async core(): Promise<HubCore> {
    if (!this.corePromise) {
      this.corePromise = this.openCore();
      this.corePromise.catch(() => {
        this.corePromise = null;
      });
    }
    return this.corePromise;
  }

  private async openCore(): Promise<HubCore> {
    const office = await this.officeUnit();
    if (!office || !isProvinceLevel(office.level)) {
      throw new ApiError('not_configured', 'Chức năng trạm đồng bộ chỉ dùng cho đơn vị cấp tỉnh (Sở, ngành cấp tỉnh hoặc UBND tỉnh). Cấp của đơn vị được chọn khi cài đặt lần đầu, sửa được trong Danh mục › Đơn vị.');
    }
    await migrate(this.db, hubMigrations);
    const identity = await readSetting<HubIdentity>(this.db, 'hub.identity');
    if (!identity) {
      // Written before HubCore.open so the hub takes the office's own unit (and does not publish a unit row of its own).
      const keys = generateKeys();
      const fresh: HubIdentity = { unitId: office.id, name: office.name, ...keys };
      await writeSetting(this.db, 'hub.identity', fresh);
      this.deps.logger.info('province hub identity created', { unitId: office.id });
    } else if (identity.unitId !== office.id) {
      throw new ApiError('conflict', 'Dữ liệu trạm đồng bộ trên máy này thuộc một đơn vị khác (có thể do khôi phục bản sao lưu của nơi khác). Hãy liên hệ quản trị trước khi dùng trạm.');
    } else if (identity.name !== office.name) {
      // A renamed province: offices enrolling from now on see the current name (the keys stay).
      await writeSetting(this.db, 'hub.identity', { ...identity, name: office.name });
    }
    return HubCore.open(this.db, { clock: this.deps.clock, logger: this.deps.logger, unitId: office.id, name: office.name });
  }

  /** At store start: open the hub and listen again if the province left it listening. */
  async start(): Promise<void> {
    if (!(await this.isProvince())) return;
    await this.deps.run(() => this.core());
    const setting = await this.serverSetting();
    if (setting.enabled) await this.listen(setting).catch(() => undefined);
  }

  // ---------- status ----------

  async status(): Promise<ProvinceStatusView> {
    if (!(await this.isProvince())) return { province: false, hubUnitId: null, hubName: null, activeDevices: 0, server: await this.serverView() };
    const core = await this.core();
    const n = Number((await this.db.query<{ n: number }>('SELECT count(*)::int AS n FROM hub_devices WHERE revoked_at IS NULL')).rows[0]?.n ?? 0);
    return { province: true, hubUnitId: core.identity.unitId, hubName: core.identity.name, activeDevices: n, server: await this.serverView() };
  }

  // ---------- codes ----------

  async createCode(input: { unitName: string; unitId?: string | null | undefined; ttlHours: number }): Promise<{ code: string; expiresAt: string; unitName: string; unitId: string | null }> {
    const core = await this.core();
    let unitName = input.unitName;
    if (input.unitId) {
      // Re-enrolment is for an office the hub already serves; a unit of the province's own tree would clash with the office's rows.
      const known = (await this.db.query<{ unit_name: string }>('SELECT unit_name FROM hub_devices WHERE unit_id = $1 ORDER BY enrolled_at DESC LIMIT 1', [input.unitId])).rows[0];
      if (!known) throw new ApiError('not_found', 'Đơn vị này chưa từng đăng ký với trạm; hãy cấp mã cho đơn vị mới (không chọn đơn vị).');
      unitName = known.unit_name;
    }
    const r = await core.createCode({ unitName, ...(input.unitId ? { unitId: input.unitId } : {}), ttlHours: input.ttlHours });
    this.afterHubWrite(['province']);
    return { code: r.code, expiresAt: r.expiresAt, unitName, unitId: input.unitId ?? null };
  }

  async codes(): Promise<EnrolmentCodeView[]> {
    await this.core();
    const r = await this.db.query<{ code_hash: string; unit_id: string | null; unit_name: string; created_at: string | Date; expires_at: string | Date; used_at: string | Date | null; revoked: boolean }>(
      'SELECT code_hash, unit_id, unit_name, created_at, expires_at, used_at, revoked FROM hub_codes ORDER BY created_at DESC LIMIT 200',
    );
    const now = this.deps.clock().getTime();
    return r.rows.map((c) => ({
      key: c.code_hash.slice(0, 8),
      unitName: c.unit_name,
      unitId: c.unit_id,
      createdAt: iso(c.created_at),
      expiresAt: iso(c.expires_at),
      usedAt: c.used_at ? iso(c.used_at) : null,
      status: c.revoked ? 'revoked' : c.used_at ? 'used' : new Date(c.expires_at).getTime() <= now ? 'expired' : 'waiting',
    }));
  }

  // ---------- devices ----------

  async devices(): Promise<ProvinceDeviceView[]> {
    await this.core();
    const r = await this.db.query<{ id: string; unit_id: string; unit_name: string; device_name: string; enrolled_at: string | Date; last_seen_at: string | Date | null; revoked_at: string | Date | null; upload_cursor: number; rows_held: number }>(
      `SELECT d.id, d.unit_id, d.unit_name, d.device_name, d.enrolled_at, d.last_seen_at, d.revoked_at, d.upload_cursor,
              (SELECT count(*)::int FROM sync_feed f WHERE f.owner_unit_id = d.unit_id) AS rows_held
       FROM hub_devices d ORDER BY d.revoked_at IS NOT NULL, d.unit_name, d.enrolled_at DESC`,
    );
    const reasons = (await readSetting<Record<string, { reason: string }>>(this.db, 'province.revocations')) ?? {};
    return r.rows.map((d) => ({
      id: d.id,
      unitId: d.unit_id,
      unitName: d.unit_name,
      deviceName: d.device_name,
      enrolledAt: iso(d.enrolled_at),
      lastSeenAt: d.last_seen_at ? iso(d.last_seen_at) : null,
      rowsHeld: Number(d.rows_held),
      uploadCursor: Number(d.upload_cursor),
      revokedAt: d.revoked_at ? iso(d.revoked_at) : null,
      revokeReason: reasons[d.id]?.reason ?? null,
    }));
  }

  async revoke(deviceId: string, reason: string, by: string): Promise<{ revoked: boolean }> {
    const core = await this.core();
    const exists = (await this.db.query('SELECT 1 FROM hub_devices WHERE id = $1', [deviceId])).rows.length > 0;
    if (!exists) throw new ApiError('not_found', 'Không có máy này trong danh sách của trạm.');
    const revoked = await core.revoke(deviceId);
    if (revoked) {
      const reasons = (await readSetting<Record<string, { reason: string; by: string; at: string }>>(this.db, 'province.revocations')) ?? {};
      reasons[deviceId] = { reason, by, at: this.deps.clock().toISOString() };
      await writeSetting(this.db, 'province.revocations', reasons);
      this.deps.logger.info('device revoked by province', { deviceId });
    }
    this.afterHubWrite(['province']);
    return { revoked };
  }

  // ---------- USB bundles ----------

  private async imports(): Promise<ImportRecord[]> {
    return (await readSetting<ImportRecord[]>(this.db, 'province.imports')) ?? [];
  }

  async importList(): Promise<BundleImportView[]> {
    return (await this.imports()).map(({ deviceId: _d, n: _n, bundleSha256: _s, ...view }) => view);
  }

  /** An office's bundle through the same HubCore.exchange as the HTTP path; the answer is kept for exportAnswer. */
  async importBundle(data: Buffer): Promise<BundleImportView> {
    const core = await this.core();
    let header: { from: string; n: number; enc: string };
    let body: Buffer;
    try {
      const msg = decodeBundle(data);
      header = msg.header;
      body = msg.body;
    } catch (error) {
      return asApiError(error instanceof SyncError ? error : new SyncError('bad_bundle', 'bad bundle'));
    }
    const bundleSha256 = sha256(data);
    const previous = (await this.imports()).find((r) => r.bundleSha256 === bundleSha256);
    if (previous && this.deps.answers.read(previous.importId)) {
      const { deviceId: _d, n: _n, bundleSha256: _s, ...view } = previous;
      return { ...view, alreadyImported: true };
    }
    let answerBytes: Buffer;
    try {
      answerBytes = await core.exchange(data, { usb: true });
    } catch (error) {
      return asApiError(error);
    }
    // Counting what the bundle carried needs its body again; it has passed every check by now.
    const sent = unpackJson(header.enc, body) as { push?: { entries?: unknown[] }; blobData?: { base64: string }[] };
    const answerMsg = decodeBundle(answerBytes);
    const answer = unpackJson(answerMsg.header.enc, answerMsg.body) as ExchangeAnswer;
    const device = (await this.db.query<{ unit_id: string; unit_name: string }>('SELECT unit_id, unit_name FROM hub_devices WHERE id = $1', [header.from])).rows[0];
    const rowsInBundle = sent.push?.entries?.length ?? 0;
    const rowsApplied = answer.push?.applied ?? 0;
    const importedAt = this.deps.clock().toISOString();
    const officeName = device?.unit_name ?? '—';
    const record: ImportRecord = {
      importId: randomUUID(),
      officeName,
      unitId: device?.unit_id ?? '',
      importedAt,
      rowsInBundle,
      rowsApplied,
      duplicatesIgnored: Math.max(0, rowsInBundle - rowsApplied),
      attachments: answer.blobsStored?.length ?? 0,
      chunks: (sent.blobData ?? []).reduce((n, b) => n + chunkCount(Math.floor((b.base64.length * 3) / 4)), 0),
      rowsForOffice: answer.pull?.entries.length ?? 0,
      alreadyImported: false,
      answerFileName: `thidua-tra-loi-${fileSlug(officeName, 40) || 'don-vi'}-${importedAt.slice(0, 16).replace(/[-:T]/gu, '')}.tdsync`,
      deviceId: header.from,
      n: header.n,
      bundleSha256,
    };
    this.deps.answers.save(record.importId, answerBytes);
    await writeSetting(this.db, 'province.imports', [record, ...(await this.imports())].slice(0, KEEP_IMPORTS));
    this.deps.logger.info('bundle imported', { deviceId: header.from, n: header.n, rowsApplied, rowsForOffice: record.rowsForOffice });
    this.afterHubWrite(['province', ...SYNCED_TABLES]);
    const { deviceId: _d, n: _n, bundleSha256: _s, ...view } = record;
    return view;
  }

  async exportAnswer(importId: string): Promise<{ fileName: string; base64: string }> {
    const record = (await this.imports()).find((r) => r.importId === importId);
    const bytes = record ? this.deps.answers.read(importId) : null;
    if (!record || !bytes) throw new ApiError('not_found', 'Không còn gói trả lời của lần nhập này; hãy nhập lại gói của đơn vị (gói mới của đơn vị luôn kèm đủ dữ liệu).');
    return { fileName: record.answerFileName, base64: bytes.toString('base64') };
  }

  // ---------- the hub's HTTP server on the LAN ----------

  private async serverSetting(): Promise<ServerSetting> {
    return { ...DEFAULT_SERVER, ...((await readSetting<Partial<ServerSetting>>(this.db, 'province.server')) ?? {}) };
  }

  private async serverView(): Promise<ProvinceServerView> {
    const s = await this.serverSetting();
    const port = this.http?.port ?? s.port;
    return { running: this.http !== null, enabled: s.enabled, host: s.host, port, urls: addressesFor(s.host, port), error: this.serverError };
  }

  /** Start or stop listening; the choice is saved and applied again at the next start of the app. */
  async setServer(input: { listen: boolean; host?: string | undefined; port?: number | undefined }): Promise<ProvinceServerView> {
    await this.core();
    const current = await this.serverSetting();
    const next: ServerSetting = { enabled: input.listen, host: input.host ?? current.host, port: input.port ?? current.port };
    await this.stopServer();
    if (next.enabled) await this.listen(next);
    await writeSetting(this.db, 'province.server', next);
    return this.serverView();
  }

  private async listen(s: ServerSetting): Promise<void> {
    const core = await this.core();
    const { logger } = this.deps;
    // Health reads only; everything else takes the write queue like a save from the app.
    const handle = (op: HubOp): Promise<HubReply> =>
      op.op === 'health'
        ? runHubOp(core, op, logger)
        : this.deps.run(async () => {
            const reply = await runHubOp(core, op, logger);
            // Only the province's own lists reload: offices poll, and every screen reloading at each poll would flicker.
            if (reply.status === 200 && op.op !== 'devices') this.afterHubWrite(['province']);
            return reply;
          });
    try {
      // Admin routes of the hub are not used in province mode (the screens call the store); the token is thrown away.
      this.http = await startHubHttp({ handle, logger, adminToken: randomBytes(24).toString('base64url'), host: s.host, port: s.port });
      this.serverError = null;
      logger.info('province hub listening', { host: s.host, port: this.http.port });
    } catch (error) {
      const code = (error as { code?: string }).code;
      this.serverError =
        code === 'EADDRINUSE'
          ? `Cổng ${s.port} đang được chương trình khác dùng. Hãy chọn cổng khác.`
          : code === 'EADDRNOTAVAIL'
            ? `Máy này không có địa chỉ ${s.host}. Hãy chọn 0.0.0.0 (mọi mạng) hoặc địa chỉ của máy.`
            : code === 'EACCES'
              ? `Không được phép mở cổng ${s.port} trên máy này. Hãy chọn cổng khác (từ 1024 trở lên).`
              : 'Không mở được trạm trên mạng nội bộ. Hãy thử cổng khác hoặc khởi động lại phần mềm.';
      logger.warn('province hub could not listen', { host: s.host, port: s.port, code: code ?? null });
      throw new ApiError('conflict', this.serverError);
    }
  }

  private async stopServer(): Promise<void> {
    const h = this.http;
    this.http = null;
    if (h) await h.close();
  }

  // ---------- after hub writes ----------

  /**
   * Screens reload; and on a data folder a snapshot follows (debounced): the
   * hub writes outside mutate(), so the journal does not cover them. What a
   * power cut could still lose is re-sent by the offices, which keep their
   * outbox and resume from the cursor the hub answers.
   */
  private afterHubWrite(tables: string[]): void {
    this.deps.events.emit({ type: 'changed', tables });
    const durable = this.deps.durable;
    if (!durable || this.closed || this.snapshotTimer) return;
    this.snapshotTimer = setTimeout(() => {
      this.snapshotTimer = null;
      if (this.closed) return;
      void this.deps
        .run(() => durable.snapshot('sau khi trạm nhận dữ liệu'))
        .catch((error: unknown) => this.deps.logger.error('province snapshot failed', { error: String(error) }));
    }, this.deps.snapshotDelayMs ?? 60_000);
    this.snapshotTimer.unref?.();
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.snapshotTimer) clearTimeout(this.snapshotTimer);
    this.snapshotTimer = null;
    await this.stopServer();
  }
}

function iso(v: string | Date): string {
  return v instanceof Date ? v.toISOString() : new Date(v).toISOString();
}

/** What offices type: each LAN IPv4 address when listening everywhere, else the chosen address. */
export function addressesFor(host: string, port: number): string[] {
  if (host !== '0.0.0.0') return [`http://${host}:${port}`];
  const out: string[] = [];
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) out.push(`http://${a.address}:${port}`);
  }
  return out.length > 0 ? out : [`http://127.0.0.1:${port}`];
}
