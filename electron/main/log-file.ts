import { appendFileSync, mkdirSync, renameSync, statSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * An append-only log file with one rotation (main.log → main.log.1 past
 * maxBytes). The office PC has no console and no network: when something goes
 * wrong, this file is what a support person can ask for. Writing never
 * throws: a full disk must not take the app down with it.
 */
export function openLogFile(path: string, maxBytes = 5 * 1024 * 1024) {
  let size = 0;
  try {
    mkdirSync(dirname(path), { recursive: true });
    size = statSync(path).size;
  } catch {
    size = 0;
  }
  return {
    path,
    write(line: string): void {
      const text = line.endsWith('\n') ? line : `${line}\n`;
      try {
        if (size + text.length > maxBytes && size > 0) {
          renameSync(path, `${path}.1`);
          size = 0;
        }
        appendFileSync(path, text);
        size += Buffer.byteLength(text);
      } catch {
        // Logging is best effort.
      }
    },
  };
}

/** Splits a stream of chunks into whole lines (a child's stdout/stderr arrives in arbitrary pieces). */
export function lineSplitter(onLine: (line: string) => void) {
  let rest = '';
  return {
    push(chunk: Buffer | string): void {
      const lines = (rest + chunk.toString()).split('\n');
      rest = lines.pop() ?? '';
      for (const line of lines) if (line.trim() !== '') onLine(line.replace(/\r$/u, ''));
    },
    flush(): void {
      if (rest.trim() !== '') onLine(rest);
      rest = '';
    },
  };
}
