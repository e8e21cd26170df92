import type { Database, Queryable } from '../../shared/db/port.js';
import { tableSpec } from '../../shared/db/tables.js';
import { planPush } from '../../shared/sync/cursors.js';
import type { Entry, ExchangeAnswer, PushAnswer } from '../../shared/sync/protocol.js';
import { screenBatch, type ItemRefusal } from '../../shared/sync/refusals.js';
import type { DurabilitySink, Logger } from '../store/deps.js';
import type { Change } from '../store/mutation.js';
import { isDataError } from './apply.js';
import { MSG, SyncError } from './errors.js';
import type { ExchangeOutcome, PreparedExchange } from './hub-prepare.js';

/**
 * Group commit for the hub's uploads. Exchanges that wait for the database
 * thread are applied together: one transaction, one statement per table for
 * all of them (multi-row upserts), and — on a PGlite hub with a journal —
 * one fsync, after which every exchange of the group is answered with its
 * own cursor. Each exchange is still judged on its own (device, revocation,
 * replay by (device, n), cursor gap, per-entry refusals, owners of rows the
 * hub holds) before anything is written, so one bad batch never fails the
 * others; if the database still refuses a row (a type or reference error),
 * the group is redone one exchange at a time by the careful single path.
 */

export interface DeviceState {
  id: string;
  unit_id: string;
  revoked_at: string | null;
  upload_cursor: number;
}

export interface GroupDeps {
  db: Database;
  logger: Logger;
  clock: () => Date;
  /** Journal of a PGlite hub: receives every committed row and cursor; resolves once they are on disk. Null on PostgreSQL (durable by itself). */
  durability: DurabilitySink | null;
  /** One exchange whole, in its own transaction(s), answered and signed (HubCore.exchange): what the fast path does not take (resends, USB bundles, attachments in the body, rows the database refuses). */
  single(p: PreparedExchange): Promise<Uint8Array>;
  /** Copies the province's new rows into the feed (HubCore.pump): once per group, before the download pages. */
  pump(): Promise<unknown>;
  /** After the group is durable: missing chunks and download page (HubCore.finishExchange, told the pump has run). */
  finish(p: PreparedExchange, answer: ExchangeAnswer): Promise<void>;
  /** Exchanges per group (default 64) and entries per group (default 20,000). */
  maxGroup?: number;
  maxEntries?: number;
}

interface Waiting {
  p: PreparedExchange;
  resolve: (o: ExchangeOutcome) => void;
  reject: (e: unknown) => void;
}

type Job = { kind: 'exchange'; w: Waiting } | { kind: 'task'; run: () => Promise<void> };

/** A fast-path exchange after its checks: the runs of entries to write and the answer so far. */
interface Planned {
  w: Waiting;
  refused: ItemRefusal[];
  runs: Entry[][];
  newCursor: number;
  applied: number;
  /** False for a download-only exchange: no push section in its answer. */
  pushed: boolean;
}

const ident = (name: string): string => {
  if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new SyncError('bad_request', MSG.badRequest);
  return name;
};

export class ExchangeGroups {
  private readonly jobs: Job[] = [];
  private running = false;
  private readonly maxGroup: number;
  private readonly maxEntries: number;
  /** Figures for the benchmark and the logs: groups run and exchanges in them. */
  readonly stats = { groups: 0, exchanges: 0, fallbacks: 0 };

  constructor(private readonly deps: GroupDeps) {
    this.maxGroup = deps.maxGroup ?? 64;
    this.maxEntries = deps.maxEntries ?? 20_000;
  }

  submit(p: PreparedExchange): Promise<ExchangeOutcome> {
    return new Promise((resolve, reject) => {
      this.jobs.push({ kind: 'exchange', w: { p, resolve, reject } });
      this.kick();
    });
  }

