import { foldHeader, foldVietnamese } from '../vi/search.js';
import type { AwardKind } from './types.js';

/**
 * The list of a decision read from a spreadsheet (the list an office already
 * keeps in Excel for its mail merge): each row becomes an award line, with
 * the person or unit found in the office's records. Pure: the reader of the
 * .xlsx file hands over the header's columns and each row's texts.
 */

export type ItemColumnKey = 'stt' | 'name' | 'kind' | 'position' | 'award' | 'achievement' | 'unit';

export interface ItemColumn {
  key: ItemColumnKey;
  header: string;
  width: number;
  /** Folded header texts also accepted (lists made for mail merge name their columns many ways). */
  aliases: readonly string[];
}

export const ITEM_COLUMNS: readonly ItemColumn[] = [
  { key: 'stt', header: 'STT', width: 6, aliases: ['tt', 'so thu tu'] },
  { key: 'name', header: 'Họ và tên / Tên tập thể', width: 34, aliases: ['ho va ten', 'ho ten', 'ten tap the', 'ca nhan, tap the', 'ten ca nhan, tap the', 'nguoi duoc khen', 'ten'] },
  { key: 'kind', header: 'Cá nhân / Tập thể', width: 13, aliases: ['doi tuong', 'loai', 'ca nhan/tap the'] },
  { key: 'position', header: 'Chức vụ', width: 22, aliases: ['chuc danh', 'chuc vu, chuc danh', 'chuc vu hien nay'] },
  { key: 'unit', header: 'Đơn vị công tác', width: 34, aliases: ['don vi', 'co quan, don vi', 'noi cong tac'] },
  { key: 'award', header: 'Danh hiệu / hình thức khen thưởng', width: 30, aliases: ['danh hieu', 'hinh thuc', 'hinh thuc khen thuong', 'danh hieu, hinh thuc'] },
  { key: 'achievement', header: 'Thành tích', width: 60, aliases: ['noi dung thanh tich', 'thanh tich dat duoc', 'ly do khen'] },
];

export const ITEMS_EXAMPLE_MARK = 'Ví dụ';

const BY_HEADER = new Map<string, ItemColumnKey>(
  ITEM_COLUMNS.flatMap((c) => [[foldHeader(c.header), c.key] as const, ...c.aliases.map((a) => [foldHeader(a), c.key] as const)]),
);

export function itemColumnForHeader(text: string): ItemColumnKey | null {
  return BY_HEADER.get(foldHeader(text)) ?? null;
}

export function itemColumnHeader(key: ItemColumnKey): string {
  return ITEM_COLUMNS.find((c) => c.key === key)?.header ?? key;
}

export interface ImportedItem {
  recipientKind: 'person' | 'collective';
  personId: string | null;
  unitId: string | null;
  recipientName: string | null;
  /** As the list gives it (printed on the certificate); null: the person's position in the records. */
  recipientPosition: string | null;
  recipientUnitName: string | null;
  awardKindId: string;
  achievement: string;
}

export interface ItemsImportIssue {
  /** 1-based row number as Excel shows it. */
  row: number;
  column: string;
  message: string;
}

export interface ItemsImportResult {
  /** Empty whenever there is an issue: a list is taken whole or not at all. */
  items: ImportedItem[];
  issues: ItemsImportIssue[];
}

export interface ItemsImportContext {
  people: readonly { id: string; fullName: string; unitId: string; position: string | null }[];
  units: readonly { id: string; name: string; shortName: string | null }[];
  kinds: readonly AwardKind[];
}

export interface SheetRow {
  row: number;
  text(key: ItemColumnKey): string;
}

const KIND_BY_TEXT = new Map<string, 'person' | 'collective'>([
  ['ca nhan', 'person'],
  ['canhan', 'person'],
  ['tap the', 'collective'],
  ['tapthe', 'collective'],
]);

/** A row's award: by code ("GK") or by name ("Giấy khen"), for that subject; the only Giấy khen of the subject when the cell is empty. */
function findKind(kinds: readonly AwardKind[], text: string, subject: 'person' | 'collective'): AwardKind | undefined {
  const active = kinds.filter((k) => k.active && k.subject === subject);
  if (!text) return active.find((k) => foldVietnamese(k.name) === 'giay khen');
  const folded = foldVietnamese(text);
  return active.find((k) => foldVietnamese(k.code) === folded) ?? active.find((k) => foldVietnamese(k.name) === folded);
}

function kindNames(kinds: readonly AwardKind[], subject: 'person' | 'collective'): string {
  return kinds
    .filter((k) => k.active && k.subject === subject)
    .map((k) => k.name)
    .join('; ');
}

/**
 * Rows → award lines. A person must be in the office's records (their
 * commendation history hangs on the record): found by full name, with the
 * unit column telling two namesakes apart. A collective is found among the
 * units by name, or kept as typed (a collective outside the unit tree).
 */
