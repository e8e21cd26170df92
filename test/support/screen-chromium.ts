/**
 * Debian's full Chromium as the tests run the app's screens in it (Playwright's end-to-end browser,
 * the desktop bridge smoke test, and the print engine's width check against the screen).
 */
export const SCREEN_CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};
