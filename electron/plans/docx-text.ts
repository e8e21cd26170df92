import { ApiError } from '../../shared/api/errors.js';
import { readZipEntry } from './zip.js';

/**
 * The text of a .docx, one paragraph per block separated by blank lines, as
 * the plan importer reads plain text. Table cells (the header block of an
 * administrative document) come out cell by cell, left before right.
 * Automatic list numbering is not rendered: those labels are lost.
 */
function decode(s: string): string {
  return s
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&apos;/gu, "'")
    .replace(/&#(\d+);/gu, (_m, d: string) => String.fromCodePoint(Number(d)))
    .replace(/&#x([0-9a-f]+);/giu, (_m, h: string) => String.fromCodePoint(parseInt(h, 16)))
    .replace(/&amp;/gu, '&');
}

export function docxXmlToText(xml: string): string {
  const body = /<w:body[^>]*>([\s\S]*)<\/w:body>/u.exec(xml)?.[1] ?? xml;
  const paras: string[] = [];
  for (const m of body.matchAll(/<w:p[ >][\s\S]*?<\/w:p>|<w:p\/>/gu)) {
    const p = m[0];
    let text = '';
    for (const t of p.matchAll(/<w:t(?:\s[^>]*)?>([\s\S]*?)<\/w:t>|<w:tab\/>|<w:br\/>/gu)) {
      if (t[0] === '<w:tab/>') text += '\t';
      else if (t[0] === '<w:br/>') text += '\n';
      else text += decode(t[1] ?? '');
    }
    paras.push(text);
  }
  return paras
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .join('\n\n');
}

export function docxToText(file: Buffer): string {
  const xml = readZipEntry(file, 'word/document.xml');
  if (!xml) throw new ApiError('bad_file', 'Tệp không phải là tài liệu Word .docx hợp lệ (không đọc được nội dung).');
  return docxXmlToText(xml.toString('utf8'));
}
