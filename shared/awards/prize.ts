import type { BaseSalary, RoundingMode } from './types.js';

/**
 * Prize money (R-MONEY-01): coefficient × base salary in force on the
 * decision date, rounded to a step (10.000 đ) by a configurable mode. The
 * decree says "làm tròn số lên" (up) but a published example rounded to the
 * nearest, so the mode is data (default ceiling).
 */

export interface PrizeResult {
  amount: number;
  baseSalary: number;
  baseSalaryFrom: string;
  coefficient: number;
  /** Why this amount: human-readable Vietnamese, shown beside the figure. */
  reason: string;
}

export type PrizeOutcome = { ok: true; value: PrizeResult } | { ok: false; reason: string };

/** The base salary in force on a date: the latest row whose effective date is on or before it. */
export function baseSalaryAt(table: readonly Pick<BaseSalary, 'effectiveFrom' | 'amount'>[], date: string): Pick<BaseSalary, 'effectiveFrom' | 'amount'> | null {
  let best: Pick<BaseSalary, 'effectiveFrom' | 'amount'> | null = null;
  for (const row of table) {
    if (row.effectiveFrom <= date && (!best || row.effectiveFrom > best.effectiveFrom)) best = row;
  }
  return best;
}

export function roundPrize(raw: number, mode: RoundingMode, step: number): number {
  // Work in whole đồng first so 0.3 × 2.340.000 = 702000 and not 701999.9999.
  const units = Math.round(raw) / step;
  const eps = 1e-9;
  if (mode === 'ceil') return Math.ceil(units - eps) * step;
  if (mode === 'floor') return Math.floor(units + eps) * step;
  return Math.round(units) * step;
}

export function formatMoney(amount: number): string {
  return `${String(Math.round(amount)).replace(/\B(?=(\d{3})+(?!\d))/gu, '.')} đồng`;
}

export function computePrize(
  coefficient: number,
  date: string,
  salaries: readonly Pick<BaseSalary, 'effectiveFrom' | 'amount'>[],
  rounding: { mode: RoundingMode; step: number },
): PrizeOutcome {
  if (!(coefficient >= 0)) return { ok: false, reason: 'Hệ số tiền thưởng không hợp lệ.' };
  const base = baseSalaryAt(salaries, date);
  if (!base) return { ok: false, reason: `Chưa có mức lương cơ sở áp dụng cho ngày ${date.split('-').reverse().join('/')}; hãy bổ sung bảng lương cơ sở.` };
  const raw = coefficient * base.amount;
  const amount = roundPrize(raw, rounding.mode, rounding.step);
  const modeText = rounding.mode === 'ceil' ? 'làm tròn lên' : rounding.mode === 'floor' ? 'làm tròn xuống' : 'làm tròn';
  const coef = String(coefficient).replace('.', ',');
  return {
    ok: true,
    value: {
      amount,
      baseSalary: base.amount,
      baseSalaryFrom: base.effectiveFrom,
      coefficient,
      reason: `${coef} × ${formatMoney(base.amount)} (lương cơ sở từ ${base.effectiveFrom.split('-').reverse().join('/')}) = ${formatMoney(Math.round(raw))}, ${modeText} đến ${formatMoney(rounding.step)} → ${formatMoney(amount)}`,
    },
  };
}
