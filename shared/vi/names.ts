/**
 * Vietnamese personal names: họ (family) + tên đệm (middle, zero or more
 * words) + tên (given name, the last word). Official lists "theo vần ABC"
 * sort by given name first, then family name, then middle names, then date
 * of birth, with Vietnamese collation (a < ă < â, d < đ, o < ô < ơ, u < ư).
 */
export interface NameParts {
  family: string;
  middle: string;
  given: string;
}

export function splitVietnameseName(fullName: string): NameParts {
  const words = fullName.normalize('NFC').trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return { family: '', middle: '', given: '' };
  if (words.length === 1) return { family: '', middle: '', given: words[0] ?? '' };
  return { family: words[0] ?? '', middle: words.slice(1, -1).join(' '), given: words.at(-1) ?? '' };
}

const collator = new Intl.Collator('vi', { sensitivity: 'base', usage: 'sort' });
const tieCollator = new Intl.Collator('vi', { sensitivity: 'variant', usage: 'sort' });

export function compareVietnamese(a: string, b: string): number {
  return collator.compare(a.normalize('NFC'), b.normalize('NFC')) || tieCollator.compare(a.normalize('NFC'), b.normalize('NFC'));
}

export interface SortableName {
  fullName: string;
  birthDate?: string | null;
}

export function compareVietnameseNames(a: SortableName, b: SortableName): number {
  const pa = splitVietnameseName(a.fullName);
  const pb = splitVietnameseName(b.fullName);
  return (
    compareVietnamese(pa.given, pb.given) ||
    compareVietnamese(pa.family, pb.family) ||
    compareVietnamese(pa.middle, pb.middle) ||
    (a.birthDate ?? '').localeCompare(b.birthDate ?? '')
  );
}

export function sortVietnameseNames<T extends SortableName>(list: readonly T[]): T[] {
  return [...list].sort(compareVietnameseNames);
}
