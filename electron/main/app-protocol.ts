import { readFile } from 'node:fs/promises';
import { contentType, resolveInside } from '../transports/static-files.js';

/** The app's own scheme and host: every page and asset the windows load is app://thidua/... */
export const APP_SCHEME = 'app';
export const APP_HOST = 'thidua';
export const APP_START_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

/**
 * Privileges for protocol.registerSchemesAsPrivileged (before app ready):
 * standard (so 'self', relative URLs and origins work), secure (a secure
 * context, like https), fetch and module scripts allowed. No bypassCSP.
 */
export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true, codeCache: true },
} as const;

/** True for URLs of the app's own pages (app://thidua/...), false for anything else, including malformed input. */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

export interface AppProtocolOptions {
  /** The built renderer (dist/renderer). */
  root: string;
  /** Content-Security-Policy sent with every response. */
  csp: string;
  /** Injected for tests; defaults to fs.readFile. */
  read?: (path: string) => Promise<Uint8Array>;
  /** Documents being printed (print-service.ts), served from memory by URL path. */
  printDocuments?: { get(pathname: string): string | undefined };
}

function plain(status: number, csp: string): Response {
  return new Response(null, { status, headers: { 'content-security-policy': csp, 'x-content-type-options': 'nosniff' } });
}

/**
 * The handler for protocol.handle('app', ...): serves files from the
 * renderer build only. Paths go through resolveInside (the same
 * path-traversal guard as the HTTP transport): ../, encoded %2e%2e,
 * backslashes and NUL never leave the root. Other hosts, other methods and
 * missing files get an empty 4xx; every response carries the CSP.
 */
export function createAppProtocolHandler(options: AppProtocolOptions): (request: Request) => Promise<Response> {
  const read = options.read ?? ((path: string) => readFile(path));
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return plain(400, options.csp);
    }
    if (url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return plain(404, options.csp);
    if (request.method !== 'GET' && request.method !== 'HEAD') return plain(405, options.csp);
    // url.pathname is already normalised by URL; the raw path is checked too, so an encoded
    // traversal that URL parsing would silently collapse is refused rather than remapped.
    const rawPath = request.url.slice(`${APP_SCHEME}://${APP_HOST}`.length).split(/[?#]/u)[0] ?? '/';
    if (resolveInside(options.root, rawPath) === null) return plain(403, options.csp);
    const printing = request.method === 'GET' ? options.printDocuments?.get(url.pathname) : undefined;
    if (printing !== undefined) {
      return new Response(printing, {
        status: 200,
        headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': options.csp, 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' },
      });
    }
    const path = resolveInside(options.root, url.pathname);
    if (path === null) return plain(403, options.csp);
    let body: Uint8Array;
    try {
      body = await read(path);
    } catch {
      return plain(404, options.csp);
    }
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: {
        'content-type': contentType(path),
        'content-security-policy': options.csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      },
    });
  };
}
