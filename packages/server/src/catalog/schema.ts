import type { ColumnType, Generated } from 'kysely';

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type Json<T = unknown> = ColumnType<T, string, string>;

export interface ProcedureTable {
  id: Generated<string>;
  code: string;
  name: string;
  field: string;
  levels: string[];
  online_level: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
  search: ColumnType<string, never, never>;
  name_key: ColumnType<string, never, never>;
}

export interface ProcedureVersionTable {
  id: Generated<string>;
  procedure_id: string;
  seq: number;
  effective_from: string;
  effective_to: string | null;
  publication_decision_no: string | null;
  publication_decision_date: string | null;
  name: string;
  field: string;
  levels: string[];
  level_text: string | null;
  agency: string | null;
  competent_authority: string | null;
  subjects: string | null;
  channels: string[];
  methods: Json;
  processing_time_text: string | null;
  fee_text: string | null;
  documents: Json;
  document_notes: Json;
  conditions: string | null;
  result_type: string | null;
  result_codes: string[];
  legal_basis: string[];
  procedure_type: string | null;
  online_level: string | null;
  full_online_eligible: boolean | null;
  cutoff_time: string | null;
  supplement_clock_mode: string;
  excluded_periods: string[];
  provenance: Json | null;
  parse_warnings: string[];
  content_hash: string;
  superseded_at: Date | null;
  created_at: Generated<Date>;
  created_by: string | null;
}

export interface ProcedureVersionUnitTable {
  version_id: string;
  unit_id: string;
}

export interface ProcedureDelegationTable {
  id: Generated<string>;
  procedure_id: string;
  unit_id: string;
  from_unit_id: string | null;
  kind: string;
  decision_no: string;
  decision_date: string;
  effective_from: string;
  effective_to: string | null;
  scope: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface InternalProcessTable {
  id: Generated<string>;
  procedure_version_id: string;
  unit_id: string;
  seq: number;
  status: string;
  channel: string;
  steps: Json;
  total_hours: ColumnType<number, number, number>;
  legal_hours: ColumnType<number | null, number | null, number | null>;
  approval_decision_no: string | null;
  approved_at: string | null;
  effective_from: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

export interface SimplificationPlanTable {
  id: Generated<string>;
  unit_id: string;
  procedure_id: string;
  internal_process_id: string | null;
  title: string;
  before: Json;
  after: Json;
  annual_cost_before: ColumnType<number, number, number>;
  annual_cost_after: ColumnType<number, number, number>;
  status: Generated<string>;
  decision_no: string | null;
  decision_date: string | null;
  note: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Timestamp;
}

/** The catalogue's tables, merged into the application's Database type. */
export interface CatalogTables {
  procedure: ProcedureTable;
  procedure_version: ProcedureVersionTable;
  procedure_version_unit: ProcedureVersionUnitTable;
  procedure_delegation: ProcedureDelegationTable;
  internal_process: InternalProcessTable;
  simplification_plan: SimplificationPlanTable;
}
