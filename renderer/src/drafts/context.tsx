import { createContext, useContext, type ReactNode } from 'react';
import type { DraftDb } from './db.js';

const DraftsContext = createContext<DraftDb | null>(null);

export function DraftsProvider({ db, children }: { db: DraftDb; children: ReactNode }) {
  return <DraftsContext.Provider value={db}>{children}</DraftsContext.Provider>;
}

export function useDraftDb(): DraftDb {
  const db = useContext(DraftsContext);
  if (!db) throw new Error('useDraftDb outside DraftsProvider');
  return db;
}
