-- Procedure catalogue (TTHC): procedures with effective-dated versions, the units each version applies to,
-- delegations of competence, internal processes per version and unit, and simplification plans.

-- Identity of a procedure plus a copy of the current version's searchable attributes (kept in step by the
-- service), so the public search reads one narrow table.
CREATE TABLE procedure (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  code text NOT NULL UNIQUE CHECK (code ~ '^\d\.\d{6}$'),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 2000),
  field text NOT NULL,
  levels text[] NOT NULL CHECK (levels <@ ARRAY['PROVINCE','COMMUNE','MINISTRY','OTHER']::text[]),
  online_level text CHECK (online_level IN ('FULL','PARTIAL','NONE')),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- everything searched: code, name and field, accent-free and lower-case
  search text GENERATED ALWAYS AS (search_text(code || ' ' || name || ' ' || field)) STORED,
  -- the ranking key: the name without its customary "Thủ tục" prefix
  name_key text GENERATED ALWAYS AS (regexp_replace(search_text(name), '^\s*thu tuc\s+', '')) STORED
);
CREATE INDEX procedure_search_idx ON procedure USING gin (search gin_trgm_ops);

-- Vocabulary of the searched text (accent-free words), kept by statement triggers: a query word that is no
-- word's prefix is replaced by its nearest words (Levenshtein), which makes the search typo-tolerant without
-- computing a similarity against every procedure.
CREATE EXTENSION IF NOT EXISTS fuzzystrmatch;
CREATE TABLE procedure_term (term text PRIMARY KEY);
CREATE INDEX procedure_term_prefix_idx ON procedure_term (term text_pattern_ops);
CREATE FUNCTION procedure_terms_add() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO procedure_term (term)
    SELECT DISTINCT t FROM new_rows, regexp_split_to_table(new_rows.search, '[^a-z0-9]+') AS t WHERE length(t) >= 2
    ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER procedure_terms_insert AFTER INSERT ON procedure REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION procedure_terms_add();
CREATE TRIGGER procedure_terms_update AFTER UPDATE ON procedure REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION procedure_terms_add();
CREATE INDEX procedure_field_idx ON procedure (field);
CREATE INDEX procedure_levels_idx ON procedure USING gin (levels);

-- One published version of a procedure. A correction on the same effective date supersedes the version it
-- corrects (superseded_at set): superseded versions stay for history but leave the as-of timeline.
CREATE TABLE procedure_version (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL REFERENCES procedure(id),
  seq integer NOT NULL,
  effective_from date NOT NULL,
  effective_to date,
  publication_decision_no text,
  publication_decision_date date,
  name text NOT NULL,
  field text NOT NULL,
  levels text[] NOT NULL,
  level_text text,
  agency text,
  competent_authority text,
  subjects text,
  channels text[] NOT NULL,
  -- per channel: { channel, time: {value, unit} | null, timeText, feeVnd, feeNote, feeText, description }
  methods jsonb NOT NULL,
  processing_time_text text,
  fee_text text,
  -- papers: { name, kind, originals, copies, quantityText, forms[], group, note? }
  documents jsonb NOT NULL,
  document_notes jsonb NOT NULL DEFAULT '[]',
  conditions text,
  result_type text,
  result_codes text[] NOT NULL DEFAULT '{}',
  legal_basis text[] NOT NULL DEFAULT '{}',
  procedure_type text,
  online_level text CHECK (online_level IN ('FULL','PARTIAL','NONE')),
  full_online_eligible boolean,
  cutoff_time time,
  supplement_clock_mode text NOT NULL DEFAULT 'RESTART' CHECK (supplement_clock_mode IN ('PAUSE','RESTART')),
  excluded_periods text[] NOT NULL DEFAULT '{}',
  provenance jsonb,
  parse_warnings text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  superseded_at timestamptz,
  created_at timestamptz NOT NULL DEFAULT now(),
  created_by uuid REFERENCES app_user(id),
  UNIQUE (procedure_id, seq),
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CONSTRAINT procedure_version_no_overlap EXCLUDE USING gist (
    procedure_id WITH =, daterange(effective_from, effective_to, '[]') WITH &&) WHERE (superseded_at IS NULL)
);
CREATE INDEX procedure_version_procedure_idx ON procedure_version (procedure_id, effective_from DESC);

-- The units where a version applies (from the publication decision).
CREATE TABLE procedure_version_unit (
  version_id uuid NOT NULL REFERENCES procedure_version(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  PRIMARY KEY (version_id, unit_id)
);
CREATE INDEX procedure_version_unit_unit_idx ON procedure_version_unit (unit_id, version_id);

-- Delegated competence (ủy quyền / phân cấp), spec one-stop-dossiers §11 c.
CREATE TABLE procedure_delegation (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_id uuid NOT NULL REFERENCES procedure(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  from_unit_id uuid REFERENCES unit(id),
  kind text NOT NULL CHECK (kind IN ('DELEGATION','DECENTRALISATION')),
  decision_no text NOT NULL,
  decision_date date NOT NULL,
  effective_from date NOT NULL,
  effective_to date,
  scope text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (effective_to IS NULL OR effective_to >= effective_from),
  CHECK (from_unit_id IS NULL OR from_unit_id <> unit_id)
);
CREATE INDEX procedure_delegation_unit_idx ON procedure_delegation (unit_id);
CREATE INDEX procedure_delegation_procedure_idx ON procedure_delegation (procedure_id);

-- Internal process (quy trình nội bộ) of a procedure version at a unit; seq numbers its versions.
CREATE TABLE internal_process (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  procedure_version_id uuid NOT NULL REFERENCES procedure_version(id),
  unit_id uuid NOT NULL REFERENCES unit(id),
  seq integer NOT NULL,
  status text NOT NULL CHECK (status IN ('DRAFT','APPROVED','SUPERSEDED')),
  channel text NOT NULL DEFAULT 'direct' CHECK (channel IN ('direct','online','postal')),
  -- ordered steps: { name, role, unitId | unitRule, hours, output, allowSendBack }
  steps jsonb NOT NULL,
  total_hours double precision NOT NULL,
  legal_hours double precision,
  approval_decision_no text,
  approved_at date,
  effective_from date,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (procedure_version_id, unit_id, seq)
);
CREATE UNIQUE INDEX internal_process_one_approved ON internal_process (procedure_version_id, unit_id) WHERE status = 'APPROVED';
CREATE INDEX internal_process_unit_idx ON internal_process (unit_id, status);

-- Simplification plan (phương án đơn giản hóa) for a procedure or an internal process.
CREATE TABLE simplification_plan (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  unit_id uuid NOT NULL REFERENCES unit(id),
  procedure_id uuid NOT NULL REFERENCES procedure(id),
  internal_process_id uuid REFERENCES internal_process(id),
  title text NOT NULL,
  -- { steps, hours, documents, feeVnd, cost: ComplianceCostInput } before and after
  before jsonb NOT NULL,
  after jsonb NOT NULL,
  annual_cost_before bigint NOT NULL,
  annual_cost_after bigint NOT NULL,
  status text NOT NULL DEFAULT 'DRAFT' CHECK (status IN ('DRAFT','PROPOSED','APPROVED','REJECTED','IMPLEMENTED')),
  decision_no text,
  decision_date date,
  note text,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX simplification_plan_unit_idx ON simplification_plan (unit_id, status);
