import type { Queryable } from '../../shared/db/port.js';
import { chunkCount, chunkRange, missingChunks } from '../../shared/sync/chunks.js';
import type { BlobRef, Entry } from '../../shared/sync/protocol.js';
import { readBlob, readChunk, storeChunk } from './blobs.js';
import { SyncError } from './errors.js';

/**
 * Attachments downward: files the province attached to rows it sends (a
 * plan's signed PDF), and an office's own files when it restores. The office
 * learns of a file from an `attachments` row in its feed and fetches the
 * chunks it lacks, one signed `blob-get` request per chunk (HTTP), or finds
 * the whole file in a USB answer. The hub serves a file only to an office
 * whose feed names it.
 */

export const NOT_ON_HUB = 'Tệp đính kèm này chưa có đủ trên trạm của tỉnh; phần mềm sẽ tải lại ở lần đồng bộ sau.';
export const NOT_YOURS = 'Tệp đính kèm này không thuộc phạm vi của đơn vị; trạm không gửi.';

// ---------- hub side ----------

/** An office may fetch a blob named by an attachments row its feed carries: the province's for it (or for all), or its own. */
export async function entitledTo(db: Queryable, hubUnit: string, unitId: string, sha256: string): Promise<boolean> {
  const r = await db.query(
    `SELECT 1 FROM sync_feed WHERE table_name = 'attachments' AND payload->>'sha256' = $1
       AND ((owner_unit_id = $2 AND (audience_unit_id IS NULL OR audience_unit_id = $3)) OR owner_unit_id = $3) LIMIT 1`,
    [sha256, hubUnit, unitId],
  );
  return r.rows.length > 0;
}

/** One chunk of a complete blob for an entitled office; a refusal otherwise (nothing is written). */
export async function chunkForOffice(db: Queryable, hubUnit: string, unitId: string, blob: { sha256: string; size: number; index: number }): Promise<Buffer> {
  if (!(await entitledTo(db, hubUnit, unitId, blob.sha256))) throw new SyncError('scope', NOT_YOURS);
  const b = (await db.query<{ size: number; complete: boolean }>('SELECT size, complete FROM sync_blobs WHERE sha256 = $1', [blob.sha256])).rows[0];
  if (!b || !b.complete) throw new SyncError('bad_request', NOT_ON_HUB);
  if (Number(b.size) !== blob.size || blob.index >= chunkCount(blob.size)) throw new SyncError('bad_request', 'Yêu cầu tải tệp đính kèm không khớp với tệp trên trạm.');
  const data = await readChunk(db, blob.sha256, blob.index);
  if (!data) throw new SyncError('bad_request', NOT_ON_HUB);
  return data;
}

/**
 * The files a USB answer carries whole: those the office asked for (`want`,
 * files its rows name but it lacks) and those named by attachments rows in
 * this answer's download, each only if the office is entitled and the hub
 * has it complete.
 */
export async function blobsForUsbAnswer(db: Queryable, hubUnit: string, unitId: string, want: readonly BlobRef[], pulled: readonly Entry[]): Promise<{ sha256: string; base64: string }[]> {
  const shas = new Set(want.map((w) => w.sha256));
  for (const e of pulled) if (e.table === 'attachments' && typeof e.row.sha256 === 'string' && e.row.status !== 'removed') shas.add(e.row.sha256);
  const out: { sha256: string; base64: string }[] = [];
  for (const sha of [...shas].sort()) {
    if (!(await entitledTo(db, hubUnit, unitId, sha))) continue;
    const complete = await db.query('SELECT 1 FROM sync_blobs WHERE sha256 = $1 AND complete', [sha]);
    if (complete.rows.length === 0) continue;
    const data = await readBlob(db, sha);
    if (data) out.push({ sha256: sha, base64: data.toString('base64') });
  }
  return out;
}

// ---------- office side ----------

/** Files this office's rows name (attachments not removed) that it does not hold whole, with the chunks still missing. */
export async function missingDownloads(db: Queryable): Promise<(BlobRef & { missing: number[] })[]> {
  const r = await db.query<{ sha256: string; size: number }>(
    `SELECT a.sha256, max(a.size) AS size FROM attachments a
       WHERE a.status <> 'removed' AND NOT EXISTS (SELECT 1 FROM sync_blobs b WHERE b.sha256 = a.sha256 AND b.complete)
       GROUP BY a.sha256 ORDER BY a.sha256`,
  );
  const out: (BlobRef & { missing: number[] })[] = [];
  for (const x of r.rows) {
    const size = Number(x.size);
    const have = await db.query<{ idx: number }>('SELECT idx FROM sync_chunks WHERE sha256 = $1', [x.sha256]);
    out.push({ sha256: x.sha256, size, missing: missingChunks(size, have.rows.map((h) => h.idx)) });
  }
  return out;
}

/**
 * Stores a downloaded chunk (checked for length; the hub's signature covers
 * its bytes, the whole is checked against its name when complete). A file
 * that came down is not sent back up.
 */
export async function storeDownloadedChunk(db: Queryable, ref: BlobRef, index: number, data: Uint8Array): Promise<number[]> {
  const r = chunkRange(ref.size, index);
  if (data.length !== r.end - r.start) throw new SyncError('bad_bundle', 'Trạm gửi xuống một phần tệp sai kích thước; sẽ tải lại.');
  const missing = await storeChunk(db, ref.sha256, ref.size, index, data);
  if (missing.length === 0) await db.query('UPDATE sync_blobs SET uploaded = true WHERE sha256 = $1', [ref.sha256]);
  return missing;
}

/** Whole files from a USB answer: each stored only if its bytes hash to its name. Returns how many were stored. */
export async function storeWholeDownloads(db: Queryable, blobs: readonly { sha256: string; base64: string }[]): Promise<number> {
  let stored = 0;
  for (const b of blobs) {
    const data = Buffer.from(b.base64, 'base64');
    const size = data.length;
    for (let i = 0; i < chunkCount(size); i++) {
      const r = chunkRange(size, i);
      await storeChunk(db, b.sha256, size, i, data.subarray(r.start, r.end));
    }
    // storeChunk drops a blob whose whole does not hash to its name.
    const ok = await db.query('UPDATE sync_blobs SET uploaded = true WHERE sha256 = $1 AND complete RETURNING sha256', [b.sha256]);
    stored += ok.rows.length;
  }
  return stored;
}

/** Bytes still to come down for these files. */
export function bytesToFetch(files: readonly (BlobRef & { missing: number[] })[]): number {
  return files.reduce((sum, f) => sum + f.missing.reduce((s, i) => s + (chunkRange(f.size, i).end - chunkRange(f.size, i).start), 0), 0);
}

/** The `want` part of a USB bundle: files the office lacks (none: no field, the bundle stays as before). */
export async function wantedForBundle(db: Queryable): Promise<{ want?: BlobRef[] }> {
  const files = await missingDownloads(db);
  return files.length > 0 ? { want: files.map((f) => ({ sha256: f.sha256, size: f.size })) } : {};
}
