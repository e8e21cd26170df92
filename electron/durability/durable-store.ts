import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { migrate, pendingMigrations, type Migration } from '../../shared/db/migrate.js';
import type { Database, Queryable, QueryResult, SqlParam } from '../../shared/db/port.js';
import type { DurabilitySink, Logger } from '../store/deps.js';
import type { Change } from '../store/mutation.js';
import { openPGlite } from '../store/pglite-database.js';
import { noCrash, type CrashHook } from './crash-points.js';
import { fsyncDir } from './fsync-dir.js';
import { checkIntegrity } from './integrity.js';
import { Journal, type JournalOpenReport, type JournalSetting } from './journal.js';
import { recoveryNotice } from './notices.js';
import { replayJournal, type ReplayReport } from './replay.js';
import { finishPendingRestore } from './restore-swap.js';
import { SnapshotStore, type SnapshotManifest } from './snapshots.js';

type PgDb = Awaited<ReturnType<typeof openPGlite>>;

export interface DurabilityOptions {
  /** false = plain PGlite with no journal, snapshots or recovery (only for the test showing what goes wrong without them). */
  journal?: boolean;
  /** Snapshot after this much time with writes since the last one (default 30 min). */
  snapshotIntervalMs?: number;
  /** Also snapshot after this many changed rows (0 = off; tests use small values). */
  snapshotEveryChanges?: number;
  /** Snapshots kept (default 5). */
  keepSnapshots?: number;
  crash?: CrashHook;
}

export interface OpenReport {
  /** The database was replaced by a snapshot (or rebuilt) because it failed to open or failed its checks. */
  recovered: boolean;
  problem: string | null;
  snapshot: SnapshotManifest | null;
  brokenFolder: string | null;
  journal: JournalOpenReport | null;
  replay: ReplayReport;
  notice: string | null;
  /** A restore from a backup file was completed at this open. */
  finishedRestore: boolean;
}

/**
 * Settings are written with plain SQL (not through the mutation Writer), so
 * a trigger copies each settings write into a side table inside the same
 * transaction; the store drains it before commit and journals it right
 * after. Installed at every open of a durable office store (idempotent),
 * not as a migration: a hub sharing the schema has no journal to drain it.
 */
const SETTINGS_CAPTURE_SQL = `
CREATE TABLE IF NOT EXISTS durability_pending_settings (
  seq bigserial PRIMARY KEY, key text NOT NULL, value jsonb, updated_at timestamptz, deleted boolean NOT NULL
);
CREATE OR REPLACE FUNCTION durability_capture_setting() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    INSERT INTO durability_pending_settings (key, value, updated_at, deleted) VALUES (OLD.key, NULL, NULL, true);
    RETURN OLD;
  END IF;
  INSERT INTO durability_pending_settings (key, value, updated_at, deleted) VALUES (NEW.key, NEW.value, NEW.updated_at, false);
  RETURN NEW;
END $$;
CREATE OR REPLACE TRIGGER settings_durability AFTER INSERT OR UPDATE OR DELETE ON settings
  FOR EACH ROW EXECUTE FUNCTION durability_capture_setting();
DELETE FROM durability_pending_settings;
`;

