import { expect, test } from './fixtures.js';
import { LoginPage } from './pages/login-page.js';
import { PeoplePage } from './pages/people-page.js';
import { ShellPage } from './pages/shell-page.js';
import { ADMIN, signedIn } from './support.js';

test('a person saved in one window appears in another without reloading (store change events)', async ({ page, webApp, context }) => {
  await signedIn(page, webApp);
  await new ShellPage(page).open('people');

  const other = await context.newPage();
  await other.goto(webApp.url.replace(/#.*$/u, `#secret=${encodeURIComponent(webApp.secret)}`));
  await new LoginPage(other).login(ADMIN.username, ADMIN.password);
  await new ShellPage(other).open('people');
  const people = new PeoplePage(other);
  await people.openNew();
  await people.fill({ fullName: 'Sình Thị Là', gender: 'Nữ', staffCategory: 'Viên chức' });
  await people.save();

  await expect(new PeoplePage(page).row('Sình Thị Là')).toBeVisible();
});
