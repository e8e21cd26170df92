import { ApiError } from '../../shared/api/errors.js';
import { DISTRICT_TIER_END, HISTORICAL_LEVELS, unitSubtreeIds } from '../../shared/domain/units.js';
import { compareVietnamese } from '../../shared/vi/names.js';
import type { Queryable } from '../../shared/db/port.js';
import { mutate } from '../store/mutation.js';
import { asUser, requireSession, type HandlersFor } from './context.js';
import { unitFromRow, type UnitRow } from './rows.js';

interface UnitInput {
  name: string;
  shortName: string | null;
  level: UnitRow['level'];
  parentId: string | null;
  parentName: string | null;
  province: string | null;
  placeName: string | null;
  validFrom: string | null;
  validTo: string | null;
}

async function checkUnit(db: Queryable, input: UnitInput, selfId: string | null): Promise<void> {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw new ApiError('invalid_input', 'Ngày hết hiệu lực phải sau ngày bắt đầu hiệu lực.', [{ path: 'validTo', message: 'Phải sau ngày bắt đầu hiệu lực.' }]);
  }
  if (HISTORICAL_LEVELS.includes(input.level) && input.validFrom && input.validFrom > DISTRICT_TIER_END) {
    throw new ApiError('invalid_input', 'Cấp huyện đã chấm dứt từ ngày 01/7/2025; đơn vị cấp huyện không thể bắt đầu hiệu lực sau ngày 30/6/2025.', [
      { path: 'validFrom', message: 'Cấp huyện chấm dứt từ 01/7/2025.' },
    ]);
  }
  if (input.parentId) {
    const all = (await db.query<UnitRow>('SELECT * FROM units')).rows.map(unitFromRow);
    if (!all.some((u) => u.id === input.parentId)) {
      throw new ApiError('invalid_input', 'Đơn vị cấp trên không tồn tại.', [{ path: 'parentId', message: 'Không tồn tại.' }]);
    }
    if (selfId && unitSubtreeIds(all, selfId).has(input.parentId)) {
      throw new ApiError('invalid_input', 'Không thể chọn đơn vị cấp dưới (hoặc chính nó) làm đơn vị cấp trên.', [{ path: 'parentId', message: 'Tạo thành vòng lặp.' }]);
    }
  }
}

function columns(input: UnitInput) {
  return {
    name: input.name,
    short_name: input.shortName,
    level: input.level,
    parent_id: input.parentId,
    parent_name: input.parentName,
    province: input.province,
    place_name: input.placeName,
    valid_from: input.validFrom,
    valid_to: input.validTo,
  };
}

export const unitHandlers: HandlersFor<'units.list' | 'units.create' | 'units.update' | 'units.setStatus'> = {
  async 'units.list'(input, ctx) {
    requireSession(ctx);
    const rows = (await ctx.deps.db.query<UnitRow>(input.includeInactive ? 'SELECT * FROM units' : "SELECT * FROM units WHERE status = 'active'")).rows;
    return rows.map(unitFromRow).sort((a, b) => compareVietnamese(a.name, b.name));
  },

  async 'units.create'(input, ctx) {
    await checkUnit(ctx.deps.db, input, null);
    const row = await mutate(asUser(ctx), 'units.create', (w) => w.insert<UnitRow>('units', { id: ctx.deps.newId(), status: 'active', ...columns(input) }));
    return unitFromRow(row);
  },

  async 'units.update'(input, ctx) {
    await checkUnit(ctx.deps.db, input, input.id);
    const session = requireSession(ctx);
    if (input.id === session.officeUnitId && input.parentId) {
      throw new ApiError('invalid_input', 'Đơn vị của văn phòng là gốc của cây đơn vị; cơ quan cấp trên ghi ở trường "Cơ quan cấp trên".');
    }
    const row = await mutate(asUser(ctx), 'units.update', (w) => w.update<UnitRow>('units', input.id, columns(input), input.expectedVersion));
    return unitFromRow(row);
  },

  async 'units.setStatus'(input, ctx) {
    const session = requireSession(ctx);
    if (input.id === session.officeUnitId && input.status === 'inactive') {
      throw new ApiError('invalid_input', 'Không thể ngừng hoạt động đơn vị của chính văn phòng.');
    }
    if (input.status === 'inactive') {
      const busy = await ctx.deps.db.query<{ n: number }>("SELECT count(*)::int AS n FROM people WHERE unit_id = $1 AND status <> 'inactive'", [input.id]);
      const n = busy.rows[0]?.n ?? 0;
      if (n > 0) throw new ApiError('conflict', `Đơn vị còn ${n} người đang theo dõi; hãy chuyển họ sang đơn vị khác hoặc ngừng theo dõi trước.`);
    }
    const row = await mutate(asUser(ctx), 'units.setStatus', (w) => w.update<UnitRow>('units', input.id, { status: input.status }));
    return unitFromRow(row);
  },
};
