/**
 * Effects: named, pure state updates. Deadline arithmetic goes through the calendar engine only.
 * The table says which effects a transition has; the state name, status code, clock and timeline are
 * set afterwards by decide(), uniformly for every row.
 */
import {
  computeDue,
  dueAfterPausedTimeMs,
  officialReceiptTime,
  officialStartMs,
  cutoffMsOf,
  restartDeadline,
  sameDayDueMs,
  workingTimeBetween,
  MINUTE_MS,
} from '../calendar/index.js';
import { apologyIsLate, rescheduleTarget, supplementRequestIsLate } from './guards.js';
import { regimeFor } from './regimes.js';
import { closeOpenStep, creditOpenStep, stepDueAt } from './steps.js';
import { payloadOf, type TransitionInput } from './transition.js';
import type { ComponentFlags, DossierState, DossierStateName, WaitPeriod } from './types.js';

export type Effect = (s: DossierState, i: TransitionInput) => DossierState;

/** Closes open waits without moving the deadline: the dossier ended while waiting. */
function endOpenWaits(s: DossierState, i: TransitionInput): DossierState {
  if (!s.pauses.some((p) => p.end === null)) return s;
  const at = i.action.at;
  return {
    ...s,
    pauses: s.pauses.map((p) =>
      p.end === null ? { ...p, end: at, workingMs: workingTimeBetween(i.ctx.calendar, p.start, at) } : p,
    ),
  };
}

/** Closes the open wait of a kind; returns the state and the wait's working time. */
function closeWait(
  s: DossierState,
  kind: WaitPeriod['kind'],
  end: number,
  i: TransitionInput,
): [DossierState, WaitPeriod | null] {
  const k = s.pauses.findIndex((p) => p.kind === kind && p.end === null);
  if (k < 0) return [s, null];
  const w = { ...s.pauses[k]!, end, workingMs: workingTimeBetween(i.ctx.calendar, s.pauses[k]!.start, end) };
  return [{ ...s, pauses: s.pauses.map((p, j) => (j === k ? w : p)) }, w];
}

function mergeComponents(old: ComponentFlags[], add: ComponentFlags[]): ComponentFlags[] {
  const byCode = new Map(old.map((c) => [c.code, c]));
  for (const c of add) byCode.set(c.code, c);
  return [...byCode.values()];
}

/** Where a wait returns: a dossier still at the office is with the competent body once it resumes (status 4). */
function resumeTarget(from: DossierStateName): DossierStateName {
  return from === 'RECEIVED' ? 'HANDED_OFF' : from;
}

function transferDue(i: TransitionInput, receivedAt: number): number {
  const cal = i.ctx.calendar;
  const cutoff = cutoffMsOf(i.options.transferCutoffTime);
  const normalized = cal.normalizeStart(receivedAt);
  const s = officialStartMs(cal, receivedAt, cutoff);
  // After 15:00 (Art. 19(1)(b)): the start of the next working day, plus a grace; else the same day's closing.
  return s !== normalized ? s + i.options.transferGraceMinutes * MINUTE_MS : sameDayDueMs(cal, s);
}

