import { readFileSync, statSync } from 'node:fs';
import { ApiError } from '../../shared/api/errors.js';
import { officeMigrations } from '../../shared/db/migrations/index.js';
import type { BackupStatus } from '../../shared/api/methods/backup.js';
import { createBackup, inspectBackup, restoreBackup, summarise, writeBackupFile } from '../durability/backup-service.js';
import type { DurableStore } from '../durability/durable-store.js';
import packageJson from '../../package.json' with { type: 'json' };
import { requireSession, type HandlerContext, type HandlersFor } from './context.js';
import { officeUnitId, readSetting, writeSetting } from './system.js';

const DEFAULT_REMINDER_DAYS = 7;
const MAX_DOWNLOAD_BYTES = 150 * 1024 * 1024;

function durableOf(ctx: HandlerContext): DurableStore {
  const d = ctx.deps.durable;
  if (!d) throw new ApiError('not_found', 'Kho dữ liệu này không nằm trên ổ đĩa (chạy thử trong bộ nhớ), không có gì để sao lưu hay khôi phục.');
  return d;
}

function readSource(input: { path: string } | { base64: string }): Buffer {
  if ('base64' in input) return Buffer.from(input.base64, 'base64');
  try {
    if (!statSync(input.path).isFile()) throw new Error('not a file');
    return readFileSync(input.path);
  } catch {
    throw new ApiError('invalid_input', `Không đọc được tệp "${input.path}". Hãy kiểm tra đường dẫn và ổ USB.`, [{ path: 'path', message: 'Không đọc được tệp.' }]);
  }
}

async function markBackedUp(ctx: HandlerContext, at: string): Promise<void> {
  await ctx.deps.db.transaction((tx) => writeSetting(tx, 'last_backup_at', at, at));
}

export const backupHandlers: HandlersFor<'backup.status' | 'backup.inspect' | 'backup.create' | 'backup.download' | 'backup.restore' | 'backup.setReminder'> = {
  async 'backup.status'(_input, ctx) {
    const { db, durable, clock } = ctx.deps;
    const lastBackupAt = await readSetting<string>(db, 'last_backup_at');
    const reminderDays = (await readSetting<number>(db, 'backup_reminder_days')) ?? DEFAULT_REMINDER_DAYS;
    const ageMs = lastBackupAt ? clock().getTime() - Date.parse(lastBackupAt) : Number.POSITIVE_INFINITY;
    const snaps = durable?.snapshotList() ?? [];
    return {
      available: durable !== undefined,
      lastBackupAt,
      reminderDays,
      reminderDue: ageMs > reminderDays * 24 * 60 * 60 * 1000,
      lastSnapshotAt: snaps[0]?.createdAt ?? null,
      snapshots: snaps.length,
      journalSeq: durable?.journalSeq ?? 0,
    } satisfies BackupStatus;
  },

  async 'backup.inspect'(input, ctx) {
    const data = readSource(input);
    const contents = inspectBackup(data, officeMigrations);
    const office = await officeUnitId(ctx.deps.db);
    return { ...summarise(contents, data.length), sameOffice: office === null ? null : office === contents.manifest.office.unitId };
  },

  async 'backup.create'(input, ctx) {
    const durable = durableOf(ctx);
    const now = ctx.deps.clock();
    const backup = await createBackup(durable, { now, appVersion: packageJson.version });
    const path = writeBackupFile(input.folder, backup.fileName, backup.data);
    await markBackedUp(ctx, now.toISOString());
    return { fileName: backup.fileName, path, bytes: backup.data.length, createdAt: backup.manifest.createdAt, contentHash: backup.manifest.contentHash };
  },

  async 'backup.download'(_input, ctx) {
    const durable = durableOf(ctx);
    const now = ctx.deps.clock();
    const backup = await createBackup(durable, { now, appVersion: packageJson.version });
    if (backup.data.length > MAX_DOWNLOAD_BYTES) {
      throw new ApiError('invalid_input', 'Dữ liệu quá lớn để tải về qua trình duyệt. Hãy dùng bản cài trên máy và chọn "Sao lưu ra thư mục".');
    }
    await markBackedUp(ctx, now.toISOString());
    return { fileName: backup.fileName, base64: backup.data.toString('base64'), bytes: backup.data.length };
  },

  async 'backup.restore'(input, ctx) {
    const durable = durableOf(ctx);
    const configured = (await officeUnitId(ctx.deps.db)) !== null;
    if (configured) {
      const s = requireSession(ctx);
      if (s.role !== 'admin') throw new ApiError('forbidden', 'Chỉ quản trị của đơn vị mới được khôi phục dữ liệu từ bản sao lưu.');
    }
    const data = readSource(input);
    const usersBefore = configured ? (await ctx.deps.db.query<{ id: string }>('SELECT id FROM users')).rows.map((r) => r.id) : [];
    const result = await restoreBackup(durable, data, { migrations: officeMigrations, now: ctx.deps.clock(), confirmReplace: input.confirmReplace });
    // Accounts come from the backup now: everyone signs in again.
    for (const id of usersBefore) ctx.sessions.revokeUser(id);
    // The restored data exists in that backup file, so it counts as this store's last backup (no false "never backed up" reminder on the new PC).
    await markBackedUp(ctx, result.summary.createdAt);
    ctx.deps.logger.warn('store restored from backup', { office: result.summary.officeUnitId, createdAt: result.summary.createdAt, verified: result.verified });
    return result;
  },

  async 'backup.setReminder'(input, ctx) {
    requireSession(ctx);
    const now = ctx.deps.clock().toISOString();
    await ctx.deps.db.transaction((tx) => writeSetting(tx, 'backup_reminder_days', input.days, now));
    return { reminderDays: input.days };
  },
};
