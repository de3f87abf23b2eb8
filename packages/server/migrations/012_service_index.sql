-- Live service index (Decision 766) and Biểu 06: per-dossier contributions and their rollups
-- (docs/service-index.md, "Live rollups"). The counter columns are COUNTERS of
-- packages/domain/src/index766/contributions.ts, in the same order (a test compares them).

-- Records whose contributions must be derived again: marked in the writing transaction, drained by the job.
CREATE TABLE index_dirty (
  source text NOT NULL CHECK (source IN ('DOSSIER','LEGACY')),
  record_id uuid NOT NULL,
  marked_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, record_id)
);

CREATE FUNCTION index_mark_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_dirty (source, record_id) VALUES ('DOSSIER', NEW.id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_index_dirty AFTER INSERT OR UPDATE ON dossier
  FOR EACH ROW WHEN (NEW.received_at IS NOT NULL) EXECUTE FUNCTION index_mark_dossier();

CREATE FUNCTION index_mark_rated_dossier() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO index_dirty (source, record_id) VALUES ('DOSSIER', NEW.dossier_id) ON CONFLICT DO NOTHING;
  RETURN NULL;
END $$;
CREATE TRIGGER dossier_rating_index_dirty AFTER INSERT OR UPDATE ON dossier_rating
  FOR EACH ROW EXECUTE FUNCTION index_mark_rated_dossier();

-- The normalized record the index sees (IndexDossier), for the drill-down and from-scratch recomputation.
CREATE TABLE index_record (
  source text NOT NULL CHECK (source IN ('DOSSIER','LEGACY')),
  record_id uuid NOT NULL,
  unit_id uuid NOT NULL REFERENCES unit(id),
  procedure_code text,
  field_code text,
  code text NOT NULL,
  received_at timestamptz NOT NULL,
  first_end_at timestamptz,
  normalized jsonb NOT NULL,
  derived_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (source, record_id)
);
CREATE INDEX index_record_unit_idx ON index_record (unit_id, received_at);

-- One row per contribution: ENDED (month = end month), STRADDLE (month = the boundary), OPEN (pieces of time).
CREATE TABLE index_contribution (
  source text NOT NULL,
  record_id uuid NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ENDED','STRADDLE','OPEN')),
  unit_id uuid NOT NULL,
  procedure_code text NOT NULL DEFAULT '',
  field_code text NOT NULL DEFAULT '',
  received_month date NOT NULL,
  month date,
  valid_from timestamptz,
  valid_to timestamptz,
  n smallint NOT NULL DEFAULT 0,
  rcv_online smallint NOT NULL DEFAULT 0,
  rcv_counter_postal smallint NOT NULL DEFAULT 0,
  rcv_postal smallint NOT NULL DEFAULT 0,
  rcv_channel_unknown smallint NOT NULL DEFAULT 0,
  res_total smallint NOT NULL DEFAULT 0,
  res_early smallint NOT NULL DEFAULT 0,
  res_on_time smallint NOT NULL DEFAULT 0,
  res_overdue smallint NOT NULL DEFAULT 0,
  res_unclassified smallint NOT NULL DEFAULT 0,
  closed_other smallint NOT NULL DEFAULT 0,
  ip_total smallint NOT NULL DEFAULT 0,
  ip_within smallint NOT NULL DEFAULT 0,
  ip_overdue smallint NOT NULL DEFAULT 0,
  ip_unclassified smallint NOT NULL DEFAULT 0,
  avg_count smallint NOT NULL DEFAULT 0,
  avg_ms double precision NOT NULL DEFAULT 0,
  dossier_sync_pass smallint NOT NULL DEFAULT 0,
  dossier_sync_fail smallint NOT NULL DEFAULT 0,
  dossier_sync_unknown smallint NOT NULL DEFAULT 0,
  on_time_rate_pass smallint NOT NULL DEFAULT 0,
  on_time_rate_fail smallint NOT NULL DEFAULT 0,
  on_time_rate_unknown smallint NOT NULL DEFAULT 0,
  full_online_dossier_rate_pass smallint NOT NULL DEFAULT 0,
  full_online_dossier_rate_fail smallint NOT NULL DEFAULT 0,
  full_online_dossier_rate_unknown smallint NOT NULL DEFAULT 0,
  online_submission_rate_pass smallint NOT NULL DEFAULT 0,
  online_submission_rate_fail smallint NOT NULL DEFAULT 0,
  online_submission_rate_unknown smallint NOT NULL DEFAULT 0,
  online_paid_dossier_rate_pass smallint NOT NULL DEFAULT 0,
  online_paid_dossier_rate_fail smallint NOT NULL DEFAULT 0,
  online_paid_dossier_rate_unknown smallint NOT NULL DEFAULT 0,
  original_result_available_pass smallint NOT NULL DEFAULT 0,
  original_result_available_fail smallint NOT NULL DEFAULT 0,
  original_result_available_unknown smallint NOT NULL DEFAULT 0,
  so_hoa_giay_to_giai_quyet_pass smallint NOT NULL DEFAULT 0,
  so_hoa_giay_to_giai_quyet_fail smallint NOT NULL DEFAULT 0,
  so_hoa_giay_to_giai_quyet_unknown smallint NOT NULL DEFAULT 0,
  reused_digitized_data_pass smallint NOT NULL DEFAULT 0,
  reused_digitized_data_fail smallint NOT NULL DEFAULT 0,
  reused_digitized_data_unknown smallint NOT NULL DEFAULT 0,
  synced_with_dvcqg_personal_storage_pass smallint NOT NULL DEFAULT 0,
  synced_with_dvcqg_personal_storage_fail smallint NOT NULL DEFAULT 0,
  synced_with_dvcqg_personal_storage_unknown smallint NOT NULL DEFAULT 0,
  citizen_data_connected_dossier_pass smallint NOT NULL DEFAULT 0,
  citizen_data_connected_dossier_fail smallint NOT NULL DEFAULT 0,
  citizen_data_connected_dossier_unknown smallint NOT NULL DEFAULT 0,
  dossier_receiving_satisfaction_pass smallint NOT NULL DEFAULT 0,
  dossier_receiving_satisfaction_fail smallint NOT NULL DEFAULT 0,
  dossier_receiving_satisfaction_unknown smallint NOT NULL DEFAULT 0,
  FOREIGN KEY (source, record_id) REFERENCES index_record (source, record_id) ON DELETE CASCADE
);
CREATE INDEX index_contribution_record_idx ON index_contribution (source, record_id);
CREATE INDEX index_contribution_open_idx ON index_contribution (valid_from, valid_to) WHERE kind = 'OPEN';

-- Sums of the ENDED and STRADDLE contributions (OPEN ones are summed live: they depend on the hour).
CREATE TABLE index_rollup (
  unit_id uuid NOT NULL,
  procedure_code text NOT NULL,
  field_code text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('ENDED','STRADDLE')),
  received_month date NOT NULL,
  month date NOT NULL,
  n bigint NOT NULL DEFAULT 0,
  rcv_online bigint NOT NULL DEFAULT 0,
  rcv_counter_postal bigint NOT NULL DEFAULT 0,
  rcv_postal bigint NOT NULL DEFAULT 0,
  rcv_channel_unknown bigint NOT NULL DEFAULT 0,
  res_total bigint NOT NULL DEFAULT 0,
  res_early bigint NOT NULL DEFAULT 0,
  res_on_time bigint NOT NULL DEFAULT 0,
  res_overdue bigint NOT NULL DEFAULT 0,
  res_unclassified bigint NOT NULL DEFAULT 0,
  closed_other bigint NOT NULL DEFAULT 0,
  ip_total bigint NOT NULL DEFAULT 0,
  ip_within bigint NOT NULL DEFAULT 0,
  ip_overdue bigint NOT NULL DEFAULT 0,
  ip_unclassified bigint NOT NULL DEFAULT 0,
  avg_count bigint NOT NULL DEFAULT 0,
  avg_ms double precision NOT NULL DEFAULT 0,
  dossier_sync_pass bigint NOT NULL DEFAULT 0,
  dossier_sync_fail bigint NOT NULL DEFAULT 0,
  dossier_sync_unknown bigint NOT NULL DEFAULT 0,
  on_time_rate_pass bigint NOT NULL DEFAULT 0,
  on_time_rate_fail bigint NOT NULL DEFAULT 0,
  on_time_rate_unknown bigint NOT NULL DEFAULT 0,
  full_online_dossier_rate_pass bigint NOT NULL DEFAULT 0,
  full_online_dossier_rate_fail bigint NOT NULL DEFAULT 0,
  full_online_dossier_rate_unknown bigint NOT NULL DEFAULT 0,
  online_submission_rate_pass bigint NOT NULL DEFAULT 0,
  online_submission_rate_fail bigint NOT NULL DEFAULT 0,
  online_submission_rate_unknown bigint NOT NULL DEFAULT 0,
  online_paid_dossier_rate_pass bigint NOT NULL DEFAULT 0,
  online_paid_dossier_rate_fail bigint NOT NULL DEFAULT 0,
  online_paid_dossier_rate_unknown bigint NOT NULL DEFAULT 0,
  original_result_available_pass bigint NOT NULL DEFAULT 0,
  original_result_available_fail bigint NOT NULL DEFAULT 0,
  original_result_available_unknown bigint NOT NULL DEFAULT 0,
  so_hoa_giay_to_giai_quyet_pass bigint NOT NULL DEFAULT 0,
  so_hoa_giay_to_giai_quyet_fail bigint NOT NULL DEFAULT 0,
  so_hoa_giay_to_giai_quyet_unknown bigint NOT NULL DEFAULT 0,
  reused_digitized_data_pass bigint NOT NULL DEFAULT 0,
  reused_digitized_data_fail bigint NOT NULL DEFAULT 0,
  reused_digitized_data_unknown bigint NOT NULL DEFAULT 0,
  synced_with_dvcqg_personal_storage_pass bigint NOT NULL DEFAULT 0,
  synced_with_dvcqg_personal_storage_fail bigint NOT NULL DEFAULT 0,
  synced_with_dvcqg_personal_storage_unknown bigint NOT NULL DEFAULT 0,
  citizen_data_connected_dossier_pass bigint NOT NULL DEFAULT 0,
  citizen_data_connected_dossier_fail bigint NOT NULL DEFAULT 0,
  citizen_data_connected_dossier_unknown bigint NOT NULL DEFAULT 0,
  dossier_receiving_satisfaction_pass bigint NOT NULL DEFAULT 0,
  dossier_receiving_satisfaction_fail bigint NOT NULL DEFAULT 0,
  dossier_receiving_satisfaction_unknown bigint NOT NULL DEFAULT 0,
  PRIMARY KEY (month, kind, unit_id, procedure_code, received_month)
);

-- Job state: the last month boundary the open records were derived past.
CREATE TABLE index_job_state (
  key text PRIMARY KEY,
  value timestamptz NOT NULL
);
