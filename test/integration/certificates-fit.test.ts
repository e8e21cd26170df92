import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { chromium, type Browser, type Page } from 'playwright-core';
import { BUILTIN_TEMPLATES, FONT_IDS, FONTS } from '../../shared/awards/layout.js';
import { certificateValues } from '../../shared/awards/certificate.js';
import { certificateDocument } from '../../electron/awards/certificate-html.js';
import { certificateFontCss } from '../../electron/awards/fonts.js';
import { CHROMIUM_ARGS, chromiumPath, FIT_SCRIPT, LOADED_SCRIPT } from '../../electron/awards/pdf-playwright.js';
import { SCREEN_CHROMIUM } from '../support/screen-chromium.js';

/**
 * The page-side fit reads no layout back (shared/awards/fit.ts): its lines are
 * measured by the page's own text engine to fit, so the boxes hold by
 * construction. This checks that claim on Chromium's real layout, for every
 * built-in template, with the longest real names, units and achievements: no
 * fitted box is wider or taller than its content allows, and the long texts
 * did have to shrink or wrap (so the check is not vacuous).
 */
const LONGEST = {
  name: 'Tôn Nữ Hoàng Thị Phương Khánh Huyền',
  unit: 'Trường Trung học phổ thông Dân tộc nội trú huyện Mường Nhé, tỉnh Điện Biên',
  achievement:
    'Đã có thành tích xuất sắc trong thực hiện nhiệm vụ công tác tư pháp năm 2025, đặc biệt trong công tác phổ biến, giáo dục pháp luật, hòa giải ở cơ sở, xây dựng xã, thị trấn đạt chuẩn tiếp cận pháp luật và cải cách thủ tục hành chính, góp phần vào sự nghiệp xây dựng và phát triển kinh tế - xã hội của huyện',
  authority: 'Chủ tịch Ủy ban nhân dân huyện Mường Nhé, tỉnh Điện Biên',
};

function values(kind: 'person' | 'collective') {
  return certificateValues({
    decision: { number: 1234, symbol: 'QĐ-UBND', decisionDate: '2026-12-28', place: 'Mường Nhé', authorityTitle: LONGEST.authority, signMode: 'KT.', signHeadTitle: 'CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH', signerName: 'Hoàng Thị Phương Khánh Huyền' },
    item: {
      recipientKind: kind,
      recipientTitle: kind === 'person' ? 'Bà' : null,
      recipientName: kind === 'person' ? LONGEST.name : LONGEST.unit,
      recipientPosition: kind === 'person' ? 'Phó Trưởng phòng phụ trách công tác phổ biến, giáo dục pháp luật' : null,
      recipientUnitName: LONGEST.unit,
      awardName: 'Tập thể lao động tiên tiến',
      achievement: LONGEST.achievement,
      registerYear: 2026,
      registerNumber: 12345,
    },
    registerCode: 'SKT',
    heading: 'Giấy khen',
    verifyCode: 'SKT-2026-12345-ABCD-EFGH',
  });
}

