-- The officer search always names a unit: one index on (unit, accent-free text) lets PostgreSQL intersect the two
-- instead of combining a unit's rows with trigram entries that cover millions of rows (bench/dossier-queue.bench.ts:
-- p95 447 ms → 46 ms with 10,000,000 dossiers).
CREATE EXTENSION IF NOT EXISTS btree_gin;
CREATE INDEX dossier_unit_search_trgm_idx ON dossier USING gin (unit_id, search_text gin_trgm_ops);
DROP INDEX dossier_search_trgm_idx;
