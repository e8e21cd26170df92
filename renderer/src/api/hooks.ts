/**
 * API hooks for every screen.
 *
 *   const api = useApi();                              // typed client: await api.call('people.get', { id })
 *   const people = useQuery('people.list', { search }, { tables: ['people'] });
 *     // → { data, error, loading, reload }; reloads when the input changes and
 *     //   when the store reports a change in one of `tables` (any table if omitted).
 *   const save = useCommand('people.create');
 *     // → { run(input): Promise<output> (throws ApiError), running }
 *   try { await save.run(values) } catch (e) { showApiError(e, form) }  // see ./errors.ts
 */
import { useCallback, useContext, useEffect, useRef, useState } from 'react';
import type { ApiClient } from '../../../shared/api/client.js';
import type { CommandName, Input, Output, QueryName } from '../../../shared/api/contract.js';
import type { StoreEvent } from '../../../shared/api/envelope.js';
import type { SessionInfo } from '../../../shared/domain/users.js';
import { ApiContext, type ApiContextValue } from './context.js';

function useApiContext(): ApiContextValue {
  const value = useContext(ApiContext);
  if (!value) throw new Error('API hooks need <ApiProvider>');
  return value;
}

export function useApi(): ApiClient {
  return useApiContext().client;
}

/** The signed-in user (null on the login and setup screens) and a setter used by login/logout. */
export function useSession(): { session: SessionInfo | null; setSession(session: SessionInfo | null): void } {
  const { session, setSession } = useApiContext();
  return { session, setSession };
}

/** Calls `listener` after each store commit that touched one of `tables` (any table if omitted). */
export function useStoreChanges(listener: (event: StoreEvent) => void, tables?: readonly string[]): void {
  const { subscribe } = useApiContext();
  const latest = useRef(listener);
  latest.current = listener;
  const tableKey = tables ? tables.join(',') : '';
  useEffect(
    () =>
      subscribe((event) => {
        if (event.type !== 'changed') return;
        if (tableKey && !event.tables.some((t) => tableKey.split(',').includes(t))) return;
        latest.current(event);
      }),
    [subscribe, tableKey],
  );
}

export interface QueryState<T> {
  data: T | undefined;
  error: unknown;
  /** True until the first answer and while reloading after an input change. */
  loading: boolean;
  reload(): void;
}

export interface QueryOptions {
  /** Tables whose changes make this query reload; omit to reload on any change. */
  tables?: readonly string[];
  /** False skips the call (e.g. until a required id is known). */
  enabled?: boolean;
}

export function useQuery<M extends QueryName>(method: M, input: Input<M>, options: QueryOptions = {}): QueryState<Output<M>> {
  const client = useApi();
  const enabled = options.enabled ?? true;
  const key = JSON.stringify(input);
  const [state, setState] = useState<{ data: Output<M> | undefined; error: unknown; loading: boolean }>({ data: undefined, error: undefined, loading: enabled });
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useStoreChanges(reload, options.tables);

  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    setState((s) => ({ ...s, loading: true }));
    client.call(method, JSON.parse(key) as Input<M>).then(
      (data) => current && setState({ data, error: undefined, loading: false }),
      (error: unknown) => current && setState((s) => ({ data: s.data, error, loading: false })),
    );
    // A newer request (input changed, store changed) wins; a late older answer is ignored.
    return () => {
      current = false;
    };
  }, [client, method, key, enabled, tick]);

  return { ...state, reload };
}

export interface CommandState<M extends CommandName> {
  run(input: Input<M>): Promise<Output<M>>;
  running: boolean;
}

export function useCommand<M extends CommandName>(method: M): CommandState<M> {
  const client = useApi();
  const [running, setRunning] = useState(false);
  const run = useCallback(
    async (input: Input<M>) => {
      setRunning(true);
      try {
        return await client.call(method, input);
      } finally {
        setRunning(false);
      }
    },
    [client, method],
  );
  return { run, running };
}
