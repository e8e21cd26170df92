import { expect, screenshot, test } from './fixtures.js';
import { PeoplePage } from './pages/people-page.js';
import { ShellPage } from './pages/shell-page.js';

test('one click on "Dùng dữ liệu mẫu" loads a realistic office and signs in', async ({ page, webApp }) => {
  await page.goto(webApp.url);
  await page.getByTestId('setup-demo').click();
  const shell = new ShellPage(page);
  await expect(shell.userName).toBeVisible();
  // Wait for a loaded figure: while loading the card shows a placeholder, which is not '0' either.
  await expect(page.getByTestId('dashboard-people-count')).toHaveText(/^[1-9]\d*$/u);
  const count = Number(await page.getByTestId('dashboard-people-count').textContent());
  expect(count).toBeGreaterThanOrEqual(20);
  await screenshot(page, '30-demo-dashboard');

  await shell.open('people');
  const people = new PeoplePage(page);
  await expect(people.rows).toHaveCount(count);
  await screenshot(page, '31-demo-people');
  await people.openEdit((await people.rows.first().locator('td').first().textContent()) ?? '');
  await screenshot(page, '32-demo-person-edit');
  await page.keyboard.press('Escape');
  await shell.open('units');
  await expect(page.getByTestId('unit-row').nth(1)).toBeVisible();
  await screenshot(page, '33-demo-units');
});
