import type { Database } from './port.js';

export interface Migration {
  /** Sortable, unique, never renamed once shipped. */
  id: string;
  sql: string;
}

export interface MigrationReport {
  applied: string[];
  current: string | null;
}

/**
 * Applies pending migrations, each in its own transaction together with its
 * record in schema_migrations, so a crash leaves either all or none of it.
 * Runs unchanged on PGlite and PostgreSQL.
 */
export async function migrate(db: Database, migrations: readonly Migration[]): Promise<MigrationReport> {
  const ids = migrations.map((m) => m.id);
  const sorted = [...ids].sort();
  if (ids.some((id, i) => id !== sorted[i]) || new Set(ids).size !== ids.length) {
    throw new Error('Migrations must be listed in ascending id order without duplicates.');
  }
  await db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (id text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())');
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
  const applied: string[] = [];
  for (const m of migrations) {
    if (done.has(m.id)) continue;
    await db.transaction(async (tx) => {
      await tx.exec(m.sql);
      await tx.query('INSERT INTO schema_migrations (id) VALUES ($1)', [m.id]);
    });
    applied.push(m.id);
  }
  return { applied, current: migrations.at(-1)?.id ?? null };
}

export async function pendingMigrations(db: Database, migrations: readonly Migration[]): Promise<string[]> {
  const exists = await db.query<{ n: number }>("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name = 'schema_migrations'");
  if ((exists.rows[0]?.n ?? 0) === 0) return migrations.map((m) => m.id);
  const done = new Set((await db.query<{ id: string }>('SELECT id FROM schema_migrations')).rows.map((r) => r.id));
  return migrations.filter((m) => !done.has(m.id)).map((m) => m.id);
}
