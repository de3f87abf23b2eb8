-- Append-only audit log, hash-chained per entity: each row's hash covers the previous row of the same chain,
-- so writes to different records never queue on one row. Periodic anchors hash every chain head together.
CREATE TABLE audit_log (
  id bigserial PRIMARY KEY,
  chain_key text NOT NULL,
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  actor_id uuid,
  actor_name text,
  unit_id uuid,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  before_digest text,
  after_digest text,
  summary text,
  request_id text,
  prev_hash text,
  hash text NOT NULL,
  UNIQUE (chain_key, seq)
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity_type, entity_id, seq);
CREATE INDEX audit_log_at_idx ON audit_log (at);

CREATE TABLE audit_chain_head (
  chain_key text PRIMARY KEY,
  seq integer NOT NULL,
  hash text NOT NULL,
  anchored_seq integer NOT NULL DEFAULT 0
);
CREATE INDEX audit_chain_head_unanchored_idx ON audit_chain_head (chain_key) WHERE seq > anchored_seq;

-- Anchors form a chain of their own; each pins the heads of the chains written since the previous anchor,
-- so rewriting a whole entity chain consistently is still detected.
CREATE TABLE audit_anchor (
  id bigserial PRIMARY KEY,
  at timestamptz NOT NULL,
  entries jsonb NOT NULL,
  prev_hash text,
  hash text NOT NULL,
  created_by text NOT NULL
);

CREATE FUNCTION audit_log_is_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_is_append_only();
