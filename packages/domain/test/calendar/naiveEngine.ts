/**
 * Reference oracle: the spec's pseudo-code (§4.1, §7, §8, §9), day by day and
 * span by span, with no precomputed tables. Slow on purpose; the fast engine
 * must agree with it on every input.
 */
import {
  DAY_MS,
  VN_OFFSET_MS,
  formatLocalDate,
  parseLocalTime,
  type CalendarRollCalendar,
  type DueTimeMode,
  type WorkingCalendar,
} from '../../src/calendar/index.js';

export interface NaiveCalendar {
  isWorkingDay(epochDay: number): boolean;
  isStatutoryWorkingDay(epochDay: number): boolean;
  /** Spans of a day as [start, end) ms after local midnight. */
  spans(epochDay: number): [number, number][];
}

/** Re-derives every day from the calendar's entry lists with the spec's isWorkingDay. */
export function naiveFrom(cal: WorkingCalendar, spansOf?: (epochDay: number) => [number, number][]): NaiveCalendar {
  const memo = new Map<number, { w: boolean; s: boolean }>();
  const status = (day: number): { w: boolean; s: boolean } => {
    let r = memo.get(day);
    if (r) return r;
    const info = cal.dayInfo(formatLocalDate(day));
    const weekday = ((((day + 3) % 7) + 7) % 7) + 1;
    let w: boolean;
    if (info.entries.some((e) => e.type === 'LOCAL_CLOSURE')) w = false;
    else if (info.entries.some((e) => e.type === 'SWAP_WORKDAY')) w = true;
    else if (info.entries.length > 0) w = false;
    else w = weekday <= 5;
    const s =
      weekday <= 5 && !info.entries.some((e) => e.type === 'PUBLIC_HOLIDAY' || e.type === 'COMPENSATORY_DAY_OFF');
    r = { w, s };
    memo.set(day, r);
    return r;
  };
  const standard: [number, number][] = [
    [parseLocalTime('07:00'), parseLocalTime('11:30')],
    [parseLocalTime('13:30'), parseLocalTime('17:00')],
  ];
  return {
    isWorkingDay: (d) => status(d).w,
    isStatutoryWorkingDay: (d) => status(d).s,
    spans: spansOf ?? (() => standard),
  };
}

const dayOf = (t: number): number => Math.floor((t + VN_OFFSET_MS) / DAY_MS);
const at = (day: number, tod: number): number => day * DAY_MS - VN_OFFSET_MS + tod;
const todOf = (t: number): number => t + VN_OFFSET_MS - dayOf(t) * DAY_MS;

function nextOpening(c: NaiveCalendar, day: number): number {
  let d = day + 1;
  while (!c.isWorkingDay(d)) d++;
  return at(d, c.spans(d)[0]![0]);
}

export function naiveOfficialStart(c: NaiveCalendar, t: number, cutoff = -1, inclusive = false): number {
  const d = dayOf(t);
  const tod = todOf(t);
  let s: number | undefined;
  if (c.isWorkingDay(d)) {
    for (const [a, b] of c.spans(d)) {
      if (tod < a) {
        s = at(d, a);
        break;
      }
      if (tod < b) {
        s = t;
        break;
      }
    }
  }
  if (s === undefined) s = nextOpening(c, d);
  if (cutoff >= 0 && (inclusive ? todOf(s) >= cutoff : todOf(s) > cutoff)) s = nextOpening(c, dayOf(s));
  return s;
}

export function naiveDueForWorkingDays(
  c: NaiveCalendar,
  received: number,
  n: number,
  mode: DueTimeMode,
  cutoff = -1,
  inclusive = false,
  dayOne = false,
): number {
  const s = naiveOfficialStart(c, received, cutoff, inclusive);
  const sd = dayOf(s);
  const closing = (d: number): number => c.spans(d)[c.spans(d).length - 1]![1];
  if (n === 0) return at(sd, closing(sd));
  const moved = s > received && todOf(s) === c.spans(sd)[0]![0];
  let k = n;
  if (dayOne && mode === 'END_OF_DAY' && moved) k -= 1;
  let d = sd;
  while (k > 0) {
    d += 1;
    if (c.isWorkingDay(d)) k--;
  }
  return mode === 'SAME_TIME' ? at(d, Math.min(todOf(s), closing(d))) : at(d, closing(d));
}

export function naiveAddWorkingTime(c: NaiveCalendar, start: number, ms: number): number {
  let t = naiveOfficialStart(c, start);
  let rest = ms;
  for (;;) {
    const d = dayOf(t);
    if (c.isWorkingDay(d)) {
      for (const [a, b] of c.spans(d)) {
        const end = at(d, b);
        if (t >= end) continue;
        if (t < at(d, a)) t = at(d, a);
        const avail = end - t;
        if (rest <= avail) return t + rest;
        rest -= avail;
        t = end;
      }
    }
    t = at(d + 1, 0);
  }
}

export function naiveWorkingTimeBetween(c: NaiveCalendar, a: number, b: number): number {
  if (b <= a) return 0;
  let total = 0;
  for (let d = dayOf(a); d <= dayOf(b); d++) {
    if (!c.isWorkingDay(d)) continue;
    for (const [x, y] of c.spans(d)) {
      const lo = Math.max(a, at(d, x));
      const hi = Math.min(b, at(d, y));
      if (hi > lo) total += hi - lo;
    }
  }
  return total;
}

export function naiveCalendarDays(c: NaiveCalendar, event: number, n: number, roll: CalendarRollCalendar): number {
  let last = dayOf(event) + n;
  const ok = roll === 'STATUTORY_ONLY' ? c.isStatutoryWorkingDay : c.isWorkingDay;
  while (!ok(last)) last++;
  return at(last + 1, 0);
}
