import { describe, expect, it } from 'vitest';
import { fitText, type FitOptions } from '../../shared/awards/fit.js';
import { BUILTIN_TEMPLATES, calibrateBox, checkCalibration, checkTemplate, defaultTemplateFor, PAPERS } from '../../shared/awards/layout.js';
import { base32, canonicalSummary, foldForCode, fromBase32, parseCanonicalSummary, parseShortCode, shortCode } from '../../shared/awards/verification.js';

/** A fixed-pitch measurer: each character is 0.5 em wide (1 pt = 25.4/72 mm). */
const mono = (text: string, sizePt: number) => text.length * sizePt * 0.5 * (25.4 / 72);

const base: FitOptions = { widthMm: 100, heightMm: 20, fontSizePt: 20, minFontSizePt: 10, maxLines: 2, shrinkFirst: true, lineHeight: 1.2, bold: false, italic: false, family: 'Tinos' };

describe('fit to box: shrink to the minimum, then wrap, else refuse', () => {
  it.each([
    // text length, options, expected size, expected line count, fits
    ['short name', 'A'.repeat(20), base, 20.25, 1, true],
    ['shrinks on one line first', 'A'.repeat(35), base, 15.75, 1, true],
    ['wraps when even the minimum size does not fit one line, then at the largest size that fits', 'AAAAA '.repeat(10).trim(), base, 18.75, 2, true],
    ['refuses when nothing fits', 'AAAAA '.repeat(40).trim(), base, 9.75, 1, false],
    ['wraps first for achievement text', 'AAAAA '.repeat(10).trim(), { ...base, shrinkFirst: false, maxLines: 0, heightMm: 30 }, 20.25, 3, true],
  ] as const)('%s', (_name, text, options, size, lines, fits) => {
    const r = fitText(text, options, (t, s) => mono(t, s));
    expect(r.fits).toBe(fits);
    if (fits) {
      expect(r.sizePt).toBe(size);
      expect(r.lines).toHaveLength(lines);
      for (const line of r.lines) expect(mono(line, r.sizePt)).toBeLessThanOrEqual(options.widthMm);
      expect(r.lines.length * r.sizePt * options.lineHeight * (25.4 / 72)).toBeLessThanOrEqual(options.heightMm + 0.01);
      expect(r.lines.join(' ')).toBe(text);
    } else {
      expect(r.reason).toMatch(/^Nội dung quá dài: ngay cả ở cỡ chữ nhỏ nhất/u);
    }
  });

  it('keeps explicit line breaks (the signature block)', () => {
    const r = fitText('KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH', { ...base, maxLines: 3 }, (t, s) => mono(t, s));
    expect(r.lines).toEqual(['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH']);
  });

  it('only uses sizes that are whole CSS pixels (0.75 pt steps)', () => {
    for (const len of [10, 30, 40, 50]) {
      const r = fitText('A'.repeat(len), base, (t, s) => mono(t, s));
      expect((r.sizePt / 0.75) % 1).toBe(0);
    }
  });
});

