import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** One recorded file-system operation (see fs-capture.ts). */
export type FsOp =
  | { op: 'create' | 'unlink' | 'rmdir' | 'mkdir' | 'fsync' | 'fsyncdir'; p: string }
  | { op: 'truncate'; p: string; len: number }
  | { op: 'write'; p: string; off: number; data: Buffer }
  | { op: 'rename'; p: string; p2: string }
  | { op: 'mark'; text: string };

export function parseFsLog(log: Buffer): FsOp[] {
  const ops: FsOp[] = [];
  let i = 0;
  while (i < log.length) {
    const nl = log.indexOf(10, i);
    if (nl < 0) break;
    const head = JSON.parse(log.subarray(i, nl).toString('utf8')) as Record<string, unknown> & { op: string; n: number };
    i = nl + 1;
    const data = log.subarray(i, i + head.n);
    i += head.n;
    if (head.op === 'write') ops.push({ op: 'write', p: String(head.p), off: Number(head.off), data: Buffer.from(data) });
    else ops.push(head as unknown as FsOp);
  }
  return ops;
}

type DataOp = { kind: 'write'; off: number; data: Buffer } | { kind: 'truncate'; len: number };
type MetaOp = { op: 'create'; p: string; inode: number } | { op: 'unlink' | 'rmdir' | 'mkdir'; p: string } | { op: 'rename'; p: string; p2: string };

interface Inode {
  current: Buffer;
  /** Content as of the last fsync/fdatasync: survives any power cut. */
  synced: Buffer;
  /** Data operations since the last fsync, in order: each may or may not have reached the disk. */
  pending: DataOp[];
}

function applyData(buf: Buffer, op: DataOp): Buffer {
  if (op.kind === 'truncate') return op.len <= buf.length ? Buffer.from(buf.subarray(0, op.len)) : Buffer.concat([buf, Buffer.alloc(op.len - buf.length)]);
  const end = op.off + op.data.length;
  const out = end > buf.length ? Buffer.concat([buf, Buffer.alloc(end - buf.length)]) : buf;
  op.data.copy(out, op.off);
  return out;
}

function renameKey(key: string, from: string, to: string): string | null {
  if (key === from) return to;
  if (key.startsWith(`${from}/`)) return to + key.slice(from.length);
  return null;
}

/**
 * The file system as a power cut at `cut` (an index into the log) could
 * leave it, under the model of a journaling file system (ext4 ordered,
 * NTFS): a file's data is safe up to its last fsync; any of the writes after
 * it (in 4 KiB pieces) may or may not have reached the disk; metadata
 * (create, rename, unlink, mkdir) reaches the disk in order, so a prefix of
 * the operations after the last folder fsync survives.
 */
export class CrashModel {
  private readonly inodes: Inode[] = [];
  private readonly baseNames = new Map<string, number>();
  private readonly baseDirs = new Set<string>();
  private readonly meta: MetaOp[] = [];
  /** Meta operations before this index are durable. */
  private durableMeta = 0;
  private readonly names = new Map<string, number>();
  readonly marks: string[] = [];

  constructor(baseline: string) {
    const walk = (dir: string, rel: string) => {
      for (const n of readdirSync(dir)) {
        const abs = join(dir, n);
        const r = rel ? `${rel}/${n}` : n;
        if (statSync(abs).isDirectory()) {
          this.baseDirs.add(r);
          walk(abs, r);
        } else {
          const content = readFileSync(abs);
          this.inodes.push({ current: Buffer.from(content), synced: content, pending: [] });
          this.baseNames.set(r, this.inodes.length - 1);
          this.names.set(r, this.inodes.length - 1);
        }
      }
    };
    walk(baseline, '');
  }

