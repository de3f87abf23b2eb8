/**
 * A unit's working calendar compiled into flat per-day tables, so that every
 * query is O(1) or a short galloping search:
 *  - cumWorkingDays[i]: working days among the first i days of the range;
 *  - workingDayList[r]: the day index of the r-th working day;
 *  - cumWorkingMs[i]: working ms before day i (office-hour prefix sums).
 * The tables are immutable; a calendar change means building a new calendar,
 * which is how stored due dates stay untouched until an audited recompute.
 */
import { CalendarError } from './errors.js';
import {
  DAY_MS,
  VN_OFFSET_MS,
  daysFromCivil,
  formatLocalDate,
  formatLocalTime,
  isoWeekday,
  parseLocalDate,
  type LocalDate,
} from './localTime.js';
import {
  DEFAULT_OFFICE_HOURS,
  compileSpans,
  validateOfficeHours,
  type DayProfile,
  type OfficeHoursVersion,
  type SaturdayReceptionVersion,
} from './officeHours.js';
import type { HolidayRuleOptions } from './rules.js';
import { OFFICIAL_COVERAGE_VN, OFFICIAL_SCHEDULE_VN, resolveEntries } from './schedule.js';
import type { ScheduleEntry, YearCoverage } from './types.js';

export interface WorkingCalendarConfig {
  unitId?: string;
  provinceCode?: string;
  /** Notices (national, province, unit). Default: the shipped official schedule 2024–2027. */
  entries?: readonly ScheduleEntry[];
  /** Occasions decided by the notices, per year. Default: the shipped coverage if `entries` is defaulted, else none. */
  coverage?: readonly YearCoverage[];
  /** Fill undecided occasions from the Labour Code rules. Default true. */
  useStatutoryDefaults?: boolean;
  holidayRules?: HolidayRuleOptions;
  officeHours?: readonly OfficeHoursVersion[];
  saturdayReception?: readonly SaturdayReceptionVersion[];
  /** Table range, inclusive. Default 1990–2100. */
  fromYear?: number;
  toYear?: number;
}

export interface DayInfo {
  date: LocalDate;
  weekday: number;
  working: boolean;
  /** Counted as working under calendarRollCalendar = STATUTORY_ONLY. */
  statutoryWorking: boolean;
  opening: string | null;
  closing: string | null;
  workingMs: number;
  entries: readonly ScheduleEntry[];
}

export class WorkingCalendar {
  readonly unitId: string | undefined;
  readonly fromYear: number;
  readonly toYear: number;
  /** Epoch day of the first day of the range. */
  readonly baseDay: number;
  readonly dayCount: number;
  /** @internal flat tables; treat as read-only. */
  readonly working: Uint8Array;
  readonly statutoryWorking: Uint8Array;
  readonly cumWorkingDays: Int32Array;
  readonly workingDayList: Int32Array;
  readonly profileOf: Uint16Array;
  readonly profiles: readonly DayProfile[];
  readonly cumWorkingMs: Float64Array;
  /** cumMsByRank[r]: working ms before the r-th working day (inverse lookups). */
  readonly cumMsByRank: Float64Array;
  /** Standard (version) day length per day, for converting fractional days to hours. */
  readonly standardDayMs: Float64Array;
  private readonly entriesByDay: Map<number, ScheduleEntry[]>;
  private readonly saturday: { from: number; enabled: boolean; openAdjacentToHolidays: boolean; profile: DayProfile }[];

