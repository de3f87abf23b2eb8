/**
 * The deadline engine (spec §7–§9). The *Ms functions are the allocation-free
 * hot path (epoch ms in, epoch ms out); computeDue wraps them for API use.
 */
import { CalendarError } from './errors.js';
import {
  DAY_MS,
  HOUR_MS,
  dueDayInstant,
  formatInstantVN,
  formatLocalDate,
  localTimeOfDay,
  parseInstant,
  parseLocalTime,
  type InstantInput,
  type LocalDate,
  type LocalTime,
} from './localTime.js';
import type { WorkingCalendar } from './workingCalendar.js';

export type DurationUnit = 'WORKING_DAYS' | 'WORKING_HOURS' | 'CALENDAR_DAYS' | 'SAME_DAY';
export const DURATION_UNITS: readonly DurationUnit[] = ['WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS', 'SAME_DAY'];

/** A duration keeps its unit: calendar days are never converted to working days or back. */
export interface Duration {
  value: number;
  unit: DurationUnit;
}

export type DueTimeMode = 'SAME_TIME' | 'END_OF_DAY';
export type CalendarRollCalendar = 'CIVIL_SERVICE' | 'STATUTORY_ONLY';

export interface DueOptions {
  /** The law gives days, not hours; both conventions appear on receipt slips. Default 'SAME_TIME'. */
  dueTimeMode?: DueTimeMode;
  /** Per procedure, e.g. '15:00': a later start counts from the next working day. Default none. */
  cutoffTime?: LocalTime | null;
  /** true: exactly 15:00:00 is already "after 15:00" (unconfirmed). Default false. */
  cutoffInclusive?: boolean;
  /** END_OF_DAY only: a start moved to an opening counts that day as day 1 (unconfirmed). Default false. */
  normalizedStartCountsAsDayOne?: boolean;
  /** Calendar-day roll (Civil Code Art. 148): unit calendar or weekends + statutory days only. Default 'CIVIL_SERVICE' (unconfirmed). */
  calendarRollCalendar?: CalendarRollCalendar;
  /** Online submissions out of hours are received at the next working opening (§6.2); the only value so far. */
  afterHoursReceipt?: 'NEXT_WORKING_DAY_OPENING';
}

export const DEFAULT_DUE_OPTIONS: Readonly<Required<DueOptions>> = Object.freeze({
  dueTimeMode: 'SAME_TIME',
  cutoffTime: null,
  cutoffInclusive: false,
  normalizedStartCountsAsDayOne: false,
  calendarRollCalendar: 'CIVIL_SERVICE',
  afterHoursReceipt: 'NEXT_WORKING_DAY_OPENING',
});

const cutoffCache = new Map<string, number>();
/** 'HH:MM' → ms of day, or -1 for none. */
export function cutoffMsOf(cutoff: LocalTime | null | undefined): number {
  if (cutoff === null || cutoff === undefined || cutoff === '') return -1;
  let v = cutoffCache.get(cutoff);
  if (v === undefined) {
    v = parseLocalTime(cutoff);
    cutoffCache.set(cutoff, v);
  }
  return v;
}

/** §7 steps 1–2: office-hours normalization, then the procedure's cut-off. */
export function officialStartMs(cal: WorkingCalendar, t: number, cutoffMs = -1, cutoffInclusive = false): number {
  let s = cal.normalizeStart(t);
  if (cutoffMs >= 0) {
    const tod = localTimeOfDay(s);
    if (cutoffInclusive ? tod >= cutoffMs : tod > cutoffMs) s = cal.nextOpeningAfterDay(cal.dayIndexOf(s));
  }
  return s;
}

export type ReceiptAdjustment = 'NONE' | 'BEFORE_OPENING' | 'BREAK' | 'AFTER_CLOSING' | 'NON_WORKING_DAY' | 'CUTOFF';

export interface OfficialReceipt {
  /** The real timestamp (dossier codes use its date, e.g. a Saturday). */
  receivedAt: number;
  receivedAtIso: string;
  /** Where the clock starts. */
  officialStart: number;
  officialStartIso: string;
  adjustment: ReceiptAdjustment;
  /** Whether a counter could receive at receivedAt (office hours or Saturday reception). */
  reception: 'OFFICE_HOURS' | 'SATURDAY_RECEPTION' | 'CLOSED';
  /** YYMMDD of the real receipt date, for dossier codes. */
  codeDate: string;
}

