import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPeopleTemplate, buildPeopleWorkbook, parsePeopleWorkbook } from '../../electron/people/xlsx.js';
import type { UnitRow } from '../../electron/handlers/rows.js';
import type { Person } from '../../shared/domain/people.js';
import { configuredStore } from '../support/store.js';
import type { Store } from '../../electron/store/open-store.js';
import type { ApiClient } from '../../shared/api/client.js';

const TODAY = '2026-11-23';
const HEADERS = ['STT', 'Họ và tên', 'Giới tính', 'Ngày sinh', 'Chức vụ', 'Loại cán bộ', 'Đơn vị', 'Ngày bắt đầu công tác', 'Ghi chú'];

function unit(id: string, name: string, shortName: string | null = null): UnitRow {
  return {
    id,
    owner_unit_id: 'u-office',
    parent_id: null,
    name,
    short_name: shortName,
    level: 'commune_committee',
    parent_name: null,
    province: 'Điện Biên',
    place_name: null,
    valid_from: null,
    valid_to: null,
    status: 'active',
    version: 1,
    updated_at: '2026-01-01T00:00:00.000Z',
  };
}

const UNITS = [
  unit('u-office', 'Phòng Tư pháp huyện Mường Nhé', 'PTP'),
  unit('u-mt', 'Ủy ban nhân dân xã Mường Toong', 'UBND xã Mường Toong'),
  unit('u-cc', 'Ủy ban nhân dân xã Chung Chải'),
];

type CellInput = string | number | Date | null;

/** A workbook with the template's header and the given rows (row 2 onwards), as an office might type it. */
async function sheetWith(rows: CellInput[][], headers: string[] = HEADERS, before: CellInput[][] = []): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet('Danh sách');
  for (const r of before) ws.addRow(r);
  ws.addRow(headers);
  for (const r of rows) ws.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function load(buffer: Buffer): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  return wb;
}

const GOOD: CellInput[] = [1, 'Tòng Thị Phương Thảo', 'Nữ', '28/02/1992', 'Chuyên viên', 'Công chức', 'Phòng Tư pháp huyện Mường Nhé', '01/04/2016', null];

describe('people import template', () => {
  it('has the header, an example row, drop-downs from a hidden sheet and a guide', async () => {
    const wb = await load(await buildPeopleTemplate(['Phòng Tư pháp huyện Mường Nhé', 'Ủy ban nhân dân xã Mường Toong, Nậm Kè']));
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Danh sách', 'visible'],
      ['Hướng dẫn', 'visible'],
      ['DanhMuc', 'hidden'],
    ]);
    const ws = wb.getWorksheet('Danh sách');
    if (!ws) throw new Error('no list sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual(HEADERS);
    expect(ws.getCell('A2').value).toBe('Ví dụ');
    const lists = wb.getWorksheet('DanhMuc');
    const gender = ws.getCell('C10').dataValidation;
    expect(gender).toMatchObject({ type: 'list', formulae: ['DanhMuc!$A$1:$A$2'] });
    expect([lists?.getCell('A1').value, lists?.getCell('A2').value]).toEqual(['Nam', 'Nữ']);
    expect(ws.getCell('F10').dataValidation?.formulae).toEqual(['DanhMuc!$B$1:$B$8']);
    expect(lists?.getCell('E1').value ?? null).toBeNull();
    const categories = Array.from({ length: 8 }, (_, i) => lists?.getCell(i + 1, 2).value);
    expect(categories).toContain('Hợp đồng từ 01 năm trở lên');
    expect(categories).toContain('Tập sự');
    expect(ws.getCell('G300').dataValidation?.formulae).toEqual(['DanhMuc!$C$1:$C$2']);
    expect(lists?.getCell('C2').value).toBe('Ủy ban nhân dân xã Mường Toong, Nậm Kè');
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const guide = wb.getWorksheet('Hướng dẫn');
    expect(String(guide?.getCell('A1').value)).toContain('HƯỚNG DẪN');
  });

  it('reads back a filled-in template and skips its example row', async () => {
    const wb = await load(await buildPeopleTemplate(UNITS.map((u) => u.name)));
    const ws = wb.getWorksheet('Danh sách');
    if (!ws) throw new Error('no list sheet');
    ws.getRow(3).values = GOOD;
    ws.getRow(4).values = [2, 'Sùng A Dở', 'Nam', '10/10/1990', 'Công chức Tư pháp – Hộ tịch', 'Công chức', 'Ủy ban nhân dân xã Mường Toong', '15/09/2014'];
    const result = await parsePeopleWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), UNITS, TODAY);
    expect(result.issues).toEqual([]);
    expect(result.people.map((p) => [p.fullName, p.unitId, p.birthDate])).toEqual([
      ['Tòng Thị Phương Thảo', 'u-office', '1992-02-28'],
      ['Sùng A Dở', 'u-mt', '1990-10-10'],
    ]);
  });
});

