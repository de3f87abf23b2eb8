/**
 * Internal-process step records (spec §4, §14.2). A step's budget is working time; its timeliness is the
 * production rule "allotted minutes > used minutes → early; equal → on time; else overdue", with waits
 * (supplement in PAUSE mode, excluded payment) not charged to the step.
 */
import {
  addWorkingTime,
  dueAfterPausedTimeMs,
  hoursToMs,
  workingTimeBetween,
  type CompletedTimeliness,
  type Duration,
  type WorkingCalendar,
} from '../calendar/index.js';
import type { DossierState, StepRecord } from './types.js';

export function budgetMs(budget: Duration, workingDayHours: number): number {
  return hoursToMs(budget.unit === 'WORKING_HOURS' ? budget.value : budget.value * workingDayHours);
}

export function stepDueAt(
  cal: WorkingCalendar,
  start: number,
  budget: Duration | null,
  workingDayHours: number,
): number | null {
  return budget ? addWorkingTime(cal, start, budgetMs(budget, workingDayHours)) : null;
}

export function stepTimeliness(usedMs: number, allottedMs: number): CompletedTimeliness {
  const used = Math.round(usedMs / 60_000);
  const allotted = Math.round(allottedMs / 60_000);
  return allotted > used ? 'EARLY' : allotted === used ? 'ON_TIME' : 'OVERDUE';
}

export function openStepIndex(s: DossierState): number {
  return s.steps.findIndex((st) => st.endedAt === null);
}

export function closeOpenStep(
  s: DossierState,
  at: number,
  reason: NonNullable<StepRecord['endReason']>,
  cal: WorkingCalendar,
  workingDayHours: number,
): DossierState {
  const k = openStepIndex(s);
  if (k < 0) return s;
  const st = s.steps[k]!;
  const used = Math.max(0, workingTimeBetween(cal, st.assignedAt, at) - st.pausedWorkingMs);
  const closed: StepRecord = {
    ...st,
    endedAt: at,
    endReason: reason,
    usedWorkingMs: used,
    timeliness: st.budget ? stepTimeliness(used, budgetMs(st.budget, workingDayHours)) : null,
  };
  return { ...s, steps: s.steps.map((x, j) => (j === k ? closed : x)) };
}

/** A closed wait inside the open step: not charged to it, and its personal deadline moves too. */
export function creditOpenStep(s: DossierState, pausedMs: number, cal: WorkingCalendar): DossierState {
  const k = openStepIndex(s);
  if (k < 0 || pausedMs === 0) return s;
  const st = s.steps[k]!;
  const moved: StepRecord = {
    ...st,
    pausedWorkingMs: st.pausedWorkingMs + pausedMs,
    stepDueAt: st.stepDueAt === null ? null : dueAfterPausedTimeMs(cal, st.stepDueAt, pausedMs),
  };
  return { ...s, steps: s.steps.map((x, j) => (j === k ? moved : x)) };
}
