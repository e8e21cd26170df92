import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../../electron/store/open-store.js';
import { DataFolderLockedError, lockDataFolder } from '../../electron/store/data-lock.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';

/**
 * The office store on a real folder: data survives close and reopen, and the
 * folder lock keeps a second process out (PGlite takes no lock itself, and
 * two processes on one folder corrupt it) while a lock left by a dead
 * process is taken over.
 */
const work = mkdtempSync(join(tmpdir(), 'thidua-store-file-'));
let lockerScript = '';

/** A child that takes the lock on a folder and reports; with "hold" it keeps it until killed. */
const LOCKER_SOURCE = `
import { lockDataFolder, DataFolderLockedError } from ${JSON.stringify(resolve('electron/store/data-lock.ts'))};
const [folder, mode] = process.argv.slice(2);
try {
  lockDataFolder(folder);
  process.stdout.write(JSON.stringify({ locked: true, pid: process.pid }) + '\\n');
  if (mode === 'hold') setInterval(() => undefined, 1000);
} catch (error) {
  process.stdout.write(JSON.stringify({ locked: false, name: error.name, holderPid: error instanceof DataFolderLockedError ? error.holderPid : null, message: error.message }) + '\\n');
}
`;

function runLocker(folder: string): { locked: boolean; name?: string; holderPid?: number; message?: string } {
  const r = spawnSync(process.execPath, [lockerScript, folder], { encoding: 'utf8', timeout: 20_000 });
  return JSON.parse(r.stdout.trim()) as { locked: boolean };
}

function holdLock(folder: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, [lockerScript, folder, 'hold'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((done, fail) => {
    child.stdout?.once('data', (d: Buffer) => ((JSON.parse(d.toString()) as { locked: boolean }).locked ? done(child) : fail(new Error(d.toString()))));
    child.once('error', fail);
  });
}

function deadPid(): number {
  // A process that has exited: its pid is (for the next moments) nobody's.
  const r = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(r.stdout);
}

beforeAll(async () => {
  const out = await build({ stdin: { contents: LOCKER_SOURCE, resolveDir: process.cwd(), loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', write: false, logLevel: 'silent' });
  lockerScript = join(work, 'locker.mjs');
  writeFileSync(lockerScript, out.outputFiles[0]?.text ?? '');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

describe('store on a file', () => {
  it('keeps what was written across close and reopen', async () => {
    const dataDir = join(work, 'office');
    const first = await openStore({ dataDir, logger: quietLogger });
    const api = inProcessClient(first);
    const session = await api.call('system.setup', OFFICE_SETUP);
    api.setSession(session.token);
    const person = await api.call('people.create', {
      fullName: 'Lò Thị Xuân Quỳnh',
      gender: 'female',
      birthDate: '1983-11-05',
      staffCategory: 'cong_chuc',
      unitId: session.officeUnitId,
    });
    await first.close();
    expect(existsSync(join(dataDir, 'thidua.lock'))).toBe(false);

    const second = await openStore({ dataDir, logger: quietLogger });
    try {
      const again = inProcessClient(second);
      expect((await again.call('system.status', {})).configured).toBe(true);
      const s = await again.call('auth.login', { username: OFFICE_SETUP.admin.username, password: OFFICE_SETUP.admin.password });
      again.setSession(s.token);
      expect(await again.call('people.get', { id: person.id })).toEqual(person);
      const outbox = await second.deps.db.query<{ table_name: string }>('SELECT table_name FROM outbox ORDER BY seq');
      expect(outbox.rows.map((r) => r.table_name)).toEqual(['units', 'people']);
    } finally {
      await second.close();
    }
  });

  it('refuses a second open of the folder in this process while the first is open', async () => {
    const dataDir = join(work, 'same-process');
    const store = await openStore({ dataDir, logger: quietLogger });
    try {
      await expect(openStore({ dataDir, logger: quietLogger })).rejects.toBeInstanceOf(DataFolderLockedError);
      // The refused open must not have released the holder's lock.
      expect(JSON.parse(readFileSync(join(dataDir, 'thidua.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    } finally {
      await store.close();
    }
  });

  it('refuses another process while the store is open, and lets it in after close', async () => {
    const dataDir = join(work, 'two-processes');
    const store = await openStore({ dataDir, logger: quietLogger });
    try {
      const r = runLocker(dataDir);
      expect(r).toMatchObject({ locked: false, name: 'DataFolderLockedError', holderPid: process.pid });
      expect(r.message).toContain('đang được một chương trình khác');
    } finally {
      await store.close();
    }
    expect(runLocker(dataDir)).toMatchObject({ locked: true });
  });

  it('refuses to open while another live process holds the lock, then takes over once it is killed', async () => {
    const dataDir = join(work, 'killed-holder');
    const child = await holdLock(dataDir);
    try {
      expect(() => lockDataFolder(dataDir)).toThrow(DataFolderLockedError);
      await expect(openStore({ dataDir, logger: quietLogger })).rejects.toMatchObject({ name: 'DataFolderLockedError', holderPid: child.pid });
    } finally {
      const exited = new Promise((done) => child.once('exit', done));
      child.kill('SIGKILL');
      await exited;
    }
    // The holder died without releasing (power cut, crash): its lock is stale.
    const store = await openStore({ dataDir, logger: quietLogger });
    expect(JSON.parse(readFileSync(join(dataDir, 'thidua.lock'), 'utf8'))).toMatchObject({ pid: process.pid });
    await store.close();
  });

  it.each<[string, (folder: string) => string]>([
    ['a dead process on this machine', () => JSON.stringify({ pid: deadPid(), host: hostname(), since: '2026-01-01T00:00:00.000Z' })],
    ['a half-written lock file', () => '{"pid": 12'],
    ['an empty lock file', () => ''],
  ])('takes over a stale lock left by %s', async (_name, content) => {
    const dataDir = join(work, `stale-${Math.random().toString(36).slice(2)}`);
    const first = lockDataFolder(dataDir);
    first.release();
    writeFileSync(join(dataDir, 'thidua.lock'), content(dataDir));
    const lock = lockDataFolder(dataDir);
    expect(JSON.parse(readFileSync(join(dataDir, 'thidua.lock'), 'utf8'))).toMatchObject({ pid: process.pid, host: hostname() });
    lock.release();
    expect(existsSync(join(dataDir, 'thidua.lock'))).toBe(false);
  });
});