const SETTINGS_WRITE = /\b(insert\s+into|update|delete\s+from)\s+"?settings"?[\s(]/iu;

async function drainPending(q: Queryable): Promise<JournalSetting[]> {
  const r = await q.query<{ seq: number; key: string; value: unknown; updated_at: string | null; deleted: boolean }>(
    'DELETE FROM durability_pending_settings RETURNING seq, key, value, updated_at, deleted',
  );
  return r.rows.sort((a, b) => a.seq - b.seq).map((x) => ({ key: x.key, value: x.deleted ? null : x.value, updatedAt: x.updated_at }));
}

function stamp(d: Date): string {
  return d.toISOString().replace(/[:.]/gu, '-');
}

export interface DurableStoreParams {
  dataDir: string;
  migrations: readonly Migration[];
  logger: Logger;
  clock: () => Date;
  options?: DurabilityOptions;
}

/**
 * The office database made durable: PGlite behind a journal, rolling
 * snapshots, and recovery at open. `db` is a stable Database whose inner
 * PGlite can be swapped (restore from a backup); `sink` receives each
 * mutation's committed changes and returns only when they are on disk.
 */
export class DurableStore {
  readonly db: Database;
  readonly sink: DurabilitySink;
  report!: OpenReport;
  private inner!: PgDb;
  private journal: Journal | null = null;
  private snapshots!: SnapshotStore;
  private schema = '';
  private changesSinceSnapshot = 0;
  private timer: NodeJS.Timeout | null = null;
  private run: (<T>(task: () => Promise<T>) => Promise<T>) | null = null;
  private closing = false;
  private readonly crash: CrashHook;
  private readonly useJournal: boolean;

  private constructor(private readonly p: DurableStoreParams) {
    this.crash = p.options?.crash ?? noCrash;
    this.useJournal = p.options?.journal !== false;
    const self = this;
    this.db = {
      dialect: 'pglite',
      async query<R>(sql: string, params?: readonly SqlParam[]): Promise<QueryResult<R>> {
        const r = await self.inner.query<R>(sql, params);
        if (SETTINGS_WRITE.test(sql)) await self.journalLooseSettings();
        return r;
      },
      async exec(sql: string) {
        await self.inner.exec(sql);
        if (SETTINGS_WRITE.test(sql)) await self.journalLooseSettings();
      },
      async transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T> {
        let settings: JournalSetting[] = [];
        const result = await self.inner.transaction(async (tx) => {
          self.crash('tx:before-body');
          // The side table is drained only when a statement named settings: one query saved on every ordinary save.
          let touchedSettings = false;
          const watched: Queryable = {
            query: (sql, params) => {
              if (SETTINGS_WRITE.test(sql)) touchedSettings = true;
              return tx.query(sql, params);
            },
            exec: (sql) => {
              if (SETTINGS_WRITE.test(sql)) touchedSettings = true;
              return tx.exec(sql);
            },
          };
          const value = await fn(watched);
          if (self.useJournal && touchedSettings) settings = await drainPending(tx);
          self.crash('tx:before-commit');
          return value;
        });
        self.crash('tx:after-commit');
        if (settings.length > 0) self.appendEntry([], settings);
        return result;
      },
      close: () => self.close(),
    };
    this.sink = { committed: async (changes) => this.committed(changes) };
  }

  static async open(p: DurableStoreParams): Promise<DurableStore> {
    const store = new DurableStore(p);
    store.report = await store.openInner();
    return store;
  }

  get dataDir(): string {
    return this.p.dataDir;
  }

  get pglite(): PgDb['pglite'] {
    return this.inner.pglite;
  }

  get schemaVersion(): string {
    return this.schema;
  }

  get journalSeq(): number {
    return this.journal?.lastSeq ?? 0;
  }

  journalFiles(): string[] {
    return this.journal?.segmentFiles() ?? [];
  }

  snapshotList(): SnapshotManifest[] {
    return this.snapshots.list();
  }

  private async openInner(): Promise<OpenReport> {
    const { dataDir, logger } = this.p;
    const crash = this.crash;
    crash('open:start');
    const finishedRestore = finishPendingRestore(dataDir);
    const dbDir = join(dataDir, 'db');
    if (!this.useJournal) {
      // Plain PGlite, as it behaves without this module.
      this.inner = await openPGlite({ dataDir: dbDir });
      await migrate(this.inner, this.p.migrations);
      this.schema = await this.currentSchema();
      this.snapshots = new SnapshotStore(join(dataDir, 'snapshots'), 1, crash);
      return { recovered: false, problem: null, snapshot: null, brokenFolder: null, journal: null, replay: { replayed: 0, checked: 0, failed: [] }, notice: null, finishedRestore };
    }
    const { journal, report: journalReport } = Journal.open(join(dataDir, 'journal'), crash);
    this.journal = journal;
    if (journalReport.truncatedBytes > 0) logger.warn('journal torn tail cut (never acknowledged)', { bytes: journalReport.truncatedBytes });
    crash('open:after-journal');
    this.snapshots = new SnapshotStore(join(dataDir, 'snapshots'), Math.max(1, this.p.options?.keepSnapshots ?? 5), crash);
    try {
      return await this.openDatabase(journal, journalReport, finishedRestore, null);
    } catch (error) {
      // The database opened and passed its checks but failed later (a damaged
      // system catalog shows up in replay or migrations): recover once from a
      // snapshot. A failure after a recovery is not retried.
      if (this.recoveredThisOpen) throw error;
      const message = error instanceof Error ? error.message : String(error);
      logger.warn('database failed after opening: recovering', { error: message });
      try {
        await this.innerOrNull?.close();
      } catch {
        // Already closed or unusable: it is being replaced.
      }
      return this.openDatabase(journal, journalReport, finishedRestore, message);
    }
  }

  private recoveredThisOpen = false;

  private get innerOrNull(): PgDb | null {
    return (this.inner as PgDb | undefined) ?? null;
  }

  private async openDatabase(journal: Journal, journalReport: JournalOpenReport, finishedRestore: boolean, forcedProblem: string | null): Promise<OpenReport> {
    const { dataDir, logger } = this.p;
    const crash = this.crash;
    const dbDir = join(dataDir, 'db');
    const restoring = join(dataDir, 'db.restoring');
    rmSync(restoring, { recursive: true, force: true });
    this.recoveredThisOpen = false;

    const hadData = this.snapshots.list().length > 0 || journal.lastSeq > 0;
    const dbPresent = existsSync(join(dbDir, 'PG_VERSION'));
    let problem: string | null = forcedProblem;
    let db: PgDb | null = null;
    if (problem !== null) {
      // Already known to be unusable.
    } else if (!dbPresent && hadData) {
      problem = 'thư mục cơ sở dữ liệu bị mất';
    } else {
      try {
        db = await openPGlite({ dataDir: dbDir });
        this.inner = db;
        crash('open:after-pglite');
        if (dbPresent) {
          const check = await checkIntegrity(db);
          if (!check.ok) problem = check.problems.join('; ');
        }
      } catch (error) {
        problem = error instanceof Error ? error.message : String(error);
      }
      if (problem && db) {
        await db.close().catch(() => undefined);
        db = null;
      }
    }
    crash('open:after-check');

    let snapshot: SnapshotManifest | null = null;
    let brokenFolder: string | null = null;
    let unrecoverableBefore: number | null = null;
    let replayFrom = 0;
    if (problem !== null || !db) {
      this.recoveredThisOpen = true;
      logger.warn('database failed to open or failed its checks: recovering', { problem });
      const now = this.p.clock();
      if (existsSync(dbDir)) {
        brokenFolder = join(dataDir, `db.broken-${stamp(now)}`);
        renameSync(dbDir, brokenFolder);
        fsyncDir(dataDir);
      }
      crash('recovery:after-move-aside');
      for (const m of this.snapshots.list()) {
        const data = this.snapshots.read(m);
        if (!data) {
          logger.warn('snapshot unusable (missing or checksum mismatch)', { file: m.file });
          continue;
        }
        try {
          mkdirSync(restoring, { recursive: true });
          const loaded = await openPGlite({ dataDir: restoring, loadDataDir: new Blob([Uint8Array.from(data)]) });
          await loaded.close();
          snapshot = m;
          break;
        } catch (error) {
          logger.warn('snapshot failed to load', { file: m.file, error: String(error) });
          rmSync(restoring, { recursive: true, force: true });
        }
      }
      if (!snapshot) {
        mkdirSync(restoring, { recursive: true });
        await (await openPGlite({ dataDir: restoring })).close();
      }
      crash('recovery:after-load');
      renameSync(restoring, dbDir);
      fsyncDir(dataDir);
      crash('recovery:after-rename');
      db = await openPGlite({ dataDir: dbDir });
      this.inner = db;
      replayFrom = snapshot?.seq ?? 0;
      if (journal.firstSeq() > replayFrom + 1 && journal.lastSeq > 0) unrecoverableBefore = journal.firstSeq();
    }
    this.inner = db;

    // The journal is the truth for acknowledged writes, even when the database
    // opened fine: PGlite never fsyncs, so a power cut can drop its tail.
    const replay = await replayJournal(db, journal.entriesAfter(replayFrom), this.p.migrations, crash);

    const pending = await pendingMigrations(db, this.p.migrations);
    if (pending.length > 0 && pending.length < this.p.migrations.length) {
      this.schema = await this.currentSchema();
      await this.snapshot('trước khi nâng cấp cơ sở dữ liệu');
    }
    await migrate(db, this.p.migrations);
    this.schema = await this.currentSchema();
    await db.exec(SETTINGS_CAPTURE_SQL);

    const recovered = problem !== null;
    let notice: string | null = null;
    if (recovered || replay.replayed > 0 || replay.failed.length > 0) {
      notice = recoveryNotice({
        at: this.p.clock(),
        problem,
        snapshotAt: snapshot ? new Date(snapshot.createdAt) : null,
        brokenFolder,
        replayed: replay.replayed,
        failed: replay.failed,
        unrecoverableBefore,
      });
      logger.warn('store recovered', { problem, snapshot: snapshot?.file ?? null, replayed: replay.replayed, failed: replay.failed.length });
      await this.db.transaction(async (tx) => {
        await tx.query(
          'INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at',
          ['recovery_notice', JSON.stringify(notice), this.p.clock().toISOString()],
        );
      });
    }
    if (recovered) await this.snapshot('sau khi khôi phục');
    return { recovered, problem, snapshot, brokenFolder, journal: journalReport, replay, notice, finishedRestore };
  }

  private async currentSchema(): Promise<string> {
    const r = await this.inner.query<{ id: string | null }>('SELECT max(id) AS id FROM schema_migrations');
    return r.rows[0]?.id ?? '';
  }

  private appendEntry(changes: readonly Change[], settings: JournalSetting[]): void {
    if (!this.journal) return;
    this.journal.append({
      at: this.p.clock().toISOString(),
      schema: this.schema,
      changes: changes.map((c) => ({ table: c.table, rowId: c.rowId, version: c.version, op: c.op, local: c.local, row: c.row })),
      settings,
    });
    this.changesSinceSnapshot += changes.length + settings.length;
  }

  private async journalLooseSettings(): Promise<void> {
    if (!this.useJournal) return;
    const settings = await drainPending(this.inner);
    if (settings.length > 0) this.appendEntry([], settings);
  }

  private async committed(changes: readonly Change[]): Promise<void> {
    this.appendEntry(changes, []);
    const every = this.p.options?.snapshotEveryChanges ?? 0;
    if (every > 0 && this.changesSinceSnapshot >= every && this.run && !this.closing) {
      const run = this.run;
      // Queued behind the current write, so it sees a quiet database.
      void run(() => this.snapshotIfDirty('sau nhiều thay đổi')).catch((error: unknown) => this.p.logger.error('snapshot failed', { error: String(error) }));
    }
  }

  /** Starts periodic snapshots; `run` is the store's write queue, so a snapshot never sees a write half done. */
  startSchedule(run: <T>(task: () => Promise<T>) => Promise<T>): void {
    this.run = run;
    if (!this.useJournal) return;
    const every = this.p.options?.snapshotIntervalMs ?? 30 * 60 * 1000;
    this.timer = setInterval(() => {
      if (this.changesSinceSnapshot === 0 || this.closing) return;
      void run(() => this.snapshotIfDirty('định kỳ')).catch((error: unknown) => this.p.logger.error('snapshot failed', { error: String(error) }));
    }, every);
    this.timer.unref();
  }

  private async snapshotIfDirty(reason: string): Promise<void> {
    if (this.changesSinceSnapshot > 0 && !this.closing) await this.snapshot(reason);
  }

  /** A consistent tarball of the database (CHECKPOINT first, so the files hold everything). Call with the write queue held. */
  async dumpDatabase(): Promise<Buffer> {
    await this.inner.exec('CHECKPOINT');
    this.crash('snapshot:after-checkpoint');
    const blob = await this.inner.pglite.dumpDataDir('gzip');
    this.crash('snapshot:after-dump');
    return Buffer.from(await blob.arrayBuffer());
  }

  /** Takes a snapshot now (call with the write queue held). */
  async snapshot(reason: string): Promise<SnapshotManifest | null> {
    if (!this.journal) return null;
    const seq = this.journal.lastSeq;
    const data = await this.dumpDatabase();
    const manifest = this.snapshots.write(data, { seq, createdAt: this.p.clock().toISOString(), schema: this.schema, reason });
    const keepAfter = this.snapshots.prune();
    this.journal.rotate(keepAfter);
    this.crash('snapshot:after-rotate');
    this.changesSinceSnapshot = 0;
    this.p.logger.info('snapshot written', { file: manifest.file, seq, bytes: manifest.size, reason });
    return manifest;
  }

  /**
   * Swaps in a prepared data set (see restore-swap): closes the database and
   * journal, lets the open routine finish the swap, and opens again. Call
   * with the write queue held.
   */
  async reopenAfterRestore(): Promise<OpenReport> {
    await this.inner.close();
    this.journal?.close();
    this.journal = null;
    this.changesSinceSnapshot = 0;
    this.report = await this.openInner();
    return this.report;
  }

  /** Clean stop: a last snapshot when anything changed, CHECKPOINT, close. Call after the write queue drained. */
  async close(): Promise<void> {
    if (this.closing) return;
    this.closing = true;
    if (this.timer) clearInterval(this.timer);
    try {
      if (this.changesSinceSnapshot > 0) await this.snapshot('khi đóng phần mềm');
      this.crash('close:after-snapshot');
      await this.inner.exec('CHECKPOINT');
    } finally {
      await this.inner.close();
      this.journal?.close();
    }
  }
}