  /** Feeds operations in log order. */
  apply(op: FsOp): void {
    switch (op.op) {
      case 'mark':
        this.marks.push(op.text);
        return;
      case 'create': {
        this.inodes.push({ current: Buffer.alloc(0), synced: Buffer.alloc(0), pending: [] });
        const inode = this.inodes.length - 1;
        this.names.set(op.p, inode);
        this.meta.push({ op: 'create', p: op.p, inode });
        return;
      }
      case 'write':
      case 'truncate': {
        const id = this.names.get(op.p);
        if (id === undefined) return;
        const node = this.inodes[id] as Inode;
        const d: DataOp = op.op === 'write' ? { kind: 'write', off: op.off, data: op.data } : { kind: 'truncate', len: op.len };
        node.current = applyData(node.current, d);
        node.pending.push(d);
        return;
      }
      case 'fsync': {
        const id = this.names.get(op.p);
        if (id === undefined) return;
        const node = this.inodes[id] as Inode;
        node.synced = Buffer.from(node.current);
        node.pending = [];
        return;
      }
      case 'fsyncdir':
        this.durableMeta = this.meta.length;
        return;
      case 'rename':
        for (const [k, v] of [...this.names]) {
          const nk = renameKey(k, op.p, op.p2);
          if (nk !== null) {
            this.names.delete(k);
            this.names.set(nk, v);
          }
        }
        this.meta.push({ op: 'rename', p: op.p, p2: op.p2 });
        return;
      case 'unlink':
        this.names.delete(op.p);
        this.meta.push({ op: 'unlink', p: op.p });
        return;
      case 'rmdir':
      case 'mkdir':
        this.meta.push({ op: op.op, p: op.p });
        return;
    }
  }

  /** Writes one possible post-power-cut state of the folder into `target`. `random` decides what of the unsynced state survived. */
  writeImage(target: string, random: () => number): { metaKept: number; metaPending: number; writesKept: number; writesPending: number } {
    const names = new Map(this.baseNames);
    const dirs = new Set(this.baseDirs);
    const pendingMeta = this.meta.length - this.durableMeta;
    const keepMeta = this.durableMeta + Math.floor(random() * (pendingMeta + 1));
    for (const m of this.meta.slice(0, keepMeta)) {
      if (m.op === 'create') names.set(m.p, m.inode);
      else if (m.op === 'unlink') names.delete(m.p);
      else if (m.op === 'mkdir') dirs.add(m.p);
      else if (m.op === 'rmdir') dirs.delete(m.p);
      else if (m.op === 'rename') {
        for (const [k, v] of [...names]) {
          const nk = renameKey(k, m.p, m.p2);
          if (nk !== null) {
            names.delete(k);
            names.set(nk, v);
          }
        }
        for (const d of [...dirs]) {
          const nd = renameKey(d, m.p, m.p2);
          if (nd !== null) {
            dirs.delete(d);
            dirs.add(nd);
          }
        }
      }
    }
    let writesKept = 0;
    let writesPending = 0;
    mkdirSync(target, { recursive: true });
    for (const d of [...dirs].sort()) mkdirSync(join(target, d), { recursive: true });
    for (const [path, id] of names) {
      const node = this.inodes[id] as Inode;
      let content: Buffer<ArrayBufferLike> = Buffer.from(node.synced);
      for (const op of node.pending) {
        if (op.kind === 'truncate') {
          writesPending += 1;
          if (random() < 0.5) {
            content = applyData(content, op);
            writesKept += 1;
          }
          continue;
        }
        // Page-sized pieces reach the disk independently.
        for (let start = 0; start < op.data.length; ) {
          const boundary = (Math.floor((op.off + start) / 4096) + 1) * 4096 - op.off;
          const end = Math.min(op.data.length, boundary);
          writesPending += 1;
          if (random() < 0.5) {
            content = applyData(content, { kind: 'write', off: op.off + start, data: op.data.subarray(start, end) });
            writesKept += 1;
          }
          start = end;
        }
      }
      mkdirSync(dirname(join(target, path)), { recursive: true });
      writeFileSync(join(target, path), content);
    }
    return { metaKept: keepMeta - this.durableMeta, metaPending: pendingMeta, writesKept, writesPending };
  }
}
