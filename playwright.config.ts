import { defineConfig } from '@playwright/test';
import { SCREEN_CHROMIUM } from './test/support/screen-chromium.js';

/**
 * End-to-end tests: the built renderer in Debian's Chromium, over the HTTP
 * transport, against the real handlers in a store worker (`dist-electron/web.mjs`,
 * started by the fixture in test/e2e/fixtures.ts with a fresh data folder).
 * The build must exist: `npm test` / `npm run test:e2e` build first.
 */
export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  workers: 1,
  retries: 0,
  reporter: 'list',
  timeout: 90_000,
  expect: { timeout: 15_000 },
  outputDir: 'test-results/e2e',
  use: {
    headless: true,
    viewport: { width: 1366, height: 800 },
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
    launchOptions: SCREEN_CHROMIUM,
  },
});
