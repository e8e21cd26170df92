import { describe, expect, it } from 'vitest';
import type { Entry } from '../../shared/sync/protocol.js';
import { hostileEntry, recordLabel, REFUSAL_CODES, REFUSAL_TEXT, screenBatch, screenEntry } from '../../shared/sync/refusals.js';

const UNIT = 'unit-a';

function entry(over: Partial<Entry> = {}, row: Record<string, unknown> = {}): Entry {
  const base = { seq: 7, table: 'people', id: 'p1', owner: UNIT, version: 2, op: 'update' as const };
  const e = { ...base, ...over };
  return { ...e, row: { id: e.id, owner_unit_id: e.owner, version: e.version, full_name: 'Lò Văn Sáng', ...row } };
}

describe('screenEntry: what the hub refuses one by one', () => {
  const cases: { name: string; e: Entry; code: string | null }[] = [
    { name: 'a plain row of the office', e: entry(), code: null },
    { name: 'a table the hub does not know (newer office app)', e: entry({ table: 'bang_moi' }), code: 'unknown_table' },
    { name: 'a local table', e: entry({ table: 'users' }), code: 'unknown_table' },
    { name: 'a column the hub does not know', e: entry({}, { cot_moi: 1 }), code: 'unknown_column' },
    { name: 'row owned by another unit', e: entry({ owner: 'unit-b' }), code: 'scope' },
    { name: 'row id differs from the entry', e: { ...entry(), row: { ...entry().row, id: 'p2' } }, code: 'mismatch' },
    { name: 'row version differs from the entry', e: { ...entry(), row: { ...entry().row, version: 9 } }, code: 'mismatch' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(screenEntry(c.e, UNIT)?.code ?? null).toBe(c.code);
    });
  }

  it('splits a batch keeping order and names each refused seq', () => {
    const batch = [entry({ seq: 1, id: 'a' }), entry({ seq: 2, id: 'b', table: 'bang_moi' }), entry({ seq: 3, id: 'c' })];
    const r = screenBatch(batch, UNIT);
    expect(r.accepted.map((e) => e.seq)).toEqual([1, 3]);
    expect(r.refused).toEqual([{ seq: 2, table: 'bang_moi', id: 'b', version: 2, code: 'unknown_table', detail: 'bang_moi' }]);
  });
});

describe('hostileEntry: what refuses the whole request', () => {
  const cases: { name: string; e: Entry; code: string | null }[] = [
    { name: 'a plain row', e: entry(), code: null },
    { name: 'an unknown table is not hostile (version skew)', e: entry({ table: 'bang_moi' }), code: null },
    { name: 'a row claimed for another unit', e: entry({ owner: 'unit-b' }), code: 'scope' },
    { name: 'entry owner right, row owner wrong', e: { ...entry(), row: { ...entry().row, owner_unit_id: 'unit-b' } }, code: 'scope' },
    { name: 'row id differs', e: { ...entry(), row: { ...entry().row, id: 'x' } }, code: 'bad_request' },
    { name: 'a local table (user accounts)', e: entry({ table: 'users' }), code: 'bad_request' },
  ];
  for (const c of cases) {
    it(c.name, () => {
      expect(hostileEntry([c.e], UNIT)?.code ?? null).toBe(c.code);
    });
  }
});

describe('labels and texts', () => {
  it.each([
    ['people', { full_name: 'Lò Văn Sáng' }, 'Cán bộ: Lò Văn Sáng'],
    ['units', { name: 'Phòng Tư pháp huyện Mường Nhé' }, 'Đơn vị: Phòng Tư pháp huyện Mường Nhé'],
    ['award_items', { recipient_name: 'Quàng Thị Mai' }, 'Người/tập thể được khen: Quàng Thị Mai'],
    ['people', {}, 'Cán bộ'],
    ['bang_moi', null, 'Bản ghi (bang_moi)'],
  ])('%s %j → %s', (table, row, label) => {
    expect(recordLabel(table, row)).toBe(label);
  });

  it('every refusal code has a Vietnamese reason and a next step', () => {
    for (const code of REFUSAL_CODES) {
      expect(REFUSAL_TEXT[code].why.length).toBeGreaterThan(20);
      expect(REFUSAL_TEXT[code].todo.length).toBeGreaterThan(20);
    }
  });
});
