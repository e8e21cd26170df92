import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, session, utilityProcess } from 'electron';
import { contentSecurityPolicy } from '../transports/csp.js';
import { registerStorePortBroker } from '../ipc/main-ipc.js';
import { APP_SCHEME, APP_SCHEME_PRIVILEGES, APP_START_URL, createAppProtocolHandler } from './app-protocol.js';
import { lineSplitter, openLogFile } from './log-file.js';
import { openFailedMessage, SHELL_TEXT, startFailedMessage } from './messages.js';
import { createPrintDocuments, createPrintService, PAGE_FIT_SCRIPT } from './print-service.js';
import { createQuitGuard } from './quit-guard.js';
import { blockRemoteRequests, denyAllPermissions, hardenWebContents, secureWebPreferences } from './security.js';
import { claimSingleInstance, focusWindow } from './single-instance.js';
import { StoreOpenError, startStoreProcess } from './store-process.js';
import { mainWindowOptions } from './window-options.js';

/**
 * The main process's composition root. It only creates windows and brokers
 * ports: the store (PGlite and every handler) runs in a utilityProcess, and
 * each window talks to it over its own MessagePort. Layout of the bundle:
 * dist-electron/{main,preload,store-process}.cjs beside dist/renderer.
 */
function start(): void {
  // A separate profile (smoke tests, a second office on one PC): the single-instance lock,
  // the data folder and the browser profile all follow userData, so set it before anything else.
  const userDataOverride = process.env.THIDUA_USER_DATA;
  if (userDataOverride) app.setPath('userData', userDataOverride);

  let mainWindow: BrowserWindow | null = null;
  if (!claimSingleInstance(app, () => mainWindow)) return;

  // userData/logs/main.log: the main process's and the store process's lines, for support.
  const logFile = openLogFile(join(app.getPath('userData'), 'logs', 'main.log'));
  const writeLine = (line: string) => {
    process.stderr.write(`${line}\n`);
    logFile.write(line);
  };
  const log = (message: string, fields: Record<string, unknown> = {}) => writeLine(JSON.stringify({ t: new Date().toISOString(), src: 'main', msg: message, ...fields }));
  const storeOutput = lineSplitter(writeLine);
  log('starting', { version: app.getVersion(), electron: process.versions.electron, platform: process.platform });

  // Before ready: the scheme must be standard and secure for 'self', fetch and module scripts to work.
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  app.enableSandbox();

  const here = __dirname;
  const rendererRoot = join(here, '..', 'dist', 'renderer');
  const iconPath = join(here, '..', 'build', 'icon.png');
  const dataDir = join(app.getPath('userData'), 'data');

  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, (message, url) => log(message, { url })));
  app.on('window-all-closed', () => app.quit());

  void app.whenReady().then(async () => {
    // No menu: no reload or devtools shortcuts for users, nothing that loads other content.
    Menu.setApplicationMenu(null);
    const ses = session.defaultSession;
    denyAllPermissions(ses);
    blockRemoteRequests(ses.webRequest, (message, url) => log(message, { url }));
    const printDocuments = createPrintDocuments(randomUUID);
    protocol.handle(APP_SCHEME, createAppProtocolHandler({ root: rendererRoot, csp: contentSecurityPolicy(), printDocuments }));

    const store = startStoreProcess((path, args, options) => utilityProcess.fork(path, args, options), join(here, 'store-process.cjs'), dataDir, (chunk) => storeOutput.push(chunk));
    const guard = createQuitGuard(
      () => store.close(),
      () => app.quit(),
      (error) => log('store close failed', { error: String(error) }),
    );
    app.on('before-quit', (event) => guard.onBeforeQuit(event));

    // Certificates and decisions: hidden, sandboxed windows with no preload (so no store port), the same
    // page-side fitting script as the Playwright engine (shared/awards/fit.ts), then printToPDF.
    const printing = createPrintService({
      newWindow: () => new BrowserWindow({ show: false, webPreferences: secureWebPreferences(null) }),
      documents: printDocuments,
      fitScript: PAGE_FIT_SCRIPT,
    });
    store.servePrinting((request) => printing.handle(request));
    app.on('will-quit', () => printing.closeAll());

    try {
      await store.ready;
    } catch (error) {
      const reason = error instanceof StoreOpenError ? error.reason : 'open_failed';
      const detail = error instanceof Error ? error.message : String(error);
      log('store failed to open', { reason, detail });
      dialog.showErrorBox(SHELL_TEXT.openFailedTitle, openFailedMessage(reason, detail, dataDir));
      app.quit();
      return;
    }
    store.onUnexpectedExit((code) => {
      log('store process exited unexpectedly', { code });
      dialog.showErrorBox(SHELL_TEXT.storeStoppedTitle, SHELL_TEXT.storeStopped);
      app.quit();
    });

    const ownWindows = new Set<number>();
    registerStorePortBroker({
      ownWebContentsIds: () => ownWindows,
      connectStore: (port) => store.connect(port),
      warn: (message, fields) => log(message, fields),
    });

    const window = new BrowserWindow(mainWindowOptions(join(here, 'preload.cjs'), existsSync(iconPath) ? iconPath : undefined));
    mainWindow = window;
    const contentsId = window.webContents.id;
    ownWindows.add(contentsId);
    window.on('closed', () => {
      ownWindows.delete(contentsId);
      mainWindow = null;
      // Hidden print windows would keep 'window-all-closed' from firing: closing the main window quits.
      app.quit();
    });
    window.once('ready-to-show', () => focusWindow(window));
    await window.loadURL(APP_START_URL);
  }).catch((error: unknown) => {
    storeOutput.flush();
    log('start-up failed', { error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
    dialog.showErrorBox(SHELL_TEXT.startFailedTitle, startFailedMessage(error instanceof Error ? error.message : String(error)));
    app.quit();
  });
}

start();
