-- The whole lifecycle (spec one-stop-dossiers §5–§9, §14.1, §16): online submissions exist before reception (no
-- code yet), the applicant's details are kept for the statutory forms, the current step's assignee drives the queues.
ALTER TABLE dossier ALTER COLUMN code DROP NOT NULL;
ALTER TABLE dossier
  -- { type, name, idNumber, birthDate, address, phone, email, proxy: { name, idNumber, phone, email, address,
  --   authorisationRef } | null }: printed on the forms, never exposed by the public lookup
  ADD COLUMN applicant jsonb NOT NULL DEFAULT '{}'::jsonb,
  ADD COLUMN summary text,
  ADD COLUMN set_count integer NOT NULL DEFAULT 1 CHECK (set_count BETWEEN 1 AND 100),
  -- the procedure's papers as ticked at the counter: [{ index, name, kind, copies, provided }]
  ADD COLUMN papers jsonb NOT NULL DEFAULT '[]'::jsonb,
  ADD COLUMN submitted_by uuid REFERENCES app_user(id),
  ADD COLUMN received_by uuid REFERENCES app_user(id),
  ADD COLUMN assignee_id uuid REFERENCES app_user(id),
  ADD COLUMN resolved_at timestamptz,
  ADD COLUMN delivered_at timestamptz,
  -- accent-free lower-case code, applicant name and phone, for the officer search
  ADD COLUMN search_text text GENERATED ALWAYS AS
    (search_text(coalesce(code, '') || ' ' || applicant_name || ' ' || coalesce(applicant_phone, ''))) STORED;

CREATE INDEX dossier_assignee_queue_idx ON dossier (assignee_id, due_at) WHERE assignee_id IS NOT NULL;
CREATE INDEX dossier_unit_state_idx ON dossier (unit_id, state, due_at);
CREATE INDEX dossier_submitted_by_idx ON dossier (submitted_by, created_at DESC) WHERE submitted_by IS NOT NULL;
CREATE INDEX dossier_search_trgm_idx ON dossier USING gin (search_text gin_trgm_ops);

-- One rating per delivered dossier (§16): three levels and optional criteria of the legacy list.
CREATE TABLE dossier_rating (
  dossier_id uuid PRIMARY KEY REFERENCES dossier(id),
  level text NOT NULL CHECK (level IN ('VERY_SATISFIED','SATISFIED','DISSATISFIED')),
  criteria jsonb NOT NULL DEFAULT '[]'::jsonb,
  comment text CHECK (length(comment) <= 2000),
  channel text NOT NULL CHECK (channel IN ('PUBLIC_LOOKUP','ACCOUNT','COUNTER_DEVICE')),
  rater_is_applicant boolean NOT NULL DEFAULT true,
  rated_at timestamptz NOT NULL DEFAULT now()
);

-- Officer search by code prefix ("000.00.L7.H26-2611…").
CREATE INDEX dossier_code_prefix_idx ON dossier (code text_pattern_ops);
