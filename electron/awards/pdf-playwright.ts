import { existsSync } from 'node:fs';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { fitDocument, fitText, type FitOverflow } from '../../shared/awards/fit.js';
import type { PdfEngine, PdfEngineFactory } from './pdf-engine.js';

/** The page-side fitting code: the two pure functions' source, applied to the page's document. */
export const FIT_SCRIPT = `(${fitDocument.toString()})(document, ${fitText.toString()})`;

/** Resolves when the fonts are ready and every image has loaded (or failed: a broken image must not hang a batch). */
export const LOADED_SCRIPT =
  'Promise.all([document.fonts.ready, ...Array.from(document.images).filter((i) => !i.complete).map((i) => new Promise((done) => { i.addEventListener("load", done); i.addEventListener("error", done); }))])';

/*
 * --single-process: the batch's one page renders inside the browser process, so no renderer process is
 * spawned for it. On a VM where process start-up is slow this was ~0.3 s of a ~0.9 s launch + page
 * (measured, 3 runs each); it is the setting serverless PDF renderers run with. The browser only ever
 * loads our own HTML, one page per batch, and is closed after it.
 */
export const CHROMIUM_ARGS = [
  '--single-process',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
  // The headless shell otherwise rounds every glyph advance to a whole pixel (hinted metrics): text
  // came out wider than the preview measured it and each glyph was placed by its own operator
  // (+17% PDF size). With hinting off its PDF is the full browser's, operator for operator.
  '--font-render-hinting=none',
];

/*
 * Chromium's headless shell (Debian's chromium-headless-shell, the same Blink and print path built
 * without the browser's UI layer) before the full browser: it is what Playwright itself launches for
 * headless work, and on this VM it started in ~0.6 s where the full browser took ~1.6 s (3 launches
 * each, under load). The full browser remains the fallback where the shell is not installed.
 */
const CHROMIUM_CANDIDATES = ['/usr/bin/chromium-headless-shell', '/usr/bin/chromium'];

/** The Chromium that prints: THIDUA_CHROMIUM when set, else the first candidate installed. */
export function chromiumPath(exists: (path: string) => boolean = existsSync): string {
  return process.env.THIDUA_CHROMIUM ?? CHROMIUM_CANDIDATES.find((path) => exists(path)) ?? '/usr/bin/chromium';
}

/**
 * The page's document replaced by `html` in one DevTools call (Page.setDocumentContent: the parse is
 * done when it returns). Playwright's setContent writes the document from script in an isolated world
 * and then waits for a lifecycle event; for a 200-certificate batch (~0.6 MB of HTML) that was
 * ~0.14 s more of the whole batch (medians of 9 interleaved runs, 2.50 → 2.36 s, this VM).
 */
class DocumentLoader {
  private constructor(
    private readonly cdp: CDPSession,
    private readonly frameId: string,
  ) {}

  static async open(page: Page): Promise<DocumentLoader> {
    const cdp = await page.context().newCDPSession(page);
    const tree = (await cdp.send('Page.getFrameTree')) as { frameTree: { frame: { id: string } } };
    return new DocumentLoader(cdp, tree.frameTree.frame.id);
  }

  async load(html: string): Promise<void> {
    await this.cdp.send('Page.setDocumentContent', { frameId: this.frameId, html });
  }
}

class PlaywrightPdfEngine implements PdfEngine {
  constructor(
    private readonly browser: Browser,
    private readonly page: Page,
    private readonly loader: DocumentLoader,
  ) {}

  async render(html: string, paper: { widthMm: number; heightMm: number }, options: { fit?: boolean } = {}) {
    // Everything is inline (fonts and QR images as data URLs): after the parse, wait for each image's
    // decode and for the fonts, rather than for the full load event.
    await this.loader.load(html);
    // One round trip: fonts and images loaded (printing decodes the images itself), then the fit.
    const overflows = (await this.page.evaluate(`${LOADED_SCRIPT}.then(() => ${options.fit === false ? '[]' : FIT_SCRIPT})`)) as FitOverflow[];
    const pdf = await this.page.pdf({ width: `${paper.widthMm}mm`, height: `${paper.heightMm}mm`, printBackground: true, preferCSSPageSize: true });
    return { pdf, overflows };
  }

  async close() {
    await this.browser.close();
  }
}

/**
 * A page holding only the batch's fonts and one letter in each face: loading it decodes the fonts
 * into Chromium's cache while the caller is still building the certificates, so the real document's
 * fonts are ready at once (measured: the fonts step of a 200-page batch went from ~150 ms to ~20 ms).
 */
export function fontWarmupHtml(fontCss: string): string {
  const styles = ['', 'font-weight:700', 'font-style:italic', 'font-weight:700;font-style:italic'];
  const families = [...new Set(Array.from(fontCss.matchAll(/font-family:'([^']+)'/gu), (m) => m[1] ?? ''))].filter(Boolean);
  const spans = families.flatMap((family) => styles.map((s) => `<span style="font-family:'${family}';${s}">Ắ ệ a</span>`));
  return `<!doctype html><html><head><meta charset="utf-8"><style>${fontCss}</style></head><body>${spans.join('')}</body></html>`;
}

/** One Chromium per batch: launched here, closed by the caller with close(). */
export const playwrightPdfEngine: PdfEngineFactory = async (options = {}) => {
  const browser = await chromium.launch({ executablePath: chromiumPath(), headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    const loader = await DocumentLoader.open(page);
    if (options.fontCss) {
      await loader.load(fontWarmupHtml(options.fontCss));
      await page.evaluate('document.fonts.ready.then(() => true)');
    }
    return new PlaywrightPdfEngine(browser, page, loader);
  } catch (error) {
    await browser.close();
    throw error;
  }
};
