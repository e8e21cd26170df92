import { z } from 'zod';
import { command, query } from '../define.js';
import { requiredText } from '../../schema/text.js';

/** What the store can say about its safety copies. */
export interface BackupStatus {
  /** False for a store without a data folder (in-memory, tests): nothing to back up. */
  available: boolean;
  lastBackupAt: string | null;
  /** Remind when the last backup is older than this many days (setting `backup_reminder_days`). */
  reminderDays: number;
  /** True when there never was a backup or the last one is older than reminderDays. */
  reminderDue: boolean;
  lastSnapshotAt: string | null;
  snapshots: number;
  journalSeq: number;
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

export interface BackupCreated {
  fileName: string;
  /** Full path of the written file (backup.create). */
  path: string;
  bytes: number;
  createdAt: string;
  contentHash: string;
}

export interface BackupDownload {
  fileName: string;
  base64: string;
  bytes: number;
}

export interface BackupInspection extends BackupSummary {
  /** Whether this store belongs to the backup's office; null when the store is not set up yet. */
  sameOffice: boolean | null;
}

export interface BackupRestored {
  summary: BackupSummary;
  /** The content hash after the restore equals the one recorded in the backup. */
  verified: boolean;
  contentHash: string;
  replacedFolder: string;
}

/** A backup comes either from a path (desktop: a file chosen on disk or USB) or as base64 (web build: an uploaded file). */
const backupSource = z.union(
  [
    z.object({ path: requiredText('Đường dẫn tệp sao lưu', 2000) }),
    z.object({ base64: z.string({ error: 'Tệp sao lưu: phải là văn bản base64.' }).min(1, { error: 'Tệp sao lưu: trống.' }).max(400_000_000, { error: 'Tệp sao lưu quá lớn để tải lên; hãy dùng bản cài trên máy.' }) }),
  ],
  { error: 'Hãy chọn tệp sao lưu (.tdbackup).' },
);

export const backupQueries = {
  'backup.status': query<BackupStatus>()(z.object({}), 'user'),
  /** Reads a backup's manifest and verifies every checksum; changes nothing. Public: the first-run screen offers restore. */
  'backup.inspect': query<BackupInspection>()(backupSource, 'public'),
};

export const backupCommands = {
  /** Writes one .tdbackup file (database, journal, drafts, attachments, manifest with SHA-256) into a folder. */
  'backup.create': command<BackupCreated>()(z.object({ folder: requiredText('Thư mục lưu bản sao lưu', 2000) }), ['admin', 'head']),
  /** The same file returned as base64 (web build: the browser saves it as a download). */
  'backup.download': command<BackupDownload>()(z.object({}), ['admin', 'head']),
  /**
   * Restores a backup. On a store not yet set up, anyone at the first-run
   * screen may; over an office's data, only its administrator, only the
   * same office, and only with confirmReplace.
   */
  'backup.restore': command<BackupRestored>()(z.intersection(backupSource, z.object({ confirmReplace: z.boolean().default(false) })), 'public'),
  'backup.setReminder': command<{ reminderDays: number }>()(
    z.object({ days: z.number({ error: 'Số ngày: phải là số.' }).int({ error: 'Số ngày: phải là số nguyên.' }).min(1, { error: 'Số ngày: ít nhất 1.' }).max(365, { error: 'Số ngày: nhiều nhất 365.' }) }),
    ['admin'],
  ),
};
