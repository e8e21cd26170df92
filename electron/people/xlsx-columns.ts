import { foldHeader } from '../../shared/vi/search.js';

/**
 * The columns of the people spreadsheet, shared by the template, the export
 * and the import. `aliases` are folded header texts the import also accepts
 * (offices rename columns, add "(*)", or paste lists from older files).
 */
export type PeopleColumnKey =
  | 'stt'
  | 'fullName'
  | 'gender'
  | 'birthDate'
  | 'position'
  | 'staffCategory'
  | 'unit'
  | 'startDate'
  | 'status'
  | 'note';

export interface PeopleColumn {
  key: PeopleColumnKey;
  header: string;
  width: number;
  aliases: readonly string[];
}

export const PEOPLE_COLUMNS: readonly PeopleColumn[] = [
  { key: 'stt', header: 'STT', width: 6, aliases: ['so thu tu', 'tt'] },
  { key: 'fullName', header: 'Họ và tên', width: 28, aliases: ['ho ten', 'ho va ten can bo', 'ten'] },
  { key: 'gender', header: 'Giới tính', width: 10, aliases: ['gioi'] },
  { key: 'birthDate', header: 'Ngày sinh', width: 13, aliases: ['ngay thang nam sinh', 'sinh ngay'] },
  { key: 'position', header: 'Chức vụ', width: 28, aliases: ['chuc danh', 'chuc vu, chuc danh'] },
  { key: 'staffCategory', header: 'Loại cán bộ', width: 30, aliases: ['loai can bo, cong chuc', 'doi tuong', 'loai'] },
  { key: 'unit', header: 'Đơn vị', width: 34, aliases: ['don vi cong tac', 'co quan, don vi', 'noi cong tac'] },
  { key: 'startDate', header: 'Ngày bắt đầu công tác', width: 14, aliases: ['ngay vao co quan', 'ngay bat dau', 'ngay tuyen dung'] },
  { key: 'status', header: 'Trạng thái', width: 18, aliases: ['tinh trang'] },
  { key: 'note', header: 'Ghi chú', width: 30, aliases: [] },
];

/** The template has no status column: people imported are working; the list screen changes it. */
export const TEMPLATE_COLUMNS = PEOPLE_COLUMNS.filter((c) => c.key !== 'status');

export function columnHeader(key: PeopleColumnKey): string {
  return PEOPLE_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

const byFoldedHeader = new Map<string, PeopleColumnKey>(
  PEOPLE_COLUMNS.flatMap((c) => [[foldHeader(c.header), c.key] as const, ...c.aliases.map((a) => [a, c.key] as const)]),
);

export function columnForHeader(text: string): PeopleColumnKey | undefined {
  return byFoldedHeader.get(foldHeader(text));
}

/** Sheet names, as the office sees them in Excel's tabs. */
export const SHEET_LIST = 'Danh sách';
export const SHEET_GUIDE = 'Hướng dẫn';
/** Hidden sheet holding the drop-down lists (unit names may contain commas, which an inline list cannot). */
export const SHEET_LISTS = 'DanhMuc';
/** STT of the template's example row; the import skips rows marked so. */
export const EXAMPLE_MARK = 'Ví dụ';
