/**
 * The per-dossier on-time algorithm of the index (service-index-766 §4, formula description item 2.1), on
 * the normalized record. Events after the period end are not seen: a dossier finished later was
 * unfinished at the period end, so a past period gives the same answer whenever it is computed.
 */
import type { IndexDossier, IndexPeriod, IndexStatusEntry } from './types.js';

export type EndKind =
  'RESOLVED' | 'DELIVERED' | 'STOPPED' | 'REFUSED' | 'WITHDRAWAL_REQUESTED' | 'WAITING_FOR_CITIZEN' | 'PERIOD_END';

export interface OnTimeDecision {
  onTime: boolean;
  /** The rule that decided (for the drill-down). */
  rule: 'SECOND_SUPPLEMENT' | 'DUE_DATE' | 'STATUTORY_MAX';
  supplementRequests: number;
  endKind: EndKind;
  end: number;
  /** Elapsed clock time between the supplement request and the return to status 4. */
  pauseMs: number;
  effectiveEnd: number;
  /** What effectiveEnd is compared with: NgayHenTra, or reception + statutory maximum (null: neither known). */
  limit: number | null;
  /** effectiveEnd − limit when late, else 0. */
  lateByMs: number;
  /** No real end event before the period end. */
  unfinished: boolean;
}

/** Timeline entries before `periodEnd`, in log order. */
export function visibleTimeline(d: IndexDossier, periodEnd: number): IndexStatusEntry[] {
  return d.timeline.filter((e) => e.at < periodEnd);
}

function firstIndex(tl: readonly IndexStatusEntry[], status: number, from = 0): number {
  for (let k = from; k < tl.length; k++) if (tl[k]!.status === status) return k;
  return -1;
}

/** The real end event by precedence: 9 > 10 > earliest of 8, 3 (after reception), 7. */
export function endEventOf(
  tl: readonly IndexStatusEntry[],
): { kind: Exclude<EndKind, 'WAITING_FOR_CITIZEN' | 'PERIOD_END'>; at: number } | null {
  const r = firstIndex(tl, 9);
  if (r >= 0) return { kind: 'RESOLVED', at: tl[r]!.at };
  const d = firstIndex(tl, 10);
  if (d >= 0) return { kind: 'DELIVERED', at: tl[d]!.at };
  const received = firstIndex(tl, 2);
  const stops = tl
    .map((e, k) => ({ ...e, k }))
    .filter((e) => e.status === 8 || e.status === 7 || (e.status === 3 && received >= 0 && e.k > received))
    .sort((a, b) => a.at - b.at);
  const s = stops[0];
  if (!s) return null;
  return { kind: s.status === 8 ? 'STOPPED' : s.status === 3 ? 'REFUSED' : 'WITHDRAWAL_REQUESTED', at: s.at };
}

/** Supplement facts: the first request (status 5) and the first return to 4 after it. */
export function supplementOf(tl: readonly IndexStatusEntry[]): {
  requests: number;
  requestedAt: number | null;
  returnedAt: number | null;
} {
  const req = firstIndex(tl, 5);
  const back = req >= 0 ? firstIndex(tl, 4, req + 1) : -1;
  return {
    requests: tl.filter((e) => e.status === 5).length,
    requestedAt: req >= 0 ? tl[req]!.at : null,
    returnedAt: back >= 0 ? tl[back]!.at : null,
  };
}

/**
 * Decides one received dossier for a period. null = not decidable: not received, or neither NgayHenTra
 * nor a statutory maximum is known.
 */
export function decideOnTime(d: IndexDossier, period: IndexPeriod): OnTimeDecision | null {
  if (d.receivedAt === null) return null;
  const tl = visibleTimeline(d, period.end);
  const sup = supplementOf(tl);
  const real = endEventOf(tl);
  let endKind: EndKind;
  let end: number;
  if (real) {
    endKind = real.kind;
    end = real.at;
  } else if (sup.requestedAt !== null && sup.returnedAt === null) {
    endKind = 'WAITING_FOR_CITIZEN';
    end = sup.requestedAt;
  } else {
    endKind = 'PERIOD_END';
    end = period.end;
  }
  const pauseMs = sup.requestedAt !== null && sup.returnedAt !== null ? sup.returnedAt - sup.requestedAt : 0;
  const effectiveEnd = end - pauseMs;
  const limit = d.dueAt !== null ? d.dueAt : d.statutoryMaxMs !== null ? d.receivedAt + d.statutoryMaxMs : null;
  const common = { supplementRequests: sup.requests, endKind, end, pauseMs, effectiveEnd, limit, unfinished: !real };
  if (sup.requests > 1) {
    // More than one supplement request: overdue whatever the dates say.
    return {
      ...common,
      onTime: false,
      rule: 'SECOND_SUPPLEMENT',
      lateByMs: limit === null ? 0 : Math.max(0, effectiveEnd - limit),
    };
  }
  if (limit === null) return null;
  const onTime = effectiveEnd <= limit;
  return {
    ...common,
    onTime,
    rule: d.dueAt !== null ? 'DUE_DATE' : 'STATUTORY_MAX',
    lateByMs: onTime ? 0 : effectiveEnd - limit,
  };
}

/** Whether the dossier is "received or processed in the period" (ON_TIME_RATE population). */
export function inOnTimeScope(
  d: IndexDossier,
  period: IndexPeriod,
  scope: 'RECEIVED_OR_OPEN_IN_PERIOD' | 'RECEIVED_IN_PERIOD',
): boolean {
  if (d.receivedAt === null || d.receivedAt >= period.end) return false;
  if (d.receivedAt >= period.start) return true;
  if (scope === 'RECEIVED_IN_PERIOD') return false;
  const before = d.timeline.filter((e) => e.at < period.start);
  return endEventOf(before) === null;
}