/** Official receipt time (§6–§7 steps 1–2): real receipt kept, clock start normalized. */
export function officialReceiptTime(
  cal: WorkingCalendar,
  receivedAt: InstantInput,
  options: Pick<DueOptions, 'cutoffTime' | 'cutoffInclusive'> = {},
): OfficialReceipt {
  const t = parseInstant(receivedAt);
  const normalized = cal.normalizeStart(t);
  const s = officialStartMs(cal, t, cutoffMsOf(options.cutoffTime), options.cutoffInclusive ?? false);
  let adjustment: ReceiptAdjustment = 'NONE';
  if (s !== normalized) adjustment = 'CUTOFF';
  else if (s !== t) {
    const i = cal.dayIndexOf(t);
    const p = cal.profileAt(i);
    const tod = t - cal.dayStart(i);
    if (cal.working[i] === 0) adjustment = 'NON_WORKING_DAY';
    else if (tod < p.opening) adjustment = 'BEFORE_OPENING';
    else if (tod >= p.closing) adjustment = 'AFTER_CLOSING';
    else adjustment = 'BREAK';
  }
  const iso = formatInstantVN(t);
  return {
    receivedAt: t,
    receivedAtIso: iso,
    officialStart: s,
    officialStartIso: formatInstantVN(s),
    adjustment,
    reception: cal.receptionAt(t),
    codeDate: iso.slice(2, 4) + iso.slice(5, 7) + iso.slice(8, 10),
  };
}

/** The latest working instant ≤ tod on day j's spans (SAME_TIME onto a day with other hours). */
function clampOntoDay(cal: WorkingCalendar, j: number, tod: number): number {
  const p = cal.profileAt(j);
  let t: number;
  if (tod <= p.opening) t = p.opening;
  else if (tod >= p.closing) t = p.closing;
  else {
    t = tod;
    for (let k = 1; k < p.starts.length; k++) {
      if (tod > p.ends[k - 1]! && tod < p.starts[k]!) t = p.ends[k - 1]!;
    }
  }
  return cal.dayStart(j) + t;
}

/** Due instant for n whole working days (§7 step 3); n = 0 is the same-day rule. */
export function addWorkingDaysMs(
  cal: WorkingCalendar,
  start: number,
  n: number,
  mode: DueTimeMode = 'SAME_TIME',
  cutoffMs = -1,
  cutoffInclusive = false,
  normalizedStartCountsAsDayOne = false,
): number {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new CalendarError('CALENDAR_INVALID_DURATION', `working days must be a whole number ≥ 0, got ${n}`);
  }
  const s = officialStartMs(cal, start, cutoffMs, cutoffInclusive);
  const i = cal.dayIndexOf(s);
  const dayStart = cal.dayStart(i);
  if (n === 0) return dayStart + cal.profileAt(i).closing;
  let k = n;
  if (normalizedStartCountsAsDayOne && mode === 'END_OF_DAY' && s > start && s - dayStart === cal.profileAt(i).opening)
    k--;
  const d = k === 0 ? i : cal.nthWorkingDayAfter(i, k);
  if (mode === 'END_OF_DAY') return cal.dayStart(d) + cal.profileAt(d).closing;
  return clampOntoDay(cal, d, s - dayStart);
}

/**
 * Adds working time (§8): skips breaks, nights and days off; a result exactly
 * at a span's end stays there. 0 returns the normalized start.
 */
export function addWorkingTimeMs(cal: WorkingCalendar, start: number, durationMs: number): number {
  if (!(durationMs >= 0 && Number.isFinite(durationMs))) {
    throw new CalendarError('CALENDAR_INVALID_DURATION', `working time must be finite and ≥ 0, got ${durationMs}`);
  }
  if (durationMs === 0) return cal.normalizeStart(start);
  // W is flat outside spans, so no normalization is needed before adding.
  return cal.instantAtWorkingMs(cal.workingMsBefore(start) + durationMs, cal.dayIndexOf(start));
}

/** Working time in [a, b) on working days (0 when b ≤ a). */
export function workingTimeBetweenMs(cal: WorkingCalendar, a: number, b: number): number {
  if (!(b > a)) return 0;
  return cal.workingMsBefore(b) - cal.workingMsBefore(a);
}

