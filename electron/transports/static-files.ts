import { readFile } from 'node:fs/promises';
import { extname, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.ttf': 'font/ttf',
};

/**
 * Resolves a URL path inside a root folder, or null when it would escape it
 * (../, encoded %2e%2e, absolute paths, NUL). Shared by the HTTP server and
 * the desktop app:// protocol.
 */
export function resolveInside(root: string, urlPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split('?')[0]?.split('#')[0] ?? '');
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const relative = normalize(decoded.replace(/^\/+/u, '')).replace(/^(\.\.(\/|\\|$))+/u, '');
  const rootAbs = resolve(root);
  const target = resolve(rootAbs, relative === '' || relative === '.' ? 'index.html' : relative);
  if (target !== rootAbs && !target.startsWith(rootAbs + sep)) return null;
  if (decoded.split(/[/\\]/u).includes('..')) return null;
  return target;
}

export function contentType(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

export async function readStatic(root: string, urlPath: string): Promise<{ body: Buffer; type: string } | null> {
  const path = resolveInside(root, urlPath);
  if (!path) return null;
  try {
    return { body: await readFile(path), type: contentType(path) };
  } catch {
    return null;
  }
}
