/**
 * Vocabulary of the Decision 766 service index engine (spec service-index-766). Instants are epoch ms
 * (UTC); a period is the half-open interval [start, end) — "30/11 24:00" is the end instant 01/12 00:00.
 */
import type { NationalStatusCode } from '../dossier/types.js';

export type UnitLevel = 'PROVINCE' | 'DEPARTMENT' | 'COMMUNE' | 'MINISTRY';
export const unitLevels = ['PROVINCE', 'DEPARTMENT', 'COMMUNE', 'MINISTRY'] as const satisfies readonly UnitLevel[];

export type PeriodKind = 'MONTH' | 'QUARTER' | 'YEAR' | 'CUSTOM';

export interface IndexPeriod {
  /** Inclusive start instant. */
  start: number;
  /** Exclusive end instant (24:00 of the last day). */
  end: number;
  kind: PeriodKind;
}

/** The six groups of the national portal's display (spec §2). */
export type GroupCode =
  'TRANSPARENCY' | 'PROGRESS' | 'ONLINE_SERVICE' | 'ONLINE_PAYMENT' | 'DIGITIZATION' | 'SATISFACTION';
/** The five groups of the 2022 decision. */
export type OfficialGroupCode = 'TRANSPARENCY' | 'PROGRESS' | 'ONLINE_PROVISION' | 'DIGITIZATION' | 'SATISFACTION';

export type IndicatorCode =
  // Group 1
  | 'PUBLISH_ON_TIME'
  | 'PUBLIC_UPDATE_ON_TIME'
  | 'PUBLIC_CONTENT_FULL'
  | 'DOSSIER_SYNC'
  // Group 2
  | 'ON_TIME_RATE'
  | 'AVG_PROCESSING_TIME'
  // Group 3 (the last three: codes derived here, the spec numbers them 3.1–3.3)
  | 'FULL_ONLINE_DOSSIER_RATE'
  | 'ONLINE_SERVICE_PROVIDED_RATE'
  | 'ONLINE_SERVICE_WITH_DOSSIER_RATE'
  | 'ONLINE_SUBMISSION_RATE'
  // Group 4 (P1–P3: codes derived here)
  | 'PAYMENT_PROCEDURE_TRANSACTED'
  | 'PAYMENT_PROCEDURE_INTEGRATED'
  | 'ONLINE_PAID_DOSSIER_RATE'
  // Group 5
  | 'ORIGINAL_RESULT_AVAILABLE'
  | 'SO_HOA_GIAY_TO_GIAI_QUYET'
  | 'ELECTRONIC_CERTIFIED_COPY'
  | 'REUSED_DIGITIZED_DATA'
  | 'SYNCED_WITH_DVCQG_PERSONAL_STORAGE'
  | 'CITIZEN_DATA_CONNECTED_DOSSIER'
  | 'CITIZEN_DATA_CONNECTED_FORMALITY'
  // Group 6
  | 'PETITION_PROCESSING_ON_TIME'
  | 'PETITION_HANDLING_SATISFACTION'
  | 'DOSSIER_RECEIVING_SATISFACTION'
  | 'PETITION_CLASSIFICATION_TTHC'
  | 'PETITION_CLASSIFICATION_STAFF';

export type Scoring =
  /** score = max × min(1, r) */
  | { kind: 'LINEAR' }
  /** score = max × min(1, r / fullAt); `cap: false` lets the term exceed max (observed for P2). */
  | { kind: 'THRESHOLD_LINEAR'; fullAt: number }
  /** Displayed only (max 0). */
  | { kind: 'NONE' };

/**
 * What happens when the denominator is 0: ZERO (ratio 0, payment), FULL (max, e.g. no PAKN),
 * FALLBACK (DOSSIER_SYNC: last year's total ÷ 12 / ÷ 4), DEFAULT (setting `zeroDenominator`, spec §5
 * "other zero denominators", default not applicable).
 */
export type ZeroDenominatorRule = 'ZERO' | 'FULL' | 'FALLBACK' | 'DEFAULT';

/** Where an indicator's numerator and denominator come from. */
export type IndicatorSource =
  /** Derived from the per-dossier records. */
  | 'DOSSIERS'
  /** Needs unit- or procedure-level counts (catalogue, PAKN, communes) given in `counts`. */
  | 'COUNTS';

export type Confidence = 'CONFIRMED' | 'LIKELY' | 'OBSERVED' | 'UNCONFIRMED';

