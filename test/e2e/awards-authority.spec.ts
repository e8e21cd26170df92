import type { Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

/**
 * Authority rules on screen: a district office in 2026 is told, on the line
 * and again when issuing, that the district chairman's power ended on
 * 30/06/2025; an award decided by the province gets the "Lập hồ sơ đề nghị"
 * guidance; the settings tab lists the rows with their sources.
 */

async function choose(page: Page, testId: string, index: number, option: RegExp): Promise<void> {
  await page.getByTestId(testId).nth(index).click();
  await page.getByRole('option', { name: option }).click();
}

test('a decision outside the issuer’s authority is refused on screen with the rule and its source; a province-level award offers a dossier instead', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const office = (await webApp.call<{ office: { id: string } }>('system.status', {})).office.id;
  await webApp.call('people.create', { fullName: 'Lò Thị Bích', gender: 'female', position: 'Phó Trưởng phòng', unitId: office, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null }, token);

  const shell = new ShellPage(page);
  await shell.open('awards');
  await page.getByTestId('decision-new').click();
  // The office is a district office: the usual authority is the district chairman, whose power ended on 30/06/2025.
  await expect(page.getByTestId('decision-authority')).toHaveValue('Chủ tịch UBND cấp huyện (đến 30/6/2025)');
  await page.getByTestId('decision-signer').fill('Lò Văn Mừng');
  await page.getByTestId('item-add-person').click();
  await page.getByTestId('item-person').first().click();
  await page.getByRole('option', { name: /^Lò Thị Bích/u }).click();
  await page.getByTestId('item-achievement').first().fill('Có thành tích xuất sắc trong công tác hộ tịch năm 2026');
  await expect(page.getByTestId('item-authority').first()).toContainText('chỉ có thẩm quyền tặng "Giấy khen" từ 01/01/2024 đến 30/06/2025');
  await page.getByTestId('item-add-collective').click();
  await page.getByTestId('item-collective').first().fill('Phòng Tư pháp huyện Mường Nhé');
  await choose(page, 'item-award', 1, /^Tập thể lao động xuất sắc/u);
  await page.getByTestId('item-achievement').nth(1).fill('Hoàn thành xuất sắc nhiệm vụ năm 2026');
  await expect(page.getByTestId('item-authority').nth(1)).toContainText('Hãy lập hồ sơ đề nghị khen thưởng');
  await screenshot(page, '70-authority-editor-findings');
  await page.getByTestId('decision-save').click();

  // The draft's check panel, then the refusal when issuing: Vietnamese, names the line and the rule, nothing issued.
  await expect(page.getByTestId('decision-view')).toBeVisible();
  await expect(page.getByTestId('authority-errors')).toContainText('R-AUTH-02');
  await expect(page.getByTestId('authority-errors')).toContainText('Luật Thi đua, khen thưởng số 06/2022/QH15, Điều 80 khoản 2');
  await expect(page.getByTestId('authority-dossier')).toContainText('lập hồ sơ đề nghị khen thưởng');
  await page.getByTestId('decision-issue').click();
  const refusal = page.locator('.mantine-Notification-root').filter({ hasText: 'Chưa ban hành được' });
  await expect(refusal).toContainText('Dòng 1 (Lò Thị Bích): Chủ tịch UBND huyện chỉ có thẩm quyền tặng "Giấy khen" từ 01/01/2024 đến 30/06/2025');
  await expect(refusal).toContainText('[R-AUTH-02: Luật Thi đua, khen thưởng');
  await expect(page.getByTestId('decision-status')).toHaveText('Dự thảo');
  await page.waitForTimeout(600); // the notification's entry transition
  await screenshot(page, '71-authority-issue-refused');

  // Under the commune chairman, without the province-level line, the same draft issues.
  await page.getByTestId('decision-edit').click();
  await choose(page, 'decision-authority', 0, /^Chủ tịch UBND xã/u);
  await page.getByTestId('item-row').nth(1).getByRole('button', { name: 'Bỏ dòng' }).click();
  await expect(page.getByTestId('item-authority')).toHaveCount(0);
  await page.getByTestId('decision-save').click();
  await expect(page.getByTestId('authority-ok')).toBeVisible();
  await page.getByTestId('decision-issue').click();
  await expect(page.getByTestId('decision-status')).toHaveText('Đã ban hành');

  // The settings tab: every row with its source and confidence; the uncertain rows show their note and can be edited by the admin.
  await page.getByTestId('decision-back').click();
  await page.getByTestId('awards-tab-authority').click();
  await expect(page.getByTestId('authority-rule')).toHaveCount(5);
  await expect(page.locator('[data-rule="R-AUTH-03-2025"]')).toContainText('CHƯA xác minh');
  await expect(page.locator('[data-rule="R-AUTH-03-2025"]')).toContainText('chưa chắc chắn');
  await expect(page.locator('[data-rule="R-AUTH-02"]').getByTestId('authority-edit')).toHaveCount(0);
  await screenshot(page, '72-authority-settings');
  await page.locator('[data-rule="R-AUTH-03-2025"]').getByTestId('authority-edit').click();
  await page.getByTestId('authority-enabled').uncheck();
  await page.getByTestId('authority-save').click();
  await expect(page.locator('[data-rule="R-AUTH-03-2025"]')).toContainText('Đang tắt');
  await screenshot(page, '73-authority-settings-row-off');
});
