import { mkdtempSync, rmSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { MessageChannel } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ApiClient, type SendCall } from '../../shared/api/client.js';
import type { CallResult, StoreEvent } from '../../shared/api/envelope.js';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { servePort } from '../../electron/store/store-host.js';
import type { FromStore, Port, ToStore } from '../../electron/store/port-protocol.js';
import { startStoreWorker, type StoreConnection } from '../../electron/store/store-client.js';
import { SECRET_HEADER, startHttpTransport, type HttpTransport } from '../../electron/transports/http-server.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';

/**
 * One contract suite over the three transports: in-process (unit tests), a
 * MessagePort pair (the IPC path without Electron: servePort over a Node
 * MessageChannel, as the utilityProcess serves a window's port), and HTTP on
 * loopback with the store in a worker_thread (web build, end-to-end tests).
 * The same calls must give the same answers on all three.
 */
interface Harness {
  name: string;
  send: SendCall;
  events: StoreEvent[];
  close(): Promise<void>;
}

async function inProcessHarness(): Promise<Harness> {
  const store = await openStore({ logger: quietLogger });
  const events: StoreEvent[] = [];
  store.events.subscribe((e) => events.push(e));
  return {
    name: 'in-process',
    send: async (request) => JSON.parse(JSON.stringify(await store.dispatch(JSON.parse(JSON.stringify(request))))) as CallResult,
    events,
    close: () => store.close(),
  };
}

async function messagePortHarness(): Promise<Harness> {
  const store: Store = await openStore({ logger: quietLogger });
  const { port1, port2 } = new MessageChannel();
  const host: Port = { send: (m) => port1.postMessage(m), onMessage: (l) => port1.on('message', l) };
  servePort(store, host);
  const pending = new Map<number, (r: CallResult) => void>();
  const events: StoreEvent[] = [];
  let nextId = 1;
  port2.on('message', (m: FromStore) => {
    if (m.kind === 'result') {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else if (m.kind === 'event') events.push(m.event);
  });
  return {
    name: 'message port',
    send: (request) =>
      new Promise((resolveCall) => {
        const id = nextId++;
        pending.set(id, resolveCall);
        port2.postMessage({ kind: 'call', id, request } satisfies ToStore);
      }),
    events,
    async close() {
      port1.close();
      port2.close();
      await store.close();
    },
  };
}

interface HttpHarness extends Harness {
  http: HttpTransport;
  secret: string;
}

async function httpHarness(): Promise<HttpHarness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'thidua-http-'));
  const connection: StoreConnection = await startStoreWorker({ workerPath: resolve('dist-electron/store-worker.mjs'), dataDir });
  const secret = randomBytes(24).toString('base64url');
  const http = await startHttpTransport({ send: (r) => connection.send(r), subscribe: (l) => connection.onEvent(l), secret });
  const events: StoreEvent[] = [];
  const abort = new AbortController();
  const stream = await fetch(`${http.url}api/events`, { headers: { [SECRET_HEADER]: secret }, signal: abort.signal });
  const reader = stream.body?.getReader();
  void (async () => {
    const decoder = new TextDecoder();
    let buffer = '';
    try {
      for (;;) {
        const chunk = await reader?.read();
        if (!chunk || chunk.done) return;
        buffer += decoder.decode(chunk.value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          for (const line of block.split('\n')) if (line.startsWith('data: ')) events.push(JSON.parse(line.slice(6)) as StoreEvent);
        }
      }
    } catch {
      // Aborted at close.
    }
  })();
  return {
    name: 'HTTP + worker',
    http,
    secret,
    events,
    send: async (request) => {
      const res = await fetch(`${http.url}api/call`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', [SECRET_HEADER]: secret },
        body: JSON.stringify(request),
      });
      return (await res.json()) as CallResult;
    },
    async close() {
      abort.abort();
      await http.close();
      await connection.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/u;
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/u;

/** Ids, tokens and clock readings differ per store; everything else must be equal. */
function normalise(value: unknown, ids = new Map<string, string>()): unknown {
  if (typeof value === 'string') {
    if (UUID.test(value)) {
      if (!ids.has(value)) ids.set(value, `id#${ids.size + 1}`);
      return ids.get(value);
    }
    if (ISO_TIMESTAMP.test(value)) return '<timestamp>';
    return value;
  }
  if (Array.isArray(value)) return value.map((v) => normalise(v, ids));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'token' || k === 'session' ? '<token>' : normalise(v, ids)]));
  }
  return value;
}

