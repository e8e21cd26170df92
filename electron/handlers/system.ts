import { ApiError } from '../../shared/api/errors.js';
import type { SessionInfo } from '../../shared/domain/users.js';
import type { Queryable } from '../../shared/db/port.js';
import { hashPassword, verifyPassword } from '../store/passwords.js';
import { mutate } from '../store/mutation.js';
import type { Session } from '../store/sessions.js';
import { asUser, requireSession, type HandlerContext, type HandlersFor } from './context.js';
import { unitFromRow, userFromRow, type UnitRow, type UserRow } from './rows.js';

export async function readSetting<T>(db: Queryable, key: string): Promise<T | null> {
  const r = await db.query<{ value: T }>('SELECT value FROM settings WHERE key = $1', [key]);
  return r.rows[0]?.value ?? null;
}

export async function writeSetting(db: Queryable, key: string, value: unknown, now: string): Promise<void> {
  await db.query(
    'INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at',
    [key, JSON.stringify(value), now],
  );
}

export async function officeUnitId(db: Queryable): Promise<string | null> {
  return readSetting<string>(db, 'office_unit_id');
}

export function sessionInfo(s: Session): SessionInfo {
  return {
    token: s.token,
    officeUnitId: s.officeUnitId,
    user: { id: s.userId, username: s.username, displayName: s.displayName, role: s.role, active: true },
  };
}

export function startSession(ctx: HandlerContext, user: UserRow, office: string): SessionInfo {
  return sessionInfo(
    ctx.sessions.create({ userId: user.id, username: user.username, displayName: user.display_name, role: user.role, officeUnitId: office }),
  );
}

const SETUP_DONE = 'Phần mềm đã được cài đặt cho một đơn vị. Hãy đăng nhập bằng tài khoản đã tạo.';

export const systemHandlers: HandlersFor<
  'system.status' | 'system.setup' | 'auth.login' | 'auth.logout' | 'auth.me' | 'auth.changePassword' | 'users.list' | 'users.create' | 'users.update'
> = {
  async 'system.status'(_input, ctx) {
    const { db } = ctx.deps;
    const office = await officeUnitId(db);
    const unit = office ? (await db.query<UnitRow>('SELECT * FROM units WHERE id = $1', [office])).rows[0] : undefined;
    const mig = await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id DESC LIMIT 1');
    return {
      configured: office !== null,
      office: unit ? unitFromRow(unit) : null,
      schemaVersion: mig.rows[0]?.id ?? '',
      recoveryNotice: await readSetting<string>(db, 'recovery_notice'),
    };
  },

  async 'system.setup'(input, ctx) {
    const { deps } = ctx;
    if (await officeUnitId(deps.db)) throw new ApiError('already_configured', SETUP_DONE);
    const unitId = deps.newId();
    const userId = deps.newId();
    const passwordHash = await hashPassword(input.admin.password);
    const mctx = { deps, actor: { userId, userName: input.admin.displayName }, officeUnitId: unitId };
    const user = await mutate(mctx, 'system.setup', async (w) => {
      await w.insert('units', {
        id: unitId,
        parent_id: null,
        name: input.office.name,
        short_name: input.office.shortName,
        level: input.office.level,
        parent_name: input.office.parentName,
        province: input.office.province,
        place_name: input.office.placeName,
        valid_from: null,
        valid_to: null,
        status: 'active',
      });
      const u = await w.insert<UserRow>('users', {
        id: userId,
        username: input.admin.username,
        display_name: input.admin.displayName,
        password_hash: passwordHash,
        role: 'admin',
        active: true,
      });
      await writeSetting(w.tx, 'office_unit_id', unitId, w.now);
      return u;
    });
    return startSession(ctx, user, unitId);
  },

  async 'auth.login'(input, ctx) {
    const { db } = ctx.deps;
    const office = await officeUnitId(db);
    if (!office) throw new ApiError('not_configured', 'Phần mềm chưa được cài đặt cho đơn vị nào. Hãy làm theo trình hướng dẫn cài đặt.');
    const user = (await db.query<UserRow>('SELECT * FROM users WHERE username = $1', [input.username])).rows[0];
    // Same message and same work whether the user exists or not.
    const ok = await verifyPassword(input.password, user?.password_hash ?? 'scrypt$16384$8$1$AAAAAAAAAAAAAAAAAAAAAA==$AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=');
    if (!user || !ok) throw new ApiError('unauthenticated', 'Tên đăng nhập hoặc mật khẩu không đúng.');
    if (!user.active) throw new ApiError('forbidden', 'Tài khoản này đã bị khóa. Hãy liên hệ quản trị của đơn vị.');
    await mutate({ deps: ctx.deps, actor: { userId: user.id, userName: user.display_name }, officeUnitId: office }, 'auth.login', async (w) => {
      await w.tx.query('INSERT INTO audit_log (at, user_id, user_name, action) VALUES ($1, $2, $3, $4)', [w.now, user.id, user.display_name, 'auth.login']);
    });
    return startSession(ctx, user, office);
  },

  async 'auth.logout'(_input, ctx) {
    const s = requireSession(ctx);
    ctx.sessions.delete(s.token);
    return { ok: true };
  },

  async 'auth.me'(_input, ctx) {
    return sessionInfo(requireSession(ctx));
  },

  async 'auth.changePassword'(input, ctx) {
    const s = requireSession(ctx);
    const user = (await ctx.deps.db.query<UserRow>('SELECT * FROM users WHERE id = $1', [s.userId])).rows[0];
    if (!user || !(await verifyPassword(input.currentPassword, user.password_hash))) {
      throw new ApiError('invalid_input', 'Mật khẩu hiện tại không đúng.', [{ path: 'currentPassword', message: 'Mật khẩu hiện tại không đúng.' }]);
    }
    const hash = await hashPassword(input.newPassword);
    await mutate(asUser(ctx), 'auth.changePassword', (w) => w.update('users', s.userId, { password_hash: hash }));
    return { ok: true };
  },

  async 'users.list'(_input, ctx) {
    const r = await ctx.deps.db.query<UserRow>('SELECT * FROM users ORDER BY display_name');
    return r.rows.map(userFromRow);
  },

  async 'users.create'(input, ctx) {
    const existing = await ctx.deps.db.query('SELECT 1 FROM users WHERE username = $1', [input.username]);
    if (existing.rows.length > 0) {
      throw new ApiError('conflict', `Tên đăng nhập "${input.username}" đã có người dùng.`, [{ path: 'username', message: 'Tên đăng nhập đã có người dùng.' }]);
    }
    const hash = await hashPassword(input.password);
    const row = await mutate(asUser(ctx), 'users.create', (w) =>
      w.insert<UserRow>('users', { id: ctx.deps.newId(), username: input.username, display_name: input.displayName, password_hash: hash, role: input.role, active: true }),
    );
    return userFromRow(row);
  },

  async 'users.update'(input, ctx) {
    const s = requireSession(ctx);
    if (input.id === s.userId && (input.role !== 'admin' || !input.active)) {
      throw new ApiError('invalid_input', 'Bạn không thể tự bỏ quyền quản trị hoặc tự khóa tài khoản của mình.');
    }
    const patch: Record<string, unknown> = { display_name: input.displayName, role: input.role, active: input.active };
    if (input.newPassword) patch.password_hash = await hashPassword(input.newPassword);
    const row = await mutate(asUser(ctx), 'users.update', (w) => w.update<UserRow>('users', input.id, patch));
    ctx.sessions.revokeUser(input.id);
    return userFromRow(row);
  },
};
