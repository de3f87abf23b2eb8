/**
 * Guards: named predicates on (state, action, rules). Each returns a refusal or null. A new legal
 * condition is a new entry here and a name in a table row.
 */
import { computeDue, hoursToMs, localDateOf, workingTimeBetween, DAY_MS, type Duration } from '../calendar/index.js';
import { parseDossierCode } from './dossierCode.js';
import { refuse, type DossierRefusal } from './errors.js';
import { regimeFor } from './regimes.js';
import { payloadOf, type TransitionInput } from './transition.js';

export type Guard = (i: TransitionInput) => DossierRefusal | null;

/** Working or calendar time from `a` to `b` reaches `d` (apology lead time, "1 day before"). */
function atLeastBefore(i: TransitionInput, a: number, b: number, d: Duration): boolean {
  if (d.unit === 'CALENDAR_DAYS') return b - a >= d.value * DAY_MS;
  const hours = d.unit === 'WORKING_HOURS' ? d.value : d.value * i.options.workingDayHours;
  return workingTimeBetween(i.ctx.calendar, a, b) >= hoursToMs(hours);
}

export const guards = {
  receptionGuidanceOnce: (i) =>
    i.state.receptionGuidanceCount >= (i.rules?.receptionGuidanceLimit ?? 1)
      ? refuse('DOSSIER_GUIDANCE_ALREADY_GIVEN')
      : null,

  regimeKnown: (i) => (regimeFor(i.action.at, i.ctx.ruleSets) ? null : refuse('DOSSIER_REGIME_UNKNOWN')),

  dossierCodeValid: (i) => {
    const p = payloadOf(i, 'RECEIVE');
    const parsed = parseDossierCode(p.dossierCode);
    if (!parsed)
      return refuse('DOSSIER_CODE_INVALID', [
        { field: 'payload.dossierCode', message: 'Mã hồ sơ không đúng định dạng.' },
      ]);
    const dated =
      i.options.codeAssignment === 'AT_SUBMISSION' && i.state.submittedAt !== null ? i.state.submittedAt : i.action.at;
    if (parsed.localDate !== localDateOf(dated)) {
      return refuse('DOSSIER_CODE_DATE_MISMATCH', [
        { field: 'payload.dossierCode', message: `Phần ngày phải là ${localDateOf(dated)}.` },
      ]);
    }
    return null;
  },

  supplementOnce: (i) => {
    const used =
      i.state.supplementRequestCount +
      (i.rules?.guidanceCountsTowardsSupplementLimit ? i.state.receptionGuidanceCount : 0);
    return used >= (i.rules?.supplementRequestLimit ?? 1) ? refuse('DOSSIER_SUPPLEMENT_ALREADY_REQUESTED') : null;
  },

  supplementWindow: (i) =>
    i.rules?.supplementRequestWindowEnforcement === 'BLOCK' && supplementRequestIsLate(i)
      ? refuse('DOSSIER_SUPPLEMENT_WINDOW_CLOSED')
      : null,

  supplementCompletionExpired: (i) => {
    const limit = i.rules?.supplementCompletionLimit;
    const since = i.state.supplement?.requestedAt;
    if (!limit || since === undefined) return refuse('DOSSIER_ACTION_NOT_IN_REGIME');
    return i.action.at > computeDue(i.ctx.calendar, since, limit).dueAt
      ? null
      : refuse('DOSSIER_SUPPLEMENT_CLOSE_TOO_EARLY');
  },

  rescheduleOnce: (i) =>
    i.state.rescheduleCount >= (i.rules?.rescheduleLimit ?? 1) ? refuse('DOSSIER_RESCHEDULE_ALREADY_USED') : null,

  rescheduleBeforeDue: (i) =>
    i.state.dueAt !== null && i.action.at < i.state.dueAt ? null : refuse('DOSSIER_RESCHEDULE_AFTER_DUE'),

  apologyLeadTime: (i) =>
    i.rules?.apologyLeadTimeEnforcement === 'BLOCK' && apologyIsLate(i) ? refuse('DOSSIER_APOLOGY_TOO_LATE') : null,

  rescheduleDateValid: (i) => {
    const p = payloadOf(i, 'APOLOGIZE_AND_RESCHEDULE');
    if (p.newDueDate !== undefined && !i.ctx.calendar.isWorkingDay(p.newDueDate)) {
      return refuse('DOSSIER_RESCHEDULE_NOT_WORKING_DAY', [
        { field: 'payload.newDueDate', message: 'Không phải ngày làm việc.' },
      ]);
    }
    const to = rescheduleTarget(i);
    return i.state.dueAt !== null && to > i.state.dueAt ? null : refuse('DOSSIER_RESCHEDULE_NOT_LATER');
  },

  paymentRequired: (i) => {
    const p = payloadOf(i, 'REQUEST_PAYMENT');
    return p.financialObligation || p.feeLines.some((f) => f.amount > 0)
      ? null
      : refuse('DOSSIER_PAYMENT_NOT_REQUIRED');
  },

  resultComplete: (i) => {
    const p = payloadOf(i, 'RESOLVE');
    const missing: string[] = [];
    if (p.outcome === 'APPROVED') {
      if (!p.resultNumber) missing.push('resultNumber');
      if (!p.signerName) missing.push('signerName');
    } else if (!p.refusalReason) missing.push('refusalReason');
    return missing.length === 0
      ? null
      : refuse(
          'DOSSIER_RESULT_INCOMPLETE',
          missing.map((f) => ({ field: `payload.${f}`, message: 'Không được để trống.' })),
        );
  },

  refusalOnlyDuringSupplement: (i) => {
    if (!(i.rules?.refusalAsResultDuringSupplement ?? false)) return refuse('DOSSIER_ACTION_NOT_ALLOWED');
    return payloadOf(i, 'RESOLVE').outcome === 'REFUSED' ? null : refuse('DOSSIER_REFUSAL_ONLY');
  },

  stopGround: (i) => {
    const g = payloadOf(i, 'STOP').legalGround;
    if (!g)
      return refuse('DOSSIER_STOP_GROUND_REQUIRED', [
        { field: 'payload.legalGround', message: 'Không được để trống.' },
      ]);
    const allowed = i.rules?.stopGrounds;
    return allowed && !allowed.includes(g)
      ? refuse('DOSSIER_STOP_GROUND_REQUIRED', [
          { field: 'payload.legalGround', message: 'Căn cứ không thuộc danh mục.' },
        ])
      : null;
  },

  subDossierNew: (i) => {
    const id = payloadOf(i, 'SEND_TO_COORDINATING_BODY').subDossierId;
    return i.state.subDossiers.some((d) => d.id === id) ? refuse('DOSSIER_SUB_DOSSIER_DUPLICATE') : null;
  },

  subDossierOpen: (i) => {
    const id = payloadOf(i, 'RECEIVE_COORDINATION_RESULT').subDossierId;
    return i.state.subDossiers.some((d) => d.id === id && d.returnedAt === null)
      ? null
      : refuse('DOSSIER_SUB_DOSSIER_UNKNOWN');
  },

  proxyAuthorised: (i) => {
    const r = payloadOf(i, 'DELIVER').recipient;
    return r.type === 'PROXY' && !r.authorisationRef
      ? refuse('DOSSIER_RECIPIENT_AUTHORISATION_REQUIRED', [
          { field: 'payload.recipient.authorisationRef', message: 'Không được để trống.' },
        ])
      : null;
  },
} satisfies Record<string, Guard>;

