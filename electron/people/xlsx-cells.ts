import type ExcelJS from 'exceljs';
import { isRealIsoDate, normaliseText } from '../../shared/schema/text.js';
import { formatDateShort, parseDateShort } from '../../shared/vi/dates.js';

/**
 * What a spreadsheet cell holds, reduced to the few shapes the import cares
 * about. exceljs hands back strings, numbers, Dates, rich text, formulas
 * (with their cached result), hyperlinks and error values.
 */
export type CellContent =
  | { kind: 'empty' }
  | { kind: 'text'; text: string }
  | { kind: 'number'; value: number }
  | { kind: 'date'; date: Date }
  | { kind: 'error'; error: string };

export function readCell(value: unknown): CellContent {
  if (value === null || value === undefined) return { kind: 'empty' };
  if (typeof value === 'string') return value.trim() === '' ? { kind: 'empty' } : { kind: 'text', text: value };
  if (typeof value === 'number') return Number.isFinite(value) ? { kind: 'number', value } : { kind: 'empty' };
  if (typeof value === 'boolean') return { kind: 'text', text: value ? 'TRUE' : 'FALSE' };
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? { kind: 'empty' } : { kind: 'date', date: value };
  if (typeof value === 'object') {
    const o = value as Record<string, unknown>;
    if (Array.isArray(o.richText)) {
      return readCell((o.richText as { text?: unknown }[]).map((r) => (typeof r.text === 'string' ? r.text : '')).join(''));
    }
    if ('error' in o) return { kind: 'error', error: String(o.error) };
    if ('formula' in o || 'sharedFormula' in o) return readCell(o.result);
    if ('text' in o) return readCell(o.text);
  }
  return { kind: 'empty' };
}

/** The cell as text, NFC and trimmed; '' when empty. */
export function cellText(c: CellContent): string {
  switch (c.kind) {
    case 'text':
      return normaliseText(c.text);
    case 'number':
      return String(c.value);
    case 'date':
      return formatDateShort(dateToIso(c.date));
    default:
      return '';
  }
}

function dateToIso(d: Date): string {
  return `${String(d.getUTCFullYear()).padStart(4, '0')}-${String(d.getUTCMonth() + 1).padStart(2, '0')}-${String(d.getUTCDate()).padStart(2, '0')}`;
}

/** Excel's day 0 is 30/12/1899 (the 1900 leap-year bug is absorbed by starting there). */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);

export type DateRead = { ok: true; iso: string | null } | { ok: false; message: string };

/**
 * Reads a date cell as Excel holds it: a real date, a serial number, or text
 * typed as d/m/yyyy (or yyyy-mm-dd). `label` names the column in messages.
 */
export function readDate(c: CellContent, label: string): DateRead {
  const outOfRange = (shown: string): DateRead => ({ ok: false, message: `${label} ${shown} không hợp lệ: năm phải từ 1900 đến 2200.` });
  switch (c.kind) {
    case 'empty':
      return { ok: true, iso: null };
    case 'error':
      return { ok: false, message: `${label}: ô có lỗi công thức (${c.error}).` };
    case 'date': {
      const iso = dateToIso(c.date);
      return isRealIsoDate(iso) ? { ok: true, iso } : outOfRange(iso.slice(0, 4));
    }
    case 'number': {
      if (Number.isInteger(c.value) && c.value >= 1000 && c.value <= 9999) {
        return { ok: false, message: `${label} chỉ ghi năm (${c.value}); hãy ghi đủ ngày/tháng/năm, ví dụ 05/01/${c.value}.` };
      }
      const iso = dateToIso(new Date(EXCEL_EPOCH_MS + Math.floor(c.value) * 86_400_000));
      return isRealIsoDate(iso) ? { ok: true, iso } : { ok: false, message: `${label} ${c.value} không đọc được thành ngày; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/01/1990.` };
    }
    case 'text': {
      const text = normaliseText(c.text);
      const parsed = parseDateShort(text);
      if (parsed) return { ok: true, iso: parsed };
      const dmy = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/u.exec(text);
      if (dmy) {
        const year = Number(dmy[3]);
        if (year < 1900 || year > 2200) return outOfRange(text);
        return { ok: false, message: `${label} ${text} không có thật.` };
      }
      if (/^\d{4}-\d{2}-\d{2}$/u.test(text)) {
        return isRealIsoDate(text) ? { ok: true, iso: text } : { ok: false, message: `${label} ${text} không có thật.` };
      }
      if (/^\d{1,2}[/.-]\d{1,2}[/.-]\d{2}$/u.test(text)) {
        return { ok: false, message: `${label} ${text}: hãy ghi năm đủ 4 chữ số, ví dụ 05/01/1990.` };
      }
      if (/^\d{4}$/u.test(text)) {
        return { ok: false, message: `${label} chỉ ghi năm (${text}); hãy ghi đủ ngày/tháng/năm, ví dụ 05/01/${text}.` };
      }
      return { ok: false, message: `${label} "${text}" không đọc được; hãy ghi theo dạng ngày/tháng/năm, ví dụ 05/01/1990.` };
    }
  }
}

export interface HeaderRow<K> {
  sheet: ExcelJS.Worksheet;
  /** 1-based, as Excel shows it. */
  row: number;
  columns: Map<K, number>;
}

/** Rows scanned for the header: files from other software often start with a title block. */
const HEADER_SCAN_ROWS = 20;

/**
 * The header row of a list: the first row, in the visible sheets first (then
 * the hidden ones; never the `skipSheets`), whose cells name columns that
 * `accept` takes as a header. `columnFor` maps a header cell's text to a key.
 */
export function findHeaderRow<K>(wb: ExcelJS.Workbook, skipSheets: readonly string[], columnFor: (text: string) => K | null | undefined, accept: (columns: Map<K, number>) => boolean): HeaderRow<K> | null {
  const sheets = wb.worksheets.filter((s) => !skipSheets.includes(s.name));
  sheets.sort((a, b) => Number(a.state !== 'visible') - Number(b.state !== 'visible'));
  for (const sheet of sheets) {
    for (let r = 1; r <= Math.min(HEADER_SCAN_ROWS, sheet.rowCount); r++) {
      const columns = new Map<K, number>();
      sheet.getRow(r).eachCell((cell, col) => {
        const key = columnFor(cellText(readCell(cell.value)));
        if (key !== null && key !== undefined && !columns.has(key)) columns.set(key, col);
      });
      if (accept(columns)) return { sheet, row: r, columns };
    }
  }
  return null;
}
