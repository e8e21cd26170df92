import { createContext, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { createClient, type ApiClient } from '../../../shared/api/client.js';
import { ApiError } from '../../../shared/api/errors.js';
import type { StoreEvent } from '../../../shared/api/envelope.js';
import type { SessionInfo } from '../../../shared/domain/users.js';
import type { Transport } from './transport.js';
import { loadSession, saveSession } from './session.js';

export interface ApiContextValue {
  client: ApiClient;
  session: SessionInfo | null;
  setSession(session: SessionInfo | null): void;
  subscribe(listener: (event: StoreEvent) => void): () => void;
}

export const ApiContext = createContext<ApiContextValue | null>(null);

/**
 * Holds the typed client, the session and the store's event stream. A call
 * answered `unauthenticated` while signed in (session expired, store
 * restarted) drops the session, which sends the app back to the login screen.
 */
export function ApiProvider({ transport, storage, children }: { transport: Transport; storage: Storage; children: ReactNode }) {
  const [session, setSessionState] = useState<SessionInfo | null>(() => loadSession(storage));
  const sessionRef = useRef(session);
  const listeners = useRef(new Set<(event: StoreEvent) => void>());

  const setSession = useCallback(
    (next: SessionInfo | null) => {
      sessionRef.current = next;
      saveSession(storage, next);
      setSessionState(next);
    },
    [storage],
  );

  const client = useMemo<ApiClient>(() => {
    const inner = createClient(transport.send, sessionRef.current?.token ?? null);
    return {
      async call(method, input) {
        try {
          return await inner.call(method, input);
        } catch (error) {
          if (error instanceof ApiError && error.code === 'unauthenticated' && sessionRef.current) setSession(null);
          throw error;
        }
      },
      setSession: (token) => inner.setSession(token),
    };
  }, [transport, setSession]);

  useEffect(() => {
    const set = listeners.current;
    return transport.subscribe((event) => {
      for (const listener of set) listener(event);
    });
  }, [transport]);

  const subscribe = useCallback((listener: (event: StoreEvent) => void) => {
    listeners.current.add(listener);
    return () => {
      listeners.current.delete(listener);
    };
  }, []);

  // Set during render (idempotent), not in an effect: children's effects run first and must already send the token.
  client.setSession(session?.token ?? null);

  const value = useMemo(() => ({ client, session, setSession, subscribe }), [client, session, setSession, subscribe]);
  return <ApiContext.Provider value={value}>{children}</ApiContext.Provider>;
}
