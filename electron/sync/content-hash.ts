import { createHash } from 'node:crypto';
import type { Queryable } from '../../shared/db/port.js';
import { TABLES, tableSpec } from '../../shared/db/tables.js';
import { canonicalJson } from '../../shared/sync/protocol.js';
import { isSyncedTable } from '../../shared/sync/scope.js';

/**
 * SHA-256 over every synced row a unit owns, tables and rows in a fixed
 * order, each row as canonical JSON of its registry columns. The office and
 * the hub compute it the same way, so equal hashes mean equal copies.
 */
export async function contentHash(db: Queryable, unitId: string): Promise<{ hash: string; rows: number }> {
  const h = createHash('sha256');
  let rows = 0;
  for (const table of Object.keys(TABLES).sort()) {
    if (!isSyncedTable(table)) continue;
    const cols = tableSpec(table)?.columns ?? [];
    const r = await db.query<Record<string, unknown>>(`SELECT ${cols.join(', ')} FROM ${table} WHERE owner_unit_id = $1 ORDER BY id`, [unitId]);
    for (const row of r.rows) {
      h.update(`${table}\n${canonicalJson(row)}\n`);
      rows++;
    }
  }
  return { hash: h.digest('hex'), rows };
}
