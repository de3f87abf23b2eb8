/**
 * When dossiers arrive: more before Tết and in the summer (school enrolment, civil status), fewer in the weeks
 * around Tết; Mondays busier than Fridays; counter and postal receptions only on working days inside office hours
 * (the unit's calendar), online submissions on any day, mostly in the daytime and the evening.
 */
import { DAY_MS, lunarNewYear, parseLocalDate, type WorkingCalendar } from '@motcua/domain/calendar/index';
import type { Rng } from './random';

/** Relative volume per calendar month (January = index 0). */
const monthFactor = [1.12, 0.8, 1.05, 0.95, 1.0, 1.1, 1.15, 1.1, 1.0, 0.95, 1.0, 1.08];
/** ISO weekday 1–7. */
const weekdayFactor = [0, 1.18, 1.04, 1.0, 0.98, 0.88, 0.35, 0.25];
/** Online submissions per local hour. */
const onlineHour = [
  0.15, 0.08, 0.05, 0.04, 0.05, 0.15, 0.5, 1.1, 1.6, 1.8, 1.7, 1.4, 0.9, 1.0, 1.5, 1.6, 1.5, 1.2, 0.9, 1.0, 1.1, 1.0,
  0.7, 0.35,
];

/** Volume factor of the weeks around Tết (lunar new year of the date's year or the next). */
export function tetFactor(epochDay: number): number {
  let best = Infinity;
  const year = new Date(epochDay * DAY_MS).getUTCFullYear();
  for (const y of [year - 1, year, year + 1]) {
    const d = epochDay - parseLocalDate(lunarNewYear(y));
    if (Math.abs(d) < Math.abs(best)) best = d;
  }
  const d = best;
  if (d >= -14 && d <= -4) return 1.35; // the rush to finish papers before the holiday
  if (d >= -3 && d <= -1) return 0.6;
  if (d >= 0 && d <= 10) return 0.45; // the holiday and the slow restart
  if (d >= 11 && d <= 20) return 0.8;
  return 1;
}

/** Relative volume of a day; `working`: a counter day (a working Saturday after a swap counts as a full day). */
export function dayWeight(epochDay: number, working: boolean): number {
  const date = new Date(epochDay * DAY_MS);
  const weekday = ((date.getUTCDay() + 6) % 7) + 1;
  const w = working && weekday > 5 ? 0.9 : weekdayFactor[weekday]!;
  return monthFactor[date.getUTCMonth()]! * w * tetFactor(epochDay);
}

/** An instant inside the office hours of working day index `i`: a morning peak around 8:30–10:00. */
export function officeTime(cal: WorkingCalendar, i: number, rng: Rng): number {
  const p = cal.profileAt(i);
  const k =
    p.starts.length === 1
      ? 0
      : rng.weightedIndex(p.starts.map((_, j) => (j === 0 ? 0.63 : 0.37 / (p.starts.length - 1))));
  const start = p.starts[k]!;
  const len = p.ends[k]! - start;
  // never in the last two minutes of a span: a reception then is recorded before closing
  const offset = Math.min(len - 120_000, Math.max(0, rng.triangular(0.35) * len));
  return cal.dayStart(i) + start + Math.floor(offset / 1000) * 1000 + rng.int(1000);
}

/** An instant of calendar day index `i` following the online hourly profile. */
export function onlineTime(cal: WorkingCalendar, i: number, rng: Rng): number {
  const h = rng.weightedIndex(onlineHour);
  return cal.dayStart(i) + h * 3_600_000 + rng.int(3_600_000);
}
