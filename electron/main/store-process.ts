import { DATA_DIR_ARG, parseFromStoreProcess, type FromStoreProcess, type PrintRequest, type PrintResponse, type StoreOpenFailure, type ToStoreProcess } from '../ipc/store-process-protocol.js';

/** What startStoreProcess needs from Electron's UtilityProcess (and its fork). */
export interface ChildLike<P> {
  postMessage(message: ToStoreProcess, transfer?: P[]): void;
  on(event: 'message', listener: (message: unknown) => void): unknown;
  on(event: 'exit', listener: (code: number) => void): unknown;
  kill(): boolean;
  readonly stdout?: NodeJS.ReadableStream | null;
  readonly stderr?: NodeJS.ReadableStream | null;
}
export type ForkLike<P> = (modulePath: string, args: string[], options: { serviceName: string; stdio: 'pipe' }) => ChildLike<P>;

export class StoreOpenError extends Error {
  constructor(
    readonly reason: StoreOpenFailure,
    readonly detail: string,
  ) {
    super(detail);
    this.name = 'StoreOpenError';
  }
}

export interface StoreProcess<P> {
  /** Resolves once the store opened its folder and ran migrations; rejects with StoreOpenError otherwise. */
  ready: Promise<void>;
  /** Gives the store process one end of a window's channel. */
  connect(port: P): void;
  /** Asks the store to drain and close, waits for it (at most timeoutMs), then makes sure it is gone. */
  close(timeoutMs?: number): Promise<void>;
  /** Called when the process exits without having been asked to close (a crash). */
  onUnexpectedExit(listener: (code: number) => void): void;
  /** Answers the store's print requests (HTML → PDF needs a window, which only main can make). */
  servePrinting(handler: (request: PrintRequest) => Promise<PrintResponse>): void;
}

/**
 * Starts the store (PGlite + handlers) in its own process. The main process
 * never opens the database: PGlite's synchronous WASM would freeze every
 * window. Generic over the port type so tests can use plain objects.
 */
export function startStoreProcess<P>(fork: ForkLike<P>, modulePath: string, dataDir: string, onOutput: (chunk: Buffer | string) => void = () => undefined): StoreProcess<P> {
  // Piped, not inherited: the store's log lines go to the log file (a packaged Windows app has no console).
  const child = fork(modulePath, [DATA_DIR_ARG, dataDir], { serviceName: 'Thi Đua — kho dữ liệu', stdio: 'pipe' });
  child.stdout?.on('data', onOutput);
  child.stderr?.on('data', onOutput);
  let exited = false;
  let closing = false;
  const exitListeners: ((code: number) => void)[] = [];
  const messageListeners = new Set<(message: FromStoreProcess) => void>();
  let onExitWhileWaiting: ((code: number) => void) | null = null;

  child.on('message', (raw) => {
    const message = parseFromStoreProcess(raw);
    if (message) for (const l of messageListeners) l(message);
  });
  child.on('exit', (code) => {
    exited = true;
    onExitWhileWaiting?.(code);
    if (!closing) for (const l of exitListeners) l(code);
  });

  const ready = new Promise<void>((resolve, reject) => {
    const listener = (message: FromStoreProcess) => {
      if (message.kind === 'ready') {
        messageListeners.delete(listener);
        onExitWhileWaiting = null;
        resolve();
      } else if (message.kind === 'failed') {
        messageListeners.delete(listener);
        onExitWhileWaiting = null;
        reject(new StoreOpenError(message.reason, message.message));
      }
    };
    messageListeners.add(listener);
    onExitWhileWaiting = (code) => reject(new StoreOpenError('open_failed', `store process exited with code ${code} before opening`));
  });

  return {
    ready,
    connect(port) {
      if (!exited) child.postMessage({ kind: 'connect' }, [port]);
    },
    async close(timeoutMs = 15_000) {
      if (exited) return;
      closing = true;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          child.kill();
          resolve();
        }, timeoutMs);
        const done = () => {
          clearTimeout(timer);
          resolve();
        };
        messageListeners.add((message) => {
          if (message.kind === 'closed') done();
        });
        child.on('exit', done);
        child.postMessage({ kind: 'close' });
      });
    },
    onUnexpectedExit(listener) {
      exitListeners.push(listener);
    },
    servePrinting(handler) {
      messageListeners.add((message) => {
        if (message.kind !== 'print') return;
        void handler(message).then((response) => {
          if (!exited) child.postMessage(response);
        });
      });
    },
  };
}
