import type { Page } from '@playwright/test';
import type { ApiClient } from '../../shared/api/client.js';
import { decisionInput } from '../support/awards.js';
import { expect, screenshot, test, type WebApp } from './fixtures.js';
import { ShellPage } from './pages/shell-page.js';
import { sessionToken, signedIn } from './support.js';

/**
 * Titles and forms of award are data the office keeps: it adds the one its
 * rules name, with its coefficient, dates and legal source; a code already
 * used is refused in Vietnamese; the new award is offered when drafting.
 */
test('the administrator adds a form of award with its coefficient and source, a duplicate code is refused, and the new award is offered in a decision', async ({ page, webApp }) => {
  await signedIn(page, webApp);
  await new ShellPage(page).open('awards');
  await page.getByTestId('awards-tab-rates').click();

  await page.getByTestId('kind-add').click();
  const form = page.getByTestId('kind-form');
  await form.getByTestId('kind-code').fill('GK');
  await form.getByTestId('kind-name').fill('Giấy khen của Trưởng phòng');
  await form.getByTestId('kind-coefficient').fill('0,15');
  await form.getByTestId('kind-source').fill('Quy chế thi đua, khen thưởng của đơn vị');
  await form.getByTestId('kind-save').click();
  await expect(form.getByTestId('kind-error')).toHaveText('Mã "GK" đã được dùng cho một danh hiệu / hình thức khác.');
  await expect(form).toContainText('Trùng mã.');
  await screenshot(page, '78-award-kind-form-duplicate');

  await form.getByTestId('kind-code').fill('GK-TP');
  await form.getByTestId('kind-save').click();
  await expect(form).toBeHidden();
  const row = page.getByRole('row').filter({ hasText: 'Giấy khen của Trưởng phòng' });
  await expect(row).toContainText('GK-TP · Cá nhân · Quy chế thi đua, khen thưởng của đơn vị');
  await expect(row.getByRole('textbox', { name: 'Hệ số' })).toHaveValue('0.15');
  await screenshot(page, '77-award-kind-added');

  // Renamed later: the name is data too.
  await page.getByTestId('kind-edit-GK-TP').click();
  await expect(form.getByTestId('kind-code')).toBeDisabled();
  await form.getByTestId('kind-name').fill('Giấy khen của Trưởng phòng Tư pháp');
  await form.getByTestId('kind-save').click();
  await expect(page.getByRole('row').filter({ hasText: 'Giấy khen của Trưởng phòng Tư pháp' })).toBeVisible();

  await page.getByTestId('awards-tab-decisions').click();
  await page.getByTestId('decision-new').click();
  await page.getByTestId('item-add-person').click();
  await page.getByTestId('item-award').first().click();
  await expect(page.getByRole('option', { name: 'Giấy khen của Trưởng phòng Tư pháp (0,15)' })).toBeVisible();
});

/**
 * Registers are configured on screen: added, renamed; a register that has
 * given numbers keeps its code (printed on the certificates and signed into
 * their QR codes) and the screen says so instead of letting the user try.
 */
/** Signed in as the administrator, with one issued Giấy khen: the general register (SKT) has given number 01. */
async function signedInWithOneAward(page: Page, webApp: WebApp): Promise<string> {
  await signedIn(page, webApp);
  const token = await sessionToken(page);
  const office = (await webApp.call<{ office: { id: string } }>('system.status', {})).office.id;
  const person = await webApp.call<{ id: string }>('people.create', { fullName: 'Lò Văn Mừng', gender: 'male', position: 'Chuyên viên', unitId: office, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null }, token);
  const api = { call: (method: string, input: unknown) => webApp.call(method, input, token) } as unknown as ApiClient;
  const draft = await webApp.call<{ decision: { id: string; version: number } }>('awards.createDecision', await decisionInput(api, [person.id]), token);
  await webApp.call('awards.issueDecision', { id: draft.decision.id, expectedVersion: draft.decision.version }, token);
  return token;
}

test('the administrator adds a register, renames it, and cannot change the code of a register that has given numbers', async ({ page, webApp }) => {
  const token = await signedInWithOneAward(page, webApp);

  await new ShellPage(page).open('awards');
  await page.getByTestId('awards-tab-rates').click();
  const registers = page.getByTestId('registers');
  await page.getByRole('textbox', { name: 'Mã sổ' }).last().fill('ldt');
  await page.getByRole('textbox', { name: 'Tên sổ' }).last().fill('Sổ danh hiệu');
  await page.getByRole('button', { name: 'Thêm sổ' }).click();
  await expect(registers.getByTestId('register-LDT')).toContainText('Sổ danh hiệu');

  // Unused: code and name both change.
  await page.getByRole('button', { name: 'Sửa sổ: LDT' }).click();
  const edit = registers.getByTestId('register-LDT');
  await edit.getByRole('textbox', { name: 'Mã sổ' }).fill('LDTT');
  await edit.getByRole('textbox', { name: 'Tên sổ' }).fill('Sổ danh hiệu Lao động tiên tiến');
  await edit.getByRole('button', { name: 'Lưu' }).click();
  await expect(registers.getByTestId('register-LDTT')).toContainText('Sổ danh hiệu Lao động tiên tiến');
  await expect(registers.getByTestId('register-LDT')).toHaveCount(0);

  // Used: the code is locked and the reason shown; the name still changes.
  await page.getByRole('button', { name: 'Sửa sổ: SKT' }).click();
  const skt = registers.getByTestId('register-SKT');
  await expect(skt.getByRole('textbox', { name: 'Mã sổ' })).toBeDisabled();
  await expect(skt).toContainText('Sổ đã cấp số nên mã sổ giữ nguyên');
  await skt.getByRole('textbox', { name: 'Tên sổ' }).fill('Sổ theo dõi khen thưởng của Phòng Tư pháp');
  await screenshot(page, '79-award-registers-edit');
  await skt.getByRole('button', { name: 'Lưu' }).click();
  await expect(skt).toContainText('Sổ theo dõi khen thưởng của Phòng Tư pháp');
  await expect(skt.getByRole('textbox')).toHaveCount(0);
  const config = await webApp.call<{ registers: { code: string; name: string; used: boolean }[] }>('awards.config', {}, token);
  expect(config.registers.map((r) => [r.code, r.name, r.used])).toEqual([
    ['SKT', 'Sổ theo dõi khen thưởng của Phòng Tư pháp', true],
    ['LDTT', 'Sổ danh hiệu Lao động tiên tiến', false],
  ]);
});