/** The local day index of a due instant, reading an exact 00:00 as 24:00 of the day before. */
export function dueDayIndex(cal: WorkingCalendar, dueAt: number): number {
  return cal.dayIndexOf(dueDayInstant(dueAt));
}

/**
 * Calendar days (Civil Code Art. 147–148): day 1 is the day after the event;
 * a last day off rolls to the next working day; the period ends at 24:00,
 * returned as the next day's 00:00 (exclusive).
 */
export function addCalendarDaysMs(
  cal: WorkingCalendar,
  event: number,
  n: number,
  roll: CalendarRollCalendar = 'CIVIL_SERVICE',
): number {
  if (!(Number.isInteger(n) && n >= 0)) {
    throw new CalendarError('CALENDAR_INVALID_DURATION', `calendar days must be a whole number ≥ 0, got ${n}`);
  }
  return cal.dayStart(rollLastDay(cal, cal.dayIndexOf(event) + n, roll) + 1);
}

function rollLastDay(cal: WorkingCalendar, last: number, roll: CalendarRollCalendar): number {
  const flags = roll === 'STATUTORY_ONLY' ? cal.statutoryWorking : cal.working;
  let d = last;
  while (d < cal.dayCount && flags[d] === 0) d++;
  if (d >= cal.dayCount) throw new CalendarError('CALENDAR_OUT_OF_RANGE', `result is after ${cal.toYear}-12-31`);
  return d;
}

/** SAME_DAY (§7 step 4): closing time of the official start's date. */
export function sameDayDueMs(cal: WorkingCalendar, start: number, cutoffMs = -1, cutoffInclusive = false): number {
  const s = officialStartMs(cal, start, cutoffMs, cutoffInclusive);
  const i = cal.dayIndexOf(s);
  return cal.dayStart(i) + cal.profileAt(i).closing;
}

export interface DueResult {
  dueAt: number;
  dueAtIso: string;
  /** The due date; for calendar days the last day of the period (the due instant is its 24:00). */
  dueDate: LocalDate;
  receivedAt: number;
  /** Where the clock started (the event itself for calendar days). */
  officialStart: number;
  officialStartIso: string;
  duration: Duration;
  dueTimeMode: DueTimeMode;
}

function checkDuration(d: Duration): void {
  if (!d || !(DURATION_UNITS as readonly string[]).includes(d.unit)) {
    throw new CalendarError('CALENDAR_INVALID_DURATION', `unknown duration unit ${String(d?.unit)}`);
  }
  if (!(Number.isFinite(d.value) && d.value >= 0)) {
    throw new CalendarError('CALENDAR_INVALID_DURATION', `duration must be finite and ≥ 0, got ${d.value}`);
  }
}

/** Hours → ms, rounded to the millisecond so 0.1 h sums behave. */
export function hoursToMs(hours: number): number {
  return Math.round(hours * HOUR_MS);
}

