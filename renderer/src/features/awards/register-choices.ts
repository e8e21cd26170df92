import type { AwardRegister } from '../../../../shared/awards/types.js';

/**
 * The registers an award kind may number into, for a select: those in use, plus the one it
 * already names (so the select never shows an empty value), labelled by code and name.
 */
export function registerChoices(registers: readonly AwardRegister[], currentId: string | null): { value: string; label: string }[] {
  return registers.filter((r) => r.active || r.id === currentId).map((r) => ({ value: r.id, label: `${r.code} — ${r.name}` }));
}
