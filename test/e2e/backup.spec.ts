import { readFileSync, writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, screenshot, startWebApp, test } from './fixtures.js';
import { LoginPage } from './pages/login-page.js';
import { PeoplePage } from './pages/people-page.js';
import { ShellPage } from './pages/shell-page.js';
import { ADMIN, OFFICE, signedIn } from './support.js';

const DEMO_ADMIN = { username: 'admin', password: 'thidua2025' };

async function peopleNames(page: Page): Promise<string[]> {
  const people = new PeoplePage(page);
  await expect(people.rows.first()).toBeVisible();
  const names = await people.rows.evaluateAll((rows) => rows.map((r) => r.querySelector('td')?.textContent?.trim() ?? ''));
  return names.sort();
}

/** Chooses a file on the restore flow's file input (Mantine keeps the real <input type=file> hidden). */
async function chooseBackup(page: Page, path: string): Promise<void> {
  await page.getByTestId('restore-flow').locator('input[type="file"]').setInputFiles(path);
}

test('back up the demo office, refuse a damaged copy, restore it on a new PC from the first-run wizard', async ({ page, webApp }) => {
  test.setTimeout(180_000);
  const work = mkdtempSync(join(tmpdir(), 'thidua-backup-e2e-'));
  const second = await startWebApp();
  try {
    // The office: demo data, never backed up → the reminder shows on the dashboard.
    await page.goto(webApp.url);
    await page.getByTestId('setup-demo').click();
    const shell = new ShellPage(page);
    await expect(shell.userName).toBeVisible();
    const reminder = page.getByTestId('backup-reminder');
    await expect(reminder).toContainText('chưa được sao lưu lần nào');
    await screenshot(page, 'backup-01-reminder');

    await shell.open('people');
    const original = await peopleNames(page);
    expect(original).toHaveLength(25);

    // One click: the backup screen, "Sao lưu ngay", a single .tdbackup download.
    await page.getByTestId('backup-reminder-open').click();
    await expect(page.getByTestId('backup-last')).toHaveText('Chưa sao lưu lần nào');
    await expect(reminder).toBeHidden();
    await screenshot(page, 'backup-02-screen');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-now').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^thidua-.+\.tdbackup$/u);
    const backupPath = join(work, download.suggestedFilename());
    await download.saveAs(backupPath);
    await expect(page.getByTestId('backup-last')).toContainText('hôm nay');
    await expect(page.getByTestId('backup-due')).toContainText('trong vòng 7 ngày');
    await screenshot(page, 'backup-03-done');
    await shell.open('dashboard');
    await expect(page.getByTestId('dashboard-people-count')).toHaveText('25');
    await expect(reminder).toBeHidden();

    // Damaged copies: one byte flipped in the data, and a file that is no backup at all.
    const good = readFileSync(backupPath);
    const damaged = Buffer.from(good);
    const at = Math.floor(damaged.length * 0.75);
    damaged[at] = (damaged[at] ?? 0) ^ 0xff;
    const damagedPath = join(work, 'hong.tdbackup');
    writeFileSync(damagedPath, damaged);
    const foreignPath = join(work, 'khong-phai.tdbackup');
    writeFileSync(foreignPath, 'Danh sách cán bộ năm 2025\n');

    // A new PC: a fresh data folder shows the first-run wizard with a restore option.
    await page.goto(second.app.url);
    await expect(page.getByTestId('setup-wizard')).toBeVisible();
    await page.getByTestId('setup-restore').click();
    await chooseBackup(page, damagedPath);
    await expect(page.getByTestId('restore-error')).toContainText('Bản sao lưu bị hỏng');
    await expect(page.getByTestId('restore-open-confirm')).toHaveCount(0);
    await screenshot(page, 'backup-04-damaged');
    await chooseBackup(page, foreignPath);
    await expect(page.getByTestId('restore-error')).toContainText('không phải là bản sao lưu');
    // The store refuses it too when asked directly (not only the screen), and nothing changed.
    await expect(second.app.call('backup.restore', { base64: damaged.toString('base64') })).rejects.toThrow(/bad_file .*hỏng/u);
    expect((await second.app.call<{ configured: boolean }>('system.status', {})).configured).toBe(false);

    // The good file: what it is, what happens, then the restore and the login screen.
    await chooseBackup(page, backupPath);
    await expect(page.getByTestId('restore-error')).toHaveCount(0);
    await expect(page.getByTestId('restore-office')).not.toBeEmpty();
    await expect(page.getByTestId('restore-counts')).toContainText('25 cán bộ');
    await screenshot(page, 'backup-05-inspect');
    await page.getByTestId('restore-open-confirm').click();
    await expect(page.getByTestId('restore-confirm-text')).toContainText('Máy này sẽ nhận toàn bộ dữ liệu');
    await screenshot(page, 'backup-06-confirm');
    await page.getByTestId('restore-confirm').click();
    await expect(page.getByTestId('login-username')).toBeVisible({ timeout: 30_000 });
    await screenshot(page, 'backup-07-login');

    await new LoginPage(page).login(DEMO_ADMIN.username, DEMO_ADMIN.password);
    await expect(shell.userName).toBeVisible();
    // The backup made a moment ago is in the restored data, so no reminder here either.
    await expect(page.getByTestId('dashboard-people-count')).toHaveText('25');
    await expect(reminder).toBeHidden();
    await shell.open('people');
    expect(await peopleNames(page)).toEqual(original);
    await screenshot(page, 'backup-08-restored-people');
  } finally {
    await second.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('a backup of another office is refused over an office that is set up, and its data stays', async ({ page, webApp }) => {
  test.setTimeout(120_000);
  const other = await startWebApp();
  const work = mkdtempSync(join(tmpdir(), 'thidua-backup-e2e-'));
  try {
    // The other office's backup, made through the API (the first scenario covers the button).
    const demo = await other.app.call<{ session: { token: string } }>('demo.load', {});
    const file = await other.app.call<{ fileName: string; base64: string }>('backup.download', {}, demo.session.token);
    const path = join(work, file.fileName);
    writeFileSync(path, Buffer.from(file.base64, 'base64'));

    await webApp.call('system.setup', {
      office: { name: 'Phòng Tư pháp huyện Si Ma Cai', level: 'district_office', parentName: 'Ủy ban nhân dân huyện Si Ma Cai', province: 'Lào Cai', placeName: 'Si Ma Cai' },
      admin: { displayName: 'Giàng Seo Phử', username: 'phu.giang', password: 'mat-khau-an-toan' },
    });
    await page.goto(webApp.url);
    await new LoginPage(page).login('phu.giang', 'mat-khau-an-toan');
    await new ShellPage(page).open('backup');
    await chooseBackup(page, path);
    await expect(page.getByTestId('restore-other-office')).toBeVisible();
    await expect(page.getByTestId('restore-open-confirm')).toHaveCount(0);
    await screenshot(page, 'backup-09-other-office');
    // The store refuses it too, even with confirmation by the administrator.
    const admin = await webApp.call<{ token: string }>('auth.login', { username: 'phu.giang', password: 'mat-khau-an-toan' });
    await expect(webApp.call('backup.restore', { base64: file.base64, confirmReplace: true }, admin.token)).rejects.toThrow(/forbidden .*không phải của đơn vị/u);
    await expect(page.getByTestId('office-name')).toHaveText('Phòng Tư pháp huyện Si Ma Cai');
  } finally {
    await other.stop();
    rmSync(work, { recursive: true, force: true });
  }
});

test('restoring its own backup over the office replaces what changed since, after a clear confirmation, and asks everyone to sign in again', async ({ page, webApp }) => {
  test.setTimeout(120_000);
  const work = mkdtempSync(join(tmpdir(), 'thidua-backup-e2e-'));
  try {
    await signedIn(page, webApp);
    const shell = new ShellPage(page);
    await shell.open('backup');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('backup-now').click();
    const path = join(work, (await downloading).suggestedFilename());
    await (await downloading).saveAs(path);

    // A change after the backup: the reminder goes from 7 to 30 days.
    await page.getByTestId('backup-reminder-days').fill('30');
    await page.getByTestId('backup-reminder-save').click();
    await expect(page.getByTestId('backup-due')).toContainText('trong vòng 30 ngày');

    await chooseBackup(page, path);
    await expect(page.getByTestId('restore-office')).toHaveText(OFFICE.name);
    await page.getByTestId('restore-open-confirm').click();
    await expect(page.getByTestId('restore-confirm-text')).toContainText('sẽ được THAY bằng dữ liệu trong bản sao lưu');
    await expect(page.getByTestId('restore-confirm-text')).toContainText('không bị xóa');
    await screenshot(page, 'backup-10-confirm-replace');
    await page.getByTestId('restore-confirm').click();
    await expect(page.getByTestId('login-username')).toBeVisible({ timeout: 30_000 });
    // The app reloaded at once; the restore's result is shown after the reload, on the login screen.
    await expect(page.getByText(`Đã khôi phục dữ liệu của "${OFFICE.name}" và kiểm tra mã nội dung khớp. Hãy đăng nhập.`)).toBeVisible();

    await new LoginPage(page).login(ADMIN.username, ADMIN.password);
    await shell.open('backup');
    // Back to the backed-up state: 7 days.
    await expect(page.getByTestId('backup-due')).toContainText('trong vòng 7 ngày');
    await expect(page.getByTestId('backup-reminder-days')).toHaveValue('7');
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
});
