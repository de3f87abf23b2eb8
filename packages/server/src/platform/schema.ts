import type { ColumnType, Generated } from 'kysely';
import type { CatalogTables } from '../catalog/schema';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;

export interface UnitTable {
  id: Generated<string>;
  code: string;
  name: string;
  short_name: string | null;
  type: string;
  parent_id: string | null;
  valid_from: string;
  valid_to: string | null;
  statistical_code: string | null;
  legal_basis: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface UnitSuccessionTable {
  predecessor_id: string;
  successor_id: string;
  kind: string;
  effective_date: string;
  legal_basis: string | null;
}

export interface AppUserTable {
  id: Generated<string>;
  username: string;
  full_name: string;
  email: string | null;
  phone: string | null;
  password_hash: string | null;
  active: Generated<boolean>;
  is_demo: Generated<boolean>;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
}

export interface RoleGrantTable {
  id: Generated<string>;
  user_id: string;
  role: string;
  unit_id: string;
  include_subtree: boolean;
  granted_at: Generated<Date>;
  granted_by: string | null;
  revoked_at: Date | null;
  revoked_by: string | null;
}

export interface UserSessionTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: Generated<Date>;
  expires_at: Date;
  last_seen_at: Timestamp;
  ip: string | null;
  user_agent: string | null;
}

export interface ApiTokenTable {
  id: Generated<string>;
  user_id: string;
  name: string;
  token_hash: string;
  created_at: Generated<Date>;
  expires_at: Date | null;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface RateLimitCounterTable {
  key: string;
  window_start: Date;
  hits: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  chain_key: string;
  seq: number;
  at: Date;
  actor_id: string | null;
  actor_name: string | null;
  unit_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string;
  before_digest: string | null;
  after_digest: string | null;
  summary: string | null;
  request_id: string | null;
  prev_hash: string | null;
  hash: string;
}

export interface AuditChainHeadTable {
  chain_key: string;
  seq: number;
  hash: string;
  anchored_seq: Generated<number>;
}

export interface AuditAnchorTable {
  id: Generated<number>;
  at: Date;
  entries: ColumnType<AnchorEntry[], string, string>;
  prev_hash: string | null;
  hash: string;
  created_by: string;
}

export interface AnchorEntry {
  chainKey: string;
  seq: number;
  hash: string;
}

export interface CalendarEntryTable {
  id: Generated<string>;
  scope_level: string;
  scope_unit_ids: Generated<string[]>;
  province_codes: Generated<string[]>;
  type: string;
  date: string;
  name: string;
  legal_basis_no: string | null;
  legal_basis_date: string | null;
  source: string | null;
  paired_date: string | null;
  occasion: string | null;
  confirmed: Generated<boolean>;
  origin: string;
  reference_key: string | null;
  published_at: Date | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  deleted_at: Date | null;
}

export interface CalendarYearCoverageTable {
  year: number;
  decided_occasions: string[];
  updated_at: Timestamp;
}

export interface CalendarUnitSettingsTable {
  unit_id: string;
  office_hours: ColumnType<unknown[] | null, string | null, string | null>;
  saturday_reception: ColumnType<unknown[] | null, string | null, string | null>;
  due_time_mode: string | null;
  version: Generated<number>;
  updated_at: Timestamp;
}

export interface CalendarRevisionTable {
  id: number;
  revision: number;
}

export interface Database extends CatalogTables {
  unit: UnitTable;
  unit_succession: UnitSuccessionTable;
  app_user: AppUserTable;
  role_grant: RoleGrantTable;
  user_session: UserSessionTable;
  api_token: ApiTokenTable;
  rate_limit_counter: RateLimitCounterTable;
  audit_log: AuditLogTable;
  audit_chain_head: AuditChainHeadTable;
  audit_anchor: AuditAnchorTable;
  calendar_entry: CalendarEntryTable;
  calendar_year_coverage: CalendarYearCoverageTable;
  calendar_unit_settings: CalendarUnitSettingsTable;
  calendar_revision: CalendarRevisionTable;
}

// Legacy dossier import (migration 013, src/dossierImport): merged into Database above.
export interface LegacyImportBatchTable {
  id: string;
  source: string | null;
  record_count: number;
  unit_ids: string[];
  received_from: Date | null;
  received_to: Date | null;
  imported_by: string | null;
  imported_by_name: string;
  imported_at: Generated<Date>;
  request_id: string | null;
}

export interface LegacyDossierTable {
  id: string;
  code: string;
  unit_id: string;
  procedure_code: string;
  received_at: Date | null;
  record: ColumnType<Record<string, unknown>, string, string>;
  batch_id: string;
  imported_at: Generated<Date>;
  imported_by: string | null;
}

export interface Database {
  legacy_import_batch: LegacyImportBatchTable;
  legacy_dossier: LegacyDossierTable;
}

// Service-index settings per province (migration 014, src/serviceIndex/settings.ts): merged into Database above.
export interface ServiceIndexSettingsTable {
  root_unit_id: string;
  /** The stored overrides (indexSettingsOverridesSchema), not the effective settings. */
  settings: ColumnType<Record<string, unknown>, string, string>;
  version: Generated<number>;
  updated_by: string | null;
  updated_at: Generated<Date>;
}

export interface Database {
  service_index_settings: ServiceIndexSettingsTable;
}

// Frozen service-index results (migration 015, src/serviceIndex/results.ts): append-only versions.
export interface ServiceIndexResultTable {
  id: Generated<number>;
  root_unit_id: string;
  period_key: string;
  as_of: string;
  version: number;
  reason: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
  measured_at: Date;
  payload: ColumnType<Record<string, unknown>, string, never>;
  digest: string;
}

export interface Database {
  service_index_result: ServiceIndexResultTable;
}
