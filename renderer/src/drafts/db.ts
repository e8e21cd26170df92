import { Dexie, type Table } from 'dexie';

export interface LocalDraft {
  userId: string;
  key: string;
  label: string;
  data: unknown;
  savedAt: string;
}

export type DraftDb = Dexie & { drafts: Table<LocalDraft, [string, string]> };

/**
 * Drafts in IndexedDB. 'strict' durability makes Chromium flush each write to
 * disk before reporting success: a power cut right after typing must not
 * lose it (the default 'relaxed' may).
 */
export function openDraftDb(name = 'thidua-drafts'): DraftDb {
  const db = new Dexie(name, { chromeTransactionDurability: 'strict' }) as DraftDb;
  db.version(1).stores({ drafts: '[userId+key], userId, savedAt' });
  return db;
}
