import ExcelJS from 'exceljs';
import { personFields, type PeopleImportIssue } from '../../shared/api/methods/people.js';
import {
  GENDER_LABELS,
  PERSON_STATUSES,
  PERSON_STATUS_LABELS,
  STAFF_CATEGORIES,
  STAFF_CATEGORY_LABELS,
  type Gender,
  type PersonStatus,
  type StaffCategory,
} from '../../shared/domain/people.js';
import { formatDateShort } from '../../shared/vi/dates.js';
import { foldVietnamese } from '../../shared/vi/search.js';
import type { PersonInput } from '../handlers/people.js';
import type { UnitRow } from '../handlers/rows.js';
import { cellText, findHeaderRow, readCell, readDate, type CellContent } from './xlsx-cells.js';
import { EXAMPLE_MARK, SHEET_GUIDE, SHEET_LISTS, columnForHeader, columnHeader, type PeopleColumnKey } from './xlsx-columns.js';

/** More rows than any office has staff: a bigger file is the wrong file. */
const MAX_ROWS = 5000;

/** personFields' keys → spreadsheet columns, to place a schema issue under its header. */
const FIELD_COLUMN: Record<string, PeopleColumnKey> = {
  fullName: 'fullName',
  gender: 'gender',
  birthDate: 'birthDate',
  position: 'position',
  staffCategory: 'staffCategory',
  unitId: 'unit',
  startDate: 'startDate',
  status: 'status',
  note: 'note',
};

const REQUIRED: readonly PeopleColumnKey[] = ['fullName', 'gender', 'staffCategory'];

const TEMPLATE_HINT = 'Hãy dùng tệp mẫu tải từ phần mềm (Danh mục › Cán bộ › Tải tệp mẫu).';

function fileIssue(message: string): { people: PersonInput[]; issues: PeopleImportIssue[] } {
  return { people: [], issues: [{ row: 1, column: '', message }] };
}

function lookup<K extends string>(entries: readonly (readonly [string, K])[]): Map<string, K> {
  return new Map(entries.map(([text, key]) => [foldVietnamese(text), key]));
}

const GENDER_BY_TEXT = lookup<Gender>([
  [GENDER_LABELS.male.vi, 'male'],
  [GENDER_LABELS.female.vi, 'female'],
  ['male', 'male'],
  ['female', 'female'],
]);
const CATEGORY_BY_TEXT = lookup<StaffCategory>(STAFF_CATEGORIES.flatMap((c) => [[STAFF_CATEGORY_LABELS[c].vi, c] as const, [c, c] as const]));
const STATUS_BY_TEXT = lookup<PersonStatus>(PERSON_STATUSES.flatMap((s) => [[PERSON_STATUS_LABELS[s].vi, s] as const, [s, s] as const]));

interface UnitIndex {
  byText: Map<string, UnitRow[]>;
  only: UnitRow | null;
}

function indexUnits(units: readonly UnitRow[]): UnitIndex {
  const byText = new Map<string, UnitRow[]>();
  for (const u of units) {
    for (const text of new Set([u.name, u.short_name].filter((t): t is string => !!t).map(foldVietnamese))) {
      const list = byText.get(text) ?? [];
      list.push(u);
      byText.set(text, list);
    }
  }
  return { byText, only: units.length === 1 ? (units[0] ?? null) : null };
}

/**
 * Reads a people spreadsheet. Tolerant in what it accepts (dates as Excel
 * dates or d/m/yyyy text, labels without diacritics or in any case, extra
 * columns ignored), strict in what it lets through: every problem is
 * reported with its Excel row and column header, and any problem means no
 * person is returned, so the caller writes nothing.
 */
