-- Dossier histories brought from a province's former system (docs/dossier-import.md): one row per dossier in the
-- national-portal sync shape (one-stop-dossiers §19), mapped onto a unit and a procedure by code. The service-index
-- rollups read them beside our own dossiers (index_dirty source 'LEGACY').

-- One row per written batch; a dry run or a refused batch writes nothing, so it has no row.
CREATE TABLE legacy_import_batch (
  id uuid PRIMARY KEY,
  source text CHECK (source IS NULL OR length(source) BETWEEN 1 AND 200),
  record_count integer NOT NULL CHECK (record_count > 0),
  -- the distinct units of the batch's records (listing in scope)
  unit_ids uuid[] NOT NULL,
  received_from timestamptz,
  received_to timestamptz,
  imported_by uuid REFERENCES app_user(id),
  imported_by_name text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  request_id text
);
CREATE INDEX legacy_import_batch_imported_at_idx ON legacy_import_batch (imported_at DESC, id DESC);

CREATE TABLE legacy_dossier (
  id uuid PRIMARY KEY,
  -- MaHoSo, trimmed; unique among legacy dossiers (and checked against dossier.code at import)
  code text NOT NULL UNIQUE CHECK (length(code) BETWEEN 1 AND 100),
  unit_id uuid NOT NULL REFERENCES unit(id),
  procedure_code text NOT NULL,
  -- NgayTiepNhan (null: never received)
  received_at timestamptz,
  -- the sync record as given, strings NFC-normalised
  record jsonb NOT NULL,
  batch_id uuid NOT NULL REFERENCES legacy_import_batch(id),
  imported_at timestamptz NOT NULL DEFAULT now(),
  imported_by uuid REFERENCES app_user(id)
);
CREATE INDEX legacy_dossier_unit_idx ON legacy_dossier (unit_id, received_at);
CREATE INDEX legacy_dossier_batch_idx ON legacy_dossier (batch_id);
CREATE INDEX legacy_dossier_procedure_idx ON legacy_dossier (procedure_code);
