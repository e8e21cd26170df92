import type { Migration } from '../migrate.js';

/**
 * A register can be retired (a district's register closed when its office
 * was folded into the commune and province, 1/7/2025): it gives no new
 * numbers, and what it gave stays searchable and verifiable.
 */
export const migration0420: Migration = {
  id: '0420_register_retirement',
  sql: `
ALTER TABLE award_registers ADD COLUMN active boolean NOT NULL DEFAULT true;
`,
};
