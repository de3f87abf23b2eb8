import dayjs, { type Dayjs } from 'dayjs';
import { vnDateTime } from './vnTime';

/** Display format for calendar dates everywhere in the UI. */
export const DATE_FORMAT = 'DD/MM/YYYY';
export const DATETIME_FORMAT = 'DD/MM/YYYY HH:mm';
const ISO_DATE = 'YYYY-MM-DD';

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = dayjs(iso);
  return d.isValid() ? d.format(DATE_FORMAT) : iso;
}

/** An instant in Vietnam time, whatever the browser's time zone (the value itself if it is not an instant). */
export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  return vnDateTime(iso) || iso;
}

export function toIsoDate(d: Dayjs): string {
  return d.format(ISO_DATE);
}

export function fromIsoDate(iso: string | null | undefined): Dayjs | undefined {
  return iso ? dayjs(iso, ISO_DATE) : undefined;
}

const numberFormat = new Intl.NumberFormat('vi-VN');
export function formatNumber(n: number): string {
  return numberFormat.format(n);
}
