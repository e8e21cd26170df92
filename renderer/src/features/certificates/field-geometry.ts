/** Moving and resizing a field box on the page in the template editor: whole half-millimetres, never off the page. */

export interface Rect {
  xMm: number;
  yMm: number;
  wMm: number;
  hMm: number;
}

const MIN_SIZE_MM = 2;

export function snapMm(mm: number): number {
  return Math.round(mm * 2) / 2;
}

const clamp = (n: number, lo: number, hi: number) => Math.min(Math.max(n, lo), Math.max(lo, hi));

/** The box moved by (dx, dy) mm, snapped, kept whole on the page. */
export function moveBox(box: Rect, dxMm: number, dyMm: number, page: { widthMm: number; heightMm: number }): Rect {
  return {
    xMm: clamp(snapMm(box.xMm + dxMm), 0, page.widthMm - box.wMm),
    yMm: clamp(snapMm(box.yMm + dyMm), 0, page.heightMm - box.hMm),
    wMm: box.wMm,
    hMm: box.hMm,
  };
}

/** The box with its bottom-right corner moved by (dx, dy) mm: at least 2 mm each way, not past the page's edge. */
export function resizeBox(box: Rect, dxMm: number, dyMm: number, page: { widthMm: number; heightMm: number }): Rect {
  return {
    xMm: box.xMm,
    yMm: box.yMm,
    wMm: clamp(snapMm(box.wMm + dxMm), MIN_SIZE_MM, page.widthMm - box.xMm),
    hMm: clamp(snapMm(box.hMm + dyMm), MIN_SIZE_MM, page.heightMm - box.yMm),
  };
}
