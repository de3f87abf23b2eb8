/**
 * The working hours left that queues, the dossier page, the early-warning list and the digest show for a dossier.
 */
import { workingTimeBetweenMs } from '../calendar/durations.js';
import type { WorkingCalendar } from '../calendar/workingCalendar.js';
import { stateInfo } from './statusCodes.js';
import type { DossierState } from './types.js';

const HOUR_MS = 3_600_000;

/**
 * The dossier's period is over: resolved (delivery does not count against it), or in a state it does not leave
 * (delivered, stopped, refused or guided elsewhere at reception, cancelled).
 */
export function periodEnded(s: DossierState): boolean {
  return s.state === 'RESOLVED' || stateInfo[s.state].terminal;
}

/**
 * Working hours from `now` to the due time, one decimal (negative when overdue), in the unit's calendar; null
 * without a due time, once the period is over, or while the clock is stopped (a restarting supplement, a
 * withdrawal request). A paused clock (a supplement that does not restart the period) or an excluded wait (fees
 * outside the time limit) stands still at what was left when the wait began: the due time moves by the wait when
 * the clock runs again.
 */
export function workingHoursLeft(calendar: WorkingCalendar, s: DossierState, now: number): number | null {
  if (s.dueAt === null || periodEnded(s) || s.clock === 'STOPPED') return null;
  const wait =
    s.clock === 'PAUSED' || s.clock === 'EXCLUDED' ? (s.pauses ?? []).find((p) => p.end === null) : undefined;
  return workingHoursUntil(calendar, s.dueAt, wait ? Math.min(wait.start, now) : now);
}

/** Working hours from `from` to `due`, one decimal, negative when `due` is past. */
export function workingHoursUntil(calendar: WorkingCalendar, due: number, from: number): number {
  const ms = due >= from ? workingTimeBetweenMs(calendar, from, due) : -workingTimeBetweenMs(calendar, due, from);
  return Math.round((ms / HOUR_MS) * 10) / 10;
}

/**
 * What a coordinating body answers to on its list: its open sub-dossier's own deadline and the working hours
 * left to it; null when the unit has no open sub-dossier or it was sent without a budget.
 */
export function coordinationDeadline(
  calendar: WorkingCalendar,
  s: DossierState,
  coordinatingBodyId: string,
  now: number,
): { dueAt: number; workingHoursLeft: number } | null {
  const sub = s.subDossiers.find((d) => d.coordinatingBodyId === coordinatingBodyId && d.returnedAt === null);
  if (!sub || sub.stepDueAt === null) return null;
  return { dueAt: sub.stepDueAt, workingHoursLeft: workingHoursUntil(calendar, sub.stepDueAt, now) };
}
