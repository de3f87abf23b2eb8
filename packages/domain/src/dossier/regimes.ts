/**
 * The two one-stop regimes as effective-dated rule sets (spec §1.1, §1.4). A dossier keeps the regime of
 * its receipt date. Values marked (unconfirmed) in the spec are defaults here, overridable per locality
 * through DossierContext.options.regimeOverrides.
 */
import { localDateOf, type Duration, type TimelinessGranularity, type WorkingCalendar } from '../calendar/index.js';
import type { DossierState, RegimeId, SupplementClockMode } from './types.js';

export type Enforcement = 'BLOCK' | 'FLAG';

export interface RegimeRules {
  /** Default when the procedure case does not set one. OSS_2018: PAUSE (likely); OSS_2025: RESTART (Decree 118 Art. 19(5)). */
  supplementClockMode: SupplementClockMode;
  /** How long after official receipt the deciding body may ask for a supplement. OSS_2025: 3 working days. */
  supplementRequestWindow: Duration | null;
  /** FLAG (default): a late request is allowed and recorded, because sector laws may set other windows. */
  supplementRequestWindowEnforcement: Enforcement;
  /** OSS_2025 Art. 19(5): not completed within 15 days → the office closes it. Unit unconfirmed; default working days. */
  supplementCompletionLimit: Duration | null;
  /** Once-only: Decree 61/2018 Art. 20 / Decree 118/2025 Art. 11(2)(c). */
  supplementRequestLimit: number;
  receptionGuidanceLimit: number;
  /** Whether pre-reception guidance uses up the once-only supplement (unconfirmed; default separate counters). */
  guidanceCountsTowardsSupplementLimit: boolean;
  /** "không quá một lần" (Decree 118/2025 Art. 19(6)); likely the same in 2018. */
  rescheduleLimit: number;
  /** "chậm nhất 01 ngày trước ngày hết hạn"; whether a working day is unconfirmed. */
  apologyLeadTime: Duration;
  /** FLAG (default): the brief only bars a reschedule after the due time; a late apology is recorded. */
  apologyLeadTimeEnforcement: Enforcement;
  /** OSS_2025: Mẫu 05 stop notice on every stop. */
  stopNoticeRequired: boolean;
  /** Accepted legal grounds for a stop other than withdrawal; null = any stated ground (unconfirmed). */
  stopGrounds: readonly string[] | null;
  /** T11: a still-incomplete supplement may end with a refusal entered as the result (unconfirmed; default allowed). */
  refusalAsResultDuringSupplement: boolean;
  /** Whose identifier opens the dossier code (§12.1): 2018 the receiving unit, 2025 the deciding agency. */
  dossierCodeIdentifier: 'RECEIVING_UNIT' | 'DECIDING_AGENCY';
  /** Form set for receipt slip, supplement slip, apology and stop notice. */
  formSet: '2018' | '2025';
}

export interface RegimeRuleSet {
  id: RegimeId;
  kind: 'ONE_STOP_REGIME';
  /** Local dates of receipt, inclusive. */
  effectiveFrom: string;
  effectiveTo: string | null;
  legalBasis: readonly string[];
  rules: RegimeRules;
}

const oneWorkingDay: Duration = { value: 1, unit: 'WORKING_DAYS' };

export const REGIME_RULE_SETS: readonly RegimeRuleSet[] = [
  {
    id: 'OSS_2018',
    kind: 'ONE_STOP_REGIME',
    effectiveFrom: '2018-06-21',
    effectiveTo: '2025-06-30',
    legalBasis: ['Nghị định 61/2018/NĐ-CP', 'Nghị định 107/2021/NĐ-CP', 'Thông tư 01/2018/TT-VPCP'],
    rules: {
      supplementClockMode: 'PAUSE',
      supplementRequestWindow: null,
      supplementRequestWindowEnforcement: 'FLAG',
      supplementCompletionLimit: null,
      supplementRequestLimit: 1,
      receptionGuidanceLimit: 1,
      guidanceCountsTowardsSupplementLimit: false,
      rescheduleLimit: 1,
      apologyLeadTime: oneWorkingDay,
      apologyLeadTimeEnforcement: 'FLAG',
      stopNoticeRequired: false,
      stopGrounds: null,
      refusalAsResultDuringSupplement: true,
      dossierCodeIdentifier: 'RECEIVING_UNIT',
      formSet: '2018',
    },
  },
  {
    id: 'OSS_2025',
    kind: 'ONE_STOP_REGIME',
    effectiveFrom: '2025-07-01',
    effectiveTo: null,
    legalBasis: ['Nghị định 118/2025/NĐ-CP', 'Nghị định 367/2025/NĐ-CP', 'Thông tư 03/2025/TT-VPCP'],
    rules: {
      supplementClockMode: 'RESTART',
      supplementRequestWindow: { value: 3, unit: 'WORKING_DAYS' },
      supplementRequestWindowEnforcement: 'FLAG',
      supplementCompletionLimit: { value: 15, unit: 'WORKING_DAYS' },
      supplementRequestLimit: 1,
      receptionGuidanceLimit: 1,
      guidanceCountsTowardsSupplementLimit: false,
      rescheduleLimit: 1,
      apologyLeadTime: oneWorkingDay,
      apologyLeadTimeEnforcement: 'FLAG',
      stopNoticeRequired: true,
      stopGrounds: null,
      refusalAsResultDuringSupplement: true,
      dossierCodeIdentifier: 'DECIDING_AGENCY',
      formSet: '2025',
    },
  },
];

