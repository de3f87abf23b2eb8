/**
 * Vietnamese lunisolar calendar after Hồ Ngọc Đức's algorithm (astronomical
 * new moons and solar terms, Meeus-style series), evaluated at UTC+7.
 * The time zone matters: Vietnam and China (UTC+8) disagree in years such as
 * 1985, 2007 and 2030 because a new moon falls near local midnight.
 * Accuracy is ample for 1900–2199; the product uses 1990–2100.
 */
import { CalendarError } from './errors.js';
import { civilFromDays, daysFromCivil, formatLocalDate, parseLocalDate, type LocalDate } from './localTime.js';

export const VN_LUNAR_TIME_ZONE = 7;

export interface LunarDate {
  day: number;
  month: number;
  year: number;
  /** True for the intercalary (nhuận) month. */
  leap: boolean;
}

const PI = Math.PI;
const INT = Math.floor;
/** Julian Day Number of 1970-01-01, to convert to the epoch days used elsewhere. */
const JDN_EPOCH = 2440588;

function jdFromEpochDay(epochDay: number): number {
  return epochDay + JDN_EPOCH;
}

function newMoon(k: number): number {
  const T = k / 1236.85;
  const T2 = T * T;
  const T3 = T2 * T;
  const dr = PI / 180;
  let jd1 = 2415020.75933 + 29.53058868 * k + 0.0001178 * T2 - 0.000000155 * T3;
  jd1 += 0.00033 * Math.sin((166.56 + 132.87 * T - 0.009173 * T2) * dr);
  const M = 359.2242 + 29.10535608 * k - 0.0000333 * T2 - 0.00000347 * T3;
  const Mpr = 306.0253 + 385.81691806 * k + 0.0107306 * T2 + 0.00001236 * T3;
  const F = 21.2964 + 390.67050646 * k - 0.0016528 * T2 - 0.00000239 * T3;
  let c1 = (0.1734 - 0.000393 * T) * Math.sin(M * dr) + 0.0021 * Math.sin(2 * dr * M);
  c1 = c1 - 0.4068 * Math.sin(Mpr * dr) + 0.0161 * Math.sin(dr * 2 * Mpr);
  c1 = c1 - 0.0004 * Math.sin(dr * 3 * Mpr);
  c1 = c1 + 0.0104 * Math.sin(dr * 2 * F) - 0.0051 * Math.sin(dr * (M + Mpr));
  c1 = c1 - 0.0074 * Math.sin(dr * (M - Mpr)) + 0.0004 * Math.sin(dr * (2 * F + M));
  c1 = c1 - 0.0004 * Math.sin(dr * (2 * F - M)) - 0.0006 * Math.sin(dr * (2 * F + Mpr));
  c1 = c1 + 0.001 * Math.sin(dr * (2 * F - Mpr)) + 0.0005 * Math.sin(dr * (2 * Mpr + M));
  const deltat =
    T < -11
      ? 0.001 + 0.000839 * T + 0.0002261 * T2 - 0.00000845 * T3 - 0.000000081 * T * T3
      : -0.000278 + 0.000265 * T + 0.000262 * T2;
  return jd1 + c1 - deltat;
}

function sunLongitude(jdn: number): number {
  const T = (jdn - 2451545.0) / 36525;
  const T2 = T * T;
  const dr = PI / 180;
  const M = 357.5291 + 35999.0503 * T - 0.0001559 * T2 - 0.00000048 * T * T2;
  const L0 = 280.46645 + 36000.76983 * T + 0.0003032 * T2;
  let DL = (1.9146 - 0.004817 * T - 0.000014 * T2) * Math.sin(dr * M);
  DL += (0.019993 - 0.000101 * T) * Math.sin(dr * 2 * M) + 0.00029 * Math.sin(dr * 3 * M);
  let L = (L0 + DL) * dr;
  L -= PI * 2 * INT(L / (PI * 2));
  return L;
}

/** Index 0..11 of the 30° sector holding the sun at local midnight starting the day. */
function sunSector(dayNumber: number, tz: number): number {
  return INT((sunLongitude(dayNumber - 0.5 - tz / 24) / PI) * 6);
}

function newMoonDay(k: number, tz: number): number {
  return INT(newMoon(k) + 0.5 + tz / 24);
}

/** JDN of the first day of lunar month 11 (the month holding the winter solstice) of solar year yy. */
function lunarMonth11(yy: number, tz: number): number {
  const off = jdFromEpochDay(daysFromCivil(yy, 12, 31)) - 2415021;
  const k = INT(off / 29.530588853);
  let nm = newMoonDay(k, tz);
  if (sunSector(nm, tz) >= 9) nm = newMoonDay(k - 1, tz);
  return nm;
}

