import { afterEach, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../shared/api/client.js';
import { ApiError } from '../../shared/api/errors.js';
import type { PdfEngine, PdfEngineFactory, SystemPrinter } from '../../electron/awards/pdf-engine.js';
import { openStore, type Store } from '../../electron/store/open-store.js';
import { inProcessClient } from '../../electron/transports/in-process.js';
import { OFFICE_SETUP, quietLogger } from '../support/store.js';
import { addPeople, decisionInput } from '../support/awards.js';

/**
 * Print jobs and the write queue, and direct printing as the store sees it,
 * with an engine whose rendering the test holds and releases (no timing: the
 * order of events is what is checked).
 */

interface Gate {
  /** Resolves when the engine has been asked to render or print. */
  reached: Promise<void>;
  release(): void;
}

function gate(): Gate & { arrive(): Promise<void> } {
  let reached!: () => void;
  let release!: () => void;
  const reachedP = new Promise<void>((r) => (reached = r));
  const releasedP = new Promise<void>((r) => (release = r));
  return {
    reached: reachedP,
    release,
    async arrive() {
      reached();
      await releasedP;
    },
  };
}

/** A fake engine: "renders" to a marker PDF after the gate opens; prints to the printers it was given. */
function heldEngine(g: ReturnType<typeof gate>, opts: { printers?: SystemPrinter[]; printFails?: string } = {}) {
  const printed: { html: string; printerName: string; silent: boolean }[] = [];
  let closed = 0;
  const factory: PdfEngineFactory = async () => {
    const engine: PdfEngine = {
      async render() {
        await g.arrive();
        return { pdf: Buffer.from('%PDF-1.4 fake'), overflows: [] };
      },
      async close() {
        closed++;
      },
    };
    if (opts.printers) {
      engine.print = async (html, _paper, o) => {
        await g.arrive();
        if (opts.printFails) throw new Error(`Không in được: ${opts.printFails}`);
        printed.push({ html, printerName: o.printerName, silent: o.silent });
        return { overflows: [] };
      };
    }
    return engine;
  };
  if (opts.printers) {
    const list = opts.printers;
    factory.printers = async () => list;
  }
  return { factory, printed, closed: () => closed };
}

async function officeWithDecision(pdf: PdfEngineFactory): Promise<{ store: Store; api: ApiClient; decisionId: string; officeUnitId: string }> {
  const store = await openStore({ logger: quietLogger, pdf });
  const api = inProcessClient(store);
  const session = await api.call('system.setup', OFFICE_SETUP);
  api.setSession(session.token);
  const people = await addPeople(api, session.officeUnitId);
  const draft = await api.call('awards.createDecision', await decisionInput(api, people));
  const issued = await api.call('awards.issueDecision', { id: draft.decision.id, expectedVersion: draft.decision.version });
  return { store, api, decisionId: issued.decision.id, officeUnitId: session.officeUnitId };
}

async function failure(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (error) {
    if (error instanceof ApiError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

const prints = async (store: Store) => (await store.deps.db.query<{ n: number }>('SELECT count(*)::int AS n FROM certificate_prints')).rows[0]?.n ?? -1;

describe('certificates: print jobs run outside the write queue', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });

  it('a save made while a batch is rendering completes before the batch ends; the batch then logs its prints', async () => {
    const g = gate();
    const engine = heldEngine(g);
    const o = await officeWithDecision(engine.factory);
    store = o.store;
    const templateId = (await o.api.call('certificates.templates', {}))[0]?.id ?? '';
    let batchDone = false;
    const batch = o.api.call('certificates.print', { selection: { decisionId: o.decisionId }, templateId, jobId: 'job-queue-test' }).then((r) => {
      batchDone = true;
      return r;
    });
    await g.reached;
    // The batch is now inside its render: a save must not wait for it.
    const saved = await o.api.call('people.create', { fullName: 'Hà Thị Lan', gender: 'female', position: 'Chuyên viên', unitId: o.officeUnitId, staffCategory: 'cong_chuc', birthDate: null, startDate: null, note: null });
    expect(saved.fullName).toBe('Hà Thị Lan');
    expect(batchDone).toBe(false);
    expect(await o.api.call('certificates.printProgress', { jobId: 'job-queue-test' })).toEqual({ done: 5, total: 5, stage: 'rendering' });
    expect(await prints(o.store)).toBe(0);
    g.release();
    const result = await batch;
    expect(result.printed).toBe(5);
    expect(result.items.every((i) => i.kind === 'print')).toBe(true);
    expect(await prints(o.store)).toBe(5);
    expect(await o.api.call('certificates.printProgress', { jobId: 'job-queue-test' })).toEqual({ done: 5, total: 5, stage: 'done' });
    // The engine is closed after the answer, not before it.
    await new Promise((r) => setTimeout(r, 0));
    expect(engine.closed()).toBe(1);
  });

  it('two batches of the same certificates at once: the one that logs second needs a reprint reason, and writes nothing without it', async () => {
    const g = gate();
    const o = await officeWithDecision(heldEngine(g).factory);
    store = o.store;
    const templateId = (await o.api.call('certificates.templates', {}))[0]?.id ?? '';
    const both = Promise.allSettled([
      o.api.call('certificates.print', { selection: { decisionId: o.decisionId }, templateId }),
      o.api.call('certificates.print', { selection: { decisionId: o.decisionId }, templateId }),
    ]);
    await g.reached;
    g.release();
    // Whichever logs first wins; the other finds the rows inside the queue.
    const results = await both;
    const ok = results.filter((r) => r.status === 'fulfilled');
    const refused = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    expect(ok).toHaveLength(1);
    expect(ok[0]?.value.printed).toBe(5);
    expect(refused).toHaveLength(1);
    expect(refused[0]).toBeInstanceOf(ApiError);
    expect((refused[0] as ApiError).message).toMatch(/^Đã in trước đó: .*In lại cần ghi lý do/u);
    expect(await prints(o.store)).toBe(5);
  });
});

describe('certificates: printing straight to a printer (desktop engine, faked)', () => {
  let store: Store | undefined;
  afterEach(async () => {
    await store?.close();
    store = undefined;
  });
  const PRINTERS: SystemPrinter[] = [
    { name: 'HP_P1102', displayName: 'HP LaserJet P1102', isDefault: true, problem: null },
    { name: 'Canon_2900', displayName: 'Canon LBP 2900', isDefault: false, problem: 'mất kết nối (offline)' },
  ];

  it('lists printers, prints with that printer\'s calibration, logs each certificate as printed on it', async () => {
    const g = gate();
    g.release();
    const engine = heldEngine(g, { printers: PRINTERS });
    const o = await officeWithDecision(engine.factory);
    store = o.store;
    expect(await o.api.call('certificates.printers', {})).toEqual({ direct: true, printers: PRINTERS });
    await o.api.call('certificates.saveCalibration', { printerName: 'HP_P1102', offsetXMm: 2.5, offsetYMm: -1, scale: 1 });
    const overlay = (await o.api.call('certificates.templates', {})).find((t) => t.mode === 'overlay');
    if (!overlay) throw new Error('no overlay template');
    const r = await o.api.call('certificates.printToPrinter', { selection: { decisionId: o.decisionId }, templateId: overlay.id, printerName: 'HP_P1102', silent: true });
    expect(r).toMatchObject({ printed: 5, printerName: 'HP_P1102' });
    expect(engine.printed).toHaveLength(1);
    expect(engine.printed[0]?.silent).toBe(true);
    // The register-number box of the overlay template, moved by the calibration offsets.
    const reg = overlay.fields.find((f) => f.key === 'registerNumber');
    expect(engine.printed[0]?.html).toContain(`left:${(reg?.xMm ?? 0) + 2.5}mm;top:${(reg?.yMm ?? 0) - 1}mm`);
    const rows = (await o.store.deps.db.query<{ output: string; printer_name: string; kind: string }>('SELECT output, printer_name, kind FROM certificate_prints')).rows;
    expect(rows).toHaveLength(5);
    expect(rows.every((x) => x.output === 'printer' && x.printer_name === 'HP_P1102' && x.kind === 'print')).toBe(true);
  });

  it('refuses an unknown printer, an offline one, and a failed job in Vietnamese, logging nothing', async () => {
    const g = gate();
    g.release();
    const o = await officeWithDecision(heldEngine(g, { printers: PRINTERS, printFails: 'Máy in "HP_P1102" không nhận lệnh in (Printer is offline).' }).factory);
    store = o.store;
    const templateId = (await o.api.call('certificates.templates', {}))[0]?.id ?? '';
    const sel = { selection: { decisionId: o.decisionId }, templateId, silent: true };
    expect((await failure(o.api.call('certificates.printToPrinter', { ...sel, printerName: 'Epson L3110' }))).message).toBe('Không tìm thấy máy in "Epson L3110" trên máy tính này. Hãy chọn lại máy in.');
    expect((await failure(o.api.call('certificates.printToPrinter', { ...sel, printerName: 'Canon_2900' }))).message).toBe(
      'Máy in "Canon LBP 2900" đang báo lỗi: mất kết nối (offline). Hãy kiểm tra máy in rồi in lại; chưa ghi nhận giấy khen nào là đã in.',
    );
    expect((await failure(o.api.call('certificates.printToPrinter', { ...sel, printerName: 'HP_P1102' }))).message).toBe('Không in được: Máy in "HP_P1102" không nhận lệnh in (Printer is offline).');
    expect(await prints(o.store)).toBe(0);
  });

  it('the web build\'s engine cannot print directly: the screen is told to offer the PDF, and a direct print is refused', async () => {
    const g = gate();
    g.release();
    const o = await officeWithDecision(heldEngine(g).factory);
    store = o.store;
    expect(await o.api.call('certificates.printers', {})).toEqual({ direct: false, printers: [] });
    const templateId = (await o.api.call('certificates.templates', {}))[0]?.id ?? '';
    const err = await failure(o.api.call('certificates.printToPrinter', { selection: { decisionId: o.decisionId }, templateId, printerName: 'HP_P1102', silent: true }));
    expect(err.message).toBe('Bản chạy trên trình duyệt không gửi thẳng ra máy in được. Hãy bấm "Tải PDF để in" rồi in tệp PDF.');
    expect(await prints(o.store)).toBe(0);
  });
});
