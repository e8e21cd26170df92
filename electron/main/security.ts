import { isAppUrl } from './app-protocol.js';

/**
 * The Electron security checklist as small functions over the objects
 * Electron hands us, so each can be tested with fakes. main.ts applies them.
 */

/** webPreferences of every window: the renderer gets no Node, an isolated world and the OS sandbox. Print windows get no preload. */
export function secureWebPreferences(preloadPath: string | null) {
  return {
    ...(preloadPath ? { preload: preloadPath } : {}),
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
    safeDialogs: true,
  } as const;
}

/** What hardenWebContents needs from a WebContents. */
export interface ContentsLike {
  on(event: 'will-navigate' | 'will-redirect', listener: (event: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-attach-webview', listener: (event: { preventDefault(): void }) => void): unknown;
  setWindowOpenHandler(handler: (details: { url: string }) => { action: 'deny' }): void;
}

/**
 * Navigation stays inside app:// (a page cannot be replaced by a remote one,
 * even by a crafted link or a redirect); new windows and <webview> are
 * always refused. Links to the outside world are not opened either: there is
 * no shell.openExternal anywhere in the app.
 */
export function hardenWebContents(contents: ContentsLike, log: (message: string, url: string) => void = () => undefined): void {
  const guard = (event: { preventDefault(): void; url: string }) => {
    if (!isAppUrl(event.url)) {
      event.preventDefault();
      log('navigation denied', event.url);
    }
  };
  contents.on('will-navigate', guard);
  contents.on('will-redirect', guard);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler((details) => {
    log('window.open denied', details.url);
    return { action: 'deny' };
  });
}

/** What denyAllPermissions needs from a Session. */
export interface SessionLike {
  setPermissionRequestHandler(handler: ((webContents: unknown, permission: string, callback: (granted: boolean) => void) => void) | null): void;
  setPermissionCheckHandler(handler: ((webContents: unknown, permission: string) => boolean) | null): void;
  setDevicePermissionHandler(handler: ((details: unknown) => boolean) | null): void;
}

/** The app needs no camera, microphone, location, notifications, USB, HID, serial...: every request and check says no. */
export function denyAllPermissions(session: SessionLike): void {
  session.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Schemes a window may load from: its own pages, inline data and blobs it made, and the devtools. */
const LOCAL_SCHEMES = new Set(['data:', 'blob:', 'devtools:']);

export function isLocalRequestUrl(url: string): boolean {
  if (isAppUrl(url)) return true;
  try {
    return LOCAL_SCHEMES.has(new URL(url).protocol);
  } catch {
    return false;
  }
}

/** What blockRemoteRequests needs from session.webRequest. */
export interface WebRequestLike {
  onBeforeRequest(listener: (details: { url: string }, callback: (response: { cancel: boolean }) => void) => void): void;
}

/**
 * No remote content, enforced below the page (the CSP says the same inside
 * it): any request that is not app://thidua, data:, blob: or devtools is
 * cancelled before it leaves the machine.
 */
export function blockRemoteRequests(webRequest: WebRequestLike, log: (message: string, url: string) => void = () => undefined): void {
  webRequest.onBeforeRequest((details, callback) => {
    const allowed = isLocalRequestUrl(details.url);
    if (!allowed) log('request blocked', details.url);
    callback({ cancel: !allowed });
  });
}