export function importItemRows(rows: readonly SheetRow[], ctx: ItemsImportContext): ItemsImportResult {
  const issues: ItemsImportIssue[] = [];
  const items: ImportedItem[] = [];
  const peopleByName = new Map<string, ItemsImportContext['people'][number][]>();
  for (const p of ctx.people) {
    const k = foldVietnamese(p.fullName);
    peopleByName.set(k, [...(peopleByName.get(k) ?? []), p]);
  }
  const unitsByName = new Map<string, ItemsImportContext['units'][number][]>();
  for (const u of ctx.units) {
    for (const n of new Set([u.name, u.shortName].filter((x): x is string => !!x).map(foldVietnamese))) unitsByName.set(n, [...(unitsByName.get(n) ?? []), u]);
  }
  const unitName = new Map(ctx.units.map((u) => [u.id, u.name]));
  const seen = new Map<string, number>();

  for (const r of rows) {
    const rowIssues: ItemsImportIssue[] = [];
    const problem = (key: ItemColumnKey, message: string) => rowIssues.push({ row: r.row, column: itemColumnHeader(key), message });
    const name = r.text('name');
    const kindText = r.text('kind');
    const unitText = r.text('unit');
    const achievement = r.text('achievement');
    const position = r.text('position');
    if (!name) problem('name', 'Thiếu họ tên người hoặc tên tập thể được khen.');

    let subject: 'person' | 'collective' | undefined;
    if (kindText) {
      subject = KIND_BY_TEXT.get(foldVietnamese(kindText));
      if (!subject) problem('kind', `"${kindText}" không hợp lệ; ghi Cá nhân hoặc Tập thể.`);
    } else if (name) {
      // No column, or an empty cell: a name found among the units (and not among the people) is a collective.
      const folded = foldVietnamese(name);
      subject = !peopleByName.has(folded) && unitsByName.has(folded) ? 'collective' : 'person';
    }

    let personId: string | null = null;
    let unitId: string | null = null;
    let recipientName: string | null = null;
    let recipientUnitName: string | null = null;
    if (name && subject === 'person') {
      let found = peopleByName.get(foldVietnamese(name)) ?? [];
      if (found.length > 1 && unitText) found = found.filter((p) => foldVietnamese(unitName.get(p.unitId) ?? '') === foldVietnamese(unitText));
      if (found.length === 1) personId = found[0]?.id ?? null;
      else if (found.length === 0 && (peopleByName.get(foldVietnamese(name)) ?? []).length > 0) {
        problem('unit', `Không có "${name}" nào thuộc đơn vị "${unitText}" trong danh mục cán bộ.`);
      } else if (found.length === 0) {
        problem('name', `"${name}" chưa có trong danh mục cán bộ. Hãy thêm người này ở Danh mục › Cán bộ (hoặc kiểm tra chính tả họ tên) rồi nhập lại.`);
      } else problem('unit', `Có ${found.length} người tên "${name}" trong danh mục cán bộ; hãy ghi đơn vị công tác để phân biệt.`);
    } else if (name && subject === 'collective') {
      const found = unitsByName.get(foldVietnamese(name)) ?? [];
      if (found.length === 1) unitId = found[0]?.id ?? null;
      recipientName = found.length === 1 ? (found[0]?.name ?? name) : name;
      recipientUnitName = unitText || null;
    }
    if (position && subject === 'collective') problem('position', `Tập thể không ghi chức vụ; hãy để trống ô này (hoặc ghi "Cá nhân" nếu "${name}" là một người).`);
    else if (position.length > 150) problem('position', `Chức vụ dài ${position.length} ký tự; tối đa 150.`);

    const awardText = r.text('award');
    const kind = subject ? findKind(ctx.kinds, awardText, subject) : undefined;
    if (subject && !kind) {
      const forWhom = subject === 'person' ? 'cá nhân' : 'tập thể';
      const other = findKind(ctx.kinds, awardText, subject === 'person' ? 'collective' : 'person');
      if (!awardText) problem('award', `Thiếu danh hiệu / hình thức khen thưởng (dành cho ${forWhom}: ${kindNames(ctx.kinds, subject)}).`);
      else if (other) problem('award', `"${awardText}" chỉ dành cho ${subject === 'person' ? 'tập thể' : 'cá nhân'}, nhưng dòng này là ${forWhom}.`);
      else problem('award', `"${awardText}" không có trong danh mục danh hiệu, hình thức (dành cho ${forWhom}: ${kindNames(ctx.kinds, subject)}).`);
    }

    if (!achievement) problem('achievement', 'Thiếu nội dung thành tích.');
    else if (achievement.length > 1500) problem('achievement', `Thành tích dài ${achievement.length} ký tự; tối đa 1500.`);

    if (name && kind) {
      const key = `${personId ?? unitId ?? foldVietnamese(name)}|${kind.id}`;
      const first = seen.get(key);
      if (first !== undefined) problem('name', `"${name}" với "${kind.name}" đã có ở dòng ${first}.`);
      else seen.set(key, r.row);
    }

    if (rowIssues.length === 0 && subject && kind) {
      items.push({ recipientKind: subject, personId, unitId, recipientName, recipientPosition: subject === 'person' && position ? position : null, recipientUnitName, awardKindId: kind.id, achievement });
    }
    issues.push(...rowIssues);
  }
  return issues.length > 0 ? { items: [], issues } : { items, issues };
}
