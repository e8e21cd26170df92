import type { Unit } from '../../shared/domain/units.js';
import type { Person } from '../../shared/domain/people.js';
import type { User } from '../../shared/domain/users.js';
import type { Role } from '../../shared/api/define.js';

/** Database rows (snake_case) to domain objects (camelCase). One place per table. */
export interface UnitRow {
  id: string;
  owner_unit_id: string;
  parent_id: string | null;
  name: string;
  short_name: string | null;
  level: Unit['level'];
  parent_name: string | null;
  province: string | null;
  place_name: string | null;
  valid_from: string | null;
  valid_to: string | null;
  status: Unit['status'];
  version: number;
  updated_at: string;
  [key: string]: unknown;
}

export function unitFromRow(r: UnitRow): Unit {
  return {
    id: r.id,
    ownerUnitId: r.owner_unit_id,
    parentId: r.parent_id,
    name: r.name,
    shortName: r.short_name,
    level: r.level,
    parentName: r.parent_name,
    province: r.province,
    placeName: r.place_name,
    validFrom: r.valid_from,
    validTo: r.valid_to,
    status: r.status,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export interface PersonRow {
  id: string;
  owner_unit_id: string;
  unit_id: string;
  full_name: string;
  gender: Person['gender'];
  birth_date: string | null;
  position: string | null;
  staff_category: Person['staffCategory'];
  start_date: string | null;
  status: Person['status'];
  note: string | null;
  search_key: string;
  version: number;
  updated_at: string;
  [key: string]: unknown;
}

export function personFromRow(r: PersonRow): Person {
  return {
    id: r.id,
    ownerUnitId: r.owner_unit_id,
    unitId: r.unit_id,
    fullName: r.full_name,
    gender: r.gender,
    birthDate: r.birth_date,
    position: r.position,
    staffCategory: r.staff_category,
    startDate: r.start_date,
    status: r.status,
    note: r.note,
    version: r.version,
    updatedAt: r.updated_at,
  };
}

export interface UserRow {
  id: string;
  owner_unit_id: string;
  username: string;
  display_name: string;
  password_hash: string;
  role: Role;
  active: boolean;
  version: number;
  [key: string]: unknown;
}

export function userFromRow(r: UserRow): User {
  return { id: r.id, username: r.username, displayName: r.display_name, role: r.role, active: r.active };
}
