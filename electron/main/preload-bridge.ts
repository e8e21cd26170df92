import type { ThiDuaBridge } from '../../shared/api/client.js';
import type { CallResult, StoreEvent } from '../../shared/api/envelope.js';

/**
 * The renderer-side MessagePort as the preload sees it: a DOM MessagePort,
 * typed structurally because electron/ has no DOM lib (Node's MessagePort
 * fits too, which the tests use).
 */
export interface StorePortLike {
  postMessage(message: unknown): void;
  addEventListener(type: 'message', listener: (event: { data: unknown }) => void): void;
  start(): void;
}

const STORE_UNREACHABLE: CallResult = {
  ok: false,
  error: { code: 'internal', message: 'Không kết nối được với kho dữ liệu của phần mềm; thao tác chưa được thực hiện. Hãy đóng và mở lại phần mềm.' },
};
const BAD_REQUEST: CallResult = { ok: false, error: { code: 'invalid_input', message: 'Yêu cầu không hợp lệ: thiếu tên chức năng.' } };

function isResult(m: unknown): m is { kind: 'result'; id: number; result: CallResult } {
  const v = m as { kind?: unknown; id?: unknown; result?: unknown } | null;
  return typeof v === 'object' && v !== null && v.kind === 'result' && typeof v.id === 'number' && typeof v.result === 'object' && v.result !== null;
}
function isEvent(m: unknown): m is { kind: 'event'; event: StoreEvent } {
  const v = m as { kind?: unknown; event?: unknown } | null;
  return typeof v === 'object' && v !== null && v.kind === 'event' && typeof v.event === 'object' && v.event !== null;
}

/**
 * window.thidua: calls go over a MessagePort straight to the store process
 * (request ids, a pending map), events come back on the same port. The port
 * is asked for once, at creation; calls made before it arrives wait for it.
 * Nothing else of Electron or Node is reachable from the page.
 */
export function createBridge(requestPort: () => Promise<StorePortLike>): ThiDuaBridge {
  const pending = new Map<number, (result: CallResult) => void>();
  const listeners = new Set<(event: StoreEvent) => void>();
  let nextId = 1;

  const port = requestPort().then(
    (p) => {
      p.addEventListener('message', (e) => {
        const m = e.data;
        if (isResult(m)) {
          pending.get(m.id)?.(m.result);
          pending.delete(m.id);
        } else if (isEvent(m)) {
          for (const l of listeners) {
            try {
              l(m.event);
            } catch {
              // One broken screen listener must not stop the others from hearing the change.
            }
          }
        }
      });
      p.start();
      return p;
    },
    () => null,
  );

  return {
    platform: 'desktop',
    async invoke(method: string, input: unknown, session?: string): Promise<CallResult> {
      if (typeof method !== 'string' || method === '') return BAD_REQUEST;
      const p = await port;
      if (!p) return STORE_UNREACHABLE;
      const id = nextId++;
      // Only the three known fields cross to the store: nothing else the page attached travels along.
      const message = { kind: 'call', id, request: { method, input, ...(typeof session === 'string' ? { session } : {}) } };
      return new Promise<CallResult>((resolve) => {
        pending.set(id, resolve);
        try {
          p.postMessage(message);
        } catch {
          pending.delete(id);
          resolve(STORE_UNREACHABLE);
        }
      });
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => {
        listeners.delete(listener);
      };
    },
  } satisfies ThiDuaBridge;
}
