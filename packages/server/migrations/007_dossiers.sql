-- Dossiers (spec one-stop-dossiers §5.2, §6, §12.1, §17): the append-only action log is the truth;
-- `dossier` is its projection (the folded DossierState), rebuilt by foldDossier at any time.
CREATE TABLE dossier (
  id uuid PRIMARY KEY,
  code text NOT NULL UNIQUE,
  unit_id uuid NOT NULL REFERENCES unit(id),
  procedure_code text NOT NULL,
  procedure_version_id uuid REFERENCES procedure_version(id),
  channel text NOT NULL CHECK (channel IN ('COUNTER','ONLINE','POSTAL')),
  state text NOT NULL,
  status_code smallint NOT NULL CHECK (status_code BETWEEN 1 AND 10),
  applicant_name text NOT NULL CHECK (length(applicant_name) BETWEEN 1 AND 300),
  applicant_phone text,
  -- public lookup (§17): only the last four digits of the phone and of the ID number are kept
  phone_last4 text CHECK (phone_last4 ~ '^\d{4}$'),
  id_last4 text CHECK (id_last4 ~ '^\d{4}$'),
  received_at timestamptz,
  due_at timestamptz,
  original_due_at timestamptz,
  rescheduled_due_at timestamptz,
  version integer NOT NULL DEFAULT 1,
  state_json jsonb NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX dossier_unit_idx ON dossier (unit_id, received_at DESC);

-- One row per action; the id is client-supplied (Idempotency-Key) so a retry is recognised.
CREATE TABLE dossier_action (
  id uuid PRIMARY KEY,
  dossier_id uuid NOT NULL REFERENCES dossier(id),
  seq integer NOT NULL,
  type text NOT NULL,
  actor_id uuid REFERENCES app_user(id),
  actor_role text NOT NULL,
  unit_id uuid NOT NULL REFERENCES unit(id),
  at timestamptz NOT NULL,
  payload jsonb NOT NULL,
  recorded_at timestamptz NOT NULL DEFAULT now(),
  UNIQUE (dossier_id, seq)
);

CREATE FUNCTION dossier_action_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'dossier_action is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER dossier_action_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON dossier_action
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_action_is_append_only();

-- Per-unit daily sequence of dossier codes (§12.1), incremented inside the reception transaction:
-- the row lock serialises receptions of one unit and day, and a rollback returns the number.
CREATE TABLE dossier_code_counter (
  unit_id uuid NOT NULL REFERENCES unit(id),
  local_date date NOT NULL,
  last integer NOT NULL CHECK (last >= 1),
  PRIMARY KEY (unit_id, local_date)
);
