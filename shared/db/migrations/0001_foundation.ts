import type { Migration } from '../migrate.js';

/**
 * Foundation: settings, units, people, local users, the outbox and the audit
 * log. SQL kept to what PostgreSQL 15 and PGlite (PostgreSQL 18) both run.
 * Every domain row carries owner_unit_id (single writer per row) and a
 * version that increases by one on each write (what the outbox ships).
 */
export const migration0001: Migration = {
  id: '0001_foundation',
  sql: `
CREATE TABLE settings (
  key text PRIMARY KEY,
  value jsonb NOT NULL,
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE units (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  parent_id text REFERENCES units(id),
  name text NOT NULL,
  short_name text,
  level text NOT NULL,
  parent_name text,
  province text,
  place_name text,
  valid_from date,
  valid_to date,
  status text NOT NULL DEFAULT 'active',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text,
  CHECK (valid_to IS NULL OR valid_from IS NULL OR valid_to >= valid_from)
);
CREATE INDEX units_parent_idx ON units(parent_id);
CREATE INDEX units_owner_idx ON units(owner_unit_id);

CREATE TABLE people (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  unit_id text NOT NULL REFERENCES units(id),
  full_name text NOT NULL,
  gender text NOT NULL,
  birth_date date,
  position text,
  staff_category text NOT NULL,
  start_date date,
  status text NOT NULL DEFAULT 'working',
  note text,
  search_key text NOT NULL,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  updated_by text
);
CREATE INDEX people_unit_idx ON people(unit_id);
CREATE INDEX people_owner_idx ON people(owner_unit_id);

CREATE TABLE users (
  id text PRIMARY KEY,
  owner_unit_id text NOT NULL,
  username text NOT NULL UNIQUE,
  display_name text NOT NULL,
  password_hash text NOT NULL,
  role text NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE outbox (
  seq bigserial PRIMARY KEY,
  table_name text NOT NULL,
  row_id text NOT NULL,
  owner_unit_id text NOT NULL,
  version integer NOT NULL,
  op text NOT NULL,
  payload jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (table_name, row_id, version)
);

CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  user_id text,
  user_name text NOT NULL,
  action text NOT NULL,
  table_name text,
  row_id text,
  detail jsonb NOT NULL DEFAULT '{}'::jsonb
);
CREATE INDEX audit_row_idx ON audit_log(table_name, row_id);
`,
};
