import ExcelJS from 'exceljs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Download } from '@playwright/test';
import { expect, screenshot, test, type WebApp } from './fixtures.js';
import { PeoplePage } from './pages/people-page.js';
import { ShellPage } from './pages/shell-page.js';
import { OFFICE, sessionToken, signedIn } from './support.js';

type Row = Record<string, string>;

/** Fills the app's own template (downloaded through the API) with rows keyed by column header. */
/** Returns the Excel row number of the first data row written. */
async function workbookFromTemplate(webApp: WebApp, session: string, rows: Row[], path: string): Promise<number> {
  const template = await webApp.call<{ base64: string }>('people.importTemplate', {}, session);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer);
  const sheet = wb.getWorksheet('Danh sách');
  if (!sheet) throw new Error('template has no "Danh sách" sheet');
  let headerRow = 0;
  const columns = new Map<string, number>();
  sheet.eachRow((row, r) => {
    if (headerRow) return;
    row.eachCell((cell, c) => {
      if (String(cell.value ?? '').trim() === 'Họ và tên') headerRow = r;
      columns.set(String(cell.value ?? '').trim(), c);
    });
    if (!headerRow) columns.clear();
  });
  if (!headerRow) throw new Error('template has no header row');
  // Data goes in the first rows under the header whose name cell is empty (the template's example row stays).
  const nameCol = columns.get('Họ và tên') ?? 0;
  let r = headerRow + 1;
  while (String(sheet.getRow(r).getCell(nameCol).value ?? '').trim() !== '') r++;
  const firstRow = r;
  for (const data of rows) {
    const row = sheet.getRow(r++);
    for (const [header, value] of Object.entries(data)) {
      const c = columns.get(header);
      if (!c) throw new Error(`template has no column ${header}`);
      row.getCell(c).value = value;
    }
    row.commit();
  }
  await wb.xlsx.writeFile(path);
  return firstRow;
}


test('import a good .xlsx, then a bad one that is rejected row by row and writes nothing', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  await new ShellPage(page).open('people');
  const people = new PeoplePage(page);
  const session = await sessionToken(page);
  const dir = mkdtempSync(join(tmpdir(), 'thidua-xlsx-'));

  const good = join(dir, 'danh-sach-tot.xlsx');
  await workbookFromTemplate(
    webApp,
    session,
    [
      { 'Họ và tên': 'Vàng A Sử', 'Giới tính': 'Nam', 'Ngày sinh': '12/05/1988', 'Chức vụ': 'Công chức Tư pháp – Hộ tịch', 'Loại cán bộ': 'Công chức', 'Đơn vị': OFFICE.name },
      { 'Họ và tên': 'Lường Thị Thanh Huyền', 'Giới tính': 'Nữ', 'Ngày sinh': '03/09/1995', 'Chức vụ': 'Chuyên viên', 'Loại cán bộ': 'Viên chức', 'Đơn vị': OFFICE.name },
    ],
    good,
  );
  await people.openImport();
  await people.importFile(good);
  await expect(page.getByTestId('import-ok')).toContainText('Đã nhập 2 cán bộ');
  await page.getByRole('button', { name: 'Đóng' }).click();
  await expect(people.rows).toHaveCount(2);
  await expect(people.row('Lường Thị Thanh Huyền')).toContainText('03/09/1995');

  const bad = join(dir, 'danh-sach-loi.xlsx');
  const first = await workbookFromTemplate(
    webApp,
    session,
    [
      { 'Họ và tên': 'Sùng A Páo', 'Giới tính': 'Nam', 'Ngày sinh': '31/02/1990', 'Loại cán bộ': 'Công chức', 'Đơn vị': OFFICE.name },
      { 'Họ và tên': '', 'Giới tính': 'Nữ', 'Ngày sinh': '01/01/1991', 'Loại cán bộ': 'Công chức', 'Đơn vị': OFFICE.name },
      { 'Họ và tên': 'Mùa Thị Sinh', 'Giới tính': 'Nữ', 'Loại cán bộ': 'Không có loại này', 'Đơn vị': OFFICE.name },
    ],
    bad,
  );
  await people.openImport();
  await people.importFile(bad);
  const issues = page.getByTestId('import-issues');
  await expect(issues).toBeVisible();
  // Each problem names its Excel row and its column.
  const issueRows = issues.locator('tbody tr');
  await expect(issueRows.filter({ hasText: 'Ngày sinh' }).first().locator('td').first()).toHaveText(String(first));
  await expect(issueRows.filter({ hasText: 'Họ và tên' }).first().locator('td').first()).toHaveText(String(first + 1));
  await expect(issueRows.filter({ hasText: 'Loại cán bộ' }).first().locator('td').first()).toHaveText(String(first + 2));
  await screenshot(page, '13-import-issues');
  await page.getByRole('button', { name: 'Đóng' }).click();

  // Nothing from the bad file was written: still the two good rows, and not the valid-looking "Sùng A Páo".
  await expect(people.rows).toHaveCount(2);
  const stored = await webApp.call<Array<{ fullName: string }>>('people.list', {}, session);
  expect(stored.map((p) => p.fullName).sort()).toEqual(['Lường Thị Thanh Huyền', 'Vàng A Sử']);
});

test('the template and the export download as .xlsx files from the page', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const session = await sessionToken(page);
  const status = await webApp.call<{ office: { id: string } }>('system.status', {});
  await webApp.call('people.create', { fullName: 'Tráng A Dình', gender: 'male', staffCategory: 'cong_chuc', unitId: status.office.id }, session);
  await new ShellPage(page).open('people');
  const dir = mkdtempSync(join(tmpdir(), 'thidua-dl-'));

  const templateDownload = page.waitForEvent('download');
  await page.getByTestId('people-template').click();
  const template = await templateDownload;
  expect(template.suggestedFilename()).toMatch(/\.xlsx$/u);
  const templateBook = new ExcelJS.Workbook();
  await templateBook.xlsx.readFile(await saveTo(template, join(dir, 'mau.xlsx')));
  expect(templateBook.getWorksheet('Danh sách')).toBeDefined();

  const exportDownload = page.waitForEvent('download');
  await page.getByTestId('people-export').click();
  const exported = await exportDownload;
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(await saveTo(exported, join(dir, 'xuat.xlsx')));
  const cells: string[] = [];
  book.eachSheet((sheet) => sheet.eachRow((row) => row.eachCell((cell) => cells.push(String(cell.value ?? '')))));
  expect(cells).toContain('Tráng A Dình');
});

async function saveTo(download: Download, path: string): Promise<string> {
  await download.saveAs(path);
  return path;
}