export interface IndicatorDef {
  code: IndicatorCode;
  /** The spec's numbering where it has one (2.1, 3.3, P1 …). */
  specRef: string;
  group: GroupCode;
  officialGroup: OfficialGroupCode;
  nameVi: string;
  /** 0 = tracked, not scored. */
  max: number;
  numerator: string;
  denominator: string;
  scoring: Scoring;
  /** false only where the published scores show an uncapped term (P2, setting capP2). */
  capAtMax: boolean;
  zeroDenominator: ZeroDenominatorRule;
  source: IndicatorSource;
  applicability: Record<UnitLevel, boolean>;
  confidence: Confidence;
  note?: string;
}

export interface GroupDef {
  code: GroupCode;
  officialGroup: OfficialGroupCode;
  nameVi: string;
  max: number;
}

/** A versioned indicator table, like the dossier transition table. */
export interface IndicatorTable {
  version: string;
  /** Local dates, inclusive. */
  effectiveFrom: string;
  effectiveTo: string | null;
  source: string;
  groups: readonly GroupDef[];
  indicators: readonly IndicatorDef[];
}

// ---------------------------------------------------------------------------------------------------------
// The normalized per-dossier record: both inputs (portal sync records, our DossierState) become this.

export type IndexChannel = 'COUNTER' | 'ONLINE' | 'POSTAL';

export interface IndexStatusEntry {
  status: NationalStatusCode;
  at: number;
}

/** Fee information of a dossier for the payment indicator (P3). */
export type FeeInfo =
  /** The procedure has no fee information: not in the denominator. */
  | 'NONE'
  /** Fee lines synced, all 0: not in the denominator. */
  | 'ZERO'
  /** At least one fee line > 0. */
  | 'POSITIVE';

/**
 * One dossier as the index sees it. `null` always means "not known" (the input did not carry it): an
 * indicator that needs an unknown fact is not computable rather than guessed.
 */
export interface IndexDossier {
  code: string;
  /** Lĩnh vực, for Biểu 06 rows. */
  fieldCode: string | null;
  procedureCode: string | null;
  /** Level of the unit that handles it (Biểu 06 rows by level); null = the request's level. */
  unitLevel: UnitLevel | null;
  channel: IndexChannel | null;
  /** NgayTiepNhan; null = never received (pre-reception dossiers are not counted). */
  receivedAt: number | null;
  /** NgayHenTra as synced (the index's appointment). */
  dueAt: number | null;
  /** Statutory maximum, used only when there is no NgayHenTra. */
  statutoryMaxMs: number | null;
  /** Biểu 06 due (setting reportDueBasis); null = use dueAt. */
  reportDueAt: number | null;
  /** Status timeline, in the order logged. */
  timeline: readonly IndexStatusEntry[];
  /** Synced to the national portal in real time. */
  synced: boolean | null;
  /** Procedure flagged "eligible for full-process" in the national procedure database. */
  fullProcessEligible: boolean | null;
  /** Handled as a full-process online dossier (DVCTT toàn trình). */
  fullProcessOnline: boolean | null;
  /** The procedure requires a paper/document result. */
  resultRequired: boolean | null;
  /** Electronic result synced: result code and file link. */
  electronicResult: boolean | null;
  /** Components digitized (a file attached to each component). */
  componentsDigitized: boolean | null;
  /** ≥ 1 component flagged reused (HoSoCoThanhPhanSoHoa = 1 / TaiLieuNop.DuocSoHoa = 1). */
  reusedData: boolean | null;
  /** ≥ 1 component from the personal data store (DuocLayTuKhoDMQG = 1) or result pushed to it. */
  personalStoreLinked: boolean | null;
  /** VNeID-verified account, personal store or population database used. */
  citizenDataUsed: boolean | null;
  feeInfo: FeeInfo | null;
  /** DuocThanhToanTrucTuyen ∈ {1, 2}. */
  paidOnline: boolean | null;
  /** A dislike or complaint linked to the dossier (rating system). */
  dislikedOrComplained: boolean | null;
}

/** Numerator and denominator given directly, for indicators not derivable from dossiers (or to override). */
export interface IndicatorCount {
  numerator: number;
  denominator: number;
}

/** Verdicts of a dossier-derived indicator counted elsewhere (the live rollups): unknown > 0 → not computable. */
export interface IndexTally {
  pass: number;
  fail: number;
  unknown: number;
}

