/**
 * Clock pauses (§10.1): supplement requests in PAUSE mode, financial
 * obligations, field work, suspensions. The paused working time is added back
 * to the deadline; RESTART mode recomputes the full duration instead.
 */
import { CalendarError } from './errors.js';
import {
  computeDue,
  addWorkingTimeMs,
  workingTimeBetweenMs,
  type DueOptions,
  type DueResult,
  type DueTimeMode,
  type Duration,
} from './durations.js';
import type { InstantInput } from './localTime.js';
import type { WorkingCalendar } from './workingCalendar.js';

/** Deadline after a pause [pauseStart, pauseEnd): dueAt + paused working time, then dueTimeMode re-applied. */
export function dueAfterPauseMs(
  cal: WorkingCalendar,
  dueAt: number,
  pauseStart: number,
  pauseEnd: number,
  mode: DueTimeMode = 'SAME_TIME',
): number {
  return dueAfterPausedTimeMs(cal, dueAt, workingTimeBetweenMs(cal, pauseStart, pauseEnd), mode);
}

/** Adds an already measured paused working time (ms) to a deadline. */
export function dueAfterPausedTimeMs(
  cal: WorkingCalendar,
  dueAt: number,
  pausedMs: number,
  mode: DueTimeMode = 'SAME_TIME',
): number {
  // A pause without working time must leave the deadline untouched (not even re-normalized).
  if (pausedMs === 0) return dueAt;
  const d = addWorkingTimeMs(cal, dueAt, pausedMs);
  if (mode === 'END_OF_DAY') {
    const i = cal.dayIndexOf(d);
    return cal.dayStart(i) + cal.profileAt(i).closing;
  }
  return d;
}

/** An immutable deadline clock that can be paused and resumed. */
export interface DeadlineClock {
  dueAt: number;
  /** Set while paused. */
  pausedAt: number | null;
  /** Working time paused so far (ms), for reports. */
  pausedWorkingMs: number;
}

export function startClock(dueAt: number): DeadlineClock {
  return { dueAt, pausedAt: null, pausedWorkingMs: 0 };
}

/** Pauses the clock; pausing a paused clock is an error (the first pause start would be lost). */
export function pauseClock(clock: DeadlineClock, at: number): DeadlineClock {
  if (clock.pausedAt !== null) throw new CalendarError('CALENDAR_INVALID_OPTION', 'clock is already paused');
  return { ...clock, pausedAt: at };
}

/** Resumes the clock and moves the deadline by the paused working time. */
export function resumeClock(
  cal: WorkingCalendar,
  clock: DeadlineClock,
  at: number,
  mode: DueTimeMode = 'SAME_TIME',
): DeadlineClock {
  if (clock.pausedAt === null) throw new CalendarError('CALENDAR_INVALID_OPTION', 'clock is not paused');
  if (at < clock.pausedAt) throw new CalendarError('CALENDAR_INVALID_INSTANT', 'resume is before pause');
  const paused = workingTimeBetweenMs(cal, clock.pausedAt, at);
  return {
    dueAt: dueAfterPausedTimeMs(cal, clock.dueAt, paused, mode),
    pausedAt: null,
    pausedWorkingMs: clock.pausedWorkingMs + paused,
  };
}

/** RESTART mode: the full duration counts again from the restart instant (e.g. supplement completed). */
export function restartDeadline(
  cal: WorkingCalendar,
  restartAt: InstantInput,
  duration: Duration,
  options: DueOptions = {},
): DueResult {
  return computeDue(cal, restartAt, duration, options);
}
