-- Working calendar (docs spec "deadlines-calendar" §4–§6): days off and make-up working days as data from
-- the yearly notices, which occasions each year's notices decide, and per-unit office hours and Saturday
-- reception settings, versioned by effective date inside the jsonb.

CREATE TABLE calendar_entry (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- NATIONAL: everyone. PROVINCE: units whose identifier code ends in one of province_codes, or units in
  -- the subtree of scope_unit_ids. UNIT: the subtrees of scope_unit_ids.
  scope_level text NOT NULL CHECK (scope_level IN ('NATIONAL','PROVINCE','UNIT')),
  scope_unit_ids uuid[] NOT NULL DEFAULT '{}',
  province_codes text[] NOT NULL DEFAULT '{}',
  type text NOT NULL CHECK (type IN ('PUBLIC_HOLIDAY','COMPENSATORY_DAY_OFF','SWAP_DAY_OFF','SWAP_WORKDAY','LOCAL_CLOSURE')),
  date date NOT NULL,
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 500),
  legal_basis_no text CHECK (legal_basis_no IS NULL OR length(legal_basis_no) BETWEEN 1 AND 200),
  legal_basis_date date,
  source text,
  paired_date date,
  occasion text CHECK (occasion IN ('NEW_YEAR','LUNAR_NEW_YEAR','HUNG_KINGS_DAY','VICTORY_DAY','LABOUR_DAY','NATIONAL_DAY','VIETNAM_CULTURE_DAY')),
  -- false = a proposal: stored and listed, never applied until an administrator confirms it
  confirmed boolean NOT NULL DEFAULT true,
  origin text NOT NULL CHECK (origin IN ('OFFICIAL','ADMIN')),
  -- shipped reference data only: keeps the loader idempotent, and a deleted official entry stays deleted
  reference_key text UNIQUE,
  published_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  deleted_at timestamptz,
  CHECK (legal_basis_no IS NOT NULL OR source IS NOT NULL),
  CHECK (scope_level = 'NATIONAL' OR cardinality(scope_unit_ids) > 0 OR cardinality(province_codes) > 0),
  CHECK (type <> 'SWAP_WORKDAY' OR extract(isodow FROM date) >= 6),
  CHECK (type <> 'LOCAL_CLOSURE' OR scope_level <> 'NATIONAL')
);
CREATE INDEX calendar_entry_date_idx ON calendar_entry (date) WHERE deleted_at IS NULL;
CREATE INDEX calendar_entry_units_idx ON calendar_entry USING gin (scope_unit_ids) WHERE deleted_at IS NULL;

-- Occasions a year's notices decide: for those the statutory defaults (lunar Tết, 2/9 + adjacent day) are
-- not generated; the notice wins. Other occasions of that year keep their defaults.
CREATE TABLE calendar_year_coverage (
  year integer PRIMARY KEY CHECK (year BETWEEN 1990 AND 2100),
  decided_occasions text[] NOT NULL DEFAULT '{}',
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Office hours and Saturday reception per unit (arrays of versions, validated by the domain zod schemas).
-- A unit without a row (or with null) inherits from its nearest ancestor; the root falls back to defaults.
CREATE TABLE calendar_unit_settings (
  unit_id uuid PRIMARY KEY REFERENCES unit(id),
  office_hours jsonb CHECK (office_hours IS NULL OR jsonb_typeof(office_hours) = 'array'),
  saturday_reception jsonb CHECK (saturday_reception IS NULL OR jsonb_typeof(saturday_reception) = 'array'),
  due_time_mode text CHECK (due_time_mode IN ('SAME_TIME','END_OF_DAY')),
  version integer NOT NULL DEFAULT 1,
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- One row; every calendar edit bumps it in the same transaction, so each server process can tell with one
-- tiny query whether its cached calendars are stale.
CREATE TABLE calendar_revision (
  id integer PRIMARY KEY CHECK (id = 1),
  revision bigint NOT NULL
);
INSERT INTO calendar_revision (id, revision) VALUES (1, 1);