describe('parsePeopleWorkbook: tolerant reading', () => {
  it.each<[string, CellInput[], Partial<Record<string, unknown>>]>([
    ['template labels', GOOD, { fullName: 'Tòng Thị Phương Thảo', gender: 'female', birthDate: '1992-02-28', staffCategory: 'cong_chuc', unitId: 'u-office', startDate: '2016-04-01', status: 'working', note: null }],
    ['real Excel dates', [1, 'Lò Văn Ơn', 'Nam', new Date(Date.UTC(1987, 3, 14)), null, 'Công chức', 'PTP', new Date(Date.UTC(2012, 4, 2)), null], { birthDate: '1987-04-14', startDate: '2012-05-02', unitId: 'u-office', position: null }],
    ['Excel serial numbers', [1, 'Lò Văn Ơn', 'Nam', 32_247, null, 'Công chức', 'PTP', null, null], { birthDate: '1988-04-14', startDate: null }],
    ['d/m/yyyy without padding, dots and dashes', [1, 'Lò Văn Ơn', 'nam', '5.1.1990', null, 'cong chuc', 'ptp', '1-9-2012', null], { birthDate: '1990-01-05', startDate: '2012-09-01' }],
    ['ISO text dates', [1, 'Lò Văn Ơn', 'Nam', '1990-01-05', null, 'Công chức', 'PTP', null, null], { birthDate: '1990-01-05' }],
    ['labels in any case, without diacritics', [1, 'Vì Thị Hương', 'NU', null, null, 'HOP DONG TU 01 NAM TRO LEN', 'uy ban nhan dan xa chung chai', null, null], { gender: 'female', staffCategory: 'hop_dong_tu_1_nam', unitId: 'u-cc', birthDate: null }],
    ['unit by short name', [1, 'Vì Thị Hương', 'Nữ', null, null, 'Tập sự', 'UBND XÃ MƯỜNG TOONG', null, null], { unitId: 'u-mt', staffCategory: 'tap_su' }],
    ['NFD text and extra spaces become NFC', [1, '  Nguyễn   Thị Hồng Nhung '.normalize('NFD'), 'Nữ', null, 'Chuyên viên'.normalize('NFD'), 'Công chức'.normalize('NFD'), 'Phòng Tư pháp huyện Mường Nhé'.normalize('NFD'), null, null], { fullName: 'Nguyễn Thị Hồng Nhung', position: 'Chuyên viên' }],
  ])('%s', async (_name, row, expected) => {
    const result = await parsePeopleWorkbook(await sheetWith([row]), UNITS, TODAY);
    expect(result.issues).toEqual([]);
    expect(result.people).toHaveLength(1);
    expect(result.people[0]).toMatchObject(expected);
  });

  it('finds the header below a title block, in any column order, and ignores unknown columns', async () => {
    const headers = ['Họ và tên (*)', 'Đơn vị công tác', 'Loại cán bộ', 'Giới tính', 'Số CCCD', 'Ngày sinh'];
    const buffer = await sheetWith([['Hoàng Văn Thượng', 'PTP', 'Công chức', 'Nam', '011223344', '12/03/1974']], headers, [['DANH SÁCH CÁN BỘ NĂM 2026'], []]);
    const result = await parsePeopleWorkbook(buffer, UNITS, TODAY);
    expect(result.issues).toEqual([]);
    expect(result.people[0]).toMatchObject({ fullName: 'Hoàng Văn Thượng', unitId: 'u-office', birthDate: '1974-03-12', gender: 'male' });
  });

  it('defaults an empty unit to the only unit of a one-unit office', async () => {
    const result = await parsePeopleWorkbook(await sheetWith([[1, 'Lò Văn Ơn', 'Nam', null, null, 'Công chức', null, null, null]]), [UNITS[0] as UnitRow], TODAY);
    expect(result.issues).toEqual([]);
    expect(result.people[0]?.unitId).toBe('u-office');
  });

  it('skips blank rows and the template example row', async () => {
    const example: CellInput[] = ['Ví dụ', 'Nguyễn Văn Mẫu', 'Nam', '01/01/1990', null, 'Công chức', 'PTP', null, null];
    const result = await parsePeopleWorkbook(await sheetWith([example, [], [null, null, null], GOOD]), UNITS, TODAY);
    expect(result.issues).toEqual([]);
    expect(result.people.map((p) => p.fullName)).toEqual(['Tòng Thị Phương Thảo']);
  });
});

