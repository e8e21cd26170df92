import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { docxToPdf, pickPdfFont } from '../../electron/plans/pdf.js';
import { buildPlanDocx } from '../../electron/plans/docx.js';
import { docxToText } from '../../electron/plans/docx-text.js';
import { anGiang2021, dakLak2024, moj2021 } from '../fixtures/plans/index.js';

/**
 * Exported documents rendered the way a person checks them: .docx → PDF
 * (LibreOffice) → text and fonts (poppler) → PNG pages kept in
 * test-results/plans/ to look at.
 */
const hasTools = existsSync('/usr/bin/soffice') && existsSync('/usr/bin/pdftotext');
const OUT = join(process.cwd(), 'test-results', 'plans');

function pdfText(file: string): string {
  return execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' });
}

function fonts(file: string): string[] {
  const lines = execFileSync('pdffonts', [file], { encoding: 'utf8' }).split('\n').slice(2).filter((l) => l.trim() !== '');
  return lines.map((l) => (l.split(/\s+/u)[0] ?? '').replace(/^[A-Z]{6}\+/u, ''));
}

async function render(name: string, pdf: Buffer): Promise<string> {
  mkdirSync(OUT, { recursive: true });
  const file = join(OUT, `${name}.pdf`);
  writeFileSync(file, pdf);
  execFileSync('pdftoppm', ['-png', '-r', '60', file, join(OUT, name)]);
  return file;
}

describe.skipIf(!hasTools)('plan documents on paper (skipped where LibreOffice or poppler is missing)', () => {
  it('An Giang 70/KH-STP: header, number, place and date, title, numbered body, recipients and signature, in one font family', async () => {
    const file = await render('an-giang-2021', await docxToPdf(anGiang2021, 'plan'));
    const text = pdfText(file);
    for (const s of ['SỞ TƯ PHÁP', 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', 'Độc lập - Tự do - Hạnh phúc', 'Số: 70/KH-STP', 'An Giang, ngày 16 tháng 4 năm 2021', 'KẾ HOẠCH', 'I. MỤC ĐÍCH, YÊU CẦU', '“Cờ thi đua ngành Tư pháp”', '13. Công tác kiện toàn tổ chức, bộ máy', 'Nơi nhận:', '- Lưu: VT, TĐKT.', 'GIÁM ĐỐC', 'Cao Thanh Sơn']) {
      expect(text).toContain(s);
    }
    // The bundled Tinos, whatever fonts this machine has; no fallback mixed in for ơ, ư and toned letters.
    expect(await pickPdfFont()).toBe('Tinos');
    const used = fonts(file);
    expect(used.length).toBeGreaterThan(0);
    expect(used.filter((f) => !f.startsWith('Tinos'))).toEqual([]);
  });

  it('Bộ Tư pháp 2021: the issuing decision with "KT. BỘ TRƯỞNG / THỨ TRƯỞNG", and the plan attached to it', async () => {
    const qd = pdfText(await render('bo-tu-phap-2021-qd', await docxToPdf(moj2021, 'decision')));
    for (const s of ['BỘ TƯ PHÁP', 'Số: 252/QĐ-BTP', 'Hà Nội, ngày 22 tháng 02 năm 2021', 'QUYẾT ĐỊNH', 'BỘ TRƯỞNG BỘ TƯ PHÁP', 'Căn cứ Nghị định số 96/2017/NĐ-CP', 'QUYẾT ĐỊNH:', 'Điều 1.', 'KT. BỘ TRƯỞNG', 'THÚ TRƯỞNG', 'Nguyễn Thành Tịnh', '- Lưu: VT, Vụ TĐKT.']) {
      expect(qd).toContain(s);
    }
    const plan = pdfText(await render('bo-tu-phap-2021-kh', await docxToPdf(moj2021, 'plan')));
    expect(plan).toContain('(Ban hành kèm theo Quyết định số: 252 /QĐ-BTP');
    expect(plan).toContain('1.1. Đợt thi đua thứ nhất');
    expect(plan).not.toContain('Số: 252/QĐ-BTP');
  });

  it('Đăk Lăk 2024 draft: blank number and day are left to fill in at signing; page numbers from page 2', async () => {
    const file = await render('dak-lak-2024', await docxToPdf(dakLak2024, 'plan'));
    const text = pdfText(file);
    expect(text).toMatch(/Số:\s+\/KH-STP/u);
    expect(text).toMatch(/Đăk Lăk, ngày\s+tháng 12 năm 2023/u);
    const pages = text.split('\f').filter((p) => p.trim() !== '');
    expect(pages.length).toBeGreaterThan(2);
    expect(pages[1]?.trim().startsWith('2')).toBe(true);
    expect(pages[0]?.trim().startsWith('1')).toBe(false);
  });

  it('the .docx itself names Times New Roman and reads back as the same text', async () => {
    const docx = await buildPlanDocx(anGiang2021, { part: 'plan' });
    const text = docxToText(docx);
    expect(text).toContain('Phong trào thi đua theo chuyên đề được phát động với chủ đề “Đoàn kết, kỷ cương, trách nhiệm, sáng tạo, thi đua thực hiện thắng lợi nhiệm vụ chính trị được giao”');
    expect(docx.includes(Buffer.from('word/document.xml'))).toBe(true);
  });
});