  constructor(config: WorkingCalendarConfig = {}) {
    const fromYear = config.fromYear ?? 1990;
    const toYear = config.toYear ?? 2100;
    if (
      !Number.isInteger(fromYear) ||
      !Number.isInteger(toYear) ||
      fromYear > toYear ||
      fromYear < 1800 ||
      toYear > 2199
    ) {
      throw new CalendarError('CALENDAR_INVALID_OPTION', `bad calendar range ${fromYear}–${toYear}`);
    }
    this.unitId = config.unitId;
    this.fromYear = fromYear;
    this.toYear = toYear;
    const base = daysFromCivil(fromYear, 1, 1);
    const n = daysFromCivil(toYear + 1, 1, 1) - base;
    this.baseDay = base;
    this.dayCount = n;

    const entries = config.entries ?? OFFICIAL_SCHEDULE_VN;
    const coverage = config.coverage ?? (config.entries === undefined ? OFFICIAL_COVERAGE_VN : []);
    this.entriesByDay = resolveEntries({
      entries,
      coverage,
      useStatutoryDefaults: config.useStatutoryDefaults ?? true,
      holidayRules: config.holidayRules ?? {},
      fromYear,
      toYear,
      ...(config.unitId !== undefined ? { unitId: config.unitId } : {}),
      ...(config.provinceCode !== undefined ? { provinceCode: config.provinceCode } : {}),
    });

    const versions = validateOfficeHours(config.officeHours ?? DEFAULT_OFFICE_HOURS);
    const profiles: DayProfile[] = [];
    const profileKeys = new Map<string, number>();
    const byObject = new Map<DayProfile, number>();
    const profileIndex = (p: DayProfile): number => {
      let idx = byObject.get(p);
      if (idx !== undefined) return idx;
      const key = `${p.starts.join(',')}|${p.ends.join(',')}`;
      idx = profileKeys.get(key);
      if (idx === undefined) {
        idx = profiles.length;
        profiles.push(p);
        profileKeys.set(key, idx);
      }
      byObject.set(p, idx);
      return idx;
    };
    const compiled = versions.map((v) => ({
      from: parseLocalDate(v.effectiveFrom),
      standard: compileSpans(v.intervals, 'officeHours'),
      weekday: new Map((v.weekdayOverrides ?? []).map((w) => [w.weekday, compileSpans(w.intervals, 'officeHours')])),
      date: new Map(
        (v.dateOverrides ?? []).map((d) => [parseLocalDate(d.date), compileSpans(d.intervals, 'officeHours')]),
      ),
    }));
    if (profiles.length > 65535)
      throw new CalendarError('CALENDAR_INVALID_OFFICE_HOURS', 'too many distinct day profiles');

    this.working = new Uint8Array(n);
    this.statutoryWorking = new Uint8Array(n);
    this.cumWorkingDays = new Int32Array(n + 1);
    this.profileOf = new Uint16Array(n);
    this.cumWorkingMs = new Float64Array(n + 1);
    this.standardDayMs = new Float64Array(n);
    const list: number[] = [];
    let vi = -1;
    for (let i = 0; i < n; i++) {
      const day = base + i;
      while (vi + 1 < compiled.length && compiled[vi + 1]!.from <= day) vi++;
      const v = compiled[Math.max(vi, 0)]!;
      const wd = isoWeekday(day);
      const prof = v.date.get(day) ?? v.weekday.get(wd) ?? v.standard;
      this.profileOf[i] = profileIndex(prof);
      this.standardDayMs[i] = v.standard.total;
      const es = this.entriesByDay.get(day);
      let work = wd <= 5;
      let statutory = wd <= 5;
      if (es) {
        // Precedence: a local closure shuts even a make-up Saturday; a make-up day beats days off.
        if (es.some((e) => e.type === 'LOCAL_CLOSURE')) work = false;
        else if (es.some((e) => e.type === 'SWAP_WORKDAY')) work = true;
        else if (es.length > 0) work = false;
        if (es.some((e) => e.type === 'PUBLIC_HOLIDAY' || e.type === 'COMPENSATORY_DAY_OFF')) statutory = false;
      }
      this.working[i] = work ? 1 : 0;
      this.statutoryWorking[i] = statutory ? 1 : 0;
      this.cumWorkingDays[i + 1] = this.cumWorkingDays[i]! + (work ? 1 : 0);
      this.cumWorkingMs[i + 1] = this.cumWorkingMs[i]! + (work ? prof.total : 0);
      if (work) list.push(i);
    }
    this.profiles = profiles;
    this.workingDayList = Int32Array.from(list);
    this.cumMsByRank = new Float64Array(list.length + 1);
    for (let r = 0; r < list.length; r++) this.cumMsByRank[r] = this.cumWorkingMs[list[r]!]!;
    this.cumMsByRank[list.length] = this.cumWorkingMs[n]!;
    this.saturday = [...(config.saturdayReception ?? [])]
      .sort((a, b) => (a.effectiveFrom < b.effectiveFrom ? -1 : 1))
      .map((s) => ({
        from: parseLocalDate(s.effectiveFrom),
        enabled: s.enabled,
        openAdjacentToHolidays: s.openAdjacentToHolidays ?? false,
        profile: compileSpans(s.intervals, 'saturdayReception'),
      }));
  }

  /** Day index in the tables of an instant; throws CALENDAR_OUT_OF_RANGE. */
  dayIndexOf(ms: number): number {
    const i = Math.floor((ms + VN_OFFSET_MS) / DAY_MS) - this.baseDay;
    if (!(i >= 0 && i < this.dayCount)) this.outOfRange(ms);
    return i;
  }

  dayIndexOfDate(date: LocalDate): number {
    const i = parseLocalDate(date) - this.baseDay;
    if (!(i >= 0 && i < this.dayCount)) {
      throw new CalendarError('CALENDAR_OUT_OF_RANGE', `${date} is outside ${this.fromYear}–${this.toYear}`);
    }
    return i;
  }

