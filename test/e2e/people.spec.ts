import { expect, screenshot, test } from './fixtures.js';
import { PeoplePage } from './pages/people-page.js';
import { ShellPage } from './pages/shell-page.js';
import { OFFICE, sessionToken, signedIn } from './support.js';

test('add and edit people; search without diacritics finds them', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const shell = new ShellPage(page);
  await shell.open('people');
  const people = new PeoplePage(page);
  await expect(page.getByTestId('people-empty')).toBeVisible();

  await people.openNew();
  await people.form.getByTestId('person-save').click();
  // Saving an empty form is refused with the field marked.
  await expect(people.form.getByText('Họ và tên: không được để trống.')).toBeVisible();
  await people.fill({ fullName: 'Nguyễn Văn Thắng', gender: 'Nam', birthDate: '15/03/1985', position: 'Trưởng phòng', staffCategory: 'Công chức' });
  await screenshot(page, '10-person-form');
  await people.save();
  await expect(people.row('Nguyễn Văn Thắng')).toContainText('15/03/1985');

  await people.openNew();
  await people.fill({ fullName: 'Giàng Thị Dợ', gender: 'Nữ', birthDate: '02/11/1992', position: 'Chuyên viên', staffCategory: 'Hợp đồng từ 01 năm trở lên' });
  await people.save();
  await people.openNew();
  await people.fill({ fullName: 'Nguyễn Văn Ánh', gender: 'Nam', staffCategory: 'Viên chức' });
  await people.save();
  await expect(people.rows).toHaveCount(3);
  // Sorted the Vietnamese way: by given name first (Ánh, Dợ, Thắng).
  await expect(people.rows.nth(0)).toContainText('Nguyễn Văn Ánh');
  await expect(people.rows.nth(1)).toContainText('Giàng Thị Dợ');
  await expect(people.rows.nth(2)).toContainText('Nguyễn Văn Thắng');

  await people.openEdit('Giàng Thị Dợ');
  await people.fill({ position: 'Phó Trưởng phòng' });
  await people.save();
  await expect(people.row('Giàng Thị Dợ')).toContainText('Phó Trưởng phòng');
  const stored = await webApp.call<Array<{ fullName: string; position: string }>>('people.list', {}, await sessionToken(page));
  expect(stored.find((p) => p.fullName === 'Giàng Thị Dợ')?.position).toBe('Phó Trưởng phòng');

  await people.search('nguyen van');
  await expect(people.rows).toHaveCount(2);
  await expect(people.row('Nguyễn Văn Thắng')).toBeVisible();
  await expect(people.row('Nguyễn Văn Ánh')).toBeVisible();
  await people.search('giang thi do');
  await expect(people.rows).toHaveCount(1);
  await people.search('');
  await expect(people.rows).toHaveCount(3);
  await screenshot(page, '11-people');

  await shell.open('dashboard');
  await expect(page.getByTestId('dashboard-people-count')).toHaveText('3');
  await screenshot(page, '12-dashboard');
});

test('the other screens: units, users, settings, a section still being built, English', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const shell = new ShellPage(page);
  await shell.open('units');
  await expect(page.getByTestId('unit-row').first()).toContainText(OFFICE.name);
  await page.getByTestId('units-add').click();
  await page.getByTestId('unit-name').fill('Ủy ban nhân dân xã Chung Chải');
  await page.getByTestId('unit-level').click();
  await page.getByRole('option', { name: 'UBND xã, phường, đặc khu' }).click();
  await screenshot(page, '20-unit-form');
  await page.getByTestId('unit-save').click();
  await expect(page.getByTestId('unit-row')).toHaveCount(2);
  await screenshot(page, '21-units');

  await shell.open('users');
  await expect(page.getByTestId('users-table')).toContainText('huong.lo');
  await screenshot(page, '22-users');
  await shell.open('settings');
  await screenshot(page, '23-settings');
  // Sections not built yet say so plainly; others plug their screens in over time, so look for any still pending.
  let pending = 0;
  for (const id of ['plans', 'registrations', 'scoring', 'reports', 'awards', 'certificates', 'sync']) {
    await shell.open(id);
    await expect(page.getByTestId(`nav-${id}`)).toHaveAttribute('data-active', 'true');
    if ((await page.getByTestId('under-construction').count()) === 0) continue;
    await expect(page.getByTestId('under-construction')).toContainText('Chức năng đang được xây dựng');
    if (pending++ === 0) await screenshot(page, '24-under-construction');
  }
  test.info().annotations.push({ type: 'sections still being built', description: String(pending) });

  await shell.open('settings');
  await page.getByTestId('language-switch').getByText('English').click();
  await expect(page.getByTestId('nav-people')).toHaveText('People');
  await page.reload();
  await expect(page.getByTestId('nav-people')).toHaveText('People');
  await shell.open('people');
  await screenshot(page, '25-people-english');
});

test('deactivate a person (never deleted), see them with the toggle, reactivate', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const status = await webApp.call<{ office: { id: string } }>('system.status', {});
  for (const fullName of ['Hờ A Lử', 'Pờ Thị Mai'])
    await webApp.call('people.create', { fullName, gender: fullName.includes('Thị') ? 'female' : 'male', staffCategory: 'cong_chuc', unitId: status.office.id }, token);
  await new ShellPage(page).open('people');
  const people = new PeoplePage(page);
  await expect(people.rows).toHaveCount(2);

  await people.row('Hờ A Lử').getByRole('button', { name: '…' }).click();
  await page.getByRole('menuitem', { name: 'Ngừng theo dõi' }).click();
  await page.getByLabel('Lý do (không bắt buộc)').fill('Chuyển công tác sang tỉnh khác');
  await screenshot(page, '17-person-deactivate');
  await page.getByTestId('person-deactivate-confirm').click();
  await expect(people.rows).toHaveCount(1);
  // Wait for the dialog's closing transition so its overlay no longer covers the page.
  await expect(page.getByRole('dialog')).toHaveCount(0);

  await page.getByRole('switch', { name: 'Hiện cả người đã ngừng theo dõi' }).check();
  await expect(people.row('Hờ A Lử')).toContainText('Ngừng theo dõi');
  await people.row('Hờ A Lử').getByRole('button', { name: '…' }).click();
  await page.getByRole('menuitem', { name: 'Theo dõi lại' }).click();
  await expect(people.row('Hờ A Lử')).toContainText('Đang công tác');
  expect((await webApp.call<unknown[]>('people.list', {}, token)).length).toBe(2);
});
