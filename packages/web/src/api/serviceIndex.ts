/**
 * Typed client of the service-index endpoints (Decision 766, `/service-index`, `/statistics/bieu06|07b`) and
 * of the public transparency endpoint. Scores come with full precision; ratios are fractions 0..1.
 */
import type { GroupCode, IndicatorCode, IndicatorResult, LostPointReason } from '@motcua/domain/index766/types';
import type { IndexSettings } from '@motcua/domain/index766/settings';
import type { IndexSettingsOverrides } from '@motcua/domain/index766/settingsSchema';
import { api } from './client';

export type PeerSet = 'PROVINCE' | 'DEPARTMENT' | 'COMMUNE';
export type PeriodKindName = 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR';
export type ChannelCode = 'COUNTER' | 'ONLINE' | 'POSTAL';

export interface PeriodInfo {
  key: string;
  kind: PeriodKindName | string;
  from: string;
  to: string;
  live: boolean;
  measuredAt?: string;
  labelVi?: string;
}

export interface GroupScore {
  code: GroupCode;
  score: number;
  max: number;
  complete?: boolean;
}

/** A unit's index and rank within its peer set (the public rows are these, without the unit id and counts). */
export interface PublicIndexRow {
  code: string;
  name: string;
  type: string;
  peerSet: PeerSet | null;
  total: number;
  max: number;
  groups: GroupScore[];
  rank: number | null;
  peerCount: number;
  previousRank: number | null;
  /** Positive = moved up. */
  rankChange: number | null;
  previousTotal: number | null;
  onTimeRate: number | null;
  previousOnTimeRate: number | null;
}

export interface RankingRow extends PublicIndexRow {
  unitId: string;
  computableMax: number;
  complete: boolean;
  scoreDelta: number | null;
  received: number;
  resolved: number;
  overdue: number;
}

export interface RankingResponse {
  period: PeriodInfo;
  previousPeriod: { key: string } | null;
  unit: RankingRow;
  units: RankingRow[];
}

/** One indicator as the engine reports it (domain IndicatorResult). */
export type IndicatorRow = IndicatorResult;

export interface TrendPoint {
  period: string;
  total: number | null;
  onTimeRate: number | null;
}

/** One scoring of the engine: the unit page's result and the reconciliation's answer. */
export interface ScoredIndex {
  total: number;
  max: number;
  computableMax: number;
  complete: boolean;
  groups: GroupScore[];
  indicators: IndicatorRow[];
}

export interface UnitIndexResponse {
  period: PeriodInfo;
  unit: { id: string; code: string; name: string; type: string };
  result: ScoredIndex;
  trend: TrendPoint[];
}

export interface LostPointItem {
  dossierId: string | null;
  dossierCode: string;
  indicator: IndicatorCode;
  reason: LostPointReason | string;
  points: number;
  lateByMs: number | null;
  messageVi: string;
  unit: { id: string; name: string } | null;
  responsible: { name: string; step: string | null } | null;
}

export interface LostPointsPage {
  items: LostPointItem[];
  nextCursor: string | null;
  total: number;
}

export interface DashboardResponse {
  trend: TrendPoint[];
  groups: GroupScore[];
  onTimeByField: { fieldCode: string; fieldName: string; onTime: number; total: number; rate: number | null }[];
  channels: { channel: ChannelCode; count: number }[];
  overdueByUnit: { unitId: string; name: string; months: { month: string; overdue: number }[] }[];
  topLateProcedures: { procedureCode: string; name: string; late: number; total: number }[];
}

export interface PublicIndexResponse {
  period: PeriodInfo;
  previousPeriod: { key: string } | null;
  /** The province (root unit) as a whole. */
  province?: PublicIndexRow;
  units: PublicIndexRow[];
}

/** Biểu 06 preview (format=json): the domain's report, rows by field and by level, each with a label when known. */
export interface Bieu06JsonRow {
  key: string;
  name?: string;
  received: { total: number; online: number; counterAndPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; overdue: number };
  inProgress: { total: number; withinDeadline: number; overdue: number };
}

export interface Bieu06Json {
  unit?: { id?: string; name: string };
  period?: { key?: string; from?: string; to?: string } | null;
  byField: Bieu06JsonRow[];
  byLevel?: Bieu06JsonRow[];
  total: Bieu06JsonRow;
}

/** Biểu II.07b preview (format=json, server stats/bieu07b.ts): per level, procedures, one-stop, internal processes. */
export interface Bieu07bJsonRow {
  key: string;
  /** Procedures under the unit's jurisdiction. */
  jurisdiction: number;
  /** Of which reaching the unit by delegation or decentralisation only. */
  delegatedOnly: number;
  /** Handled under the one-stop mechanism; null = not recorded. */
  oneStop: number | null;
  internalProcesses: number;
  withoutInternalProcess: number;
}

export interface Bieu07bJson {
  unit: { id: string; code: string; name: string };
  asOf: string;
  rows: Bieu07bJsonRow[];
  total: Bieu07bJsonRow;
  multiLevelProcedures: number;
  oneStop: { basis: string; recorded: boolean; note: string };
  notes: string[];
}

export type ReportFormat = 'xlsx' | 'pdf';

function qs(query: Record<string, string | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v) p.set(k, v);
  return p.toString();
}

