import { Worker } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from '../store/deps.js';
import { HubFront } from './hub-front.js';
import { startHubHttp, type HubHttp } from './hub-http.js';
import type { HubOp, HubReply } from './hub-ops.js';

export interface HubHostOptions {
  workerPath: string;
  /** Data folder (PGlite database, admin token, port file); omit for in-memory. */
  dataDir?: string;
  databaseUrl?: string;
  port?: number;
  host?: string;
  name?: string;
  unitId?: string;
  logger: Logger;
  rate?: { perSecond: number; burst: number };
  enrollRate?: { perSecond: number; burst: number };
  /** Database thread logs warnings and errors only (benchmarks); the HTTP log is `logger`'s. */
  quietDatabaseLog?: boolean;
}

export interface HubHost {
  http: HubHttp;
  url: string;
  adminToken: string;
  hubUnitId: string;
  handle(op: HubOp): Promise<HubReply>;
  /** Group commit figures from the database thread (exchanges, groups, fallbacks to single exchanges). */
  stats(): Promise<{ groups: number; exchanges: number; fallbacks: number }>;
  close(): Promise<void>;
}

function loadAdminToken(dataDir: string | undefined): string {
  if (!dataDir) return randomBytes(24).toString('base64url');
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, 'admin-token');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  const token = randomBytes(24).toString('base64url');
  writeFileSync(file, token, { mode: 0o600 });
  return token;
}

/** Starts the hub: its database on a worker thread, its HTTP server on this one. Used by `npm run hub`, province mode and the tests. */
export async function startHub(options: HubHostOptions): Promise<HubHost> {
  const worker = new Worker(options.workerPath, {
    workerData: { dataDir: options.dataDir, databaseUrl: options.databaseUrl, name: options.name, unitId: options.unitId, quiet: options.quietDatabaseLog === true },
  });
  const pending = new Map<number, (r: HubReply) => void>();
  let nextId = 1;
  const ready = await new Promise<{ hubUnitId: string; hubId: string; privateKey: string }>((resolve, reject) => {
    const onMessage = (m: { kind: string; message?: string; hubUnitId?: string; hubId?: string; privateKey?: string }) => {
      if (m.kind === 'ready') {
        worker.off('message', onMessage);
        resolve({ hubUnitId: m.hubUnitId ?? '', hubId: m.hubId ?? '', privateKey: m.privateKey ?? '' });
      } else if (m.kind === 'failed') {
        worker.off('message', onMessage);
        void worker.terminate();
        reject(new Error(m.message));
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });
  const hubUnitId = ready.hubUnitId;
  const statsWaiting: ((s: { groups: number; exchanges: number; fallbacks: number }) => void)[] = [];
  worker.on('message', (m: { kind: string; id?: number; reply?: HubReply; stats?: { groups: number; exchanges: number; fallbacks: number } }) => {
    if (m.kind === 'reply' && typeof m.id === 'number' && m.reply) {
      pending.get(m.id)?.(m.reply);
      pending.delete(m.id);
    } else if (m.kind === 'stats' && m.stats) {
      statsWaiting.shift()?.(m.stats);
    }
  });
  const send = (op: HubOp) =>
    new Promise<HubReply>((resolve) => {
      const id = nextId++;
      pending.set(id, resolve);
      worker.postMessage({ kind: 'op', id, op });
    });
  // Uploads are checked and parsed here, on the HTTP thread; the database thread only writes.
  const front = new HubFront(send, { hubId: ready.hubId, privateKey: ready.privateKey }, options.logger);
  const handle = (op: HubOp) => front.handle(op);
  const adminToken = loadAdminToken(options.dataDir);
  const http = await startHubHttp({
    handle,
    logger: options.logger,
    adminToken,
    ...(options.port !== undefined ? { port: options.port } : {}),
    ...(options.host ? { host: options.host } : {}),
    ...(options.rate ? { rate: options.rate } : {}),
    ...(options.enrollRate ? { enrollRate: options.enrollRate } : {}),
  });
  if (options.dataDir) writeFileSync(join(options.dataDir, 'hub-url'), http.url);
  return {
    http,
    url: http.url,
    adminToken,
    hubUnitId,
    handle,
    stats: () =>
      new Promise((resolve) => {
        statsWaiting.push(resolve);
        worker.postMessage({ kind: 'stats' });
      }),
    async close() {
      await http.close();
      const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ kind: 'close' });
      await done;
    },
  };
}
