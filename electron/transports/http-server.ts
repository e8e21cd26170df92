import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CallRequest, CallResult, StoreEvent } from '../../shared/api/envelope.js';
import { contentSecurityPolicy } from './csp.js';
import { readStatic } from './static-files.js';

export const SECRET_HEADER = 'x-thidua-secret';
const MAX_BODY = 32 * 1024 * 1024;

export interface HttpTransportOptions {
  send: (request: CallRequest) => Promise<CallResult>;
  subscribe: (listener: (event: StoreEvent) => void) => () => void;
  /** Per-launch secret; every /api request must carry it. */
  secret: string;
  /** Built renderer to serve at /, if any. */
  staticDir?: string;
  port?: number;
}

export interface HttpTransport {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

function secretMatches(given: string | undefined, secret: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(secret);
  return a.length === b.length && timingSafeEqual(a, b);
}

function json(res: ServerResponse, status: number, body: unknown): void {
  const data = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(data);
}

async function readBody(req: IncomingMessage): Promise<Buffer | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/**
 * The HTTP transport: the same contract over loopback for the web build and
 * the end-to-end tests. It binds 127.0.0.1 only, checks the Host header
 * (against DNS rebinding), and requires the per-launch secret on every API
 * request; no CORS headers are sent, so other origins cannot call it.
 */
export async function startHttpTransport(options: HttpTransportOptions): Promise<HttpTransport> {
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const csp = contentSecurityPolicy();

  const server = createServer((req, res) => {
    void (async () => {
      if (!allowedHosts().has(req.headers.host ?? '')) return json(res, 403, { ok: false, error: { code: 'forbidden', message: 'Địa chỉ truy cập không hợp lệ.' } });
      const url = new URL(req.url ?? '/', `http://${req.headers.host}`);

      if (url.pathname.startsWith('/api/')) {
        if (!secretMatches(req.headers[SECRET_HEADER] as string | undefined, options.secret)) {
          return json(res, 401, { ok: false, error: { code: 'unauthenticated', message: 'Thiếu hoặc sai mã phiên làm việc của trình duyệt. Hãy mở lại đường dẫn do phần mềm in ra.' } });
        }
        if (url.pathname === '/api/call' && req.method === 'POST') {
          if (!(req.headers['content-type'] ?? '').startsWith('application/json')) {
            return json(res, 415, { ok: false, error: { code: 'invalid_input', message: 'Yêu cầu phải ở dạng JSON.' } });
          }
          const body = await readBody(req);
          if (!body) return json(res, 413, { ok: false, error: { code: 'invalid_input', message: 'Dữ liệu gửi lên quá lớn.' } });
          let request: CallRequest;
          try {
            request = JSON.parse(body.toString('utf8')) as CallRequest;
          } catch {
            return json(res, 400, { ok: false, error: { code: 'invalid_input', message: 'Yêu cầu không đúng định dạng JSON.' } });
          }
          return json(res, 200, await options.send(request));
        }
        if (url.pathname === '/api/events' && req.method === 'GET') {
          res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', connection: 'keep-alive' });
          res.write(': connected\n\n');
          const off = options.subscribe((event) => res.write(`data: ${JSON.stringify(event)}\n\n`));
          const ping = setInterval(() => res.write(': ping\n\n'), 15000);
          req.on('close', () => {
            clearInterval(ping);
            off();
          });
          return undefined;
        }
        return json(res, 404, { ok: false, error: { code: 'unknown_method', message: 'Không có chức năng này.' } });
      }

      if (!options.staticDir || (req.method !== 'GET' && req.method !== 'HEAD')) {
        res.writeHead(404).end();
        return undefined;
      }
      const file = (await readStatic(options.staticDir, url.pathname)) ?? (url.pathname.includes('.') ? null : await readStatic(options.staticDir, '/index.html'));
      if (!file) {
        res.writeHead(404).end();
        return undefined;
      }
      res.writeHead(200, {
        'content-type': file.type,
        'content-security-policy': csp,
        'x-content-type-options': 'nosniff',
        'referrer-policy': 'no-referrer',
        'cache-control': 'no-cache',
      });
      res.end(req.method === 'HEAD' ? undefined : file.body);
      return undefined;
    })().catch(() => {
      if (!res.headersSent) json(res, 500, { ok: false, error: { code: 'internal', message: 'Lỗi máy chủ nội bộ.' } });
      else res.end();
    });
  });
  server.keepAliveTimeout = 30_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
