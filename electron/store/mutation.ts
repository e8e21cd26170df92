import type { Queryable, SqlParam } from '../../shared/db/port.js';
import { tableSpec } from '../../shared/db/tables.js';
import { ApiError } from '../../shared/api/errors.js';
import type { StoreDeps } from './deps.js';

export type Row = Record<string, unknown> & { id: string };

/** One row's new version, as committed. The outbox ships these; the journal makes them durable. */
export interface Change {
  table: string;
  rowId: string;
  ownerUnitId: string;
  version: number;
  op: 'insert' | 'update';
  row: Row;
  local: boolean;
}

export interface Actor {
  userId: string | null;
  userName: string;
}

export interface MutationContext {
  deps: StoreDeps;
  actor: Actor;
  /** The unit whose office this store belongs to: the only owner it may write as. */
  officeUnitId: string;
}

/** What a command sees inside its transaction. */
export interface Writer {
  readonly tx: Queryable;
  readonly now: string;
  insert<R extends Row>(table: string, values: Omit<R, 'version' | 'created_at' | 'updated_at' | 'owner_unit_id'>): Promise<R>;
  /** Updates by id; with expectedVersion, refuses when someone saved in between. */
  update<R extends Row>(table: string, id: string, patch: Record<string, unknown>, expectedVersion?: number): Promise<R>;
}

function checkColumns(table: string, columns: readonly string[]): void {
  const spec = tableSpec(table);
  if (!spec) throw new Error(`Unknown table ${table}`);
  for (const c of columns) {
    if (!spec.columns.includes(c)) throw new Error(`Unknown column ${table}.${c}`);
  }
}

function toParam(value: unknown): SqlParam {
  if (value === undefined) return null;
  return value as SqlParam;
}

/**
 * Runs `body` in one transaction that also appends each written row's new
 * version to the outbox and an audit row naming the user. After the commit
 * the changes go to the durability sink (awaited: the reply waits for it),
 * then to listeners. Nothing is acknowledged before both.
 */
export async function mutate<T>(ctx: MutationContext, action: string, body: (w: Writer) => Promise<T>): Promise<T> {
  const { deps, actor, officeUnitId } = ctx;
  const changes: Change[] = [];
  const now = deps.clock().toISOString();

  const result = await deps.db.transaction(async (tx) => {
    const record = async (table: string, op: 'insert' | 'update', row: Row) => {
      const spec = tableSpec(table);
      const change: Change = {
        table,
        rowId: row.id,
        ownerUnitId: String(row.owner_unit_id),
        version: Number(row.version),
        op,
        row,
        local: spec?.local ?? false,
      };
      changes.push(change);
      if (!change.local) {
        await tx.query(
          'INSERT INTO outbox (table_name, row_id, owner_unit_id, version, op, payload, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)',
          [table, change.rowId, change.ownerUnitId, change.version, op, row, now],
        );
      }
      await tx.query('INSERT INTO audit_log (at, user_id, user_name, action, table_name, row_id, detail) VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        now,
        actor.userId,
        actor.userName,
        action,
        table,
        change.rowId,
        { op, version: change.version },
      ]);
    };

    const writer: Writer = {
      tx,
      now,
      async insert<R extends Row>(table: string, values: Record<string, unknown>) {
        const full: Record<string, unknown> = { ...values, owner_unit_id: officeUnitId, version: 1, created_at: now, updated_at: now };
        if (tableSpec(table)?.columns.includes('updated_by')) full.updated_by = actor.userName;
        const cols = Object.keys(full);
        checkColumns(table, cols);
        const sql = `INSERT INTO ${table} (${cols.join(', ')}) VALUES (${cols.map((_, i) => `$${i + 1}`).join(', ')}) RETURNING *`;
        const row = (await tx.query<R>(sql, cols.map((c) => toParam(full[c])))).rows[0];
        if (!row) throw new Error(`Insert into ${table} returned nothing`);
        await record(table, 'insert', row);
        return row;
      },
      async update<R extends Row>(table: string, id: string, patch: Record<string, unknown>, expectedVersion?: number) {
        const forbidden = ['id', 'owner_unit_id', 'version', 'created_at', 'updated_at'];
        const cols = Object.keys(patch).filter((c) => !forbidden.includes(c));
        const set: Record<string, unknown> = {};
        for (const c of cols) set[c] = patch[c];
        if (tableSpec(table)?.columns.includes('updated_by')) set.updated_by = actor.userName;
        const setCols = Object.keys(set);
        checkColumns(table, setCols);
        const params: SqlParam[] = setCols.map((c) => toParam(set[c]));
        const assignments = setCols.map((c, i) => `${c} = $${i + 1}`);
        params.push(now, id, officeUnitId);
        let sql = `UPDATE ${table} SET ${[...assignments, `version = version + 1`, `updated_at = $${params.length - 2}`].join(', ')} WHERE id = $${params.length - 1} AND owner_unit_id = $${params.length}`;
        if (expectedVersion !== undefined) {
          params.push(expectedVersion);
          sql += ` AND version = $${params.length}`;
        }
        const row = (await tx.query<R>(`${sql} RETURNING *`, params)).rows[0];
        if (!row) {
          const existing = await tx.query<{ version: number; owner_unit_id: string }>(`SELECT version, owner_unit_id FROM ${table} WHERE id = $1`, [id]);
          const found = existing.rows[0];
          if (!found) throw new ApiError('not_found', 'Không tìm thấy bản ghi cần sửa (có thể đã bị xóa).');
          if (found.owner_unit_id !== officeUnitId) throw new ApiError('forbidden', 'Bản ghi này do đơn vị khác quản lý; đơn vị mình không được sửa.');
          throw new ApiError('conflict', 'Bản ghi đã được người khác sửa trong lúc bạn đang sửa. Hãy tải lại để xem bản mới nhất rồi sửa lại.');
        }
        await record(table, 'update', row);
        return row;
      },
    };

    return body(writer);
  });

  if (changes.length > 0) {
    await deps.durability.committed(changes);
    deps.events.emit({ type: 'changed', tables: [...new Set(changes.map((c) => c.table))] });
  }
  return result;
}
