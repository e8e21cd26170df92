import { resolve } from 'node:path';
import { openStore } from './store/open-store.js';
import { inProcessClient } from './transports/in-process.js';
import { DEMO_PASSWORD, DEMO_USERS } from './demo/demo-data.js';
import { ROLE_LABELS } from '../shared/domain/users.js';

/**
 * Command line for the office store. Runs PGlite on its own thread, which is
 * fine here: there is no window to freeze.
 *   demo [--data DIR]   load the demo office into a new data folder
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const command = process.argv[2];
  const dataDir = resolve(arg('--data') ?? '.data/web');
  if (command === 'demo') {
    const store = await openStore({ dataDir });
    try {
      const result = await inProcessClient(store).call('demo.load', {});
      const accounts = DEMO_USERS.map((u) => `  ${u.username} / ${DEMO_PASSWORD}  (${ROLE_LABELS[u.role].vi}: ${u.displayName})`).join('\n');
      process.stdout.write(`Đã nạp dữ liệu mẫu vào ${dataDir}: ${result.units} đơn vị, ${result.people} người.\nTài khoản đăng nhập:\n${accounts}\n`);
    } finally {
      await store.close();
    }
    return;
  }
  process.stdout.write('Cách dùng: node dist-electron/cli.mjs demo [--data THƯ_MỤC]\n');
  process.exitCode = command ? 1 : 0;
}

main().catch((error: unknown) => {
  process.stderr.write(`Lỗi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
