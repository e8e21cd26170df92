import { closeSync, mkdirSync, openSync, readFileSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';

export class DataFolderLockedError extends Error {
  constructor(
    readonly folder: string,
    readonly holderPid: number,
  ) {
    super(`Thư mục dữ liệu ${folder} đang được một chương trình khác (tiến trình ${holderPid}) sử dụng. Hãy đóng chương trình đó trước.`);
    this.name = 'DataFolderLockedError';
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface DataLock {
  release(): void;
}

/**
 * An exclusive lock on a data folder, taken before PGlite opens it (PGlite
 * takes none, and two processes on one folder corrupt it). The lock file is
 * created with O_EXCL and names its holder; a lock whose holder is gone (the
 * process was killed or the power cut) is stale and is taken over by
 * renaming it aside first, so two starters cannot both take it.
 */
export function lockDataFolder(folder: string): DataLock {
  mkdirSync(folder, { recursive: true });
  const path = join(folder, 'thidua.lock');
  const content = JSON.stringify({ pid: process.pid, host: hostname(), since: new Date().toISOString() });
  for (let attempt = 0; attempt < 5; attempt += 1) {
    try {
      const fd = openSync(path, 'wx');
      writeSync(fd, content);
      closeSync(fd);
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          try {
            if (readFileSync(path, 'utf8') === content) unlinkSync(path);
          } catch {
            // Already gone: nothing to release.
          }
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    let holder: { pid?: number; host?: string } = {};
    let raw = '';
    try {
      raw = readFileSync(path, 'utf8');
      holder = JSON.parse(raw) as typeof holder;
    } catch {
      // Unreadable or half-written lock: treat as stale below.
    }
    const pid = typeof holder.pid === 'number' ? holder.pid : -1;
    if (pid > 0 && pid !== process.pid && holder.host === hostname() && alive(pid)) throw new DataFolderLockedError(folder, pid);
    if (pid === process.pid) throw new DataFolderLockedError(folder, pid);
    const aside = `${path}.stale-${process.pid}-${attempt}`;
    try {
      renameSync(path, aside);
      const moved = readFileSync(aside, 'utf8');
      if (moved !== raw) {
        // We moved a fresh lock someone else just took: put it back and yield to them.
        renameSync(aside, path);
        throw new DataFolderLockedError(folder, pid);
      }
      unlinkSync(aside);
    } catch (error) {
      if (error instanceof DataFolderLockedError) throw error;
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    }
  }
  throw new DataFolderLockedError(folder, -1);
}
