import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openStore } from '../../electron/store/open-store.js';
import { mutate } from '../../electron/store/mutation.js';
import { addAttachment } from '../../electron/sync/blobs.js';
import { OfficeSyncAgent } from '../../electron/sync/office-agent.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { PROFILES, startLinkProxy, type LinkProxy } from '../support/link-proxy.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';
import { expect, screenshot, startWebApp, test } from './fixtures.js';
import { LoginPage } from './pages/login-page.js';
import { ADMIN, OFFICE } from './support.js';

/**
 * The office's Đồng bộ screen against a real hub (`dist-electron/hub.mjs`, a
 * child process on loopback with its own data folder), through the
 * project's link proxy at the Slow 3G profile so a transfer lasts long
 * enough to watch. Every state is photographed in test-results/screens/.
 */

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** `npm run hub` on a data folder and a fixed port (a restart comes back at the same address). */
async function startHubProcess(dataDir: string, port: number): Promise<{ stop(): Promise<void> }> {
  const child: ChildProcess = spawn(process.execPath, ['dist-electron/hub.mjs', 'serve', '--data', dataDir, '--port', String(port), '--name', 'Sở Tư pháp tỉnh Điện Biên'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub did not print READY within 60 s:\n${output}`)), 60_000);
    child.stdout?.on('data', (c: Buffer) => {
      output += c.toString();
      if (output.includes('READY ')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.stderr?.on('data', (c: Buffer) => {
      output += c.toString();
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited with ${code}:\n${output}`));
    });
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  return {
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    },
  };
}

/** The hub's own CLI, as the province's technician would type it. */
function hubCli(dataDir: string, args: string[]): string {
  return execFileSync(process.execPath, ['dist-electron/hub.mjs', ...args, '--data', dataDir], { encoding: 'utf8' });
}

function codeFrom(output: string): string {
  const m = /: (\S+)\n/u.exec(output);
  if (!m?.[1]) throw new Error(`no code in: ${output}`);
  return m[1];
}

