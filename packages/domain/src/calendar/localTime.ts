import { CalendarError } from './errors.js';

/**
 * Vietnam has used a fixed UTC+7 offset (no DST) since 1975, so all local
 * arithmetic is integer arithmetic on (utcMs + offset); no Intl, no process TZ.
 */
export const VN_OFFSET_MS = 7 * 3_600_000;
export const DAY_MS = 86_400_000;
export const HOUR_MS = 3_600_000;
export const MINUTE_MS = 60_000;

/** 'YYYY-MM-DD', a local (Asia/Ho_Chi_Minh) civil date. */
export type LocalDate = string;
/** 'HH:MM' (24 h). */
export type LocalTime = string;
/** Epoch milliseconds, a Date, or an ISO-8601 string (offset required; none = +07:00). */
export type InstantInput = number | Date | string;

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z: number): { y: number; m: number; d: number } {
  const zz = z + 719468;
  const era = Math.floor(zz / 146097);
  const doe = zz - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function pad4(n: number): string {
  return String(n).padStart(4, '0');
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses 'YYYY-MM-DD' to an epoch day, rejecting impossible dates like 2025-02-30. */
export function parseLocalDate(s: LocalDate): number {
  const m = typeof s === 'string' ? DATE_RE.exec(s) : null;
  if (!m) throw new CalendarError('CALENDAR_INVALID_DATE', `not a YYYY-MM-DD date: ${String(s)}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const day = daysFromCivil(y, mo, d);
  const back = civilFromDays(day);
  if (back.y !== y || back.m !== mo || back.d !== d) {
    throw new CalendarError('CALENDAR_INVALID_DATE', `no such date: ${s}`);
  }
  return day;
}

export function isValidLocalDate(s: string): boolean {
  try {
    parseLocalDate(s);
    return true;
  } catch {
    return false;
  }
}

export function formatLocalDate(epochDay: number): LocalDate {
  const { y, m, d } = civilFromDays(epochDay);
  return `${pad4(y)}-${pad2(m)}-${pad2(d)}`;
}

/** ISO weekday of an epoch day: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekday(epochDay: number): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function weekdayOf(date: LocalDate): number {
  return isoWeekday(parseLocalDate(date));
}

export function addDays(date: LocalDate, n: number): LocalDate {
  return formatLocalDate(parseLocalDate(date) + n);
}

const TIME_RE = /^([01]\d|2[0-4]):([0-5]\d)$/;

/** 'HH:MM' → milliseconds after local midnight; '24:00' is allowed as an end of day. */
export function parseLocalTime(s: LocalTime): number {
  const m = typeof s === 'string' ? TIME_RE.exec(s) : null;
  if (!m) throw new CalendarError('CALENDAR_INVALID_TIME', `not an HH:MM time: ${String(s)}`);
  const h = Number(m[1]);
  const min = Number(m[2]);
  if (h === 24 && min !== 0) throw new CalendarError('CALENDAR_INVALID_TIME', `no such time: ${s}`);
  return h * HOUR_MS + min * MINUTE_MS;
}

export function formatLocalTime(msOfDay: number): LocalTime {
  const totalMin = Math.floor(msOfDay / MINUTE_MS);
  return `${pad2(Math.floor(totalMin / 60))}:${pad2(totalMin % 60)}`;
}

/** Epoch day (local) of an instant. */
export function localDayOf(ms: number): number {
  return Math.floor((ms + VN_OFFSET_MS) / DAY_MS);
}

/**
 * The instant that names a due instant's day. A period counted in calendar days ends at 24:00 of its last day
 * (Civil Code Art. 148), which the engine stores as the next day's 00:00 (exclusive); read as a day, that 00:00
 * belongs to the day before. Every screen, report and step rule that asks "which day is it due" goes through here.
 */
export function dueDayInstant(dueAt: number): number {
  return localTimeOfDay(dueAt) === 0 ? dueAt - 1 : dueAt;
}

/** Milliseconds after local midnight of an instant. */
export function localTimeOfDay(ms: number): number {
  const local = ms + VN_OFFSET_MS;
  return local - Math.floor(local / DAY_MS) * DAY_MS;
}

/** The instant at which a local epoch day starts (00:00 +07:00). */
export function dayStartMs(epochDay: number): number {
  return epochDay * DAY_MS - VN_OFFSET_MS;
}

export function localDateOf(ms: number): LocalDate {
  return formatLocalDate(localDayOf(ms));
}

/** Local date and time → instant. */
export function localInstant(date: LocalDate, time: LocalTime | number = 0): number {
  const t = typeof time === 'number' ? time : parseLocalTime(time);
  return dayStartMs(parseLocalDate(date)) + t;
}

/** Formats an instant as local ISO-8601 with the +07:00 offset, e.g. '2026-04-29T08:00:00+07:00'. */
export function formatInstantVN(ms: number): string {
  if (!Number.isFinite(ms)) throw new CalendarError('CALENDAR_INVALID_INSTANT', `not a finite instant: ${ms}`);
  const day = localDayOf(ms);
  const tod = ms + VN_OFFSET_MS - day * DAY_MS;
  const h = Math.floor(tod / HOUR_MS);
  const mi = Math.floor((tod % HOUR_MS) / MINUTE_MS);
  const s = Math.floor((tod % MINUTE_MS) / 1000);
  const milli = tod % 1000;
  const frac = milli === 0 ? '' : `.${String(milli).padStart(3, '0')}`;
  return `${formatLocalDate(day)}T${pad2(h)}:${pad2(mi)}:${pad2(s)}${frac}+07:00`;
}

/**
 * The offset may come as ' 07:00' because '+' in a URL query decodes to a space;
 * a string without offset is read as Vietnam local time, never as process-local time.
 */
const INSTANT_RE =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|z|[+\- ]\d{2}(?::?\d{2})?)?$/;

export function parseInstant(input: InstantInput): number {
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) throw new CalendarError('CALENDAR_INVALID_INSTANT', `not a finite instant: ${input}`);
    return input;
  }
  if (input instanceof Date) {
    const t = input.getTime();
    if (!Number.isFinite(t)) throw new CalendarError('CALENDAR_INVALID_INSTANT', 'invalid Date');
    return t;
  }
  const m = typeof input === 'string' ? INSTANT_RE.exec(input.trim()) : null;
  if (!m) throw new CalendarError('CALENDAR_INVALID_INSTANT', `not an ISO-8601 instant: ${String(input)}`);
  const date = `${m[1]}-${m[2]}-${m[3]}`;
  const day = parseLocalDate(date);
  const h = Number(m[4]);
  const mi = Number(m[5]);
  const s = m[6] === undefined ? 0 : Number(m[6]);
  if (h > 23 || mi > 59 || s > 59) throw new CalendarError('CALENDAR_INVALID_INSTANT', `no such time: ${input}`);
  const ms = m[7] === undefined ? 0 : Math.floor(Number(`0.${m[7]}`) * 1000);
  let offsetMs = VN_OFFSET_MS;
  const off = m[8];
  if (off !== undefined) {
    if (off === 'Z' || off === 'z') offsetMs = 0;
    else {
      const sign = off[0] === '-' ? -1 : 1;
      const digits = off.slice(1).replace(':', '');
      const oh = Number(digits.slice(0, 2));
      const om = digits.length > 2 ? Number(digits.slice(2, 4)) : 0;
      if (oh > 23 || om > 59) throw new CalendarError('CALENDAR_INVALID_INSTANT', `bad offset: ${input}`);
      offsetMs = sign * (oh * HOUR_MS + om * MINUTE_MS);
    }
  }
  return day * DAY_MS + h * HOUR_MS + mi * MINUTE_MS + s * 1000 + ms - offsetMs;
}
