/**
 * Timeliness classes for reports (Biểu 06/VPCP/KSTT, Circular 01/2020/TT-VPCP)
 * and warning states for dashboards (§10.2–10.4).
 */
import { CalendarError } from './errors.js';
import { dueDayInstant, localDayOf } from './localTime.js';
import { workingTimeBetweenMs, hoursToMs, type Duration } from './durations.js';
import type { WorkingCalendar } from './workingCalendar.js';

export type CompletedTimeliness = 'EARLY' | 'ON_TIME' | 'OVERDUE';
export type InProgressTimeliness = 'WITHIN_DEADLINE' | 'OVERDUE';
/** HYBRID (default, likely): overdue by timestamp, early/on time by date. */
export type TimelinessGranularity = 'HYBRID' | 'DATE' | 'TIMESTAMP';

/** Class of an item resolved at `completedAt` ("completed" = resolved, status 9). */
export function classifyCompleted(
  completedAt: number,
  dueAt: number,
  granularity: TimelinessGranularity = 'HYBRID',
): CompletedTimeliness {
  if (!Number.isFinite(completedAt) || !Number.isFinite(dueAt)) {
    throw new CalendarError('CALENDAR_INVALID_INSTANT', 'completedAt and dueAt must be finite instants');
  }
  if (granularity === 'TIMESTAMP') return completedAt < dueAt ? 'EARLY' : completedAt === dueAt ? 'ON_TIME' : 'OVERDUE';
  const cd = localDayOf(completedAt);
  const dd = localDayOf(dueDayInstant(dueAt));
  if (granularity === 'DATE') return cd < dd ? 'EARLY' : cd === dd ? 'ON_TIME' : 'OVERDUE';
  if (completedAt > dueAt) return 'OVERDUE';
  return cd < dd ? 'EARLY' : 'ON_TIME';
}

/** Item still open at period end P (an instant; "24:00 of day X" is the next day's 00:00). */
export function classifyInProgress(dueAt: number, periodEnd: number): InProgressTimeliness {
  return dueAt >= periodEnd ? 'WITHIN_DEADLINE' : 'OVERDUE';
}

export type WarningState = 'NORMAL' | 'DUE_SOON' | 'OVERDUE' | 'SERIOUSLY_OVERDUE';

export interface WarningThresholds {
  /** Remaining working time under which an item is "due soon". Default 1 working day (of 8 h). */
  dueSoon?: Duration;
  /** Working time past due from which an item is "seriously overdue". Default none (unconfirmed). */
  seriouslyOverdue?: Duration;
  /** Hours of one working day when a threshold is in WORKING_DAYS. Default 8. */
  workingDayHours?: number;
}

function thresholdMs(d: Duration, dayHours: number): number {
  if (d.unit === 'WORKING_HOURS') return hoursToMs(d.value);
  if (d.unit === 'WORKING_DAYS') return hoursToMs(d.value * dayHours);
  throw new CalendarError('CALENDAR_INVALID_DURATION', 'warning thresholds are in working days or working hours');
}

/** Dashboard warning state of an open item at `now` (a parameter: the engine never reads the clock). */
export function warningState(
  cal: WorkingCalendar,
  dueAt: number,
  now: number,
  t: WarningThresholds = {},
): WarningState {
  const dayHours = t.workingDayHours ?? 8;
  if (now > dueAt) {
    if (t.seriouslyOverdue && workingTimeBetweenMs(cal, dueAt, now) >= thresholdMs(t.seriouslyOverdue, dayHours)) {
      return 'SERIOUSLY_OVERDUE';
    }
    return 'OVERDUE';
  }
  const soon = thresholdMs(t.dueSoon ?? { value: 1, unit: 'WORKING_DAYS' }, dayHours);
  return workingTimeBetweenMs(cal, now, dueAt) <= soon ? 'DUE_SOON' : 'NORMAL';
}
