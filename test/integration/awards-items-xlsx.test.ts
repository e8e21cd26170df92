import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import type { ApiClient } from '../../shared/api/client.js';
import type { Store } from '../../electron/store/open-store.js';
import { configuredStore } from '../support/store.js';
import { addPeople, decisionInput } from '../support/awards.js';

/**
 * A decision's list from a real .xlsx file: the office's own template filled
 * in, and a mail-merge list as offices keep them (a title block above the
 * header, columns named their own way). Lines come back for the editor;
 * nothing is written until the draft is saved.
 */

async function workbook(rows: (string | number | null)[][], sheetName = 'DS'): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet(sheetName);
  for (const r of rows) sheet.addRow(r);
  return Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
}

describe('awards: the decision list from a spreadsheet', () => {
  let store: Store;
  let api: ApiClient;
  let office: string;
  let people: string[];

  beforeAll(async () => {
    ({ store, api, officeUnitId: office } = await configuredStore());
    people = await addPeople(api, office);
  });
  afterAll(async () => {
    await store.close();
  });

  it('reads the filled-in template into lines, people and units found in the records; the saved draft holds them', async () => {
    const template = await api.call('awards.itemsTemplate', {});
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(template.base64, 'base64') as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Danh sách khen thưởng');
    if (!sheet) throw new Error('no list sheet');
    expect(sheet.getRow(1).values).toEqual([undefined, 'STT', 'Họ và tên / Tên tập thể', 'Cá nhân / Tập thể', 'Chức vụ', 'Đơn vị công tác', 'Danh hiệu / hình thức khen thưởng', 'Thành tích']);
    expect(sheet.getRow(2).getCell(1).value).toBe('Ví dụ');
    const fill = [
      // A position in the list is the one printed; none: the records' position.
      [1, 'Lò Thị Bích', 'Cá nhân', 'Trưởng phòng', '', 'Giấy khen', 'Hoàn thành xuất sắc nhiệm vụ năm 2025'],
      // No kind: found among the people; no award: Giấy khen; NFD text reads as NFC.
      [2, 'Giàng A Dình'.normalize('NFD'), '', '', '', '', 'Có thành tích xuất sắc trong công tác hộ tịch'.normalize('NFD')],
      [3, 'Phòng Tư pháp huyện Mường Nhé', 'Tập thể', '', 'Ủy ban nhân dân huyện Mường Nhé', 'Giấy khen', 'Tập thể hoàn thành xuất sắc nhiệm vụ năm 2025'],
      // Without diacritics and in capitals, as some lists are typed.
      [4, 'PHAM DUC MANH', 'ca nhan', '', '', 'lao dong tien tien', 'Hoàn thành tốt nhiệm vụ năm 2025'],
    ];
    fill.forEach((r, i) => {
      r.forEach((v, c) => {
        sheet.getRow(3 + i).getCell(c + 1).value = v;
      });
    });
    const base64 = Buffer.from(await wb.xlsx.writeBuffer()).toString('base64');
    const outbox = (await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]?.n;

    const r = await api.call('awards.parseItemsXlsx', { fileName: 'danh-sach.xlsx', base64 });
    expect(r.issues).toEqual([]);
    const config = await api.call('awards.config', {});
    const kind = (id: string) => config.kinds.find((k) => k.id === id);
    expect(r.items.map((it) => [it.recipientKind, it.personId ?? it.recipientName, kind(it.awardKindId)?.code, it.achievement])).toEqual([
      ['person', people[1], 'GK', 'Hoàn thành xuất sắc nhiệm vụ năm 2025'],
      ['person', people[3], 'GK', 'Có thành tích xuất sắc trong công tác hộ tịch'],
      ['collective', 'Phòng Tư pháp huyện Mường Nhé', 'GK-TT', 'Tập thể hoàn thành xuất sắc nhiệm vụ năm 2025'],
      ['person', people[4], 'LDTT', 'Hoàn thành tốt nhiệm vụ năm 2025'],
    ]);
    // The office's own unit is found: the collective line points at it.
    expect(r.items[2]).toMatchObject({ unitId: office, recipientUnitName: 'Ủy ban nhân dân huyện Mường Nhé' });
    // Reading wrote nothing.
    expect((await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM outbox')).rows[0]?.n).toBe(outbox);

    const input = await decisionInput(api, []);
    const draft = await api.call('awards.createDecision', { ...input, items: r.items });
    expect(draft.items.map((it) => it.recipientName)).toEqual(['Lò Thị Bích', 'Giàng A Dình', 'Phòng Tư pháp huyện Mường Nhé', 'Phạm Đức Mạnh']);
    const recorded = await api.call('people.list', {});
    const positionOf = (id: string | undefined) => recorded.find((p) => p.id === id)?.position ?? null;
    expect(positionOf(people[1])).toBe('Phó Trưởng phòng');
    expect(draft.items.map((it) => it.recipientPosition)).toEqual(['Trưởng phòng', positionOf(people[3]), null, positionOf(people[4])]);
  });

  it('reads a mail-merge list with a title block and its own column names', async () => {
    const base64 = await workbook([
      ['ỦY BAN NHÂN DÂN HUYỆN MƯỜNG NHÉ'],
      ['DANH SÁCH CÁ NHÂN ĐỀ NGHỊ TẶNG GIẤY KHEN NĂM 2025'],
      [],
      ['TT', 'Họ tên', 'Chức danh', 'Đơn vị', 'Hình thức', 'Nội dung thành tích', 'Ghi chú'],
      [1, 'Nguyễn Văn An', 'Trưởng phòng', 'Phòng Tư pháp huyện Mường Nhé', 'Giấy khen', 'Có thành tích xuất sắc năm 2025', 'đã họp xét'],
      [2, 'Tôn Nữ Hoàng Thị Phương Khánh Huyền', '', '', 'GK', 'Có thành tích xuất sắc năm 2025', ''],
    ]);
    const r = await api.call('awards.parseItemsXlsx', { fileName: 'tron-thu.xlsx', base64 });
    expect(r.issues).toEqual([]);
    expect(r.items.map((it) => [it.personId, it.recipientPosition])).toEqual([
      [people[0], 'Trưởng phòng'],
      [people[2], null],
    ]);
  });

  it('reports every bad row by Excel row and column, in Vietnamese, and returns no line', async () => {
    const base64 = await workbook([
      ['STT', 'Họ và tên / Tên tập thể', 'Cá nhân / Tập thể', 'Đơn vị công tác', 'Danh hiệu / hình thức khen thưởng', 'Thành tích', 'Chức vụ'],
      [1, 'Lò Thị Bích', 'Cá nhân', '', 'Giấy khen', 'Hoàn thành xuất sắc nhiệm vụ'],
      [2, 'Nguyễn Văn Không Có', 'Cá nhân', '', 'Giấy khen', 'Hoàn thành xuất sắc nhiệm vụ'],
      [3, 'Lò Thị Bích', 'Cá nhân', '', 'Bằng khen của Thủ tướng', 'Hoàn thành xuất sắc nhiệm vụ'],
      [4, 'Phạm Đức Mạnh', 'Cá nhân', '', 'Tập thể lao động tiên tiến', 'Hoàn thành xuất sắc nhiệm vụ'],
      [5, 'Giàng A Dình', 'Cán bộ', '', 'Giấy khen', ''],
      [6, 'Lò Thị Bích', 'Cá nhân', '', 'Giấy khen', 'Lần thứ hai trong cùng danh sách'],
      [7, '', '', '', 'Giấy khen', 'Thành tích không có tên'],
      [8, 'Phòng Tư pháp huyện Mường Nhé', 'Tập thể', '', 'Giấy khen', 'Tập thể xuất sắc', 'Trưởng phòng'],
    ]);
    const r = await api.call('awards.parseItemsXlsx', { fileName: 'sai.xlsx', base64 });
    expect(r.items).toEqual([]);
    expect(r.issues.map((i) => [i.row, i.column, i.message])).toEqual([
      [3, 'Họ và tên / Tên tập thể', '"Nguyễn Văn Không Có" chưa có trong danh mục cán bộ. Hãy thêm người này ở Danh mục › Cán bộ (hoặc kiểm tra chính tả họ tên) rồi nhập lại.'],
      [4, 'Danh hiệu / hình thức khen thưởng', expect.stringMatching(/^"Bằng khen của Thủ tướng" không có trong danh mục danh hiệu, hình thức \(dành cho cá nhân: .*Giấy khen/u)],
      [5, 'Danh hiệu / hình thức khen thưởng', '"Tập thể lao động tiên tiến" chỉ dành cho tập thể, nhưng dòng này là cá nhân.'],
      [6, 'Cá nhân / Tập thể', '"Cán bộ" không hợp lệ; ghi Cá nhân hoặc Tập thể.'],
      [6, 'Thành tích', 'Thiếu nội dung thành tích.'],
      [7, 'Họ và tên / Tên tập thể', '"Lò Thị Bích" với "Giấy khen" đã có ở dòng 2.'],
      [8, 'Họ và tên / Tên tập thể', 'Thiếu họ tên người hoặc tên tập thể được khen.'],
      [9, 'Chức vụ', 'Tập thể không ghi chức vụ; hãy để trống ô này (hoặc ghi "Cá nhân" nếu "Phòng Tư pháp huyện Mường Nhé" là một người).'],
    ]);
  });

  it('tells two namesakes apart by their unit, and asks for it when it is missing', async () => {
    const commune = await api.call('units.create', { name: 'UBND xã Chung Chải', shortName: null, level: 'commune_committee', parentId: office, validFrom: null, validTo: null, placeName: 'Chung Chải', province: 'Điện Biên', parentName: null });
    const namesake = await api.call('people.create', { fullName: 'Nguyễn Văn An', gender: 'male', position: 'Công chức Tư pháp - Hộ tịch', unitId: commune.id, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null });
    const header = ['STT', 'Họ và tên', 'Đơn vị công tác', 'Thành tích'];
    const found = await api.call('awards.parseItemsXlsx', { fileName: 'a.xlsx', base64: await workbook([header, [1, 'Nguyễn Văn An', 'UBND xã Chung Chải', 'Có thành tích']]) });
    expect(found.issues).toEqual([]);
    expect(found.items[0]?.personId).toBe(namesake.id);
    const ambiguous = await api.call('awards.parseItemsXlsx', { fileName: 'b.xlsx', base64: await workbook([header, [1, 'Nguyễn Văn An', '', 'Có thành tích']]) });
    expect(ambiguous.issues).toEqual([{ row: 2, column: 'Đơn vị công tác', message: 'Có 2 người tên "Nguyễn Văn An" trong danh mục cán bộ; hãy ghi đơn vị công tác để phân biệt.' }]);
  });

  it('refuses a file that is not a spreadsheet, or has no header, in Vietnamese', async () => {
    const notXlsx = await api.call('awards.parseItemsXlsx', { fileName: 'x.xlsx', base64: Buffer.from('không phải excel').toString('base64') });
    expect(notXlsx.issues[0]?.message).toMatch(/^Tệp không phải bảng tính Excel \.xlsx hợp lệ/u);
    const noHeader = await api.call('awards.parseItemsXlsx', { fileName: 'y.xlsx', base64: await workbook([['Danh sách'], ['Nguyễn Văn An', 'Giấy khen']]) });
    expect(noHeader.issues[0]?.message).toMatch(/^Không tìm thấy dòng tiêu đề có cột "Họ và tên \/ Tên tập thể" và cột "Thành tích"/u);
  });
});
