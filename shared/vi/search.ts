/**
 * Search that ignores diacritics and case. NFD splits toned letters into
 * base + marks (ư → u + horn, ế → e + circumflex + acute), the marks are
 * dropped, and đ/Đ, which do not decompose, map to d. NFC and NFD input
 * fold to the same key.
 */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/gu, '')
    .replace(/[đĐ]/gu, 'd')
    .toLowerCase()
    .replace(/\s+/gu, ' ')
    .trim();
}

/** A file-name part without diacritics, spaces or punctuation ("Lò Văn Mừng" → "lo-van-mung"): safe on every PC and in every zip tool. */
export function fileSlug(text: string, max = 60): string {
  return foldVietnamese(text)
    .replace(/[^a-z0-9]+/gu, '-')
    .replace(/^-+|-+$/gu, '')
    .slice(0, max)
    .replace(/-+$/u, '');
}

/** A spreadsheet header cell folded for matching: diacritics, case, "(*)" marks, colons and spaces around "/" do not matter. */
export function foldHeader(text: string): string {
  return foldVietnamese(text.replace(/\(.*?\)/gu, ' ').replace(/[*:]/gu, ' ')).replace(/\s*\/\s*/gu, '/');
}

/** Every word of the query must appear in the text, diacritics and case ignored. */
export function matchesSearch(text: string, query: string): boolean {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  if (words.length === 0) return true;
  const hay = foldVietnamese(text);
  return words.every((w) => hay.includes(w));
}

/** Same test against a key already folded (stored beside the row). */
export function matchesFoldedKey(foldedKey: string, query: string): boolean {
  const words = foldVietnamese(query).split(' ').filter(Boolean);
  return words.every((w) => foldedKey.includes(w));
}
