-- Accent-insensitive search (unaccent maps đ/Đ to d/D) and trigram indexes; btree_gist for effective-dated uniqueness.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS btree_gist;

-- IMMUTABLE wrapper so it can be used in generated columns and indexes (unaccent() itself is STABLE).
CREATE OR REPLACE FUNCTION search_text(value text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, value)) $$;
