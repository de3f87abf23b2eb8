// Catalog of administrative procedures: procedures and versions, internal processes, delegations,
// simplification plans, import/export. Types mirror packages/domain/src/schemas/catalog.ts.
import { ApiError, api, getCsrfToken } from './client';
import type { IsoDate, Page, Problem, Role } from './types';

export const PROCEDURE_LEVELS = ['PROVINCE', 'COMMUNE', 'MINISTRY', 'OTHER'] as const;
export type ProcedureLevel = (typeof PROCEDURE_LEVELS)[number];
export const CHANNELS = ['direct', 'online', 'postal'] as const;
export type Channel = (typeof CHANNELS)[number];
export const ONLINE_LEVELS = ['FULL', 'PARTIAL', 'NONE'] as const;
export type OnlineLevel = (typeof ONLINE_LEVELS)[number];
export const TIME_UNITS = ['working_days', 'working_hours', 'calendar_days', 'hours', 'months', 'same_day'] as const;
export type TimeUnit = (typeof TIME_UNITS)[number];
export const DOCUMENT_KINDS = ['ORIGINAL', 'COPY', 'CERTIFIED_COPY', 'PHOTOCOPY', 'ORIGINAL_AND_COPY'] as const;
export type DocumentKind = (typeof DOCUMENT_KINDS)[number];
export const EXCLUDED_PERIODS = ['FINANCIAL_OBLIGATION', 'CITIZEN_SUPPLEMENT', 'FIELD_VERIFICATION', 'PUBLIC_POSTING', 'BOUNDARY_SIGNING'] as const;
export type ExcludedPeriod = (typeof EXCLUDED_PERIODS)[number];
export const SUPPLEMENT_MODES = ['PAUSE', 'RESTART'] as const;
export type SupplementMode = (typeof SUPPLEMENT_MODES)[number];
export const UNIT_RULES = ['RECEIVING_UNIT', 'RECEIVING_COMMUNE', 'COMPETENT_BODY', 'SERVICE_CENTRE'] as const;
export type UnitRule = (typeof UNIT_RULES)[number];
export const DELEGATION_KINDS = ['DELEGATION', 'DECENTRALISATION'] as const;
export type DelegationKind = (typeof DELEGATION_KINDS)[number];
export const PLAN_STATUSES = ['DRAFT', 'PROPOSED', 'APPROVED', 'REJECTED', 'IMPLEMENTED'] as const;
export type PlanStatus = (typeof PLAN_STATUSES)[number];
export const PLAN_TRANSITIONS: Record<PlanStatus, PlanStatus[]> = {
  DRAFT: ['PROPOSED'],
  PROPOSED: ['APPROVED', 'REJECTED'],
  APPROVED: ['IMPLEMENTED'],
  REJECTED: [],
  IMPLEMENTED: [],
};

export interface TimeLimit {
  value: number;
  unit: TimeUnit;
}
export interface ProcedureMethod {
  channel: Channel;
  time: TimeLimit | null;
  timeText: string | null;
  feeVnd: number | null;
  feeNote: string | null;
  feeText: string | null;
  description: string | null;
}
export interface ProcedureDocument {
  name: string;
  kind: DocumentKind | null;
  originals: number | null;
  copies: number | null;
  quantityText: string | null;
  forms: string[];
  group: string | null;
}
export interface ProcedureContent {
  name: string;
  field: string;
  levels: ProcedureLevel[];
  levelText: string | null;
  agency: string | null;
  competentAuthority: string | null;
  subjects: string | null;
  methods: ProcedureMethod[];
  processingTimeText: string | null;
  feeText: string | null;
  documents: ProcedureDocument[];
  documentNotes: string[];
  conditions: string | null;
  resultType: string | null;
  resultCodes: string[];
  legalBasis: string[];
  procedureType: string | null;
  onlineLevel: OnlineLevel | null;
  fullOnlineEligible: boolean | null;
  cutoffTime: string | null;
  supplementClockMode: SupplementMode;
  excludedPeriods: ExcludedPeriod[];
}
export interface VersionFields {
  effectiveFrom: IsoDate;
  effectiveTo?: IsoDate | null;
  publicationDecisionNo: string | null;
  publicationDecisionDate?: IsoDate | null;
  unitIds: string[];
}
export type ProcedureVersionInput = ProcedureContent & VersionFields;

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  field: string;
  levels: ProcedureLevel[];
  onlineLevel: OnlineLevel | null;
  version: number;
}
export interface ProcedureVersionInfo {
  seq: number;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  publicationDecisionNo: string | null;
  publicationDecisionDate: IsoDate | null;
  superseded: boolean;
  createdAt: string;
  unitCount: number;
}
export interface UnitBrief {
  id: string;
  code: string;
  name: string;
}
export interface Delegation {
  id: string;
  procedureCode: string;
  unitId: string;
  fromUnitId: string | null;
  kind: DelegationKind;
  decisionNo: string;
  decisionDate: IsoDate;
  effectiveFrom: IsoDate;
  effectiveTo: IsoDate | null;
  scope: string | null;
  version: number;
}
export interface ProcedureDetail extends ProcedureContent {
  id: string;
  code: string;
  version: number;
  channels: Channel[];
  currentVersion: ProcedureVersionInfo;
  units: UnitBrief[];
  delegations: Delegation[];
  parseWarnings: string[];
}

