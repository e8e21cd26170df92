import { field, type FieldBox, type FieldKey } from '../../../../shared/awards/layout.js';

type Placed = Pick<FieldBox, 'id' | 'xMm' | 'yMm' | 'wMm' | 'hMm'>;

/** Kept clear between the new box and the others, and from the paper's edge. */
const GAP_MM = 2;

function overlaps(a: Omit<Placed, 'id'>, b: Omit<Placed, 'id'>): boolean {
  return a.xMm < b.xMm + b.wMm + GAP_MM && b.xMm < a.xMm + a.wMm + GAP_MM && a.yMm < b.yMm + b.hMm + GAP_MM && b.yMm < a.yMm + a.hMm + GAP_MM;
}

/**
 * Where a new box of this size goes: the free spot (whole millimetres, clear
 * of every other box) nearest the middle of the page, so it shows where the
 * user looks and covers nothing; the middle itself when the page is full.
 */
function freeSpot(size: { wMm: number; hMm: number }, others: readonly Placed[], paper: { widthMm: number; heightMm: number }): { xMm: number; yMm: number } {
  const centre = { xMm: Math.round((paper.widthMm - size.wMm) / 2), yMm: Math.round((paper.heightMm - size.hMm) / 2) };
  let best: { xMm: number; yMm: number; d: number } | null = null;
  for (let y = GAP_MM; y + size.hMm <= paper.heightMm - GAP_MM; y++) {
    for (let x = GAP_MM; x + size.wMm <= paper.widthMm - GAP_MM; x++) {
      const d = (x - centre.xMm) ** 2 + (y - centre.yMm) ** 2;
      if (best && d >= best.d) continue;
      if (!others.some((o) => overlaps({ xMm: x, yMm: y, ...size }, o))) best = { xMm: x, yMm: y, d };
    }
  }
  return best ? { xMm: best.xMm, yMm: best.yMm } : centre;
}

/**
 * A field added in the editor: a box sized for its kind, on a free part of
 * the page near its middle, with an id not used in the template yet. The
 * office then drags it where its blank needs it.
 */
export function newField(key: FieldKey, existing: readonly Placed[], paper: { widthMm: number; heightMm: number }): FieldBox {
  const taken = new Set(existing.map((f) => f.id));
  let n = 1;
  while (taken.has(n === 1 ? key : `${key}-${n}`)) n++;
  const isQr = key === 'qr';
  const wMm = isQr ? 22 : key === 'achievement' ? 200 : 120;
  const hMm = isQr ? 22 : key === 'achievement' ? 28 : 10;
  return field(n === 1 ? key : `${key}-${n}`, {
    key,
    text: key === 'literal' ? 'Chữ cố định' : null,
    ...freeSpot({ wMm, hMm }, existing, paper),
    wMm,
    hMm,
    fontSizePt: 14,
    minFontSizePt: 10,
    maxLines: key === 'achievement' ? 0 : 2,
    shrinkFirst: key !== 'achievement',
  });
}
