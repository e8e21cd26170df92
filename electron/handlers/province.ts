import type { HandlersFor } from './context.js';
import { requireSession } from './context.js';

/** The province's screens (Tỉnh / Trạm đồng bộ): thin calls into the store's ProvinceMode. */
export const provinceHandlers: HandlersFor<
  | 'province.status'
  | 'province.codes.list'
  | 'province.devices.list'
  | 'province.bundles.list'
  | 'province.codes.create'
  | 'province.devices.revoke'
  | 'province.bundles.import'
  | 'province.bundles.exportAnswer'
  | 'province.server'
> = {
  async 'province.status'(_input, ctx) {
    return ctx.deps.province.status();
  },
  async 'province.codes.list'(_input, ctx) {
    return ctx.deps.province.codes();
  },
  async 'province.devices.list'(_input, ctx) {
    return ctx.deps.province.devices();
  },
  async 'province.bundles.list'(_input, ctx) {
    await ctx.deps.province.core();
    return ctx.deps.province.importList();
  },
  async 'province.codes.create'(input, ctx) {
    return ctx.deps.province.createCode({ unitName: input.unitName, unitId: input.unitId, ttlHours: input.ttlHours });
  },
  async 'province.devices.revoke'(input, ctx) {
    const session = requireSession(ctx);
    return ctx.deps.province.revoke(input.deviceId, input.reason, session.displayName);
  },
  async 'province.bundles.import'(input, ctx) {
    return ctx.deps.province.importBundle(Buffer.from(input.base64, 'base64'));
  },
  async 'province.bundles.exportAnswer'(input, ctx) {
    return ctx.deps.province.exportAnswer(input.importId);
  },
  async 'province.server'(input, ctx) {
    return ctx.deps.province.setServer(input);
  },
};
