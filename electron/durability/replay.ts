import { migrate, type Migration } from '../../shared/db/migrate.js';
import type { Database, Queryable, SqlParam } from '../../shared/db/port.js';
import type { CrashHook } from './crash-points.js';
import type { JournalChange, JournalEntry, JournalSetting } from './journal.js';

export interface ReplayFailure {
  seq: number;
  what: string;
  error: string;
}

export interface ReplayReport {
  /** Row versions and settings written back from the journal. */
  replayed: number;
  /** Entries checked against the database. */
  checked: number;
  failed: ReplayFailure[];
}

function ident(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/u.test(name)) throw new Error(`bad identifier ${name}`);
  return name;
}

function param(value: unknown): SqlParam {
  return value === undefined ? null : (value as SqlParam);
}

async function currentVersions(db: Queryable, entries: readonly JournalEntry[]): Promise<Map<string, number>> {
  const byTable = new Map<string, Set<string>>();
  for (const e of entries) for (const c of e.changes) (byTable.get(c.table) ?? byTable.set(c.table, new Set()).get(c.table))?.add(c.rowId);
  const versions = new Map<string, number>();
  const existing = new Set((await db.query<{ t: string }>("SELECT tablename AS t FROM pg_tables WHERE schemaname = 'public'")).rows.map((r) => r.t));
  for (const [table, ids] of byTable) {
    if (!existing.has(table)) continue;
    const r = await db.query<{ id: string; version: number }>(`SELECT id, version FROM ${ident(table)} WHERE id = ANY($1::text[])`, [[...ids]]);
    for (const row of r.rows) versions.set(`${table}\u0000${row.id}`, Number(row.version));
  }
  return versions;
}

async function upsertRow(tx: Queryable, c: JournalChange, office: string | null): Promise<void> {
  const cols = Object.keys(c.row).map(ident);
  const params = cols.map((k) => param(c.row[k]));
  const updates = cols.filter((k) => k !== 'id').map((k) => `${k} = EXCLUDED.${k}`);
  const table = ident(c.table);
  await tx.query(
    `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')} WHERE ${table}.version < EXCLUDED.version`,
    params,
  );
  // Only the office's own writes went to the outbox: rows pulled from the hub (journaled by
  // the sync agent too, owned by the hub's unit) must not be sent back up.
  if (!c.local && office !== null && String(c.row.owner_unit_id) === office) {
    // The outbox keeps one entry per (table, row, version): replay never duplicates one.
    await tx.query(
      `INSERT INTO outbox (table_name, row_id, owner_unit_id, version, op, payload, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (table_name, row_id, version) DO NOTHING`,
      [c.table, c.rowId, String(c.row.owner_unit_id), c.version, c.op, c.row, param(c.row.updated_at)],
    );
  }
  await tx.query('INSERT INTO audit_log (at, user_id, user_name, action, table_name, row_id, detail) VALUES (now(), NULL, $1, $2, $3, $4, $5)', [
    'Phần mềm (khôi phục)',
    'recovery.replay',
    c.table,
    c.rowId,
    { op: c.op, version: c.version },
  ]);
}

async function settingNeedsReplay(db: Queryable, s: JournalSetting): Promise<boolean> {
  const r = await db.query<{ value: unknown; updated_at: string }>('SELECT value, updated_at FROM settings WHERE key = $1', [s.key]);
  const row = r.rows[0];
  if (s.value === null) return row !== undefined;
  if (!row) return true;
  if (s.updatedAt && row.updated_at < s.updatedAt) return true;
  return JSON.stringify(row.value) !== JSON.stringify(s.value) && (!s.updatedAt || row.updated_at <= s.updatedAt);
}

async function applySetting(tx: Queryable, s: JournalSetting): Promise<void> {
  if (s.value === null) {
    await tx.query('DELETE FROM settings WHERE key = $1', [s.key]);
    return;
  }
  await tx.query(
    'INSERT INTO settings (key, value, updated_at) VALUES ($1, $2, COALESCE($3::timestamptz, now())) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = EXCLUDED.updated_at',
    [s.key, JSON.stringify(s.value), s.updatedAt],
  );
}

/**
 * Writes back every journaled change the database does not hold: a row whose
 * version in the database is older than the journal's (or missing) is
 * upserted with the journaled row and its outbox entry; everything else is
 * left alone, so replaying twice changes nothing. Before each entry the
 * schema is migrated up to the one it was written under.
 */
export async function replayJournal(
  db: Database,
  entries: readonly JournalEntry[],
  migrations: readonly Migration[],
  crash: CrashHook,
): Promise<ReplayReport> {
  const report: ReplayReport = { replayed: 0, checked: entries.length, failed: [] };
  if (entries.length === 0) return report;
  const known = new Set(migrations.map((m) => m.id));
  let migratedTo = '';
  let versions: Map<string, number> | null = null;
  for (const entry of entries) {
    if (entry.schema && entry.schema !== migratedTo) {
      if (!known.has(entry.schema)) throw new Error(`journal entry ${entry.seq} was written by a newer version of the program (schema ${entry.schema})`);
      await migrate(db, migrations.filter((m) => m.id <= entry.schema));
      migratedTo = entry.schema;
      versions = null;
    }
    versions ??= await currentVersions(db, entries);
    const vmap = versions;
    const todoChanges = entry.changes.filter((c) => (vmap.get(`${c.table}\u0000${c.rowId}`) ?? 0) < c.version);
    const todoSettings: JournalSetting[] = [];
    for (const s of entry.settings) if (await settingNeedsReplay(db, s)) todoSettings.push(s);
    if (todoChanges.length === 0 && todoSettings.length === 0) continue;
    crash('replay:before-entry');
    try {
      await db.transaction(async (tx) => {
        const office = (await tx.query<{ value: string }>("SELECT value FROM settings WHERE key = 'office_unit_id'")).rows[0]?.value ?? null;
        for (const c of todoChanges) await upsertRow(tx, c, office);
        for (const s of todoSettings) await applySetting(tx, s);
      });
      for (const c of todoChanges) vmap.set(`${c.table}\u0000${c.rowId}`, c.version);
      report.replayed += todoChanges.length + todoSettings.length;
    } catch (error) {
      report.failed.push({
        seq: entry.seq,
        what: [...todoChanges.map((c) => `${c.table}/${c.rowId} v${c.version}`), ...todoSettings.map((s) => `settings/${s.key}`)].join(', '),
        error: error instanceof Error ? error.message : String(error),
      });
    }
    crash('replay:after-entry');
  }
  return report;
}
