import { createServer } from 'node:net';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, screenshot, startWebApp, test } from './fixtures.js';
import { SetupPage } from './pages/setup-page.js';
import { ShellPage } from './pages/shell-page.js';
import { ADMIN, OFFICE } from './support.js';

const PROVINCE = {
  name: 'Sở Tư pháp tỉnh Điện Biên',
  level: 'Sở, ngành cấp tỉnh',
  parentName: 'Ủy ban nhân dân tỉnh Điện Biên',
  province: 'Điện Biên',
  placeName: 'Điện Biên',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

test('province mode: wizard → Tỉnh section, a code shown once, an office enrols, its USB bundle imported and answered', async ({ page, webApp }, testInfo) => {
  // A real office (a second web build with its own store) that enrols over loopback and makes a real bundle.
  const office = await startWebApp();
  try {
    // ---- the province, set up through the wizard with a provincial level ----
    await page.goto(webApp.url);
    const setup = new SetupPage(page);
    await setup.start();
    await setup.fillOffice(PROVINCE);
    await setup.next();
    await setup.fillAdmin(ADMIN);
    await setup.finish();
    await setup.enter();
    const shell = new ShellPage(page);
    await expect(shell.officeName).toHaveText(PROVINCE.name);
    await shell.open('province');
    await expect(page.getByRole('heading', { name: 'Tỉnh / Trạm đồng bộ' })).toBeVisible();

    // ---- Máy chủ: open the hub on loopback (a test cannot open a LAN port) ----
    const port = await freePort();
    await page.getByTestId('province-tab-server').click();
    await page.getByTestId('province-server-host').click();
    await page.getByRole('option', { name: /Chỉ máy này/u }).click();
    await page.getByTestId('province-server-port').fill(String(port));
    await page.getByTestId('province-server-start').click();
    const hubUrl = `http://127.0.0.1:${port}`;
    await expect(page.getByTestId('province-server-url')).toHaveText(hubUrl);
    await expect(page.getByTestId('province-server-state')).toHaveText('Đang mở');
    await screenshot(page, 'province-01-server');

    // ---- Mã đăng ký: the code is shown once ----
    await page.getByTestId('province-tab-codes').click();
    await page.getByTestId('province-code-unit').fill(OFFICE.name);
    await page.getByTestId('province-code-create').click();
    const codeText = page.getByTestId('province-code-value');
    await expect(codeText).toHaveText(/^[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}$/u);
    const code = (await codeText.textContent()) ?? '';
    await expect(page.getByText('Mã này chỉ hiện MỘT LẦN')).toBeVisible();
    await screenshot(page, 'province-02-code-once');
    await page.getByTestId('province-code-close').click();
    await expect(page.getByTestId('province-codes')).toContainText(OFFICE.name);
    await expect(page.getByTestId('province-codes')).toContainText('Chờ đơn vị dùng');
    // Closed: the code is nowhere on the page any more.
    await expect(page.getByText(code)).toHaveCount(0);
    await screenshot(page, 'province-03-codes');

    // ---- the office enrols with that code and sends its first data over the loopback link ----
    const o = office.app;
    const session = await o.call<{ token: string; officeUnitId: string }>('system.setup', {
      office: { name: OFFICE.name, level: 'district_office', parentName: OFFICE.parentName, province: OFFICE.province, placeName: OFFICE.placeName },
      admin: ADMIN,
    });
    const enrolled = await o.call<{ hubName: string }>('sync.enroll', { hubUrl, code }, session.token);
    expect(enrolled.hubName).toBe(PROVINCE.name);
    await expect(page.getByTestId('province-codes')).toContainText('Đã dùng');

    // ---- Thiết bị: the office's device is listed ----
    await page.getByTestId('province-tab-devices').click();
    const row = page.getByTestId('province-device-row');
    await expect(row).toHaveCount(1);
    await expect(row).toContainText(OFFICE.name);
    await expect(row).toContainText('Đang hoạt động');
    await screenshot(page, 'province-04-devices');

    // ---- the link is down: the office works and exports a USB bundle ----
    for (const [i, fullName] of ['Lò Thị Hoa', 'Giàng A Páo', 'Vàng Thị Mỷ'].entries()) {
      await o.call('people.create', { fullName, gender: i === 1 ? 'male' : 'female', staffCategory: 'cong_chuc', unitId: session.officeUnitId, position: 'Chuyên viên' }, session.token);
    }
    const bundle = await o.call<{ fileName: string; base64: string; entries: number }>('sync.exportBundle', { attachments: true }, session.token);
    expect(bundle.entries).toBeGreaterThanOrEqual(4);
    mkdirSync(testInfo.outputDir, { recursive: true });
    const bundlePath = join(testInfo.outputDir, bundle.fileName);
    writeFileSync(bundlePath, Buffer.from(bundle.base64, 'base64'));

    // ---- Tệp USB: import it, see the summary, save the answer ----
    await page.getByTestId('province-tab-usb').click();
    await page.getByTestId('province-usb-file').click();
    await page.locator('input[type="file"]').setInputFiles(bundlePath);
    await page.getByTestId('province-usb-import').click();
    const result = page.getByTestId('province-usb-result');
    await expect(result).toContainText(`Đã nhập gói của ${OFFICE.name}`);
    await expect(page.getByTestId('province-usb-applied')).toHaveText(String(bundle.entries));
    await screenshot(page, 'province-05-usb-imported');
    const downloading = page.waitForEvent('download');
    await page.getByTestId('province-usb-save').click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(/^thidua-tra-loi-phong-tu-phap-huyen-muong-nhe-\d{12}\.tdsync$/u);
    const answerPath = join(testInfo.outputDir, download.suggestedFilename());
    await download.saveAs(answerPath);

    // The same bundle again: a no-op, said so.
    await page.locator('input[type="file"]').setInputFiles(bundlePath);
    await page.getByTestId('province-usb-import').click();
    await expect(result).toContainText('đã được nhập lúc');
    // A damaged copy: refused in Vietnamese.
    const damaged = readFileSync(bundlePath);
    const cutPath = join(testInfo.outputDir, 'cut.tdsync');
    writeFileSync(cutPath, damaged.subarray(0, damaged.length - 50));
    await page.locator('input[type="file"]').setInputFiles(cutPath);
    await page.getByTestId('province-usb-import').click();
    await expect(page.getByTestId('province-usb-error')).toContainText('bị hỏng hoặc bị cắt cụt');
    await screenshot(page, 'province-06-usb-refused');

    // ---- the office imports the answer: the hub acknowledged its rows ----
    const imported = await o.call<{ pulled: number; alreadyImported: boolean }>('sync.importAnswer', { base64: readFileSync(answerPath).toString('base64') }, session.token);
    expect(imported.alreadyImported).toBe(false);
    const status = await o.call<{ waitingEntries: number }>('sync.status', {}, session.token);
    expect(status.waitingEntries).toBe(0);

    // Devices now show the rows the hub holds for the office.
    await page.getByTestId('province-tab-devices').click();
    await expect(row).not.toContainText('Chưa đồng bộ');

    // ---- revoke with a reason and a confirmation ----
    await page.getByTestId('province-device-revoke').click();
    await expect(page.getByTestId('province-revoke-run')).toBeDisabled();
    await page.getByTestId('province-revoke-reason').fill('Máy đã thay, đơn vị sẽ đăng ký lại');
    await page.getByTestId('province-revoke-confirm').check();
    await screenshot(page, 'province-07-revoke');
    await page.getByTestId('province-revoke-run').click();
    await expect(row).toContainText('Đã thu hồi');
    await expect(row).toContainText('Máy đã thay, đơn vị sẽ đăng ký lại');
    await screenshot(page, 'province-08-revoked');

    // The second locale.
    await page.getByTestId('language-toggle').getByText('EN').click();
    await expect(page.getByRole('heading', { name: 'Province / Sync hub' })).toBeVisible();
    await page.getByTestId('province-tab-usb').click();
    await expect(page.getByText('Import an office’s USB file')).toBeVisible();
    await screenshot(page, 'province-09-english');
    await page.getByTestId('language-toggle').getByText('VI').click();
  } finally {
    await office.stop();
  }
});

test('an office that is not provincial has no Tỉnh section', async ({ page, webApp }) => {
  await page.goto(webApp.url);
  const setup = new SetupPage(page);
  await setup.start();
  await setup.fillOffice(OFFICE);
  await setup.next();
  await setup.fillAdmin(ADMIN);
  await setup.finish();
  await setup.enter();
  await expect(new ShellPage(page).officeName).toHaveText(OFFICE.name);
  await expect(page.getByTestId('nav-sync')).toBeVisible();
  await expect(page.getByTestId('nav-province')).toHaveCount(0);
});
