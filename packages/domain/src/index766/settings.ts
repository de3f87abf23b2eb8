/**
 * Locality and version settings of the index engine. Every value the spec marks unconfirmed is here with
 * the spec's default (service-index-766 §3–§5, §9).
 */
import type { TimelinessGranularity } from '../calendar/index.js';
import type { IndicatorCode, UnitLevel } from './types.js';

export interface IndexSettings {
  /** Replace an indicator's maximum (2022 appendix vs metric sheet, group 3 allocation). */
  maxOverrides: Partial<Record<IndicatorCode, number>>;
  /** Replace a THRESHOLD_LINEAR fullAt, or turn a LINEAR indicator into one (e.g. SO_HOA_GIAY_TO_GIAI_QUYET 0.8). */
  fullAtOverrides: Partial<Record<IndicatorCode, number>>;
  /** Replace the table's applicability per level: listed codes are not applicable at that level. */
  notApplicable: Partial<Record<UnitLevel, readonly IndicatorCode[]>>;
  /** AWARD_MAX (metric sheet "communeNotApplicable: award declared maximum") or EXCLUDE (max becomes 0). */
  notApplicablePolicy: 'AWARD_MAX' | 'EXCLUDE';
  /** Zero denominators outside payment, sync and PAKN (unconfirmed): default not applicable. */
  zeroDenominator: 'NOT_APPLICABLE' | 'ZERO';
  /** Cap the P2 term 2.5·C at 2 (unconfirmed; the published scores are uncapped). */
  capP2: boolean;
  /** No PAKN: award the maximum (published behaviour, 6 + 6) or treat as not applicable. */
  noPetitionPolicy: 'AWARD_MAX' | 'NOT_APPLICABLE';
  /** DOSSIER_SYNC fallback divisor of last year's total per period kind; YEAR unconfirmed (null = none). */
  syncFallbackDivisor: { MONTH: number | null; QUARTER: number | null; YEAR: number | null };
  /** DOSSIER_SYNC when the fallback is also 0 (unconfirmed). */
  syncFallbackZero: 'NOT_APPLICABLE' | 'ZERO';
  /**
   * "Received or processed in the period" (verify): dossiers received in the period plus carried-over ones
   * with no end event before it (default), or only dossiers received in the period.
   */
  onTimeScope: 'RECEIVED_OR_OPEN_IN_PERIOD' | 'RECEIVED_IN_PERIOD';
  /** Display precision; results keep full precision. */
  displayDecimals: number;
  /** Biểu 06 early / on time / overdue (deadlines-calendar §10.2). */
  timelinessGranularity: TimelinessGranularity;
  /** Biểu 06 consistency check: whether dossiers stopped, withdrawn or refused count on the resolved side (unconfirmed). */
  bieu06ClosedCountsAsResolved: boolean;
}

export const DEFAULT_INDEX_SETTINGS: Readonly<IndexSettings> = Object.freeze({
  maxOverrides: {},
  fullAtOverrides: {},
  notApplicable: {},
  notApplicablePolicy: 'AWARD_MAX',
  zeroDenominator: 'NOT_APPLICABLE',
  capP2: true,
  noPetitionPolicy: 'AWARD_MAX',
  syncFallbackDivisor: { MONTH: 12, QUARTER: 4, YEAR: null },
  syncFallbackZero: 'NOT_APPLICABLE',
  onTimeScope: 'RECEIVED_OR_OPEN_IN_PERIOD',
  displayDecimals: 2,
  timelinessGranularity: 'HYBRID',
  bieu06ClosedCountsAsResolved: false,
}) satisfies IndexSettings;

export function settingsOf(partial: Partial<IndexSettings> = {}): IndexSettings {
  return { ...DEFAULT_INDEX_SETTINGS, ...partial };
}

/** Score rounded for display (setting displayDecimals); computations keep full precision. */
export function displayScore(score: number, decimals = DEFAULT_INDEX_SETTINGS.displayDecimals): string {
  return score.toFixed(decimals);
}
