import { readFileSync } from 'node:fs';
import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { PlansPage } from './pages/plans-page.js';
import { signedIn } from './support.js';
import { docxToText } from '../../electron/plans/docx-text.js';

const DAK_LAK = readFileSync(new URL('../fixtures/seeds/002_b9fff78918e136a4.txt', import.meta.url), 'utf8');

test('a newcomer enters the province plan, derives the district plan, exports the .docx and sees the deadline board', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  await new ShellPage(page).open('plans');
  const plans = new PlansPage(page);

  // 1. Enter the province's plan by pasting its text; the importer says what it could not place.
  await plans.importText(DAK_LAK);
  await expect(plans.unplaced).toContainText('Không tìm thấy tên cơ quan ban hành');
  await expect(page.getByTestId('plan-theme')).toHaveValue('Đoàn kết, kỷ cương, sáng tạo, hiệu quả, hoàn thành xuất sắc nhiệm vụ');
  await expect(page.getByTestId('plan-phase-1')).toContainText('Đợt thi đua thứ nhất: đầu năm – 30/6/2024');
  await expect(page.getByTestId('plan-phase-2')).toContainText('79 năm Ngày truyền thống ngành Tư pháp Việt Nam (28/8/1945 - 28/8/2024)');
  await screenshot(page, 'plans-import-review');
  await plans.fillFields({ 'plan-parentBody': 'UBND TỈNH ĐẮK LẮK', 'plan-issuingBody': 'SỞ TƯ PHÁP', 'plan-number': '05', 'plan-import-source-unit': 'Sở Tư pháp tỉnh Đắk Lắk' });
  await plans.fillDate('plan-date', '28/12/2023');
  await page.getByTestId('plan-import-save-received').click();
  await expect(plans.status).toHaveText('Của cấp trên (chỉ đọc)');
  await expect(page.getByTestId('plan-deadline-row')).toHaveCount(4);
  await expect(page.getByTestId('plan-edit')).toHaveCount(0);

  // 2. Derive the district's own plan from it, complete it, issue it.
  await page.getByTestId('plan-derive').click();
  await expect(plans.status).toHaveText('Dự thảo');
  await expect(page.getByTestId('plan-blockers')).toContainText('Số văn bản: phải có khi ban hành');
  await expect(page.getByTestId('plan-theme-view')).toContainText('Đoàn kết, kỷ cương, sáng tạo, hiệu quả');
  await page.getByTestId('plan-edit').click();
  await expect(page.getByTestId('plan-issuingBody')).toHaveValue('PHÒNG TƯ PHÁP HUYỆN MƯỜNG NHÉ');
  // A derived plan's body was generated from its parts, so by default it follows the edits.
  await expect(page.getByTestId('plan-rewrite-body')).toBeChecked();
  await plans.fillFields({ 'plan-number': '01', 'plan-signer-name': 'Lò Thị Hương' });
  await plans.fillDate('plan-date', '15/01/2024');
  await screenshot(page, 'plans-derived-editor');
  await page.getByTestId('plan-save').click();
  await expect(page.getByTestId('plan-blockers')).toHaveCount(0);
  await page.getByTestId('plan-issue').click();
  await expect(plans.status).toHaveText('Đã ban hành');
  await expect(page.getByText('Thực hiện kế hoạch:')).toContainText('05/KH-STP');
  await screenshot(page, 'plans-derived-issued');

  // 3. Export the .docx and read it back.
  const download = page.waitForEvent('download');
  await page.getByTestId('plan-export-docx').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('ke-hoach-2024-01.docx');
  const path = await file.path();
  const text = docxToText(readFileSync(path));
  for (const s of ['PHÒNG TƯ PHÁP HUYỆN MƯỜNG NHÉ', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Số: 01/KH-PTP', 'Mường Nhé, ngày 15 tháng 01 năm 2024', 'KẾ HOẠCH', 'Thực hiện Kế hoạch số 05/KH-STP', 'Nơi nhận:', 'Lò Thị Hương']) expect(text).toContain(s);

  // 4. The deadline board: the province's deadlines and the district's own, with their state; mark one done.
  await page.getByTestId('plan-back').click();
  await page.getByTestId('plans-tab-board').click();
  await page.getByTestId('board-year').click();
  await page.getByRole('option', { name: '2024' }).click();
  const rows = page.getByTestId('board-row');
  await expect(rows).toHaveCount(8);
  await expect(rows.first()).toContainText('Quá hạn');
  await rows.filter({ hasText: 'Đăng ký đề tài, sáng kiến' }).first().getByTestId('board-done').click();
  await expect(page.locator('[data-testid="board-row"][data-state="done"]')).toHaveCount(1);
  await screenshot(page, 'plans-deadline-board');

  await page.getByTestId('plans-tab-calendar').click();
  await expect(page.getByTestId('plan-calendar')).toContainText('Tháng 8');
  await screenshot(page, 'plans-year-calendar');
});
