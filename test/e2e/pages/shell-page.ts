import type { Page } from '@playwright/test';

/** The app frame: header and navigation. */
export class ShellPage {
  constructor(private readonly page: Page) {}

  get officeName() {
    return this.page.getByTestId('office-name');
  }

  get userName() {
    return this.page.getByTestId('user-name');
  }

  async open(section: string): Promise<void> {
    await this.page.getByTestId(`nav-${section}`).click();
  }
}
