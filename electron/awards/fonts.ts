import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The bundled certificate font: Tinos (metric-compatible with Times New
 * Roman, full Vietnamese coverage), embedded in the page as data URLs so the
 * printout never depends on the fonts of the PC it runs on. Only the latin
 * and vietnamese subsets are needed for Vietnamese text.
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

export function fontFilesDir(): string {
  // Works from the ESM sources (tests, web build) and from a CommonJS bundle (desktop store process).
  const here = typeof __filename === 'string' ? __filename : new URL(import.meta.url).pathname;
  const require = createRequire(here);
  return join(dirname(require.resolve('@fontsource/tinos/package.json')), 'files');
}

/** @font-face rules with the font bytes inline (about 100 KB of CSS for the eight faces). */
export async function certificateFontCss(dir = fontFilesDir()): Promise<string> {
  const rules: string[] = [];
  for (const s of STYLES) {
    for (const [subset, range] of Object.entries(SUBSETS)) {
      const bytes = await readFile(join(dir, `tinos-${subset}-${s.weight}-${s.style}.woff2`));
      rules.push(
        `@font-face{font-family:${CERTIFICATE_FONT_FAMILY};font-style:${s.style};font-weight:${s.weight};font-display:block;src:url(data:font/woff2;base64,${bytes.toString('base64')}) format('woff2');unicode-range:${range}}`,
      );
    }
  }
  return rules.join('\n');
}
