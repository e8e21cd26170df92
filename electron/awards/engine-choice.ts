import type { StoreDeps } from '../store/deps.js';
import type { PdfEngineFactory } from './pdf-engine.js';
import { playwrightPdfEngine } from './pdf-playwright.js';

/** The engine the composition root gave, else Chromium through playwright-core (tests, web build). */
export function pdfEngineFactory(deps: StoreDeps): PdfEngineFactory {
  return deps.pdf ?? playwrightPdfEngine;
}
