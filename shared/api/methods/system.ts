import { z } from 'zod';
import { command, query } from '../define.js';
import { optionalText, requiredText } from '../../schema/text.js';
import { UNIT_LEVELS, type Unit } from '../../domain/units.js';
import type { SessionInfo, User } from '../../domain/users.js';

export interface SystemStatus {
  configured: boolean;
  office: Unit | null;
  schemaVersion: string;
  /** Set when the store had to recover at open; the UI shows it once. */
  recoveryNotice: string | null;
}

export const unitLevelSchema = z.enum(UNIT_LEVELS, { error: 'Cấp đơn vị: không hợp lệ.' });

export const usernameSchema = z
  .string({ error: 'Tên đăng nhập: phải là văn bản.' })
  .trim()
  .toLowerCase()
  .regex(/^[a-z0-9._-]{3,32}$/u, { error: 'Tên đăng nhập: 3–32 ký tự, chỉ gồm chữ không dấu, số, dấu chấm, gạch dưới, gạch ngang.' });

export const passwordSchema = z
  .string({ error: 'Mật khẩu: phải là văn bản.' })
  .min(8, { error: 'Mật khẩu: cần ít nhất 8 ký tự.' })
  .max(200, { error: 'Mật khẩu: dài quá 200 ký tự.' });

export const setupInput = z.object({
  office: z.object({
    name: requiredText('Tên đơn vị'),
    shortName: optionalText('Tên viết tắt', 40),
    level: unitLevelSchema,
    parentName: optionalText('Cơ quan cấp trên'),
    province: requiredText('Tỉnh, thành phố', 100),
    placeName: requiredText('Địa danh ghi trên văn bản', 100),
  }),
  admin: z.object({
    displayName: requiredText('Họ và tên người dùng', 120),
    username: usernameSchema,
    password: passwordSchema,
  }),
});

export const systemQueries = {
  'system.status': query<SystemStatus>()(z.object({}), 'public'),
  'auth.me': query<SessionInfo>()(z.object({}), 'user'),
  'users.list': query<User[]>()(z.object({}), ['admin']),
};

export const systemCommands = {
  /** First-run wizard: the office's own unit and its first (administrator) user. */
  'system.setup': command<SessionInfo>()(setupInput, 'public'),
  'auth.login': command<SessionInfo>()(
    z.object({ username: usernameSchema, password: z.string({ error: 'Mật khẩu: phải là văn bản.' }).min(1, { error: 'Mật khẩu: không được để trống.' }) }),
    'public',
  ),
  'auth.logout': command<{ ok: true }>()(z.object({}), 'user'),
  'auth.changePassword': command<{ ok: true }>()(z.object({ currentPassword: z.string(), newPassword: passwordSchema }), 'user'),
  'users.create': command<User>()(
    z.object({
      displayName: requiredText('Họ và tên người dùng', 120),
      username: usernameSchema,
      password: passwordSchema,
      role: z.enum(['officer', 'head', 'admin'], { error: 'Vai trò: không hợp lệ.' }),
    }),
    ['admin'],
  ),
  'users.update': command<User>()(
    z.object({
      id: z.string().min(1),
      displayName: requiredText('Họ và tên người dùng', 120),
      role: z.enum(['officer', 'head', 'admin'], { error: 'Vai trò: không hợp lệ.' }),
      active: z.boolean(),
      newPassword: passwordSchema.optional(),
    }),
    ['admin'],
  ),
  /** Loads the demo office (a mountain district's justice office); refuses when real data exists. */
  'demo.load': command<{ units: number; people: number; session: SessionInfo }>()(z.object({}), 'public'),
};
