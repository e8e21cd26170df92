import ExcelJS from 'exceljs';
import { GENDER_LABELS, STAFF_CATEGORIES, STAFF_CATEGORY_LABELS } from '../../shared/domain/people.js';
import { EXAMPLE_MARK, SHEET_GUIDE, SHEET_LIST, SHEET_LISTS, TEMPLATE_COLUMNS, type PeopleColumnKey } from './xlsx-columns.js';
import { addGuideSheet, FONT, freezeHeader, setColumnWidths, styleHeaderRow, validations } from './xlsx-style.js';

/** Rows prepared with drop-downs and text format below the header. */
const TEMPLATE_ROWS = 500;

const STEPS = [
  `1. Nhập mỗi người một dòng ở trang "${SHEET_LIST}", bắt đầu từ dòng ngay dưới dòng ví dụ. Không sửa dòng tiêu đề.`,
  '2. Lưu tệp (định dạng .xlsx), rồi trong phần mềm chọn Danh mục › Cán bộ › Nhập từ Excel.',
  '3. Nếu có dòng sai, phần mềm báo từng lỗi theo số dòng và tên cột và không nhập người nào; sửa tệp rồi nhập lại.',
  '4. Người trùng họ tên và ngày sinh trong cùng tệp được coi là nhập hai lần.',
];

const GUIDE: readonly (readonly [string, string])[] = [
  ['STT', 'Số thứ tự, không bắt buộc. Dòng có STT là "Ví dụ" được bỏ qua khi nhập.'],
  ['Họ và tên', 'Bắt buộc. Ghi đầy đủ, có dấu, ví dụ: Tòng Thị Phương Thảo.'],
  ['Giới tính', 'Bắt buộc. Chọn Nam hoặc Nữ trong danh sách.'],
  ['Ngày sinh', 'Ghi theo dạng ngày/tháng/năm, ví dụ 05/01/1990. Ngày phải có thật (không ghi 30/02).'],
  ['Chức vụ', 'Không bắt buộc, ví dụ: Trưởng phòng, Chuyên viên, Công chức Tư pháp – Hộ tịch.'],
  ['Loại cán bộ', 'Bắt buộc. Chọn trong danh sách (Công chức, Viên chức, Tập sự, Hợp đồng…).'],
  ['Đơn vị', 'Bắt buộc. Chọn trong danh sách các đơn vị đã khai báo trong phần mềm (mục Danh mục › Đơn vị).'],
  ['Ngày bắt đầu công tác', 'Ghi theo dạng ngày/tháng/năm; phải sau ngày sinh.'],
  ['Ghi chú', 'Không bắt buộc.'],
];

/** Writes a list to a column of the hidden sheet; returns the absolute range for a list validation. */
function listRange(sheet: ExcelJS.Worksheet, column: number, values: readonly string[]): string | null {
  if (values.length === 0) return null;
  values.forEach((v, i) => {
    sheet.getCell(i + 1, column).value = v;
  });
  const letter = String.fromCharCode(64 + column);
  return `${SHEET_LISTS}!$${letter}$1:$${letter}$${values.length}`;
}

/**
 * The import template: header, an example row, drop-downs for gender, staff
 * category and unit (lists on a hidden sheet), and a guide sheet.
 */
export async function buildPeopleTemplate(unitNames: string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua';
  const sheet = wb.addWorksheet(SHEET_LIST);
  addGuideSheet(wb, SHEET_GUIDE, 'HƯỚNG DẪN NHẬP DANH SÁCH CÁN BỘ, CÔNG CHỨC', STEPS, GUIDE);
  const lists = wb.addWorksheet(SHEET_LISTS, { state: 'hidden' });

  const units = [...new Set(unitNames.map((n) => n.normalize('NFC')))];
  const ranges: Partial<Record<PeopleColumnKey, string | null>> = {
    gender: listRange(lists, 1, [GENDER_LABELS.male.vi, GENDER_LABELS.female.vi]),
    staffCategory: listRange(lists, 2, STAFF_CATEGORIES.map((c) => STAFF_CATEGORY_LABELS[c].vi)),
    unit: listRange(lists, 3, units),
  };

  setColumnWidths(sheet, TEMPLATE_COLUMNS.map((c) => c.width));
  styleHeaderRow(sheet.addRow(TEMPLATE_COLUMNS.map((c) => c.header)));
  const example: Record<string, string> = {
    stt: EXAMPLE_MARK,
    fullName: 'Tòng Thị Phương Thảo',
    gender: GENDER_LABELS.female.vi,
    birthDate: '28/02/1992',
    position: 'Chuyên viên',
    staffCategory: STAFF_CATEGORY_LABELS.cong_chuc.vi,
    unit: units[0] ?? '',
    startDate: '01/04/2016',
    note: 'Dòng ví dụ, không được nhập; có thể xóa.',
  };
  const exampleRow = sheet.addRow(TEMPLATE_COLUMNS.map((c) => example[c.key] ?? ''));
  exampleRow.font = { name: FONT, size: 12, italic: true, color: { argb: 'FF6B7280' } };

  const lastRow = TEMPLATE_ROWS + 2;
  TEMPLATE_COLUMNS.forEach((col, i) => {
    const column = sheet.getColumn(i + 1);
    // Dates as text: an English-locale Excel would silently read 05/01/1990 as 1 May; text keeps what was typed.
    if (col.key === 'birthDate' || col.key === 'startDate') column.numFmt = '@';
    for (let r = 2; r <= lastRow; r++) {
      const cell = sheet.getCell(r, i + 1);
      if (r > 2) cell.font = { name: FONT, size: 12 };
      if (col.key === 'birthDate' || col.key === 'startDate') cell.numFmt = '@';
    }
    const range = ranges[col.key];
    if (range) {
      const letter = String.fromCharCode(65 + i);
      // One validation per column range: exceljs's per-cell merging sorts addresses as text (C10 < C2)
      // and writes overlapping ranges, which Excel reports as a damaged file.
      validations(sheet).add(`${letter}2:${letter}${lastRow}`, {
        type: 'list',
        allowBlank: true,
        formulae: [range],
        showErrorMessage: true,
        errorStyle: 'stop',
        errorTitle: col.header,
        error: `Hãy chọn ${col.header.toLowerCase()} trong danh sách.`,
      });
    }
  });
  freezeHeader(sheet, 1);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
