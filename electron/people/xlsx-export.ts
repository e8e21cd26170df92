import ExcelJS from 'exceljs';
import { GENDER_LABELS, PERSON_STATUS_LABELS, STAFF_CATEGORY_LABELS, type Person } from '../../shared/domain/people.js';
import { PEOPLE_COLUMNS, SHEET_LIST, type PeopleColumnKey } from './xlsx-columns.js';
import { FONT, fitRowHeight, freezeHeader, setColumnWidths, styleHeaderRow, thinBorder } from './xlsx-style.js';

const WRAPPED: ReadonlySet<PeopleColumnKey> = new Set(['fullName', 'position', 'staffCategory', 'unit', 'status', 'note']);
const CENTRED: ReadonlySet<PeopleColumnKey> = new Set(['stt', 'gender', 'birthDate', 'startDate']);

/** An ISO date as an Excel date (UTC midnight, which is how exceljs maps serials). */
function excelDate(iso: string | null): Date | null {
  return iso ? new Date(`${iso}T00:00:00Z`) : null;
}

/**
 * The people list as a spreadsheet: the same columns as the template (plus
 * status), so an exported file can be edited and imported into another
 * office. Dates are real Excel dates shown dd/mm/yyyy, so they sort.
 */
export async function buildPeopleWorkbook(people: Person[], unitNames: Map<string, string>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Thi Đua';
  const sheet = wb.addWorksheet(SHEET_LIST);
  const widths = PEOPLE_COLUMNS.map((c) => c.width);
  const wrapped = new Set(PEOPLE_COLUMNS.flatMap((c, i) => (WRAPPED.has(c.key) ? [i + 1] : [])));
  setColumnWidths(sheet, widths);
  styleHeaderRow(sheet.addRow(PEOPLE_COLUMNS.map((c) => c.header)));

  people.forEach((p, i) => {
    const values: Record<PeopleColumnKey, string | number | Date | null> = {
      stt: i + 1,
      fullName: p.fullName,
      gender: GENDER_LABELS[p.gender].vi,
      birthDate: excelDate(p.birthDate),
      position: p.position,
      staffCategory: STAFF_CATEGORY_LABELS[p.staffCategory].vi,
      unit: unitNames.get(p.unitId) ?? '',
      startDate: excelDate(p.startDate),
      status: PERSON_STATUS_LABELS[p.status].vi,
      note: p.note,
    };
    const row = sheet.addRow(PEOPLE_COLUMNS.map((c) => values[c.key]));
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      const key = PEOPLE_COLUMNS[col - 1]?.key;
      cell.font = { name: FONT, size: 12 };
      cell.border = thinBorder;
      cell.alignment = { vertical: 'top', wrapText: key !== undefined && WRAPPED.has(key), horizontal: key && CENTRED.has(key) ? 'center' : 'left' };
      if (key === 'birthDate' || key === 'startDate') cell.numFmt = 'dd/mm/yyyy';
    });
    fitRowHeight(row, widths, wrapped);
  });

  freezeHeader(sheet, 1);
  sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: PEOPLE_COLUMNS.length } };
  return Buffer.from(await wb.xlsx.writeBuffer());
}
