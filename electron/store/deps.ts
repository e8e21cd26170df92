import type { Database } from '../../shared/db/port.js';
import type { StoreEvent } from '../../shared/api/envelope.js';
import type { Change } from './mutation.js';
import type { DraftFiles } from './draft-files.js';
import type { PdfEngineFactory } from '../awards/pdf-engine.js';
import type { OfficeSyncAgent } from '../sync/office-agent.js';
import type { DurableStore } from '../durability/durable-store.js';
import type { ProvinceMode } from '../sync/province-mode.js';

/** Where committed changes go before the write is acknowledged (the durability journal plugs in here). */
export interface DurabilitySink {
  committed(changes: readonly Change[]): Promise<void>;
}

export interface EventSink {
  emit(event: StoreEvent): void;
}

export interface Logger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

/** Everything a handler may touch, built once per process at its composition root. */
export interface StoreDeps {
  db: Database;
  clock: () => Date;
  newId: () => string;
  durability: DurabilitySink;
  events: EventSink;
  logger: Logger;
  /** Draft mirror outside the browser profile. */
  drafts: DraftFiles;
  /** The store's data folder; null for an in-memory store (tests). */
  dataDir: string | null;
  /** HTML → PDF (certificates, decisions); absent = Debian/bundled Chromium via playwright-core. The desktop shell passes printToPDF. */
  pdf?: PdfEngineFactory;
  /** Journal, snapshots, backup and restore of a store on a data folder; absent for in-memory or PostgreSQL stores. */
  durable?: DurableStore;
  /** The office's sync agent (enrolment, upload/download, USB bundles), built with the store. */
  sync: OfficeSyncAgent;
  /** Province mode: the hub in this store, active only when the office's root unit is provincial. */
  province: ProvinceMode;
}

export const noDurability: DurabilitySink = { committed: async () => undefined };

export function consoleLogger(prefix: string): Logger {
  const line = (level: string, message: string, fields?: Record<string, unknown>) =>
    process.stderr.write(`${JSON.stringify({ t: new Date().toISOString(), level, src: prefix, msg: message, ...fields })}\n`);
  return {
    info: (m, f) => line('info', m, f),
    warn: (m, f) => line('warn', m, f),
    error: (m, f) => line('error', m, f),
  };
}

export class EventHub implements EventSink {
  private readonly listeners = new Set<(event: StoreEvent) => void>();
  emit(event: StoreEvent): void {
    for (const l of this.listeners) l(event);
  }
  subscribe(listener: (event: StoreEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
