import { field, type FieldBox, type FieldKey } from '../../../../shared/awards/layout.js';

/**
 * A field added in the editor: a box in the middle of the page, sized for its
 * kind, with an id not used in the template yet. The office then drags it
 * where its blank needs it.
 */
export function newField(key: FieldKey, existing: readonly Pick<FieldBox, 'id'>[], paper: { widthMm: number; heightMm: number }): FieldBox {
  const taken = new Set(existing.map((f) => f.id));
  let n = 1;
  while (taken.has(n === 1 ? key : `${key}-${n}`)) n++;
  const isQr = key === 'qr';
  const wMm = isQr ? 22 : key === 'achievement' ? 200 : 120;
  const hMm = isQr ? 22 : key === 'achievement' ? 28 : 10;
  return field(n === 1 ? key : `${key}-${n}`, {
    key,
    text: key === 'literal' ? 'Chữ cố định' : null,
    xMm: Math.round((paper.widthMm - wMm) / 2),
    yMm: Math.round((paper.heightMm - hMm) / 2),
    wMm,
    hMm,
    fontSizePt: 14,
    minFontSizePt: 10,
    maxLines: key === 'achievement' ? 0 : 2,
    shrinkFirst: key !== 'achievement',
  });
}
