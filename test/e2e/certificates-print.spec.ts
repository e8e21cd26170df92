import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient } from '../../shared/api/client.js';
import { fileSlug } from '../../shared/vi/search.js';
import { readZipEntry } from '../../electron/plans/zip.js';
import { decisionInput } from '../support/awards.js';
import { expect, screenshot, test } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

const STAFF = [
  { fullName: 'Nguyễn Văn An', gender: 'male' },
  { fullName: 'Lò Thị Bích', gender: 'female' },
  { fullName: 'Giàng A Dình', gender: 'male' },
];
const OUT = join('test-results', 'certificates-e2e');

test('web build: the print dialog offers "Tải PDF để in" (no direct printing without the desktop app) and the PDF holds the batch', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const office = (await webApp.call<{ office: { id: string } }>('system.status', {})).office.id;
  const people: string[] = [];
  for (const { fullName, gender } of STAFF) {
    const p = await webApp.call<{ id: string }>('people.create', { fullName, gender, position: 'Chuyên viên', unitId: office, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null }, token);
    people.push(p.id);
  }
  // The decision is made through the API: this test is about the print dialog.
  const api = { call: (method: string, input: unknown) => webApp.call(method, input, token) } as unknown as ApiClient;
  const draft = await webApp.call<{ decision: { id: string; version: number } }>('awards.createDecision', await decisionInput(api, people), token);
  await webApp.call('awards.issueDecision', { id: draft.decision.id, expectedVersion: draft.decision.version }, token);
  expect(await webApp.call('certificates.printers', {}, token)).toEqual({ direct: false, printers: [] });

  await new ShellPage(page).open('awards');
  await page.getByTestId('decision-row').first().click();
  await page.getByTestId('decision-print-all').click();
  await expect(page.getByTestId('print-web-note')).toContainText('Bản chạy trên trình duyệt không gửi thẳng ra máy in');
  await expect(page.getByTestId('print-output')).toHaveCount(0);
  await expect(page.getByTestId('print-go')).toHaveText('Tải PDF để in');
  await screenshot(page, '67-certificates-print-web');
  const download = page.waitForEvent('download');
  await page.getByTestId('print-go').click();
  mkdirSync(OUT, { recursive: true });
  const path = join(OUT, 'web-batch.pdf');
  await (await download).saveAs(path);
  const pages = execFileSync('pdftotext', [path, '-']).toString('utf8').split('\f').slice(0, -1).map((p) => p.replace(/\s+/gu, ' '));
  expect(pages).toHaveLength(3);
  STAFF.forEach((p, i) => expect(pages[i]).toContain(p.fullName));
  const log = await webApp.call<{ kind: string }[]>('certificates.printLog', { decisionId: draft.decision.id }, token);
  expect(log.map((r) => r.kind)).toEqual(['print', 'print', 'print']);

  // The same batch as one PDF per person, to send each their own: a .zip, named by register number.
  await page.keyboard.press('Escape');
  await page.getByTestId('decision-print-all').click();
  await page.getByTestId('print-per-certificate').check();
  await expect(page.getByTestId('print-go')).toHaveText('Tải các tệp PDF (.zip)');
  await page.getByTestId('print-reason').fill('Gửi bản điện tử qua Zalo');
  await screenshot(page, '80-certificates-per-person-zip');
  const zipDownload = page.waitForEvent('download');
  await page.getByTestId('print-go').click();
  const zipPath = join(OUT, 'per-person.zip');
  await (await zipDownload).saveAs(zipPath);
  const zip = readFileSync(zipPath);
  for (const [i, p] of STAFF.entries()) {
    const entry = `00${i + 1}-0${i + 1}-2026-skt-${fileSlug(p.fullName)}.pdf`;
    const pdf = readZipEntry(zip, entry);
    expect(pdf, entry).not.toBeNull();
    const file = join(OUT, entry);
    writeFileSync(file, pdf ?? Buffer.alloc(0));
    const text = execFileSync('pdftotext', [file, '-']).toString('utf8');
    expect(text).toContain(p.fullName);
    expect(text.split('\f').filter((x) => x.trim())).toHaveLength(1);
  }
});

