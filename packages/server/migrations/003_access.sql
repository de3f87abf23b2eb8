CREATE TABLE app_user (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL CHECK (username ~ '^[a-z0-9][a-z0-9._-]{1,63}$'),
  full_name text NOT NULL,
  email text,
  phone text,
  password_hash text,
  active boolean NOT NULL DEFAULT true,
  is_demo boolean NOT NULL DEFAULT false,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  search text GENERATED ALWAYS AS (search_text(username || ' ' || full_name || ' ' || coalesce(email, ''))) STORED
);
CREATE UNIQUE INDEX app_user_username_idx ON app_user (username);
CREATE INDEX app_user_search_idx ON app_user USING gin (search gin_trgm_ops);

CREATE TABLE role_grant (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user(id),
  role text NOT NULL CHECK (role IN ('CITIZEN','COUNTER_OFFICER','SPECIALIST','UNIT_LEADER','INSPECTOR','REFORM_OFFICER','SUPERVISOR','SYSTEM_ADMIN')),
  unit_id uuid NOT NULL REFERENCES unit(id),
  include_subtree boolean NOT NULL DEFAULT false,
  granted_at timestamptz NOT NULL DEFAULT now(),
  granted_by uuid REFERENCES app_user(id),
  revoked_at timestamptz,
  revoked_by uuid REFERENCES app_user(id)
);
CREATE INDEX role_grant_user_idx ON role_grant (user_id) WHERE revoked_at IS NULL;
CREATE INDEX role_grant_unit_idx ON role_grant (unit_id) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX role_grant_active_unique ON role_grant (user_id, role, unit_id) WHERE revoked_at IS NULL;

-- Sessions live in the database so any server process behind a load balancer can serve any request.
CREATE TABLE user_session (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES app_user(id),
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  ip text,
  user_agent text
);
CREATE INDEX user_session_user_idx ON user_session (user_id);
CREATE INDEX user_session_expiry_idx ON user_session (expires_at);

CREATE TABLE api_token (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  user_id uuid NOT NULL REFERENCES app_user(id),
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz,
  last_used_at timestamptz,
  revoked_at timestamptz
);

-- Fixed-window counters shared by every server process (login throttling, public lookups).
CREATE TABLE rate_limit_counter (
  key text PRIMARY KEY,
  window_start timestamptz NOT NULL,
  hits integer NOT NULL
);
