import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, startWebApp, test } from './fixtures.js';
import { LoginPage } from './pages/login-page.js';
import { ShellPage } from './pages/shell-page.js';
import { ADMIN, OFFICE } from './support.js';

test('after a power cut that damaged the database, the app reopens with every acknowledged write and tells the user once what it recovered', async ({ page }) => {
  const first = await startWebApp();
  const dataDir = first.app.dataDir;
  let second: Awaited<ReturnType<typeof startWebApp>> | null = null;
  try {
    const session = await first.app.call<{ token: string; officeUnitId: string }>('system.setup', {
      office: { name: OFFICE.name, level: 'district_office', parentName: OFFICE.parentName, province: OFFICE.province, placeName: OFFICE.placeName },
      admin: ADMIN,
    });
    await first.app.call('people.create', { fullName: 'Giàng A Tủa', gender: 'male', staffCategory: 'cong_chuc', unitId: session.officeUnitId }, session.token);
    await first.kill();
    // The power cut also damaged the database files: PostgreSQL's control file is gone.
    rmSync(join(dataDir, 'db', 'global', 'pg_control'), { force: true });

    second = await startWebApp(dataDir);
    await page.goto(second.app.url);
    const status = await second.app.call<{ recoveryNotice: string | null }>('system.status', {});
    expect(status.recoveryNotice).not.toBeNull();
    const dialog = page.getByRole('dialog');
    await expect(dialog).toContainText('Phần mềm đã tự phục hồi dữ liệu');
    await screenshot(page, '06-recovery-notice');
    await dialog.getByRole('button', { name: 'Đã hiểu' }).click();
    await expect(dialog).toHaveCount(0);

    await new LoginPage(page).login(ADMIN.username, ADMIN.password);
    await new ShellPage(page).open('people');
    await expect(page.getByTestId('person-row').filter({ hasText: 'Giàng A Tủa' })).toBeVisible();
    // Shown once: a reload does not bring the notice back.
    await page.reload();
    await expect(page.getByTestId('people-table')).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
  } finally {
    await first.stop({ keepData: true });
    await second?.stop();
  }
});
