CREATE TABLE unit (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL CHECK (code ~ '^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
  short_name text,
  type text NOT NULL CHECK (type IN ('PROVINCE','DISTRICT','WARD','COMMUNE','TOWNSHIP','DEPARTMENT','SERVICE_CENTRE','SERVICE_POINT')),
  parent_id uuid REFERENCES unit(id),
  valid_from date NOT NULL,
  valid_to date,
  statistical_code text,
  legal_basis text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search text GENERATED ALWAYS AS (search_text(code || ' ' || name || ' ' || coalesce(short_name, ''))) STORED,
  CHECK (valid_to IS NULL OR valid_to >= valid_from),
  CHECK (parent_id IS NULL OR parent_id <> id),
  -- an identifier code names one unit at a time; a closed code may be reused later
  CONSTRAINT unit_code_unique_over_time EXCLUDE USING gist (code WITH =, daterange(valid_from, valid_to, '[]') WITH &&)
);
CREATE INDEX unit_parent_idx ON unit (parent_id);
CREATE INDEX unit_search_idx ON unit USING gin (search gin_trgm_ops);
CREATE INDEX unit_validity_idx ON unit USING gist (daterange(valid_from, valid_to, '[]'));

-- Merger, split or other succession between units, as decided by a legal act.
CREATE TABLE unit_succession (
  predecessor_id uuid NOT NULL REFERENCES unit(id),
  successor_id uuid NOT NULL REFERENCES unit(id),
  kind text NOT NULL CHECK (kind IN ('MERGE','SPLIT','RENAME','OTHER')),
  effective_date date NOT NULL,
  legal_basis text,
  PRIMARY KEY (predecessor_id, successor_id),
  CHECK (predecessor_id <> successor_id)
);
CREATE INDEX unit_succession_successor_idx ON unit_succession (successor_id);
