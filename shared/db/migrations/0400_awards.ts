import type { Migration } from '../migrate.js';

/**
 * Awards and certificates: dated prize data (base salaries, award kinds),
 * registers, decisions and their award lines (which are also the register's
 * entries), certificate templates, per-printer calibration (this device
 * only) and the print log (who printed or reprinted what, when, why).
 * Uniqueness that the law requires is enforced here as well as in the
 * handlers: one decision number per issuer symbol per year, one register
 * number per register per year.
 */
export const migration0400: Migration = {
  id: '0400_awards',
  sql: `
CREATE TABLE base_salaries (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  effective_from date NOT NULL,
  amount bigint NOT NULL CHECK (amount > 0),
  source text NOT NULL,
  confidence text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  UNIQUE (owner_unit_id, effective_from)
);

CREATE TABLE award_registers (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  is_default boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  UNIQUE (owner_unit_id, code)
);

CREATE TABLE award_kinds (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  code text NOT NULL,
  name text NOT NULL,
  category text NOT NULL,
  subject text NOT NULL,
  coefficient numeric(6,3) NOT NULL CHECK (coefficient >= 0),
  valid_from date,
  valid_to date,
  source text NOT NULL,
  confidence text NOT NULL,
  note text,
  register_id text REFERENCES award_registers(id),
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  UNIQUE (owner_unit_id, code)
);

CREATE TABLE award_options (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  rounding_mode text NOT NULL,
  rounding_step integer NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

CREATE TABLE award_decisions (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  status text NOT NULL DEFAULT 'draft',
  number integer,
  symbol text NOT NULL,
  decision_date date NOT NULL,
  year integer NOT NULL,
  place text NOT NULL,
  parent_body text NOT NULL,
  issuer_name text NOT NULL,
  authority_title text NOT NULL,
  sign_mode text NOT NULL,
  sign_head_title text NOT NULL,
  signer_title text NOT NULL,
  signer_name text NOT NULL,
  subject text NOT NULL,
  legal_bases jsonb NOT NULL,
  execution_text text NOT NULL,
  recipients jsonb NOT NULL,
  corrects_decision_id text REFERENCES award_decisions(id),
  correction_note text,
  issued_at timestamptz,
  issued_by text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  CHECK (status IN ('draft', 'issued')),
  CHECK (status = 'draft' OR number IS NOT NULL)
);
CREATE UNIQUE INDEX award_decisions_number_uq ON award_decisions(owner_unit_id, symbol, year, number) WHERE number IS NOT NULL;

CREATE TABLE award_items (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  decision_id text REFERENCES award_decisions(id),
  seq integer NOT NULL,
  recipient_kind text NOT NULL,
  person_id text REFERENCES people(id),
  unit_id text REFERENCES units(id),
  recipient_title text,
  recipient_name text NOT NULL,
  recipient_position text,
  recipient_unit_name text,
  award_kind_id text REFERENCES award_kinds(id),
  award_code text NOT NULL,
  award_name text NOT NULL,
  achievement text NOT NULL,
  coefficient numeric(6,3) NOT NULL,
  base_salary bigint NOT NULL,
  prize_amount bigint NOT NULL,
  register_id text REFERENCES award_registers(id),
  register_year integer,
  register_number integer,
  status text NOT NULL DEFAULT 'draft',
  cancel_reason text,
  cancelled_at timestamptz,
  cancelled_by text,
  historical_decision text,
  historical_date date,
  search_key text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  CHECK (recipient_name <> ''),
  CHECK (status IN ('draft', 'issued', 'cancelled', 'removed')),
  CHECK (status IN ('draft', 'removed') OR (register_number IS NOT NULL AND register_id IS NOT NULL AND register_year IS NOT NULL))
);
CREATE UNIQUE INDEX award_items_register_uq ON award_items(owner_unit_id, register_id, register_year, register_number) WHERE register_number IS NOT NULL;
CREATE INDEX award_items_decision_idx ON award_items(decision_id);
CREATE INDEX award_items_person_idx ON award_items(person_id);
CREATE INDEX award_items_unit_idx ON award_items(unit_id);

CREATE TABLE certificate_templates (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  name text NOT NULL,
  mode text NOT NULL,
  paper text NOT NULL,
  heading text NOT NULL,
  award_codes jsonb NOT NULL,
  border boolean NOT NULL,
  fields jsonb NOT NULL,
  builtin boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);

CREATE TABLE printer_calibrations (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  printer_name text NOT NULL,
  offset_x_mm numeric(6,2) NOT NULL,
  offset_y_mm numeric(6,2) NOT NULL,
  scale numeric(6,4) NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  UNIQUE (owner_unit_id, printer_name)
);

CREATE TABLE certificate_prints (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  item_id text NOT NULL REFERENCES award_items(id),
  kind text NOT NULL,
  reason text,
  printed_by text NOT NULL,
  printed_at timestamptz NOT NULL,
  template_id text NOT NULL,
  printer_name text,
  output text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (kind IN ('print', 'reprint')),
  CHECK (kind = 'print' OR (reason IS NOT NULL AND reason <> ''))
);
CREATE INDEX certificate_prints_item_idx ON certificate_prints(item_id);
`,
};
