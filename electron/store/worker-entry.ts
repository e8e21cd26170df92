import { parentPort, workerData } from 'node:worker_threads';
import { openStore } from './open-store.js';
import { servePort } from './store-host.js';
import type { FromStore, Port } from './port-protocol.js';

/**
 * The store in a worker_thread (tests, the web build, the hub). PGlite
 * blocks the thread it runs on; here that is not the thread serving HTTP.
 */
async function main(): Promise<void> {
  if (!parentPort) throw new Error('worker-entry must run in a worker_thread');
  const pp = parentPort;
  const data = workerData as { dataDir?: string };
  const port: Port = {
    send: (m) => pp.postMessage(m),
    onMessage: (l) => pp.on('message', l),
  };
  try {
    const store = await openStore(data.dataDir ? { dataDir: data.dataDir } : {});
    servePort(store, port);
    pp.on('message', (m: { kind?: string }) => {
      if (m?.kind === 'close') {
        void store.close().then(() => {
          pp.postMessage({ kind: 'closed' } satisfies FromStore);
          pp.close();
        });
      }
    });
    pp.postMessage({ kind: 'ready' } satisfies FromStore);
  } catch (error) {
    pp.postMessage({ kind: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromStore);
  }
}

void main();
