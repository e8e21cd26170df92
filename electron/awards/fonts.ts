import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { DEFAULT_FONT, FONT_IDS, FONTS, type FontId } from '../../shared/awards/layout.js';

/**
 * The bundled certificate fonts (FONTS in shared/awards/layout.ts), embedded
 * in the page as data URLs so the printout never depends on the fonts of the
 * PC it runs on. Tinos (Times New Roman's metrics) is the page's own font.
 *
 * Preferred: build/fonts/tinos-vi-*.woff2, the latin and vietnamese subsets
 * of @fontsource/tinos merged into one face per style (build/fonts/merge-fonts.py):
 * with two subset faces Chromium changes font at every toned letter, which
 * doubled the PDF's text and embedded six fonts. Fallback: the two subsets
 * straight from @fontsource/tinos (prints the same, larger PDFs).
 */
const SUBSETS = {
  latin: 'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  vietnamese: 'U+0102-0103,U+0110-0111,U+0128-0129,U+0168-0169,U+01A0-01A1,U+01AF-01B0,U+0300-0301,U+0303-0304,U+0308-0309,U+0323,U+0329,U+1EA0-1EF9,U+20AB',
} as const;

const STYLES = [
  { weight: 400, style: 'normal' },
  { weight: 400, style: 'italic' },
  { weight: 700, style: 'normal' },
  { weight: 700, style: 'italic' },
] as const;

export const CERTIFICATE_FONT_FAMILY = 'Tinos';

/**
 * Folders to look from, most specific first: this module's own folder when it
 * runs as CommonJS (the desktop store process), the entry script's folder
 * (dist-electron/*.mjs, a bench bundle) and the working folder (tests, npm
 * scripts). No `import.meta` here: the CommonJS bundle would get it empty
 * (esbuild's empty-import-meta warning).
 */
function baseDirs(): string[] {
  const dirs: string[] = [];
  if (typeof __dirname === 'string') dirs.push(__dirname);
  const entry = process.argv[1];
  if (entry) dirs.push(dirname(resolve(entry)));
  dirs.push(process.cwd());
  return dirs;
}

/** Where the merged faces are: THIDUA_FONTS_DIR, else build/fonts seen from the sources, from dist-electron/ or from the project folder. */
export function mergedFontsDir(): string | null {
  const candidates = [process.env.THIDUA_FONTS_DIR];
  for (const base of baseDirs()) candidates.push(resolve(base, '..', '..', 'build', 'fonts'), resolve(base, '..', 'build', 'fonts'), resolve(base, 'build', 'fonts'));
  for (const c of candidates) if (c && existsSync(join(c, 'tinos-vi-400-normal.woff2'))) return c;
  return null;
}

export function fontsourceDir(): string {
  for (const base of baseDirs()) {
    try {
      return join(dirname(createRequire(join(base, 'noop.js')).resolve('@fontsource/tinos/package.json')), 'files');
    } catch {
      // not reachable from this folder: try the next
    }
  }
  throw new Error('@fontsource/tinos not found');
}

const face = (family: string, style: string, weight: number, bytes: Buffer, range?: string) =>
  `@font-face{font-family:'${family}';font-style:${style};font-weight:${weight};font-display:block;src:url(data:font/woff2;base64,${bytes.toString('base64')}) format('woff2')${range ? `;unicode-range:${range}` : ''}}`;

/** Tinos: merged faces, else the two subsets straight from @fontsource/tinos (prints the same, larger PDFs). */
async function tinosRules(): Promise<string[]> {
  const rules: string[] = [];
  const merged = mergedFontsDir();
  if (merged) {
    for (const s of STYLES) rules.push(face(CERTIFICATE_FONT_FAMILY, s.style, s.weight, await readFile(join(merged, `tinos-vi-${s.weight}-${s.style}.woff2`))));
    return rules;
  }
  const dir = fontsourceDir();
  for (const s of STYLES) {
    for (const [subset, range] of Object.entries(SUBSETS)) {
      rules.push(face(CERTIFICATE_FONT_FAMILY, s.style, s.weight, await readFile(join(dir, `tinos-${subset}-${s.weight}-${s.style}.woff2`)), range));
    }
  }
  return rules;
}

/**
 * The other bundled faces, from build/fonts only (committed; made by
 * build/fonts/merge-fonts.py): Arimo merged like Tinos; Playfair Display as
 * its two unmodified subsets (its licence reserves the name for unmodified
 * files) joined by unicode-range.
 */
async function otherRules(id: Exclude<FontId, 'tinos'>): Promise<string[]> {
  const dir = mergedFontsDir();
  if (!dir) throw new Error(`Thiếu tệp phông chữ ${FONTS[id].family} (thư mục build/fonts).`);
  const rules: string[] = [];
  for (const s of STYLES) {
    if (id === 'arimo') {
      rules.push(face(FONTS[id].family, s.style, s.weight, await readFile(join(dir, `arimo-vi-${s.weight}-${s.style}.woff2`))));
      continue;
    }
    for (const [subset, range] of Object.entries(SUBSETS)) {
      rules.push(face(FONTS[id].family, s.style, s.weight, await readFile(join(dir, `playfair-display-${subset}-${s.weight}-${s.style}.woff2`)), range));
    }
  }
  return rules;
}

/**
 * @font-face rules with the font bytes inline (about 110 KB of CSS for Tinos
 * alone), for the given fonts; Tinos, the page's own font, is always there.
 */
export async function certificateFontCss(fonts: readonly FontId[] = [DEFAULT_FONT]): Promise<string> {
  const wanted = new Set<FontId>([DEFAULT_FONT, ...fonts]);
  const parts: string[] = [];
  for (const id of FONT_IDS) {
    if (wanted.has(id)) parts.push(...(id === 'tinos' ? await tinosRules() : await otherRules(id)));
  }
  return parts.join('\n');
}

/**
 * The merged faces as TrueType (LibreOffice embeds sfnt files only), or null
 * when they are not there. In the installed app they are unpacked beside the
 * archive (another process reads them), so an app.asar path is turned into
 * its app.asar.unpacked twin.
 */
export function bundledTtfDir(): string | null {
  const merged = mergedFontsDir();
  if (!merged) return null;
  const dir = merged.replace(/app\.asar(?=[\\/])/u, 'app.asar.unpacked');
  return existsSync(join(dir, 'tinos-vi-400-normal.ttf')) ? dir : null;
}

const xml = (s: string) => s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;');

/**
 * Environment for a LibreOffice run that sees the bundled Tinos whatever the
 * machine has: a fontconfig file in `workDir` that includes the system's
 * configuration (so its metric aliases map Times New Roman to Tinos) and adds
 * our folder. Without it the PDF depends on the PC's fonts (DejaVu Serif on a
 * bare Debian: wider, so headings wrap). Null when the TrueType files are
 * missing (the caller keeps the process environment).
 */
export async function bundledFontconfigEnv(workDir: string): Promise<NodeJS.ProcessEnv | null> {
  const dir = bundledTtfDir();
  if (!dir) return null;
  const file = join(workDir, 'fonts.conf');
  const conf = `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>
  <dir>${xml(dir)}</dir>
  <cachedir>${xml(join(workDir, 'fontcache'))}</cachedir>
</fontconfig>
`;
  await writeFile(file, conf);
  return { ...process.env, FONTCONFIG_FILE: file };
}
