/** How the forms print dates, times, durations and money: Vietnamese, in Asia/Ho_Chi_Minh, dd/MM/yyyy. */
import { vnWallClock, type Duration } from '@motcua/domain/calendar/index';
import type { UnitInfo } from './formData';

/** What an empty field prints, so that the paper form can still be filled in by hand. */
export const BLANK = '……………';

const pad2 = (n: number) => String(n).padStart(2, '0');

/** Wall-clock parts; `asDue` reads an exact 00:00 as 24:00 of the day before (a calendar-day period's end). */
function parts(ms: number, asDue = false) {
  const w = vnWallClock(ms, asDue);
  return { y: String(w.year), M: pad2(w.month), d: pad2(w.day), h: pad2(w.hour), m: pad2(w.minute) };
}

/** 22/04/2026 */
export function dateVN(ms: number | null | undefined, asDue = false): string | null {
  if (ms === null || ms === undefined) return null;
  const p = parts(ms, asDue);
  return `${p.d}/${p.M}/${p.y}`;
}

/** 09 giờ 05 phút, ngày 22/04/2026 */
export function timeDateVN(ms: number | null | undefined, asDue = false): string | null {
  if (ms === null || ms === undefined) return null;
  const p = parts(ms, asDue);
  return `${p.h} giờ ${p.m} phút, ngày ${p.d}/${p.M}/${p.y}`;
}

/** 09:05 22/04/2026 (table cells) */
export function shortTimeDateVN(ms: number | null | undefined): string | null {
  if (ms === null || ms === undefined) return null;
  const p = parts(ms);
  return `${p.h}:${p.m} ${p.d}/${p.M}/${p.y}`;
}

/** ngày 22 tháng 04 năm 2026 */
export function longDateVN(ms: number): string {
  const p = parts(ms);
  return `ngày ${p.d} tháng ${p.M} năm ${p.y}`;
}

/** The local date 'YYYY-MM-DD' of an instant as dd/MM/yyyy. */
export function localDateText(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** The local calendar date of an instant, 'YYYY-MM-DD' (for spreadsheet date cells); `asDue` as for dateVN. */
export function localDateOfMs(ms: number | null | undefined, asDue = false): string | null {
  if (ms === null || ms === undefined) return null;
  const p = parts(ms, asDue);
  return `${p.y}-${p.M}-${p.d}`;
}

const unitPrefixes = /^(xã|phường|thị trấn|đặc khu|huyện|quận|thị xã|thành phố|tỉnh)\s+/iu;

/** The place printed before the date: the unit's short name, or its name without "Xã", "Phường" … */
export function placeOf(unit: Pick<UnitInfo, 'name' | 'shortName'>): string {
  if (unit.shortName && unit.shortName.length <= 40) return unit.shortName;
  return unit.name.replace(unitPrefixes, '');
}

/** Mê Linh, ngày 22 tháng 04 năm 2026 */
export function placeDateVN(place: string, ms: number | null): string {
  return ms === null ? `${place}, ngày … tháng … năm …` : `${place}, ${longDateVN(ms)}`;
}

export function durationText(d: Duration | null): string | null {
  if (!d) return null;
  const n = new Intl.NumberFormat('vi-VN').format(d.value);
  switch (d.unit) {
    case 'WORKING_DAYS':
      return `${n} ngày làm việc`;
    case 'WORKING_HOURS':
      return `${n} giờ làm việc`;
    case 'CALENDAR_DAYS':
      return `${n} ngày`;
    case 'SAME_DAY':
      return 'trong ngày làm việc';
  }
}

export function moneyVN(amount: number): string {
  return `${new Intl.NumberFormat('vi-VN').format(amount)} đồng`;
}

export const timelinessLabel = { EARLY: 'Trước hạn', ON_TIME: 'Đúng hạn', OVERDUE: 'Quá hạn' } as const;

export const deliveryMethodLabel = { COUNTER: 'Trực tiếp', POSTAL: 'Qua bưu chính', ONLINE: 'Trực tuyến' } as const;

export const channelLabel = { COUNTER: 'Trực tiếp', POSTAL: 'Qua bưu chính công ích', ONLINE: 'Trực tuyến' } as const;

/** Upper case as Vietnamese prints it (NFC first, so the combining marks stay on their letters). */
export const upper = (s: string) => s.normalize('NFC').toLocaleUpperCase('vi-VN');

/** ASCII file-name part: "Giấy tiếp nhận" → "giay-tiep-nhan", a dossier code keeps its dots. */
export function asciiSlug(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9.-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-|-$/g, '');
}
