/**
 * Office hours are a per-unit SETTING, versioned by effective date, so that
 * an old dossier's deadline stays computed with the hours valid back then.
 */
import { CalendarError } from './errors.js';
import { parseLocalDate, parseLocalTime, type LocalDate, type LocalTime } from './localTime.js';

export interface TimeSpan {
  start: LocalTime;
  end: LocalTime;
}

export interface OfficeHoursVersion {
  effectiveFrom: LocalDate;
  /** Spans of an ordinary working day, e.g. 07:00–11:30 and 13:30–17:00. */
  intervals: TimeSpan[];
  /** Spans for working days of one ISO weekday (6 = a make-up Saturday). */
  weekdayOverrides?: { weekday: number; intervals: TimeSpan[] }[];
  /** Spans for one date; to close a day, use a LOCAL_CLOSURE entry instead. */
  dateOverrides?: { date: LocalDate; intervals: TimeSpan[] }[];
}

/** Saturday-morning reception (QĐ 127/2007/QĐ-TTg): receipts are real, the clock starts later. */
export interface SaturdayReceptionVersion {
  effectiveFrom: LocalDate;
  enabled: boolean;
  intervals: TimeSpan[];
  /**
   * Notices state holiday blocks from the Saturday (e.g. Tết "Sat 14/2 → Sun
   * 22/2/2026") without a Saturday entry. Default false: no reception on a
   * Saturday whose Friday before or Monday after is a day off by notice.
   */
  openAdjacentToHolidays?: boolean;
}

/** Production default (likely), 8 working hours a day; localities override it. */
export const DEFAULT_OFFICE_HOURS: readonly OfficeHoursVersion[] = [
  {
    effectiveFrom: '1900-01-01',
    intervals: [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ],
  },
];

/** Compiled spans of one day, in ms after local midnight. */
export interface DayProfile {
  starts: number[];
  ends: number[];
  /** Working ms before span k. */
  prefix: number[];
  total: number;
  opening: number;
  closing: number;
}

export function compileSpans(spans: readonly TimeSpan[], where: string): DayProfile {
  if (!Array.isArray(spans) || spans.length === 0) {
    throw new CalendarError('CALENDAR_INVALID_OFFICE_HOURS', `${where}: at least one span is required`);
  }
  const starts: number[] = [];
  const ends: number[] = [];
  const prefix: number[] = [];
  let total = 0;
  let prevEnd = -1;
  for (const sp of spans) {
    const s = parseLocalTime(sp.start);
    const e = parseLocalTime(sp.end);
    if (!(s < e)) throw new CalendarError('CALENDAR_INVALID_OFFICE_HOURS', `${where}: ${sp.start}–${sp.end} is empty`);
    // Touching spans would make "the end of a span" ambiguous for due instants.
    if (s <= prevEnd)
      throw new CalendarError('CALENDAR_INVALID_OFFICE_HOURS', `${where}: spans must be sorted and separated`);
    starts.push(s);
    ends.push(e);
    prefix.push(total);
    total += e - s;
    prevEnd = e;
  }
  return { starts, ends, prefix, total, opening: starts[0]!, closing: ends[ends.length - 1]! };
}

/** Sorted, validated versions; throws CALENDAR_INVALID_OFFICE_HOURS. */
export function validateOfficeHours(versions: readonly OfficeHoursVersion[]): OfficeHoursVersion[] {
  if (versions.length === 0) throw new CalendarError('CALENDAR_INVALID_OFFICE_HOURS', 'no office hours version');
  const sorted = [...versions].sort((a, b) =>
    a.effectiveFrom < b.effectiveFrom ? -1 : a.effectiveFrom > b.effectiveFrom ? 1 : 0,
  );
  for (let i = 0; i < sorted.length; i++) {
    const v = sorted[i]!;
    parseLocalDate(v.effectiveFrom);
    if (i > 0 && sorted[i - 1]!.effectiveFrom === v.effectiveFrom) {
      throw new CalendarError('CALENDAR_INVALID_OFFICE_HOURS', `two versions effective ${v.effectiveFrom}`);
    }
    compileSpans(v.intervals, `officeHours@${v.effectiveFrom}`);
    for (const w of v.weekdayOverrides ?? []) {
      if (!Number.isInteger(w.weekday) || w.weekday < 1 || w.weekday > 7) {
        throw new CalendarError('CALENDAR_INVALID_OFFICE_HOURS', `weekday must be 1..7, got ${w.weekday}`);
      }
      compileSpans(w.intervals, `officeHours@${v.effectiveFrom} weekday ${w.weekday}`);
    }
    for (const d of v.dateOverrides ?? []) {
      parseLocalDate(d.date);
      compileSpans(d.intervals, `officeHours@${v.effectiveFrom} ${d.date}`);
    }
  }
  return sorted;
}
