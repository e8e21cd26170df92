import { z } from 'zod';
import { command, query } from '../define.js';
import { idSchema, optionalIsoDate, optionalText, requiredText } from '../../schema/text.js';
import { GENDERS, PERSON_STATUSES, STAFF_CATEGORIES, type Person } from '../../domain/people.js';

export const personFields = z.object({
  fullName: requiredText('Họ và tên', 120),
  gender: z.enum(GENDERS, { error: 'Giới tính: chọn Nam hoặc Nữ.' }),
  birthDate: optionalIsoDate('Ngày sinh'),
  position: optionalText('Chức vụ', 120),
  staffCategory: z.enum(STAFF_CATEGORIES, { error: 'Loại cán bộ: không hợp lệ.' }),
  unitId: idSchema,
  startDate: optionalIsoDate('Ngày bắt đầu công tác'),
  status: z.enum(PERSON_STATUSES, { error: 'Trạng thái: không hợp lệ.' }).default('working'),
  note: optionalText('Ghi chú', 1000),
});

export const peopleSort = z.enum(['name', 'unit', 'birthDate']);

export interface PeopleImportIssue {
  /** 1-based row number as Excel shows it. */
  row: number;
  /** Column header as in the template ("Họ và tên"). */
  column: string;
  message: string;
}

export interface PeopleImportResult {
  created: number;
  /** When non-empty nothing was written. */
  issues: PeopleImportIssue[];
}

export interface FileData {
  fileName: string;
  /** File bytes, base64: one encoding that IPC and HTTP carry alike. */
  base64: string;
}

export const fileInput = z.object({
  fileName: requiredText('Tên tệp', 255),
  base64: z.string({ error: 'Nội dung tệp: không hợp lệ.' }).max(30_000_000, { error: 'Tệp quá lớn (tối đa khoảng 20 MB).' }),
});

export const peopleQueries = {
  /** The list, filtered server-side by a diacritic-insensitive search and sorted the Vietnamese way. */
  'people.list': query<Person[]>()(
    z.object({
      search: z.string().max(200).optional(),
      unitId: idSchema.optional(),
      includeInactive: z.boolean().optional(),
      sort: peopleSort.optional(),
    }),
    'user',
  ),
  'people.get': query<Person>()(z.object({ id: idSchema }), 'user'),
  'people.importTemplate': query<FileData>()(z.object({}), 'user'),
  'people.exportXlsx': query<FileData>()(
    z.object({ search: z.string().max(200).optional(), unitId: idSchema.optional(), includeInactive: z.boolean().optional() }),
    'user',
  ),
};

export const peopleCommands = {
  'people.create': command<Person>()(personFields, ['officer', 'head', 'admin']),
  'people.update': command<Person>()(
    personFields.extend({ id: idSchema, expectedVersion: z.number().int().positive() }),
    ['officer', 'head', 'admin'],
  ),
  /** Never a hard delete: other records (registrations, awards) reference people. */
  'people.deactivate': command<Person>()(z.object({ id: idSchema, reason: optionalText('Lý do', 300) }), ['officer', 'head', 'admin']),
  'people.reactivate': command<Person>()(z.object({ id: idSchema }), ['officer', 'head', 'admin']),
  /** All rows or none: a file with any bad row writes nothing and reports every issue. */
  'people.importXlsx': command<PeopleImportResult>()(fileInput, ['officer', 'head', 'admin']),
};
