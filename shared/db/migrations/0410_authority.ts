import type { Migration } from '../migrate.js';

/**
 * Authority rules (who may award what, dated, with source and confidence)
 * and the authority a decision is made under. Rows are seeded from
 * shared/awards/authority.ts on an office's first change to them; until
 * then the defaults are read as they would be written.
 */
export const migration0410: Migration = {
  id: '0410_authority',
  sql: `
CREATE TABLE award_authority_rules (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  code text NOT NULL,
  authorities jsonb NOT NULL,
  award_codes jsonb NOT NULL,
  valid_from date,
  valid_to date,
  local_issue boolean NOT NULL,
  source text NOT NULL,
  confidence text NOT NULL,
  note text,
  configurable boolean NOT NULL,
  enabled boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  UNIQUE (owner_unit_id, code),
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);

ALTER TABLE award_decisions ADD COLUMN authority_kind text;
`,
};
