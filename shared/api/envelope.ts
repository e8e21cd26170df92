import type { ApiErrorData } from './errors.js';

/** What every transport carries: one call, one answer. */
export interface CallRequest {
  method: string;
  input: unknown;
  /** Session token from auth.login; absent for public methods. */
  session?: string;
}

export type CallResult = { ok: true; value: unknown } | { ok: false; error: ApiErrorData };

/** Pushed from the store to every connected window after a commit. */
export interface StoreEvent {
  type: 'changed';
  /** Tables whose rows changed, so screens know what to reload. */
  tables: string[];
}

/** Channel names carry the app prefix so they never collide with Electron's own. */
export const CHANNELS = {
  /** Renderer asks the main process for a port to the store process. */
  requestStorePort: 'thidua:request-store-port',
  /** Main hands the renderer its end of the port. */
  storePort: 'thidua:store-port',
} as const;
