import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { ApiClient } from '../../shared/api/client.js';
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
});