/** The shared contract scenario: what every transport must answer identically. */
async function scenario(h: Harness): Promise<unknown[]> {
  const transcript: unknown[] = [];
  const raw = async (method: string, input: unknown, session?: string) => {
    const result = await h.send(session ? { method, input, session } : { method, input });
    transcript.push({ method, result });
    return result;
  };
  await raw('system.status', {});
  await raw('people.nothing', {});
  await raw('people.list', {});
  const setup = await raw('system.setup', OFFICE_SETUP);
  if (!setup.ok) throw new Error(`setup failed on ${h.name}: ${setup.error.message}`);
  const token = (setup.value as { token: string }).token;
  const api: ApiClient = createClient(h.send, token);
  await raw('people.create', { fullName: '   ', gender: 'female', staffCategory: 'cong_chuc', unitId: 'x' }, token);
  const person = await api.call('people.create', {
    fullName: 'Tòng Thị Phương Thảo'.normalize('NFD'),
    gender: 'female',
    birthDate: '1992-02-28',
    position: 'Chuyên viên',
    staffCategory: 'cong_chuc',
    unitId: (setup.value as { officeUnitId: string }).officeUnitId,
    startDate: '2016-04-01',
  });
  transcript.push({ method: 'people.create', person });
  await raw('people.list', { search: 'tong thi' }, token);
  await raw('people.update', { ...person, position: 'Phó Trưởng phòng', expectedVersion: person.version }, token);
  await raw('people.update', { ...person, expectedVersion: person.version }, token);
  await raw('people.importXlsx', { fileName: 'x.xlsx', base64: Buffer.from('not a workbook').toString('base64') }, token);
  await raw('auth.logout', {}, token);
  await raw('people.list', {}, token);
  await raw('auth.login', { username: 'admin', password: 'sai-mat-khau' });
  return transcript;
}

/** Events arrive after the reply (they are pushed, not awaited): wait for the expected count. */
async function waitFor(check: () => boolean, ms = 5000): Promise<void> {
  const until = Date.now() + ms;
  while (!check()) {
    if (Date.now() > until) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe('one contract over three transports', () => {
  const harnesses: Harness[] = [];
  let http: HttpHarness;
  const transcripts = new Map<string, unknown>();

  beforeAll(async () => {
    http = await httpHarness();
    harnesses.push(await inProcessHarness(), await messagePortHarness(), http);
    for (const h of harnesses) transcripts.set(h.name, normalise(await scenario(h)));
  });
  afterAll(async () => {
    for (const h of harnesses) await h.close();
  });

  it('the scenario itself answers as the contract says (in-process)', () => {
    const t = transcripts.get('in-process') as { method: string; result?: CallResult }[];
    const codes = t.map((s) => (s.result ? (s.result.ok ? 'ok' : s.result.error.code) : 'ok'));
    expect(codes).toEqual(['ok', 'unknown_method', 'unauthenticated', 'ok', 'invalid_input', 'ok', 'ok', 'ok', 'conflict', 'ok', 'ok', 'unauthenticated', 'unauthenticated']);
    const list = t[6]?.result;
    expect(list?.ok && (list.value as { fullName: string }[]).map((p) => p.fullName)).toEqual(['Tòng Thị Phương Thảo'.normalize('NFC')]);
  });

  it.each(['message port', 'HTTP + worker'])('%s gives the same answers as in-process', (name) => {
    expect(transcripts.get(name)).toEqual(transcripts.get('in-process'));
  });

  it('every transport pushes the change events of the writes', async () => {
    for (const h of harnesses) {
      await waitFor(() => h.events.length >= 3);
      expect(h.events.map((e) => e.tables.join(',')), h.name).toEqual(['units,users', 'people', 'people']);
    }
  });

  describe('HTTP guards', () => {
    function rawRequest(headers: Record<string, string>, body = '{"method":"system.status","input":{}}'): Promise<{ status: number; body: string }> {
      return new Promise((resolveReq, reject) => {
        const req = httpRequest(
          { host: '127.0.0.1', port: http.http.port, path: '/api/call', method: 'POST', headers: { 'content-type': 'application/json', ...headers } },
          (res) => {
            let data = '';
            res.setEncoding('utf8');
            res.on('data', (c: string) => (data += c));
            res.on('end', () => resolveReq({ status: res.statusCode ?? 0, body: data }));
          },
        );
        req.on('error', reject);
        req.end(body);
      });
    }

    it('answers a call carrying the secret', async () => {
      expect((await rawRequest({ [SECRET_HEADER]: http.secret })).status).toBe(200);
    });

    it.each<[string, Record<string, string>]>([
      ['a missing secret', {}],
      ['a wrong secret of the same length', { [SECRET_HEADER]: 'x'.repeat(32) }],
      ['a wrong secret', { [SECRET_HEADER]: 'doan-mo' }],
    ])('refuses %s with 401 in Vietnamese', async (_name, headers) => {
      const res = await rawRequest(headers);
      expect(res.status).toBe(401);
      expect((JSON.parse(res.body) as { error: { message: string } }).error.message).toMatch(/mã phiên/u);
    });

    it.each(['evil.example', 'evil.example:80', 'localhost', '127.0.0.2'])('refuses Host %s with 403 even with the secret (DNS rebinding)', async (host) => {
      const res = await rawRequest({ host, [SECRET_HEADER]: http.secret });
      expect(res.status).toBe(403);
    });

    it('listens on 127.0.0.1 only', async () => {
      const address = http.http.server.address();
      expect(typeof address === 'object' && address?.address).toBe('127.0.0.1');
      const external = Object.values(networkInterfaces())
        .flat()
        .find((i) => i && i.family === 'IPv4' && !i.internal);
      if (!external) return; // No non-loopback interface on this machine: the bound address above is the proof.
      const refused = await new Promise<boolean>((done) => {
        const socket = connect({ host: external.address, port: http.http.port });
        socket.once('connect', () => {
          socket.destroy();
          done(false);
        });
        socket.once('error', () => done(true));
      });
      expect(refused).toBe(true);
    });
  });
});
