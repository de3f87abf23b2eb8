import { api } from './client';
import type { IsoDate, Page } from './types';

export type ProcedureLevel = 'PROVINCE' | 'COMMUNE' | 'MINISTRY' | 'OTHER';
export const PROCEDURE_LEVELS: ProcedureLevel[] = ['PROVINCE', 'COMMUNE', 'MINISTRY', 'OTHER'];
export type OnlineLevel = 'FULL' | 'PARTIAL' | 'NONE';
export type OnlineLevelFilter = OnlineLevel | 'UNKNOWN';
export const ONLINE_LEVEL_FILTERS: OnlineLevelFilter[] = ['FULL', 'PARTIAL', 'NONE', 'UNKNOWN'];
export type ProcedureChannel = 'direct' | 'online' | 'postal';
export type TimeUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'hours' | 'months' | 'same_day';
export type DocumentKind = 'ORIGINAL' | 'COPY' | 'CERTIFIED_COPY' | 'PHOTOCOPY' | 'ORIGINAL_AND_COPY';

export interface ProcedureSummary {
  id: string;
  code: string;
  name: string;
  field: string;
  levels: ProcedureLevel[];
  onlineLevel: OnlineLevel | null;
  version: number;
}

export interface ProcedureMethod {
  channel: ProcedureChannel;
  time: { value: number; unit: TimeUnit } | null;
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

export interface ProcedureDetail extends Omit<ProcedureSummary, 'id'> {
  id: string;
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
  fullOnlineEligible: boolean | null;
  cutoffTime: string | null;
  channels: ProcedureChannel[];
  currentVersion: {
    seq: number;
    effectiveFrom: IsoDate;
    effectiveTo: IsoDate | null;
    publicationDecisionNo: string | null;
    publicationDecisionDate: IsoDate | null;
  };
  units: { id: string; code: string; name: string }[];
}

export interface ProcedureSearch {
  q?: string;
  field?: string;
  level?: ProcedureLevel;
  onlineLevel?: OnlineLevelFilter;
  limit?: number;
  cursor?: string | null;
}

const enc = encodeURIComponent;

export const proceduresApi = {
  search: (p: ProcedureSearch, signal?: AbortSignal) =>
    api.get<Page<ProcedureSummary>>('/procedures', { ...p }, signal),
  fields: (level?: ProcedureLevel, signal?: AbortSignal) =>
    api.get<{ items: { field: string; count: number }[] }>('/procedures/fields', { level }, signal),
  get: (code: string, signal?: AbortSignal) => api.get<ProcedureDetail>(`/procedures/${enc(code)}`, undefined, signal),
};
