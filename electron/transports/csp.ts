/**
 * The Content-Security-Policy of every page the app shows: only its own
 * scripts and styles (Mantine injects style tags, hence 'unsafe-inline' for
 * styles only), its own fonts, data: and blob: images (QR codes, previews),
 * connections back to itself only. No remote content, no eval, no frames.
 */
export function contentSecurityPolicy(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "font-src 'self' data:",
    "img-src 'self' data: blob:",
    `connect-src 'self'${connectSrc.length ? ` ${connectSrc.join(' ')}` : ''}`,
    "worker-src 'self' blob:",
    "frame-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}
