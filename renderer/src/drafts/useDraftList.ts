import { useCallback, useEffect, useState } from 'react';
import type { DraftRecord } from '../../../shared/api/methods/drafts.js';
import { useApi, useSession, useStoreChanges } from '../api/hooks.js';
import { useDraftDb } from './context.js';

export interface DraftSummary {
  key: string;
  label: string;
  savedAt: string;
}

/** The signed-in user's unsaved drafts: Dexie and the file mirror merged (the newest copy of each key wins). */
export function useDraftList(): { drafts: DraftSummary[]; reload(): void } {
  const db = useDraftDb();
  const api = useApi();
  const { session } = useSession();
  const userId = session?.user.id ?? null;
  const [drafts, setDrafts] = useState<DraftSummary[]>([]);
  const [tick, setTick] = useState(0);
  const reload = useCallback(() => setTick((n) => n + 1), []);
  useStoreChanges(reload, ['drafts']);

  useEffect(() => {
    if (!userId) return undefined;
    let current = true;
    void (async () => {
      const local = await db.drafts.where('userId').equals(userId).toArray().catch(() => []);
      const mirrored = await api.call('drafts.list', {}).catch((): DraftRecord[] => []);
      const byKey = new Map<string, DraftSummary>();
      for (const d of [...local, ...mirrored]) {
        const seen = byKey.get(d.key);
        if (!seen || seen.savedAt < d.savedAt) byKey.set(d.key, { key: d.key, label: d.label, savedAt: d.savedAt });
      }
      if (current) setDrafts([...byKey.values()].sort((a, b) => b.savedAt.localeCompare(a.savedAt)));
    })();
    return () => {
      current = false;
    };
  }, [db, api, userId, tick]);

  return { drafts, reload };
}

/** Where a draft's form lives: the section path is the key's prefix ("people.edit:…" → /people). */
export function draftPath(key: string): string {
  const prefix = key.split(/[.:]/u)[0] ?? '';
  return `/${prefix}`;
}
