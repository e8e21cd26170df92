/**
 * Fitting text into a certificate box: shrink the font down to a minimum,
 * then wrap, and report when even that does not fit (printing then refuses:
 * a certificate must never overflow or clip). Pure: the caller passes the
 * text measurer (a canvas in Chromium, a table in tests).
 *
 * Both functions are self-contained on purpose — no imports, no helpers
 * outside their bodies — because the printer injects their source text into
 * the page (`(${fitDocument})(document, ${fitText})`) so the browser that
 * prints also measures.
 */

export interface FitOptions {
  widthMm: number;
  heightMm: number;
  fontSizePt: number;
  minFontSizePt: number;
  /** 0 = unlimited (bounded by height). */
  maxLines: number;
  shrinkFirst: boolean;
  lineHeight: number;
  bold: boolean;
  italic: boolean;
  /** CSS font family the box prints in (one of the bundled faces). */
  family: string;
}

export interface FitResult {
  fits: boolean;
  sizePt: number;
  lines: string[];
  /** Why it does not fit, in Vietnamese; null when it fits. */
  reason: string | null;
}

export type Measure = (text: string, sizePt: number, bold: boolean, italic: boolean, family: string) => number;

export function fitText(text: string, o: FitOptions, measure: Measure): FitResult {
  const ptToMm = 25.4 / 72;
  // 1 % slack: the printing engine's shaping may differ a hair from the measurer.
  const maxWidth = o.widthMm * 0.99;
  const paragraphs = text.split('\n').map((p) => p.replace(/\s+/gu, ' ').trim());
  // Sizes step by 0.75 pt (= 1 CSS px): Chromium's PDF writer positions every glyph one by one at
  // fractional pixel sizes, which made each page's text three times larger in the file.
  const STEP = 0.75;
  const top = Math.max(Math.round(o.fontSizePt / STEP), 1);
  const bottom = Math.min(Math.ceil(o.minFontSizePt / STEP - 1e-9), top);
  const sizes: number[] = [];
  for (let px = top; px >= bottom; px--) sizes.push(px * STEP);

  const layout = (size: number, wrap: boolean): string[] | null => {
    const lines: string[] = [];
    for (const para of paragraphs) {
      if (!wrap) {
        if (measure(para, size, o.bold, o.italic, o.family) > maxWidth) return null;
        lines.push(para);
        continue;
      }
      const words = para.split(' ');
      let current = '';
      for (const word of words) {
        const candidate = current ? `${current} ${word}` : word;
        if (measure(candidate, size, o.bold, o.italic, o.family) <= maxWidth) {
          current = candidate;
        } else {
          if (!current) return null; // one word wider than the box
          lines.push(current);
          if (measure(word, size, o.bold, o.italic, o.family) > maxWidth) return null;
          current = word;
        }
      }
      lines.push(current);
    }
    if (o.maxLines > 0 && lines.length > o.maxLines) return null;
    if (lines.length * size * o.lineHeight * ptToMm > o.heightMm + 0.01) return null;
    return lines;
  };

  if (o.shrinkFirst) {
    for (const s of sizes) {
      const lines = layout(s, false);
      if (lines) return { fits: true, sizePt: s, lines, reason: null };
    }
  }
  for (const s of sizes) {
    const lines = layout(s, true);
    if (lines) return { fits: true, sizePt: s, lines, reason: null };
  }
  return {
    fits: false,
    sizePt: bottom * STEP,
    lines: paragraphs,
    reason: `Nội dung quá dài: ngay cả ở cỡ chữ nhỏ nhất (${String(o.minFontSizePt).replace('.', ',')} pt) vẫn không vừa ô ${Math.round(o.widthMm)} × ${Math.round(o.heightMm)} mm.`,
  };
}

/** What fitDocument reports for each box that did not fit. */
export interface FitOverflow {
  page: number;
  field: string;
  text: string;
  reason: string;
}

/**
 * Runs in the page (Chromium via Playwright or Electron, or the editor's
 * preview iframe): fits every `[data-k]` box, writes the chosen size and
 * line breaks into it, and returns the boxes that do not fit. The measurer is
 * a canvas using the same bundled web font the page prints with.
 */
// The page's DOM is typed structurally: shared/ compiles without DOM types.
export async function fitDocument(doc: FitDocument, fit: typeof fitText): Promise<FitOverflow[]> {
  await doc.fonts.ready;
  const canvas = doc.createElement('canvas');
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('no canvas');
  const pxToMm = 25.4 / 96;
  const boxes = Array.from(doc.querySelectorAll('[data-k]'));
  // Options per field, shared by every page: <script type="application/json" id="fit-options">.
  const table = JSON.parse(doc.getElementById('fit-options')?.textContent ?? '{}') as Record<string, FitOptions>;
  const styles = new Set<string>();
  for (const o of Object.values(table)) styles.add(`${o.italic ? 'italic ' : ''}${o.bold ? '700' : '400'} 12pt "${o.family}"`);
  const sample = boxes.map((el) => el.textContent ?? '').join(' ').slice(0, 2000);
  for (const s of styles) await doc.fonts.load(s, sample || 'Ă');
  let current = '';
  const measure = (text: string, sizePt: number, bold: boolean, italic: boolean, family: string) => {
    const font = `${italic ? 'italic ' : ''}${bold ? '700' : '400'} ${sizePt}pt "${family}"`;
    // Setting ctx.font parses the font string; skip it when unchanged (most calls measure one box at one size).
    if (font !== current) {
      ctx.font = font;
      current = font;
    }
    return ctx.measureText(text).width * pxToMm;
  };
  const overflows: FitOverflow[] = [];
  // The same text in the same field fits the same way on every page (headings, place and date, signer).
  const memo = new Map<string, FitResult>();
  for (const el of boxes) {
    const k = el.getAttribute('data-k') ?? '';
    const o = table[k];
    if (!o) continue;
    const text = el.textContent ?? '';
    const key = `${k}\u0000${text}`;
    const r = memo.get(key) ?? fit(text, o, measure);
    memo.set(key, r);
    el.style.fontSize = `${r.sizePt}pt`;
    // Centred vertically by padding (cheaper to lay out than a flex box per field, and exact: the line box is size × line-height).
    el.style.paddingTop = `${Math.max(0, (o.heightMm - r.lines.length * r.sizePt * o.lineHeight * (25.4 / 72)) / 2)}mm`;
    el.textContent = r.lines.join('\n');
    el.setAttribute('data-fitted-pt', String(r.sizePt));
    if (!r.fits) overflows.push({ page: Number(el.getAttribute('data-page') ?? '0'), field: el.getAttribute('data-field') ?? '', text, reason: r.reason ?? '' });
  }
  // No layout is read back: every line was measured by this page's own text engine to be within 99 % of the
  // box, and the lines' heights add up within it, so the boxes hold by construction (the fit test checks it
  // on real layout). Reading back would lay out every page on screen before the print lays them out again.
  return overflows;
}

export interface FitElement {
  getAttribute(name: string): string | null;
  setAttribute(name: string, value: string): void;
  style: { fontSize: string; paddingTop: string };
  textContent: string | null;
}

export interface FitDocument {
  fonts: { ready: Promise<unknown>; load(font: string, text?: string): Promise<unknown> };
  createElement(tag: 'canvas'): { getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } } | null };
  querySelectorAll(selector: string): ArrayLike<FitElement> & Iterable<FitElement>;
  getElementById(id: string): { textContent: string | null } | null;
}
