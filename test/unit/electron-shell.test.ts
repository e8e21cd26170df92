import { describe, expect, it, vi } from 'vitest';
import { createQuitGuard } from '../../electron/main/quit-guard.js';
import { claimSingleInstance, focusWindow, type WindowLike } from '../../electron/main/single-instance.js';
import { StoreOpenError, startStoreProcess, type ChildLike } from '../../electron/main/store-process.js';
import { DATA_DIR_ARG, dataDirFromArgv, type ToStoreProcess } from '../../electron/ipc/store-process-protocol.js';
import { openFailedMessage, startFailedMessage } from '../../electron/main/messages.js';

function fakeWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: WindowLike = {
    isDestroyed: () => false,
    isMinimized: () => minimized,
    restore: () => calls.push('restore'),
    show: () => calls.push('show'),
    focus: () => calls.push('focus'),
  };
  return { window, calls };
}

describe('single instance', () => {
  it('a second instance quits at once and does not start', () => {
    const app = { requestSingleInstanceLock: () => false, on: vi.fn(), quit: vi.fn() };
    expect(claimSingleInstance(app, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalledOnce();
    expect(app.on).not.toHaveBeenCalled();
  });

  it('the first instance restores and focuses its window when a second one starts', () => {
    let onSecond: () => void = () => undefined;
    const app = { requestSingleInstanceLock: () => true, on: (_e: 'second-instance', l: () => void) => (onSecond = l), quit: vi.fn() };
    const { window, calls } = fakeWindow(true);
    expect(claimSingleInstance(app, () => window)).toBe(true);
    expect(calls).toEqual([]);
    onSecond();
    expect(calls).toEqual(['restore', 'show', 'focus']);
    expect(app.quit).not.toHaveBeenCalled();
  });

  it('focusing skips restore for a window that is not minimised, and a missing window', () => {
    const { window, calls } = fakeWindow(false);
    focusWindow(window);
    focusWindow(null);
    expect(calls).toEqual(['show', 'focus']);
  });
});

describe('quit guard', () => {
  it('holds the quit until the store has closed, then lets it through once', async () => {
    let finishClose: () => void = () => undefined;
    const closeStore = vi.fn(() => new Promise<void>((resolve) => (finishClose = resolve)));
    const quit = vi.fn();
    const guard = createQuitGuard(closeStore, quit);
    const first = { preventDefault: vi.fn() };
    guard.onBeforeQuit(first);
    expect(first.preventDefault).toHaveBeenCalled();
    const again = { preventDefault: vi.fn() };
    guard.onBeforeQuit(again);
    expect(again.preventDefault).toHaveBeenCalled();
    expect(closeStore).toHaveBeenCalledOnce();
    expect(quit).not.toHaveBeenCalled();
    finishClose();
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    const last = { preventDefault: vi.fn() };
    guard.onBeforeQuit(last);
    expect(last.preventDefault).not.toHaveBeenCalled();
  });

  it('still quits when closing the store fails', async () => {
    const quit = vi.fn();
    const errors: unknown[] = [];
    const guard = createQuitGuard(() => Promise.reject(new Error('boom')), quit, (e) => errors.push(e));
    guard.onBeforeQuit({ preventDefault: () => undefined });
    await vi.waitFor(() => expect(quit).toHaveBeenCalledOnce());
    expect(errors).toHaveLength(1);
  });
});

function fakeChild() {
  const listeners: { message: ((m: unknown) => void)[]; exit: ((code: number) => void)[] } = { message: [], exit: [] };
  const posted: { message: ToStoreProcess; transfer: unknown[] | undefined }[] = [];
  let killed = false;
  const child: ChildLike<string> = {
    postMessage: (message, transfer) => posted.push({ message, transfer }),
    on: ((event: 'message' | 'exit', l: (x: never) => void) => listeners[event].push(l as never)) as ChildLike<string>['on'],
    kill: () => (killed = true),
  };
  return {
    child,
    posted,
    killed: () => killed,
    emit: (m: unknown) => listeners.message.forEach((l) => l(m)),
    exit: (code: number) => listeners.exit.forEach((l) => l(code)),
  };
}

describe('store process (main side)', () => {
  it('forks the store bundle with the data folder on its command line', () => {
    const fake = fakeChild();
    const fork = vi.fn(() => fake.child);
    startStoreProcess(fork, '/app/dist-electron/store-process.cjs', 'C:\\Users\\cb\\AppData\\Roaming\\Thi Đua\\data');
    expect(fork).toHaveBeenCalledWith('/app/dist-electron/store-process.cjs', [DATA_DIR_ARG, 'C:\\Users\\cb\\AppData\\Roaming\\Thi Đua\\data'], expect.objectContaining({ stdio: 'pipe' }));
    const args = (fork.mock.calls[0] as unknown as [string, string[]])[1];
    expect(dataDirFromArgv(['electron', 'store-process.cjs', ...args])).toBe('C:\\Users\\cb\\AppData\\Roaming\\Thi Đua\\data');
  });

  it('is ready when the store says so, and forwards window ports with transfer', async () => {
    const fake = fakeChild();
    const store = startStoreProcess(() => fake.child, 'x', 'd');
    fake.emit({ kind: 'ready' });
    await store.ready;
    store.connect('port-1');
    expect(fake.posted).toEqual([{ message: { kind: 'connect' }, transfer: ['port-1'] }]);
  });

  it('rejects with the reason when the data folder is locked', async () => {
    const fake = fakeChild();
    const store = startStoreProcess(() => fake.child, 'x', 'd');
    fake.emit({ kind: 'failed', reason: 'data_locked', message: 'Thư mục dữ liệu đang được dùng' });
    await expect(store.ready).rejects.toMatchObject({ name: 'StoreOpenError', reason: 'data_locked', detail: 'Thư mục dữ liệu đang được dùng' });
  });

  it('rejects when the process dies before opening', async () => {
    const fake = fakeChild();
    const store = startStoreProcess(() => fake.child, 'x', 'd');
    fake.exit(3);
    await expect(store.ready).rejects.toBeInstanceOf(StoreOpenError);
  });

  it('close asks the store to close and waits for its answer', async () => {
    const fake = fakeChild();
    const store = startStoreProcess(() => fake.child, 'x', 'd');
    const crashed = vi.fn();
    store.onUnexpectedExit(crashed);
    fake.emit({ kind: 'ready' });
    await store.ready;
    let done = false;
    const closing = store.close(5_000).then(() => (done = true));
    expect(fake.posted.at(-1)?.message).toEqual({ kind: 'close' });
    await Promise.resolve();
    expect(done).toBe(false);
    fake.emit({ kind: 'closed' });
    await closing;
    fake.exit(0);
    expect(crashed).not.toHaveBeenCalled();
    expect(fake.killed()).toBe(false);
  });

  it('close kills a store that does not answer in time', async () => {
    const fake = fakeChild();
    const store = startStoreProcess(() => fake.child, 'x', 'd');
    fake.emit({ kind: 'ready' });
    await store.ready;
    await store.close(20);
    expect(fake.killed()).toBe(true);
  });

  it('reports an exit nobody asked for as a crash', async () => {
    const fake = fakeChild();
    const store = startStoreProcess(() => fake.child, 'x', 'd');
    const crashed = vi.fn();
    store.onUnexpectedExit(crashed);
    fake.emit({ kind: 'ready' });
    await store.ready;
    fake.exit(9);
    expect(crashed).toHaveBeenCalledWith(9);
  });
});

describe('shell messages', () => {
  it('explains a locked folder and other open failures in Vietnamese', () => {
    expect(openFailedMessage('data_locked', 'Thư mục dữ liệu D đang được một chương trình khác sử dụng.', 'D')).toContain('khởi động lại máy');
    const other = openFailedMessage('open_failed', 'ENOSPC: no space left on device', 'C:\\data');
    expect(other).toContain('không mở được thư mục dữ liệu');
    expect(other).toContain('C:\\data');
    expect(other).toContain('ENOSPC');
    expect(startFailedMessage('ERR_FILE_NOT_FOUND')).toMatch(/^Phần mềm gặp lỗi khi khởi động[\s\S]*ERR_FILE_NOT_FOUND$/u);
  });
});

describe('log file', () => {
  it('appends lines and keeps one rotated file past the size limit', async () => {
    const { mkdtempSync, readFileSync, existsSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openLogFile } = await import('../../electron/main/log-file.js');
    const dir = mkdtempSync(join(tmpdir(), 'thidua-log-'));
    const path = join(dir, 'logs', 'main.log');
    const log = openLogFile(path, 60);
    log.write('{"msg":"một"}');
    log.write('{"msg":"hai"}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"msg":"một"}\n{"msg":"hai"}\n');
    log.write('{"msg":"ba — a line long enough to pass the limit"}');
    expect(readFileSync(`${path}.1`, 'utf8')).toBe('{"msg":"một"}\n{"msg":"hai"}\n');
    expect(readFileSync(path, 'utf8')).toBe('{"msg":"ba — a line long enough to pass the limit"}\n');
    expect(existsSync(`${path}.2`)).toBe(false);
  });

  it('never throws when the file cannot be written', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { openLogFile } = await import('../../electron/main/log-file.js');
    // A regular file where the logs folder should be: every write fails with ENOTDIR.
    const blocker = join(mkdtempSync(join(tmpdir(), 'thidua-log-')), 'logs');
    writeFileSync(blocker, 'not a folder');
    const log = openLogFile(join(blocker, 'main.log'));
    expect(() => log.write('x')).not.toThrow();
  });

  it('splits a child process output stream into whole lines', async () => {
    const { lineSplitter } = await import('../../electron/main/log-file.js');
    const lines: string[] = [];
    const split = lineSplitter((l) => lines.push(l));
    split.push('{"a":1}\n{"b":');
    split.push(Buffer.from('2}\r\n\n{"c"'));
    expect(lines).toEqual(['{"a":1}', '{"b":2}']);
    split.flush();
    expect(lines).toEqual(['{"a":1}', '{"b":2}', '{"c"']);
  });

  it("the store process's stdout and stderr reach the log", async () => {
    const { EventEmitter } = await import('node:events');
    const stdout = new EventEmitter() as unknown as NodeJS.ReadableStream;
    const stderr = new EventEmitter() as unknown as NodeJS.ReadableStream;
    const fake = fakeChild();
    const seen: string[] = [];
    startStoreProcess(() => ({ ...fake.child, stdout, stderr }), 'x', 'd', (chunk) => seen.push(String(chunk)));
    (stdout as unknown as InstanceType<typeof EventEmitter>).emit('data', 'migrations applied\n');
    (stderr as unknown as InstanceType<typeof EventEmitter>).emit('data', Buffer.from('slow call\n'));
    expect(seen).toEqual(['migrations applied\n', 'slow call\n']);
  });
});