export type GuardName = keyof typeof guards;

/** Decree 118/2025 Art. 19(5): the request is due within the window after receipt (sector laws may differ). */
export function supplementRequestIsLate(i: TransitionInput): boolean {
  const window = i.state.procedure?.supplementRequestWindow ?? i.rules?.supplementRequestWindow ?? null;
  if (!window || i.state.receivedAt === null) return false;
  return i.action.at > computeDue(i.ctx.calendar, i.state.receivedAt, window).dueAt;
}

/** Less than the apology lead time (default 1 working day) left before the due time. */
export function apologyIsLate(i: TransitionInput): boolean {
  if (i.state.dueAt === null || !i.rules) return false;
  return !atLeastBefore(i, i.action.at, i.state.dueAt, i.rules.apologyLeadTime);
}

/** The new appointment: an instant, or a date (2025 Mẫu 04 prints a date only) read as its closing time. */
export function rescheduleTarget(i: TransitionInput): number {
  const p = payloadOf(i, 'APOLOGIZE_AND_RESCHEDULE');
  if (p.newDueAt !== undefined) return p.newDueAt;
  const cal = i.ctx.calendar;
  const d = cal.dayIndexOfDate(p.newDueDate!);
  return cal.dayStart(d) + cal.profileAt(d).closing;
}
