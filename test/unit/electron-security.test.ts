import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';
import { APP_START_URL, createAppProtocolHandler, isAppUrl } from '../../electron/main/app-protocol.js';
import { blockRemoteRequests, denyAllPermissions, hardenWebContents, isLocalRequestUrl, secureWebPreferences, type ContentsLike } from '../../electron/main/security.js';
import { mainWindowOptions } from '../../electron/main/window-options.js';
import { contentSecurityPolicy } from '../../electron/transports/csp.js';

describe('window webPreferences', () => {
  it('turns on the Electron security checklist', () => {
    const prefs = mainWindowOptions('/app/dist-electron/preload.cjs', undefined).webPreferences;
    expect(prefs).toMatchObject({
      preload: '/app/dist-electron/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
    });
    expect(secureWebPreferences('/other/preload.cjs')).toEqual({ ...prefs, preload: '/other/preload.cjs' });
  });
});

type Listener = (event: { preventDefault(): void; url: string }) => void;
function fakeContents() {
  const listeners = new Map<string, Listener[]>();
  let openHandler: ((details: { url: string }) => { action: 'deny' }) | null = null;
  const contents: ContentsLike = {
    on(event: string, listener: Listener) {
      listeners.set(event, [...(listeners.get(event) ?? []), listener]);
      return contents;
    },
    setWindowOpenHandler(handler) {
      openHandler = handler;
    },
  } as ContentsLike;
  const fire = (event: string, url: string) => {
    let prevented = false;
    for (const l of listeners.get(event) ?? []) l({ url, preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { contents, fire, open: (url: string) => openHandler?.({ url }) ?? null };
}

describe('navigation and new windows', () => {
  const outside = ['https://example.com/', 'http://127.0.0.1:8080/', 'file:///etc/passwd', 'app://evil/index.html', 'javascript:alert(1)', 'devtools://devtools/x', 'not a url'];
  const inside = [APP_START_URL, 'app://thidua/index.html#/can-bo', 'app://thidua/assets/index.js'];

  it.each(['will-navigate', 'will-redirect'])('%s is denied unless the target is app://thidua', (event) => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents);
    for (const url of outside) expect(fire(event, url), url).toBe(true);
    for (const url of inside) expect(fire(event, url), url).toBe(false);
  });

  it('window.open is denied for every URL, even our own', () => {
    const { contents, open } = fakeContents();
    const logged: string[] = [];
    hardenWebContents(contents, (_m, url) => logged.push(url));
    for (const url of [...outside, ...inside]) expect(open(url)).toEqual({ action: 'deny' });
    expect(logged).toContain('https://example.com/');
  });

  it('<webview> attachment is refused', () => {
    const { contents, fire } = fakeContents();
    hardenWebContents(contents);
    expect(fire('will-attach-webview', 'app://thidua/index.html')).toBe(true);
  });

  it('isAppUrl accepts only app://thidua', () => {
    expect(isAppUrl('app://thidua/')).toBe(true);
    expect(isAppUrl('app://thidua.evil.com/')).toBe(false);
    expect(isAppUrl('https://thidua/')).toBe(false);
    expect(isAppUrl('')).toBe(false);
  });
});

describe('permissions', () => {
  it('every permission request and check is denied', () => {
    let request: ((wc: unknown, permission: string, cb: (granted: boolean) => void) => void) | null = null;
    let check: ((wc: unknown, permission: string) => boolean) | null = null;
    let device: ((details: unknown) => boolean) | null = null;
    denyAllPermissions({
      setPermissionRequestHandler: (h) => (request = h),
      setPermissionCheckHandler: (h) => (check = h),
      setDevicePermissionHandler: (h) => (device = h),
    });
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen', 'hid', 'serial']) {
      const answers: boolean[] = [];
      request!({}, permission, (granted) => answers.push(granted));
      expect(answers, permission).toEqual([false]);
      expect(check!({}, permission), permission).toBe(false);
    }
    expect(device!({ deviceType: 'usb' })).toBe(false);
  });
});