export interface IndexInput {
  period: IndexPeriod;
  unitLevel: UnitLevel;
  dossiers: readonly IndexDossier[];
  counts?: Partial<Record<IndicatorCode, IndicatorCount>>;
  /** Dossiers received per the national reporting system (DOSSIER_SYNC denominator candidate). */
  reportingSystemReceived?: number | null;
  /** Last year's received total, DOSSIER_SYNC fallback when both denominators are 0. */
  lastYearReceivedTotal?: number | null;
  /** Scores taken as published by the portal (e.g. group 3, whose formula is unconfirmed). */
  publishedScores?: Partial<Record<IndicatorCode, number>>;
  /** Pre-counted verdicts replacing the dossier fold, per dossier-derived indicator (rollups). */
  tallies?: Partial<Record<IndicatorCode, IndexTally>>;
  /** Pre-summed AVG_PROCESSING_TIME sample (reception → status 9, resolved in the period). */
  processingTime?: { sumMs: number; count: number };
}

// ---------------------------------------------------------------------------------------------------------
// Output

export type NotComputableReason =
  /** A fact the indicator needs is unknown for some dossiers (`missing` says how many). */
  | 'MISSING_INPUT'
  /** A unit- or procedure-level count the indicator needs was not given. */
  | 'NO_COUNTS'
  /** DOSSIER_SYNC fallback needs last year's total, or the period kind has no divisor. */
  | 'NO_FALLBACK';

export type IndicatorStatus =
  /** Scored from a ratio. */
  | 'SCORED'
  /** Not applicable at this level: awarded the maximum (or excluded, setting notApplicablePolicy). */
  | 'NOT_APPLICABLE'
  /** Zero denominator handled by the indicator's rule. */
  | 'NO_ITEMS'
  /** Taken from the portal's published score. */
  | 'PUBLISHED'
  | 'NOT_COMPUTABLE';

export interface IndicatorResult {
  code: IndicatorCode;
  group: GroupCode;
  /** null when not computable. */
  score: number | null;
  max: number;
  /** Fraction; null when there is no ratio (not applicable, no items, not computable, published). */
  ratio: number | null;
  numerator: number | null;
  denominator: number | null;
  computable: boolean;
  status: IndicatorStatus;
  /** Why the indicator is not computable, not applicable or has no items. */
  reason?: string;
  /** Dossiers lacking an input (MISSING_INPUT). */
  missing?: number;
  basis?: 'DOSSIERS' | 'COUNTS' | 'PUBLISHED';
  /** Score before capping at max, when it differs (P2 with capP2 = false reports the reverse). */
  uncappedScore?: number;
  /** AVG_PROCESSING_TIME: mean elapsed hours from reception to status 9. */
  value?: number | null;
}

export interface GroupResult {
  code: GroupCode;
  /** Σ of the computable indicator scores. */
  score: number;
  max: number;
  /** Every scored indicator of the group was computable. */
  complete: boolean;
}

export type LostPointReason =
  | 'LATE'
  | 'SECOND_SUPPLEMENT'
  | 'OVERDUE_IN_PROGRESS'
  | 'NOT_SYNCED'
  | 'NOT_FULL_ONLINE'
  | 'NOT_PAID_ONLINE'
  | 'NO_ELECTRONIC_RESULT'
  | 'NOT_DIGITISED'
  | 'NO_REUSED_DATA'
  | 'NO_PERSONAL_STORE_LINK'
  | 'NO_CITIZEN_DATA'
  | 'DISLIKED_OR_COMPLAINED';

/** One dossier's contribution to a lost point, for the drill-down. */
export interface LostPoint {
  dossierCode: string;
  indicator: IndicatorCode;
  reason: LostPointReason;
  /** Points the indicator would gain if this dossier alone had passed (0 when the indicator is already full). */
  points: number;
  /** LATE / OVERDUE_IN_PROGRESS: how late the effective end is, ms. */
  lateByMs?: number;
  effectiveEnd?: number;
  dueAt?: number | null;
  supplementRequests?: number;
  messageVi: string;
}

export interface IndexResult {
  tableVersion: string;
  unitLevel: UnitLevel;
  period: IndexPeriod;
  /** Σ group scores. */
  total: number;
  max: number;
  /** Σ of the maxima of the computable indicators (what `total` is out of). */
  computableMax: number;
  complete: boolean;
  groups: GroupResult[];
  indicators: IndicatorResult[];
  lostPoints: LostPoint[];
}
