// Catalog of administrative procedures, for the public portal (search, detail) and the admin pages:
// procedures and versions, internal processes, delegations, simplification plans, import/export.
// The wire types are the domain's own (packages/domain/src/catalog/types.ts, schemas/catalog.ts),
// imported as types only, so no domain or zod code reaches the bundle.
import type { ComplianceCostInput } from '@motcua/domain/catalog/complianceCost';
import type {
  DelegationKind,
  DocumentKind,
  ExcludedPeriodKind,
  OnlineLevel,
  ProcedureChannel,
  ProcedureDocument,
  ProcedureLevel,
  ProcedureMethod,
  SimplificationStatus,
  SupplementClockMode,
  TimeLimit,
  TimeUnit,
  UnitRule,
} from '@motcua/domain/catalog/types';
import type * as schemas from '@motcua/domain/schemas/catalog';
import { api } from './client';
import { uploadForm } from './upload';
import type { IsoDate, Page } from './types';
import type { Out } from './schemaTypes';

export type {
  DelegationKind,
  DocumentKind,
  OnlineLevel,
  ProcedureDocument,
  ProcedureLevel,
  ProcedureMethod,
  TimeLimit,
  TimeUnit,
  UnitRule,
};
export type Channel = ProcedureChannel;
export type ExcludedPeriod = ExcludedPeriodKind;
export type SupplementMode = SupplementClockMode;
export type PlanStatus = SimplificationStatus;
export type ComplianceCost = ComplianceCostInput;

// Option lists for the forms and filters, in display order.
export const PROCEDURE_LEVELS = [
  'PROVINCE',
  'COMMUNE',
  'MINISTRY',
  'OTHER',
] as const satisfies readonly ProcedureLevel[];
export const CHANNELS = ['direct', 'online', 'postal'] as const satisfies readonly Channel[];
export const ONLINE_LEVELS = ['FULL', 'PARTIAL', 'NONE'] as const satisfies readonly OnlineLevel[];
/** Search filter: a level, or `UNKNOWN` for procedures whose level the source does not state. */
export type OnlineLevelFilter = OnlineLevel | 'UNKNOWN';
export const ONLINE_LEVEL_FILTERS: OnlineLevelFilter[] = [...ONLINE_LEVELS, 'UNKNOWN'];
export const TIME_UNITS = [
  'working_days',
  'working_hours',
  'calendar_days',
  'hours',
  'months',
  'same_day',
] as const satisfies readonly TimeUnit[];
export const DOCUMENT_KINDS = [
  'ORIGINAL',
  'COPY',
  'CERTIFIED_COPY',
  'PHOTOCOPY',
  'ORIGINAL_AND_COPY',
] as const satisfies readonly DocumentKind[];
export const EXCLUDED_PERIODS = [
  'FINANCIAL_OBLIGATION',
  'CITIZEN_SUPPLEMENT',
  'FIELD_VERIFICATION',
  'PUBLIC_POSTING',
  'BOUNDARY_SIGNING',
] as const satisfies readonly ExcludedPeriod[];
export const SUPPLEMENT_MODES = ['PAUSE', 'RESTART'] as const satisfies readonly SupplementMode[];
export const UNIT_RULES = [
  'RECEIVING_UNIT',
  'RECEIVING_COMMUNE',
  'COMPETENT_BODY',
  'SERVICE_CENTRE',
] as const satisfies readonly UnitRule[];
export const DELEGATION_KINDS = ['DELEGATION', 'DECENTRALISATION'] as const satisfies readonly DelegationKind[];
export const PLAN_STATUSES = [
  'DRAFT',
  'PROPOSED',
  'APPROVED',
  'REJECTED',
  'IMPLEMENTED',
] as const satisfies readonly PlanStatus[];
/** Transitions the admin UI offers (a subset of the domain's simplificationTransitions: no way back to DRAFT). */
export const PLAN_TRANSITIONS: Record<PlanStatus, PlanStatus[]> = {
  DRAFT: ['PROPOSED'],
  PROPOSED: ['APPROVED', 'REJECTED'],
  APPROVED: ['IMPLEMENTED'],
  REJECTED: [],
  IMPLEMENTED: [],
};

export type ProcedureVersionInput = schemas.ProcedureVersionInput;

export type ProcedureSummary = Out<typeof schemas.procedureSummary>;
export type ProcedureVersionInfo = Out<typeof schemas.procedureVersionInfo>;
export type Delegation = Out<typeof schemas.delegation>;
/** `provenance` is sent by the server but not used by the web app. */
export type ProcedureDetail = Omit<Out<typeof schemas.procedureDetail>, 'provenance'>;

export interface ProcedureListParams {
  q?: string;
  field?: string;
  level?: ProcedureLevel;
  unitId?: string;
  onlineLevel?: OnlineLevelFilter;
  limit?: number;
  cursor?: string | null;
}

export type ImportRecordReport = Out<typeof schemas.importRecordReport>;
export type ImportReport = Out<typeof schemas.importReport>;

export type InternalProcess = Out<typeof schemas.internalProcess>;
export type ProcessStep = InternalProcess['steps'][number];
export type MissingProcessReport = Out<typeof schemas.missingProcessReport>;