  /** Runs `task` with no group in flight (snapshots: the database and the journal agree while it runs). */
  exclusive<T>(task: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ kind: 'task', run: () => task().then(resolve, reject) });
      this.kick();
    });
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    void this.drain();
  }

  private async drain(): Promise<void> {
    try {
      while (this.jobs.length > 0) {
        // Yield to the event loop first: exchanges arriving on the worker port meanwhile join this group.
        await new Promise<void>((r) => setImmediate(r));
        const first = this.jobs[0];
        if (first?.kind === 'task') {
          this.jobs.shift();
          await first.run();
          continue;
        }
        const group = this.take();
        await this.runGroup(group).catch((error: unknown) => {
          for (const w of group) w.reject(error);
        });
      }
    } finally {
      this.running = false;
    }
  }

  /** The next group: waiting exchanges in arrival order, one per device (its uploads are sequential), up to the limits; stops at a task. */
  private take(): Waiting[] {
    const group: Waiting[] = [];
    const devices = new Set<string>();
    let entries = 0;
    for (let i = 0; i < this.jobs.length && group.length < this.maxGroup; ) {
      const job = this.jobs[i];
      if (!job || job.kind === 'task') break;
      const size = job.w.p.body.push?.entries.length ?? 0;
      if (devices.has(job.w.p.deviceId) || (group.length > 0 && entries + size > this.maxEntries)) {
        i++;
        continue;
      }
      devices.add(job.w.p.deviceId);
      entries += size;
      group.push(job.w);
      this.jobs.splice(i, 1);
    }
    return group;
  }

  private now(): string {
    return this.deps.clock().toISOString();
  }

  private async runGroup(group: Waiting[]): Promise<void> {
    const { db } = this.deps;
    this.stats.groups++;
    this.stats.exchanges += group.length;
    const answers = new Map<Waiting, ExchangeAnswer>();
    const signed = new Map<Waiting, Uint8Array>();
    const failed = new Map<Waiting, unknown>();
    const single: Waiting[] = [];
    const changes: Change[] = [];
    const devices = new Map<string, DeviceState>();
    /** The exchanges the fast path wrote for: redone one by one if the database refuses the group. */
    let tried: Waiting[] = [];
    const deferred = new Set<Waiting>();

    const fast = async (tx: Queryable): Promise<void> => {
      const ids = group.map((w) => w.p.deviceId);
      const rows = await tx.query<DeviceState>('SELECT id, unit_id, revoked_at, upload_cursor FROM hub_devices WHERE id = ANY($1::text[]) FOR UPDATE', [ids]);
      for (const d of rows.rows) devices.set(d.id, { ...d, upload_cursor: Number(d.upload_cursor) });
      const seen = await tx.query<{ device_id: string; n: number }>(
        'SELECT r.device_id, r.n FROM hub_received r JOIN unnest($1::text[], $2::bigint[]) AS x(d, m) ON r.device_id = x.d AND r.n = x.m',
        [ids, group.map((w) => w.p.n)],
      );
      const replayed = new Set(seen.rows.map((r) => r.device_id));
      const planned: Planned[] = [];
      for (const w of group) {
        const d = devices.get(w.p.deviceId);
        if (!d) failed.set(w, new SyncError('unknown_device', MSG.unknownDevice));
        else if (d.revoked_at) failed.set(w, new SyncError('revoked', MSG.revoked));
        else if (d.unit_id !== w.p.unitId) failed.set(w, new SyncError('scope', MSG.scope));
        else if (replayed.has(d.id)) failed.set(w, new SyncError('replay', MSG.replay));
        else {
          const push = w.p.body.push;
          // Only plain uploads and downloads take the fast path; anything else in the body (USB files, wishes) goes whole to HubCore.
          const plain = !w.p.usb && Object.keys(w.p.body).every((k) => k === 'push' || k === 'pull' || k === 'blobs');
          const plan = plain && push ? planPush(d.upload_cursor, push.after, push.entries) : null;
          if (!plain) single.push(w);
          else if (!push || !plan) planned.push({ w, refused: [], runs: [], newCursor: d.upload_cursor, applied: 0, pushed: false });
          else if (plan.kind === 'gap') failed.set(w, new SyncError('gap', 'Trạm chưa nhận đủ các lần gửi trước; phần mềm sẽ gửi lại từ chỗ trạm đã nhận.', { cursor: plan.cursor }));
          // Resends (entries at or below the cursor) and no-ops: the single path tells again which were refused.
          else if (plan.kind !== 'apply' || plan.entries.length !== push.entries.length) single.push(w);
          else {
            const screened = screenBatch(plan.entries, d.unit_id);
            planned.push({ w, refused: screened.refused, runs: toRuns(screened.accepted), newCursor: plan.newCursor, applied: 0, pushed: true });
          }
        }
      }
      // Two offices naming the same row in one group: the later waits for the next group, where the owner check sees the first.
      const claimed = new Set<string>();
      const kept: Planned[] = [];
      for (const x of planned) {
        const keys = x.runs.flat().map((e) => `${e.table}\u0000${e.id}`);
        if (keys.some((k) => claimed.has(k))) {
          this.jobs.unshift({ kind: 'exchange', w: x.w });
          deferred.add(x.w);
          continue;
        }
        for (const k of keys) claimed.add(k);
        kept.push(x);
      }
      tried = kept.map((x) => x.w);
      await this.writePlanned(tx, kept, changes);
      if (kept.length > 0) {
        const now = this.now();
        const kIds = kept.map((x) => x.w.p.deviceId);
        await tx.query(
          'UPDATE hub_devices d SET upload_cursor = x.c, last_seen_at = $4, last_n = GREATEST(d.last_n, x.n) FROM unnest($1::text[], $2::bigint[], $3::bigint[]) AS x(id, c, n) WHERE d.id = x.id',
          [kIds, kept.map((x) => x.newCursor), kept.map((x) => x.w.p.n), now],
        );
        await tx.query('INSERT INTO hub_received (device_id, n) SELECT * FROM unnest($1::text[], $2::bigint[])', [kIds, kept.map((x) => x.w.p.n)]);
        const moved = kept.filter((x) => x.pushed);
        if (this.deps.durability && moved.length > 0) await this.markCursors(tx, moved.map((x) => ({ id: x.w.p.deviceId, unit: x.w.p.unitId, cursor: x.newCursor, n: x.w.p.n })), changes);
      }
      for (const x of kept) {
        const push: PushAnswer = { cursor: x.newCursor, applied: x.applied, ...(x.refused.length > 0 ? { refused: x.refused } : {}) };
        answers.set(x.w, x.pushed ? { push } : {});
      }
    };

    try {
      await db.transaction(fast);
    } catch (error) {
      if (!isDataError(error)) throw error;
      // A row the database refuses: nothing of the group was written; redo each exchange on its own, carefully.
      this.stats.fallbacks++;
      this.deps.logger.warn('group commit fell back to single exchanges', { exchanges: group.length, code: (error as { code?: string }).code ?? null });
      single.push(...tried);
      answers.clear();
      changes.length = 0;
    }

    for (const w of single) {
      try {
        signed.set(w, await this.deps.single(w.p));
        if (this.deps.durability) await this.heldChanges(w.p, changes);
      } catch (error) {
        failed.set(w, error);
      }
    }

    // One fsync for the whole group, before anyone hears "stored".
    if (this.deps.durability && changes.length > 0) await this.deps.durability.committed(changes);

    const ok = group.filter((w) => answers.has(w));
    if (ok.some((w) => w.p.body.pull)) await this.deps.pump();
    const numbers = ok.length > 0 ? (await db.query<{ n: number }>("SELECT nextval('hub_message_seq')::bigint AS n FROM generate_series(1, $1)", [ok.length])).rows.map((r) => Number(r.n)) : [];
    for (const [i, w] of ok.entries()) {
      const answer = answers.get(w) ?? {};
      try {
        await this.deps.finish(w.p, answer);
        this.deps.logger.info('exchange', { deviceId: w.p.deviceId, n: w.p.n, pushed: answer.push?.applied ?? 0, refused: answer.push?.refused?.length ?? 0, cursor: answer.push?.cursor ?? null, pulled: answer.pull?.entries.length ?? 0, group: group.length });
        w.resolve({ answer, n: numbers[i] ?? 0 });
      } catch (error) {
        w.reject(error);
      }
    }
    for (const [w, bytes] of signed) w.resolve({ signed: bytes });
    for (const [w, error] of failed) w.reject(error);
    // Never leave an office waiting: anything not answered above (a bug) is refused rather than hung.
    for (const w of group) {
      if (!answers.has(w) && !signed.has(w) && !failed.has(w) && !deferred.has(w)) w.reject(new Error('exchange left unanswered by the group commit'));
    }
  }

  /** The runs of every planned exchange, round by round (a unit before its people), one upsert and one feed write per table and round. */
  private async writePlanned(tx: Queryable, planned: Planned[], changes: Change[]): Promise<void> {
    if (planned.length === 0) return;
    // Owners and versions the hub holds, for every row named in the group: one query per table.
    const byTable = new Map<string, Set<string>>();
    for (const x of planned) for (const e of x.runs.flat()) (byTable.get(e.table) ?? byTable.set(e.table, new Set()).get(e.table))?.add(e.id);
    const held = new Map<string, { version: number; owner: string }>();
    for (const [table, ids] of byTable) {
      const r = await tx.query<{ id: string; version: number; owner_unit_id: string }>(`SELECT id, version, owner_unit_id FROM ${ident(table)} WHERE id = ANY($1::text[])`, [[...ids]]);
      for (const row of r.rows) held.set(`${table}\u0000${row.id}`, { version: Number(row.version), owner: row.owner_unit_id });
    }
    const rounds = Math.max(...planned.map((x) => x.runs.length));
    for (let round = 0; round < rounds; round++) {
      // Rows of this round, per table and set of columns (a column an office left out must not be written as NULL).
      const writes = new Map<string, { table: string; cols: string[]; rows: Entry[] }>();
      for (const x of planned) {
        const run = x.runs[round];
        if (!run) continue;
        for (const e of freshOf(run, x, held)) {
          const spec = tableSpec(e.table);
          const cols = (spec?.columns ?? []).filter((c) => c in e.row);
          const key = `${e.table}\u0000${cols.join(',')}`;
          (writes.get(key) ?? writes.set(key, { table: e.table, cols, rows: [] }).get(key))?.rows.push(e);
          x.applied++;
          changes.push({ table: e.table, rowId: e.id, ownerUnitId: e.owner, version: e.version, op: e.op, row: { ...e.row, id: e.id }, local: false });
        }
      }
      for (const { table, cols, rows } of writes.values()) {
        const t = ident(table);
        const colList = cols.map(ident).join(', ');
        const sets = cols.filter((c) => c !== 'id').map((c) => `${c} = EXCLUDED.${c}`);
        // One statement and one parameter for the rows and their feed entries (the JSON is parsed once).
        // The feed keeps one entry per row, renumbered (seq = DEFAULT) so download cursors see the new version.
        await tx.query(
          `WITH src AS (SELECT x.id, x.owner, x.version, x.op, x.row FROM jsonb_to_recordset($1::jsonb) AS x(id text, owner text, version integer, op text, row jsonb)),
                up AS (INSERT INTO ${t} (${colList}) SELECT ${cols.map((c) => `r.${ident(c)}`).join(', ')} FROM src, jsonb_populate_record(NULL::${t}, src.row) AS r
                       ON CONFLICT (id) DO UPDATE SET ${sets.join(', ')} WHERE ${t}.version < EXCLUDED.version AND ${t}.owner_unit_id = EXCLUDED.owner_unit_id)
           INSERT INTO sync_feed (table_name, row_id, owner_unit_id, audience_unit_id, version, op, payload)
           SELECT $2, id, owner, owner, version, op, row FROM src
           ON CONFLICT (table_name, row_id) DO UPDATE SET seq = DEFAULT, owner_unit_id = EXCLUDED.owner_unit_id, audience_unit_id = EXCLUDED.audience_unit_id,
             version = EXCLUDED.version, op = EXCLUDED.op, payload = EXCLUDED.payload`,
          [JSON.stringify(rows.map((e) => ({ id: e.id, owner: e.owner, version: e.version, op: e.op, row: e.row }))), table],
        );
      }
    }
  }

  /** The cursor of each device as a row the journal can replay (hub_upload_marks: id = device, version = cursor). */
  private async markCursors(tx: Queryable, marks: { id: string; unit: string; cursor: number; n: number }[], changes: Change[]): Promise<void> {
    await tx.query(
      `INSERT INTO hub_upload_marks (id, version, n) SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[])
       ON CONFLICT (id) DO UPDATE SET version = GREATEST(hub_upload_marks.version, EXCLUDED.version), n = GREATEST(hub_upload_marks.n, EXCLUDED.n)`,
      [marks.map((m) => m.id), marks.map((m) => m.cursor), marks.map((m) => m.n)],
    );
    for (const m of marks) changes.push({ table: 'hub_upload_marks', rowId: m.id, ownerUnitId: m.unit, version: m.cursor, op: 'update', row: { id: m.id, version: m.cursor, n: m.n }, local: true });
  }

  /** After a single-path exchange: what the database now holds of its rows, and its cursor, for the journal. */
  private async heldChanges(p: PreparedExchange, changes: Change[]): Promise<void> {
    const { db } = this.deps;
    const byTable = new Map<string, Set<string>>();
    for (const e of p.body.push?.entries ?? []) {
      const spec = tableSpec(e.table);
      if (spec && !spec.local && e.owner === p.unitId) (byTable.get(e.table) ?? byTable.set(e.table, new Set()).get(e.table))?.add(e.id);
    }
    for (const [table, ids] of byTable) {
      const r = await db.query<Record<string, unknown> & { id: string; version: number }>(`SELECT * FROM ${ident(table)} WHERE id = ANY($1::text[]) AND owner_unit_id = $2`, [[...ids], p.unitId]);
      for (const row of r.rows) changes.push({ table, rowId: row.id, ownerUnitId: p.unitId, version: Number(row.version), op: 'update', row, local: false });
    }
    const d = (await db.query<{ upload_cursor: number; last_n: number }>('SELECT upload_cursor, last_n FROM hub_devices WHERE id = $1', [p.deviceId])).rows[0];
    if (d) await db.transaction((tx) => this.markCursors(tx, [{ id: p.deviceId, unit: p.unitId, cursor: Number(d.upload_cursor), n: Number(d.last_n) }], changes));
  }
}

/** Consecutive entries of one table: order across tables (a person after the unit it belongs to) is kept. */
function toRuns(entries: readonly Entry[]): Entry[][] {
  const runs: Entry[][] = [];
  for (const e of entries) {
    const last = runs.at(-1);
    if (last && last[0]?.table === e.table) last.push(e);
    else runs.push([e]);
  }
  return runs;
}

/** The newest version of each row of a run that the hub does not hold yet; rows the hub holds for another unit are refused. */
function freshOf(run: readonly Entry[], x: Planned, held: Map<string, { version: number; owner: string }>): Entry[] {
  const latest = new Map<string, Entry>();
  for (const e of run) {
    const prev = latest.get(e.id);
    if (!prev || e.version > prev.version) latest.set(e.id, e);
  }
  const out: Entry[] = [];
  for (const e of latest.values()) {
    const h = held.get(`${e.table}\u0000${e.id}`);
    if (h && h.owner !== x.w.p.unitId) {
      for (const r of run) if (r.id === e.id) x.refused.push({ seq: r.seq, table: r.table, id: r.id, version: r.version, code: 'scope' });
      continue;
    }
    if (!h || h.version < e.version) out.push(e);
  }
  return out;
}
