import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { signedIn } from './support.js';

/**
 * Titles and forms of award are data the office keeps: it adds the one its
 * rules name, with its coefficient, dates and legal source; a code already
 * used is refused in Vietnamese; the new award is offered when drafting.
 */
test('the administrator adds a form of award with its coefficient and source, a duplicate code is refused, and the new award is offered in a decision', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  await new ShellPage(page).open('awards');
  await page.getByTestId('awards-tab-rates').click();

  await page.getByTestId('kind-add').click();
  const form = page.getByTestId('kind-form');
  await form.getByTestId('kind-code').fill('GK');
  await form.getByTestId('kind-name').fill('Giấy khen của Trưởng phòng');
  await form.getByTestId('kind-coefficient').fill('0,15');
  await form.getByTestId('kind-source').fill('Quy chế thi đua, khen thưởng của đơn vị');
  await form.getByTestId('kind-save').click();
  await expect(form.getByTestId('kind-error')).toHaveText('Mã "GK" đã được dùng cho một danh hiệu / hình thức khác.');
  await expect(form).toContainText('Trùng mã.');
  await screenshot(page, '78-award-kind-form-duplicate');

  await form.getByTestId('kind-code').fill('GK-TP');
  await form.getByTestId('kind-save').click();
  await expect(form).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'Giấy khen của Trưởng phòng' });
  await expect(row).toContainText('GK-TP · Cá nhân · Quy chế thi đua, khen thưởng của đơn vị');
  await expect(row.getByRole('textbox', { name: 'Hệ số' })).toHaveValue('0.15');
  await screenshot(page, '77-award-kind-added');

  // Renamed later: the name is data too.
  await page.getByTestId('kind-edit-GK-TP').click();
  await expect(form.getByTestId('kind-code')).toBeDisabled();
  await form.getByTestId('kind-name').fill('Giấy khen của Trưởng phòng Tư pháp');
  await form.getByTestId('kind-save').click();
  await expect(page.getByRole('row').filter({ hasText: 'Giấy khen của Trưởng phòng Tư pháp' })).toBeVisible();

  await page.getByTestId('awards-tab-decisions').click();
  await page.getByTestId('decision-new').click();
  await page.getByTestId('item-add-person').click();
  await page.getByTestId('item-award').first().click();
  await expect(page.getByRole('option', { name: 'Giấy khen của Trưởng phòng Tư pháp (0,15)' })).toBeVisible();
});