export type PlanSide = Out<typeof schemas.simplificationSide>;
export type SimplificationPlan = Out<typeof schemas.simplificationPlan>;
export interface PlanInput {
  unitId: string;
  procedureCode: string;
  internalProcessId?: string | null;
  title: string;
  before: PlanSide;
  after: PlanSide;
  note?: string | null;
}
export type SimplificationSummary = Out<typeof schemas.simplificationSummary>;

const enc = encodeURIComponent;
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

export const catalogApi = {
  /** The minimum of a new procedure; the server fills every other field with its documented default. */
  create: (body: {
    code: string;
    name: string;
    field: string;
    levels: ProcedureLevel[];
    methods: ProcedureMethod[];
    documents: ProcedureDocument[];
    effectiveFrom: string;
    publicationDecisionNo: string | null;
  }) => api.post<ProcedureDetail>('/procedures', body),
  list: (p: ProcedureListParams, signal?: AbortSignal) =>
    api.get<Page<ProcedureSummary>>('/procedures', { ...p }, signal),
  fields: (level?: ProcedureLevel, signal?: AbortSignal) =>
    api.get<{ items: { field: string; count: number }[] }>('/procedures/fields', { level }, signal),
  get: (code: string, asOf?: IsoDate, signal?: AbortSignal) =>
    api.get<ProcedureDetail>(`/procedures/${enc(code)}`, { asOf }, signal),
  versions: (code: string) =>
    api.get<{ code: string; version: number; items: ProcedureVersionInfo[] }>(`/procedures/${enc(code)}/versions`),
  addVersion: (code: string, version: number, body: ProcedureVersionInput) =>
    api.postWith<ProcedureDetail>(`/procedures/${enc(code)}/versions`, body, { headers: ifMatch(version) }),
  setVersionUnits: (code: string, seq: number, version: number, unitIds: string[]) =>
    api.put<ProcedureDetail>(`/procedures/${enc(code)}/versions/${seq}/units`, { unitIds }, ifMatch(version)),

  delegations: (code: string) => api.get<{ items: Delegation[] }>(`/procedures/${enc(code)}/delegations`),
  createDelegation: (code: string, body: schemas.CreateDelegationInput) =>
    api.post<Delegation>(`/procedures/${enc(code)}/delegations`, body),
  updateDelegation: (id: string, version: number, body: schemas.UpdateDelegationInput) =>
    api.patch<Delegation>(`/procedure-delegations/${enc(id)}`, body, ifMatch(version)),

  importFile: (file: File, dryRun: boolean, onProgress?: (fraction: number) => void) =>
    uploadForm<ImportReport>(`/procedures/import?dryRun=${dryRun}`, fileForm(file), onProgress),
  exportUrl: (unitId: string) => `/api/v1/units/${enc(unitId)}/procedures.xlsx`,

  processes: (code: string, unitId?: string) =>
    api.get<{ items: InternalProcess[] }>(`/procedures/${enc(code)}/internal-processes`, { unitId }),
  createProcess: (
    code: string,
    body: { unitId: string; versionSeq?: number; channel: Channel; steps: ProcessStep[] },
  ) => api.post<InternalProcess>(`/procedures/${enc(code)}/internal-processes`, body),
  updateProcess: (id: string, version: number, body: { steps: ProcessStep[]; channel?: Channel }) =>
    api.patch<InternalProcess>(`/internal-processes/${enc(id)}`, body, ifMatch(version)),
  approveProcess: (
    id: string,
    version: number,
    body: { approvalDecisionNo: string; approvedAt: IsoDate; effectiveFrom: IsoDate },
  ) => api.postWith<InternalProcess>(`/internal-processes/${enc(id)}/approve`, body, { headers: ifMatch(version) }),
  missingProcesses: (unitId: string, asOf?: IsoDate) =>
    api.get<MissingProcessReport>(`/units/${enc(unitId)}/reports/procedures-without-internal-process`, { asOf }),

  plans: (p: { unitId?: string; status?: PlanStatus; limit?: number; cursor?: string | null }) =>
    api.get<Page<SimplificationPlan>>('/simplification-plans', { ...p }),
  plan: (id: string) => api.get<SimplificationPlan>(`/simplification-plans/${enc(id)}`),
  createPlan: (body: PlanInput) => api.post<SimplificationPlan>('/simplification-plans', body),
  updatePlan: (id: string, version: number, body: Partial<Omit<PlanInput, 'unitId' | 'procedureCode'>>) =>
    api.patch<SimplificationPlan>(`/simplification-plans/${enc(id)}`, body, ifMatch(version)),
  transitionPlan: (
    id: string,
    version: number,
    body: { to: PlanStatus; decisionNo?: string | null; decisionDate?: IsoDate | null; note?: string | null },
  ) =>
    api.postWith<SimplificationPlan>(`/simplification-plans/${enc(id)}/transitions`, body, {
      headers: ifMatch(version),
    }),
  summary: (unitId: string, from: IsoDate, to: IsoDate) =>
    api.get<SimplificationSummary>(`/units/${enc(unitId)}/simplification-summary`, { from, to }),
};

/** Working hours per working day used by the server's budget check (domain/catalog/budget.ts). */
// The budget rule is the domain's, so the live bar in the step editor and the server's check agree.
export { WORKING_HOURS_PER_DAY, legalTimeOf, legalWorkingHours } from '@motcua/domain/catalog/budget';

function fileForm(file: File): FormData {
  const form = new FormData();
  form.append('file', file, file.name);
  return form;
}
