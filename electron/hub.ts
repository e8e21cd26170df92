import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { consoleLogger } from './store/deps.js';
import { startHub } from './sync/hub-host.js';

/**
 * `npm run hub`: the provincial sync hub.
 *   serve [--data DIR] [--port N] [--host ADDR] [--name "Sở Tư pháp tỉnh …"]
 *        PGlite in DIR/db by default; PostgreSQL when DATABASE_URL is set.
 *   code --unit-name "Phòng Tư pháp huyện …" [--unit-id ID] [--ttl-hours 72]
 *   devices | revoke DEVICE_ID | import-bundle FILE --out ANSWER_FILE
 * The admin commands talk to the running hub of the same data folder (its
 * URL and admin token are in the folder, readable only by its owner).
 */
function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function admin(dataDir: string, method: string, path: string, body?: Buffer | string): Promise<{ status: number; body: Buffer }> {
  const urlFile = join(dataDir, 'hub-url');
  if (!existsSync(urlFile)) throw new Error(`Trạm chưa chạy với thư mục dữ liệu ${dataDir}. Hãy chạy "npm run hub" trước.`);
  const url = readFileSync(urlFile, 'utf8').trim();
  const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
  const res = await fetch(new URL(path, url), { method, headers: { 'x-hub-admin': token, 'content-type': 'application/json' }, ...(body !== undefined ? { body: typeof body === 'string' ? body : new Uint8Array(body) } : {}) });
  return { status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}

function printResult(r: { status: number; body: Buffer }): unknown {
  const j = JSON.parse(r.body.toString('utf8')) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!j.ok) {
    process.stderr.write(`Lỗi: ${j.error?.message ?? r.status}\n`);
    process.exitCode = 1;
    return null;
  }
  return j.value;
}

async function main(): Promise<void> {
  const command = process.argv[2] && !process.argv[2].startsWith('--') ? process.argv[2] : 'serve';
  const dataDir = resolve(arg('--data') ?? '.data/hub');
  const here = dirname(fileURLToPath(import.meta.url));
  if (command === 'serve') {
    const logger = consoleLogger('hub');
    const databaseUrl = process.env.DATABASE_URL;
    const portArg = arg('--port');
    const name = arg('--name');
    const hub = await startHub({
      workerPath: join(here, 'hub-worker.mjs'),
      dataDir,
      ...(databaseUrl ? { databaseUrl } : {}),
      ...(portArg ? { port: Number(portArg) } : {}),
      host: arg('--host') ?? '127.0.0.1',
      ...(name ? { name } : {}),
      logger,
    });
    logger.info('hub listening', { url: hub.url, database: databaseUrl ? 'postgres' : 'pglite', dataDir });
    process.stdout.write(`Trạm đồng bộ đang chạy: ${hub.url}\nREADY ${hub.url}\n`);
    let stopping = false;
    const stop = async () => {
      if (stopping) return;
      stopping = true;
      logger.info('hub stopping', {});
      await hub.close();
      process.exit(0);
    };
    process.on('SIGINT', () => void stop());
    process.on('SIGTERM', () => void stop());
    return;
  }
  if (command === 'code') {
    const unitName = arg('--unit-name');
    if (!unitName) throw new Error('Thiếu --unit-name "Tên đơn vị".');
    const unitId = arg('--unit-id');
    const ttl = arg('--ttl-hours');
    const v = printResult(await admin(dataDir, 'POST', '/admin/code', JSON.stringify({ unitName, ...(unitId ? { unitId } : {}), ...(ttl ? { ttlHours: Number(ttl) } : {}) }))) as { code: string; expiresAt: string } | null;
    if (v) process.stdout.write(`Mã đăng ký cho ${unitName}: ${v.code}\nHết hạn: ${v.expiresAt}\n`);
    return;
  }
  if (command === 'devices') {
    const v = printResult(await admin(dataDir, 'GET', '/admin/devices')) as { id: string; unitName: string; deviceName: string; enrolledAt: string; revokedAt: string | null; lastSeenAt: string | null }[] | null;
    for (const d of v ?? []) process.stdout.write(`${d.id}\t${d.unitName}\t${d.deviceName}\t${d.revokedAt ? `đã thu hồi ${d.revokedAt}` : 'đang hoạt động'}\tlần cuối: ${d.lastSeenAt ?? '—'}\n`);
    return;
  }
  if (command === 'revoke') {
    const id = process.argv[3];
    const v = printResult(await admin(dataDir, 'POST', '/admin/revoke', JSON.stringify({ deviceId: id }))) as { revoked: boolean } | null;
    if (v) process.stdout.write(v.revoked ? `Đã thu hồi máy ${id}.\n` : `Không có máy ${id} đang hoạt động.\n`);
    return;
  }
  if (command === 'import-bundle') {
    const file = process.argv[3];
    const out = arg('--out');
    if (!file || !out) throw new Error('Cách dùng: import-bundle TỆP_GÓI --out TỆP_TRẢ_LỜI');
    const r = await admin(dataDir, 'POST', '/admin/import-bundle', readFileSync(file));
    if (r.status !== 200) {
      printResult(r);
      return;
    }
    writeFileSync(out, r.body);
    process.stdout.write(`Đã nhập gói ${file}. Gói trả lời cho đơn vị: ${out}\n`);
    return;
  }
  process.stdout.write('Cách dùng: npm run hub -- [serve|code|devices|revoke|import-bundle] ...\n');
  process.exitCode = 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`Lỗi: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
