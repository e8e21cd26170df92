import type { Queryable } from '../../shared/db/port.js';
import { recordLabel, REFUSAL_TEXT, type ItemRefusal, type RefusalCode } from '../../shared/sync/refusals.js';

/**
 * The office's list of items the hub refused (table sync_item_errors): which
 * record or attachment, why, what to do. Kept in the same transaction as the
 * cursor the refusal came with, so a crash never loses one.
 */

export interface ItemError {
  key: string;
  kind: 'record' | 'attachment';
  table: string | null;
  rowId: string | null;
  sha256: string | null;
  code: RefusalCode;
  label: string;
  why: string;
  todo: string;
  at: string;
}

/**
 * After the hub acknowledged entries (pushCursor moved from `after` to
 * `cursor`): refused entries are listed (by the outbox row, for a label a
 * user recognises); an accepted newer version of a listed record clears it.
 */
export async function noteRefusals(tx: Queryable, after: number, cursor: number, refused: readonly ItemRefusal[], at: string): Promise<void> {
  const refusedSeqs = refused.map((r) => r.seq);
  if (cursor > after) {
    await tx.query(
      `DELETE FROM sync_item_errors e USING outbox o
       WHERE e.kind = 'record' AND o.seq > $1 AND o.seq <= $2 AND NOT (o.seq = ANY($3::bigint[]))
         AND e.table_name = o.table_name AND e.row_id = o.row_id AND e.version <= o.version`,
      [after, cursor, refusedSeqs],
    );
  }
  if (refused.length === 0) return;
  const rows = await tx.query<{ seq: number; table_name: string; row_id: string; version: number; payload: Record<string, unknown> }>(
    'SELECT seq, table_name, row_id, version, payload FROM outbox WHERE seq = ANY($1::bigint[])',
    [refusedSeqs],
  );
  const bySeq = new Map(rows.rows.map((r) => [Number(r.seq), r]));
  for (const r of refused) {
    const o = bySeq.get(r.seq);
    const table = o?.table_name ?? r.table;
    const id = o?.row_id ?? r.id;
    await tx.query(
      `INSERT INTO sync_item_errors (key, kind, table_name, row_id, version, code, label, detail, at) VALUES ($1, 'record', $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (key) DO UPDATE SET version = GREATEST(sync_item_errors.version, EXCLUDED.version), code = EXCLUDED.code, label = EXCLUDED.label, detail = EXCLUDED.detail, at = EXCLUDED.at`,
      [`record:${table}:${id}`, table, id, o?.version ?? r.version, r.code, recordLabel(table, o?.payload), r.detail ?? null, at],
    );
  }
}

/** An attachment the hub would not take (or that is damaged on this PC): listed, and not sent again until retried. */
export async function noteAttachmentRefused(db: Queryable, sha256: string, size: number, code: 'attachment_corrupt' | 'attachment_refused', at: string, detail: string | null = null): Promise<void> {
  const label = `Tệp đính kèm ${sha256.slice(0, 12)}… (${Math.max(1, Math.round(size / 1024))} KB)`;
  await db.query(
    `INSERT INTO sync_item_errors (key, kind, sha256, code, label, detail, at) VALUES ($1, 'attachment', $2, $3, $4, $5, $6)
     ON CONFLICT (key) DO UPDATE SET code = EXCLUDED.code, detail = EXCLUDED.detail, at = EXCLUDED.at`,
    [`attachment:${sha256}`, sha256, code, label, detail, at],
  );
}

export async function listItemErrors(db: Queryable): Promise<ItemError[]> {
  const r = await db.query<{ key: string; kind: 'record' | 'attachment'; table_name: string | null; row_id: string | null; sha256: string | null; code: RefusalCode; label: string; at: string | Date }>(
    'SELECT key, kind, table_name, row_id, sha256, code, label, at FROM sync_item_errors ORDER BY at DESC, key LIMIT 200',
  );
  return r.rows.map((x) => {
    const text = REFUSAL_TEXT[x.code] ?? REFUSAL_TEXT.invalid;
    return {
      key: x.key,
      kind: x.kind,
      table: x.table_name,
      rowId: x.row_id,
      sha256: x.sha256,
      code: x.code,
      label: x.label,
      why: text.why,
      todo: text.todo,
      at: x.at instanceof Date ? x.at.toISOString() : String(x.at),
    };
  });
}

export async function countItemErrors(db: Queryable): Promise<number> {
  const r = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sync_item_errors');
  return r.rows[0]?.n ?? 0;
}

export async function getItemError(db: Queryable, key: string): Promise<{ kind: 'record' | 'attachment'; table_name: string | null; row_id: string | null; sha256: string | null } | null> {
  const r = await db.query<{ kind: 'record' | 'attachment'; table_name: string | null; row_id: string | null; sha256: string | null }>(
    'SELECT kind, table_name, row_id, sha256 FROM sync_item_errors WHERE key = $1',
    [key],
  );
  return r.rows[0] ?? null;
}

export async function clearItemError(db: Queryable, key: string): Promise<void> {
  await db.query('DELETE FROM sync_item_errors WHERE key = $1', [key]);
}
