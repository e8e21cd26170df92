import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { ApiError } from '../../shared/api/errors.js';
import type { Migration } from '../../shared/db/migrate.js';
import { foldVietnamese } from '../../shared/vi/search.js';
import { openPGlite } from '../store/pglite-database.js';
import { BACKUP_FORMAT_VERSION, decodeBackup, encodeBackup, type BackupContents, type BackupManifest } from './backup-file.js';
import { contentHash } from './content-hash.js';
import type { DurableStore } from './durable-store.js';
import { fsyncDir, writeFileDurably } from './fsync-dir.js';
import { commitRestore, RESTORED_ITEMS, STAGING_DIR } from './restore-swap.js';
import { SnapshotStore } from './snapshots.js';
import { noCrash } from './crash-points.js';

/** Only these folders, no '.' or '..' segments: a crafted manifest cannot write outside the staging folder. */
function safePath(path: string): boolean {
  const parts = path.split('/');
  return ['journal', 'drafts', 'attachments'].includes(parts[0] ?? '') && parts.length >= 2 && parts.slice(1).every((p) => p !== '' && p !== '.' && p !== '..' && /^[\w.\- ]+$/u.test(p));
}

function listFiles(root: string): string[] {
  if (!existsSync(root)) return [];
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const full = join(dir, name);
      const st = statSync(full);
      if (st.isDirectory()) walk(full);
      else if (st.isFile() && !name.endsWith('.tmp')) out.push(full);
    }
  };
  walk(root);
  return out;
}

export function backupFileName(officeName: string, at: Date): string {
  const slug =
    foldVietnamese(officeName)
      .toLowerCase()
      .replace(/[^a-z0-9]+/gu, '-')
      .replace(/^-+|-+$/gu, '')
      .slice(0, 60) || 'don-vi';
  const p = (n: number) => String(n).padStart(2, '0');
  return `thidua-${slug}-${at.getFullYear()}-${p(at.getMonth() + 1)}-${p(at.getDate())}-${p(at.getHours())}${p(at.getMinutes())}.tdbackup`;
}

async function officeOf(durable: DurableStore): Promise<{ unitId: string; name: string } | null> {
  const s = await durable.db.query<{ value: string }>("SELECT value FROM settings WHERE key = 'office_unit_id'");
  const unitId = s.rows[0]?.value;
  if (!unitId) return null;
  const u = await durable.db.query<{ name: string }>('SELECT name FROM units WHERE id = $1', [unitId]);
  return { unitId, name: u.rows[0]?.name ?? unitId };
}

/** Builds a backup of the whole office. Call with the write queue held, so the dump, the journal and the hash agree. */
export async function createBackup(durable: DurableStore, opts: { now: Date; appVersion: string }): Promise<{ fileName: string; data: Buffer; manifest: BackupManifest }> {
  const office = await officeOf(durable);
  if (!office) throw new ApiError('not_configured', 'Phần mềm chưa được cài đặt cho đơn vị nào, chưa có gì để sao lưu.');
  const dump = await durable.dumpDatabase();
  const hash = await contentHash(durable.db);
  const files: { path: string; data: Buffer }[] = [{ path: 'db.tar.gz', data: dump }];
  for (const f of durable.journalFiles()) files.push({ path: `journal/${f.split(sep).pop() ?? f}`, data: readFileSync(f) });
  for (const folder of ['drafts', 'attachments'] as const) {
    const root = join(durable.dataDir, folder);
    for (const f of listFiles(root)) files.push({ path: `${folder}/${relative(root, f).split(sep).join('/')}`, data: readFileSync(f) });
  }
  const manifest = {
    format: 'thidua-backup' as const,
    formatVersion: BACKUP_FORMAT_VERSION,
    appVersion: opts.appVersion,
    office,
    createdAt: opts.now.toISOString(),
    schema: durable.schemaVersion,
    journalSeq: durable.journalSeq,
    contentHash: hash.hash,
    tables: hash.tables,
  };
  const data = encodeBackup(manifest, files);
  return { fileName: backupFileName(office.name, opts.now), data, manifest: { ...manifest, files: decodeBackup(data).manifest.files } };
}

/** Writes the backup into a folder (a USB stick, say) durably: temp file, fsync, rename. */
export function writeBackupFile(folder: string, fileName: string, data: Buffer): string {
  if (!existsSync(folder) || !statSync(folder).isDirectory()) {
    throw new ApiError('invalid_input', `Không tìm thấy thư mục "${folder}". Hãy chọn một thư mục có thật (ví dụ ổ USB đã cắm).`, [
      { path: 'folder', message: 'Thư mục không tồn tại.' },
    ]);
  }
  const target = join(folder, fileName);
  try {
    writeFileDurably(target, data, folder);
  } catch (error) {
    throw new ApiError('invalid_input', `Không ghi được bản sao lưu vào "${folder}" (${(error as NodeJS.ErrnoException).code ?? 'lỗi'}). Hãy kiểm tra ổ đĩa còn chỗ trống và không bị khóa ghi.`);
  }
  return target;
}

