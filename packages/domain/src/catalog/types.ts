/** National procedure code `d.dddddd` (spec one-stop-dossiers §12.4); the leading digit carries no meaning here. */
export const procedureCodePattern = /^\d\.\d{6}$/;
export const isProcedureCode = (value: string): boolean => procedureCodePattern.test(value);

/** Implementing levels (cấp thực hiện). The source data spells them `tinh`, `xa`, `bo`, `khac`. */
export const procedureLevels = ['PROVINCE', 'COMMUNE', 'MINISTRY', 'OTHER'] as const;
export type ProcedureLevel = (typeof procedureLevels)[number];
export const sourceLevels: Record<string, ProcedureLevel> = {
  tinh: 'PROVINCE',
  xa: 'COMMUNE',
  bo: 'MINISTRY',
  khac: 'OTHER',
};
export const levelToSource: Record<ProcedureLevel, string> = {
  PROVINCE: 'tinh',
  COMMUNE: 'xa',
  MINISTRY: 'bo',
  OTHER: 'khac',
};

/** Channels (cách thức thực hiện): at the counter, online, by public postal service. */
export const procedureChannels = ['direct', 'online', 'postal'] as const;
export type ProcedureChannel = (typeof procedureChannels)[number];

/**
 * Units of a legal time limit. `hours` is a bare "Giờ" of the source (not stated as working hours);
 * `calendar_days` is the source's `days` ("Ngày" without "làm việc").
 */
export const timeUnits = ['working_days', 'working_hours', 'calendar_days', 'hours', 'months', 'same_day'] as const;
export type TimeUnit = (typeof timeUnits)[number];
export const sourceTimeUnits: Record<string, TimeUnit> = {
  working_days: 'working_days',
  days: 'calendar_days',
  hours: 'hours',
  months: 'months',
  working_hours: 'working_hours',
  calendar_days: 'calendar_days',
  same_day: 'same_day',
};

export interface TimeLimit {
  value: number;
  unit: TimeUnit;
}

/** Online service level (Decree 42/2022 Art. 11). Null = unknown: the source data never carries it. */
export const onlineLevels = ['FULL', 'PARTIAL', 'NONE'] as const;
export type OnlineLevel = (typeof onlineLevels)[number];

export const supplementClockModes = ['PAUSE', 'RESTART'] as const;
export type SupplementClockMode = (typeof supplementClockModes)[number];
/** Decree 118/2025 Art. 19(5): the time limit restarts once the complete dossier is received (OSS_2025 default). */
export const DEFAULT_SUPPLEMENT_CLOCK_MODE: SupplementClockMode = 'RESTART';

/** Sub-periods not counted in the time limit (spec §3.3). */
export const excludedPeriodKinds = [
  'FINANCIAL_OBLIGATION',
  'CITIZEN_SUPPLEMENT',
  'FIELD_VERIFICATION',
  'PUBLIC_POSTING',
  'BOUNDARY_SIGNING',
] as const;
export type ExcludedPeriodKind = (typeof excludedPeriodKinds)[number];

/** Form of a paper: bản chính / bản sao / bản sao chứng thực / bản chụp. */
export const documentKinds = ['ORIGINAL', 'COPY', 'CERTIFIED_COPY', 'PHOTOCOPY', 'ORIGINAL_AND_COPY'] as const;
export type DocumentKind = (typeof documentKinds)[number];

export interface ProcedureDocument {
  name: string;
  kind: DocumentKind | null;
  originals: number | null;
  copies: number | null;
  quantityText: string | null;
  forms: string[];
  group: string | null;
}

export interface ProcedureMethod {
  channel: ProcedureChannel;
  time: TimeLimit | null;
  timeText: string | null;
  feeVnd: number | null;
  feeNote: string | null;
  feeText: string | null;
  description: string | null;
}

/** The content of one procedure version: everything the national database publishes, normalised. */
export interface ProcedureContent {
  code: string;
  name: string;
  field: string;
  levels: ProcedureLevel[];
  levelText: string | null;
  agency: string | null;
  competentAuthority: string | null;
  subjects: string | null;
  channels: ProcedureChannel[];
  methods: ProcedureMethod[];
  processingTimeText: string | null;
  feeText: string | null;
  documents: ProcedureDocument[];
  documentNotes: string[];
  conditions: string | null;
  resultType: string | null;
  resultCodes: string[];
  legalBasis: string[];
  publicationDecisionNo: string | null;
  procedureType: string | null;
  onlineLevel: OnlineLevel | null;
  fullOnlineEligible: boolean | null;
  cutoffTime: string | null;
  supplementClockMode: SupplementClockMode;
  excludedPeriods: ExcludedPeriodKind[];
}

/** Roles an internal-process step may be given to, and relative unit rules resolved per dossier. */
export const unitRules = ['RECEIVING_UNIT', 'RECEIVING_COMMUNE', 'COMPETENT_BODY', 'SERVICE_CENTRE'] as const;
export type UnitRule = (typeof unitRules)[number];

export const internalProcessStatuses = ['DRAFT', 'APPROVED', 'SUPERSEDED'] as const;
export type InternalProcessStatus = (typeof internalProcessStatuses)[number];

export const simplificationStatuses = ['DRAFT', 'PROPOSED', 'APPROVED', 'REJECTED', 'IMPLEMENTED'] as const;
export type SimplificationStatus = (typeof simplificationStatuses)[number];

/** Allowed transitions of a simplification plan (a reduced form of reform-index-plans §5.5). */
export const simplificationTransitions: Record<SimplificationStatus, readonly SimplificationStatus[]> = {
  DRAFT: ['PROPOSED'],
  PROPOSED: ['APPROVED', 'REJECTED', 'DRAFT'],
  APPROVED: ['IMPLEMENTED'],
  REJECTED: ['DRAFT'],
  IMPLEMENTED: [],
};

export const delegationKinds = ['DELEGATION', 'DECENTRALISATION'] as const;
export type DelegationKind = (typeof delegationKinds)[number];