describe('parsePeopleWorkbook: every problem by row and column', () => {
  function withCell(column: number, value: CellInput): CellInput[] {
    const row = [...GOOD];
    row[column] = value;
    return row;
  }
  it.each<[string, CellInput[], string, string]>([
    ['missing name', withCell(1, null), 'Họ và tên', 'Thiếu họ và tên.'],
    ['digits in a name', withCell(1, '12/03/1974'), 'Họ và tên', 'Họ và tên "12/03/1974" có chữ số'],
    ['missing gender', withCell(2, null), 'Giới tính', 'Thiếu giới tính (ghi Nam hoặc Nữ).'],
    ['unknown gender', withCell(2, 'Khác'), 'Giới tính', 'Giới tính "Khác" không hợp lệ; ghi Nam hoặc Nữ.'],
    ['a date that does not exist', withCell(3, '30/02/1990'), 'Ngày sinh', 'Ngày sinh 30/02/1990 không có thật.'],
    ['an unreadable date', withCell(3, 'năm 1990'), 'Ngày sinh', 'Ngày sinh "năm 1990" không đọc được'],
    ['a year alone', withCell(3, 1990), 'Ngày sinh', 'Ngày sinh chỉ ghi năm (1990)'],
    ['a two-digit year', withCell(3, '05/01/90'), 'Ngày sinh', 'hãy ghi năm đủ 4 chữ số'],
    ['a year before 1900', withCell(3, '05/01/1890'), 'Ngày sinh', 'năm phải từ 1900 đến 2200'],
    ['a birth date in the future', withCell(3, '01/01/2030').map((v, i) => (i === 7 ? null : v)), 'Ngày sinh', 'Ngày sinh 01/01/2030 ở tương lai.'],
    ['a start date before birth', withCell(7, '01/01/1991'), 'Ngày bắt đầu công tác', 'Ngày bắt đầu công tác 01/01/1991 phải sau ngày sinh 28/02/1992.'],
    ['missing category', withCell(5, null), 'Loại cán bộ', 'Thiếu loại cán bộ'],
    ['unknown category', withCell(5, 'Biên chế'), 'Loại cán bộ', 'Loại cán bộ "Biên chế" không có trong danh mục'],
    ['missing unit', withCell(6, null), 'Đơn vị', 'Thiếu đơn vị'],
    ['unknown unit', withCell(6, 'Phòng X'), 'Đơn vị', 'Đơn vị "Phòng X" không có trong danh mục đơn vị của phần mềm.'],
    ['a name too long for the schema', withCell(1, `Nguyễn ${'Thị '.repeat(40)}Nhung`), 'Họ và tên', 'Họ và tên: dài quá 120 ký tự.'],
    ['a formula error', withCell(4, { error: '#N/A' } as unknown as CellInput), 'Chức vụ', 'Chức vụ: ô có lỗi công thức (#N/A).'],
  ])('%s', async (_name, row, column, message) => {
    const result = await parsePeopleWorkbook(await sheetWith([GOOD.map((v, i) => (i === 1 ? 'Lò Văn Ơn' : v)), row]), UNITS, TODAY);
    expect(result.people).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]).toMatchObject({ row: 3, column });
    expect(result.issues[0]?.message).toContain(message);
  });

  it('reports every bad row, not just the first, and returns no person', async () => {
    const rows: CellInput[][] = [GOOD, [2, null, 'Nam', null, null, 'Công chức', 'PTP'], [3, 'Sùng A Dở', 'X', '31/04/1990', null, 'Công chức', 'Phòng Y']];
    const result = await parsePeopleWorkbook(await sheetWith(rows), UNITS, TODAY);
    expect(result.people).toEqual([]);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [3, 'Họ và tên'],
      [4, 'Giới tính'],
      [4, 'Đơn vị'],
      [4, 'Ngày sinh'],
    ]);
  });

  it('reports a person listed twice (same name, diacritics aside, and birth date)', async () => {
    const twice = [2, 'TÒNG THỊ PHƯƠNG THẢO', 'Nữ', new Date(Date.UTC(1992, 1, 28)), null, 'Công chức', 'PTP', null, null];
    const result = await parsePeopleWorkbook(await sheetWith([GOOD, twice]), UNITS, TODAY);
    expect(result.issues).toEqual([{ row: 3, column: 'Họ và tên', message: '"TÒNG THỊ PHƯƠNG THẢO" sinh ngày 28/02/1992 trùng với dòng 2 (cùng họ tên và ngày sinh).' }]);
    const sameNameOtherBirth = await parsePeopleWorkbook(await sheetWith([GOOD, [2, 'Tòng Thị Phương Thảo', 'Nữ', '01/01/1995', null, 'Công chức', 'PTP']]), UNITS, TODAY);
    expect(sameNameOtherBirth.issues).toEqual([]);
    expect(sameNameOtherBirth.people).toHaveLength(2);
  });

  it.each<[string, () => Promise<Buffer>, string]>([
    ['bytes that are not a workbook', async () => Buffer.from('STT,Họ và tên\n1,An\n'), 'không phải bảng tính Excel .xlsx'],
    ['an empty buffer', async () => Buffer.alloc(0), 'không phải bảng tính Excel .xlsx'],
    ['a workbook without the header', async () => sheetWith([['An', 'Bình']], ['Cột A', 'Cột B']), 'Không tìm thấy dòng tiêu đề'],
    ['a header with no rows below it', async () => sheetWith([]), 'không có dòng dữ liệu nào'],
  ])('a file that is not a people list gives one issue on row 1: %s', async (_name, make, message) => {
    const result = await parsePeopleWorkbook(await make(), UNITS, TODAY);
    expect(result.people).toEqual([]);
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]?.row).toBe(1);
    expect(result.issues[0]?.message).toContain(message);
  });

  it('names each required column missing from the header', async () => {
    const result = await parsePeopleWorkbook(await sheetWith([['Lò Văn Ơn', '01/01/1990']], ['Họ và tên', 'Ngày sinh']), UNITS, TODAY);
    expect(result.issues.map((i) => [i.row, i.column])).toEqual([
      [1, 'Giới tính'],
      [1, 'Loại cán bộ'],
      [1, 'Đơn vị'],
    ]);
    expect(result.issues[0]?.message).toContain('Thiếu cột "Giới tính"');
  });
});

