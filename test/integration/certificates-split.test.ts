import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BUILTIN_TEMPLATES } from '../../shared/awards/layout.js';
import { certificateValues } from '../../shared/awards/certificate.js';
import { renderSeparatePdfs } from '../../electron/awards/certificate-batch.js';
import { certificateFontCss } from '../../electron/awards/fonts.js';
import { playwrightPdfEngine } from '../../electron/awards/pdf-playwright.js';
import type { PdfEngine } from '../../electron/awards/pdf-engine.js';
import { splitPdfPages } from '../../electron/awards/pdf-split.js';

/**
 * One PDF per certificate (the benchmark's "200 separate PDFs"): the batch is
 * printed once and split page by page. Each file must be a PDF of its own that
 * poppler reads: one page, exactly its own recipient, its fonts embedded.
 */
const NAMES = ['Lò Văn Mừng', 'Giàng Thị Dình', 'Nguyễn Thị Phượng', 'Sùng A Páo'];

function page(name: string, n: number) {
  return {
    values: certificateValues({
      decision: { number: 7, symbol: 'QĐ-UBND', decisionDate: '2026-12-01', place: 'Mường Nhé', authorityTitle: 'Chủ tịch Ủy ban nhân dân huyện Mường Nhé', signMode: 'KT.', signHeadTitle: 'CHỦ TỊCH', signerTitle: 'PHÓ CHỦ TỊCH', signerName: 'Hoàng Văn Ước' },
      item: { recipientKind: 'person', recipientTitle: 'Ông', recipientName: name, recipientPosition: 'Công chức', recipientUnitName: 'Phòng Tư pháp huyện Mường Nhé, tỉnh Điện Biên', awardName: 'Giấy khen', achievement: 'Đã có thành tích xuất sắc trong công tác hòa giải ở cơ sở năm 2026', registerYear: 2026, registerNumber: n },
      registerCode: 'SKT',
      heading: 'Giấy khen',
      verifyCode: `SKT-2026-${n}-ABCD-EFGH`,
    }),
    qrCode: `TD2|test|${n}`,
  };
}

describe('certificates: one PDF per certificate', () => {
  let dir: string;
  let engine: PdfEngine;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'split-'));
    engine = await playwrightPdfEngine({ fontCss: await certificateFontCss() });
  });
  afterAll(async () => {
    await engine.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives each certificate its own one-page file with only its recipient and the fonts embedded', async () => {
    const builtin = BUILTIN_TEMPLATES[0];
    if (!builtin) throw new Error('no built-in template');
    const out = await renderSeparatePdfs(engine, NAMES.map((name, i) => page(name, i + 1)), { template: { ...builtin, version: 0 }, fontCss: await certificateFontCss() });
    expect(out.overflows).toEqual([]);
    expect(out.pdfs).toHaveLength(NAMES.length);
    for (const [i, pdf] of out.pdfs.entries()) {
      const file = join(dir, `gk-${i + 1}.pdf`);
      writeFileSync(file, pdf);
      expect(execFileSync('pdfinfo', [file]).toString('utf8')).toMatch(/Pages:\s+1\n/u);
      const text = execFileSync('pdftotext', [file, '-']).toString('utf8').normalize('NFC');
      expect(text).toContain(NAMES[i]);
      expect(text).toContain(`Số vào sổ: 0${i + 1}/2026/SKT`);
      for (const other of NAMES.filter((_, j) => j !== i)) expect(text).not.toContain(other);
      const fonts = execFileSync('pdffonts', [file]).toString('utf8').split('\n').slice(2).filter(Boolean);
      expect(fonts.length).toBeGreaterThan(0);
      // The "emb" column: every font in the file is embedded.
      for (const f of fonts) expect(f).toMatch(/Tinos.*\byes\b/u);
    }
  });

  it('refuses a PDF shape it was not written for (xref streams) instead of writing broken files', () => {
    expect(() => splitPdfPages(Buffer.from('%PDF-1.7\n1 0 obj\n<</Type /XRef>>\nstream\nxx\nendstream\nendobj\nstartxref\n0\n%%EOF\n', 'latin1'))).toThrow(/no trailer/u);
  });
});