export async function parsePeopleWorkbook(
  file: Buffer,
  units: UnitRow[],
  today: string,
): Promise<{ people: PersonInput[]; issues: PeopleImportIssue[] }> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Buffer's generic parameter; the bytes are what it wants.
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return fileIssue(`Tệp không phải bảng tính Excel .xlsx hợp lệ (tệp .xls cũ cần mở bằng Excel và lưu lại dạng .xlsx). ${TEMPLATE_HINT}`);
  }
  // Visible data sheets first; the guide and the hidden lists never hold people. A real header names the
  // person and at least one other field (a guide line naming "Họ và tên" is not one).
  const header = findHeaderRow(wb, [SHEET_LISTS, SHEET_GUIDE], columnForHeader, (columns) => columns.has('fullName') && columns.size >= 2);
  if (!header) return fileIssue(`Không tìm thấy dòng tiêu đề có cột "Họ và tên" cùng các cột khác của danh sách. ${TEMPLATE_HINT}`);

  const unitIndex = indexUnits(units);
  const required = unitIndex.only ? REQUIRED : [...REQUIRED, 'unit' as const];
  const missing = required.filter((k) => !header.columns.has(k));
  if (missing.length > 0) {
    return {
      people: [],
      issues: missing.map((k) => ({ row: header.row, column: columnHeader(k), message: `Thiếu cột "${columnHeader(k)}" trong dòng tiêu đề. ${TEMPLATE_HINT}` })),
    };
  }

  const issues: PeopleImportIssue[] = [];
  const people: PersonInput[] = [];
  const seen = new Map<string, number>();
  let dataRows = 0;

  for (let r = header.row + 1; r <= header.sheet.rowCount; r++) {
    const row = header.sheet.getRow(r);
    const cell = (key: PeopleColumnKey): CellContent => {
      const col = header.columns.get(key);
      return col === undefined ? { kind: 'empty' } : readCell(row.getCell(col).value);
    };
    const text = (key: PeopleColumnKey) => cellText(cell(key));
    const keys = [...header.columns.keys()].filter((k) => k !== 'stt');
    if (keys.every((k) => cell(k).kind === 'empty')) continue;
    if (foldVietnamese(text('stt')) === foldVietnamese(EXAMPLE_MARK)) continue;
    if (++dataRows > MAX_ROWS) return fileIssue(`Tệp có hơn ${MAX_ROWS} dòng dữ liệu; hãy kiểm tra lại có đúng là danh sách cán bộ không.`);

    const rowIssues: PeopleImportIssue[] = [];
    const problem = (key: PeopleColumnKey, message: string) => rowIssues.push({ row: r, column: columnHeader(key), message });
    for (const k of keys) {
      const c = cell(k);
      if (c.kind === 'error' && k !== 'birthDate' && k !== 'startDate') problem(k, `${columnHeader(k)}: ô có lỗi công thức (${c.error}).`);
    }

    const fullName = text('fullName');
    if (!fullName) problem('fullName', 'Thiếu họ và tên.');
    else if (/\d/u.test(fullName)) problem('fullName', `Họ và tên "${fullName}" có chữ số; hãy kiểm tra lại (có thể nhầm cột).`);

    const genderText = text('gender');
    const gender = GENDER_BY_TEXT.get(foldVietnamese(genderText));
    if (!genderText) problem('gender', 'Thiếu giới tính (ghi Nam hoặc Nữ).');
    else if (!gender) problem('gender', `Giới tính "${genderText}" không hợp lệ; ghi Nam hoặc Nữ.`);

    const categoryText = text('staffCategory');
    const staffCategory = CATEGORY_BY_TEXT.get(foldVietnamese(categoryText));
    if (!categoryText) problem('staffCategory', 'Thiếu loại cán bộ (chọn trong danh sách của tệp mẫu).');
    else if (!staffCategory) {
      problem('staffCategory', `Loại cán bộ "${categoryText}" không có trong danh mục (${STAFF_CATEGORIES.map((c) => STAFF_CATEGORY_LABELS[c].vi).join('; ')}).`);
    }

    const unitText = text('unit');
    let unitId: string | undefined;
    if (!unitText) {
      if (unitIndex.only) unitId = unitIndex.only.id;
      else problem('unit', 'Thiếu đơn vị (chọn trong danh sách của tệp mẫu).');
    } else {
      const found = unitIndex.byText.get(foldVietnamese(unitText)) ?? [];
      if (found.length === 1) unitId = found[0]?.id;
      else if (found.length === 0) problem('unit', `Đơn vị "${unitText}" không có trong danh mục đơn vị của phần mềm.`);
      else problem('unit', `Tên đơn vị "${unitText}" khớp với ${found.length} đơn vị; hãy đặt tên đơn vị khác nhau trong danh mục rồi nhập lại.`);
    }

    const birth = readDate(cell('birthDate'), 'Ngày sinh');
    if (!birth.ok) problem('birthDate', birth.message);
    const start = readDate(cell('startDate'), 'Ngày bắt đầu công tác');
    if (!start.ok) problem('startDate', start.message);
    const birthDate = birth.ok ? birth.iso : null;
    const startDate = start.ok ? start.iso : null;
    if (birthDate && birthDate > today) problem('birthDate', `Ngày sinh ${formatDateShort(birthDate)} ở tương lai.`);
    if (birthDate && startDate && startDate <= birthDate) {
      problem('startDate', `Ngày bắt đầu công tác ${formatDateShort(startDate)} phải sau ngày sinh ${formatDateShort(birthDate)}.`);
    }

    const statusText = text('status');
    const status = statusText ? STATUS_BY_TEXT.get(foldVietnamese(statusText)) : 'working';
    if (!status) problem('status', `Trạng thái "${statusText}" không hợp lệ (${PERSON_STATUSES.map((s) => PERSON_STATUS_LABELS[s].vi).join('; ')}).`);

    if (fullName) {
      const key = `${foldVietnamese(fullName)}|${birthDate ?? ''}`;
      const first = seen.get(key);
      if (first !== undefined) {
        problem(
          'fullName',
          birthDate
            ? `"${fullName}" sinh ngày ${formatDateShort(birthDate)} trùng với dòng ${first} (cùng họ tên và ngày sinh).`
            : `"${fullName}" trùng họ tên với dòng ${first} và cả hai đều không ghi ngày sinh; hãy ghi ngày sinh để phân biệt.`,
        );
      } else seen.set(key, r);
    }

    if (rowIssues.length === 0) {
      // The same schema as the create form: one set of rules (lengths, NFC) for both doors.
      const parsed = personFields.safeParse({
        fullName,
        gender,
        birthDate,
        position: text('position') || null,
        staffCategory,
        unitId,
        startDate,
        status,
        note: text('note') || null,
      });
      if (parsed.success) people.push(parsed.data);
      else {
        for (const issue of parsed.error.issues) {
          const field = String(issue.path[0] ?? '');
          problem(FIELD_COLUMN[field] ?? 'fullName', issue.message);
        }
      }
    }
    issues.push(...rowIssues);
  }

  if (dataRows === 0 && issues.length === 0) {
    return fileIssue(`Tệp không có dòng dữ liệu nào dưới dòng tiêu đề (dòng ${header.row}); hãy nhập mỗi người một dòng.`);
  }
  return issues.length > 0 ? { people: [], issues } : { people, issues };
}
