import { ApiError } from '../../shared/api/errors.js';
import { loadDemoOffice } from '../demo/demo-office.js';
import type { HandlersFor } from './context.js';
import { officeUnitId, startSession } from './system.js';
import type { UserRow } from './rows.js';

export const demoHandlers: HandlersFor<'demo.load'> = {
  async 'demo.load'(_input, ctx) {
    if (await officeUnitId(ctx.deps.db)) {
      throw new ApiError('already_configured', 'Đơn vị đã có dữ liệu thật; không thể nạp dữ liệu mẫu đè lên. Hãy dùng một thư mục dữ liệu mới để xem thử.');
    }
    const result = await loadDemoOffice(ctx.deps);
    const admin = (await ctx.deps.db.query<UserRow>("SELECT * FROM users WHERE username = 'admin'")).rows[0];
    if (!admin) throw new Error('demo admin missing');
    return { units: result.units, people: result.people, session: startSession(ctx, admin, result.officeUnitId) };
  },
};
