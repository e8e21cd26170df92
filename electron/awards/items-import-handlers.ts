import { requireSession, type HandlersFor } from '../handlers/context.js';
import type { PersonRow, UnitRow } from '../handlers/rows.js';
import { loadAwardData } from './data.js';
import { buildItemsTemplate, parseItemsWorkbook } from './items-xlsx.js';

/** A decision's list to and from a spreadsheet: read only (the editor keeps the lines until the draft is saved). */
export const itemsImportHandlers: HandlersFor<'awards.itemsTemplate' | 'awards.parseItemsXlsx'> = {
  async 'awards.itemsTemplate'(_input, ctx) {
    const office = requireSession(ctx).officeUnitId;
    const { kinds } = await loadAwardData(ctx.deps.db, office);
    const units = (await ctx.deps.db.query<UnitRow>("SELECT * FROM units WHERE status = 'active' ORDER BY name")).rows;
    const buffer = await buildItemsTemplate(
      kinds.filter((k) => k.active).map((k) => k.name),
      units.map((u) => u.name),
    );
    return { fileName: 'mau-danh-sach-khen-thuong.xlsx', base64: buffer.toString('base64') };
  },

  async 'awards.parseItemsXlsx'(input, ctx) {
    const office = requireSession(ctx).officeUnitId;
    const { kinds } = await loadAwardData(ctx.deps.db, office);
    const people = (await ctx.deps.db.query<PersonRow>("SELECT * FROM people WHERE status <> 'inactive'")).rows;
    const units = (await ctx.deps.db.query<UnitRow>('SELECT * FROM units')).rows;
    return parseItemsWorkbook(Buffer.from(input.base64, 'base64'), {
      people: people.map((p) => ({ id: p.id, fullName: p.full_name, unitId: p.unit_id, position: p.position })),
      units: units.map((u) => ({ id: u.id, name: u.name, shortName: u.short_name })),
      kinds,
    });
  },
};
