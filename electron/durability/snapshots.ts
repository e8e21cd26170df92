import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { CrashHook } from './crash-points.js';
import { fsyncDir, writeFileDurably } from './fsync-dir.js';

/** The manifest beside each snapshot tarball; written last, so a snapshot without one never counts. */
export interface SnapshotManifest {
  file: string;
  /** The journal position the snapshot covers: replay starts after it. */
  seq: number;
  createdAt: string;
  schema: string;
  reason: string;
  size: number;
  sha256: string;
}

const MANIFEST_RE = /^snap-\d{12}-\d+\.json$/u;

export function sha256(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Rolling snapshots of the database: PGlite's dumpDataDir tarball, written to
 * a temp file, fsync'd and renamed, then its manifest (same dance). A
 * bounded number is kept. Snapshots are only ever written whole, so a crash
 * mid-snapshot leaves at most a `.tmp` that is ignored and later removed.
 */
export class SnapshotStore {
  constructor(
    readonly dir: string,
    private readonly keep: number,
    private readonly crash: CrashHook,
  ) {
    mkdirSync(dir, { recursive: true });
  }

  /** Manifests, newest first (by journal position, then time). */
  list(): SnapshotManifest[] {
    const out: SnapshotManifest[] = [];
    for (const name of readdirSync(this.dir)) {
      if (!MANIFEST_RE.test(name)) continue;
      try {
        out.push(JSON.parse(readFileSync(join(this.dir, name), 'utf8')) as SnapshotManifest);
      } catch {
        // A manifest that cannot be read does not make a snapshot.
      }
    }
    return out.sort((a, b) => b.seq - a.seq || b.createdAt.localeCompare(a.createdAt));
  }

  /** The tarball of a snapshot, or null when it is missing or fails its checksum. */
  read(m: SnapshotManifest): Buffer | null {
    try {
      const data = readFileSync(join(this.dir, m.file));
      return data.length === m.size && sha256(data) === m.sha256 ? data : null;
    } catch {
      return null;
    }
  }

  write(tarball: Uint8Array, info: { seq: number; createdAt: string; schema: string; reason: string }): SnapshotManifest {
    const base = `snap-${String(info.seq).padStart(12, '0')}-${Date.parse(info.createdAt)}`;
    const file = `${base}.tar.gz`;
    writeFileDurably(join(this.dir, file), tarball, this.dir, () => this.crash('snapshot:after-tmp-sync'));
    this.crash('snapshot:after-rename');
    const manifest: SnapshotManifest = { file, ...info, size: tarball.length, sha256: sha256(tarball) };
    writeFileDurably(join(this.dir, `${base}.json`), Buffer.from(JSON.stringify(manifest)), this.dir);
    this.crash('snapshot:after-manifest');
    return manifest;
  }

  /** Keeps the newest `keep` snapshots; returns the oldest kept one's journal position. */
  prune(): number {
    const all = this.list();
    const kept = all.slice(0, this.keep);
    const keptFiles = new Set(kept.flatMap((m) => [m.file, m.file.replace(/\.tar\.gz$/u, '.json')]));
    let removed = false;
    for (const name of readdirSync(this.dir)) {
      if (keptFiles.has(name)) continue;
      rmSync(join(this.dir, name), { force: true });
      removed = true;
    }
    if (removed) fsyncDir(this.dir);
    return kept.at(-1)?.seq ?? 0;
  }
}
