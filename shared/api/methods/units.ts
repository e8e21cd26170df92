import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, optionalIsoDate, optionalText, requiredText } from '../../schema/text.js';
import { UNIT_STATUSES, type Unit } from '../../domain/units.js';
import { unitLevelSchema } from './system.js';

export const unitFields = z.object({
  name: requiredText('Tên đơn vị'),
  shortName: optionalText('Tên viết tắt', 40),
  level: unitLevelSchema,
  parentId: idSchema.nullable().optional().transform((v) => v ?? null),
  parentName: optionalText('Cơ quan cấp trên'),
  province: optionalText('Tỉnh, thành phố', 100),
  placeName: optionalText('Địa danh', 100),
  validFrom: optionalIsoDate('Hiệu lực từ ngày'),
  validTo: optionalIsoDate('Hiệu lực đến ngày'),
});

export const unitQueries = {
  'units.list': query<Unit[]>()(z.object({ includeInactive: z.boolean().optional() }), 'user'),
};

export const unitCommands = {
  'units.create': command<Unit>()(unitFields, ['officer', 'head', 'admin']),
  'units.update': command<Unit>()(
    unitFields.extend({ id: idSchema, expectedVersion: z.number().int().positive() }),
    ['officer', 'head', 'admin'],
  ),
  'units.setStatus': command<Unit>()(
    z.object({ id: idSchema, status: z.enum(UNIT_STATUSES, { error: 'Trạng thái: không hợp lệ.' }) }),
    ['head', 'admin'],
  ),
};
