import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { timingSafeEqual } from 'node:crypto';
import { LIMITS } from '../../shared/sync/protocol.js';
import type { Logger } from '../store/deps.js';
import { MSG } from './errors.js';
import type { HubOp, HubReply } from './hub-ops.js';

export interface HubHttpOptions {
  handle: (op: HubOp) => Promise<HubReply>;
  logger: Logger;
  host?: string;
  port?: number;
  /** Token for /admin (codes, devices, revoke, bundle import); admin calls are accepted from loopback only. */
  adminToken: string;
  /** Per-device token bucket. */
  rate?: { perSecond: number; burst: number };
  /** Per-address bucket for enrolment (guessing codes). */
  enrollRate?: { perSecond: number; burst: number };
  /** Requests being processed at once before the hub answers 503 (protects the database thread's queue). */
  maxInFlight?: number;
}

export interface HubHttp {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

class TokenBuckets {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perSecond: number, private readonly burst: number) {}
  take(key: string, now: number): boolean {
    const b = this.buckets.get(key) ?? { tokens: this.burst, at: now };
    b.tokens = Math.min(this.burst, b.tokens + ((now - b.at) / 1000) * this.perSecond);
    b.at = now;
    this.buckets.set(key, b);
    if (this.buckets.size > 100_000) this.buckets.clear();
    if (b.tokens < 1) return false;
    b.tokens -= 1;
    return true;
  }
}

function sendJson(res: ServerResponse, status: number, value: unknown): void {
  const body = JSON.stringify(value);
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body), 'cache-control': 'no-store' });
  res.end(body);
}

function refuse(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { ok: false, error: { code, message } });
}

async function readBody(req: IncomingMessage, max: number): Promise<Buffer | null> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > max) return null;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

/** The device named in a bundle header, read without trusting it: only to pick a rate-limit bucket. */
function claimedDevice(body: Buffer): string {
  try {
    if (body.length < 8) return '?';
    const len = body.readUInt32BE(4);
    if (len > 8192) return '?';
    const from = (JSON.parse(body.subarray(8, 8 + len).toString('utf8')) as { from?: unknown }).from;
    return typeof from === 'string' ? from.slice(0, 100) : '?';
  } catch {
    return '?';
  }
}

function isLoopback(req: IncomingMessage): boolean {
  const a = req.socket.remoteAddress ?? '';
  return a === '127.0.0.1' || a === '::1' || a === '::ffff:127.0.0.1';
}

/**
 * The hub's HTTP face. It does no database work itself (that runs on the
 * hub's database thread behind `handle`): it enforces sizes, rate limits and
 * the admin token, logs one structured line per request (never bodies,
 * codes, keys or signatures) and keeps connections alive for slow links.
 */