/** The regime in force on the local date of `receivedAt`; undefined before 21/06/2018. */
export function regimeFor(
  receivedAt: number,
  ruleSets: readonly RegimeRuleSet[] = REGIME_RULE_SETS,
): RegimeRuleSet | undefined {
  const day = localDateOf(receivedAt);
  return ruleSets.find((r) => r.effectiveFrom <= day && (r.effectiveTo === null || day <= r.effectiveTo));
}

/** Locality settings that are not tied to a regime. */
export interface DossierOptions {
  /** No transitional clause was found (unconfirmed): default, a dossier keeps the regime of its receipt. */
  transitionalRule: 'REGIME_OF_RECEIPT' | 'REGIME_AT_ACTION';
  /** Which appointment is synced as NgayHenTra (unconfirmed). ORIGINAL: the index subtracts supplement time itself. */
  syncedDueAtBasis: 'ORIGINAL' | 'SUPPLEMENT_ADJUSTED' | 'CURRENT';
  /** Biểu 06 due basis: ORIGINAL = legal deadline incl. supplement adjustment, without the apology's new date. */
  reportDueBasis: 'ORIGINAL' | 'RESCHEDULED';
  timelinessGranularity: TimelinessGranularity;
  /** Step budgets in working days are converted at this many hours (spec §4, likely 8). */
  workingDayHours: number;
  /** Paper dossiers go to the competent body the same day, after this time the next morning (Art. 19(1)(b)). */
  transferCutoffTime: string;
  /** Grace after the next day's opening (unconfirmed). */
  transferGraceMinutes: number;
  /** When the supplement wait ends: officer acceptance (T10, default) or the applicant's last submission. */
  supplementCompletedAtEvent: 'ACCEPTED' | 'SUBMITTED';
  /** Check the row's roles in decide; the server still checks unit scope. */
  enforceRoles: boolean;
  /** When the code is assigned (unconfirmed): its date part is then the receipt or the submission date. */
  codeAssignment: 'AT_RECEPTION' | 'AT_SUBMISSION';
}

export const DEFAULT_DOSSIER_OPTIONS: Readonly<DossierOptions> = Object.freeze({
  transitionalRule: 'REGIME_OF_RECEIPT',
  syncedDueAtBasis: 'ORIGINAL',
  reportDueBasis: 'ORIGINAL',
  timelinessGranularity: 'HYBRID',
  workingDayHours: 8,
  transferCutoffTime: '15:00',
  transferGraceMinutes: 0,
  supplementCompletedAtEvent: 'ACCEPTED',
  enforceRoles: true,
  codeAssignment: 'AT_RECEPTION',
});

export interface DossierContext {
  /** The receiving unit's working calendar (the server picks it; the domain never loads one). */
  calendar: WorkingCalendar;
  options?: Partial<DossierOptions> & { regimeOverrides?: Partial<Record<RegimeId, Partial<RegimeRules>>> };
  ruleSets?: readonly RegimeRuleSet[];
}

export function optionsOf(ctx: DossierContext): DossierOptions {
  return { ...DEFAULT_DOSSIER_OPTIONS, ...stripUndefined(ctx.options ?? {}) };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(o).filter(([k, v]) => v !== undefined && k !== 'regimeOverrides'),
  ) as Partial<T>;
}

/** The effective rules of a regime after locality overrides. */
export function rulesOf(regime: RegimeId, ctx: DossierContext): RegimeRules {
  const set = (ctx.ruleSets ?? REGIME_RULE_SETS).find((r) => r.id === regime);
  if (!set) throw new Error(`no rule set for regime ${regime}`);
  return { ...set.rules, ...stripUndefined(ctx.options?.regimeOverrides?.[regime] ?? {}) };
}

/** The regime whose rules govern an action: the dossier's own, or (setting) the one in force at the action. */
export function governingRegime(state: DossierState, at: number, ctx: DossierContext): RegimeId | null {
  if (optionsOf(ctx).transitionalRule === 'REGIME_AT_ACTION') return regimeFor(at, ctx.ruleSets)?.id ?? state.regime;
  return state.regime;
}
