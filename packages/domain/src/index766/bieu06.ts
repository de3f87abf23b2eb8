/**
 * Biểu 06/VPCP/KSTT (Circular 01/2020/TT-VPCP; one-stop-dossiers §18) from the normalized records: per
 * field (lĩnh vực) and per level — received (online, counter + postal, carried over), resolved (early, on
 * time, overdue), in progress (within deadline, overdue) — with the consistency check as a reported value.
 */
import { classifyCompleted, classifyInProgress, type TimelinessGranularity } from '../calendar/index.js';
import { endEventOf, visibleTimeline } from './onTime.js';
import type { IndexDossier, IndexPeriod, UnitLevel } from './types.js';

export interface Bieu06Row {
  /** Field code, level, or 'TOTAL'. */
  key: string;
  received: { total: number; online: number; counterAndPostal: number; carriedOver: number };
  resolved: { total: number; early: number; onTime: number; overdue: number; unclassified: number };
  inProgress: { total: number; withinDeadline: number; overdue: number; unclassified: number };
  /** Stopped, withdrawn or refused after reception, within the period (no column in the form: reported apart). */
  closedOther: number;
  /** Channel unknown: counted in received.total only. */
  channelUnknown: number;
  consistency: { received: number; accounted: number; difference: number; ok: boolean };
}

export interface Bieu06Report {
  period: IndexPeriod;
  byField: Bieu06Row[];
  byLevel: Bieu06Row[];
  total: Bieu06Row;
}

export interface Bieu06Options {
  granularity?: TimelinessGranularity;
  /** Level of records without one. */
  defaultLevel?: UnitLevel;
  /** Count stopped / withdrawn / refused dossiers on the resolved side of the check (unconfirmed; default false). */
  closedCountsAsResolved?: boolean;
}

function emptyRow(key: string): Bieu06Row {
  return {
    key,
    received: { total: 0, online: 0, counterAndPostal: 0, carriedOver: 0 },
    resolved: { total: 0, early: 0, onTime: 0, overdue: 0, unclassified: 0 },
    inProgress: { total: 0, withinDeadline: 0, overdue: 0, unclassified: 0 },
    closedOther: 0,
    channelUnknown: 0,
    consistency: { received: 0, accounted: 0, difference: 0, ok: true },
  };
}

function add(row: Bieu06Row, d: IndexDossier, period: IndexPeriod, granularity: TimelinessGranularity): void {
  const received = d.receivedAt!;
  const before = visibleTimeline(d, period.start);
  const carried = received < period.start;
  if (carried) {
    if (endEventOf(before) !== null) return; // ended before the period: not in this report
    row.received.carriedOver++;
  } else if (d.channel === 'ONLINE') row.received.online++;
  else if (d.channel === 'COUNTER' || d.channel === 'POSTAL') row.received.counterAndPostal++;
  else row.channelUnknown++;
  row.received.total++;

  const tl = visibleTimeline(d, period.end);
  const resolvedAt = (tl.find((e) => e.status === 9) ?? tl.find((e) => e.status === 10))?.at ?? null;
  const due = d.reportDueAt ?? d.dueAt;
  if (resolvedAt !== null) {
    row.resolved.total++;
    if (due === null) row.resolved.unclassified++;
    else {
      const c = classifyCompleted(resolvedAt, due, granularity);
      if (c === 'EARLY') row.resolved.early++;
      else if (c === 'ON_TIME') row.resolved.onTime++;
      else row.resolved.overdue++;
    }
    return;
  }
  const end = endEventOf(tl);
  if (end !== null) {
    row.closedOther++;
    return;
  }
  row.inProgress.total++;
  if (due === null) row.inProgress.unclassified++;
  else if (classifyInProgress(due, period.end) === 'WITHIN_DEADLINE') row.inProgress.withinDeadline++;
  else row.inProgress.overdue++;
}

function finish(row: Bieu06Row, closedCountsAsResolved: boolean): Bieu06Row {
  const accounted = row.resolved.total + row.inProgress.total + (closedCountsAsResolved ? row.closedOther : 0);
  const difference = row.received.total - accounted;
  return { ...row, consistency: { received: row.received.total, accounted, difference, ok: difference === 0 } };
}

/**
 * Dossiers in the report: received before the period end, and not ended before the period start. A
 * dossier resolved in the period counts once, in the period of its status 9 (else 10).
 */
export function bieu06(
  dossiers: readonly IndexDossier[],
  period: IndexPeriod,
  options: Bieu06Options = {},
): Bieu06Report {
  const granularity = options.granularity ?? 'HYBRID';
  const level = options.defaultLevel ?? 'PROVINCE';
  const closed = options.closedCountsAsResolved ?? false;
  const byField = new Map<string, Bieu06Row>();
  const byLevel = new Map<string, Bieu06Row>();
  const total = emptyRow('TOTAL');
  for (const d of dossiers) {
    if (d.receivedAt === null || d.receivedAt >= period.end) continue;
    const f = d.fieldCode ?? '(không rõ lĩnh vực)';
    const l = d.unitLevel ?? level;
    if (!byField.has(f)) byField.set(f, emptyRow(f));
    if (!byLevel.has(l)) byLevel.set(l, emptyRow(l));
    add(byField.get(f)!, d, period, granularity);
    add(byLevel.get(l)!, d, period, granularity);
    add(total, d, period, granularity);
  }
  const sorted = (m: Map<string, Bieu06Row>) =>
    [...m.values()]
      .filter((r) => r.received.total > 0)
      .sort((a, b) => a.key.localeCompare(b.key))
      .map((r) => finish(r, closed));
  return { period, byField: sorted(byField), byLevel: sorted(byLevel), total: finish(total, closed) };
}
