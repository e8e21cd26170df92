import { expect, type Locator, type Page } from '@playwright/test';

export interface PersonInput {
  fullName?: string;
  gender?: 'Nam' | 'Nữ';
  birthDate?: string;
  position?: string;
  staffCategory?: string;
  unit?: string;
}

/** Danh mục › Cán bộ: list, search, person drawer, import dialog. */
export class PeoplePage {
  constructor(private readonly page: Page) {}

  get rows(): Locator {
    return this.page.getByTestId('person-row');
  }

  row(fullName: string): Locator {
    return this.rows.filter({ hasText: fullName });
  }

  get form(): Locator {
    return this.page.getByTestId('person-form');
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('people-search').fill(text);
  }

  async openNew(): Promise<void> {
    await this.page.getByTestId('people-add').click();
    await expect(this.form).toBeVisible();
  }

  async openEdit(fullName: string): Promise<void> {
    await this.row(fullName).getByTestId('person-edit').click();
    await expect(this.form).toBeVisible();
  }

  private async choose(testId: string, option: string): Promise<void> {
    await this.form.getByTestId(testId).click();
    await this.page.getByRole('option', { name: option, exact: true }).click();
  }

  async fill(person: PersonInput): Promise<void> {
    if (person.fullName !== undefined) await this.form.getByTestId('person-fullName').fill(person.fullName);
    if (person.gender) await this.choose('person-gender', person.gender);
    if (person.birthDate !== undefined) {
      const input = this.form.getByTestId('person-birthDate');
      await input.fill(person.birthDate);
      await input.press('Tab');
    }
    if (person.position !== undefined) await this.form.getByTestId('person-position').fill(person.position);
    if (person.staffCategory) await this.choose('person-staffCategory', person.staffCategory);
    if (person.unit) await this.choose('person-unit', person.unit);
  }

  async save(): Promise<void> {
    await this.form.getByTestId('person-save').click();
    await expect(this.form).toBeHidden();
  }

  async openImport(): Promise<void> {
    await this.page.getByTestId('people-import').click();
    await expect(this.page.getByTestId('import-dialog')).toBeVisible();
  }

  async importFile(path: string): Promise<void> {
    const chooser = this.page.waitForEvent('filechooser');
    await this.page.getByTestId('import-file').click();
    await (await chooser).setFiles(path);
    await this.page.getByTestId('import-run').click();
  }
}
