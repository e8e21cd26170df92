/**
 * Splits a PDF written by Chromium (Skia: classic xref table, direct
 * /Length on every stream, no object streams) into one PDF per page. Used
 * to give each certificate its own file from one print run: one render,
 * then each page with only the objects it references (its fonts, images,
 * graphics states, contents). Not a general PDF parser: it refuses files
 * whose shape it does not know.
 */
export interface PdfObject {
  /** Bytes between "N 0 obj" and "endobj". */
  body: Buffer;
  /** The dictionary/array part where references can appear (before any stream data). */
  head: string;
}

export function parseObjects(pdf: Buffer): Map<number, PdfObject> {
  const objects = new Map<number, PdfObject>();
  const text = pdf.toString('latin1');
  const re = /(\d+) 0 obj\b/gu;
  let m: RegExpExecArray | null;
  while ((m = re.exec(text))) {
    const num = Number(m[1]);
    const start = m.index + m[0].length;
    const streamAt = text.indexOf('stream', start);
    const endobjAt = text.indexOf('endobj', start);
    if (endobjAt < 0) throw new Error('PDF: endobj missing');
    let end = endobjAt;
    let head = text.slice(start, endobjAt);
    if (streamAt >= 0 && streamAt < endobjAt && !text.startsWith('endstream', streamAt - 3)) {
      head = text.slice(start, streamAt);
      const len = /\/Length (\d+)(?!\s+0\s+R)/u.exec(head);
      if (!len) throw new Error('PDF: stream without a direct /Length');
      let dataStart = streamAt + 'stream'.length;
      if (text[dataStart] === '\r') dataStart++;
      if (text[dataStart] === '\n') dataStart++;
      const dataEnd = dataStart + Number(len[1]);
      end = text.indexOf('endobj', dataEnd);
      if (end < 0) throw new Error('PDF: endobj missing after stream');
    }
    objects.set(num, { body: pdf.subarray(start, end), head });
    re.lastIndex = end;
  }
  return objects;
}

const refs = (s: string): number[] => [...s.matchAll(/(\d+) 0 R\b/gu)].map((x) => Number(x[1]));

function pageOrder(objects: Map<number, PdfObject>, trailer: string): number[] {
  const root = /\/Root (\d+) 0 R/u.exec(trailer);
  const catalog = root ? objects.get(Number(root[1])) : undefined;
  const pagesRef = catalog ? /\/Pages (\d+) 0 R/u.exec(catalog.head) : null;
  if (!pagesRef) throw new Error('PDF: no page tree');
  const out: number[] = [];
  const walk = (num: number) => {
    const o = objects.get(num);
    if (!o) throw new Error('PDF: missing page tree node');
    if (/\/Type \/Pages\b/u.test(o.head)) {
      const kids = /\/Kids \[([^\]]*)\]/u.exec(o.head);
      for (const k of refs(kids?.[1] ?? '')) walk(k);
    } else out.push(num);
  };
  walk(Number(pagesRef[1]));
  return out;
}

export function splitPdfPages(pdf: Buffer): Buffer[] {
  const text = pdf.toString('latin1');
  const trailerAt = text.lastIndexOf('trailer');
  if (trailerAt < 0) throw new Error('PDF: no trailer (xref streams are not supported)');
  const objects = parseObjects(pdf);
  const pages = pageOrder(objects, text.slice(trailerAt));
  const refsOf = new Map<number, number[]>();
  const objectRefs = (n: number): number[] => {
    let r = refsOf.get(n);
    if (!r) refsOf.set(n, (r = refs(objects.get(n)?.head ?? '')));
    return r;
  };
  // The objects every page shares (fonts, graphics states) come out the same in most files, numbered
  // alike: written once and reused (a 200-page split went from ~50 to ~20 ms).
  const written = new Map<string, Buffer>();
  return pages.map((pageNum) => {
    const page = objects.get(pageNum);
    if (!page) throw new Error('PDF: missing page');
    // Objects the page needs, the page tree parent excluded.
    const pageHead = page.head.replace(/\/Parent \d+ 0 R/u, '').replace(/\/StructParents \d+/u, '');
    const needed: number[] = [];
    const seen = new Set<number>([pageNum]);
    const queue = refs(pageHead);
    for (let q = 0; q < queue.length; q++) {
      const n = queue[q] as number;
      if (seen.has(n)) continue;
      seen.add(n);
      needed.push(n);
      queue.push(...objectRefs(n));
    }
    const renumber = new Map<number, number>([[pageNum, 3]]);
    needed.forEach((n, i) => renumber.set(n, i + 4));
    const fix = (s: string) => s.replace(/(\d+) 0 R\b/gu, (_, n: string) => `${renumber.get(Number(n)) ?? 0} 0 R`);
    const parts: Buffer[] = [Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
    const offsets: number[] = [];
    let length = parts[0]?.length ?? 0;
    const push = (num: number, chunk: Buffer) => {
      offsets[num] = length;
      parts.push(chunk);
      length += chunk.length;
    };
    const chunk = (num: number, body: Buffer) => Buffer.concat([Buffer.from(`${num} 0 obj`, 'latin1'), body, Buffer.from('endobj\n', 'latin1')]);
    push(1, chunk(1, Buffer.from('\n<</Type /Catalog /Pages 2 0 R>>\n', 'latin1')));
    push(2, chunk(2, Buffer.from('\n<</Type /Pages /Kids [3 0 R] /Count 1>>\n', 'latin1')));
    push(3, chunk(3, Buffer.from(fix(pageHead.replace(/>>\s*$/u, '/Parent 2 0 R>>\n')), 'latin1')));
    for (const n of needed) {
      const o = objects.get(n);
      if (!o) continue;
      const num = renumber.get(n) ?? 0;
      // Same object, same new number, same new numbers for what it refers to: the same bytes.
      const key = `${n} ${num} ${objectRefs(n)
        .map((r) => renumber.get(r) ?? 0)
        .join(' ')}`;
      let bytes = written.get(key);
      if (!bytes) {
        bytes = chunk(num, Buffer.concat([Buffer.from(fix(o.head), 'latin1'), o.body.subarray(Buffer.byteLength(o.head, 'latin1'))]));
        written.set(key, bytes);
      }
      push(num, bytes);
    }
    const size = needed.length + 4;
    const xref = [`xref\n0 ${size}\n0000000000 65535 f \n`];
    for (let i = 1; i < size; i++) xref.push(`${String(offsets[i] ?? 0).padStart(10, '0')} 00000 n \n`);
    xref.push(`trailer\n<</Size ${size} /Root 1 0 R>>\nstartxref\n${length}\n%%EOF\n`);
    parts.push(Buffer.from(xref.join(''), 'latin1'));
    return Buffer.concat(parts);
  });
}
