import type { Queryable } from '../../shared/db/port.js';
import { tableSpec } from '../../shared/db/tables.js';
import {
  DEPENDENTS,
  REFERENCES,
  audienceColumn,
  covers,
  fromAudienceColumn,
  mergeAudience,
  provinceRowAudience,
  type Audience,
  type AudienceLookup,
} from '../../shared/sync/audience.js';
import type { Logger } from '../store/deps.js';

/**
 * Feeding the province's rows to their audience (shared/sync/audience.ts
 * decides; this module reads the hub's database and writes sync_feed).
 * Called by HubCore.pump inside its locked transaction, once per outbox
 * entry of the hub's unit, in outbox order.
 */
export interface OutboxEntry {
  table_name: string;
  row_id: string;
  version: number;
  op: string;
  payload: Record<string, unknown>;
}

function lookup(tx: Queryable): AudienceLookup {
  return {
    async ownerOf(table, id) {
      // Table names come from the registry only (a subject_table typed by an office never becomes SQL).
      if (!tableSpec(table)) return null;
      const r = await tx.query<{ owner_unit_id: string }>(`SELECT owner_unit_id FROM ${table} WHERE id = $1`, [id]);
      return r.rows[0]?.owner_unit_id ?? null;
    },
    async decisionRecipients(decisionId) {
      const r = await tx.query<{ person_id: string | null; unit_id: string | null }>(
        "SELECT person_id, unit_id FROM award_items WHERE decision_id = $1 AND status IN ('issued', 'cancelled')",
        [decisionId],
      );
      return r.rows.map((x) => ({ personId: x.person_id, unitId: x.unit_id }));
    },
    async isOfficeUnit(unitId) {
      return (await tx.query('SELECT 1 FROM hub_devices WHERE unit_id = $1 LIMIT 1', [unitId])).rows.length > 0;
    },
    fedAudience: (table, id) => fedAudience(tx, table, id),
  };
}

async function fedAudience(tx: Queryable, table: string, id: string): Promise<Audience | null> {
  const r = await tx.query<{ audience_unit_id: string | null }>('SELECT audience_unit_id FROM sync_feed WHERE table_name = $1 AND row_id = $2', [table, id]);
  const row = r.rows[0];
  return row ? fromAudienceColumn(row.audience_unit_id) : null;
}

async function writeFeed(tx: Queryable, hubUnit: string, e: OutboxEntry, audience: Audience): Promise<void> {
  // One feed row per table row (its latest version), as HubCore.appendFeed does for offices' rows.
  await tx.query('DELETE FROM sync_feed WHERE table_name = $1 AND row_id = $2', [e.table_name, e.row_id]);
  await tx.query('INSERT INTO sync_feed (table_name, row_id, owner_unit_id, audience_unit_id, version, op, payload) VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb)', [
    e.table_name,
    e.row_id,
    hubUnit,
    audienceColumn(audience),
    e.version,
    e.op,
    JSON.stringify(e.payload),
  ]);
}

class Feeder {
  private readonly look: AudienceLookup;
  private readonly visiting = new Set<string>();

  constructor(
    private readonly tx: Queryable,
    private readonly hubUnit: string,
    private readonly logger: Logger,
  ) {
    this.look = lookup(tx);
  }

  /** One outbox entry: its audience, then the rows it points at (first, so the office can apply it), then the row, then its dependents. */
  async entry(e: OutboxEntry): Promise<Audience> {
    const computed = await provinceRowAudience(e.table_name, e.payload, this.hubUnit, this.look);
    const existing = await fedAudience(this.tx, e.table_name, e.row_id);
    const merged = mergeAudience(e.table_name, existing, computed);
    if (merged.conflict) this.logger.warn('feed: row kept with its first office', { table: e.table_name, rowId: e.row_id });
    if (merged.audience.kind === 'none') return merged.audience;
    await this.follow(e.table_name, e.payload, merged.audience);
    await writeFeed(this.tx, this.hubUnit, e, merged.audience);
    await this.dependents(e.table_name, e.row_id, merged.audience);
    return merged.audience;
  }

  private async follow(table: string, row: Record<string, unknown>, need: Audience): Promise<void> {
    for (const ref of REFERENCES[table] ?? []) {
      const id = row[ref.column];
      if (typeof id === 'string' && id.length > 0) await this.ensure(ref.table, id, need);
    }
  }

  private async dependents(table: string, id: string, need: Audience): Promise<void> {
    for (const d of DEPENDENTS) {
      const r = await this.tx.query<{ id: string }>(
        `SELECT id FROM ${d.table} WHERE ${d.subjectTableColumn} = $1 AND ${d.subjectIdColumn} = $2 AND owner_unit_id = $3 AND target_unit_id IS NULL`,
        [table, id, this.hubUnit],
      );
      for (const x of r.rows) await this.ensure(d.table, x.id, need);
    }
  }

  /** A province row another row needs: fed (its latest version from the hub's outbox) to `need` unless it already reaches it. */
  private async ensure(table: string, id: string, need: Audience): Promise<void> {
    const key = `${table}/${id}`;
    if (this.visiting.has(key)) return;
    // Only the province's own rows are fed along; an office's row never goes to another office.
    if ((await this.look.ownerOf(table, id)) !== this.hubUnit) return;
    const existing = await fedAudience(this.tx, table, id);
    if (covers(existing, need)) return;
    const merged = mergeAudience(table, existing, need);
    if (merged.conflict) {
      this.logger.warn('feed: referenced row kept with its first office', { table, rowId: id });
      return;
    }
    const latest = (
      await this.tx.query<OutboxEntry>(
        'SELECT table_name, row_id, version, op, payload FROM outbox WHERE table_name = $1 AND row_id = $2 AND owner_unit_id = $3 ORDER BY seq DESC LIMIT 1',
        [table, id, this.hubUnit],
      )
    ).rows[0];
    if (!latest) return;
    this.visiting.add(key);
    try {
      await this.follow(table, latest.payload, merged.audience);
      await writeFeed(this.tx, this.hubUnit, latest, merged.audience);
      await this.dependents(table, id, merged.audience);
    } finally {
      this.visiting.delete(key);
    }
  }
}

/** Feeds a run of the hub's outbox entries (in outbox order) inside the pump's transaction. */
export async function feedProvinceEntries(tx: Queryable, hubUnit: string, entries: readonly OutboxEntry[], logger: Logger): Promise<void> {
  const feeder = new Feeder(tx, hubUnit, logger);
  for (const e of entries) await feeder.entry(e);
}