export interface BackupSummary {
  officeUnitId: string;
  officeName: string;
  createdAt: string;
  appVersion: string;
  schema: string;
  contentHash: string;
  tables: Record<string, number>;
  files: number;
  bytes: number;
}

export function summarise(c: BackupContents, bytes: number): BackupSummary {
  const m = c.manifest;
  return {
    officeUnitId: m.office.unitId,
    officeName: m.office.name,
    createdAt: m.createdAt,
    appVersion: m.appVersion,
    schema: m.schema,
    contentHash: m.contentHash,
    tables: m.tables,
    files: m.files.length,
    bytes,
  };
}

/** Reads a backup and checks everything that can be checked without touching the store. */
export function inspectBackup(data: Buffer, migrations: readonly Migration[]): BackupContents {
  const contents = decodeBackup(data);
  const m = contents.manifest;
  if (!contents.files.has('db.tar.gz') || m.files.some((f) => f.path !== 'db.tar.gz' && !safePath(f.path))) {
    throw new ApiError('bad_file', 'Bản sao lưu có nội dung không hợp lệ; không khôi phục từ tệp này.');
  }
  if (m.schema && !migrations.some((x) => x.id === m.schema)) {
    throw new ApiError('bad_file', 'Bản sao lưu này được tạo bằng phiên bản phần mềm mới hơn. Hãy cập nhật phần mềm rồi khôi phục lại.');
  }
  return contents;
}

export interface RestoreResult {
  summary: BackupSummary;
  /** contentHash of the store after the restore equals the one recorded at backup time. */
  verified: boolean;
  contentHash: string;
  /** Where the replaced data was moved (kept, never deleted). */
  replacedFolder: string;
}

/**
 * Restores a backup over this store. The backup is verified first (file
 * checksums, then the content hash of the database loaded in a staging
 * folder); only then is the swap committed by a marker, and the store
 * reopened, which moves the current data aside and puts the staged data in
 * place (finished at the next open if the power goes in between). Refuses
 * another office's backup when this store already belongs to an office.
 * Call with the write queue held.
 */
export async function restoreBackup(
  durable: DurableStore,
  data: Buffer,
  opts: { migrations: readonly Migration[]; now: Date; confirmReplace: boolean },
): Promise<RestoreResult> {
  const contents = inspectBackup(data, opts.migrations);
  const m = contents.manifest;
  const current = await officeOf(durable);
  if (current && current.unitId !== m.office.unitId) {
    throw new ApiError(
      'forbidden',
      `Bản sao lưu này là của "${m.office.name}", không phải của đơn vị đang dùng phần mềm ("${current.name}"). Không thể khôi phục đè lên dữ liệu của đơn vị khác.`,
    );
  }
  if (current && !opts.confirmReplace) {
    throw new ApiError(
      'conflict',
      `Khôi phục sẽ thay toàn bộ dữ liệu hiện tại bằng dữ liệu trong bản sao lưu lúc ${m.createdAt}. Dữ liệu hiện tại được cất sang một thư mục riêng, không bị xóa. Hãy xác nhận để tiếp tục.`,
    );
  }
  const dataDir = durable.dataDir;
  const staging = join(dataDir, STAGING_DIR);
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const dump = contents.files.get('db.tar.gz') as Buffer;
    const stagedDb = join(staging, 'db');
    mkdirSync(stagedDb);
    const loaded = await openPGlite({ dataDir: stagedDb, loadDataDir: new Blob([Uint8Array.from(dump)]) });
    try {
      const staged = await contentHash(loaded);
      if (staged.hash !== m.contentHash) {
        throw new ApiError('bad_file', 'Dữ liệu trong bản sao lưu không khớp mã kiểm tra nội dung; bản sao lưu bị hỏng, không khôi phục.');
      }
    } finally {
      await loaded.close();
    }
    for (const item of RESTORED_ITEMS) mkdirSync(join(staging, item), { recursive: true });
    for (const [path, body] of contents.files) {
      if (path === 'db.tar.gz') continue;
      const target = join(staging, ...path.split('/'));
      mkdirSync(dirname(target), { recursive: true });
      writeFileDurably(target, body, dirname(target));
    }
    // The dump itself becomes the first snapshot, so a power cut right after the swap still recovers.
    new SnapshotStore(join(staging, 'snapshots'), 5, noCrash).write(dump, { seq: m.journalSeq, createdAt: m.createdAt, schema: m.schema, reason: 'khôi phục từ bản sao lưu' });
    for (const item of RESTORED_ITEMS) fsyncDir(join(staging, item));
    fsyncDir(staging);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    throw error;
  }
  const aside = `replaced-${opts.now.toISOString().replace(/[:.]/gu, '-')}`;
  commitRestore(dataDir, aside);
  await durable.reopenAfterRestore();
  const after = await contentHash(durable.db);
  return {
    summary: summarise(contents, data.length),
    verified: after.hash === m.contentHash,
    contentHash: after.hash,
    replacedFolder: join(dataDir, aside),
  };
}
