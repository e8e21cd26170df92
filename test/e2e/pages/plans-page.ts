import { expect, type Locator, type Page } from '@playwright/test';

/** The plans screen: list, import review, plan view with its editor, deadline board. */
export class PlansPage {
  constructor(private readonly page: Page) {}

  async importText(text: string): Promise<void> {
    await this.page.getByTestId('plans-import').click();
    await this.page.getByTestId('plan-import-text').fill(text);
    await this.page.getByTestId('plan-import-analyse').click();
    await expect(this.page.getByTestId('plan-import-source')).toBeVisible();
  }

  get unplaced(): Locator {
    return this.page.getByTestId('plan-import-unplaced');
  }

  async fillDate(testId: string, ddmmyyyy: string, scope: Locator | Page = this.page): Promise<void> {
    const input = scope.getByTestId(testId);
    await input.fill(ddmmyyyy);
    await input.press('Tab');
  }

  async fillFields(fields: Record<string, string>, scope: Locator | Page = this.page): Promise<void> {
    for (const [id, value] of Object.entries(fields)) await scope.getByTestId(id).fill(value);
  }

  get view(): Locator {
    return this.page.getByTestId('plan-view');
  }

  get status(): Locator {
    return this.page.getByTestId('plan-status');
  }

  get editor(): Locator {
    return this.page.getByRole('dialog');
  }
}
