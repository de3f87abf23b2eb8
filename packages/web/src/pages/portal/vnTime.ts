import type { Lang } from '../../i18n';

const VN_OFFSET_MS = 7 * 3600 * 1000;
const WEEKDAYS: Record<Lang, string[]> = {
  vi: ['Chủ nhật', 'thứ Hai', 'thứ Ba', 'thứ Tư', 'thứ Năm', 'thứ Sáu', 'thứ Bảy'],
  en: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
};

const pad = (n: number) => String(n).padStart(2, '0');

export interface WallClock {
  /** dd/MM/yyyy */
  date: string;
  /** HH:mm */
  time: string;
  weekday: number;
}

/** Vietnam wall-clock parts of an instant, whatever the browser's time zone. */
export function vnWallClock(iso: string): WallClock | null {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return null;
  const d = new Date(ms + VN_OFFSET_MS);
  return {
    date: `${pad(d.getUTCDate())}/${pad(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`,
    time: `${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`,
    weekday: d.getUTCDay(),
  };
}

/**
 * 'thứ Năm, 07/05/2026 07:00'. With `endOfDay24`, a midnight instant is shown as 24:00 of the
 * previous day (calendar-day periods end at 24:00 of their last day, Civil Code Art. 148).
 */
export function formatVnInstant(iso: string, lang: Lang, endOfDay24 = false): string {
  let w = vnWallClock(iso);
  if (!w) return iso;
  if (endOfDay24 && w.time === '00:00') {
    const prev = vnWallClock(new Date(Date.parse(iso) - 60_000).toISOString());
    if (prev) w = { ...prev, time: '24:00' };
  }
  const day = WEEKDAYS[lang][w.weekday]!;
  const dayCap = day.charAt(0).toUpperCase() + day.slice(1);
  return `${dayCap}, ${w.date} ${w.time}`;
}

/** A wall-clock Vietnam time 'YYYY-MM-DDTHH:mm' → ISO-8601 with +07:00. */
export function vnIso(localDateTime: string): string {
  return `${localDateTime}:00+07:00`;
}

/** 'dd/MM/yyyy HH:mm' in Vietnam time of an ISO-8601 instant or epoch ms; '' for null. */
export function formatVnDateTime(value: string | number | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const iso = typeof value === 'number' ? new Date(value).toISOString() : value;
  const w = vnWallClock(iso);
  return w ? `${w.date} ${w.time}` : String(value);
}
