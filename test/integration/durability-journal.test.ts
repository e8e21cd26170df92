import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { decodeFrames, encodeFrame, FRAME_HEADER } from '../../electron/durability/frames.js';
import { Journal, type JournalEntry } from '../../electron/durability/journal.js';
import { noCrash } from '../../electron/durability/crash-points.js';

const dirs: string[] = [];
const temp = () => {
  const d = mkdtempSync(join(tmpdir(), 'thidua-journal-'));
  dirs.push(d);
  return d;
};
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function entry(i: number): Omit<JournalEntry, 'seq'> {
  return {
    at: '2026-11-23T07:00:00.000Z',
    schema: '0001_foundation',
    changes: [{ table: 'people', rowId: `p${i}`, version: 1, op: 'insert', local: false, row: { id: `p${i}`, full_name: `Người số ${i}` } }],
    settings: [],
  };
}

describe('journal framing and segments', () => {
  it.each([
    ['a clean sequence of frames', (b: Buffer) => b, 3, false],
    ['a frame cut short (torn tail)', (b: Buffer) => b.subarray(0, b.length - 5), 2, true],
    ['a flipped byte in the last payload (CRC)', (b: Buffer) => Buffer.concat([b.subarray(0, b.length - 1), Buffer.from([(b.at(-1) ?? 0) ^ 1])]), 2, true],
    ['zeros after the frames (preallocated space)', (b: Buffer) => Buffer.concat([b, Buffer.alloc(4096)]), 3, true],
    ['a header whose length points past the end', (b: Buffer) => Buffer.concat([b, b.subarray(0, FRAME_HEADER)]), 3, true],
  ])('decodes %s', (_name, damage, records, torn) => {
    const frames = Buffer.concat([encodeFrame({ n: 1 }), encodeFrame({ n: 2, text: 'Lò Thị Mai' }), encodeFrame({ n: 3 })]);
    const decoded = decodeFrames<{ n: number }>(damage(frames));
    expect(decoded.records.map((r) => r.value.n)).toEqual([1, 2, 3].slice(0, records));
    expect(decoded.torn).toBe(torn);
  });

  it('numbers entries across reopen, preallocates, and zeroes a torn (never acknowledged) tail at open', () => {
    const dir = temp();
    const { journal } = Journal.open(dir, noCrash);
    for (let i = 1; i <= 3; i += 1) expect(journal.append(entry(i))).toBe(i);
    journal.close();
    const [segment] = readdirSync(dir);
    const path = join(dir, segment ?? '');
    expect(statSync(path).size).toBe(1024 * 1024);
    // A fourth record whose fdatasync never returned: only half of it reached the disk.
    const data = readFileSync(path);
    const good = decodeFrames(data).goodEnd;
    const half = encodeFrame({ seq: 4, at: '', schema: '', changes: [], settings: [] }).subarray(0, 20);
    half.copy(data, good);
    writeFileSync(path, data);
    const reopened = Journal.open(dir, noCrash);
    expect(reopened.report).toEqual({ entries: 3, lastSeq: 3, truncatedBytes: 20 });
    expect(reopened.journal.append(entry(4))).toBe(4);
    expect(reopened.journal.entriesAfter(1).map((e) => e.changes[0]?.rowId)).toEqual(['p2', 'p3', 'p4']);
    reopened.journal.close();
  });

  it('rotates after a snapshot and removes only segments wholly covered by the oldest kept snapshot', () => {
    const dir = temp();
    const { journal } = Journal.open(dir, noCrash);
    journal.append(entry(1));
    journal.append(entry(2));
    journal.rotate(0); // snapshot at 2, but an older snapshot at 0 is still kept
    journal.append(entry(3));
    journal.rotate(2); // oldest kept snapshot now covers 1..2
    expect(readdirSync(dir).sort()).toEqual(['seg-000000000003.tdj', 'seg-000000000004.tdj']);
    expect(journal.firstSeq()).toBe(3);
    journal.close();
    const reopened = Journal.open(dir, noCrash);
    expect(reopened.report.lastSeq).toBe(3);
    expect(reopened.journal.append(entry(4))).toBe(4);
    reopened.journal.close();
  });
});
