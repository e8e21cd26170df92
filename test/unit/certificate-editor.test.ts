import { describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES, checkTemplate, PAPERS } from '../../shared/awards/layout.js';
import { moveBox, resizeBox, snapMm } from '../../renderer/src/features/certificates/field-geometry.js';
import { newField } from '../../renderer/src/features/certificates/new-field.js';

const A4 = PAPERS.A4;
const box = { xMm: 40, yMm: 88, wMm: 217, hMm: 19 };

describe('template editor: moving and resizing a box on the page', () => {
  it.each([
    ['half millimetres', 0.26, '0.5'],
    ['down to the half', 0.24, '0'],
    ['negative', -1.3, '-1.5'],
  ])('snapMm rounds to %s', (_name, mm, expected) => {
    expect(String(snapMm(mm))).toBe(expected);
  });

  it.each([
    ['a plain move', 20, 10, { xMm: 60, yMm: 98 }],
    ['snapped', 0.3, -0.2, { xMm: 40.5, yMm: 88 }],
    ['stops at the left and top edges', -100, -100, { xMm: 0, yMm: 0 }],
    ['stops at the right and bottom edges', 100, 200, { xMm: 297 - 217, yMm: 210 - 19 }],
  ])('moveBox: %s', (_name, dx, dy, expected) => {
    expect(moveBox(box, dx, dy, A4)).toEqual({ ...box, ...expected });
  });

  it.each([
    ['narrower', -10, 0, { wMm: 207, hMm: 19 }],
    ['never below 2 mm', -500, -500, { wMm: 2, hMm: 2 }],
    ['never past the page edge', 100, 200, { wMm: 297 - 40, hMm: 210 - 88 }],
  ])('resizeBox: %s', (_name, dx, dy, expected) => {
    expect(resizeBox(box, dx, dy, A4)).toEqual({ ...box, ...expected });
  });
});

describe('template editor: a new field', () => {
  it('gets an id not used yet, sits on the page and passes the template check', () => {
    const first = newField('literal', [{ id: 'name', ...box }], A4);
    const second = newField('literal', [{ id: 'name', ...box }, first], A4);
    expect([first.id, second.id]).toEqual(['literal', 'literal-2']);
    expect(checkTemplate({ name: 'Mẫu', paper: 'A4', mode: 'overlay', fields: [first, second, newField('qr', [], A4), newField('achievement', [], A4)] })).toEqual([]);
  });

  it('lands near the middle of the page, clear of every box already there; in the middle of an empty page', () => {
    const alone = newField('recipientName', [], A4);
    expect([alone.xMm, alone.yMm]).toEqual([Math.round((A4.widthMm - alone.wMm) / 2), Math.round((A4.heightMm - alone.hMm) / 2)]);
    const template = BUILTIN_TEMPLATES.find((t) => t.paper === 'A4' && t.mode === 'plain');
    if (!template) throw new Error('no A4 template');
    const added = newField('literal', template.fields, A4);
    for (const f of template.fields) {
      const apart = added.xMm >= f.xMm + f.wMm || f.xMm >= added.xMm + added.wMm || added.yMm >= f.yMm + f.hMm || f.yMm >= added.yMm + added.hMm;
      expect(apart, `over ${f.id}`).toBe(true);
    }
    expect(added.xMm).toBeGreaterThanOrEqual(0);
    expect(added.yMm + added.hMm).toBeLessThanOrEqual(A4.heightMm);
  });

  it('falls back to the middle when the page has no free spot', () => {
    const full = { id: 'everything', xMm: 0, yMm: 0, wMm: A4.widthMm, hMm: A4.heightMm };
    const f = newField('literal', [full], A4);
    expect([f.xMm, f.yMm]).toEqual([Math.round((A4.widthMm - f.wMm) / 2), Math.round((A4.heightMm - f.hMm) / 2)]);
  });

  it('fits on A3 too', () => {
    const f = newField('recipientName', [], PAPERS.A3);
    expect(f.xMm + f.wMm).toBeLessThanOrEqual(PAPERS.A3.widthMm);
    expect(f.font).toBe('tinos');
  });
});
