/**
 * How instants read on a Vietnamese wall clock, for every screen, form and message that prints one.
 *
 * A due instant is special: a period counted in calendar days ends at 24:00 of its last day (Civil Code
 * Art. 148), which the engine stores as the next day's 00:00 (exclusive). Printed as such it would promise the
 * citizen a day too many ("09/12 00:00" for a period that ends with 08/12), so a due instant at exactly
 * 00:00 reads as 24:00 of the day before. Events (receipt, hand-off, delivery) are printed as they are.
 */
import {
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  VN_OFFSET_MS,
  civilFromDays,
  dueDayInstant,
  isoWeekday,
  localDayOf,
} from './localTime.js';

export interface VnWallClock {
  year: number;
  month: number;
  day: number;
  /** 0–23, or 24 for the end of a day (due instants only). */
  hour: number;
  minute: number;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** An instant read in Asia/Ho_Chi_Minh; with `asDue`, an exact 00:00 is 24:00 of the day before. */
export function vnWallClock(ms: number, asDue = false): VnWallClock {
  const epochDay = localDayOf(asDue ? dueDayInstant(ms) : ms);
  // A due 00:00 read as the day before is that day's 24:00.
  const tod = ms + VN_OFFSET_MS - epochDay * DAY_MS;
  const { y, m, d } = civilFromDays(epochDay);
  return {
    year: y,
    month: m,
    day: d,
    hour: Math.floor(tod / HOUR_MS),
    minute: Math.floor((tod % HOUR_MS) / MINUTE_MS),
    weekday: isoWeekday(epochDay),
  };
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** 'dd/MM/yyyy' of a wall clock. */
export function dmy(w: VnWallClock): string {
  return `${pad2(w.day)}/${pad2(w.month)}/${w.year}`;
}

/** 'HH:mm' of a wall clock ('24:00' for the end of a day). */
export function hm(w: VnWallClock): string {
  return `${pad2(w.hour)}:${pad2(w.minute)}`;
}

/** 'dd/MM/yyyy HH:mm' in Vietnam time; with `asDue`, a period ending with 08/12 reads '08/12/2026 24:00'. */
export function formatVnDateTime(ms: number, asDue = false): string {
  const w = vnWallClock(ms, asDue);
  return `${dmy(w)} ${hm(w)}`;
}

/** 'dd/MM/yyyy' in Vietnam time; with `asDue`, the last day of the period. */
export function formatVnDate(ms: number, asDue = false): string {
  return dmy(vnWallClock(ms, asDue));
}