export interface ProcedureListParams {
  q?: string;
  field?: string;
  level?: ProcedureLevel;
  unitId?: string;
  onlineLevel?: OnlineLevel | 'UNKNOWN';
  limit?: number;
  cursor?: string | null;
}

export interface ImportRecordReport {
  code: string;
  status: 'NEW' | 'CHANGED' | 'UNCHANGED' | 'INVALID';
  warnings: string[];
  errors: { field: string; message: string }[];
}
export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  created: number;
  changed: number;
  unchanged: number;
  records: ImportRecordReport[];
}

export interface ProcessStep {
  name: string;
  role: Role;
  unitId: string | null;
  unitRule: UnitRule | null;
  hours: number;
  output: string | null;
  allowSendBack: boolean;
}
export interface InternalProcess {
  id: string;
  procedureCode: string;
  procedureVersionSeq: number;
  unitId: string;
  seq: number;
  status: 'DRAFT' | 'APPROVED' | 'SUPERSEDED';
  channel: Channel;
  steps: ProcessStep[];
  totalHours: number;
  legalHours: number | null;
  approvalDecisionNo: string | null;
  approvedAt: IsoDate | null;
  effectiveFrom: IsoDate | null;
  version: number;
}
export interface MissingProcessReport {
  unitId: string;
  asOf: IsoDate;
  total: number;
  items: { code: string; name: string; field: string; reason: 'IN_FORCE' | 'DELEGATED'; hasDraft: boolean }[];
}

export interface ComplianceCost {
  hours: number;
  incomePerHour: number;
  serviceFees: number;
  fees: number;
  otherCosts: number;
  timesPerYear: number;
  subjectsPerYear: number;
}
export interface PlanSide {
  steps?: number | null;
  hours?: number | null;
  documents?: number | null;
  feeVnd?: number | null;
  cost: ComplianceCost;
}
export interface SimplificationPlan {
  id: string;
  unitId: string;
  procedureCode: string;
  internalProcessId: string | null;
  title: string;
  before: PlanSide;
  after: PlanSide;
  annualCostBefore: number;
  annualCostAfter: number;
  saving: number;
  reductionRate: number | null;
  status: PlanStatus;
  decisionNo: string | null;
  decisionDate: IsoDate | null;
  note: string | null;
  version: number;
}
export interface PlanInput {
  unitId: string;
  procedureCode: string;
  internalProcessId?: string | null;
  title: string;
  before: PlanSide;
  after: PlanSide;
  note?: string | null;
}
export interface SimplificationSummary {
  unitId: string;
  from: IsoDate;
  to: IsoDate;
  internalProcesses: { total: number; cut: number; cutPct: number | null };
  steps: { before: number; after: number; cutPct: number | null };
  hours: { before: number; after: number; cutPct: number | null };
  complianceCost: { annualCostBefore: number; annualCostAfter: number; saving: number; reductionRate: number | null };
  plans: Record<string, number>;
  text: string;
}

const enc = encodeURIComponent;
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

