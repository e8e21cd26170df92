import { closeSync, fsyncSync, openSync, renameSync, writeSync } from 'node:fs';

/** Makes a file's creation, rename or removal in `dir` durable. Windows cannot open a folder for fsync; there NTFS journals the rename itself. */
export function fsyncDir(dir: string): void {
  let fd: number;
  try {
    fd = openSync(dir, 'r');
  } catch {
    return;
  }
  try {
    fsyncSync(fd);
  } catch {
    // EISDIR/EPERM on platforms without directory fsync.
  } finally {
    closeSync(fd);
  }
}

/** Writes `data` to `path` atomically and durably: temp file, fsync, rename, fsync of the folder. */
export function writeFileDurably(path: string, data: Uint8Array, dir: string, onSynced?: () => void): void {
  const tmp = `${path}.tmp`;
  const fd = openSync(tmp, 'w');
  try {
    let off = 0;
    while (off < data.length) off += writeSync(fd, data, off, data.length - off, off);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  onSynced?.();
  renameSync(tmp, path);
  fsyncDir(dir);
}
