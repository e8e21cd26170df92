import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { configuredStore } from '../support/store.js';
import type { Store } from '../../electron/store/open-store.js';
import type { ApiClient } from '../../shared/api/client.js';
import { ApiError } from '../../shared/api/errors.js';

describe('office store: writes carry outbox and audit rows', () => {
  let store: Store;
  let api: ApiClient;
  let office: string;
  beforeAll(async () => {
    ({ store, api, officeUnitId: office } = await configuredStore());
  });
  afterAll(async () => store.close());

  it('creates a person with NFC text, one outbox row and an audit row naming the user', async () => {
    const nfd = 'Nguyễn Thị Hương'.normalize('NFD');
    const p = await api.call('people.create', { fullName: `  ${nfd} `, gender: 'female', staffCategory: 'cong_chuc', unitId: office, birthDate: '1990-02-03', status: 'working' });
    expect(p.fullName).toBe('Nguyễn Thị Hương'.normalize('NFC'));
    expect(p.ownerUnitId).toBe(office);
    const outbox = await store.deps.db.query<{ table_name: string; version: number; payload: { full_name: string } }>("SELECT * FROM outbox WHERE row_id = $1", [p.id]);
    expect(outbox.rows).toHaveLength(1);
    expect(outbox.rows[0]?.payload.full_name).toBe('Nguyễn Thị Hương');
    const audit = await store.deps.db.query<{ user_name: string; action: string }>('SELECT * FROM audit_log WHERE row_id = $1', [p.id]);
    expect(audit.rows.map((r) => [r.user_name, r.action])).toEqual([['Lò Văn Thành', 'people.create']]);
  });

  it('refuses an invalid input with a Vietnamese message and writes nothing', async () => {
    const before = await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    const error = await api.call('people.create', { fullName: '   ', gender: 'female', staffCategory: 'cong_chuc', unitId: office }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('invalid_input');
    expect((error as ApiError).message).toContain('Họ và tên: không được để trống');
    const after = await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox');
    expect(after.rows[0]?.n).toBe(before.rows[0]?.n);
  });

  it('refuses a stale edit (optimistic version check)', async () => {
    const p = await api.call('people.create', { fullName: 'Giàng A Páo', gender: 'male', staffCategory: 'vien_chuc', unitId: office });
    await api.call('people.update', { ...p, position: 'Chuyên viên', expectedVersion: 1, birthDate: null, startDate: null, note: null });
    const stale = await api.call('people.update', { ...p, position: 'Trưởng phòng', expectedVersion: 1, birthDate: null, startDate: null, note: null }).catch((e: unknown) => e);
    expect((stale as ApiError).code).toBe('conflict');
  });
});
