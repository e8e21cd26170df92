import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { ApiError } from '../../shared/api/errors.js';
import type { PlanContent } from '../../shared/plans/model.js';
import { bundledFontconfigEnv, bundledTtfDir, CERTIFICATE_FONT_FAMILY } from '../awards/fonts.js';
import { buildPlanDocx } from './docx.js';

const run = promisify(execFile);

/**
 * PDF for printing: the same .docx converted by LibreOffice headless, each
 * run with its own profile folder (concurrent runs otherwise lock each other
 * out). The text is set in the bundled Tinos (Times New Roman's metrics, full
 * Vietnamese), handed to LibreOffice through a fontconfig file of our own, so
 * the page breaks the same on every machine. Without the bundled files: Times
 * New Roman when the machine has it with Vietnamese letters, else a serif that
 * has them (Debian's Liberation Serif 1.07 lacks ơ, ư and most toned letters
 * and would mix fonts on the page).
 */
async function hasFont(family: string): Promise<boolean> {
  try {
    const { stdout } = await run('fc-list', [`${family}:charset=1a1 1b0 1ea0`, 'family'], { timeout: 5000 });
    return stdout.trim() !== '';
  } catch {
    return false;
  }
}

export async function pickPdfFont(): Promise<string> {
  if (bundledTtfDir()) return CERTIFICATE_FONT_FAMILY;
  for (const f of ['Times New Roman', 'Tinos', 'Noto Serif', 'DejaVu Serif']) if (await hasFont(f)) return f;
  return 'Times New Roman';
}

export async function docxToPdf(p: PlanContent, part: 'plan' | 'decision', soffice = 'soffice'): Promise<Buffer> {
  const dir = await mkdtemp(join(tmpdir(), 'thidua-pdf-'));
  try {
    const docx = await buildPlanDocx(p, { part, font: await pickPdfFont() });
    const input = join(dir, 'vanban.docx');
    await writeFile(input, docx);
    const env = (await bundledFontconfigEnv(dir)) ?? process.env;
    try {
      await run(soffice, [`-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', dir, input], { timeout: 120_000, env });
    } catch {
      throw new ApiError('internal', 'Không chuyển được sang PDF: máy chưa có LibreOffice hoặc LibreOffice bị lỗi. Hãy xuất .docx rồi in từ Word.');
    }
    return await readFile(join(dir, 'vanban.pdf'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
