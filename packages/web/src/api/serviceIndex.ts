/**
 * Typed client of the service-index endpoints (Decision 766, `/service-index`, `/statistics/bieu06|07b`) and
 * of the public transparency endpoint. Scores come with full precision; ratios are fractions 0..1. The answers'
 * types are the server's own schemas (packages/domain/src/schemas/serviceIndex.ts), imported as types only, so
 * nothing of the domain or zod reaches the bundle; codes the schemas give as strings are narrowed to the
 * domain's unions.
 */
import type { GroupCode, IndicatorCode, IndicatorStatus } from '@motcua/domain/index766/types';
import type { IndexRequestInput } from '@motcua/domain/index766/schemas';
import type { IndexSettings } from '@motcua/domain/index766/settings';
import type { IndexSettingsOverrides } from '@motcua/domain/index766/settingsSchema';
import type * as schemas from '@motcua/domain/schemas/serviceIndex';
import { api } from './client';
import type { In, Narrow, Out } from './schemaTypes';

/** The set a unit is ranked in: provinces, departments, communes, and districts until 30/6/2025. */
export type PeerSet = schemas.PeerSet;

type RankingWire = Out<typeof schemas.indexTableView>;
type UnitIndexWire = Out<typeof schemas.unitIndexView>;
type DashboardWire = Out<typeof schemas.dashboardView>;

export type PeriodInfo = Out<typeof schemas.periodView>;

/** A group's score, and whether every scored indicator of it was computable. */
export type GroupScore = Narrow<RankingWire['unit']['groups'][number], { code: GroupCode }>;
/** A group's score on the dashboard (no `complete`); a GroupScore is one too. */
export type GroupPoints = Narrow<DashboardWire['groups'][number], { code: GroupCode }>;

/** The unions of a ranked row: its peer set and its groups' codes. */
interface RowUnions {
  peerSet: PeerSet | null;
  groups: GroupScore[];
}

/** A unit's index and rank within its peer set (the public rows: without the unit id and counts). */
export type PublicIndexRow = Narrow<Out<typeof schemas.publicIndexView>['province'], RowUnions>;
export type RankingRow = Narrow<RankingWire['unit'], RowUnions>;

export type RankingResponse = Narrow<RankingWire, { unit: RankingRow; units: RankingRow[] }>;

/** One indicator as the engine reports it (the domain's IndicatorResult, as JSON). */
export type IndicatorRow = Narrow<
  UnitIndexWire['result']['indicators'][number],
  { code: IndicatorCode; group: GroupCode; status: IndicatorStatus }
>;

export type TrendPoint = UnitIndexWire['trend'][number];

/** One scoring of the engine: the unit page's result and the reconciliation's answer. */
interface ScoredUnions {
  groups: GroupScore[];
  indicators: IndicatorRow[];
}

export type UnitIndexResponse = Narrow<UnitIndexWire, { result: Narrow<UnitIndexWire['result'], ScoredUnions> }>;

type LostPointsWire = Out<typeof schemas.lostPointsView>;
export type LostPointItem = Narrow<LostPointsWire['items'][number], { indicator: IndicatorCode }>;
export type LostPointsPage = Narrow<LostPointsWire, { items: LostPointItem[] }>;

export type DashboardResponse = Narrow<DashboardWire, { groups: GroupPoints[] }>;

export type PublicIndexResponse = Narrow<
  Out<typeof schemas.publicIndexView>,
  { province: PublicIndexRow; units: PublicIndexRow[] }
>;

/** Biểu 06 preview (format=json): the domain's report, rows by field and by level, with the unit and the period. */
export type Bieu06Json = Out<typeof schemas.bieu06View>;
export type Bieu06JsonRow = Bieu06Json['total'];

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
  bieu06: (q: { unitId?: string; period: string }, signal?: AbortSignal) =>
    api.get<Bieu06Json>('/statistics/bieu06', { ...q, format: 'json' }, signal),
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

export type FrozenVersion = Out<typeof schemas.frozenVersionView>;
export type FrozenPeriod = Out<typeof schemas.frozenListView>['period'];
/** The versions of a period, oldest first. */
export type FrozenList = Out<typeof schemas.frozenListView>;
/** A version with the ranked table exactly as GET /service-index answered when it was frozen. */
export type FrozenResult = Narrow<Out<typeof schemas.frozenResultView>, { payload: RankingResponse }>;
export type FrozenCreated = Out<typeof schemas.frozenCreatedView>;
export type FreezeInput = In<typeof schemas.freezeRequestSchema>;

export const frozenResultsApi = {
  list: (q: { period: string; unitId?: string }, signal?: AbortSignal) =>
    api.get<FrozenList>('/service-index/results', q, signal),
  read: (version: number, q: { period: string; unitId?: string }, signal?: AbortSignal) =>
    api.get<FrozenResult>(`/service-index/results/${version}`, q, signal),
  /** A reason is required when the period has a frozen version already (422 SERVICE_INDEX_REASON_REQUIRED). */
  freeze: (body: FreezeInput) => api.post<FrozenCreated>('/service-index/results', body),
};

// Reconciliation, what-if (POST /service-index/evaluate): records in the national-portal sync shape, nothing stored.

export type UnitLevelName = IndexRequestInput['unitLevel'];

export interface EvaluateRequest {
  period: { from: string; to: string; kind?: string };
  unitLevel: UnitLevelName;
  dossiers: unknown[];
  [extra: string]: unknown;
}

type EvaluateWire = Out<typeof schemas.evaluateView>;
export type EvaluateLostPoint = Narrow<EvaluateWire['lostPoints'][number], { indicator: IndicatorCode }>;
export type EvaluateResponse = Narrow<EvaluateWire, ScoredUnions & { lostPoints: EvaluateLostPoint[] }>;

export const evaluateApi = {
  evaluate: (body: EvaluateRequest) => api.post<EvaluateResponse>('/service-index/evaluate', body),
};
