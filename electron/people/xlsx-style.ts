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