/** Multipart upload with upload progress (fetch has none). Resolves with the JSON body or throws ApiError. */
function upload<T>(path: string, file: File, onProgress?: (fraction: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', `/api/v1${path}`);
    xhr.setRequestHeader('accept', 'application/json');
    const token = getCsrfToken();
    if (token) xhr.setRequestHeader('x-csrf-token', token);
    xhr.withCredentials = true;
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress?.(e.loaded / e.total);
    xhr.onerror = () => reject(new ApiError({ status: 0, code: 'NETWORK_ERROR' }));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body as T);
      else {
        const p = (body && typeof body === 'object' ? body : {}) as Partial<Problem>;
        reject(new ApiError({ ...p, status: p.status ?? xhr.status, title: p.title ?? xhr.statusText }));
      }
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

export const catalogApi = {
  list: (p: ProcedureListParams, signal?: AbortSignal) => api.get<Page<ProcedureSummary>>('/procedures', { ...p }, signal),
  fields: () => api.get<{ items: { field: string; count: number }[] }>('/procedures/fields'),
  get: (code: string, asOf?: IsoDate) => api.get<ProcedureDetail>(`/procedures/${enc(code)}`, { asOf }),
  versions: (code: string) => api.get<{ code: string; version: number; items: ProcedureVersionInfo[] }>(`/procedures/${enc(code)}/versions`),
  addVersion: (code: string, version: number, body: ProcedureVersionInput) =>
    api.postWith<ProcedureDetail>(`/procedures/${enc(code)}/versions`, body, { headers: ifMatch(version) }),
  setVersionUnits: (code: string, seq: number, version: number, unitIds: string[]) =>
    api.put<ProcedureDetail>(`/procedures/${enc(code)}/versions/${seq}/units`, { unitIds }, ifMatch(version)),

  delegations: (code: string) => api.get<{ items: Delegation[] }>(`/procedures/${enc(code)}/delegations`),
  createDelegation: (code: string, body: Omit<Delegation, 'id' | 'procedureCode' | 'version'>) =>
    api.post<Delegation>(`/procedures/${enc(code)}/delegations`, body),
  updateDelegation: (id: string, version: number, body: Partial<Omit<Delegation, 'id' | 'procedureCode' | 'version' | 'unitId'>>) =>
    api.patch<Delegation>(`/procedure-delegations/${enc(id)}`, body, ifMatch(version)),

  importFile: (file: File, dryRun: boolean, onProgress?: (fraction: number) => void) =>
    upload<ImportReport>(`/procedures/import?dryRun=${dryRun}`, file, onProgress),
  exportUrl: (unitId: string) => `/api/v1/units/${enc(unitId)}/procedures.xlsx`,

  processes: (code: string, unitId?: string) =>
    api.get<{ items: InternalProcess[] }>(`/procedures/${enc(code)}/internal-processes`, { unitId }),
  createProcess: (code: string, body: { unitId: string; versionSeq?: number; channel: Channel; steps: ProcessStep[] }) =>
    api.post<InternalProcess>(`/procedures/${enc(code)}/internal-processes`, body),
  updateProcess: (id: string, version: number, body: { steps: ProcessStep[]; channel?: Channel }) =>
    api.patch<InternalProcess>(`/internal-processes/${enc(id)}`, body, ifMatch(version)),
  approveProcess: (id: string, version: number, body: { approvalDecisionNo: string; approvedAt: IsoDate; effectiveFrom: IsoDate }) =>
    api.postWith<InternalProcess>(`/internal-processes/${enc(id)}/approve`, body, { headers: ifMatch(version) }),
  missingProcesses: (unitId: string, asOf?: IsoDate) =>
    api.get<MissingProcessReport>(`/units/${enc(unitId)}/reports/procedures-without-internal-process`, { asOf }),

  plans: (p: { unitId?: string; status?: PlanStatus; limit?: number; cursor?: string | null }) =>
    api.get<Page<SimplificationPlan>>('/simplification-plans', { ...p }),
  plan: (id: string) => api.get<SimplificationPlan>(`/simplification-plans/${enc(id)}`),
  createPlan: (body: PlanInput) => api.post<SimplificationPlan>('/simplification-plans', body),
  updatePlan: (id: string, version: number, body: Partial<Omit<PlanInput, 'unitId' | 'procedureCode'>>) =>
    api.patch<SimplificationPlan>(`/simplification-plans/${enc(id)}`, body, ifMatch(version)),
  transitionPlan: (id: string, version: number, body: { to: PlanStatus; decisionNo?: string | null; decisionDate?: IsoDate | null; note?: string | null }) =>
    api.postWith<SimplificationPlan>(`/simplification-plans/${enc(id)}/transitions`, body, { headers: ifMatch(version) }),
  summary: (unitId: string, from: IsoDate, to: IsoDate) =>
    api.get<SimplificationSummary>(`/units/${enc(unitId)}/simplification-summary`, { from, to }),
};

/** Working hours per working day used by the server's budget check (domain/catalog/budget.ts). */
export const WORKING_HOURS_PER_DAY = 8;

/** A legal time limit in working hours (upper bound for calendar units), mirroring the server. */
export function legalWorkingHours(limit: TimeLimit): { hours: number; exact: boolean } {
  switch (limit.unit) {
    case 'working_days':
      return { hours: limit.value * WORKING_HOURS_PER_DAY, exact: true };
    case 'working_hours':
      return { hours: limit.value, exact: true };
    case 'same_day':
      return { hours: WORKING_HOURS_PER_DAY, exact: true };
    case 'hours':
      return { hours: limit.value, exact: false };
    case 'calendar_days':
      return { hours: limit.value * WORKING_HOURS_PER_DAY, exact: false };
    case 'months':
      return { hours: limit.value * 31 * WORKING_HOURS_PER_DAY, exact: false };
  }
}

/** The legal time of one channel (or the strictest of all), as the server picks it. */
export function legalTimeOf(methods: readonly ProcedureMethod[], channel?: Channel): TimeLimit | null {
  const c = methods.filter((m) => m.time && (!channel || m.channel === channel)).map((m) => m.time!);
  if (!c.length) return null;
  return c.reduce((a, b) => (legalWorkingHours(b).hours < legalWorkingHours(a).hours ? b : a));
}
