import { expect, screenshot, test } from './fixtures.js';
import { LoginPage } from './pages/login-page.js';
import { PeoplePage } from './pages/people-page.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

interface PersonRow {
  id: string;
  unitId: string;
  version: number;
  fullName: string;
}

test('someone else saving the same person first: the conflict is explained and the typed value stays', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const status = await webApp.call<{ office: { id: string } }>('system.status', {});
  const fields = { fullName: 'Mùa A Chứ', gender: 'male', staffCategory: 'cong_chuc', unitId: status.office.id };
  const created = await webApp.call<PersonRow>('people.create', fields, token);

  await new ShellPage(page).open('people');
  const people = new PeoplePage(page);
  await people.openEdit('Mùa A Chứ');
  // Another officer saves first.
  await webApp.call('people.update', { ...fields, id: created.id, expectedVersion: created.version, position: 'Chuyên viên' }, token);
  await people.fill({ position: 'Trưởng phòng' });
  await people.form.getByTestId('person-save').click();
  await expect(page.getByText('Người khác vừa lưu bản ghi này')).toBeVisible();
  await expect(people.form.getByTestId('person-position')).toHaveValue('Trưởng phòng');
  await screenshot(page, '16-conflict');
  const stored = await webApp.call<PersonRow & { position: string }>('people.get', { id: created.id }, token);
  expect(stored.position).toBe('Chuyên viên');
});

test('an expired session sends the user back to the login screen', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  await webApp.call('auth.logout', {}, await sessionToken(page));
  // The next call the page makes (here: opening Cán bộ) is refused, and the app shows the login screen.
  await page.evaluate(() => {
    window.location.hash = '#/people';
  });
  await expect(page.getByTestId('login-submit')).toBeVisible();
});

test('the administrator creates an officer, who signs in and does not see user management', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const shell = new ShellPage(page);
  await shell.open('users');
  await page.getByTestId('users-add').click();
  const form = page.getByTestId('user-form');
  await form.getByTestId('user-displayName').fill('Vừ Thị Mỷ');
  await form.getByTestId('user-username').fill('my.vu');
  await form.getByTestId('user-password').fill('mat-khau-cua-my');
  await form.getByTestId('user-confirm').fill('mat-khau-cua-my');
  await screenshot(page, '26-user-form');
  await form.getByTestId('user-save').click();
  await expect(page.getByTestId('users-table')).toContainText('my.vu');

  // A second account with the same username is refused on the field itself.
  await page.getByTestId('users-add').click();
  await form.getByTestId('user-displayName').fill('Người khác');
  await form.getByTestId('user-username').fill('my.vu');
  await form.getByTestId('user-password').fill('mat-khau-khac-1');
  await form.getByTestId('user-confirm').fill('mat-khau-khac-1');
  await form.getByTestId('user-save').click();
  await expect(form.getByText('Tên đăng nhập đã có người dùng.')).toBeVisible();
  await page.keyboard.press('Escape');

  await page.getByTestId('logout').click();
  await new LoginPage(page).login('my.vu', 'mat-khau-cua-my');
  await expect(shell.userName).toHaveText('Vừ Thị Mỷ');
  await expect(page.getByTestId('nav-people')).toBeVisible();
  await expect(page.getByTestId('nav-users')).toHaveCount(0);
  // Typing the address by hand does not open it either.
  await page.evaluate(() => {
    window.location.hash = '#/users';
  });
  await expect(page.getByTestId('not-available')).toContainText('Không có quyền truy cập');
  await expect(page.getByTestId('users-table')).toHaveCount(0);
});
