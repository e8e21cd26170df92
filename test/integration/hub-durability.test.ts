import { spawn, type ChildProcess } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeBundle, unpackJson } from '../../electron/sync/codec.js';
import { openPGlite } from '../../electron/store/pglite-database.js';
import type { ExchangeAnswer } from '../../shared/sync/protocol.js';
import { enrollRequest, nextExchange, type RawOffice } from '../support/hub-offices.js';

/**
 * The hub answers with the cursor it has durably stored. A real hub process
 * (dist-electron/hub.mjs, PGlite in a data folder) is killed with SIGKILL
 * right after acknowledged uploads; reopened, the cursor and the rows are
 * there. The second case also throws away what PGlite wrote since the last
 * clean stop (what a power cut can do to a database that never fsyncs): the
 * journal brings cursor, rows and feed back.
 */

interface HubProcess {
  child: ChildProcess;
  url: string;
  log: () => string;
}

async function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
}

function startHubProcess(dataDir: string, port: number): Promise<HubProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist-electron/hub.mjs', 'serve', '--data', dataDir, '--port', String(port)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stderr?.on('data', (d: Buffer) => {
      err += d.toString();
    });
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/u.exec(out);
      if (m?.[1]) resolve({ child, url: m[1], log: () => err });
    });
    child.once('exit', (code) => reject(new Error(`hub exited ${code}: ${err.slice(-2000)}`)));
  });
}

async function stop(hub: HubProcess, signal: 'SIGKILL' | 'SIGTERM'): Promise<void> {
  await new Promise<void>((resolve) => {
    hub.child.once('exit', () => resolve());
    hub.child.kill(signal);
  });
}

async function post(url: string, path: string, body: Buffer, headers: Record<string, string> = {}): Promise<{ status: number; body: Buffer }> {
  const r = await fetch(`${url}${path}`, { method: 'POST', body: new Uint8Array(body), headers: { 'content-type': 'application/octet-stream', ...headers } });
  return { status: r.status, body: Buffer.from(await r.arrayBuffer()) };
}

async function push(hub: HubProcess, o: RawOffice, hubId: string): Promise<ExchangeAnswer> {
  const r = await post(hub.url, '/sync/v1/exchange', nextExchange(o, hubId));
  if (r.status !== 200) throw new Error(`exchange ${r.status}: ${r.body.toString()}`);
  const msg = decodeBundle(r.body);
  return unpackJson(msg.header.enc, msg.body) as ExchangeAnswer;
}

/** A hub with one enrolled office, stopped cleanly; returns what the next steps need. */
async function preparedHub(dir: string, port: number): Promise<{ office: RawOffice; hubId: string }> {
  const hub = await startHubProcess(dir, port);
  const token = readFileSync(join(dir, 'admin-token'), 'utf8');
  const codeRes = await post(hub.url, '/admin/code', Buffer.from(JSON.stringify({ unitName: 'UBND xã Chà Tở' })), { 'x-hub-admin': token, 'content-type': 'application/json' });
  const code = (JSON.parse(codeRes.body.toString()) as { value: { code: string } }).value.code;
  const req = enrollRequest(code, 'xa-cha-to');
  const enrolled = JSON.parse((await post(hub.url, '/sync/v1/enroll', req.body, { 'content-type': 'application/json' })).body.toString()) as { value: { deviceId: string; hubUnitId: string } };
  await stop(hub, 'SIGTERM');
  return { office: { deviceId: enrolled.value.deviceId, unitId: 'xa-cha-to', ...req.keys, n: 0, seq: 0 }, hubId: `hub:${enrolled.value.hubUnitId}` };
}

async function countsIn(dir: string, unitId: string): Promise<{ people: number; feed: number; cursor: number }> {
  const db = await openPGlite({ dataDir: join(dir, 'db') });
  try {
    const people = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM people WHERE owner_unit_id = $1', [unitId])).rows[0]?.n ?? 0;
    const feed = (await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_feed WHERE owner_unit_id = $1', [unitId])).rows[0]?.n ?? 0;
    const cursor = Number((await db.query<{ c: number }>('SELECT upload_cursor AS c FROM hub_devices WHERE unit_id = $1', [unitId])).rows[0]?.c ?? -1);
    return { people, feed, cursor };
  } finally {
    await db.close();
  }
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('hub durability: a cursor the hub acknowledged survives kill -9 (PGlite in a data folder, real hub process)', () => {
  it('kill -9 after three acknowledged uploads: reopened, the cursor and rows are there and the office continues', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-hubdur-'));
    dirs.push(dir);
    const port = await freePort();
    const { office, hubId } = await preparedHub(dir, port);
    let hub = await startHubProcess(dir, port);
    for (const expected of [50, 100, 150]) expect((await push(hub, office, hubId)).push?.cursor).toBe(expected);
    await stop(hub, 'SIGKILL');
    hub = await startHubProcess(dir, port);
    // The next batch continues from 150: a lost cursor would answer "gap".
    expect((await push(hub, office, hubId)).push?.cursor).toBe(200);
    await stop(hub, 'SIGTERM');
    expect(await countsIn(dir, office.unitId)).toEqual({ people: 199, feed: 200, cursor: 200 });
  });

  it('kill -9 and the database folder loses everything since the last clean stop: the journal restores cursor, rows and feed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-hubdur-'));
    dirs.push(dir);
    const port = await freePort();
    const { office, hubId } = await preparedHub(dir, port);
    // The database as it was on disk before the uploads: what PGlite's unsynced writes can fall back to.
    cpSync(join(dir, 'db'), join(dir, 'db-before'), { recursive: true });
    let hub = await startHubProcess(dir, port);
    for (const expected of [50, 100, 150]) expect((await push(hub, office, hubId)).push?.cursor).toBe(expected);
    await stop(hub, 'SIGKILL');
    rmSync(join(dir, 'db'), { recursive: true, force: true });
    cpSync(join(dir, 'db-before'), join(dir, 'db'), { recursive: true });
    expect((await countsIn(dir, office.unitId)).people).toBe(0);
    hub = await startHubProcess(dir, port);
    expect((await push(hub, office, hubId)).push?.cursor).toBe(200);
    await stop(hub, 'SIGTERM');
    expect(await countsIn(dir, office.unitId)).toEqual({ people: 199, feed: 200, cursor: 200 });
  });
});
