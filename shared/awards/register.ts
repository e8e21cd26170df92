/**
 * Register numbering (sổ theo dõi khen thưởng): one running number per
 * register per calendar year, starting at 1, never reused; a gap is allowed
 * only where a number was given and then cancelled with a recorded reason —
 * and since a cancelled number stays in the register, the sequence itself
 * has no holes at all.
 */

export interface UsedNumber {
  number: number;
  cancelled: boolean;
}

/** The next number: one past the highest ever given, cancelled ones included (never reused). */
export function nextRegisterNumber(used: readonly UsedNumber[]): number {
  let max = 0;
  for (const u of used) if (u.number > max) max = u.number;
  return max + 1;
}

export interface SequenceCheck {
  ok: boolean;
  gaps: number[];
  duplicates: number[];
}

/** Checks a register year: numbers 1..max each used exactly once. */
export function checkRegisterSequence(used: readonly UsedNumber[]): SequenceCheck {
  const seen = new Map<number, number>();
  for (const u of used) seen.set(u.number, (seen.get(u.number) ?? 0) + 1);
  const max = nextRegisterNumber(used) - 1;
  const gaps: number[] = [];
  const duplicates: number[] = [];
  for (let n = 1; n <= max; n++) {
    const c = seen.get(n) ?? 0;
    if (c === 0) gaps.push(n);
    if (c > 1) duplicates.push(n);
  }
  return { ok: gaps.length === 0 && duplicates.length === 0, gaps, duplicates };
}

/**
 * A number typed by hand (an award copied in from an older paper register).
 * Must be positive and not already used; returns a Vietnamese reason or null.
 */
export function checkManualRegisterNumber(number: number, year: number, used: readonly UsedNumber[]): string | null {
  if (!Number.isInteger(number) || number < 1) return 'Số vào sổ phải là số nguyên dương.';
  if (used.some((u) => u.number === number)) return `Số vào sổ ${number} năm ${year} đã được dùng; mỗi số chỉ dùng một lần.`;
  return null;
}

/** "Số vào sổ: 12/2026" as printed on the certificate. */
export function formatRegisterNumber(number: number, year: number, code?: string): string {
  return code ? `${String(number).padStart(2, '0')}/${year}/${code}` : `${String(number).padStart(2, '0')}/${year}`;
}
