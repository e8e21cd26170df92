import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { DEMO_PASSWORD, DEMO_PEOPLE, DEMO_USERS } from '../../electron/demo/demo-data.js';
import { quietLogger } from '../support/store.js';

let store: Store | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

async function count(s: Store, table: string): Promise<number> {
  const r = await s.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
  return r.rows[0]?.n ?? -1;
}

describe('demo office', () => {
  it('loads the office, its communes, 25 people and three users in one recorded write', async () => {
    store = await openStore({ logger: quietLogger });
    const api = inProcessClient(store);
    const result = await api.call('demo.load', {});
    expect(result).toMatchObject({ units: 6, people: 25 });
    expect(DEMO_PEOPLE).toHaveLength(25);
    api.setSession(result.session.token);

    const status = await api.call('system.status', {});
    expect(status.configured).toBe(true);
    expect(status.office?.name).toBe('Phòng Tư pháp huyện Mường Nhé');

    const units = await api.call('units.list', {});
    expect(units.map((u) => u.name)).toContain('Ủy ban nhân dân xã Leng Su Sìn');
    expect(units.filter((u) => u.parentId === status.office?.id)).toHaveLength(5);

    const people = await api.call('people.list', { includeInactive: true });
    expect(people).toHaveLength(25);
    expect(people.every((p) => p.fullName === p.fullName.normalize('NFC'))).toBe(true);
    expect(people.map((p) => p.fullName)).toContain('Tòng Thị Phương Thảo');
    expect(new Set(people.map((p) => p.staffCategory))).toEqual(
      new Set(['cong_chuc', 'tap_su', 'hop_dong_tu_1_nam', 'hop_dong_khong_xac_dinh', 'hop_dong_duoi_1_nam', 'can_bo']),
    );
    expect((await api.call('people.list', { search: 'nguyen van' })).map((p) => p.fullName)).toEqual(['Nguyễn Văn An']);

    // Every domain row went through the outbox; users stay local; the audit names the demo admin.
    expect(await count(store, 'outbox')).toBe(6 + 25);
    const audit = await store.deps.db.query<{ user_name: string; action: string }>('SELECT DISTINCT user_name, action FROM audit_log');
    expect(audit.rows).toEqual([{ user_name: 'Nguyễn Thị Hồng Nhung', action: 'demo.load' }]);
  });

  it('signs in every demo account with its role', async () => {
    store = await openStore({ logger: quietLogger });
    const api = inProcessClient(store);
    await api.call('demo.load', {});
    for (const u of DEMO_USERS) {
      const s = await api.call('auth.login', { username: u.username, password: DEMO_PASSWORD });
      expect(s.user.role).toBe(u.role);
    }
  });

  it('refuses a second load and writes nothing more', async () => {
    store = await openStore({ logger: quietLogger });
    const api = inProcessClient(store);
    await api.call('demo.load', {});
    const before = [await count(store, 'outbox'), await count(store, 'audit_log'), await count(store, 'people')];
    await expect(api.call('demo.load', {})).rejects.toMatchObject({ code: 'already_configured' });
    expect([await count(store, 'outbox'), await count(store, 'audit_log'), await count(store, 'people')]).toEqual(before);
  });

  it('loads from the command line (npm run demo) and prints the accounts; a second run refuses', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'thidua-demo-cli-'));
    try {
      const run = () => spawnSync(process.execPath, ['dist-electron/cli.mjs', 'demo', '--data', dataDir], { encoding: 'utf8', timeout: 120_000 });
      const first = run();
      expect(first.status, first.stderr).toBe(0);
      expect(first.stdout).toContain('6 đơn vị, 25 người');
      for (const u of DEMO_USERS) expect(first.stdout).toContain(`${u.username} / ${DEMO_PASSWORD}`);
      const second = run();
      expect(second.status).toBe(1);
      expect(second.stderr).toContain('không thể nạp dữ liệu mẫu đè lên');
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
