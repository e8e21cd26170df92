import type { z } from 'zod';
import { contract, isMethodName } from '../../shared/api/contract.js';
import type { CallRequest, CallResult } from '../../shared/api/envelope.js';
import { ApiError, type FieldIssue } from '../../shared/api/errors.js';
import type { AnyMethod } from '../../shared/api/define.js';
import type { StoreDeps } from '../store/deps.js';
import type { SessionStore } from '../store/sessions.js';
import type { WriteQueue } from '../store/write-queue.js';
import type { HandlerContext, HandlerTable } from './context.js';
import { vietnameseIssue } from '../../shared/vi/zod-messages.js';

export type Dispatch = (request: CallRequest) => Promise<CallResult>;

const MAX_ISSUES = 50;

export function zodIssues(error: z.ZodError): FieldIssue[] {
  return error.issues.slice(0, MAX_ISSUES).map((issue) => ({ path: issue.path.map(String).join('.'), message: issue.message }));
}

function pgCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * The one boundary every transport calls: method lookup, session and role,
 * input validation with the shared schemas (which also normalise text to
 * NFC), then the handler, in the write queue for commands. Errors become
 * Vietnamese messages; an invalid input never reaches a handler, so it
 * writes nothing.
 */
export function createDispatcher(opts: { handlers: HandlerTable; deps: StoreDeps; sessions: SessionStore; writes: WriteQueue }): Dispatch {
  const { handlers, deps, sessions, writes } = opts;
  return async (request) => {
    try {
      if (typeof request !== 'object' || request === null || typeof request.method !== 'string' || !isMethodName(request.method)) {
        throw new ApiError('unknown_method', 'Yêu cầu không hợp lệ: chức năng không tồn tại.');
      }
      const name = request.method;
      const spec: AnyMethod = contract[name];
      const session = sessions.get(typeof request.session === 'string' ? request.session : undefined);
      if (spec.access !== 'public') {
        if (!session) throw new ApiError('unauthenticated', 'Phiên làm việc đã hết hoặc chưa đăng nhập. Vui lòng đăng nhập.');
        if (spec.access !== 'user' && !spec.access.includes(session.role)) {
          throw new ApiError('forbidden', 'Tài khoản của bạn không có quyền thực hiện việc này.');
        }
      }
      const parsed = spec.input.safeParse(request.input ?? {}, { error: vietnameseIssue });
      if (!parsed.success) {
        const issues = zodIssues(parsed.error);
        throw new ApiError('invalid_input', `Dữ liệu chưa hợp lệ: ${issues[0]?.message ?? 'kiểm tra lại các trường.'}`, issues);
      }
      const ctx: HandlerContext = { deps, sessions, session, writes };
      const handler = handlers[name] as (input: unknown, ctx: HandlerContext) => Promise<unknown>;
      const started = performance.now();
      const queued = spec.kind === 'command' && spec.queue !== 'handler';
      const value = queued ? await writes.run(() => handler(parsed.data, ctx)) : await handler(parsed.data, ctx);
      const ms = performance.now() - started;
      if (ms > 200) deps.logger.warn('slow call', { method: name, ms: Math.round(ms) });
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return { ok: false, error: error.toData() };
      if (pgCode(error) === '23505') {
        return { ok: false, error: { code: 'conflict', message: 'Dữ liệu bị trùng với một bản ghi đã có.' } };
      }
      if (pgCode(error) === '23503') {
        return { ok: false, error: { code: 'conflict', message: 'Dữ liệu tham chiếu tới một bản ghi không tồn tại hoặc đang được bản ghi khác sử dụng.' } };
      }
      deps.logger.error('call failed', { method: String((request as { method?: unknown })?.method), error: error instanceof Error ? error.stack ?? error.message : String(error) });
      return { ok: false, error: { code: 'internal', message: 'Đã xảy ra lỗi không mong đợi; dữ liệu chưa được ghi. Hãy thử lại, nếu vẫn lỗi hãy báo cho quản trị.' } };
    }
  };
}
