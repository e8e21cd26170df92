import { z } from 'zod';

/**
 * Text fields. Every string that may be stored passes through these: NFC
 * normalisation (Vietnamese typed with combining marks prints and searches
 * differently otherwise), trimming, and collapsing of inner whitespace runs.
 */
export function normaliseText(value: string): string {
  return value.normalize('NFC').replace(/\s+/gu, ' ').trim();
}

/** Multi-line text keeps its line breaks but is still NFC and trimmed per line. */
export function normaliseMultiline(value: string): string {
  return value
    .normalize('NFC')
    .replace(/\r\n?/gu, '\n')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/gu, ' ').trimEnd())
    .join('\n')
    .trim();
}

export function requiredText(label: string, max = 300) {
  return z
    .string({ error: `${label}: phải là văn bản.` })
    .transform(normaliseText)
    .pipe(
      z
        .string()
        .min(1, { error: `${label}: không được để trống.` })
        .max(max, { error: `${label}: dài quá ${max} ký tự.` }),
    );
}

export function optionalText(label: string, max = 300) {
  return z
    .string({ error: `${label}: phải là văn bản.` })
    .nullish()
    .transform((v) => (v == null ? null : normaliseText(v)))
    .pipe(z.string().max(max, { error: `${label}: dài quá ${max} ký tự.` }).nullable())
    .transform((v) => (v === '' ? null : v));
}

export function multilineText(label: string, max = 20000) {
  return z
    .string({ error: `${label}: phải là văn bản.` })
    .transform(normaliseMultiline)
    .pipe(z.string().max(max, { error: `${label}: dài quá ${max} ký tự.` }));
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/u;

/** True when the string is a real calendar date in ISO form (rejects 2021-02-30). */
export function isRealIsoDate(value: string): boolean {
  const m = ISO_DATE.exec(value);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (mo < 1 || mo > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1] ?? 0;
  return d <= days && y >= 1900 && y <= 2200;
}

export function isoDate(label: string) {
  return z
    .string({ error: `${label}: phải là ngày.` })
    .trim()
    .refine(isRealIsoDate, { error: `${label}: ngày không hợp lệ.` });
}

export function optionalIsoDate(label: string) {
  return z
    .union([isoDate(label), z.literal(''), z.null()])
    .optional()
    .transform((v) => (v === undefined || v === '' ? null : v));
}

export const idSchema = z.string({ error: 'Mã bản ghi: phải là văn bản.' }).trim().min(1, { error: 'Mã bản ghi: không được để trống.' }).max(64, { error: 'Mã bản ghi: không hợp lệ.' });
