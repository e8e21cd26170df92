import { closeSync, fdatasyncSync, fsyncSync, mkdirSync, openSync, readdirSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import type { CrashHook } from './crash-points.js';
import { decodeFrames, encodeFrame } from './frames.js';
import { fsyncDir } from './fsync-dir.js';

/** One row's new version as journaled (the full row, so replay needs nothing else). */
export interface JournalChange {
  table: string;
  rowId: string;
  version: number;
  op: 'insert' | 'update';
  local: boolean;
  row: Record<string, unknown> & { id: string };
}

export interface JournalSetting {
  key: string;
  /** Null when the key was deleted. */
  value: unknown;
  updatedAt: string | null;
}

export interface JournalEntry {
  seq: number;
  at: string;
  /** The last migration applied when the entry was written: replay migrates to it first. */
  schema: string;
  changes: JournalChange[];
  settings: JournalSetting[];
}

interface Segment {
  name: string;
  firstSeq: number;
}

const PREALLOCATE = 1024 * 1024;
const SEGMENT_RE = /^seg-(\d{12})\.tdj$/u;

export function segmentName(firstSeq: number): string {
  return `seg-${String(firstSeq).padStart(12, '0')}.tdj`;
}

export interface JournalOpenReport {
  entries: number;
  lastSeq: number;
  /** Bytes cut from the end of the newest segment: a record whose fsync never finished, so never acknowledged. */
  truncatedBytes: number;
}

/**
 * The append-only journal beside the database. Every committed write is
 * appended as one framed record and fdatasync'd before the reply goes back;
 * PGlite itself never fsyncs, so this file is the truth for acknowledged
 * writes. Segments rotate after each snapshot; segments wholly covered by the
 * oldest kept snapshot are removed. Synchronous I/O on purpose: the store runs
 * on its own thread, writes are already serialised, and it keeps the ordering
 * of write and fsync exactly as the power-loss model expects.
 */
export class Journal {
  private fd: number | null = null;
  private segment: Segment | null = null;
  private size = 0;
  /** Bytes of the current segment already on disk (zeros ahead of `size`). */
  private allocated = 0;
  private seq = 0;

  private constructor(
    readonly dir: string,
    private readonly crash: CrashHook,
  ) {}

  static open(dir: string, crash: CrashHook): { journal: Journal; report: JournalOpenReport } {
    mkdirSync(dir, { recursive: true });
    const journal = new Journal(dir, crash);
    const segments = journal.segments();
    let truncatedBytes = 0;
    let entries = 0;
    const last = segments.at(-1);
    for (const s of segments) {
      // An empty newest segment (just rotated) still fixes where numbering continues.
      journal.seq = Math.max(journal.seq, s.firstSeq - 1);
      const data = readFileSync(join(dir, s.name));
      const decoded = decodeFrames<JournalEntry>(data);
      entries += decoded.records.length;
      const lastRecord = decoded.records.at(-1);
      if (lastRecord) journal.seq = Math.max(journal.seq, lastRecord.value.seq);
      if (s === last) {
        journal.segment = s;
        journal.fd = openSync(join(dir, s.name), 'r+');
        // After the last good record there may be preallocated zeros, and before them the
        // remains of a record whose fdatasync never returned (never acknowledged): zero those.
        let lastNonZero = data.length - 1;
        while (lastNonZero >= decoded.goodEnd && data[lastNonZero] === 0) lastNonZero -= 1;
        if (lastNonZero >= decoded.goodEnd) {
          truncatedBytes = lastNonZero + 1 - decoded.goodEnd;
          const zeros = Buffer.alloc(truncatedBytes);
          writeSync(journal.fd, zeros, 0, zeros.length, decoded.goodEnd);
          fsyncSync(journal.fd);
        }
        journal.size = decoded.goodEnd;
        journal.allocated = data.length;
      }
    }
    if (!last) journal.startSegment(1);
    return { journal, report: { entries, lastSeq: journal.seq, truncatedBytes } };
  }

  get lastSeq(): number {
    return this.seq;
  }

  private segments(): Segment[] {
    return readdirSync(this.dir)
      .map((name) => {
        const m = SEGMENT_RE.exec(name);
        return m?.[1] ? { name, firstSeq: Number(m[1]) } : null;
      })
      .filter((s): s is Segment => s !== null)
      .sort((a, b) => a.firstSeq - b.firstSeq);
  }

  private startSegment(firstSeq: number): void {
    if (this.fd !== null) closeSync(this.fd);
    const name = segmentName(firstSeq);
    const path = join(this.dir, name);
    // 'a+' would not let us write at explicit offsets after truncation; 'w+' only for a segment that does not exist yet.
    this.fd = openSync(path, 'w+');
    fsyncSync(this.fd);
    fsyncDir(this.dir);
    this.segment = { name, firstSeq };
    this.size = 0;
    this.allocated = 0;
  }

  /**
   * Extends the segment with zeros and syncs it once, so that appends
   * overwrite blocks that already exist: fdatasync then flushes data only,
   * not the file size, which saves a file-system journal commit per save.
   */
  private preallocate(needed: number): void {
    if (this.fd === null || this.size + needed <= this.allocated) return;
    const grow = Math.max(PREALLOCATE, needed);
    const zeros = Buffer.alloc(grow);
    writeSync(this.fd, zeros, 0, grow, this.allocated);
    fsyncSync(this.fd);
    this.allocated += grow;
  }

  /** Appends one entry and makes it durable. Returns its sequence number. */
  append(entry: Omit<JournalEntry, 'seq'>): number {
    if (this.fd === null) throw new Error('journal closed');
    const seq = this.seq + 1;
    const frame = encodeFrame({ ...entry, seq } satisfies JournalEntry);
    this.preallocate(frame.length);
    this.crash('journal:before-write');
    let off = 0;
    while (off < frame.length) off += writeSync(this.fd, frame, off, frame.length - off, this.size + off);
    this.crash('journal:after-write');
    fdatasyncSync(this.fd);
    this.crash('journal:after-fsync');
    this.size += frame.length;
    this.seq = seq;
    return seq;
  }

  /** Every readable entry with seq > after, in order (all segments). */
  entriesAfter(after: number): JournalEntry[] {
    const out: JournalEntry[] = [];
    for (const s of this.segments()) {
      const decoded = decodeFrames<JournalEntry>(readFileSync(join(this.dir, s.name)));
      for (const r of decoded.records) if (r.value.seq > after) out.push(r.value);
    }
    return out;
  }

  /** The first sequence number still held (1 when nothing was ever removed). */
  firstSeq(): number {
    return this.segments()[0]?.firstSeq ?? this.seq + 1;
  }

  /**
   * After a snapshot covering `coveredSeq`: start a new segment, and remove
   * segments whose every entry is at or before `keepAfter` (the oldest kept
   * snapshot's position), so any kept snapshot can still be rolled forward.
   */
  rotate(keepAfter: number): void {
    if (this.size > 0) this.startSegment(this.seq + 1);
    const segments = this.segments();
    let removed = false;
    for (let i = 0; i < segments.length - 1; i += 1) {
      const next = segments[i + 1];
      const s = segments[i];
      if (!s || !next) continue;
      // Entries of s are firstSeq .. next.firstSeq-1.
      if (next.firstSeq - 1 <= keepAfter && s.name !== this.segment?.name) {
        unlinkSync(join(this.dir, s.name));
        removed = true;
      }
    }
    if (removed) fsyncDir(this.dir);
  }

  /** File names of the segments, oldest first (backups copy them). */
  segmentFiles(): string[] {
    return this.segments().map((s) => join(this.dir, s.name));
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
