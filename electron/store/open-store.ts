import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { migrate } from '../../shared/db/migrate.js';
import { officeMigrations } from '../../shared/db/migrations/index.js';
import type { Database } from '../../shared/db/port.js';
import { createDispatcher, type Dispatch } from '../handlers/dispatch.js';
import { handlers } from '../handlers/index.js';
import { lockDataFolder, type DataLock } from './data-lock.js';
import { EventHub, consoleLogger, noDurability, type DurabilitySink, type Logger, type StoreDeps } from './deps.js';
import { openPGlite } from './pglite-database.js';
import { folderDraftFiles, memoryDraftFiles } from './draft-files.js';
import { SessionStore } from './sessions.js';
import { DurableStore, type DurabilityOptions } from '../durability/durable-store.js';
import { crashHookFromEnv } from '../durability/crash-points.js';
import { WriteQueue } from './write-queue.js';
import { AUTO_SYNC_MS, OfficeSyncAgent } from '../sync/office-agent.js';
import type { PdfEngineFactory } from '../awards/pdf-engine.js';
import { ProvinceMode, folderAnswerFiles, memoryAnswerFiles } from '../sync/province-mode.js';

export interface StoreOptions {
  /** Folder holding the database (in `db/`) and its lock; omit for in-memory (tests). */
  dataDir?: string;
  /** An already-open database (PostgreSQL in tests); the store will not lock or close-manage it beyond close(). */
  database?: Database;
  clock?: () => Date;
  logger?: Logger;
  durability?: DurabilitySink;
  /** Journal and snapshot tuning for a store on a data folder (see electron/durability). */
  durable?: DurabilityOptions;
  /** HTML → PDF engine; the desktop shell passes Electron's printToPDF. Default: Chromium through playwright-core. */
  pdf?: PdfEngineFactory;
}

export interface Store {
  dispatch: Dispatch;
  events: EventHub;
  deps: StoreDeps;
  close(): Promise<void>;
}

/**
 * The office store's composition root: lock the folder, open PGlite, run
 * migrations, build the handler context. Runs in the store process (an
 * Electron utilityProcess, or a worker_thread under tests and the web build),
 * never on a thread that paints windows.
 */
export async function openStore(options: StoreOptions = {}): Promise<Store> {
  const logger = options.logger ?? consoleLogger('store');
  let lock: DataLock | null = null;
  let db: Database;
  let durable: DurableStore | null = null;
  if (options.database) {
    db = options.database;
  } else if (options.dataDir) {
    lock = lockDataFolder(options.dataDir);
    try {
      // Journal, recovery and snapshots wrap PGlite on a data folder (PGlite never fsyncs on Node).
      durable = await DurableStore.open({
        dataDir: options.dataDir,
        migrations: officeMigrations,
        logger,
        clock: options.clock ?? (() => new Date()),
        options: { crash: crashHookFromEnv(process.env), ...options.durable },
      });
      db = durable.db;
    } catch (error) {
      lock.release();
      throw error;
    }
  } else {
    db = await openPGlite();
  }
  const started = performance.now();
  const report = await migrate(db, officeMigrations);
  if (report.applied.length > 0) logger.info('migrations applied', { applied: report.applied, ms: Math.round(performance.now() - started) });

  const events = new EventHub();
  const clock = options.clock ?? (() => new Date());
  const writes = new WriteQueue();
  const province = new ProvinceMode({
    db,
    clock,
    logger,
    events,
    run: (task) => writes.run(task),
    answers: options.dataDir ? folderAnswerFiles(join(options.dataDir, 'province', 'answers')) : memoryAnswerFiles(),
    ...(durable ? { durable } : {}),
  });
  const base: Omit<StoreDeps, 'sync'> = {
    db,
    clock,
    newId: randomUUID,
    durability: options.durability ?? durable?.sink ?? noDurability,
    events,
    logger,
    drafts: options.dataDir ? folderDraftFiles(join(options.dataDir, 'drafts')) : memoryDraftFiles(),
    dataDir: options.dataDir ?? null,
    ...(durable ? { durable } : {}),
    ...(options.pdf ? { pdf: options.pdf } : {}),
    province,
  };
  const deps: StoreDeps = { ...base, sync: new OfficeSyncAgent(base) };
  // Automatic sync (when the hub becomes reachable, then at intervals) runs from the start for a real office store.
  if (options.dataDir) deps.sync.startAuto(AUTO_SYNC_MS);
  // A provincial office: the hub opens with the store and listens again if it was left listening.
  await province.start().catch((error: unknown) => logger.error('province hub did not start', { error: error instanceof Error ? error.message : String(error) }));
  const sessions = new SessionStore(clock);
  durable?.startSchedule((task) => writes.run(task));
  const dispatch = createDispatcher({ handlers, deps, sessions, writes });
  return {
    dispatch,
    events,
    deps,
    async close() {
      deps.sync.stop();
      await province.close();
      await writes.drain();
      await db.close();
      lock?.release();
    },
  };
}
