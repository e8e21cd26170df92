import { expect, screenshot, test } from './fixtures.js';
import { PeoplePage } from './pages/people-page.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

test('a reload in the middle of typing offers the draft back, and restoring brings the values back', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const shell = new ShellPage(page);
  await shell.open('people');
  const people = new PeoplePage(page);
  await people.openNew();
  await people.fill({ fullName: 'Hoàng Thị Bích Ngọc', position: 'Kế toán', birthDate: '20/10/1990' });
  // The draft is written a moment after typing stops.
  await expect(page.getByTestId('draft-status')).toContainText('Đã lưu nháp');

  await page.reload();
  // The reload stays on the same screen and signed in; the dashboard lists the unsaved draft.
  await expect(page.getByTestId('people-table')).toBeVisible();
  await shell.open('dashboard');
  await expect(page.getByTestId('dashboard-drafts')).toContainText('Thêm cán bộ mới');
  await screenshot(page, '14-dashboard-draft');
  // "Mở" goes back to the form the draft belongs to.
  await page.getByTestId('dashboard-drafts').getByText('Mở').click();
  await expect(people.form).toBeVisible();
  await expect(page.getByTestId('draft-offer')).toContainText('Có bản nháp chưa lưu lúc');
  await screenshot(page, '15-draft-offer');
  await page.getByTestId('draft-restore').click();
  await expect(people.form.getByTestId('person-fullName')).toHaveValue('Hoàng Thị Bích Ngọc');
  await expect(people.form.getByTestId('person-position')).toHaveValue('Kế toán');
  await expect(people.form.getByTestId('person-birthDate')).toHaveValue('20/10/1990');

  // Saving clears both copies of the draft.
  await people.fill({ gender: 'Nữ' });
  await people.save();
  await expect(people.row('Hoàng Thị Bích Ngọc')).toBeVisible();
  const token = await sessionToken(page);
  await expect.poll(async () => (await webApp.call<unknown[]>('drafts.list', {}, token)).length).toBe(0);
  await people.openNew();
  await expect(page.getByTestId('draft-offer')).toBeHidden();
});

test('a draft survives IndexedDB being wiped: it comes back from the file mirror', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  await new ShellPage(page).open('people');
  const people = new PeoplePage(page);
  await people.openNew();
  await people.fill({ fullName: 'Thào Seo Lử' });
  await expect(page.getByTestId('draft-status')).toContainText('Đã lưu nháp');
  await page.evaluate(async () => {
    await new Promise<void>((resolve, reject) => {
      const req = indexedDB.deleteDatabase('thidua-drafts');
      req.onsuccess = () => resolve();
      req.onerror = () => reject(new Error('delete failed'));
      req.onblocked = () => resolve();
    });
  });
  await page.reload();
  await new ShellPage(page).open('people');
  await people.openNew();
  await expect(page.getByTestId('draft-offer')).toBeVisible();
  await page.getByTestId('draft-restore').click();
  await expect(people.form.getByTestId('person-fullName')).toHaveValue('Thào Seo Lử');
});