export async function startHubHttp(options: HubHttpOptions): Promise<HubHttp> {
  const { handle, logger } = options;
  const buckets = new TokenBuckets(options.rate?.perSecond ?? 50, options.rate?.burst ?? 100);
  const enrollBuckets = new TokenBuckets(options.enrollRate?.perSecond ?? 0.2, options.enrollRate?.burst ?? 10);
  const maxInFlight = options.maxInFlight ?? 512;
  let inFlight = 0;
  const adminToken = Buffer.from(options.adminToken);

  const server = createServer((req, res) => {
    const started = performance.now();
    let device = '-';
    res.on('finish', () => {
      logger.info('request', { method: req.method, path: (req.url ?? '').split('?')[0], status: res.statusCode, ms: Math.round(performance.now() - started), device });
    });
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://hub');
      const route = `${req.method} ${url.pathname}`;
      if (route === 'GET /health') {
        const reply = await handle({ op: 'health' });
        res.writeHead(reply.status, { 'content-type': reply.type, 'cache-control': 'no-store' });
        return res.end(Buffer.from(reply.body));
      }
      if (route === 'GET /sync/version') return sendJson(res, 200, { ok: true, value: JSON.parse(Buffer.from((await handle({ op: 'health' })).body).toString()).protocol });

      const limits: Record<string, number> = {
        'POST /sync/v1/exchange': LIMITS.exchangeBytes,
        'POST /sync/v1/chunk': LIMITS.chunkRequestBytes,
        'POST /sync/v1/enroll': LIMITS.enrollBytes,
      };
      if (url.pathname.startsWith('/admin/')) {
        const given = Buffer.from(String(req.headers['x-hub-admin'] ?? ''));
        if (!isLoopback(req) || given.length !== adminToken.length || !timingSafeEqual(given, adminToken)) {
          return refuse(res, 403, 'forbidden', 'Chỉ quản trị trạm, trên chính máy chạy trạm, được dùng chức năng này.');
        }
        const body = await readBody(req, 512 * 1024 * 1024);
        if (!body) return refuse(res, 413, 'too_large', MSG.tooLarge);
        let op: HubOp;
        if (route === 'POST /admin/import-bundle') op = { op: 'exchange', body, usb: true };
        else if (route === 'POST /admin/code') op = { op: 'createCode', ...(JSON.parse(body.toString('utf8')) as { unitName: string; unitId?: string; ttlHours?: number }) };
        else if (route === 'GET /admin/devices') op = { op: 'devices' };
        else if (route === 'POST /admin/revoke') op = { op: 'revoke', deviceId: String((JSON.parse(body.toString('utf8')) as { deviceId?: unknown }).deviceId ?? '') };
        else if (route === 'POST /admin/publish') op = { op: 'publish', ...(JSON.parse(body.toString('utf8')) as { table: string; row: Record<string, unknown> & { id: string } }) };
        else return refuse(res, 404, 'not_found', 'Không có chức năng này.');
        const reply = await handle(op);
        res.writeHead(reply.status, { 'content-type': reply.type, 'content-length': reply.body.length, 'cache-control': 'no-store' });
        return res.end(Buffer.from(reply.body));
      }
      const max = limits[route];
      if (max === undefined) return refuse(res, 404, 'not_found', 'Địa chỉ không có trên trạm đồng bộ.');
      const body = await readBody(req, max);
      if (!body) {
        res.setHeader('connection', 'close');
        return refuse(res, 413, 'too_large', MSG.tooLarge);
      }
      const now = Date.now();
      if (route === 'POST /sync/v1/enroll') {
        if (!enrollBuckets.take(req.socket.remoteAddress ?? '?', now)) return refuse(res, 429, 'rate_limited', MSG.rateLimited);
      } else {
        device = claimedDevice(body);
        if (!buckets.take(device, now)) return refuse(res, 429, 'rate_limited', MSG.rateLimited);
      }
      if (inFlight >= maxInFlight) return refuse(res, 503, 'busy', 'Trạm của tỉnh đang bận; phần mềm sẽ tự thử lại sau ít giây.');
      inFlight++;
      try {
        const op: HubOp = route === 'POST /sync/v1/exchange' ? { op: 'exchange', body } : route === 'POST /sync/v1/chunk' ? { op: 'chunk', body } : { op: 'enroll', body };
        const reply = await handle(op);
        // Signed bundles need no cache header or date (the idle check stays under 1 KB on the wire).
        res.sendDate = false;
        res.writeHead(reply.status, reply.type === 'application/json' ? { 'content-type': reply.type, 'content-length': reply.body.length, 'cache-control': 'no-store' } : { 'content-type': reply.type, 'content-length': reply.body.length });
        res.end(Buffer.from(reply.body));
      } finally {
        inFlight--;
      }
    })().catch((error: unknown) => {
      logger.error('request failed', { error: error instanceof Error ? error.message : String(error) });
      if (!res.headersSent) refuse(res, 400, 'bad_request', MSG.badRequest);
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 120_000;
  server.headersTimeout = 60_000;
  server.requestTimeout = 300_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  return {
    server,
    port,
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      });
    },
  };
}
