import type { Role } from '../api/define.js';

export const ROLES = ['officer', 'head', 'admin'] as const satisfies readonly Role[];
export const ROLE_LABELS: Record<Role, { vi: string; en: string; description: string }> = {
  officer: { vi: 'Cán bộ', en: 'Officer', description: 'Soạn thảo, nhập liệu' },
  head: { vi: 'Lãnh đạo', en: 'Head of office', description: 'Duyệt, ký, ban hành' },
  admin: { vi: 'Quản trị', en: 'Administrator', description: 'Quản lý người dùng và cài đặt' },
};

export interface User {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  active: boolean;
}

export interface SessionInfo {
  token: string;
  user: User;
  officeUnitId: string;
}
