import type { Store } from './open-store.js';
import type { Port, ToStore } from './port-protocol.js';

function isCall(message: unknown): message is Extract<ToStore, { kind: 'call' }> {
  const m = message as { kind?: unknown; id?: unknown; request?: unknown } | null;
  return typeof m === 'object' && m !== null && m.kind === 'call' && typeof m.id === 'number' && typeof m.request === 'object' && m.request !== null;
}

/**
 * Serves one port: each call goes to the dispatcher, each result comes back
 * with its id, and store events are pushed. A port is one window (IPC) or
 * the HTTP server (web build, tests).
 */
export function servePort(store: Store, port: Port): () => void {
  const unsubscribe = store.events.subscribe((event) => port.send({ kind: 'event', event }));
  port.onMessage((message) => {
    if (!isCall(message)) return;
    void store.dispatch(message.request).then((result) => port.send({ kind: 'result', id: message.id, result }));
  });
  port.onClose?.(unsubscribe);
  return unsubscribe;
}
