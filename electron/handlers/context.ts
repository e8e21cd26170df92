import type { Contract, MethodName } from '../../shared/api/contract.js';
import type { OutputOf, ParsedInputOf } from '../../shared/api/define.js';
import { ApiError } from '../../shared/api/errors.js';
import type { StoreDeps } from '../store/deps.js';
import type { MutationContext } from '../store/mutation.js';
import type { Session, SessionStore } from '../store/sessions.js';

export interface HandlerContext {
  deps: StoreDeps;
  sessions: SessionStore;
  /** Null only for public methods called without signing in. */
  session: Session | null;
  /** The store's single write queue, for commands declared with queue 'handler' (they are not run inside it). */
  writes: { run<T>(task: () => Promise<T>): Promise<T> };
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<Contract[M]>, ctx: HandlerContext) => Promise<OutputOf<Contract[M]>>;

export type HandlersFor<Names extends MethodName> = { [M in Names]: Handler<M> };

export type HandlerTable = HandlersFor<MethodName>;

export function requireSession(ctx: HandlerContext): Session {
  if (!ctx.session) throw new ApiError('unauthenticated', 'Phiên làm việc đã hết. Vui lòng đăng nhập lại.');
  return ctx.session;
}

/** The mutation context of the signed-in user: audit rows name them. */
export function asUser(ctx: HandlerContext): MutationContext {
  const s = requireSession(ctx);
  return { deps: ctx.deps, actor: { userId: s.userId, userName: s.displayName }, officeUnitId: s.officeUnitId };
}