  /** The instant 00:00 (+07:00) of a day index. */
  dayStart(i: number): number {
    return (this.baseDay + i) * DAY_MS - VN_OFFSET_MS;
  }

  profileAt(i: number): DayProfile {
    return this.profiles[this.profileOf[i]!]!;
  }

  isWorkingDay(date: LocalDate): boolean {
    return this.working[this.dayIndexOfDate(date)] === 1;
  }

  /** Working ms in [range start, t): W(t). workingTimeBetween(a, b) = W(b) − W(a). */
  workingMsBefore(t: number): number {
    const local = t + VN_OFFSET_MS;
    const d = Math.floor(local / DAY_MS);
    const i = d - this.baseDay;
    if (!(i >= 0 && i < this.dayCount)) this.outOfRange(t);
    const acc = this.cumWorkingMs[i]!;
    if (this.working[i] === 0) return acc;
    const tod = local - d * DAY_MS;
    const p = this.profiles[this.profileOf[i]!]!;
    const starts = p.starts;
    const ends = p.ends;
    for (let k = 0; k < starts.length; k++) {
      const s = starts[k]!;
      if (tod <= s) return acc + p.prefix[k]!;
      const e = ends[k]!;
      if (tod < e) return acc + p.prefix[k]! + (tod - s);
    }
    return acc + p.total;
  }

  /**
   * The earliest instant T with W(T) = target, for target > W(fromDay start):
   * lands inside a span or exactly on its end (never on the next opening).
   */
  instantAtWorkingMs(target: number, fromDay: number): number {
    const byRank = this.cumMsByRank;
    const last = this.workingDayList.length; // byRank has last + 1 entries
    if (!(target <= byRank[last]!)) {
      throw new CalendarError('CALENDAR_OUT_OF_RANGE', `result is after ${this.toYear}-12-31`);
    }
    // Find rank r with byRank[r] < target <= byRank[r + 1]. Working days mostly
    // share one length, so dividing by it lands on r or next to it (O(1));
    // irregular stretches fall back to bisection.
    const r0 = this.cumWorkingDays[fromDay]!;
    const len = this.standardDayMs[fromDay]!;
    let r = r0 + Math.floor((target - byRank[r0]!) / len);
    if (r >= last) r = last - 1;
    let tries = 0;
    while (tries < 4 && byRank[r + 1]! < target) {
      r++;
      tries++;
    }
    while (tries < 4 && byRank[r]! >= target) {
      r--;
      tries++;
    }
    if (!(byRank[r]! < target && target <= byRank[r + 1]!)) {
      let lo = r0;
      let hi = last;
      while (hi - lo > 1) {
        const mid = (lo + hi) >>> 1;
        if (byRank[mid]! < target) lo = mid;
        else hi = mid;
      }
      r = lo;
    }
    const j = this.workingDayList[r]!;
    const rem = target - byRank[r]!;
    const p = this.profiles[this.profileOf[j]!]!;
    const k = p.starts.length;
    for (let q = 0; q < k - 1; q++) {
      if (rem <= p.prefix[q + 1]!) return this.dayStart(j) + p.starts[q]! + (rem - p.prefix[q]!);
    }
    return this.dayStart(j) + p.starts[k - 1]! + (rem - p.prefix[k - 1]!);
  }

  /** Opening instant of the first working day strictly after day index i. */
  nextOpeningAfterDay(i: number): number {
    const r = this.cumWorkingDays[i + 1]!;
    if (r >= this.workingDayList.length) {
      throw new CalendarError(
        'CALENDAR_OUT_OF_RANGE',
        `no working day after ${formatLocalDate(this.baseDay + i)} in range`,
      );
    }
    const j = this.workingDayList[r]!;
    return this.dayStart(j) + this.profiles[this.profileOf[j]!]!.opening;
  }

  /** Day index of the n-th working day strictly after day index i (n ≥ 1). */
  nthWorkingDayAfter(i: number, n: number): number {
    const r = this.cumWorkingDays[i + 1]! + n - 1;
    if (r >= this.workingDayList.length) {
      throw new CalendarError('CALENDAR_OUT_OF_RANGE', `result is after ${this.toYear}-12-31`);
    }
    return this.workingDayList[r]!;
  }

  /**
   * §7 step 1: an instant inside a span is kept; before the opening or in a
   * break it moves to the next span's start; after closing or on a day off,
   * to the next working day's opening.
   */
  normalizeStart(t: number): number {
    const local = t + VN_OFFSET_MS;
    const d = Math.floor(local / DAY_MS);
    const i = d - this.baseDay;
    if (!(i >= 0 && i < this.dayCount)) this.outOfRange(t);
    if (this.working[i] === 1) {
      const tod = local - d * DAY_MS;
      const p = this.profiles[this.profileOf[i]!]!;
      for (let k = 0; k < p.starts.length; k++) {
        if (tod < p.ends[k]!) return tod >= p.starts[k]! ? t : this.dayStart(i) + p.starts[k]!;
      }
    }
    return this.nextOpeningAfterDay(i);
  }

