import type { DataValidation, Row, Workbook, Worksheet } from 'exceljs';

/** Look shared by the template and the export: Times New Roman like the office's documents, a shaded bold header. */
export const FONT = 'Times New Roman';

export function styleHeaderRow(row: Row): void {
  row.height = 32;
  row.eachCell((cell) => {
    cell.font = { name: FONT, size: 12, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDE7F3' } };
    cell.border = thinBorder;
  });
}

export const thinBorder = {
  top: { style: 'thin' as const, color: { argb: 'FF9AA5B1' } },
  left: { style: 'thin' as const, color: { argb: 'FF9AA5B1' } },
  bottom: { style: 'thin' as const, color: { argb: 'FF9AA5B1' } },
  right: { style: 'thin' as const, color: { argb: 'FF9AA5B1' } },
};

export function setColumnWidths(sheet: Worksheet, widths: readonly number[]): void {
  widths.forEach((w, i) => {
    sheet.getColumn(i + 1).width = w;
  });
}

/** Header stays in view while scrolling; the sheet prints landscape on A4 with the header repeated. */
export function freezeHeader(sheet: Worksheet, headerRow: number): void {
  sheet.views = [{ state: 'frozen', ySplit: headerRow, xSplit: 0, activeCell: `B${headerRow + 1}` }];
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0, printTitlesRow: `${headerRow}:${headerRow}` };
}

/**
 * Excel does not grow a row for wrapped text written by a program (neither
 * does LibreOffice), so long positions and notes would be cut: estimate the
 * lines from the column width (about 1.1 characters of Times New Roman 12 pt per width unit).
 */
export function fitRowHeight(row: Row, widths: readonly number[], wrapped: ReadonlySet<number>): void {
  let lines = 1;
  row.eachCell((cell, col) => {
    if (!wrapped.has(col)) return;
    const width = widths[col - 1] ?? 10;
    const text = cell.value === null || cell.value === undefined ? '' : String(cell.value);
    lines = Math.max(lines, Math.ceil(text.length / Math.max(1, (width - 2) * 1.1)));
  });
  if (lines > 1) row.height = 16 * lines;
}

/**
 * exceljs has a range-level validation API that its typings leave out. One validation per column range:
 * its per-cell merging sorts addresses as text (C10 < C2) and writes overlapping ranges, which Excel
 * reports as a damaged file.
 */
export function validations(sheet: Worksheet): { add(range: string, validation: DataValidation): void } {
  return (sheet as unknown as { dataValidations: { add(range: string, validation: DataValidation): void } }).dataValidations;
}

/**
 * The guide sheet of an import template: a title, numbered steps, then a
 * "Cột / Cách ghi" table. Landscape A4, one page wide, so it prints whole.
 */
export function addGuideSheet(wb: Workbook, name: string, title: string, steps: readonly string[], columns: readonly (readonly [string, string])[]): Worksheet {
  const sheet = wb.addWorksheet(name);
  const widths = [30, 90];
  setColumnWidths(sheet, widths);
  sheet.pageSetup = { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 };
  const head = sheet.addRow([title]);
  sheet.mergeCells(1, 1, 1, 2);
  head.font = { name: FONT, size: 14, bold: true };
  head.height = 24;
  for (const line of steps) {
    const r = sheet.addRow([line]);
    sheet.mergeCells(r.number, 1, r.number, 2);
    r.font = { name: FONT, size: 12 };
    r.alignment = { wrapText: true, vertical: 'top' };
    // Merged over both columns: as wide as the two together.
    fitRowHeight(r, [widths[0]! + widths[1]!], new Set([1]));
  }
  sheet.addRow([]);
  styleHeaderRow(sheet.addRow(['Cột', 'Cách ghi']));
  for (const [col, how] of columns) {
    const r = sheet.addRow([col, how]);
    r.eachCell((c, colNumber) => {
      c.font = { name: FONT, size: 12, bold: colNumber === 1 };
      c.alignment = { vertical: 'top', wrapText: true };
      c.border = thinBorder;
    });
    fitRowHeight(r, widths, new Set([1, 2]));
  }
  return sheet;
}
