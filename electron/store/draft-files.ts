import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { DraftRecord } from '../../shared/api/methods/drafts.js';

/** Where drafts are mirrored: one JSON file per user and key, written atomically and fsync'd. */
export interface DraftFiles {
  put(record: DraftRecord): Promise<void>;
  list(userId: string): Promise<DraftRecord[]>;
  delete(userId: string, key: string): Promise<void>;
}

function fileName(userId: string, key: string): string {
  return `${createHash('sha256').update(`${userId}\0${key}`).digest('hex').slice(0, 32)}.json`;
}

export function folderDraftFiles(folder: string): DraftFiles {
  return {
    async put(record) {
      await mkdir(folder, { recursive: true });
      const target = join(folder, fileName(record.userId, record.key));
      const tmp = `${target}.tmp`;
      const fh = await open(tmp, 'w');
      try {
        await fh.writeFile(JSON.stringify(record));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, target);
      const dir = await open(folder, 'r');
      try {
        await dir.sync();
      } catch {
        // Directory fsync is not supported everywhere (Windows); the rename is still atomic.
      } finally {
        await dir.close();
      }
    },
    async list(userId) {
      let names: string[];
      try {
        names = await readdir(folder);
      } catch {
        return [];
      }
      const out: DraftRecord[] = [];
      for (const n of names.filter((x) => x.endsWith('.json'))) {
        try {
          const r = JSON.parse(await readFile(join(folder, n), 'utf8')) as DraftRecord;
          if (r.userId === userId) out.push(r);
        } catch {
          // A torn or foreign file is skipped, never fatal.
        }
      }
      return out.sort((a, b) => b.savedAt.localeCompare(a.savedAt));
    },
    async delete(userId, key) {
      await rm(join(folder, fileName(userId, key)), { force: true });
    },
  };
}

/** In-memory drafts for stores without a data folder (tests). */
export function memoryDraftFiles(): DraftFiles {
  const map = new Map<string, DraftRecord>();
  return {
    put: async (r) => void map.set(fileName(r.userId, r.key), r),
    list: async (userId) => [...map.values()].filter((r) => r.userId === userId).sort((a, b) => b.savedAt.localeCompare(a.savedAt)),
    delete: async (userId, key) => void map.delete(fileName(userId, key)),
  };
}
