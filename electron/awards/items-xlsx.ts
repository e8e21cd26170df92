import ExcelJS from 'exceljs';
import {
  ITEM_COLUMNS,
  ITEMS_EXAMPLE_MARK,
  importItemRows,
  itemColumnForHeader,
  itemColumnHeader,
  type ItemColumnKey,
  type ItemsImportContext,
  type ItemsImportResult,
  type SheetRow,
} from '../../shared/awards/items-import.js';
import { foldVietnamese } from '../../shared/vi/search.js';
import { cellText, findHeaderRow, readCell } from '../people/xlsx-cells.js';
import { addGuideSheet, FONT, freezeHeader, setColumnWidths, styleHeaderRow, validations } from '../people/xlsx-style.js';

/** The award list of a decision as a spreadsheet: the template offices fill (or their mail-merge list), and its reader. */

const SHEET = 'Danh sách khen thưởng';
const SHEET_GUIDE = 'Hướng dẫn';
const SHEET_LISTS = 'Danh mục';
const MAX_ROWS = 1000;
const TEMPLATE_ROWS = 300;
const HINT = 'Hãy dùng tệp mẫu (Khen thưởng › Lập quyết định › Tải tệp mẫu danh sách).';

function fileIssue(message: string): ItemsImportResult {
  return { items: [], issues: [{ row: 1, column: '', message }] };
}

/**
 * Reads the list. Tolerant in what it accepts (title rows above the header,
 * columns in any order, extra columns ignored, labels without diacritics),
 * strict in what it lets through: any problem is reported by Excel row and
 * column and no line is returned.
 */
export async function parseItemsWorkbook(file: Buffer, ctx: ItemsImportContext): Promise<ItemsImportResult> {
  const wb = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Buffer's generic parameter; the bytes are what it wants.
    await wb.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    return fileIssue(`Tệp không phải bảng tính Excel .xlsx hợp lệ (tệp .xls cũ cần mở bằng Excel và lưu lại dạng .xlsx). ${HINT}`);
  }
  const header = findHeaderRow(wb, [SHEET_GUIDE, SHEET_LISTS], itemColumnForHeader, (columns) => columns.has('name') && columns.has('achievement'));
  if (!header) return fileIssue(`Không tìm thấy dòng tiêu đề có cột "${itemColumnHeader('name')}" và cột "${itemColumnHeader('achievement')}". ${HINT}`);
  const rows: SheetRow[] = [];
  for (let r = header.row + 1; r <= header.sheet.rowCount; r++) {
    const row = header.sheet.getRow(r);
    const text = (key: ItemColumnKey) => {
      const col = header.columns.get(key);
      return col === undefined ? '' : cellText(readCell(row.getCell(col).value));
    };
    const keys = [...header.columns.keys()].filter((k) => k !== 'stt');
    if (keys.every((k) => text(k) === '')) continue;
    if (foldVietnamese(text('stt')) === foldVietnamese(ITEMS_EXAMPLE_MARK)) continue;
    if (rows.length >= MAX_ROWS) return fileIssue(`Tệp có hơn ${MAX_ROWS} dòng; một quyết định tối đa 500 người, tập thể.`);
    rows.push({ row: r, text });
  }
  if (rows.length === 0) return fileIssue(`Tệp không có dòng nào dưới dòng tiêu đề (dòng ${header.row}); hãy ghi mỗi người, tập thể một dòng.`);
  if (rows.length > 500) return fileIssue(`Tệp có ${rows.length} dòng; một quyết định tối đa 500 người, tập thể. Hãy chia thành nhiều quyết định.`);
  return importItemRows(rows, ctx);
}

