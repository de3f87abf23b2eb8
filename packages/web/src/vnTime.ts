/**
 * Instants shown in Vietnam time (Asia/Ho_Chi_Minh, UTC+7 all year), whatever the browser's time zone, through
 * the domain's wall clock. Due instants (appointments, step deadlines, rescheduled dates) go through `vnDueAt`:
 * a calendar-day period ends at 24:00 of its last day, stored as the next day's 00:00, and must not read as a
 * day later on a citizen's screen.
 */
import { dmy, formatVnDate, formatVnDateTime, hm, vnWallClock as wallClock } from '@motcua/domain/calendar/display';
import { localDateOf } from '@motcua/domain/calendar/localTime';
import type { Lang } from './i18n';

type InstantValue = string | number | null | undefined;

function toMs(v: InstantValue): number | null {
  if (v === null || v === undefined || v === '') return null;
  const ms = typeof v === 'number' ? v : Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

/** '07/12/2026 07:00' of an event (empty for none). */
export function vnDateTime(v: InstantValue): string {
  const ms = toMs(v);
  return ms === null ? '' : formatVnDateTime(ms);
}

/** '08/12/2026 24:00' of a due instant stored as 09/12 00:00; other times as vnDateTime (empty for none). */
export function vnDueAt(v: InstantValue): string {
  const ms = toMs(v);
  return ms === null ? '' : formatVnDateTime(ms, true);
}

/** '07/12/2026'. */
export function vnDate(v: InstantValue): string {
  const ms = toMs(v);
  return ms === null ? '' : formatVnDate(ms);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Today in Vietnam as 'YYYY-MM-DD'. */
export function vnToday(now = Date.now()): string {
  return localDateOf(now);
}

/** Vietnam wall-clock parts of an instant: 'dd/MM/yyyy', 'HH:mm' (null when not an instant). */
export function vnWallClock(iso: string): { date: string; time: string } | null {
  const ms = toMs(iso);
  if (ms === null) return null;
  const w = wallClock(ms);
  return { date: dmy(w), time: hm(w) };
}

const WEEKDAYS: Record<Lang, string[]> = {
  vi: ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy', 'Chủ nhật'],
  en: ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'],
};

/** 'Thứ Năm, 07/05/2026 07:00'; with `asDue`, a midnight due instant is 24:00 of the day before. */
export function formatVnInstant(iso: string, lang: Lang, asDue = false): string {
  const ms = toMs(iso);
  if (ms === null) return iso;
  const w = wallClock(ms, asDue);
  return `${WEEKDAYS[lang][w.weekday - 1]!}, ${dmy(w)} ${hm(w)}`;
}

/** A wall-clock Vietnam time 'YYYY-MM-DDTHH:mm' → ISO-8601 with +07:00. */
export function vnIso(localDateTime: string): string {
  return `${localDateTime}:00+07:00`;
}

/** 'dd/MM/yyyy' typed at the counter → 'YYYY-MM-DD' (undefined when not a real date). */
export function parseDmy(text: string): string | undefined {
  const m = /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\s*$/.exec(text);
  if (!m) return undefined;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return undefined;
  return `${y}-${pad(mo)}-${pad(d)}`;
}
