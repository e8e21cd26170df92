import type { UnitLevel } from '../domain/units.js';

/**
 * Province mode: an office whose root unit is a provincial body (Sở Tư pháp,
 * or the provincial People's Committee) also runs the sync hub in its store
 * process. The unit level chosen in the first-run wizard (or later on the
 * units screen) decides it; there is no separate switch to get out of step.
 */
export const PROVINCE_LEVELS: readonly UnitLevel[] = ['province_department', 'province_committee'];

export function isProvinceLevel(level: string | null | undefined): boolean {
  return PROVINCE_LEVELS.includes(level as UnitLevel);
}

/** Port the province's hub listens on unless the province picks another one. */
export const DEFAULT_HUB_PORT = 8686;