describe('certificate fit on real Chromium layout', () => {
  let browser: Browser;
  let page: Page;
  // One page for every case, as the print engine uses one page per batch (single-process Chromium ends with its last page).
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
    page = await browser.newPage();
  });
  afterAll(async () => {
    await browser.close();
  });

  it.each(FONT_IDS)('keeps the longest texts inside their boxes in every built-in template, every field set in %s', async (font) => {
    const fontCss = await certificateFontCss([font]);
    for (const builtin of BUILTIN_TEMPLATES) {
      const template = { ...builtin, fields: builtin.fields.map((f) => ({ ...f, font })), version: 0 };
      const html = await certificateDocument({ template, pages: [{ values: values('person'), qrCode: null }, { values: values('collective'), qrCode: null }], fontCss });
      await page.setContent(html, { waitUntil: 'domcontentloaded' });
      const overflows = (await page.evaluate(`${LOADED_SCRIPT}.then(() => ${FIT_SCRIPT})`)) as unknown[];
      expect(overflows, template.id).toEqual([]);
      // The boxes really are set in that font (a family missing from the CSS would fall back silently).
      const families = (await page.evaluate(`Array.from(document.querySelectorAll('[data-k]')).map((el) => getComputedStyle(el).fontFamily)`)) as string[];
      const family = FONTS[font].family;
      expect(new Set(families), template.id).toEqual(new Set([family.includes(' ') ? `"${family}"` : family]));
      const loaded = (await page.evaluate(`Array.from(document.fonts).filter((f) => f.status === 'loaded').map((f) => f.family.replace(/"/g, ''))`)) as string[];
      expect(loaded, `${font} loaded`).toContain(family);
      const boxes = (await page.evaluate(`Array.from(document.querySelectorAll('[data-k]')).map((el) => {
        const style = getComputedStyle(el);
        return { field: el.getAttribute('data-field'), page: el.getAttribute('data-page'), sw: el.scrollWidth, cw: el.clientWidth, sh: el.scrollHeight, ch: el.clientHeight,
          fitted: Number(el.getAttribute('data-fitted-pt')), set: parseFloat(style.fontSize), lines: (el.textContent || '').split('\\n').length };
      })`)) as { field: string; page: string; sw: number; cw: number; sh: number; ch: number; fitted: number; lines: number }[];
      expect(boxes.length, template.id).toBeGreaterThan(10);
      for (const b of boxes) {
        expect(b.sw, `${template.id} page ${b.page} ${b.field}: width`).toBeLessThanOrEqual(b.cw + 1);
        expect(b.sh, `${template.id} page ${b.page} ${b.field}: height`).toBeLessThanOrEqual(b.ch + 1);
      }
      const achievement = boxes.filter((b) => b.field === 'achievement');
      expect(achievement.every((b) => b.lines > 1), `${template.id}: the achievement wraps`).toBe(true);
      const field = template.fields.find((f) => f.key === 'recipientDetail');
      if (field) expect(boxes.some((b) => b.field === 'recipientDetail' && (b.fitted < field.fontSizePt || b.lines > 1)), `${template.id}: the long unit shrinks or wraps`).toBe(true);
    }
  });
});

describe('the printing Chromium lays text out as the screen does', () => {
  /*
   * The template editor's preview is laid out by the app's own browser; the printout by the printing
   * Chromium (the headless shell where installed). Left to its defaults the shell hints glyph advances
   * to whole pixels, so a line printed wider than the preview showed it. Every bundled face, in the
   * printing Chromium with the engine's arguments and in the full browser as the end-to-end tests
   * run the screens, must give the same widths.
   */
  const SAMPLE = `${LONGEST.name} — ${LONGEST.unit}. ${LONGEST.achievement}`;
  const widths = async (executablePath: string, args: string[], fontCss: string): Promise<number[]> => {
    const browser = await chromium.launch({ executablePath, headless: true, args });
    try {
      const page = await browser.newPage();
      const spans = FONT_IDS.flatMap((font) =>
        ['', 'font-weight:700', 'font-style:italic'].map((s) => `<span style="font-family:'${FONTS[font].family}';font-size:19px;white-space:nowrap;${s}">${SAMPLE}</span><br>`),
      );
      await page.setContent(`<!doctype html><html><head><meta charset="utf-8"><style>${fontCss}</style></head><body>${spans.join('')}</body></html>`);
      return (await page.evaluate(`document.fonts.ready.then(() => Array.from(document.querySelectorAll('span')).map((s) => s.getBoundingClientRect().width))`)) as number[];
    } finally {
      await browser.close();
    }
  };

  it('every bundled face measures the same in the printing Chromium as in the full browser', async () => {
    const fontCss = await certificateFontCss([...FONT_IDS]);
    const printing = await widths(chromiumPath(), CHROMIUM_ARGS, fontCss);
    const screen = await widths(SCREEN_CHROMIUM.executablePath, SCREEN_CHROMIUM.args, fontCss);
    expect(printing.length).toBe(FONT_IDS.length * 3);
    expect(printing.every((w) => w > 1000)).toBe(true);
    printing.forEach((w, i) => expect(Math.abs(w - (screen[i] ?? 0)), `span ${i}: ${w} vs ${screen[i]}`).toBeLessThan(0.05));
  });
});
