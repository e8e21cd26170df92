import { createClient, type ApiClient } from '../../shared/api/client.js';
import type { Store } from '../store/open-store.js';

/**
 * The in-process transport (unit tests): the same dispatcher, no thread hop.
 * Requests are cloned through JSON like the real transports would, so a
 * handler cannot depend on receiving the caller's own objects.
 */
export function inProcessClient(store: Store, session: string | null = null): ApiClient {
  return createClient(async (request) => {
    const result = await store.dispatch(JSON.parse(JSON.stringify(request)) as typeof request);
    return JSON.parse(JSON.stringify(result)) as typeof result;
  }, session);
}
