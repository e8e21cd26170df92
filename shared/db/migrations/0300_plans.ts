import type { Migration } from '../migrate.js';

/**
 * Plans. The document itself is one jsonb value (shared/plans/model.ts,
 * validated by its zod schema at the boundary); the columns beside it are
 * what lists, numbering and life-cycle checks need. `doc_year` is the
 * calendar year of the signing date: numbers run per issuer per calendar
 * year (NĐ 30/2020 Đ15), and a plan for 2024 is often signed in 12/2023.
 * Issued numbers are unique per owner and year; drafts are checked by the
 * handlers (with a Vietnamese message) before this index is ever reached.
 * plan_deadline_status holds each office's own "done" marks, also for the
 * plans of the office above: on the hub, rows of many offices sit side by
 * side, hence the owner in the key.
 */
export const migration0300: Migration = {
  id: '0300_plans',
  sql: `
CREATE TABLE plans (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  status text NOT NULL,
  year integer NOT NULL,
  doc_year integer NOT NULL,
  number text NOT NULL DEFAULT '',
  symbol text NOT NULL DEFAULT '',
  summary text NOT NULL,
  issuing_body text NOT NULL DEFAULT '',
  theme text,
  parent_plan_id text REFERENCES plans(id),
  revision_of text REFERENCES plans(id),
  revision integer NOT NULL DEFAULT 1,
  source_unit_name text,
  issued_at timestamptz,
  content jsonb NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  CHECK (status IN ('draft', 'issued', 'superseded', 'received'))
);
CREATE INDEX plans_owner_year_idx ON plans(owner_unit_id, year);
CREATE INDEX plans_parent_idx ON plans(parent_plan_id);
CREATE UNIQUE INDEX plans_issued_number_uidx ON plans(owner_unit_id, doc_year, number, symbol) WHERE status = 'issued' AND number <> '';

CREATE TABLE plan_deadline_status (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  plan_id text NOT NULL REFERENCES plans(id),
  deadline_id text NOT NULL,
  done_on date,
  note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  UNIQUE (owner_unit_id, plan_id, deadline_id)
);
`,
};