describe('templates and calibration', () => {
  it('every built-in template is valid and inside its paper', () => {
    for (const t of BUILTIN_TEMPLATES) expect(checkTemplate(t), t.name).toEqual([]);
    const a3 = BUILTIN_TEMPLATES.find((t) => t.paper === 'A3');
    expect(a3?.fields.every((f) => f.xMm + f.wMm <= PAPERS.A3.widthMm)).toBe(true);
  });

  it.each([
    ['off the right edge', { xMm: 250 }, 'Trường "Họ tên người ký": nằm ngoài trang giấy A4 ngang (297 × 210 mm): ô từ (250; 191) đến (380; 199) mm.'],
    ['negative top', { yMm: -1 }, 'Trường "Họ tên người ký": nằm ngoài trang giấy A4 ngang (297 × 210 mm): ô từ (147; -1) đến (277; 7) mm.'],
    ['minimum above size', { minFontSizePt: 20 }, 'Trường "Họ tên người ký": cỡ chữ nhỏ nhất phải từ 5 pt và không lớn hơn cỡ chữ.'],
    ['zero width', { wMm: 0 }, 'Trường "Họ tên người ký": chiều rộng và chiều cao phải lớn hơn 0.'],
  ])('refuses a field %s', (_name, patch, message) => {
    const t = BUILTIN_TEMPLATES[0];
    if (!t) throw new Error('template');
    const fields = t.fields.map((f) => (f.key === 'signerName' ? { ...f, ...patch } : f));
    expect(checkTemplate({ ...t, fields }).map((i) => i.message)).toEqual([message]);
  });

  it('moves and scales boxes by the printer calibration', () => {
    expect(calibrateBox({ xMm: 100, yMm: 50, wMm: 20, hMm: 10 }, { printerName: 'x', offsetXMm: 2, offsetYMm: -1.5, scale: 0.98 })).toEqual({ xMm: 100, yMm: 47.5, wMm: 19.6, hMm: 9.8 });
    expect(checkCalibration({ printerName: ' ', offsetXMm: 40, offsetYMm: 0, scale: 1.5 }).map((i) => i.path)).toEqual(['printerName', 'offsetXMm', 'scale']);
  });
});

describe('verification codes', () => {
  const summary = { keyId: 'ABCDEF012345', decisionNumber: '05/QĐ-UBND', decisionDate: '2026-01-12', recipient: 'Tôn Nữ Hoàng Thị Phương Khánh Huyền', awardCode: 'GK', registerCode: 'SKT', registerYear: 2026, registerNumber: 12 };

  it('folds the summary into the QR alphanumeric set and parses it back', () => {
    const text = canonicalSummary(summary);
    expect(text).toBe('TD1*ABCDEF012345*SKT*2026*12*05/QD-UBND*20260112*GK*TON NU HOANG THI PHUONG KHANH HUYEN');
    expect(/^[0-9A-Z $%*+\-./:]+$/u.test(text)).toBe(true);
    expect(parseCanonicalSummary(text)).toEqual({ ...summary, decisionNumber: '05/QD-UBND', recipient: 'TON NU HOANG THI PHUONG KHANH HUYEN' });
    expect(canonicalSummary({ ...summary, recipient: summary.recipient.normalize('NFD') })).toBe(text);
    expect(foldForCode('Đặng Thị Ước*')).toBe('DANG THI UOC');
  });

  it('round-trips base32 and reads short codes typed in any case, with or without the middle dash', () => {
    const bytes = Uint8Array.from({ length: 64 }, (_, i) => (i * 37) % 256);
    expect(fromBase32(base32(bytes))).toEqual(bytes);
    const code = shortCode('SKT', 2026, 12, base32(bytes));
    expect(code).toMatch(/^SKT-2026-12-[A-Z2-7]{4}-[A-Z2-7]{4}$/u);
    expect(parseShortCode(code.toLowerCase())).toEqual({ registerCode: 'SKT', registerYear: 2026, registerNumber: 12, tag: code.slice(-9).replace('-', '') });
    expect(parseShortCode('SKT-2026-12-ABCDEFGH')?.tag).toBe('ABCDEFGH');
    expect(parseShortCode('xin chào')).toBeNull();
  });
});

describe('the template offered first for the awards being printed', () => {
  const byId = (id: string | undefined) => id?.replace(/^builtin-/u, '');
  it.each([
    ['Giấy khen to a person', ['GK'], 'gk-a4'],
    ['Giấy khen to a collective', ['GK-TT'], 'gk-a4'],
    ['a title', ['LDTT'], 'title-a4'],
    ['several titles', ['LDTT', 'CSTDCS'], 'title-a4'],
    ['a mix: a template listing one of them', ['GK', 'LDTT'], 'gk-a4'],
    ['an award no template lists: the first', ['XYZ'], 'gk-a4'],
    ['nothing known: the first', [], 'gk-a4'],
  ])('%s', (_name, codes, expected) => {
    expect(byId(defaultTemplateFor(BUILTIN_TEMPLATES, codes)?.id)).toBe(expected);
  });
});
