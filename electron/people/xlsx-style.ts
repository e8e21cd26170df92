import type { Row, Worksheet } from 'exceljs';

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
