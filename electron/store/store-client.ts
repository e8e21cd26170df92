import { Worker } from 'node:worker_threads';
import type { CallRequest, CallResult, StoreEvent } from '../../shared/api/envelope.js';
import type { FromStore } from './port-protocol.js';

export interface StoreConnection {
  send(request: CallRequest): Promise<CallResult>;
  onEvent(listener: (event: StoreEvent) => void): () => void;
  close(): Promise<void>;
}

/** Starts the store in a worker_thread and talks to it by message; the caller's thread never runs PGlite. */
export async function startStoreWorker(options: { workerPath: string; dataDir?: string }): Promise<StoreConnection> {
  const worker = new Worker(options.workerPath, { workerData: { dataDir: options.dataDir } });
  const pending = new Map<number, (result: CallResult) => void>();
  const listeners = new Set<(event: StoreEvent) => void>();
  let nextId = 1;
  let closed = false;

  await new Promise<void>((resolve, reject) => {
    const onMessage = (m: FromStore) => {
      if (m.kind === 'ready') {
        worker.off('message', onMessage);
        resolve();
      } else if (m.kind === 'failed') {
        worker.off('message', onMessage);
        void worker.terminate();
        reject(new Error(m.message));
      }
    };
    worker.on('message', onMessage);
    worker.once('error', reject);
  });

  worker.on('message', (m: FromStore) => {
    if (m.kind === 'result') {
      pending.get(m.id)?.(m.result);
      pending.delete(m.id);
    } else if (m.kind === 'event') {
      for (const l of listeners) l(m.event);
    }
  });
  worker.on('exit', () => {
    closed = true;
    for (const resolve of pending.values()) resolve({ ok: false, error: { code: 'internal', message: 'Kho dữ liệu đã dừng; thao tác chưa được ghi. Hãy khởi động lại phần mềm.' } });
    pending.clear();
  });

  return {
    send(request) {
      if (closed) return Promise.resolve({ ok: false, error: { code: 'internal', message: 'Kho dữ liệu đã đóng.' } });
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve);
        worker.postMessage({ kind: 'call', id, request });
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async close() {
      if (closed) return;
      const done = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
      worker.postMessage({ kind: 'close' });
      await done;
    },
  };
}