describe('no remote content', () => {
  it('cancels every request that is not app://thidua, data:, blob: or devtools', () => {
    let listener: ((details: { url: string }, cb: (r: { cancel: boolean }) => void) => void) | null = null;
    blockRemoteRequests({ onBeforeRequest: (l) => (listener = l) });
    const cancelled = (url: string) => {
      let answer: boolean | null = null;
      listener!({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    for (const url of ['https://fonts.googleapis.com/css', 'http://localhost:3000/', 'ws://127.0.0.1/', 'file:///C:/Windows/win.ini', 'app://other/x.js', 'ftp://x/']) expect(cancelled(url), url).toBe(true);
    for (const url of ['app://thidua/index.html', 'data:image/png;base64,AAAA', 'blob:app://thidua/1234', 'devtools://devtools/bundled/x']) expect(cancelled(url), url).toBe(false);
    expect(isLocalRequestUrl('::::')).toBe(false);
  });

  it('the CSP allows only the app itself: no remote sources, no eval, no inline scripts', () => {
    const csp = contentSecurityPolicy();
    const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/u)).map(([name, ...values]) => [name, values]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
    for (const [name, values] of directives) {
      for (const value of values ?? []) {
        expect(value, `${name} ${value}`).not.toMatch(/^(https?:|wss?:|\*|ftp:|file:)|unsafe-eval|\*\./u);
      }
    }
  });
});

describe('app:// protocol', () => {
  const outer = mkdtempSync(join(tmpdir(), 'thidua-app-'));
  const root = join(outer, 'renderer');
  mkdirSync(join(root, 'assets'), { recursive: true });
  writeFileSync(join(root, 'index.html'), '<!doctype html><title>Thi Đua</title>');
  writeFileSync(join(root, 'assets', 'app.js'), 'console.log(1)');
  // A secret beside the root: every traversal below aims at it.
  writeFileSync(join(root, '..', 'thidua-secret.txt'), 'secret');
  const reads: string[] = [];
  const csp = contentSecurityPolicy();
  const handler = createAppProtocolHandler({
    root,
    csp,
    read: async (path) => {
      reads.push(path);
      const { readFile } = await import('node:fs/promises');
      return readFile(path);
    },
  });

  it('serves the renderer build with the CSP and nosniff headers', async () => {
    const res = await handler(new Request('app://thidua/index.html'));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(csp);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('Thi Đua');
    const js = await handler(new Request('app://thidua/assets/app.js'));
    expect(js.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
  });

  it.each([
    'app://thidua/../thidua-secret.txt',
    'app://thidua/%2e%2e/thidua-secret.txt',
    'app://thidua/%2E%2E%2Fthidua-secret.txt',
    'app://thidua/assets/..%2F..%2Fthidua-secret.txt',
    'app://thidua/..%5Cthidua-secret.txt',
    'app://thidua/assets/%00.js',
    `app://thidua/${encodeURIComponent(resolve(root, '..', 'thidua-secret.txt'))}`,
  ])('refuses path traversal: %s', async (url) => {
    const before = reads.length;
    const res = await handler(new Request(url));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await res.text()).not.toContain('secret');
    for (const path of reads.slice(before)) expect(path.startsWith(resolve(root) + sep), path).toBe(true);
  });

  it('answers 404 for other hosts and missing files, 405 for writes, always with the CSP', async () => {
    const other = await handler(new Request('app://evil/index.html'));
    expect(other.status).toBe(404);
    const missing = await handler(new Request('app://thidua/nope.js'));
    expect(missing.status).toBe(404);
    const post = await handler(new Request('app://thidua/index.html', { method: 'POST', body: 'x' }));
    expect(post.status).toBe(405);
    for (const res of [other, missing, post]) expect(res.headers.get('content-security-policy')).toBe(csp);
  });
});
