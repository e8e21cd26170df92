import { existsSync, mkdirSync, readFileSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fsyncDir, writeFileDurably } from './fsync-dir.js';

/** What a restore replaces: everything the office's data lives in. */
export const RESTORED_ITEMS = ['db', 'journal', 'snapshots', 'drafts', 'attachments'] as const;

export const STAGING_DIR = 'restore-staging';
const MARKER = 'restore-pending.json';

interface Marker {
  aside: string;
}

/**
 * Commits a prepared restore: writes the marker that says "the staging folder
 * is complete", after which the swap is finished by the next open even if
 * the power goes in between.
 */
export function commitRestore(dataDir: string, asideName: string): void {
  writeFileDurably(join(dataDir, MARKER), Buffer.from(JSON.stringify({ aside: asideName } satisfies Marker)), dataDir);
}

/**
 * Finishes (or discards) a restore at open. With the marker: each item still
 * in staging replaces the current one, which is moved aside (never deleted);
 * repeating this after a crash is harmless. Without the marker, a staging
 * folder is a preparation that never completed and is removed.
 */
export function finishPendingRestore(dataDir: string): boolean {
  const markerPath = join(dataDir, MARKER);
  const staging = join(dataDir, STAGING_DIR);
  if (!existsSync(markerPath)) {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
    return false;
  }
  const marker = JSON.parse(readFileSync(markerPath, 'utf8')) as Marker;
  const aside = join(dataDir, marker.aside);
  mkdirSync(aside, { recursive: true });
  for (const item of RESTORED_ITEMS) {
    const src = join(staging, item);
    if (!existsSync(src)) continue;
    const current = join(dataDir, item);
    if (existsSync(current)) renameSync(current, join(aside, item));
    renameSync(src, current);
  }
  fsyncDir(aside);
  fsyncDir(dataDir);
  rmSync(staging, { recursive: true, force: true });
  rmSync(markerPath, { force: true });
  fsyncDir(dataDir);
  return true;
}
