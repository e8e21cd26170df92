import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Download, Page } from '@playwright/test';
import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

const STAFF = [
  { fullName: 'Nguyễn Văn An', gender: 'male', position: 'Trưởng phòng' },
  { fullName: 'Lò Thị Bích', gender: 'female', position: 'Phó Trưởng phòng' },
  { fullName: 'Tôn Nữ Hoàng Thị Phương Khánh Huyền', gender: 'female', position: 'Chuyên viên phụ trách hộ tịch, chứng thực' },
  { fullName: 'Giàng A Dình', gender: 'male', position: 'Công chức Tư pháp - Hộ tịch' },
  { fullName: 'Phạm Đức Mạnh', gender: 'male', position: 'Chuyên viên' },
];

const OUT = join('test-results', 'awards-e2e');

async function savePdf(download: Download, name: string): Promise<string[]> {
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, name);
  await download.saveAs(path);
  execFileSync('pdftoppm', ['-png', '-r', '40', '-f', '1', '-l', '1', path, join(OUT, name.replace('.pdf', ''))]);
  return execFileSync('pdftotext', [path, '-']).toString('utf8').split('\f').slice(0, -1).map((p) => p.replace(/\s+/gu, ' '));
}

async function choosePerson(page: Page, index: number, name: string): Promise<void> {
  const input = page.getByTestId('item-person').nth(index);
  await input.click();
  await input.fill(name.split(' ').slice(-2).join(' '));
  await page.getByRole('option', { name: new RegExp(`^${name}`, 'u') }).click();
}

test('a newcomer makes a decision for five people, prints the batch, reprints one with a reason, finds them in the register', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const office = (await webApp.call<{ office: { id: string } }>('system.status', {})).office.id;
  for (const p of STAFF) await webApp.call('people.create', { ...p, unitId: office, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null }, token);

  const shell = new ShellPage(page);
  await shell.open('awards');
  await expect(page.getByTestId('decisions-empty')).toBeVisible();
  await page.getByTestId('decision-new').click();
  const editor = page.getByTestId('decision-editor');
  await expect(editor).toBeVisible();
  // A district office in 2026: the district chairman's power ended on 30/06/2025 (R-AUTH-02), the commune chairman decides.
  await page.getByTestId('decision-authority').click();
  await page.getByRole('option', { name: /^Chủ tịch UBND xã/u }).click();
  await page.getByTestId('decision-signer').fill('Lò Văn Mừng');
  await page.getByTestId('decision-subject').fill('Về việc tặng Giấy khen cho cá nhân có thành tích xuất sắc năm 2025');
  for (const [i, p] of STAFF.entries()) {
    await page.getByTestId('item-add-person').click();
    await choosePerson(page, i, p.fullName);
    await page.getByTestId('item-achievement').nth(i).fill('Đã có thành tích xuất sắc trong công tác tư pháp năm 2025');
  }
  await expect(page.getByTestId('item-prize').first()).toContainText('đồng');
  await screenshot(page, '60-award-decision-editor');
  await page.getByTestId('decision-save').click();

  const view = page.getByTestId('decision-view');
  await expect(view).toBeVisible();
  await expect(page.getByTestId('decision-item')).toHaveCount(5);
  await page.getByTestId('decision-issue').click();
  await expect(page.getByTestId('decision-status')).toHaveText('Đã ban hành');
  await expect(page.getByTestId('decision-title')).toContainText('Quyết định số 01/QĐ-UBND');
  await screenshot(page, '61-award-decision-issued');

  // The whole decision to one PDF.
  await page.getByTestId('decision-print-all').click();
  const batch = page.waitForEvent('download');
  await page.getByTestId('print-go').click();
  const pages = await savePdf(await batch, 'batch.pdf');
  expect(pages).toHaveLength(5);
  for (const [i, p] of STAFF.entries()) {
    const text = pages.find((x) => x.includes(p.fullName)) ?? '';
    expect(text, p.fullName).toContain(`${p.gender === 'female' ? 'Bà' : 'Ông'} ${p.fullName}`);
    expect(text).toMatch(/Số vào sổ: 0[1-5]\/\d{4}\/SKT/u);
    void i;
  }

  // Reprint one: the reason is required and recorded.
  await page.getByTestId('item-print').nth(1).click();
  await expect(page.getByTestId('print-reason')).toBeVisible();
  await page.getByTestId('print-go').click();
  await expect(page.getByTestId('print-error')).toContainText('In lại cần ghi lý do');
  await page.getByTestId('print-reason').fill('Phôi bị kẹt giấy');
  const single = page.waitForEvent('download');
  await page.getByTestId('print-go').click();
  const reprinted = await savePdf(await single, 'reprint.pdf');
  expect(reprinted).toHaveLength(1);
  expect(reprinted[0]).toContain('Lò Thị Bích');
  await expect(page.getByTestId('print-log')).toContainText('Phôi bị kẹt giấy');
  await expect(page.getByTestId('print-log')).toContainText('In lại');
  await screenshot(page, '62-award-print-log');

  // The register: search without diacritics, then the person's history.
  await page.getByTestId('awards-tab-register').click();
  await expect(page.getByTestId('register-row')).toHaveCount(5);
  await page.getByTestId('register-search').fill('khanh huyen');
  await expect(page.getByTestId('register-row')).toHaveCount(1);
  await expect(page.getByTestId('register-row')).toContainText('Tôn Nữ Hoàng Thị Phương Khánh Huyền');
  await page.getByTestId('register-row').getByRole('button', { name: 'Tôn Nữ Hoàng Thị Phương Khánh Huyền' }).click();
  await expect(page.getByTestId('history')).toContainText('Giấy khen');
  await screenshot(page, '63-award-register-history');
  await page.keyboard.press('Escape');

  // Verification of the typed code printed on the reprinted certificate.
  const code = /Mã xác thực: (\S+)/u.exec(reprinted[0] ?? '')?.[1] ?? '';
  await page.getByTestId('awards-tab-verify').click();
  await page.getByTestId('verify-code').fill(code);
  await page.getByTestId('verify-go').click();
  await expect(page.getByTestId('verify-result')).toContainText('Hợp lệ: Lò Thị Bích');
  await screenshot(page, '64-award-verify');

  await page.getByTestId('awards-tab-rates').click();
  await expect(page.getByTestId('registers')).toContainText('SKT');
  await screenshot(page, '66-award-rates');

  // The template editor with its live preview.
  await shell.open('certificates');
  await expect(page.getByTestId('certificate-preview')).toBeVisible();
  await page.waitForTimeout(1500);
  await screenshot(page, '65-certificate-editor');
});