export const serviceIndexApi = {
  ranking: (q: { period: string; unitId?: string; asOf?: string }, signal?: AbortSignal) =>
    api.get<RankingResponse>('/service-index', q, signal),
  unit: (unitId: string, period: string, signal?: AbortSignal) =>
    api.get<UnitIndexResponse>(`/service-index/units/${encodeURIComponent(unitId)}`, { period }, signal),
  lostPoints: (
    unitId: string,
    q: { period: string; indicator?: string; limit?: number; cursor?: string | null },
    signal?: AbortSignal,
  ) => api.get<LostPointsPage>(`/service-index/units/${encodeURIComponent(unitId)}/lost-points`, q, signal),
  dashboard: (q: { period: string; unitId?: string }, signal?: AbortSignal) =>
    api.get<DashboardResponse>('/service-index/dashboard', q, signal),
  publicIndex: (period: string, signal?: AbortSignal) =>
    api.get<PublicIndexResponse>('/public/service-index', { period }, signal),
  /** Accepts the report itself or `{ report, unit, period }` (the server's bieu06Report shape). */
  bieu06: async (q: { unitId?: string; period: string }, signal?: AbortSignal): Promise<Bieu06Json> => {
    const raw = await api.get<Bieu06Json | { report: Bieu06Json; unit?: Bieu06Json['unit'] }>(
      '/statistics/bieu06',
      { ...q, format: 'json' },
      signal,
    );
    return 'report' in raw ? { ...raw.report, unit: raw.unit ?? raw.report.unit } : raw;
  },
  bieu07b: (q: { unitId?: string; asOf?: string }, signal?: AbortSignal) =>
    api.get<Bieu07bJson>('/statistics/bieu07b', { ...q, format: 'json' }, signal),
  /** Download links (same-origin GET with the session cookie). */
  bieu06Url: (q: { unitId?: string; period: string }, format: ReportFormat) =>
    `/api/v1/statistics/bieu06?${qs({ ...q, format })}`,
  bieu07bUrl: (q: { unitId?: string; asOf?: string }, format: ReportFormat) =>
    `/api/v1/statistics/bieu07b?${qs({ ...q, format })}`,
};

// Settings per province (server serviceIndex/settings.ts): the rules the spec leaves unconfirmed, as data.

/** The effective settings (domain IndexSettings, as JSON). */
export type IndexSettingsJson = IndexSettings;

/** What a province stores: any editable setting; an omitted one takes its default. */
export type { IndexSettingsOverrides };

export interface IndexSettingsResponse {
  unitId: string;
  /** 0 = nothing stored yet (the defaults); echoed as If-Match. */
  version: number;
  settings: IndexSettingsJson;
  overrides: IndexSettingsOverrides;
  defaults: IndexSettingsJson;
}

export const indexSettingsApi = {
  get: (unitId: string, signal?: AbortSignal) =>
    api.get<IndexSettingsResponse>('/service-index/settings', { unitId }, signal),
  /** Replaces the province's overrides; a stale version answers 412. */
  put: (unitId: string, version: number, overrides: IndexSettingsOverrides) =>
    api.put<IndexSettingsResponse>(`/service-index/settings?unitId=${encodeURIComponent(unitId)}`, overrides, {
      'if-match': `"${version}"`,
    }),
  /** The root of a unit's tree (the province, which holds the settings): walks up the parents. */
  provinceOf: async (unitId: string, signal?: AbortSignal): Promise<{ id: string; name: string }> => {
    let id = unitId;
    for (let depth = 0; depth < 20; depth++) {
      const u = await api.get<{ id: string; name: string; parentId: string | null }>(
        `/units/${encodeURIComponent(id)}`,
        undefined,
        signal,
      );
      if (!u.parentId) return { id: u.id, name: u.name };
      id = u.parentId;
    }
    throw new Error('unit tree too deep');
  },
};

// Frozen results (server serviceIndex/results.ts): a finished period's ranked table, kept as immutable versions.

export interface FrozenVersion {
  version: number;
  reason: string | null;
  createdBy: { id: string | null; name: string };
  createdAt: string;
  /** The date of the unit tree the table was computed with. */
  asOf: string;
  measuredAt: string;
  digest: string;
}

export interface FrozenPeriod {
  key: string;
  labelVi: string;
  from: string;
  to: string;
  live: boolean;
}

export interface FrozenList {
  unitId: string;
  period: FrozenPeriod;
  /** Oldest first. */
  versions: FrozenVersion[];
}

export interface FrozenResult extends FrozenVersion {
  unitId: string;
  period: FrozenPeriod;
  /** The ranked table exactly as GET /service-index answered when it was frozen. */
  payload: RankingResponse;
}

export const frozenResultsApi = {
  list: (q: { period: string; unitId?: string }, signal?: AbortSignal) =>
    api.get<FrozenList>('/service-index/results', q, signal),
  read: (version: number, q: { period: string; unitId?: string }, signal?: AbortSignal) =>
    api.get<FrozenResult>(`/service-index/results/${version}`, q, signal),
  /** A reason is required when the period has a frozen version already (422 SERVICE_INDEX_REASON_REQUIRED). */
  freeze: (body: { period: string; unitId?: string; asOf?: string; reason?: string }) =>
    api.post<FrozenVersion & { unitId: string; period: FrozenPeriod }>('/service-index/results', body),
};

// Reconciliation, what-if (POST /service-index/evaluate): records in the national-portal sync shape, nothing stored.

export type UnitLevelName = 'PROVINCE' | 'DEPARTMENT' | 'COMMUNE';

export interface EvaluateRequest {
  period: { from: string; to: string; kind?: string };
  unitLevel: UnitLevelName;
  dossiers: unknown[];
  [extra: string]: unknown;
}

export interface EvaluateLostPoint {
  dossierCode: string;
  indicator: string;
  reason: string;
  points: number;
  messageVi: string;
  lateByMs?: number;
}

export interface EvaluateResponse extends ScoredIndex {
  lostPoints: EvaluateLostPoint[];
}

export const evaluateApi = {
  evaluate: (body: EvaluateRequest) => api.post<EvaluateResponse>('/service-index/evaluate', body),
};
