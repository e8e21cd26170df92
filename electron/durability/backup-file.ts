import { createHash } from 'node:crypto';
import { ApiError } from '../../shared/api/errors.js';

/**
 * The backup file (.tdbackup): one file a person can copy to a USB stick.
 *   "THIDUA-BACKUP-1\n" | u32 manifest length | manifest (JSON) | SHA-256 of the manifest | file bytes, in manifest order
 * Every file carries its SHA-256 in the manifest, and the manifest its own,
 * so any flipped byte is found before anything is restored.
 */
export const BACKUP_MAGIC = Buffer.from('THIDUA-BACKUP-1\n', 'ascii');
export const BACKUP_FORMAT_VERSION = 1;

export interface BackupFileEntry {
  path: string;
  size: number;
  sha256: string;
}

export interface BackupManifest {
  format: 'thidua-backup';
  formatVersion: number;
  appVersion: string;
  office: { unitId: string; name: string };
  createdAt: string;
  schema: string;
  /** The journal position the database dump covers. */
  journalSeq: number;
  /** contentHash() of the database at the moment of the dump. */
  contentHash: string;
  tables: Record<string, number>;
  files: BackupFileEntry[];
}

export interface BackupContents {
  manifest: BackupManifest;
  files: Map<string, Buffer>;
}

function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function encodeBackup(manifest: Omit<BackupManifest, 'files'>, files: readonly { path: string; data: Buffer }[]): Buffer {
  const full: BackupManifest = { ...manifest, files: files.map((f) => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) })) };
  const json = Buffer.from(JSON.stringify(full), 'utf8');
  const len = Buffer.alloc(4);
  len.writeUInt32BE(json.length, 0);
  return Buffer.concat([BACKUP_MAGIC, len, json, createHash('sha256').update(json).digest(), ...files.map((f) => f.data)]);
}

const NOT_BACKUP = 'Tệp này không phải là bản sao lưu của phần mềm Thi Đua.';
const CORRUPT = 'Bản sao lưu bị hỏng (dữ liệu không khớp mã kiểm tra), có thể do chép dở hoặc USB lỗi. Hãy dùng một bản sao lưu khác.';

/** Reads and verifies a backup; throws ApiError('bad_file') with a Vietnamese message when it is not one or is damaged. */
export function decodeBackup(data: Buffer): BackupContents {
  if (data.length < BACKUP_MAGIC.length + 4 || !data.subarray(0, BACKUP_MAGIC.length).equals(BACKUP_MAGIC)) throw new ApiError('bad_file', NOT_BACKUP);
  const len = data.readUInt32BE(BACKUP_MAGIC.length);
  const start = BACKUP_MAGIC.length + 4;
  if (start + len + 32 > data.length) throw new ApiError('bad_file', CORRUPT);
  const json = data.subarray(start, start + len);
  if (!createHash('sha256').update(json).digest().equals(data.subarray(start + len, start + len + 32))) throw new ApiError('bad_file', CORRUPT);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(json.toString('utf8')) as BackupManifest;
  } catch {
    throw new ApiError('bad_file', CORRUPT);
  }
  if (manifest.format !== 'thidua-backup') throw new ApiError('bad_file', NOT_BACKUP);
  if (manifest.formatVersion > BACKUP_FORMAT_VERSION) {
    throw new ApiError('bad_file', 'Bản sao lưu này được tạo bằng phiên bản phần mềm mới hơn. Hãy cập nhật phần mềm rồi khôi phục lại.');
  }
  const files = new Map<string, Buffer>();
  let offset = start + len + 32;
  for (const f of manifest.files) {
    const body = data.subarray(offset, offset + f.size);
    if (body.length !== f.size || sha256(body) !== f.sha256) throw new ApiError('bad_file', CORRUPT);
    files.set(f.path, body);
    offset += f.size;
  }
  if (offset !== data.length) throw new ApiError('bad_file', CORRUPT);
  return { manifest, files };
}
