import { createHash } from 'node:crypto';
import type { Queryable, SqlParam } from '../../shared/db/port.js';
import { chunkCount, missingChunks } from '../../shared/sync/chunks.js';
import { CHUNK_SIZE } from '../../shared/sync/protocol.js';

/**
 * Content-addressed attachments, stored in chunks on both sides (same
 * tables on the office and the hub). A blob is complete when every chunk is
 * present and the concatenation hashes to its name.
 */
export async function storeChunk(tx: Queryable, sha: string, size: number, index: number, data: Uint8Array): Promise<number[]> {
  await tx.query(
    'INSERT INTO sync_blobs (sha256, size, chunk_count) VALUES ($1, $2, $3) ON CONFLICT (sha256) DO NOTHING',
    [sha, size, chunkCount(size)],
  );
  await tx.query('INSERT INTO sync_chunks (sha256, idx, data) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [sha, index, Buffer.from(data) as unknown as SqlParam]); // bytea: both drivers take a Buffer; SqlParam does not list it
  const have = await tx.query<{ idx: number }>('SELECT idx FROM sync_chunks WHERE sha256 = $1', [sha]);
  const missing = missingChunks(size, have.rows.map((r) => r.idx));
  if (missing.length === 0) {
    const whole = await readBlob(tx, sha);
    if (!whole || createHash('sha256').update(whole).digest('hex') !== sha) {
      // Wrong content under this name: drop it all so the sender starts clean.
      await tx.query('DELETE FROM sync_chunks WHERE sha256 = $1', [sha]);
      return missingChunks(size, []);
    }
    await tx.query('UPDATE sync_blobs SET complete = true WHERE sha256 = $1', [sha]);
  }
  return missing;
}

export async function readChunk(db: Queryable, sha: string, index: number): Promise<Buffer | null> {
  const r = await db.query<{ data: Uint8Array }>('SELECT data FROM sync_chunks WHERE sha256 = $1 AND idx = $2', [sha, index]);
  const d = r.rows[0]?.data;
  return d ? Buffer.from(d) : null;
}

export async function readBlob(db: Queryable, sha: string): Promise<Buffer | null> {
  const r = await db.query<{ idx: number; data: Uint8Array }>('SELECT idx, data FROM sync_chunks WHERE sha256 = $1 ORDER BY idx', [sha]);
  if (r.rows.length === 0) return null;
  return Buffer.concat(r.rows.map((x) => Buffer.from(x.data)));
}

/** Stores an attachment on the office and queues it for upload; returns its SHA-256 (the name rows refer to). */
export async function addAttachment(db: Queryable, data: Uint8Array): Promise<string> {
  const sha = createHash('sha256').update(data).digest('hex');
  for (let i = 0; i < chunkCount(data.length); i++) {
    await storeChunk(db, sha, data.length, i, data.subarray(i * CHUNK_SIZE, Math.min(data.length, (i + 1) * CHUNK_SIZE)));
  }
  return sha;
}