/** The template: header, an example row, drop-downs for the kind of recipient and the award, and a guide sheet. */
export async function buildItemsTemplate(awardNames: readonly string[], unitNames: readonly string[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua';
  const sheet = wb.addWorksheet(SHEET);
  const lists = wb.addWorksheet(SHEET_LISTS, { state: 'hidden' });

  const listOf = (column: number, values: readonly string[]) => {
    values.forEach((v, i) => {
      lists.getCell(i + 1, column).value = v;
    });
    const letter = String.fromCharCode(64 + column);
    return values.length > 0 ? `'${SHEET_LISTS}'!$${letter}$1:$${letter}$${values.length}` : null;
  };
  const awards = [...new Set(awardNames)];
  const ranges: Partial<Record<ItemColumnKey, string | null>> = { kind: listOf(1, ['Cá nhân', 'Tập thể']), award: listOf(2, awards), unit: listOf(3, [...new Set(unitNames)]) };

  setColumnWidths(sheet, ITEM_COLUMNS.map((c) => c.width));
  styleHeaderRow(sheet.addRow(ITEM_COLUMNS.map((c) => c.header)));
  const example: Record<ItemColumnKey, string> = {
    stt: ITEMS_EXAMPLE_MARK,
    name: 'Tòng Thị Phương Thảo',
    kind: 'Cá nhân',
    position: 'Công chức Tư pháp - Hộ tịch',
    unit: unitNames[0] ?? '',
    award: awards.includes('Giấy khen') ? 'Giấy khen' : (awards[0] ?? ''),
    achievement: 'Đã có thành tích xuất sắc trong công tác phổ biến, giáo dục pháp luật năm 2025',
  };
  const exampleRow = sheet.addRow(ITEM_COLUMNS.map((c) => example[c.key]));
  exampleRow.font = { name: FONT, size: 12, italic: true, color: { argb: 'FF6B7280' } };
  const last = TEMPLATE_ROWS + 2;
  ITEM_COLUMNS.forEach((col, i) => {
    for (let r = 2; r <= last; r++) {
      const cell = sheet.getCell(r, i + 1);
      if (r > 2) cell.font = { name: FONT, size: 12 };
      cell.alignment = { vertical: 'top', wrapText: col.key === 'achievement' || col.key === 'name' || col.key === 'unit' };
    }
    const range = ranges[col.key];
    if (range) {
      const letter = String.fromCharCode(65 + i);
      validations(sheet).add(`${letter}2:${letter}${last}`, {
        type: 'list',
        allowBlank: true,
        // Units may be typed freely (a collective outside the office's tree); the others must come from the list.
        showErrorMessage: col.key !== 'unit',
        errorStyle: 'stop',
        errorTitle: 'Không có trong danh sách',
        error: 'Hãy chọn trong danh sách thả xuống.',
        formulae: [range],
      });
    }
  });
  freezeHeader(sheet, 1);

  addGuideSheet(
    wb,
    SHEET_GUIDE,
    'HƯỚNG DẪN GHI DANH SÁCH KHEN THƯỞNG',
    [
      `1. Ghi mỗi người hoặc tập thể một dòng ở trang "${SHEET}", bắt đầu ngay dưới dòng ví dụ. Không sửa dòng tiêu đề.`,
      '2. Lưu tệp (.xlsx), rồi trong phần mềm: Khen thưởng › Lập quyết định › Nhập danh sách từ Excel.',
      '3. Dòng có STT là "Ví dụ" được bỏ qua. Có lỗi ở dòng nào thì phần mềm báo theo số dòng, tên cột và không thêm dòng nào; sửa tệp rồi đọc lại.',
    ],
    [
      [itemColumnHeader('name'), 'Bắt buộc. Cá nhân: họ tên đúng như trong Danh mục › Cán bộ. Tập thể: tên đơn vị.'],
      [itemColumnHeader('kind'), 'Cá nhân hoặc Tập thể. Để trống thì phần mềm tự nhận: tên trùng một đơn vị là tập thể, còn lại là cá nhân.'],
      [itemColumnHeader('position'), 'Không bắt buộc. Chức vụ in trên giấy khen; để trống thì lấy chức vụ trong Danh mục › Cán bộ. Tập thể để trống.'],
      [itemColumnHeader('unit'), 'Cá nhân: chỉ cần khi có hai người trùng họ tên. Tập thể: cơ quan chủ quản (in dưới tên tập thể).'],
      [itemColumnHeader('award'), 'Chọn trong danh sách thả xuống. Để trống là Giấy khen.'],
      [itemColumnHeader('achievement'), 'Bắt buộc. Nội dung thành tích in trên giấy khen (tối đa 1500 ký tự).'],
    ],
  );
  return Buffer.from(await wb.xlsx.writeBuffer());
}
