import { expect, screenshot, test } from './fixtures.js';
import { LoginPage } from './pages/login-page.js';
import { SetupPage } from './pages/setup-page.js';
import { ShellPage } from './pages/shell-page.js';
import { ADMIN, OFFICE } from './support.js';

test('first-run wizard configures the office and its administrator, who can then sign out and in', async ({ page, webApp }) => {
  await page.goto(webApp.url);
  const setup = new SetupPage(page);
  await expect(setup.root).toBeVisible();
  // The secret moved out of the address bar into sessionStorage.
  expect(page.url()).not.toContain('secret=');
  await screenshot(page, '01-setup-intro');
  // English is one click away, even before anyone signs in.
  await page.getByTestId('language-toggle').getByText('EN').click();
  await expect(page.getByText('Welcome to Thi Đua')).toBeVisible();
  await screenshot(page, '01b-setup-intro-english');
  await page.getByTestId('language-toggle').getByText('VI').click();
  await expect(page.getByText('Chào mừng đến với phần mềm Thi Đua')).toBeVisible();

  await setup.start();
  await setup.next();
  // Nothing typed yet: the step does not move on and says what is missing, in Vietnamese.
  await expect(page.getByText('Tên đơn vị: không được để trống.')).toBeVisible();
  await setup.fillOffice(OFFICE);
  await screenshot(page, '02-setup-office');
  await setup.next();

  await setup.fillAdmin(ADMIN, 'khac-mat-khau');
  await setup.finish();
  await expect(page.getByText('Hai mật khẩu không giống nhau.')).toBeVisible();
  await screenshot(page, '03-setup-admin');
  await setup.fillAdmin(ADMIN);
  await setup.finish();
  await expect(page.getByText('Cài đặt xong')).toBeVisible();
  await screenshot(page, '04-setup-done');
  await setup.enter();

  const shell = new ShellPage(page);
  await expect(shell.officeName).toHaveText(OFFICE.name);
  await expect(shell.userName).toHaveText(ADMIN.displayName);
  await expect(page.getByTestId('dashboard-office')).toContainText(OFFICE.parentName);

  const status = await webApp.call<{ configured: boolean; office: { name: string; province: string } }>('system.status', {});
  expect(status.configured).toBe(true);
  expect(status.office.province).toBe(OFFICE.province);

  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-submit')).toBeVisible();
  await new LoginPage(page).login(ADMIN.username, 'sai-mat-khau');
  await expect(page.getByText('Tên đăng nhập hoặc mật khẩu không đúng.')).toBeVisible();
  await screenshot(page, '05-login');
  await new LoginPage(page).login(ADMIN.username, ADMIN.password);
  await expect(shell.userName).toHaveText(ADMIN.displayName);
});

test('a reload keeps the user signed in', async ({ page, webApp }) => {
  await page.goto(webApp.url);
  const setup = new SetupPage(page);
  await setup.start();
  await setup.fillOffice(OFFICE);
  await setup.next();
  await setup.fillAdmin(ADMIN);
  await setup.finish();
  await setup.enter();
  await page.reload();
  await expect(new ShellPage(page).userName).toHaveText(ADMIN.displayName);
});
