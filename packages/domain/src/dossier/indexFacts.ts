/**
 * Per-dossier facts for the Decision 766 index (service-index-766 §4) and Biểu 06, derived from the
 * status timeline so that they match what the portal sees.
 */
import { classifyCompleted } from '../calendar/index.js';
import type { DossierOptions } from './regimes.js';
import type { DossierState, IndexFacts, NationalStatusCode, TimelineEntry } from './types.js';

/** First entry with the code, after position `from` of the timeline (order of the log, not of `at`). */
function first(
  tl: readonly TimelineEntry[],
  code: NationalStatusCode,
  from = 0,
): (TimelineEntry & { pos: number }) | undefined {
  for (let k = from; k < tl.length; k++) if (tl[k]!.statusCode === code) return { ...tl[k]!, pos: k };
  return undefined;
}

/** End event by precedence: 9 > 10 > earliest of 8 / 7 (a status 3 never follows reception here). */
function endEventOf(tl: readonly TimelineEntry[]): IndexFacts['endEvent'] {
  const resolved = first(tl, 9);
  if (resolved) return { kind: 'RESOLVED', at: resolved.at };
  const delivered = first(tl, 10);
  if (delivered) return { kind: 'DELIVERED', at: delivered.at };
  const stops = tl.filter((e) => e.statusCode === 8 || e.statusCode === 7).sort((a, b) => a.at - b.at);
  const s = stops[0];
  return s ? { kind: s.statusCode === 8 ? 'STOPPED' : 'WITHDRAWAL_REQUESTED', at: s.at } : null;
}

export function syncedDueAtOf(s: DossierState, o: DossierOptions): number | null {
  if (o.syncedDueAtBasis === 'CURRENT') return s.dueAt;
  if (o.syncedDueAtBasis === 'SUPPLEMENT_ADJUSTED') return s.supplementAdjustedDueAt ?? s.originalDueAt;
  return s.originalDueAt;
}

/** Biểu 06 due: the legal deadline (with supplement adjustment) unless the locality counts the apology's date. */
export function reportDueAtOf(s: DossierState, o: DossierOptions): number | null {
  return o.reportDueBasis === 'RESCHEDULED' ? s.dueAt : (s.supplementAdjustedDueAt ?? s.originalDueAt);
}

/** The 766 on-time rule; `periodEnd` ends a dossier still in progress. */
export function onTime766(s: DossierState, o: DossierOptions, periodEnd?: number): boolean | null {
  if (s.receivedAt === null) return null;
  const tl = s.timeline;
  if (tl.filter((e) => e.statusCode === 5).length > 1) return false;
  const req = first(tl, 5);
  const back = req ? first(tl, 4, req.pos + 1) : undefined;
  let end = endEventOf(tl)?.at;
  if (end === undefined && req && !back) end = req.at;
  end ??= periodEnd;
  if (end === undefined) return null;
  const effectiveEnd = end - (req && back ? back.at - req.at : 0);
  const due = syncedDueAtOf(s, o);
  return due === null ? null : effectiveEnd <= due;
}

export function indexFactsOf(s: DossierState, o: DossierOptions): IndexFacts {
  const tl = s.timeline;
  const req = first(tl, 5);
  const back = req ? first(tl, 4, req.pos + 1) : undefined;
  const onTime = onTime766(s, o);
  const reportDue = reportDueAtOf(s, o);
  return {
    counted: s.receivedAt !== null,
    supplementStatusCount: tl.filter((e) => e.statusCode === 5).length,
    endEvent: endEventOf(tl),
    waitingForCitizenSince: req && !back ? req.at : null,
    supplementElapsedMs: req && back ? back.at - req.at : 0,
    syncedDueAt: syncedDueAtOf(s, o),
    onTime,
    late: onTime === false,
    completedTimeliness:
      s.resolvedAt !== null && reportDue !== null
        ? classifyCompleted(s.resolvedAt, reportDue, o.timelinessGranularity)
        : null,
  };
}
