-- Every action rewrites the dossier's folded state (≈ 4 kB of JSON, stored out of line) and the next action reads
-- it back: lz4 compresses and decompresses it in about half the time of the default pglz (docs/performance.md,
-- eleventh look). A server built without lz4 (the embedded PostgreSQL's binaries) keeps pglz: only the stored
-- bytes differ, values of either method stay readable, and a value keeps its method until it is rewritten.
DO $$
BEGIN
  ALTER TABLE dossier ALTER COLUMN state_json SET COMPRESSION lz4;
EXCEPTION WHEN feature_not_supported THEN
  RAISE NOTICE 'lz4 is not available on this server: dossier.state_json stays compressed with pglz';
END $$;