describe('people export', () => {
  const people: Person[] = [
    { id: 'p1', ownerUnitId: 'u-office', unitId: 'u-office', fullName: 'Lò Thị Xuân Quỳnh', gender: 'female', birthDate: '1983-11-05', position: 'Phó Trưởng phòng', staffCategory: 'cong_chuc', startDate: '2006-03-01', status: 'working', note: null, version: 1, updatedAt: '' },
    { id: 'p2', ownerUnitId: 'u-office', unitId: 'u-mt', fullName: 'Lò Văn Cương', gender: 'male', birthDate: null, position: null, staffCategory: 'hop_dong_duoi_1_nam', startDate: '2024-09-03', status: 'on_leave', note: 'Nghỉ ốm dài ngày', version: 3, updatedAt: '' },
  ];
  const names = new Map(UNITS.map((u) => [u.id, u.name]));

  it('writes a formatted list: header, labels, dd/mm/yyyy dates, widths, frozen header, autofilter', async () => {
    const wb = await load(await buildPeopleWorkbook(people, names));
    const ws = wb.worksheets[0];
    if (!ws) throw new Error('no sheet');
    expect((ws.getRow(1).values as unknown[]).slice(1)).toEqual([...HEADERS.slice(0, 8), 'Trạng thái', 'Ghi chú']);
    expect(ws.getCell('A1').font?.bold).toBe(true);
    expect((ws.getRow(2).values as unknown[]).slice(1)).toEqual([1, 'Lò Thị Xuân Quỳnh', 'Nữ', new Date(Date.UTC(1983, 10, 5)), 'Phó Trưởng phòng', 'Công chức', 'Phòng Tư pháp huyện Mường Nhé', new Date(Date.UTC(2006, 2, 1)), 'Đang công tác']);
    expect(ws.getCell('D2').numFmt).toBe('dd/mm/yyyy');
    expect(ws.getCell('I3').value).toBe('Nghỉ dài hạn');
    expect(ws.getCell('F3').value).toBe('Hợp đồng dưới 01 năm');
    expect(ws.getCell('D3').value ?? null).toBeNull();
    expect(ws.getColumn(2).width).toBeGreaterThanOrEqual(25);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
  });

  it('reads back through the import into the same people', async () => {
    const result = await parsePeopleWorkbook(await buildPeopleWorkbook(people, names), UNITS, TODAY);
    expect(result.issues).toEqual([]);
    expect(result.people).toEqual(
      people.map((p) => ({ fullName: p.fullName, gender: p.gender, birthDate: p.birthDate, position: p.position, staffCategory: p.staffCategory, unitId: p.unitId, startDate: p.startDate, status: p.status, note: p.note })),
    );
  });
});