test('desktop print dialog (the store\'s answers faked at the HTTP boundary: no Electron here): printers, problem warning, dialog choice, send', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const office = (await webApp.call<{ office: { id: string } }>('system.status', {})).office.id;
  const people: string[] = [];
  for (const { fullName, gender } of STAFF) {
    const p = await webApp.call<{ id: string }>('people.create', { fullName, gender, position: 'Chuyên viên', unitId: office, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null }, token);
    people.push(p.id);
  }
  const api = { call: (method: string, input: unknown) => webApp.call(method, input, token) } as unknown as ApiClient;
  const draft = await webApp.call<{ decision: { id: string; version: number } }>('awards.createDecision', await decisionInput(api, people), token);
  await webApp.call('awards.issueDecision', { id: draft.decision.id, expectedVersion: draft.decision.version }, token);
  await webApp.call('certificates.saveCalibration', { printerName: 'HP_P1102', offsetXMm: 1.5, offsetYMm: -0.5, scale: 1 }, token);

  // What the desktop store answers (its Electron side is unit-tested in test/unit/electron-printing.test.ts).
  const sent: unknown[] = [];
  await page.route('**/api/call', async (route) => {
    const body = route.request().postDataJSON() as { method?: string; input?: unknown };
    if (body.method === 'certificates.printers') {
      await route.fulfill({
        json: {
          ok: true,
          value: {
            direct: true,
            printers: [
              { name: 'HP_P1102', displayName: 'HP LaserJet P1102', isDefault: true, problem: null },
              { name: 'Canon_2900', displayName: 'Canon LBP 2900', isDefault: false, problem: 'mất kết nối (offline)' },
            ],
          },
        },
      });
      return;
    }
    if (body.method === 'certificates.printToPrinter') {
      sent.push(body.input);
      await route.fulfill({ json: { ok: true, value: { printed: 3, printerName: 'HP_P1102', items: [] } } });
      return;
    }
    await route.continue();
  });

  await new ShellPage(page).open('awards');
  await page.getByTestId('decision-row').first().click();
  await page.getByTestId('decision-print-all').click();
  await expect(page.getByTestId('print-output')).toBeVisible();
  await expect(page.getByTestId('print-web-note')).toHaveCount(0);
  await expect(page.getByTestId('print-go')).toHaveText('Gửi ra máy in');
  await expect(page.getByTestId('print-device')).toHaveValue('HP LaserJet P1102 (đã căn chỉnh)');
  await page.getByTestId('print-device').click();
  await page.getByRole('option', { name: 'Canon LBP 2900 (chưa căn chỉnh) — mất kết nối (offline)' }).click();
  await expect(page.getByText('Máy in đang báo: mất kết nối (offline)')).toBeVisible();
  await screenshot(page, '68-certificates-print-desktop');
  await page.getByTestId('print-device').click();
  await page.getByRole('option', { name: 'HP LaserJet P1102 (đã căn chỉnh)' }).click();
  await page.getByTestId('print-dialog').check();
  await page.getByTestId('print-go').click();
  await expect(page.getByText('Đã gửi 3 giấy khen tới máy in HP_P1102.')).toBeVisible();
  expect(sent).toEqual([{ selection: { decisionId: draft.decision.id }, templateId: expect.any(String), printerName: 'HP_P1102', silent: false, jobId: expect.stringMatching(/^job-/u) }]);
  // Back to a PDF: the same dialog, the PDF button.
  await page.getByTestId('decision-print-all').click();
  await page.getByTestId('print-output').getByText('Ra tệp PDF').click();
  await expect(page.getByTestId('print-go')).toHaveText('In giấy khen cả quyết định');
});