/** Offset (in months after month 11) of the leap month: the first month without a major solar term. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = INT((a11 - 2415021.076998695) / 29.530588853 + 0.5);
  let last: number;
  let i = 1;
  let arc = sunSector(newMoonDay(k + i, tz), tz);
  do {
    last = arc;
    i++;
    arc = sunSector(newMoonDay(k + i, tz), tz);
  } while (arc !== last && i < 14);
  return i - 1;
}

function epochDayToLunar(epochDay: number, tz: number): LunarDate {
  const dayNumber = jdFromEpochDay(epochDay);
  const solarYear = civilYear(epochDay);
  const k = INT((dayNumber - 2415021.076998695) / 29.530588853);
  // The mean-lunation estimate of k can be off by one near midnight new moons
  // (e.g. 2054-05-07), so settle on the last new moon on or before the day.
  let kk = k + 1;
  let monthStart = newMoonDay(kk, tz);
  while (monthStart > dayNumber) monthStart = newMoonDay(--kk, tz);
  while (newMoonDay(kk + 1, tz) <= dayNumber) monthStart = newMoonDay(++kk, tz);
  let a11 = lunarMonth11(solarYear, tz);
  let b11 = a11;
  let lunarYear: number;
  if (a11 >= monthStart) {
    lunarYear = solarYear;
    a11 = lunarMonth11(solarYear - 1, tz);
  } else {
    lunarYear = solarYear + 1;
    b11 = lunarMonth11(solarYear + 1, tz);
  }
  const day = dayNumber - monthStart + 1;
  const diff = INT((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, tz);
    if (diff >= leapDiff) {
      month = diff + 10;
      if (diff === leapDiff) leap = true;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) lunarYear -= 1;
  return { day, month, year: lunarYear, leap };
}

function civilYear(epochDay: number): number {
  return civilFromDays(epochDay).y;
}

function lunarToEpochDay(l: LunarDate, tz: number): number {
  const { day, month, year, leap } = l;
  let a11: number;
  let b11: number;
  if (month < 11) {
    a11 = lunarMonth11(year - 1, tz);
    b11 = lunarMonth11(year, tz);
  } else {
    a11 = lunarMonth11(year, tz);
    b11 = lunarMonth11(year + 1, tz);
  }
  const k = INT(0.5 + (a11 - 2415021.076998695) / 29.530588853);
  let off = month - 11;
  if (off < 0) off += 12;
  if (b11 - a11 > 365) {
    const leapOff = leapMonthOffset(a11, tz);
    let leapMonth = leapOff - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new CalendarError('CALENDAR_INVALID_LUNAR_DATE', `lunar year ${year} has no leap month ${month}`);
    }
    if (leap || off >= leapOff) off += 1;
  } else if (leap) {
    throw new CalendarError('CALENDAR_INVALID_LUNAR_DATE', `lunar year ${year} has no leap month`);
  }
  const monthStart = newMoonDay(k + off, tz);
  return monthStart + day - 1 - JDN_EPOCH;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1800 || year > 2199) {
    throw new CalendarError('CALENDAR_OUT_OF_RANGE', `lunar calendar supports 1800–2199, got ${year}`);
  }
}

/** Solar 'YYYY-MM-DD' → Vietnamese lunar date. */
export function solarToLunar(date: LocalDate, tz: number = VN_LUNAR_TIME_ZONE): LunarDate {
  const epochDay = parseLocalDate(date);
  checkYear(civilYear(epochDay));
  return epochDayToLunar(epochDay, tz);
}

/** Vietnamese lunar date → solar 'YYYY-MM-DD'; throws CALENDAR_INVALID_LUNAR_DATE for impossible dates. */
export function lunarToSolar(l: LunarDate, tz: number = VN_LUNAR_TIME_ZONE): LocalDate {
  checkYear(l.year);
  if (
    !Number.isInteger(l.month) ||
    l.month < 1 ||
    l.month > 12 ||
    !Number.isInteger(l.day) ||
    l.day < 1 ||
    l.day > 30
  ) {
    throw new CalendarError('CALENDAR_INVALID_LUNAR_DATE', `bad lunar date ${l.day}/${l.month}/${l.year}`);
  }
  const epochDay = lunarToEpochDay(l, tz);
  const back = epochDayToLunar(epochDay, tz);
  if (back.day !== l.day || back.month !== l.month || back.leap !== l.leap) {
    throw new CalendarError('CALENDAR_INVALID_LUNAR_DATE', `lunar month ${l.month}/${l.year} has no day ${l.day}`);
  }
  return formatLocalDate(epochDay);
}

/** Tết Nguyên đán (1/1 lunar) falling in solar year `year`. */
export function lunarNewYear(year: number, tz: number = VN_LUNAR_TIME_ZONE): LocalDate {
  checkYear(year);
  return formatLocalDate(lunarToEpochDay({ day: 1, month: 1, year, leap: false }, tz));
}

/** The last day of the lunar year that ends just before Tết of solar year `year` (29 or 30 tháng Chạp). */
export function lunarNewYearsEve(year: number, tz: number = VN_LUNAR_TIME_ZONE): LocalDate {
  checkYear(year);
  return formatLocalDate(lunarToEpochDay({ day: 1, month: 1, year, leap: false }, tz) - 1);
}

/** Giỗ Tổ Hùng Vương: 10th day of the (non-leap) 3rd lunar month of `year`. */
export function hungKingsDay(year: number, tz: number = VN_LUNAR_TIME_ZONE): LocalDate {
  checkYear(year);
  return formatLocalDate(lunarToEpochDay({ day: 10, month: 3, year, leap: false }, tz));
}
