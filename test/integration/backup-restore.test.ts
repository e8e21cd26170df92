import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { contentHash } from '../../electron/durability/content-hash.js';
import type { ApiClient } from '../../shared/api/client.js';
import { ApiError } from '../../shared/api/errors.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';

const root = mkdtempSync(join(tmpdir(), 'thidua-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function open(name: string): Promise<{ store: Store; api: ApiClient; dir: string }> {
  const dir = join(root, name);
  const store = await openStore({ dataDir: dir, logger: quietLogger });
  return { store, api: inProcessClient(store), dir };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => null,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('backup and restore (issue 3, points 3 and 4c)', { timeout: 240_000 }, () => {
  let a: Awaited<ReturnType<typeof open>>;
  let backupPath = '';
  let hashAtBackup = '';
  const usb = join(root, 'usb');

  beforeAll(async () => {
    mkdirSync(usb);
    a = await open('office-a');
    const session = await a.api.call('system.setup', OFFICE_SETUP);
    a.api.setSession(session.token);
    for (const name of ['Lò Thị Mai', 'Giàng A Páo', 'Sùng Thị Dua']) {
      await a.api.call('people.create', { fullName: name, gender: 'female', staffCategory: 'cong_chuc', unitId: session.officeUnitId });
    }
    await a.api.call('drafts.put', { key: 'people.new', label: 'Thêm người: Vàng', data: { fullName: 'Vàng Văn Sử' }, savedAt: '2026-11-23T07:00:00.000Z' });
    mkdirSync(join(a.dir, 'attachments', 'ab'), { recursive: true });
    writeFileSync(join(a.dir, 'attachments', 'ab', 'abcdef.bin'), Buffer.from('tệp đính kèm'));
  });
  afterAll(async () => a.store.close());

  it('reminds when there was never a backup, writes one file into the chosen folder, then stops reminding', async () => {
    const before = await a.api.call('backup.status', {});
    expect(before).toMatchObject({ available: true, lastBackupAt: null, reminderDue: true, reminderDays: 7 });
    const created = await a.api.call('backup.create', { folder: usb });
    hashAtBackup = created.contentHash;
    backupPath = created.path;
    expect(created.fileName).toMatch(/^thidua-phong-tu-phap-huyen-muong-nhe-\d{4}-\d{2}-\d{2}-\d{4}\.tdbackup$/u);
    expect(readdirSync(usb)).toEqual([created.fileName]);
    expect((await contentHash(a.store.deps.db)).hash).toBe(hashAtBackup);
    const after = await a.api.call('backup.status', {});
    expect(after.reminderDue).toBe(false);
    expect(after.lastBackupAt).toBe(created.createdAt);
  });

  it('inspects a backup: office, date, counts, all checksums verified', async () => {
    const info = await a.api.call('backup.inspect', { path: backupPath });
    expect(info.officeName).toBe(OFFICE_SETUP.office.name);
    expect(info.tables.people).toBe(3);
    expect(info.sameOffice).toBe(true);
    expect(info.contentHash).toBe(hashAtBackup);
  });

  it('restored on a fresh data folder, the office comes back exactly (equal content hash), with drafts and attachments', async () => {
    const b = await open('new-pc');
    try {
      const restored = await b.api.call('backup.restore', { path: backupPath });
      expect(restored.verified).toBe(true);
      expect(restored.contentHash).toBe(hashAtBackup);
      expect((await contentHash(b.store.deps.db)).hash).toBe(hashAtBackup);
      expect(readFileSync(join(b.dir, 'attachments', 'ab', 'abcdef.bin'), 'utf8')).toBe('tệp đính kèm');
      const session = await b.api.call('auth.login', { username: 'admin', password: OFFICE_SETUP.admin.password });
      b.api.setSession(session.token);
      expect((await b.api.call('drafts.list', {})).map((d) => d.label)).toEqual(['Thêm người: Vàng']);
      const people = await b.store.deps.db.query<{ full_name: string }>('SELECT full_name FROM people ORDER BY full_name');
      expect(people.rows.map((r) => r.full_name)).toEqual(['Giàng A Páo', 'Lò Thị Mai', 'Sùng Thị Dua']);
      // Writes after the restore are journaled and survive a reopen.
      await b.api.call('people.create', { fullName: 'Mùa Thị Chư', gender: 'female', staffCategory: 'cong_chuc', unitId: session.officeUnitId });
    } finally {
      await b.store.close();
    }
    const again = await open('new-pc');
    expect(again.store.deps.durable?.report.recovered).toBe(false);
    expect((await again.store.deps.db.query('SELECT 1 FROM people')).rows).toHaveLength(4);
    await again.store.close();
  });

  it('refuses a corrupted file and a file that is not a backup, with clear Vietnamese messages, changing nothing', async () => {
    const data = readFileSync(backupPath);
    const broken = Buffer.from(data);
    const middle = Math.floor(broken.length / 2);
    broken.writeUInt8(broken.readUInt8(middle) ^ 0xff, middle);
    writeFileSync(join(usb, 'hong.tdbackup'), broken);
    writeFileSync(join(usb, 'khong-phai.tdbackup'), 'Đây là một tệp văn bản.');
    const e1 = await failure(a.api.call('backup.inspect', { path: join(usb, 'hong.tdbackup') }));
    expect(e1.code).toBe('bad_file');
    expect(e1.message).toContain('Bản sao lưu bị hỏng');
    const e2 = await failure(a.api.call('backup.restore', { path: join(usb, 'khong-phai.tdbackup'), confirmReplace: true }));
    expect(e2.message).toBe('Tệp này không phải là bản sao lưu của phần mềm Thi Đua.');
    const e3 = await failure(a.api.call('backup.restore', { base64: broken.toString('base64'), confirmReplace: true }));
    expect(e3.code).toBe('bad_file');
    expect((await contentHash(a.store.deps.db)).hash).toBe(hashAtBackup);
  });

  it("refuses another office's backup over an office, and asks for confirmation before replacing its own data", async () => {
    const c = await open('other-office');
    try {
      const s = await c.api.call('system.setup', { ...OFFICE_SETUP, office: { ...OFFICE_SETUP.office, name: 'Phòng Tư pháp huyện Sìn Hồ' } });
      c.api.setSession(s.token);
      const foreign = await failure(c.api.call('backup.restore', { path: backupPath, confirmReplace: true }));
      expect(foreign.code).toBe('forbidden');
      expect(foreign.message).toContain('không phải của đơn vị đang dùng phần mềm');
      expect((await c.api.call('backup.inspect', { path: backupPath })).sameOffice).toBe(false);
    } finally {
      await c.store.close();
    }
    const unconfirmed = await failure(a.api.call('backup.restore', { path: backupPath }));
    expect(unconfirmed.code).toBe('conflict');
    expect(unconfirmed.message).toContain('Hãy xác nhận');
  });

  it('restores over its own office after confirmation (web build: download as base64, upload back), keeping the replaced data aside', async () => {
    const download = await a.api.call('backup.download', {});
    const office = (await a.api.call('system.status', {})).office?.id ?? '';
    await a.api.call('people.create', { fullName: 'Người nhập sau bản sao lưu', gender: 'male', staffCategory: 'cong_chuc', unitId: office });
    const restored = await a.api.call('backup.restore', { base64: download.base64, confirmReplace: true });
    expect(restored.verified).toBe(true);
    expect(existsSync(join(restored.replacedFolder, 'db'))).toBe(true);
    expect((await a.store.deps.db.query('SELECT 1 FROM people')).rows).toHaveLength(3);
    // The restorer's session ended: accounts now come from the backup.
    const e = await failure(a.api.call('backup.status', {}));
    expect(e.code).toBe('unauthenticated');
  });
});