  /** Whether a counter can receive at `t`: office hours of a working day, or Saturday reception. */
  receptionAt(t: number): 'OFFICE_HOURS' | 'SATURDAY_RECEPTION' | 'CLOSED' {
    const i = this.dayIndexOf(t);
    const tod = t - this.dayStart(i);
    if (this.working[i] === 1) {
      const p = this.profileAt(i);
      for (let k = 0; k < p.starts.length; k++) if (tod >= p.starts[k]! && tod < p.ends[k]!) return 'OFFICE_HOURS';
      return 'CLOSED';
    }
    const day = this.baseDay + i;
    if (isoWeekday(day) !== 6) return 'CLOSED';
    let v: (typeof this.saturday)[number] | undefined;
    for (const s of this.saturday) if (s.from <= day) v = s;
    if (!v || !v.enabled) return 'CLOSED';
    const offByNotice = (d: number): boolean =>
      this.entriesByDay.get(d)?.some((e) => e.type !== 'SWAP_WORKDAY') ?? false;
    if (offByNotice(day)) return 'CLOSED';
    if (!v.openAdjacentToHolidays && (offByNotice(day - 1) || offByNotice(day + 2))) return 'CLOSED';
    for (let k = 0; k < v.profile.starts.length; k++) {
      if (tod >= v.profile.starts[k]! && tod < v.profile.ends[k]!) return 'SATURDAY_RECEPTION';
    }
    return 'CLOSED';
  }

  /** Everything known about one date (for admin screens and audits). */
  dayInfo(date: LocalDate): DayInfo {
    const i = this.dayIndexOfDate(date);
    const working = this.working[i] === 1;
    const p = this.profileAt(i);
    return {
      date,
      weekday: isoWeekday(this.baseDay + i),
      working,
      statutoryWorking: this.statutoryWorking[i] === 1,
      opening: working ? formatLocalTime(p.opening) : null,
      closing: working ? formatLocalTime(p.closing) : null,
      workingMs: working ? p.total : 0,
      entries: this.entriesByDay.get(this.baseDay + i) ?? [],
    };
  }

  /** Working dates in [from, to], inclusive. */
  workingDaysBetween(from: LocalDate, to: LocalDate): number {
    const a = this.dayIndexOfDate(from);
    const b = this.dayIndexOfDate(to);
    if (b < a) return 0;
    return this.cumWorkingDays[b + 1]! - this.cumWorkingDays[a]!;
  }

  private outOfRange(ms: number): never {
    throw new CalendarError(
      'CALENDAR_OUT_OF_RANGE',
      `instant ${String(ms)} is outside ${this.fromYear}–${this.toYear}`,
    );
  }
}

/** Builds a unit calendar (≈40 k days, a few ms); cache it per unit and rebuild on calendar edits. */
export function createWorkingCalendar(config: WorkingCalendarConfig = {}): WorkingCalendar {
  return new WorkingCalendar(config);
}

let shared: WorkingCalendar | undefined;
/** The national civil-service calendar with default office hours (memoized). */
export function defaultWorkingCalendar(): WorkingCalendar {
  return (shared ??= new WorkingCalendar());
}

export interface CalendarDayChange {
  date: LocalDate;
  workingBefore: boolean;
  workingAfter: boolean;
  hoursChanged: boolean;
}

/**
 * Days whose working status or hours differ between two builds of a unit's
 * calendar, for the audited "recompute due dates affected by calendar change"
 * action: only dossiers whose clock spans one of these days need a recompute.
 */
export function calendarDiff(before: WorkingCalendar, after: WorkingCalendar): CalendarDayChange[] {
  const from = Math.max(before.baseDay, after.baseDay);
  const to = Math.min(before.baseDay + before.dayCount, after.baseDay + after.dayCount);
  const out: CalendarDayChange[] = [];
  for (let day = from; day < to; day++) {
    const i = day - before.baseDay;
    const j = day - after.baseDay;
    const wb = before.working[i] === 1;
    const wa = after.working[j] === 1;
    const pb = before.profileAt(i);
    const pa = after.profileAt(j);
    const hoursChanged = pb.starts.join() !== pa.starts.join() || pb.ends.join() !== pa.ends.join();
    if (wb !== wa || ((wb || wa) && hoursChanged)) {
      out.push({ date: formatLocalDate(day), workingBefore: wb, workingAfter: wa, hoursChanged });
    }
  }
  return out;
}
