import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { dirname, join, resolve } from 'node:path';
import { startStoreWorker } from './store/store-client.js';
import { startHttpTransport } from './transports/http-server.js';

/**
 * `npm run web`: the whole renderer in a browser, against the real handlers
 * in a store worker, over loopback HTTP with a per-launch secret. Used by the
 * end-to-end tests and for offices that want to look without Electron.
 *   --data DIR   data folder (default .data/web)
 *   --port N     port (default: any free port)
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const here = dirname(fileURLToPath(import.meta.url));
  const dataDir = resolve(arg('--data') ?? '.data/web');
  const store = await startStoreWorker({ workerPath: join(here, 'store-worker.mjs'), dataDir });
  const secret = randomBytes(24).toString('base64url');
  const portArg = arg('--port');
  const http = await startHttpTransport({
    send: store.send,
    subscribe: store.onEvent,
    secret,
    staticDir: join(here, '..', 'dist', 'renderer'),
    ...(portArg ? { port: Number(portArg) } : {}),
  });
  const url = `${http.url}#secret=${secret}`;
  process.stdout.write(`Thi Đua đang chạy (bản web) — mở trong trình duyệt:\n${url}\nThư mục dữ liệu: ${dataDir}\nREADY ${url}\n`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await http.close();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  process.stderr.write(`Không khởi động được: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
