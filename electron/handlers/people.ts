import { ApiError } from '../../shared/api/errors.js';
import type { Person } from '../../shared/domain/people.js';
import { foldVietnamese, matchesFoldedKey } from '../../shared/vi/search.js';
import { compareVietnamese, compareVietnameseNames } from '../../shared/vi/names.js';
import type { Queryable } from '../../shared/db/port.js';
import { mutate } from '../store/mutation.js';
import { asUser, type HandlersFor } from './context.js';
import { vietnamDate } from '../../shared/vi/dates.js';
import { personFromRow, type PersonRow, type UnitRow } from './rows.js';
import { buildPeopleWorkbook, buildPeopleTemplate, parsePeopleWorkbook } from '../people/xlsx.js';

export interface PersonInput {
  fullName: string;
  gender: Person['gender'];
  birthDate: string | null;
  position: string | null;
  staffCategory: Person['staffCategory'];
  unitId: string;
  startDate: string | null;
  status: Person['status'];
  note: string | null;
}

/** Folded name + position, stored beside the row so search ignores diacritics without folding every row per query. */
export function personSearchKey(p: Pick<PersonInput, 'fullName' | 'position'>): string {
  return foldVietnamese(`${p.fullName} ${p.position ?? ''}`);
}

export function personColumns(p: PersonInput) {
  return {
    unit_id: p.unitId,
    full_name: p.fullName,
    gender: p.gender,
    birth_date: p.birthDate,
    position: p.position,
    staff_category: p.staffCategory,
    start_date: p.startDate,
    status: p.status,
    note: p.note,
    search_key: personSearchKey(p),
  };
}

export async function checkPerson(db: Queryable, p: PersonInput, today: string): Promise<void> {
  const unit = (await db.query<UnitRow>('SELECT * FROM units WHERE id = $1', [p.unitId])).rows[0];
  if (!unit) throw new ApiError('invalid_input', 'Đơn vị công tác không tồn tại.', [{ path: 'unitId', message: 'Không tồn tại.' }]);
  if (p.birthDate && p.birthDate > today) {
    throw new ApiError('invalid_input', 'Ngày sinh không thể ở tương lai.', [{ path: 'birthDate', message: 'Ngày sinh ở tương lai.' }]);
  }
  if (p.birthDate && p.startDate && p.startDate <= p.birthDate) {
    throw new ApiError('invalid_input', 'Ngày bắt đầu công tác phải sau ngày sinh.', [{ path: 'startDate', message: 'Phải sau ngày sinh.' }]);
  }
}

interface ListFilter {
  search?: string | undefined;
  unitId?: string | undefined;
  includeInactive?: boolean | undefined;
  sort?: 'name' | 'unit' | 'birthDate' | undefined;
}

export async function listPeople(db: Queryable, filter: ListFilter): Promise<Person[]> {
  const where: string[] = [];
  const params: string[] = [];
  if (!filter.includeInactive) where.push("status <> 'inactive'");
  if (filter.unitId) {
    params.push(filter.unitId);
    where.push(`unit_id = $${params.length}`);
  }
  const rows = (await db.query<PersonRow>(`SELECT * FROM people${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`, params)).rows;
  const found = filter.search ? rows.filter((r) => matchesFoldedKey(r.search_key, filter.search ?? '')) : rows;
  const people = found.map(personFromRow);
  if (filter.sort === 'birthDate') return people.sort((a, b) => (a.birthDate ?? '9999').localeCompare(b.birthDate ?? '9999') || compareVietnameseNames(a, b));
  if (filter.sort === 'unit') {
    const names = new Map((await db.query<UnitRow>('SELECT id, name FROM units')).rows.map((u) => [u.id, u.name]));
    return people.sort((a, b) => compareVietnamese(names.get(a.unitId) ?? '', names.get(b.unitId) ?? '') || compareVietnameseNames(a, b));
  }
  return people.sort(compareVietnameseNames);
}

function today(ctx: { deps: { clock: () => Date } }): string {
  return vietnamDate(ctx.deps.clock());
}

export const peopleHandlers: HandlersFor<
  | 'people.list'
  | 'people.get'
  | 'people.create'
  | 'people.update'
  | 'people.deactivate'
  | 'people.reactivate'
  | 'people.importTemplate'
  | 'people.importXlsx'
  | 'people.exportXlsx'
> = {
  async 'people.list'(input, ctx) {
    return listPeople(ctx.deps.db, input);
  },

  async 'people.get'(input, ctx) {
    const row = (await ctx.deps.db.query<PersonRow>('SELECT * FROM people WHERE id = $1', [input.id])).rows[0];
    if (!row) throw new ApiError('not_found', 'Không tìm thấy người này.');
    return personFromRow(row);
  },

  async 'people.create'(input, ctx) {
    await checkPerson(ctx.deps.db, input, today(ctx));
    const row = await mutate(asUser(ctx), 'people.create', (w) => w.insert<PersonRow>('people', { id: ctx.deps.newId(), ...personColumns(input) }));
    return personFromRow(row);
  },

  async 'people.update'(input, ctx) {
    await checkPerson(ctx.deps.db, input, today(ctx));
    const row = await mutate(asUser(ctx), 'people.update', (w) => w.update<PersonRow>('people', input.id, personColumns(input), input.expectedVersion));
    return personFromRow(row);
  },

  async 'people.deactivate'(input, ctx) {
    const row = await mutate(asUser(ctx), 'people.deactivate', (w) =>
      w.update<PersonRow>('people', input.id, { status: 'inactive', ...(input.reason ? { note: input.reason } : {}) }),
    );
    return personFromRow(row);
  },

  async 'people.reactivate'(input, ctx) {
    const row = await mutate(asUser(ctx), 'people.reactivate', (w) => w.update<PersonRow>('people', input.id, { status: 'working' }));
    return personFromRow(row);
  },

  async 'people.importTemplate'(_input, ctx) {
    const units = (await ctx.deps.db.query<UnitRow>("SELECT * FROM units WHERE status = 'active'")).rows;
    return { fileName: 'mau-nhap-danh-sach-can-bo.xlsx', base64: (await buildPeopleTemplate(units.map((u) => u.name))).toString('base64') };
  },

  async 'people.exportXlsx'(input, ctx) {
    const people = await listPeople(ctx.deps.db, input);
    const units = new Map((await ctx.deps.db.query<UnitRow>('SELECT * FROM units')).rows.map((u) => [u.id, u.name]));
    const buffer = await buildPeopleWorkbook(people, units);
    return { fileName: `danh-sach-can-bo-${today(ctx)}.xlsx`, base64: buffer.toString('base64') };
  },

  async 'people.importXlsx'(input, ctx) {
    const units = (await ctx.deps.db.query<UnitRow>("SELECT * FROM units WHERE status = 'active'")).rows;
    const parsed = await parsePeopleWorkbook(Buffer.from(input.base64, 'base64'), units, today(ctx));
    if (parsed.issues.length > 0) return { created: 0, issues: parsed.issues };
    await mutate(asUser(ctx), 'people.importXlsx', async (w) => {
      for (const p of parsed.people) await w.insert('people', { id: ctx.deps.newId(), ...personColumns(p) });
    });
    return { created: parsed.people.length, issues: [] };
  },
};
