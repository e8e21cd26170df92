import { expect, type Page } from '@playwright/test';

export interface OfficeInput {
  name: string;
  level: string;
  parentName: string;
  province: string;
  placeName: string;
}

export interface AdminInput {
  displayName: string;
  username: string;
  password: string;
}

/** The first-run wizard. */
export class SetupPage {
  constructor(private readonly page: Page) {}

  get root() {
    return this.page.getByTestId('setup-wizard');
  }

  async start(): Promise<void> {
    await this.page.getByTestId('setup-start').click();
  }

  async fillOffice(office: OfficeInput): Promise<void> {
    await this.page.getByTestId('setup-office-name').fill(office.name);
    await this.page.getByTestId('setup-office-level').click();
    await this.page.getByRole('option', { name: office.level }).click();
    await this.page.getByTestId('setup-office-parent').fill(office.parentName);
    await this.page.getByTestId('setup-office-province').fill(office.province);
    await this.page.getByTestId('setup-office-place').fill(office.placeName);
  }

  async next(): Promise<void> {
    await this.page.getByTestId('setup-next').click();
  }

  async fillAdmin(admin: AdminInput, confirm = admin.password): Promise<void> {
    await this.page.getByTestId('setup-admin-name').fill(admin.displayName);
    await this.page.getByTestId('setup-admin-username').fill(admin.username);
    await this.page.getByTestId('setup-admin-password').fill(admin.password);
    await this.page.getByTestId('setup-admin-confirm').fill(confirm);
  }

  async finish(): Promise<void> {
    await this.page.getByTestId('setup-finish').click();
  }

  async enter(): Promise<void> {
    await expect(this.page.getByTestId('setup-enter')).toBeVisible();
    await this.page.getByTestId('setup-enter').click();
  }
}
