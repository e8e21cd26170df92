import type { PdfEngine, PdfEngineFactory, RenderedPdf } from '../awards/pdf-engine.js';
import type { FitOverflow } from '../../shared/awards/fit.js';
import type { PrintRequest, PrintResponse } from './store-process-protocol.js';

type Pending = (response: PrintResponse) => void;

/**
 * The store process's PdfEngineFactory in the desktop app: each engine is a
 * hidden print window in the main process, reached over the control channel
 * (store-process-protocol.ts). `receive` is fed every print-result that
 * arrives from main.
 */
export function createPrintClient(post: (request: PrintRequest) => void) {
  const pending = new Map<number, Pending>();
  let nextId = 1;

  type Body = PrintRequest extends infer R ? (R extends PrintRequest ? Omit<R, 'id' | 'kind'> : never) : never;
  function ask(body: Body): Promise<Extract<PrintResponse, { ok: true }>> {
    const id = nextId++;
    return new Promise((resolve, reject) => {
      pending.set(id, (response) => (response.ok ? resolve(response) : reject(new Error(`Không in được: ${response.message}`))));
      post({ kind: 'print', id, ...body } as PrintRequest);
    });
  }

  // Fonts are not pre-loaded here: the print window loads each document from app:// in one go.
  const factory: PdfEngineFactory = async () => {
    const opened = await ask({ op: 'open' });
    const engine = opened.engine;
    if (engine === undefined) throw new Error('Không mở được trình in.');
    const pdfEngine: PdfEngine = {
      async render(html, paper, options = {}): Promise<RenderedPdf> {
        const result = await ask({ op: 'render', engine, html, paper: { widthMm: paper.widthMm, heightMm: paper.heightMm }, fit: options.fit !== false });
        if (!result.pdf) throw new Error('Không in được: trình in không trả về tệp PDF.');
        return { pdf: Buffer.from(result.pdf), overflows: (result.overflows ?? []) as FitOverflow[] };
      },
      async print(html, paper, options) {
        const result = await ask({ op: 'print', engine, html, paper: { widthMm: paper.widthMm, heightMm: paper.heightMm }, printerName: options.printerName, silent: options.silent });
        return { overflows: (result.overflows ?? []) as FitOverflow[] };
      },
      async close() {
        await ask({ op: 'close', engine });
      },
    };
    return pdfEngine;
  };
  factory.printers = async () => (await ask({ op: 'printers' })).printers ?? [];

  return {
    factory,
    receive(response: PrintResponse): void {
      pending.get(response.id)?.(response);
      pending.delete(response.id);
    },
    /** The channel is gone (main is quitting): fail what is still waiting instead of hanging. */
    failAll(message: string): void {
      for (const [id, settle] of pending) settle({ kind: 'print-result', id, ok: false, message });
      pending.clear();
    },
  };
}
