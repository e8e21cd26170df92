import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { join, relative, resolve, sep } from 'node:path';

/**
 * Preload for the power-loss harness (`node --import dist-electron/fs-capture.mjs`):
 * records every write, truncate, fsync, create, rename and removal under
 * THIDUA_FSROOT to the log THIDUA_FSLOG, in order, with the written bytes.
 * PGlite's Node file system (Emscripten NODEFS) calls these synchronous `fs`
 * functions through `require('fs')`, and the journal and snapshots use the
 * same ones, so patching the fs object (and re-syncing the ESM bindings)
 * sees all of them. Each record: one JSON line, then `n` raw bytes.
 * The child also calls globalThis.__thiduaFsMark(text) to put its
 * acknowledgements into the same ordered log.
 */
const root = process.env.THIDUA_FSROOT ? resolve(process.env.THIDUA_FSROOT) : null;
const logPath = process.env.THIDUA_FSLOG;

if (root && logPath) install(root, logPath);

function install(rootDir: string, log: string): void {
  const orig = {
    openSync: fs.openSync,
    closeSync: fs.closeSync,
    writeSync: fs.writeSync,
    fsyncSync: fs.fsyncSync,
    fdatasyncSync: fs.fdatasyncSync,
    ftruncateSync: fs.ftruncateSync,
    truncateSync: fs.truncateSync,
    renameSync: fs.renameSync,
    unlinkSync: fs.unlinkSync,
    rmdirSync: fs.rmdirSync,
    mkdirSync: fs.mkdirSync,
    writeFileSync: fs.writeFileSync,
    rmSync: fs.rmSync,
    fstatSync: fs.fstatSync,
    existsSync: fs.existsSync,
    readdirSync: fs.readdirSync,
    lstatSync: fs.lstatSync,
  };
  const logFd = orig.openSync(log, 'a');
  const fds = new Map<number, { path: string; pos: number }>();

  const rel = (p: fs.PathLike): string | null => {
    const abs = resolve(String(p));
    if (abs !== rootDir && !abs.startsWith(rootDir + sep)) return null;
    return relative(rootDir, abs).split(sep).join('/');
  };
  const record = (head: Record<string, unknown>, data?: Uint8Array): void => {
    const line = Buffer.from(`${JSON.stringify({ ...head, n: data?.length ?? 0 })}\n`);
    orig.writeSync(logFd, line);
    if (data && data.length > 0) orig.writeSync(logFd, data);
  };
  (globalThis as { __thiduaFsMark?: (t: string) => void }).__thiduaFsMark = (text) => record({ op: 'mark', text });

  const flagBits = (flags: fs.OpenMode | undefined): { creat: boolean; trunc: boolean; append: boolean } => {
    if (flags === undefined) return { creat: false, trunc: false, append: false };
    if (typeof flags === 'number') {
      const c = fs.constants;
      return { creat: (flags & c.O_CREAT) !== 0, trunc: (flags & c.O_TRUNC) !== 0, append: (flags & c.O_APPEND) !== 0 };
    }
    return { creat: /[wa]/u.test(flags), trunc: flags.startsWith('w'), append: flags.startsWith('a') };
  };

  const patched = {
    openSync(path: fs.PathLike, flags?: fs.OpenMode, mode?: fs.Mode | null): number {
      const r = rel(path);
      const existed = r !== null && orig.existsSync(path);
      const fd = orig.openSync(path, flags ?? 'r', mode);
      if (r !== null) {
        const f = flagBits(flags);
        if (!existed && f.creat) record({ op: 'create', p: r });
        else if (existed && f.trunc) record({ op: 'truncate', p: r, len: 0 });
        fds.set(fd, { path: r, pos: f.append ? orig.fstatSync(fd).size : 0 });
      }
      return fd;
    },
    closeSync(fd: number): void {
      fds.delete(fd);
      orig.closeSync(fd);
    },
    writeSync(fd: number, buffer: Uint8Array | string, a?: unknown, b?: unknown, c?: unknown): number {
      const info = fds.get(fd);
      // Same overloads as fs.writeSync: (fd, buffer, offset?, length?, position?) or (fd, string, position?, encoding?).
      let data: Uint8Array;
      let position: number | null | undefined;
      if (typeof buffer === 'string') {
        data = Buffer.from(buffer, typeof b === 'string' ? (b as BufferEncoding) : 'utf8');
        position = a as number | null | undefined;
      } else {
        const offset = (a as number | undefined) ?? 0;
        const length = (b as number | undefined) ?? buffer.byteLength - offset;
        data = buffer.subarray(offset, offset + length);
        position = c as number | null | undefined;
      }
      const written = (orig.writeSync as (fd: number, d: Uint8Array, o: number, l: number, p: number | null | undefined) => number)(fd, data, 0, data.length, position);
      if (info) {
        const at = typeof position === 'number' ? position : info.pos;
        record({ op: 'write', p: info.path, off: at }, data.subarray(0, written));
        if (typeof position !== 'number') info.pos += written;
      }
      return written;
    },
    fsyncSync(fd: number): void {
      orig.fsyncSync(fd);
      const info = fds.get(fd);
      if (info) record({ op: orig.fstatSync(fd).isDirectory() ? 'fsyncdir' : 'fsync', p: info.path });
    },
    fdatasyncSync(fd: number): void {
      orig.fdatasyncSync(fd);
      const info = fds.get(fd);
      if (info) record({ op: 'fsync', p: info.path });
    },
    ftruncateSync(fd: number, len?: number): void {
      orig.ftruncateSync(fd, len);
      const info = fds.get(fd);
      if (info) record({ op: 'truncate', p: info.path, len: len ?? 0 });
    },
    truncateSync(path: fs.PathLike, len?: number): void {
      orig.truncateSync(path, len);
      const r = rel(path);
      if (r !== null) record({ op: 'truncate', p: r, len: len ?? 0 });
    },
    renameSync(from: fs.PathLike, to: fs.PathLike): void {
      orig.renameSync(from, to);
      const a = rel(from);
      const b = rel(to);
      if (a !== null && b !== null) record({ op: 'rename', p: a, p2: b });
    },
    unlinkSync(path: fs.PathLike): void {
      orig.unlinkSync(path);
      const r = rel(path);
      if (r !== null) record({ op: 'unlink', p: r });
    },
    rmdirSync(path: fs.PathLike, options?: fs.RmDirOptions): void {
      orig.rmdirSync(path, options);
      const r = rel(path);
      if (r !== null) record({ op: 'rmdir', p: r });
    },
    mkdirSync(path: fs.PathLike, options?: fs.Mode | fs.MakeDirectoryOptions | null): string | undefined {
      const r = rel(path);
      // Record each folder a recursive mkdir creates, parents first.
      const missing: string[] = [];
      if (r !== null) {
        let p = resolve(String(path));
        while (!orig.existsSync(p) && rel(p) !== null) {
          missing.unshift(p);
          p = resolve(p, '..');
        }
      }
      const out = orig.mkdirSync(path, options as fs.MakeDirectoryOptions & { recursive: true });
      for (const m of missing) {
        const mr = rel(m);
        if (mr !== null) record({ op: 'mkdir', p: mr });
      }
      return out;
    },
    writeFileSync(file: fs.PathOrFileDescriptor, data: string | NodeJS.ArrayBufferView, options?: fs.WriteFileOptions): void {
      if (typeof file === 'number') {
        orig.writeFileSync(file, data, options);
        return;
      }
      const r = rel(file);
      const existed = r !== null && orig.existsSync(file);
      orig.writeFileSync(file, data, options);
      if (r !== null) {
        const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
        record(existed ? { op: 'truncate', p: r, len: 0 } : { op: 'create', p: r });
        if (bytes.length > 0) record({ op: 'write', p: r, off: 0 }, bytes);
      }
    },
    rmSync(path: fs.PathLike, options?: fs.RmOptions): void {
      const r = rel(path);
      // Expand into the unlinks and rmdirs it amounts to, deepest first.
      const ops: Record<string, unknown>[] = [];
      if (r !== null && orig.existsSync(path)) {
        const walk = (abs: string) => {
          const st = orig.lstatSync(abs);
          if (st.isDirectory()) {
            for (const n of orig.readdirSync(abs)) walk(join(abs, n));
            ops.push({ op: 'rmdir', p: rel(abs) });
          } else ops.push({ op: 'unlink', p: rel(abs) });
        };
        walk(resolve(String(path)));
      }
      orig.rmSync(path, options);
      for (const op of ops) record(op);
    },
  };
  Object.assign(fs, patched);
  syncBuiltinESMExports();
}