test('the Đồng bộ screen: enrol, estimate, defer, progress, refused item, link down, automatic sync, USB bundle', async ({ page }) => {
  test.setTimeout(300_000);
  const work = mkdtempSync(join(tmpdir(), 'thidua-sync-e2e-'));
  const hubDir = join(work, 'hub');
  mkdirSync(hubDir);
  const officeDir = join(work, 'office');
  const hubPort = await freePort();
  let hub = await startHubProcess(hubDir, hubPort);
  let proxy: LinkProxy | null = null;
  let web: Awaited<ReturnType<typeof startWebApp>> | null = null;
  try {
    proxy = await startLinkProxy({ host: '127.0.0.1', port: hubPort }, PROFILES.slow3g);
    const code = codeFrom(hubCli(hubDir, ['code', '--unit-name', OFFICE.name]));
    const otherCode = codeFrom(hubCli(hubDir, ['code', '--unit-name', 'Phòng Tư pháp huyện Tủa Chùa']));

    // The office worked offline before enrolling: people, and scans waiting (three of 200 KB, one of 700 KB).
    const seed = await openStore({ dataDir: officeDir, logger: quietLogger });
    let clashId = '';
    try {
      const api = inProcessClient(seed);
      const session = await api.call('system.setup', {
        office: { name: OFFICE.name, level: 'district_office', parentName: OFFICE.parentName, province: OFFICE.province, placeName: OFFICE.placeName },
        admin: ADMIN,
      });
      api.setSession(session.token);
      for (const [i, name] of ['Lò Thị Hoa', 'Quàng Văn Minh', 'Lò Văn Trùng', 'Mùa A Sủa'].entries()) {
        const p = await api.call('people.create', { fullName: name, gender: i % 2 ? 'male' : 'female', staffCategory: 'cong_chuc', unitId: session.officeUnitId, position: 'Công chức tư pháp - hộ tịch' });
        if (name === 'Lò Văn Trùng') clashId = p.id;
      }
      for (let i = 0; i < 3; i++) await addAttachment(seed.deps.db, randomBytes(200 * 1024));
      await addAttachment(seed.deps.db, randomBytes(700 * 1024));
    } finally {
      await seed.close();
    }
    // Another office already sent a record under the same id (say, a data folder copied between PCs).
    const other = await openStore({ logger: quietLogger });
    try {
      const api = inProcessClient(other);
      const s = await api.call('system.setup', { ...OFFICE_SETUP, office: { ...OFFICE_SETUP.office, name: 'Phòng Tư pháp huyện Tủa Chùa' } });
      const agent = new OfficeSyncAgent(other.deps);
      await agent.enroll({ hubUrl: `http://127.0.0.1:${hubPort}`, code: otherCode });
      await mutate({ deps: other.deps, actor: { userId: null, userName: 'Tủa Chùa' }, officeUnitId: s.officeUnitId }, 'people.create', async (w) => {
        await w.insert('people', { id: clashId, unit_id: s.officeUnitId, full_name: 'Giàng A Páo', gender: 'male', staff_category: 'cong_chuc', status: 'working', search_key: 'giang a pao' });
      });
      await agent.syncNow();
      agent.stop();
    } finally {
      await other.close();
    }

    web = await startWebApp(officeDir);
    await page.goto(web.app.url);
    await new LoginPage(page).login(ADMIN.username, ADMIN.password);
    await expect(page.getByTestId('office-name')).toHaveText(OFFICE.name);
    // Not enrolled: no sync state in the header yet.
    await expect(page.getByTestId('sync-indicator')).toHaveCount(0);

    // Enrol through the screen with the code the hub's CLI printed.
    await page.goto(`${web.app.origin}/#/sync`);
    await page.getByTestId('sync-hub-url').fill(proxy.url);
    await page.getByTestId('sync-code').fill(code);
    await page.getByTestId('sync-enroll-button').click();
    const before = page.getByTestId('sync-before');
    await expect(before).toBeVisible();
    // Before the first sync: bytes to send, four scans, and no link measured yet.
    await expect(page.getByTestId('sync-attachment-bytes')).toContainText('1,3 MB (4)');
    await expect(page.getByTestId('sync-record-bytes')).toContainText(/\d+ (B|KB) \(\d+\)/u);
    await expect(page.getByTestId('sync-estimate')).toContainText('chưa đo');
    await expect(page.getByTestId('sync-indicator')).toBeVisible();
    await screenshot(page, 'sync-01-before-first-sync');

    // The large scan waits for a better link or a USB bundle.
    await page.getByTestId('sync-defer').click();
    await expect(page.getByTestId('sync-deferred')).toContainText('700 KB (1)');
    await expect(page.getByTestId('sync-attachment-bytes')).toContainText('600 KB (3)');

    await page.getByTestId('sync-now').click();
    const progress = page.getByTestId('sync-progress');
    await expect(progress).toHaveAttribute('data-phase', 'attachments', { timeout: 30_000 });
    await expect(progress).toContainText(/Đang gửi tệp đính kèm: \d\/3 tệp, .+ \/ 600 KB/u);
    await screenshot(page, 'sync-02-progress');
    await expect(page.getByTestId('sync-now')).toHaveText('Đồng bộ ngay', { timeout: 60_000 });

    // Done: last sync time, the deferred scan still waiting, the one refused record explained.
    await expect(page.getByTestId('sync-last-success')).not.toContainText('Chưa lần nào');
    await expect(page.getByTestId('sync-waiting')).toContainText('0 bản ghi, 0 tệp đính kèm');
    await expect(page.getByTestId('sync-deferred-count')).toContainText('1 tệp đính kèm để gửi sau');
    const refused = page.getByTestId('sync-item-error');
    await expect(refused).toHaveCount(1);
    await expect(refused).toContainText('Cán bộ: Lò Văn Trùng');
    await expect(refused).toContainText('thuộc một đơn vị khác');
    await expect(page.getByTestId('sync-estimate')).not.toContainText('chưa đo');
    await expect(page.getByTestId('sync-link')).toHaveAttribute('data-state', 'up');
    await expect(page.getByTestId('sync-indicator-errors')).toContainText('1 lỗi');
    await screenshot(page, 'sync-03-synced-one-refused');

    // The hub goes away: the next attempt says so in Vietnamese; the header shows it on every screen.
    await hub.stop();
    await page.getByTestId('sync-now').click();
    await expect(page.getByTestId('sync-link')).toHaveAttribute('data-state', 'down', { timeout: 30_000 });
    await expect(page.getByTestId('sync-error')).toContainText('Không kết nối được tới trạm của tỉnh');
    await screenshot(page, 'sync-04-link-down');
    const token = await page.evaluate(() => (JSON.parse(sessionStorage.getItem('thidua.session') ?? '{}') as { token: string }).token);
    const unitId = (await web.app.call<{ office: { id: string } }>('system.status', {})).office.id;
    await web.app.call('people.create', { fullName: 'Sùng Thị Dợ', gender: 'female', staffCategory: 'cong_chuc', unitId, position: 'Chuyên viên' }, token);
    await page.goto(`${web.app.origin}/#/people`);
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-link', 'down', { timeout: 20_000 });
    await expect(page.getByTestId('sync-indicator-waiting')).toContainText('chờ 1');
    await screenshot(page, 'sync-05-header-link-down');

    // The hub comes back: the office notices by itself and syncs what waited.
    hub = await startHubProcess(hubDir, hubPort);
    await expect(page.getByTestId('sync-indicator')).toHaveAttribute('data-link', 'up', { timeout: 60_000 });
    await expect(page.getByTestId('sync-indicator-waiting')).toHaveCount(0, { timeout: 60_000 });
    await screenshot(page, 'sync-06-header-auto-synced');

    // USB: the bundle carries what the hub lacks, the deferred scan included; the province imports it and answers.
    await page.goto(`${web.app.origin}/#/sync`);
    const download = page.waitForEvent('download');
    await page.getByTestId('sync-export').click();
    const bundlePath = join(work, 'gui-tinh.tdsync');
    await (await download).saveAs(bundlePath);
    expect(statSync(bundlePath).size).toBeGreaterThan(700 * 1024);
    const answerPath = join(work, 'tra-loi.tdsync');
    hubCli(hubDir, ['import-bundle', bundlePath, '--out', answerPath]);
    expect(readFileSync(answerPath).length).toBeGreaterThan(100);
    await page.getByTestId('sync-usb').locator('input[type="file"]').setInputFiles(answerPath);
    await expect(page.getByText('Đã nhập gói trả lời')).toBeVisible();
    await expect(page.getByTestId('sync-deferred-count')).toHaveCount(0);
    await expect(page.getByTestId('sync-waiting')).toContainText('0 bản ghi, 0 tệp đính kèm');
    await screenshot(page, 'sync-07-usb-answer-imported');
  } finally {
    await web?.stop({ keepData: true });
    await proxy?.close();
    await hub.stop();
    rmSync(work, { recursive: true, force: true });
  }
});
