import { expect, type Page } from '@playwright/test';
import type { WebApp } from './fixtures.js';
import { LoginPage } from './pages/login-page.js';

export const OFFICE = {
  name: 'Phòng Tư pháp huyện Mường Nhé',
  level: 'Phòng chuyên môn cấp huyện (đến 30/6/2025)',
  parentName: 'Ủy ban nhân dân huyện Mường Nhé',
  province: 'Điện Biên',
  placeName: 'Mường Nhé',
};

export const ADMIN = { displayName: 'Lò Thị Hương', username: 'huong.lo', password: 'mat-khau-an-toan' };

/** Configures the office through the API (the wizard has its own scenario) and signs in through the login screen. */
export async function signedIn(page: Page, webApp: WebApp): Promise<void> {
  await webApp.call('system.setup', {
    office: { name: OFFICE.name, level: 'district_office', parentName: OFFICE.parentName, province: OFFICE.province, placeName: OFFICE.placeName },
    admin: ADMIN,
  });
  await page.goto(webApp.url);
  await new LoginPage(page).login(ADMIN.username, ADMIN.password);
  await expect(page.getByTestId('office-name')).toHaveText(OFFICE.name);
}

/** The session token the page keeps in sessionStorage, to check the store through the API. */
export async function sessionToken(page: Page): Promise<string> {
  const raw = await page.evaluate(() => sessionStorage.getItem('thidua.session'));
  return (JSON.parse(raw ?? '{}') as { token: string }).token;
}