export const effects = {
  submit: (s, i) => {
    const p = payloadOf(i, 'SUBMIT');
    return { ...s, channel: p.channel, submittedAt: s.submittedAt ?? i.action.at };
  },

  guideToComplete: (s, i) => {
    const p = payloadOf(i, 'GUIDE_TO_COMPLETE');
    return {
      ...s,
      receptionGuidanceCount: s.receptionGuidanceCount + 1,
      receptionNote: { kind: 'GUIDED_TO_COMPLETE', reasons: [p.reason], items: p.items },
    };
  },

  guideToOtherBody: (s, i) => {
    const p = payloadOf(i, 'GUIDE_TO_OTHER_BODY');
    return {
      ...s,
      receptionNote: {
        kind: 'GUIDED_TO_OTHER_BODY',
        reasons: [p.reason],
        items: p.suggestedBody ? [p.suggestedBody] : [],
      },
    };
  },

  refuseReception: (s, i) => {
    const p = payloadOf(i, 'REFUSE_RECEPTION');
    return { ...s, receptionNote: { kind: 'REFUSED', reasons: p.reasons, items: [] } };
  },

  receive: (s, i) => {
    const p = payloadOf(i, 'RECEIVE');
    const at = i.action.at;
    const cal = i.ctx.calendar;
    const pr = p.procedure;
    const opts = { dueTimeMode: pr.dueTimeMode, cutoffTime: pr.cutoffTime };
    const due = computeDue(cal, at, pr.timeLimit, opts).dueAt;
    return {
      ...s,
      regime: regimeFor(at, i.ctx.ruleSets)?.id ?? null,
      channel: p.channel,
      dossierCode: p.dossierCode,
      receivingUnitId: p.receivingUnitId ?? i.action.actor.unitId,
      procedure: {
        procedureCode: pr.procedureCode ?? null,
        procedureCaseId: pr.procedureCaseId ?? null,
        procedureVersionId: pr.procedureVersionId ?? null,
        timeLimit: pr.timeLimit,
        dueTimeMode: pr.dueTimeMode,
        cutoffTime: pr.cutoffTime,
        supplementClockMode: pr.supplementClockMode,
        supplementRequestWindow: pr.supplementRequestWindow,
        excludedPeriods: pr.excludedPeriods,
        immediateResult: pr.immediateResult,
      },
      receivedAt: at,
      officialReceiptAt: officialReceiptTime(cal, at, { cutoffTime: pr.cutoffTime }).officialStart,
      transferDueAt: p.channel === 'ONLINE' ? null : transferDue(i, at),
      dueAt: due,
      originalDueAt: due,
      digitization: {
        components: mergeComponents(s.digitization.components, p.components),
        accountVerifiedWithVNeID: s.digitization.accountVerifiedWithVNeID || p.accountVerifiedWithVNeID,
      },
    };
  },

  transfer: (s, i) => ({
    ...s,
    transferredAt: i.action.at,
    transferLate: s.transferDueAt !== null && i.action.at > s.transferDueAt,
  }),

  openStep: (s, i) => {
    const p = payloadOf(i, 'ASSIGN');
    const closed = closeOpenStep(s, i.action.at, 'REASSIGNED', i.ctx.calendar, i.options.workingDayHours);
    const budget = p.budget ?? null;
    return {
      ...closed,
      steps: [
        ...closed.steps,
        {
          stepId: p.stepId,
          name: p.stepName ?? null,
          assigneeUserId: p.assigneeUserId,
          unitId: p.unitId ?? i.action.actor.unitId,
          assignedAt: i.action.at,
          takenAt: null,
          endedAt: null,
          endReason: null,
          budget,
          stepDueAt: stepDueAt(i.ctx.calendar, i.action.at, budget, i.options.workingDayHours),
          pausedWorkingMs: 0,
          usedWorkingMs: null,
          timeliness: null,
        },
      ],
    };
  },

  takeStep: (s, i) => ({
    ...s,
    steps: s.steps.map((st) => (st.endedAt === null ? { ...st, takenAt: i.action.at } : st)),
  }),

  closeStep: (s, i) => {
    const reason =
      i.action.type === 'HAND_OFF'
        ? 'HANDED_OFF'
        : i.action.type === 'SEND_BACK'
          ? 'SENT_BACK'
          : i.action.type === 'RESOLVE'
            ? 'RESOLVED'
            : 'ENDED';
    return closeOpenStep(s, i.action.at, reason, i.ctx.calendar, i.options.workingDayHours);
  },

  openSubDossier: (s, i) => {
    const p = payloadOf(i, 'SEND_TO_COORDINATING_BODY');
    return {
      ...s,
      resumeTo: s.state === 'COORDINATING' ? s.resumeTo : s.state,
      subDossiers: [
        ...s.subDossiers,
        {
          id: p.subDossierId,
          coordinatingBodyId: p.coordinatingBodyId,
          sentAt: i.action.at,
          stepDueAt: stepDueAt(i.ctx.calendar, i.action.at, p.budget ?? null, i.options.workingDayHours),
          returnedAt: null,
          result: null,
        },
      ],
    };
  },

  closeSubDossier: (s, i) => {
    const p = payloadOf(i, 'RECEIVE_COORDINATION_RESULT');
    return {
      ...s,
      subDossiers: s.subDossiers.map((d) =>
        d.id === p.subDossierId ? { ...d, returnedAt: i.action.at, result: p.result } : d,
      ),
    };
  },

  requestPayment: (s, i) => {
    const p = payloadOf(i, 'REQUEST_PAYMENT');
    const excluded = s.procedure?.excludedPeriods.includes('FINANCIAL_OBLIGATION') ?? false;
    return {
      ...s,
      resumeTo: resumeTarget(s.state),
      payment: {
        feeLines: p.feeLines,
        requestedAt: i.action.at,
        status: 'PENDING',
        paidAt: null,
        channel: null,
        receiptUrl: null,
        excludedFromDeadline: excluded,
      },
      pauses: [
        ...s.pauses,
        {
          kind: 'FINANCIAL_OBLIGATION',
          start: i.action.at,
          end: null,
          deadlineEffect: excluded ? 'EXCLUDE' : 'NONE',
          workingMs: null,
        },
      ],
    };
  },

  confirmPayment: (s0, i) => {
    const p = payloadOf(i, 'CONFIRM_PAYMENT');
    const [s, w] = closeWait(s0, 'FINANCIAL_OBLIGATION', i.action.at, i);
    const paid = {
      ...s,
      payment: s.payment && {
        ...s.payment,
        status: 'PAID' as const,
        paidAt: i.action.at,
        channel: p.channel,
        receiptUrl: p.receiptUrl ?? null,
      },
    };
    if (!w || w.deadlineEffect !== 'EXCLUDE' || !w.workingMs || paid.dueAt === null) return paid;
    const mode = paid.procedure?.dueTimeMode ?? 'SAME_TIME';
    return creditOpenStep(
      { ...paid, dueAt: dueAfterPausedTimeMs(i.ctx.calendar, paid.dueAt, w.workingMs, mode) },
      w.workingMs,
      i.ctx.calendar,
    );
  },

  requestSupplement: (s, i) => {
    const p = payloadOf(i, 'REQUEST_SUPPLEMENT');
    const mode = s.procedure?.supplementClockMode ?? i.rules?.supplementClockMode ?? 'PAUSE';
    const base: DossierState = {
      ...s,
      resumeTo: resumeTarget(s.state),
      supplementRequestCount: s.supplementRequestCount + 1,
      supplement: {
        requestedAt: i.action.at,
        requestedBy: i.action.actor.userId,
        items: p.items,
        reason: p.reason,
        mode,
        requestedLate: supplementRequestIsLate(i),
        submittedAt: null,
        rejectedCount: 0,
        completedAt: null,
      },
      pauses: [
        ...s.pauses,
        { kind: 'SUPPLEMENT', start: i.action.at, end: null, deadlineEffect: mode, workingMs: null },
      ],
    };
    // RESTART: processing starts again at the first step, so the current step ends here.
    return mode === 'RESTART'
      ? closeOpenStep(base, i.action.at, 'SUPPLEMENT_RESTART', i.ctx.calendar, i.options.workingDayHours)
      : base;
  },

  submitSupplement: (s, i) => ({ ...s, supplement: s.supplement && { ...s.supplement, submittedAt: i.action.at } }),

  rejectSupplement: (s) => ({
    ...s,
    supplement: s.supplement && { ...s.supplement, rejectedCount: s.supplement.rejectedCount + 1 },
  }),

  acceptSupplement: (s0, i) => {
    const sup = s0.supplement;
    const end = i.options.supplementCompletedAtEvent === 'SUBMITTED' ? (sup?.submittedAt ?? i.action.at) : i.action.at;
    const [s, w] = closeWait(s0, 'SUPPLEMENT', end, i);
    const withFacts: DossierState = { ...s, supplement: sup && { ...sup, completedAt: end } };
    if (!w || withFacts.dueAt === null || !withFacts.procedure) return withFacts;
    const pr = withFacts.procedure;
    if (w.deadlineEffect === 'RESTART') {
      const due = restartDeadline(i.ctx.calendar, end, pr.timeLimit, {
        dueTimeMode: pr.dueTimeMode,
        cutoffTime: pr.cutoffTime,
      }).dueAt;
      return { ...withFacts, dueAt: due, supplementAdjustedDueAt: due };
    }
    const due = dueAfterPausedTimeMs(i.ctx.calendar, withFacts.dueAt, w.workingMs ?? 0, pr.dueTimeMode);
    return creditOpenStep({ ...withFacts, dueAt: due, supplementAdjustedDueAt: due }, w.workingMs ?? 0, i.ctx.calendar);
  },

  closeUnsupplemented: (s, i) => ({
    ...endOpenWaits(s, i),
    stoppedAt: i.action.at,
    stop: {
      at: i.action.at,
      cause: 'SUPPLEMENT_NOT_COMPLETED',
      legalGround: 'Nghị định 118/2025/NĐ-CP Điều 19 khoản 5',
      reason: payloadOf(i, 'CLOSE_UNSUPPLEMENTED').note ?? 'Quá thời hạn bổ sung hồ sơ',
      stopNoticeRequired: i.rules?.stopNoticeRequired ?? false,
      stopNoticeNumber: null,
    },
  }),

  reschedule: (s, i) => {
    const p = payloadOf(i, 'APOLOGIZE_AND_RESCHEDULE');
    const to = rescheduleTarget(i);
    return {
      ...s,
      rescheduleCount: s.rescheduleCount + 1,
      rescheduledDueAt: to,
      dueAt: to,
      apology: {
        at: i.action.at,
        reason: p.reason,
        signerName: p.signerName ?? null,
        letterNumber: p.letterNumber ?? null,
        previousDueAt: s.dueAt ?? to,
        newDueAt: to,
        lateNotice: apologyIsLate(i),
      },
    };
  },

  recordDigitization: (s, i) => {
    const p = payloadOf(i, 'RECORD_DIGITIZATION');
    return {
      ...s,
      digitization: {
        components: mergeComponents(s.digitization.components, p.components),
        accountVerifiedWithVNeID: p.accountVerifiedWithVNeID ?? s.digitization.accountVerifiedWithVNeID,
      },
    };
  },

  resolve: (s, i) => {
    const p = payloadOf(i, 'RESOLVE');
    return {
      ...endOpenWaits(s, i),
      resolvedAt: i.action.at,
      result: {
        outcome: p.outcome,
        resultNumber: p.resultNumber ?? null,
        signerName: p.signerName ?? null,
        signingCapacity: p.signingCapacity ?? null,
        signedAt: p.signedAt ?? i.action.at,
        resultCode: p.resultCode ?? null,
        fileUrl: p.fileUrl ?? null,
        electronicCopySha256Present: p.fileSha256 !== undefined,
        refusalReason: p.refusalReason ?? null,
      },
    };
  },

  deliver: (s, i) => {
    const p = payloadOf(i, 'DELIVER');
    return {
      ...s,
      deliveredAt: i.action.at,
      delivery: {
        method: p.method,
        deliveredAt: i.action.at,
        recipientType: p.recipient.type,
        recipientName: p.recipient.name,
        recipientIdNumber: p.recipient.idNumber ?? null,
        authorisationRef: p.recipient.authorisationRef ?? null,
        waybillNumber: p.waybillNumber ?? null,
        pushedToPersonalDataStore: p.pushedToPersonalDataStore,
      },
    };
  },

  requestWithdrawal: (s, i) => {
    const p = payloadOf(i, 'REQUEST_WITHDRAWAL');
    return {
      ...endOpenWaits(s, i),
      withdrawalRequestedAt: i.action.at,
      withdrawal: { at: i.action.at, reason: p.reason ?? null, channel: p.channel ?? null },
    };
  },

  stop: (s, i) => {
    const p = payloadOf(i, 'STOP');
    return {
      ...endOpenWaits(s, i),
      stoppedAt: i.action.at,
      stop: {
        at: i.action.at,
        cause: s.state === 'WITHDRAWAL_REQUESTED' ? 'WITHDRAWAL' : 'LEGAL_GROUND',
        legalGround: p.legalGround ?? null,
        reason: p.reason,
        stopNoticeRequired: i.rules?.stopNoticeRequired ?? false,
        stopNoticeNumber: p.stopNoticeNumber ?? null,
      },
    };
  },
} satisfies Record<string, Effect>;

export type EffectName = keyof typeof effects;
