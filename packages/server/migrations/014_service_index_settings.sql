-- Settings of the service index per province (docs/service-index.md, "Settings per province"): the overrides of
-- DEFAULT_INDEX_SETTINGS (packages/domain/src/index766/settings.ts) a province stores for the rules the spec marks
-- unconfirmed. Only a root unit (parent_id IS NULL) holds a row; no row = the defaults. Every write is versioned
-- (If-Match) and audited (audit_log, entity_type 'service_index_settings', entity_id = the root unit id).
CREATE TABLE service_index_settings (
  root_unit_id uuid PRIMARY KEY REFERENCES unit(id),
  -- the stored overrides only (indexSettingsOverridesSchema), not the effective settings
  settings jsonb NOT NULL CHECK (jsonb_typeof(settings) = 'object'),
  version integer NOT NULL DEFAULT 1 CHECK (version > 0),
  updated_by uuid REFERENCES app_user(id),
  updated_at timestamptz NOT NULL DEFAULT now()
);
