import type { CallRequest, CallResult, StoreEvent } from '../../shared/api/envelope.js';

/** Messages between a caller (main thread, renderer) and the store process. */
export type ToStore = { kind: 'call'; id: number; request: CallRequest } | { kind: 'close' };
export type FromStore =
  | { kind: 'result'; id: number; result: CallResult }
  | { kind: 'event'; event: StoreEvent }
  | { kind: 'ready' }
  | { kind: 'failed'; message: string }
  | { kind: 'closed' };

/** The smallest port both Node's MessagePort and Electron's MessagePortMain can be adapted to. */
export interface Port {
  send(message: FromStore | ToStore): void;
  onMessage(listener: (message: unknown) => void): void;
  onClose?(listener: () => void): void;
}
