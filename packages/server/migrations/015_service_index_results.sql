-- Frozen ("chốt") service-index results (service-index-766 §6: "keep historical results immutable; recomputation
-- creates a new version with a reason"; docs/service-index.md, "Frozen results"). A row is the ranked table of
-- GET /api/v1/service-index for one root unit (the unitId of that table, usually the province) and one finished
-- period, as it was when frozen, with the unit tree as of `as_of`. Versions count from 1 per (root, period); from
-- version 2 on a reason is required. Rows are never changed nor removed: a recomputation is a new version.
CREATE TABLE service_index_result (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  root_unit_id uuid NOT NULL REFERENCES unit(id),
  period_key text NOT NULL CHECK (period_key ~ '^[0-9]{4}(-(0[1-9]|1[0-2])|-Q[1-4]|-H[12])?$'),
  -- the date of the unit tree the table was computed with (GET /service-index ?asOf=)
  as_of date NOT NULL,
  version integer NOT NULL CHECK (version > 0),
  -- why this version was made; required from version 2 on; stored trimmed and NFC-normalised
  reason text CHECK (reason IS NULL OR (reason <> '' AND reason = btrim(reason) AND reason IS NFC NORMALIZED)),
  created_by uuid REFERENCES app_user(id),
  created_by_name text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  -- when the figures were measured (the end of the period)
  measured_at timestamptz NOT NULL,
  -- exactly the answer of GET /api/v1/service-index for that period, unit and date
  payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
  -- sha256 of the canonical JSON of the payload (sorted keys)
  digest text NOT NULL CHECK (digest ~ '^[0-9a-f]{64}$'),
  CHECK (version = 1 OR reason IS NOT NULL),
  UNIQUE (root_unit_id, period_key, version)
);

CREATE FUNCTION service_index_result_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'service_index_result is append-only: a recomputation is a new version'
    USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER service_index_result_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON service_index_result
  FOR EACH STATEMENT EXECUTE FUNCTION service_index_result_is_append_only();
