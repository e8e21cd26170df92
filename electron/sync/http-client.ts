import { Agent, request } from 'node:http';
import type { SyncErrorBody } from '../../shared/sync/protocol.js';

export interface HttpReply {
  status: number;
  body: Buffer;
  json?: unknown;
}

export interface LinkStats {
  bytesSent: number;
  bytesReceived: number;
  requests: number;
}

/**
 * A small HTTP client for the hub: one kept-alive connection (a new TCP and
 * slow-start on a 400 ms link costs seconds), a timeout per request, and
 * byte counting for the link estimate shown before a sync.
 */
export class HubHttpClient {
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 1, keepAliveMsecs: 30_000 });
  readonly stats: LinkStats = { bytesSent: 0, bytesReceived: 0, requests: 0 };

  constructor(
    readonly baseUrl: string,
    private readonly timeoutMs = 120_000,
  ) {}

  post(path: string, body: Buffer, type: string): Promise<HttpReply> {
    return this.call('POST', path, body, type);
  }

  get(path: string): Promise<HttpReply> {
    return this.call('GET', path, null, null);
  }

  private call(method: string, path: string, body: Buffer | null, type: string | null): Promise<HttpReply> {
    const url = new URL(path, this.baseUrl);
    return new Promise<HttpReply>((resolve, reject) => {
      const req = request(
        url,
        {
          method,
          agent: this.agent,
          headers: body ? { 'content-type': type ?? 'application/octet-stream', 'content-length': body.length } : {},
          timeout: this.timeoutMs,
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('aborted', () => reject(new Error('connection aborted')));
          res.on('end', () => {
            if (!res.complete) return reject(new Error('connection cut during reply'));
            const data = Buffer.concat(chunks);
            this.stats.bytesReceived += data.length + 150;
            const reply: HttpReply = { status: res.statusCode ?? 0, body: data };
            if ((res.headers['content-type'] ?? '').startsWith('application/json')) {
              try {
                reply.json = JSON.parse(data.toString('utf8')) as unknown;
              } catch {
                // a proxy's HTML error page: leave json unset
              }
            }
            resolve(reply);
          });
        },
      );
      req.on('timeout', () => req.destroy(new Error('timeout')));
      req.on('error', reject);
      this.stats.requests += 1;
      this.stats.bytesSent += (body?.length ?? 0) + 150;
      req.end(body ?? undefined);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

export function errorOf(reply: HttpReply): SyncErrorBody['error'] | null {
  const j = reply.json as Partial<SyncErrorBody> | undefined;
  if (reply.status >= 400 && j && typeof j === 'object' && j.error && typeof j.error.code === 'string') return j.error;
  return null;
}