/**
 * A district's register closes (1/7/2025: the office folded into the commune): the administrator
 * makes the commune's new register the general one and retires the old; a register a title still
 * numbers into cannot be retired, and says which title; a retired register is offered to no title.
 */
test('the administrator makes a new register the general one, retires the old one, and cannot retire a register a title still uses', async ({ page, webApp }) => {
  const token = await signedInWithOneAward(page, webApp);

  await new ShellPage(page).open('awards');
  await page.getByTestId('awards-tab-rates').click();
  const registers = page.getByTestId('registers');
  const add = async (code: string, name: string) => {
    await page.getByRole('textbox', { name: 'Mã sổ' }).last().fill(code);
    await page.getByRole('textbox', { name: 'Tên sổ' }).last().fill(name);
    await page.getByRole('button', { name: 'Thêm sổ' }).click();
    await expect(registers.getByTestId(`register-${code}`)).toContainText(name);
  };
  await add('XA', 'Sổ khen thưởng của xã');

  // The new register becomes the general one.
  await page.getByRole('button', { name: 'Sửa sổ: XA' }).click();
  const xa = registers.getByTestId('register-XA');
  await xa.getByRole('checkbox', { name: /^Làm sổ chung/u }).check();
  await xa.getByRole('button', { name: 'Lưu' }).click();
  await expect(xa).toContainText('sổ chung');
  const skt = registers.getByTestId('register-SKT');
  await expect(skt).not.toContainText('sổ chung');

  // The old one retires: its row says so, and no title is offered it any more.
  await page.getByRole('button', { name: 'Sửa sổ: SKT' }).click();
  await skt.getByRole('checkbox', { name: 'Đang dùng (cấp số mới)' }).uncheck();
  await expect(skt).toContainText('Sổ ngừng dùng không cấp số mới');
  await screenshot(page, '81-award-registers-retire');
  await skt.getByRole('button', { name: 'Lưu' }).click();
  await expect(skt).toContainText('ngừng dùng');
  await expect(skt.getByRole('textbox')).toHaveCount(0);
  const ldttRow = page.getByRole('row').filter({ has: page.getByTestId('kind-edit-LDTT') });
  const ldttRegister = ldttRow.getByRole('combobox', { name: 'Ghi vào sổ' });
  await expect(ldttRegister).toHaveValue('XA — Sổ khen thưởng của xã');
  await ldttRegister.click();
  await expect(page.getByRole('option', { name: /^XA/u })).toBeVisible();
  await expect(page.getByRole('option', { name: /^SKT/u })).toHaveCount(0);
  await page.keyboard.press('Escape');

  // A register a title numbers into cannot be retired; the message names the title.
  await add('LDTT', 'Sổ danh hiệu Lao động tiên tiến');
  await ldttRegister.click();
  await page.getByRole('option', { name: /^LDTT/u }).click();
  await expect(ldttRegister).toHaveValue('LDTT — Sổ danh hiệu Lao động tiên tiến');
  await page.getByRole('button', { name: 'Sửa sổ: LDTT' }).click();
  const ldtt = registers.getByTestId('register-LDTT');
  await ldtt.getByRole('checkbox', { name: 'Đang dùng (cấp số mới)' }).uncheck();
  await ldtt.getByRole('button', { name: 'Lưu' }).click();
  await expect(page.getByText('Còn 1 danh hiệu, hình thức ghi số vào sổ "LDTT" (Lao động tiên tiến): chuyển sang sổ khác rồi mới ngừng dùng sổ này.')).toBeVisible();
  await screenshot(page, '82-award-registers-retire-refused');

  const config = await webApp.call<{ registers: { code: string; isDefault: boolean; active: boolean; used: boolean }[] }>('awards.config', {}, token);
  expect(config.registers.map((r) => [r.code, r.isDefault, r.active, r.used])).toEqual([
    ['XA', true, true, false],
    ['LDTT', false, true, false],
    ['SKT', false, false, true],
  ]);
});
