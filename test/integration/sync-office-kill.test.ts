import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentHash } from '../../electron/sync/content-hash.js';
import { openPGlite } from '../../electron/store/pglite-database.js';
import { OFFICE_SETUP } from '../support/store.js';
import { startTestHub, type TestHub } from '../support/sync-harness.js';
import { startLinkProxy, type LinkProxy } from '../support/link-proxy.js';

interface Office {
  child: ChildProcess;
  call<T>(method: string, input: unknown): Promise<T>;
}

/** The office app as it ships for the web build: `node dist-electron/web.mjs` (store in a worker, sync agent in the store). */
function startOffice(dataDir: string, session: { token?: string }): Promise<Office> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['dist-electron/web.mjs', '--data', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /READY (\S+)/u.exec(out);
      if (!m?.[1]) return;
      const url = new URL(m[1]);
      const secret = decodeURIComponent(/secret=([^&]+)/u.exec(url.hash)?.[1] ?? '');
      resolve({
        child,
        async call<T>(method: string, input: unknown): Promise<T> {
          const res = await fetch(`${url.origin}/api/call`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', 'x-thidua-secret': secret },
            body: JSON.stringify({ method, input, ...(session.token ? { session: session.token } : {}) }),
          });
          const body = (await res.json()) as { ok: boolean; value?: T; error?: { code: string; message: string } };
          if (!body.ok) throw new Error(`${method}: ${body.error?.code} ${body.error?.message}`);
          return body.value as T;
        },
      });
    });
    child.once('exit', (code) => reject(new Error(`office exited ${code}`)));
  });
}

describe('kill -9 of the office process mid-sync', () => {
  let hub: TestHub;
  let proxy: LinkProxy;
  beforeAll(async () => {
    hub = await startTestHub();
    // A slow link so the kill lands while the upload is on the wire.
    proxy = await startLinkProxy({ host: '127.0.0.1', port: hub.http.port }, { upBytesPerSecond: 60_000, downBytesPerSecond: 60_000, delayMs: 50 });
  });
  afterAll(async () => {
    await proxy?.close();
    await hub?.close();
  });

  it('after a restart the office resumes; nothing is lost or duplicated and both copies hash the same', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'thidua-office-'));
    const session: { token?: string } = {};
    let office = await startOffice(dir, session);
    try {
      const s = await office.call<{ token: string; officeUnitId: string }>('system.setup', OFFICE_SETUP);
      session.token = s.token;
      const unitId = s.officeUnitId;
      const { code } = await hub.core.createCode({ unitName: 'Mường Nhé' });
      await office.call('sync.enroll', { hubUrl: proxy.url, code });
      for (let i = 0; i < 150; i++) {
        await office.call('people.create', { fullName: `Lò Thị Số ${i}`, gender: 'female', staffCategory: 'cong_chuc', unitId, note: 'Tuyên truyền pháp luật ở bản vùng cao; hòa giải cơ sở. '.repeat(8) });
      }
      await office.call('sync.now', { attachments: 'all' });
      await new Promise((r) => setTimeout(r, 300 + Math.random() * 400));
      office.child.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
      office = await startOffice(dir, session);
      const login = await office.call<{ token: string }>('auth.login', { username: OFFICE_SETUP.admin.username, password: OFFICE_SETUP.admin.password });
      session.token = login.token;
      // Written after the restart too: must also arrive, exactly once.
      await office.call('people.create', { fullName: 'Vàng A Páo', gender: 'male', staffCategory: 'cong_chuc', unitId });
      let status = { running: true, waitingEntries: 1, lastError: null as unknown };
      for (let attempt = 0; attempt < 5 && status.waitingEntries > 0; attempt++) {
        await office.call('sync.now', { attachments: 'all' });
        for (let i = 0; i < 200; i++) {
          status = await office.call('sync.status', {});
          if (!status.running) break;
          await new Promise((r) => setTimeout(r, 100));
        }
      }
      expect(status.waitingEntries).toBe(0);
      await new Promise<void>((resolve) => {
        office.child.once('exit', () => resolve());
        office.child.kill('SIGTERM');
      });
      const db = await openPGlite({ dataDir: join(dir, 'db') });
      try {
        const mine = await contentHash(db, unitId);
        const theirs = await contentHash(hub.core.db, unitId);
        expect(mine.rows).toBe(152);
        expect(theirs.hash).toBe(mine.hash);
        const dup = await hub.core.db.query<{ n: number; d: number }>('SELECT count(*)::int AS n, count(DISTINCT row_id)::int AS d FROM sync_feed WHERE owner_unit_id = $1', [unitId]);
        expect(dup.rows[0]?.n).toBe(152);
        expect(dup.rows[0]?.d).toBe(152);
      } finally {
        await db.close();
      }
    } finally {
      office.child.kill('SIGKILL');
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