describe('people.importXlsx through the dispatcher', () => {
  let store: Store;
  let api: ApiClient;
  let office: string;
  beforeAll(async () => {
    ({ store, api, officeUnitId: office } = await configuredStore());
  });
  afterAll(async () => {
    await store.close();
  });

  async function counts(): Promise<number[]> {
    const out: number[] = [];
    for (const t of ['people', 'outbox', 'audit_log']) {
      out.push((await store.deps.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${t}`)).rows[0]?.n ?? -1);
    }
    return out;
  }
  const asFile = (buffer: Buffer) => ({ fileName: 'danh-sach.xlsx', base64: buffer.toString('base64') });

  it('a rejected file writes nothing: people, outbox and audit unchanged', async () => {
    const before = await counts();
    const good = GOOD.map((v, i) => (i === 6 ? 'Phòng Tư pháp huyện Mường Nhé' : v));
    const result = await api.call('people.importXlsx', asFile(await sheetWith([good, [2, 'Sùng A Dở', 'Nam', '30/02/1990', null, 'Công chức', 'Phòng X']])));
    expect(result.created).toBe(0);
    expect(result.issues).toEqual([
      { row: 3, column: 'Đơn vị', message: 'Đơn vị "Phòng X" không có trong danh mục đơn vị của phần mềm.' },
      { row: 3, column: 'Ngày sinh', message: 'Ngày sinh 30/02/1990 không có thật.' },
    ]);
    expect(await counts()).toEqual(before);
    const notXlsx = await api.call('people.importXlsx', { fileName: 'x.xlsx', base64: Buffer.from('hello').toString('base64') });
    expect(notXlsx.created).toBe(0);
    expect(notXlsx.issues).toHaveLength(1);
    expect(await counts()).toEqual(before);
  });

  it('a good file (the downloaded template, filled in) writes every row with outbox and audit', async () => {
    const template = await api.call('people.importTemplate', {});
    expect(template.fileName).toMatch(/\.xlsx$/u);
    const wb = await load(Buffer.from(template.base64, 'base64'));
    const ws = wb.getWorksheet('Danh sách');
    if (!ws) throw new Error('no list sheet');
    ws.getRow(3).values = GOOD;
    ws.getRow(4).values = [2, 'Sùng A Dở', 'Nam', '10/10/1990', 'Công chức Tư pháp – Hộ tịch', 'Công chức', 'Phòng Tư pháp huyện Mường Nhé', '15/09/2014'];
    const before = await counts();
    const result = await api.call('people.importXlsx', asFile(Buffer.from(await wb.xlsx.writeBuffer())));
    expect(result).toEqual({ created: 2, issues: [] });
    const after = await counts();
    expect(after[0]).toBe((before[0] ?? 0) + 2);
    expect(after[1]).toBe((before[1] ?? 0) + 2);
    expect(after[2]).toBe((before[2] ?? 0) + 2);
    const list = await api.call('people.list', { search: 'sung a do' });
    expect(list.map((p) => [p.fullName, p.unitId])).toEqual([['Sùng A Dở', office]]);

    const exported = await api.call('people.exportXlsx', {});
    const out = await load(Buffer.from(exported.base64, 'base64'));
    const names = out.worksheets[0]?.getColumn(2).values.slice(2);
    // Sorted the Vietnamese way: given name first (Dở before Thảo).
    expect(names).toEqual(['Sùng A Dở', 'Tòng Thị Phương Thảo']);
  });
});
