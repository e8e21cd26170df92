import type { CallRequest, CallResult, StoreEvent } from './envelope.js';
import { ApiError } from './errors.js';
import type { Input, MethodName, Output } from './contract.js';

/** What a transport must provide: deliver one call, return its result. */
export type SendCall = (request: CallRequest) => Promise<CallResult>;

/** The object the preload exposes on window (declared here so renderer and electron share it). */
export interface ThiDuaBridge {
  /**
   * The typed generic call: the method name picks the input type from the
   * contract. The result stays a plain `CallResult` (errors cannot cross
   * contextBridge as classes); `createClient` turns it into a value or an
   * ApiError.
   */
  invoke<M extends MethodName>(method: M, input: Input<M>, session?: string): Promise<CallResult>;
  onEvent(listener: (event: StoreEvent) => void): () => void;
  /** Desktop-only actions that belong to the shell (printing, file dialogs) are added by later features. */
  readonly platform: 'desktop';
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: Input<M>): Promise<Output<M>>;
  setSession(token: string | null): void;
}

/** A typed client over any transport: no method needs glue code. */
export function createClient(send: SendCall, initialSession: string | null = null): ApiClient {
  let session = initialSession;
  return {
    async call(method, input) {
      const request: CallRequest = session ? { method, input, session } : { method, input };
      const result = await send(request);
      if (!result.ok) throw ApiError.fromData(result.error);
      return result.value as Output<typeof method>;
    },
    setSession(token) {
      session = token;
    },
  };
}
