-- The officer search's accent-free text moves to a table of its own. Every action updates its dossier row, and no
-- such update can be HOT (state, due date and assignee are indexed), so a GIN index on dossier was given every
-- trigram of the row again on each action, and the generated column ran unaccent again: 7–10% of PostgreSQL's
-- CPU under the lifecycle load (docs/performance.md, eleventh look). The text changes only when the dossier gets
-- its code or its applicant or unit changes, so this row is written at reception and rarely after.
CREATE TABLE dossier_search (
  dossier_id uuid PRIMARY KEY REFERENCES dossier(id) ON DELETE CASCADE,
  unit_id uuid NOT NULL,
  search_text text NOT NULL
);

CREATE FUNCTION dossier_search_text(code text, applicant_name text, applicant_phone text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE
  RETURN search_text(coalesce(code, '') || ' ' || applicant_name || ' ' || coalesce(applicant_phone, ''));

-- Statement-level on insert: a batched or bulk insert (the generator, the 10M bench fill) writes its search rows
-- in one statement.
CREATE FUNCTION dossier_search_inserted() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO dossier_search (dossier_id, unit_id, search_text)
  SELECT id, unit_id, dossier_search_text(code, applicant_name, applicant_phone) FROM new_rows;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_search_insert AFTER INSERT ON dossier REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION dossier_search_inserted();

-- Row-level on update, behind a WHEN that an ordinary action never passes.
CREATE FUNCTION dossier_search_updated() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE dossier_search
     SET unit_id = NEW.unit_id, search_text = dossier_search_text(NEW.code, NEW.applicant_name, NEW.applicant_phone)
   WHERE dossier_id = NEW.id;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_search_update AFTER UPDATE ON dossier FOR EACH ROW
  WHEN (OLD.code IS DISTINCT FROM NEW.code OR OLD.applicant_name IS DISTINCT FROM NEW.applicant_name
        OR OLD.applicant_phone IS DISTINCT FROM NEW.applicant_phone OR OLD.unit_id IS DISTINCT FROM NEW.unit_id)
  EXECUTE FUNCTION dossier_search_updated();

INSERT INTO dossier_search (dossier_id, unit_id, search_text)
SELECT id, unit_id, dossier_search_text(code, applicant_name, applicant_phone) FROM dossier;

-- One index on (unit, accent-free text), as migration 011 had it on dossier: the officer search always names a unit.
CREATE INDEX dossier_search_unit_trgm_idx ON dossier_search USING gin (unit_id, search_text gin_trgm_ops);

ALTER TABLE dossier DROP COLUMN search_text;
