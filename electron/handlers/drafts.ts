import { requireSession, type HandlersFor } from './context.js';

export const draftHandlers: HandlersFor<'drafts.list' | 'drafts.put' | 'drafts.delete'> = {
  async 'drafts.list'(_input, ctx) {
    return ctx.deps.drafts.list(requireSession(ctx).userId);
  },
  async 'drafts.put'(input, ctx) {
    const s = requireSession(ctx);
    await ctx.deps.drafts.put({ key: input.key, userId: s.userId, label: input.label, data: input.data, savedAt: input.savedAt });
    return { ok: true };
  },
  async 'drafts.delete'(input, ctx) {
    await ctx.deps.drafts.delete(requireSession(ctx).userId, input.key);
    return { ok: true };
  },
};
