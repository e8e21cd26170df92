import { ApiError } from '../../shared/api/errors.js';
import { SyncError } from '../sync/errors.js';
import { mutate } from '../store/mutation.js';
import { clearItemError, getItemError, listItemErrors } from '../sync/item-errors.js';
import { asUser, type HandlersFor } from './context.js';

function asApi(error: unknown): never {
  if (error instanceof SyncError) {
    const code = error.code === 'bad_bundle' || error.code === 'bad_signature' || error.code === 'wrong_recipient' ? 'bad_file' : error.code === 'revoked' || error.code === 'scope' ? 'forbidden' : 'conflict';
    throw new ApiError(code, error.message);
  }
  throw error;
}

export const syncHandlers: HandlersFor<'sync.status' | 'sync.estimate' | 'sync.enroll' | 'sync.now' | 'sync.defer' | 'sync.retryItem' | 'sync.exportBundle' | 'sync.importAnswer'> = {
  async 'sync.status'(_input, ctx) {
    const agent = ctx.deps.sync;
    const dev = await agent.device();
    const st = await agent.state();
    const pend = await agent.pending(true);
    const log = await ctx.deps.db.query<{ at: string; channel: string; outcome: string; bytes_sent: number; bytes_received: number; pushed: number; pulled: number; message: string | null }>(
      'SELECT at, channel, outcome, bytes_sent, bytes_received, pushed, pulled, message FROM sync_log ORDER BY id DESC LIMIT 10',
    );
    return {
      enrolled: dev !== null,
      hubUrl: dev?.hubUrl ?? null,
      hubName: dev?.hubName ?? null,
      unitName: dev?.unitName ?? null,
      linkUp: agent.linkUp,
      running: agent.isRunning,
      progress: agent.progress,
      lastSuccessAt: st.lastSuccessAt,
      lastAttemptAt: st.lastAttemptAt,
      lastError: st.lastError,
      waitingEntries: pend.entries,
      waitingAttachments: pend.blobs.length,
      deferredAttachments: pend.deferredBlobs,
      itemErrors: await listItemErrors(ctx.deps.db),
      log: log.rows.map((r) => ({ at: r.at, channel: r.channel, outcome: r.outcome, bytesSent: Number(r.bytes_sent), bytesReceived: Number(r.bytes_received), pushed: r.pushed, pulled: r.pulled, message: r.message })),
    };
  },
  async 'sync.estimate'(_input, ctx) {
    return ctx.deps.sync.estimate();
  },
  async 'sync.enroll'(input, ctx) {
    try {
      const a = await ctx.deps.sync.enroll({ hubUrl: input.hubUrl, code: input.code });
      return { unitName: a.unitName, hubName: a.hubName, restore: a.restore, reloginRequired: a.rebound };
    } catch (error) {
      return asApi(error);
    }
  },
  async 'sync.now'(input, ctx) {
    const agent = ctx.deps.sync;
    if (!(await agent.device())) throw new ApiError('not_configured', 'Máy này chưa đăng ký với trạm của tỉnh. Hãy nhập địa chỉ trạm và mã đăng ký do Sở Tư pháp cấp.');
    const started = !agent.isRunning;
    // Not awaited: a sync on a slow link takes minutes and must not hold the write queue.
    void agent.syncNow({ mode: input.attachments }).catch(() => undefined);
    return { started };
  },
  async 'sync.defer'(input, ctx) {
    await ctx.deps.sync.setDeferred(input.sha256s, input.deferred);
    return { ok: true };
  },
  async 'sync.retryItem'(input, ctx) {
    const item = await getItemError(ctx.deps.db, input.key);
    if (!item) throw new ApiError('not_found', 'Mục này không còn trong danh sách bị trạm từ chối (có thể đã được gửi lại).');
    if (item.kind === 'record' && item.table_name && item.row_id) {
      const table = item.table_name;
      const rowId = item.row_id;
      try {
        // A new version of the record (nothing else changes) goes into the outbox and travels on the next sync.
        await mutate(asUser(ctx), 'sync.retryItem', async (w) => {
          await w.update(table, rowId, {});
        });
      } catch (error) {
        // The record is gone: nothing left to send, so nothing left to list.
        if (!(error instanceof ApiError && error.code === 'not_found')) throw error;
      }
    }
    await clearItemError(ctx.deps.db, input.key);
    return { ok: true };
  },
  async 'sync.exportBundle'(input, ctx) {
    try {
      const b = await ctx.deps.sync.exportBundle({ attachments: input.attachments });
      const stamp = ctx.deps.clock().toISOString().slice(0, 16).replace(/[-:T]/gu, '');
      return { fileName: `thidua-gui-tinh-${stamp}.tdsync`, base64: b.bytes.toString('base64'), entries: b.entries, attachments: b.blobs };
    } catch (error) {
      return asApi(error);
    }
  },
  async 'sync.importAnswer'(input, ctx) {
    try {
      const r = await ctx.deps.sync.importAnswer(Buffer.from(input.base64, 'base64'));
      return { pulled: r.pulled, alreadyImported: r.alreadyImported };
    } catch (error) {
      return asApi(error);
    }
  },
};
