import type { SendCall, ThiDuaBridge } from '../../../shared/api/client.js';
import type { MethodName } from '../../../shared/api/contract.js';
import type { CallResult, StoreEvent } from '../../../shared/api/envelope.js';

/** How the renderer reaches the store: one call path and one event stream. */
export interface Transport {
  send: SendCall;
  subscribe(listener: (event: StoreEvent) => void): () => void;
}

export const SECRET_HEADER = 'x-thidua-secret';
const SECRET_KEY = 'thidua.secret';

/** The desktop app: the preload bridge already carries calls and events. */
export function bridgeTransport(bridge: ThiDuaBridge): Transport {
  return {
    // The contract's generic typing is enforced by createClient above this layer; here the request is already built.
    send: (request) => bridge.invoke(request.method as MethodName, request.input as never, request.session),
    subscribe: (listener) => bridge.onEvent(listener),
  };
}

/**
 * The per-launch secret of the web build. It arrives once in the URL hash
 * (`#secret=...`), moves to sessionStorage (so a reload keeps working) and is
 * removed from the address bar, so it is not left in history or screenshots.
 */
export function takeSecret(location: Location, history: History, storage: Storage): string | null {
  const match = /(?:^#|&)secret=([^&]+)/u.exec(location.hash);
  if (match?.[1]) {
    const secret = decodeURIComponent(match[1]);
    storage.setItem(SECRET_KEY, secret);
    history.replaceState(null, '', `${location.pathname}${location.search}#/`);
    return secret;
  }
  return storage.getItem(SECRET_KEY);
}

function networkError(): CallResult {
  return { ok: false, error: { code: 'internal', message: 'Không kết nối được với kho dữ liệu của phần mềm. Hãy kiểm tra phần mềm còn đang chạy rồi thử lại.' } };
}

/** The web build: POST /api/call and a streamed /api/events (SSE format, read with fetch so the secret can go in a header). */
export function httpTransport(baseUrl: string, secret: string): Transport {
  const headers = { 'content-type': 'application/json', [SECRET_HEADER]: secret };
  return {
    async send(request) {
      let res: Response;
      try {
        res = await fetch(new URL('api/call', baseUrl), { method: 'POST', headers, body: JSON.stringify(request) });
      } catch {
        return networkError();
      }
      try {
        return (await res.json()) as CallResult;
      } catch {
        return networkError();
      }
    },
    subscribe(listener) {
      const abort = new AbortController();
      void streamEvents(new URL('api/events', baseUrl), secret, listener, abort.signal);
      return () => abort.abort();
    },
  };
}

async function streamEvents(url: URL, secret: string, listener: (event: StoreEvent) => void, signal: AbortSignal): Promise<void> {
  let delay = 500;
  while (!signal.aborted) {
    try {
      const res = await fetch(url, { headers: { [SECRET_HEADER]: secret }, signal });
      if (!res.ok || !res.body) throw new Error(`events: HTTP ${res.status}`);
      delay = 500;
      const reader = res.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let end = buffer.indexOf('\n\n');
        while (end >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const data = block
            .split('\n')
            .filter((line) => line.startsWith('data:'))
            .map((line) => line.slice(5).trimStart())
            .join('\n');
          if (data) {
            try {
              listener(JSON.parse(data) as StoreEvent);
            } catch {
              // A malformed event is skipped; the next change event reloads the screens anyway.
            }
          }
          end = buffer.indexOf('\n\n');
        }
      }
    } catch {
      if (signal.aborted) return;
    }
    // The server went away (restart, sleep): retry with a capped back-off.
    await new Promise((resolve) => setTimeout(resolve, delay));
    delay = Math.min(delay * 2, 10_000);
  }
}
