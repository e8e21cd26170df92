/**
 * Nothing typed is lost. Every form calls
 *
 *   const draft = useDraft('people.edit:' + id, 'Sửa hồ sơ: ' + name, form.values, { exclude: ['password'] });
 *   <DraftBanner draft={draft} onRestore={(data) => form.setValues({ ...form.values, ...data })} />
 *   after a successful save:  await draft.clear();
 *
 * As the user types (debounced) the values go to Dexie (IndexedDB, strict
 * durability) and are mirrored with `drafts.put` to a file outside the
 * browser profile. When the form opens and a draft exists (Dexie, or the
 * mirror if IndexedDB was wiped) it is offered back. Passwords never go into
 * drafts: list them in `exclude`.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useApi, useSession } from '../api/hooks.js';
import { useDraftDb } from './context.js';
import type { DraftRecord } from '../../../shared/api/methods/drafts.js';

export const DRAFT_DEBOUNCE_MS = 400;
/** Drafts typed before anyone is signed in (first-run wizard) stay in Dexie only: the mirror needs a session. */
export const ANONYMOUS_USER = 'anonymous';

export interface DraftOffer<T> {
  savedAt: string;
  data: Partial<T>;
}

export interface DraftState<T> {
  offer: DraftOffer<T> | null;
  /** Hands back the offered values and hides the offer. */
  restore(): Partial<T> | null;
  /** Throws the offered draft away (both copies). */
  discard(): Promise<void>;
  /** Call after a successful save: deletes both copies and stops saving the values as they are now. */
  clear(): Promise<void>;
  /** When the last copy was written, for a small "saved as draft" hint. */
  lastSavedAt: string | null;
}

export interface DraftOptions<T> {
  exclude?: ReadonlyArray<keyof T>;
  /** False while the form is closed. */
  enabled?: boolean;
}

function strip<T extends Record<string, unknown>>(values: T, exclude: ReadonlyArray<keyof T>): Partial<T> {
  const out: Partial<T> = { ...values };
  for (const k of exclude) delete out[k];
  return out;
}

export function useDraft<T extends Record<string, unknown>>(key: string, label: string, values: T, options: DraftOptions<T> = {}): DraftState<T> {
  const db = useDraftDb();
  const api = useApi();
  const { session } = useSession();
  const userId = session?.user.id ?? ANONYMOUS_USER;
  const mirror = session !== null;
  const enabled = options.enabled ?? true;
  const excludeKey = (options.exclude ?? []).join(',');
  const json = JSON.stringify(strip(values, (options.exclude ?? []) as ReadonlyArray<keyof T>));

  const [offer, setOffer] = useState<DraftOffer<T> | null>(null);
  const [lastSavedAt, setLastSavedAt] = useState<string | null>(null);
  // Values the draft must not be saved for: what the form opened with, and what was just saved or discarded.
  const baseline = useRef<string | null>(null);
  // State, not a ref: values typed before the lookup ends must still be saved once it ends.
  const [loaded, setLoaded] = useState(false);
  const labelRef = useRef(label);
  labelRef.current = label;

  // Look for an existing draft when the form opens (or its key changes).
  useEffect(() => {
    if (!enabled) return undefined;
    let current = true;
    setLoaded(false);
    baseline.current = json;
    setOffer(null);
    setLastSavedAt(null);
    void (async () => {
      let found: { savedAt: string; data: unknown } | undefined = await db.drafts.get([userId, key]).catch(() => undefined);
      if (!found && mirror) {
        const list = await api.call('drafts.list', {}).catch((): DraftRecord[] => []);
        found = list.find((d) => d.key === key);
      }
      if (!current) return;
      if (found && JSON.stringify(found.data) !== baseline.current) setOffer({ savedAt: found.savedAt, data: found.data as Partial<T> });
      setLoaded(true);
    })();
    return () => {
      current = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- the baseline is the values at opening; typing must not re-run the lookup.
  }, [db, api, userId, key, mirror, enabled, excludeKey]);

  // Save as the user types, debounced.
  useEffect(() => {
    if (!enabled || !loaded || json === baseline.current) return undefined;
    const timer = setTimeout(() => {
      // clear() may have run since this save was scheduled.
      if (json === baseline.current) return;
      const savedAt = new Date().toISOString();
      const data = JSON.parse(json) as unknown;
      void db.drafts.put({ userId, key, label: labelRef.current, data, savedAt }).then(() => setLastSavedAt(savedAt), () => undefined);
      // The mirror is a second copy; if it fails the Dexie copy still holds the draft.
      if (mirror) void api.call('drafts.put', { key, label: labelRef.current, data, savedAt }).catch(() => undefined);
    }, DRAFT_DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [json, enabled, loaded, db, api, userId, key, mirror]);

  const removeBoth = useCallback(async () => {
    await db.drafts.delete([userId, key]).catch(() => undefined);
    if (mirror) await api.call('drafts.delete', { key }).catch(() => undefined);
  }, [db, api, userId, key, mirror]);

  const restore = useCallback(() => {
    const data = offer?.data ?? null;
    setOffer(null);
    return data;
  }, [offer]);

  const discard = useCallback(async () => {
    setOffer(null);
    await removeBoth();
  }, [removeBoth]);

  const clear = useCallback(async () => {
    baseline.current = json;
    setOffer(null);
    setLastSavedAt(null);
    await removeBoth();
  }, [json, removeBoth]);

  return { offer, restore, discard, clear, lastSavedAt };
}