/** Computes a due date for any duration unit; the single entry point for the API. */
export function computeDue(
  cal: WorkingCalendar,
  start: InstantInput,
  duration: Duration,
  options: DueOptions = {},
): DueResult {
  checkDuration(duration);
  const o = {
    dueTimeMode: options.dueTimeMode ?? DEFAULT_DUE_OPTIONS.dueTimeMode,
    cutoffTime: options.cutoffTime ?? DEFAULT_DUE_OPTIONS.cutoffTime,
    cutoffInclusive: options.cutoffInclusive ?? DEFAULT_DUE_OPTIONS.cutoffInclusive,
    normalizedStartCountsAsDayOne:
      options.normalizedStartCountsAsDayOne ?? DEFAULT_DUE_OPTIONS.normalizedStartCountsAsDayOne,
    calendarRollCalendar: options.calendarRollCalendar ?? DEFAULT_DUE_OPTIONS.calendarRollCalendar,
  };
  const t = parseInstant(start);
  const cutoff = cutoffMsOf(o.cutoffTime);
  let dueAt: number;
  let officialStart: number;
  let dueDate: LocalDate;
  switch (duration.unit) {
    case 'CALENDAR_DAYS': {
      if (!Number.isInteger(duration.value)) {
        throw new CalendarError('CALENDAR_INVALID_DURATION', 'calendar days must be a whole number');
      }
      officialStart = t;
      const last = rollLastDay(cal, cal.dayIndexOf(t) + duration.value, o.calendarRollCalendar);
      dueAt = cal.dayStart(last + 1);
      dueDate = formatLocalDate(cal.baseDay + last);
      break;
    }
    case 'SAME_DAY':
      officialStart = officialStartMs(cal, t, cutoff, o.cutoffInclusive);
      dueAt = sameDayDueMs(cal, t, cutoff, o.cutoffInclusive);
      dueDate = formatLocalDate(cal.baseDay + cal.dayIndexOf(dueAt));
      break;
    case 'WORKING_DAYS':
      officialStart = officialStartMs(cal, t, cutoff, o.cutoffInclusive);
      if (Number.isInteger(duration.value)) {
        dueAt = addWorkingDaysMs(
          cal,
          t,
          duration.value,
          o.dueTimeMode,
          cutoff,
          o.cutoffInclusive,
          o.normalizedStartCountsAsDayOne,
        );
      } else {
        // §7 step 5 (likely): fractional days become hours of the unit's standard day.
        const dayMs = cal.standardDayMs[cal.dayIndexOf(officialStart)]!;
        dueAt = addWorkingTimeMs(cal, officialStart, Math.round(duration.value * dayMs));
      }
      dueDate = formatLocalDate(cal.baseDay + cal.dayIndexOf(dueAt));
      break;
    case 'WORKING_HOURS':
      officialStart = officialStartMs(cal, t, cutoff, o.cutoffInclusive);
      dueAt = addWorkingTimeMs(cal, officialStart, hoursToMs(duration.value));
      dueDate = formatLocalDate(cal.baseDay + cal.dayIndexOf(dueAt));
      break;
  }
  return {
    dueAt,
    dueAtIso: formatInstantVN(dueAt),
    dueDate,
    receivedAt: t,
    officialStart,
    officialStartIso: formatInstantVN(officialStart),
    duration: { value: duration.value, unit: duration.unit },
    dueTimeMode: o.dueTimeMode,
  };
}

/**
 * Formal extension (gia hạn): adds the duration from the current deadline,
 * without re-normalizing it (a 17:00 deadline + 1 working day is the next
 * working day's 17:00 in END_OF_DAY, not the day after).
 */
export function extendDeadlineMs(
  cal: WorkingCalendar,
  dueAt: number,
  duration: Duration,
  options: Pick<DueOptions, 'dueTimeMode' | 'calendarRollCalendar'> = {},
): number {
  checkDuration(duration);
  const mode = options.dueTimeMode ?? DEFAULT_DUE_OPTIONS.dueTimeMode;
  switch (duration.unit) {
    case 'CALENDAR_DAYS': {
      if (!Number.isInteger(duration.value))
        throw new CalendarError('CALENDAR_INVALID_DURATION', 'calendar days must be a whole number');
      const last = rollLastDay(
        cal,
        dueDayIndex(cal, dueAt) + duration.value,
        options.calendarRollCalendar ?? 'CIVIL_SERVICE',
      );
      return cal.dayStart(last + 1);
    }
    case 'WORKING_HOURS':
      return duration.value === 0 ? dueAt : addWorkingTimeMs(cal, dueAt, hoursToMs(duration.value));
    case 'WORKING_DAYS': {
      if (duration.value === 0) return dueAt;
      const i = dueDayIndex(cal, dueAt);
      if (!Number.isInteger(duration.value)) {
        return addWorkingTimeMs(cal, dueAt, Math.round(duration.value * cal.standardDayMs[i]!));
      }
      const d = cal.nthWorkingDayAfter(i, duration.value);
      if (mode === 'END_OF_DAY') return cal.dayStart(d) + cal.profileAt(d).closing;
      const tod = localTimeOfDay(dueAt);
      return clampOntoDay(cal, d, tod === 0 && dueAt !== cal.dayStart(i) ? DAY_MS : tod);
    }
    case 'SAME_DAY':
      throw new CalendarError('CALENDAR_INVALID_DURATION', 'a same-day duration cannot extend a deadline');
  }
}

/** Adds working time (ms) to an instant: due instant of an hour-based step (§8). */
export function addWorkingTime(cal: WorkingCalendar, start: InstantInput, durationMs: number): number {
  return addWorkingTimeMs(cal, parseInstant(start), durationMs);
}

/** Working time (ms) in [a, b): pauses, per-step budgets, elapsed time. */
export function workingTimeBetween(cal: WorkingCalendar, a: InstantInput, b: InstantInput): number {
  return workingTimeBetweenMs(cal, parseInstant(a), parseInstant(b));
}
