import { z } from 'zod';
import { command, query } from '../define.js';
import { requiredText } from '../../schema/text.js';

export interface SyncStatusView {
  enrolled: boolean;
  hubUrl: string | null;
  hubName: string | null;
  unitName: string | null;
  /** null = not checked yet. */
  linkUp: boolean | null;
  running: boolean;
  progress: { phase: string; itemsDone: number; itemsTotal: number; bytesDone: number; bytesTotal: number } | null;
  lastSuccessAt: string | null;
  lastAttemptAt: string | null;
  lastError: { code: string; message: string } | null;
  waitingEntries: number;
  waitingAttachments: number;
  deferredAttachments: number;
  /** Records and attachments the hub refused one by one: which, why, what to do (newest first). */
  itemErrors: SyncItemErrorView[];
  log: { at: string; channel: string; outcome: string; bytesSent: number; bytesReceived: number; pushed: number; pulled: number; message: string | null }[];
}

export interface SyncItemErrorView {
  key: string;
  kind: 'record' | 'attachment';
  code: string;
  /** The record as a user recognises it ("Cán bộ: Lò Văn Sáng") or the attachment. */
  label: string;
  why: string;
  todo: string;
  at: string;
}

/** Above this size an attachment counts as large: automatic sync leaves it for "Đồng bộ ngay", a better link or USB. */
export const LARGE_ATTACHMENT_BYTES = 500 * 1024;

export interface SyncEstimateView {
  recordBytes: number;
  entries: number;
  /** Attachments waiting, deferred ones included (flagged). */
  attachments: { sha256: string; size: number; deferred: boolean }[];
  /** Bytes of the attachments that are not deferred. */
  attachmentBytes: number;
  /** Seconds on the link as last measured; null before the first sync. */
  seconds: number | null;
  link: { bytesPerSecond: number; rttMs: number } | null;
}

const sha = z.string().regex(/^[0-9a-f]{64}$/u, { error: 'Mã tệp đính kèm không hợp lệ.' });

export const syncQueries = {
  'sync.status': query<SyncStatusView>()(z.object({}), 'user'),
  'sync.estimate': query<SyncEstimateView>()(z.object({}), 'user'),
};

export const syncCommands = {
  'sync.enroll': command<{ unitName: string; hubName: string; restore: boolean; reloginRequired: boolean }>()(
    z.object({
      hubUrl: requiredText('Địa chỉ trạm của tỉnh', 300).pipe(z.string().regex(/^https?:\/\/[^\s/]+(:\d+)?\/?$/u, { error: 'Địa chỉ trạm: dạng http://địa-chỉ:cổng' })),
      code: requiredText('Mã đăng ký', 64),
    }),
    ['admin'],
  ),
  /** Starts a sync in the background and returns at once; progress is in sync.status. */
  'sync.now': command<{ started: boolean }>()(z.object({ attachments: z.enum(['all', 'small', 'none']).default('all') }), 'user'),
  'sync.defer': command<{ ok: true }>()(z.object({ sha256s: z.array(sha).max(10_000), deferred: z.boolean() }), 'user'),
  /** Sends a refused item again: a record as a new version (after correction or once the hub is fixed), an attachment on the next sync. */
  'sync.retryItem': command<{ ok: true }>()(z.object({ key: requiredText('Mục cần gửi lại', 200) }), 'user'),
  'sync.exportBundle': command<{ fileName: string; base64: string; entries: number; attachments: number }>()(z.object({ attachments: z.boolean().default(true) }), ['head', 'admin']),
  'sync.importAnswer': command<{ pulled: number; alreadyImported: boolean }>()(z.object({ base64: z.string().min(1).max(700_000_000) }), ['head', 'admin']),
};
