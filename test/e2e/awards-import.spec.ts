import ExcelJS from 'exceljs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

const STAFF = [
  { fullName: 'Nguyễn Văn An', gender: 'male' },
  { fullName: 'Lò Thị Bích', gender: 'female' },
  { fullName: 'Giàng A Dình', gender: 'male' },
];

/** A list as an office keeps it for its Word mail merge: a title block, then its own column names. */
async function mailMergeList(path: string, rows: (string | number)[][]): Promise<void> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Sheet1');
  sheet.addRow(['DANH SÁCH ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2025']);
  sheet.addRow([]);
  sheet.addRow(['TT', 'Họ tên', 'Chức vụ', 'Hình thức', 'Nội dung thành tích']);
  for (const r of rows) sheet.addRow(r);
  await wb.xlsx.writeFile(path);
}

test('the decision list comes from the Excel list the office kept for its mail merge; a bad list adds nothing and says why', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const office = (await webApp.call<{ office: { id: string } }>('system.status', {})).office.id;
  for (const p of STAFF) await webApp.call('people.create', { ...p, position: 'Chuyên viên', unitId: office, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null }, token);
  const dir = mkdtempSync(join(tmpdir(), 'thidua-items-'));

  await new ShellPage(page).open('awards');
  await page.getByTestId('decision-new').click();
  // A district office in 2026: the commune chairman decides (the district chairman's power ended on 30/06/2025).
  await page.getByTestId('decision-authority').click();
  await page.getByRole('option', { name: /^Chủ tịch UBND xã/u }).click();
  await page.getByTestId('decision-signer').fill('Lò Văn Mừng');
  await page.getByTestId('items-import').click();
  const dialog = page.getByTestId('items-import-dialog');
  await expect(dialog).toBeVisible();

  // A bad list: a name not in the records, and a row without an achievement.
  const bad = join(dir, 'sai.xlsx');
  await mailMergeList(bad, [
    [1, 'Nguyễn Văn An', '', 'Giấy khen', 'Hoàn thành xuất sắc nhiệm vụ năm 2025'],
    [2, 'Vàng A Páo', '', 'Giấy khen', 'Hoàn thành xuất sắc nhiệm vụ năm 2025'],
    [3, 'Lò Thị Bích', '', 'Giấy khen', ''],
  ]);
  await page.getByTestId('items-import-file').click();
  await page.locator('input[type=file]').setInputFiles(bad);
  await page.getByTestId('items-import-run').click();
  await expect(page.getByTestId('items-import-issues')).toContainText('Tệp có 2 lỗi — chưa thêm dòng nào.');
  await expect(page.getByTestId('import-issues')).toContainText('"Vàng A Páo" chưa có trong danh mục cán bộ.');
  await expect(page.getByTestId('import-issues')).toContainText('Thiếu nội dung thành tích.');
  await screenshot(page, '74-award-items-import-issues');

  // The corrected list: its three rows become three lines of the draft; a position in the list is the one printed.
  const good = join(dir, 'dung.xlsx');
  await mailMergeList(good, [
    [1, 'Nguyễn Văn An', '', 'Giấy khen', 'Hoàn thành xuất sắc nhiệm vụ năm 2025'],
    [2, 'Giàng A Dình', '', 'Giấy khen', 'Có thành tích xuất sắc trong công tác hộ tịch năm 2025'],
    [3, 'Lò Thị Bích', 'Phó Trưởng phòng', 'Lao động tiên tiến', 'Hoàn thành tốt nhiệm vụ năm 2025'],
  ]);
  await page.locator('input[type=file]').setInputFiles(good);
  await page.getByTestId('items-import-run').click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId('item-row')).toHaveCount(3);
  await expect(page.getByTestId('item-person').nth(1)).toHaveValue(/^Giàng A Dình/u);
  await expect(page.getByTestId('item-award').nth(2)).toHaveValue(/^Lao động tiên tiến/u);
  await expect(page.getByTestId('item-achievement').nth(1)).toHaveValue('Có thành tích xuất sắc trong công tác hộ tịch năm 2025');
  await expect(page.getByTestId('item-position').nth(0)).toHaveValue('');
  await expect(page.getByTestId('item-position').nth(0)).toHaveAttribute('placeholder', /^Chuyên viên \(theo Danh mục › Cán bộ/u);
  await expect(page.getByTestId('item-position').nth(2)).toHaveValue('Phó Trưởng phòng');
  await screenshot(page, '75-award-items-imported');

  await page.getByTestId('decision-save').click();
  await expect(page.getByTestId('decision-view')).toBeVisible();
  const decisions = await webApp.call<{ decision: { id: string } }[]>('awards.listDecisions', {}, token);
  const saved = await webApp.call<{ items: { recipientName: string; recipientPosition: string | null }[] }>('awards.getDecision', { id: decisions[0]?.decision.id }, token);
  expect(saved.items.map((i) => [i.recipientName, i.recipientPosition])).toEqual([
    ['Nguyễn Văn An', 'Chuyên viên'],
    ['Giàng A Dình', 'Chuyên viên'],
    ['Lò Thị Bích', 'Phó Trưởng phòng'],
  ]);

  // Issued, the decision mixes Giấy khen and a title: each kind prints with its own template, offered first.
  await page.getByTestId('decision-issue').click();
  await expect(page.getByTestId('decision-status')).toHaveText('Đã ban hành');
  await page.getByTestId('decision-print-all').click();
  await expect(page.getByTestId('print-kind')).toContainText('Tất cả (3)');
  await page.getByTestId('print-kind').getByText('Lao động tiên tiến (1)').click();
  await expect(page.getByTestId('print-template')).toHaveValue('Giấy chứng nhận danh hiệu — giấy trắng A4 ngang');
  // The dialog previews the certificate itself, before a blank goes into the printer.
  const preview = page.frameLocator('[data-testid="certificate-preview"]');
  await expect(preview.locator('[data-field="recipientName"]')).toHaveText('Bà Lò Thị Bích');
  await expect(preview.locator('[data-field="awardName"]')).toHaveText('Lao động tiên tiến');
  await screenshot(page, '76-award-print-by-kind');
  const download = page.waitForEvent('download');
  await page.getByTestId('print-go').click();
  const path = join(dir, 'ldtt.pdf');
  await (await download).saveAs(path);
  const text = execFileSync('pdftotext', [path, '-']).toString('utf8').replace(/\s+/gu, ' ');
  expect(text).toContain('GIẤY CHỨNG NHẬN');
  expect(text).toContain('Lao động tiên tiến');
  expect(text).toContain('Lò Thị Bích');
  expect(text).toContain('Phó Trưởng phòng'); // the list's position, not the records' "Chuyên viên"
  expect(text).not.toContain('Nguyễn Văn An');
  await page.getByTestId('decision-print-all').click();
  await page.getByTestId('print-kind').getByText('Giấy khen (2)').click();
  await expect(page.getByTestId('print-template')).toHaveValue('Giấy khen — giấy trắng A4 ngang');
});
