/**
 * Reporting periods by key — 'YYYY-MM', 'YYYY-Qn', 'YYYY-Hn' (half year), 'YYYY' — in local time, with the
 * previous period of the same kind (for score deltas and rank changes) and Vietnamese labels.
 */
import type { PeriodKind } from './types.js';
import { VN_OFFSET_MS as VN, localDateOf } from '../calendar/localTime.js';

const ROMAN = ['I', 'II', 'III', 'IV'];

export interface KeyedPeriod {
  key: string;
  kind: PeriodKind | 'HALF';
  /** First local day, 'YYYY-MM-DD'. */
  from: string;
  /** Last local day, 'YYYY-MM-DD'. */
  to: string;
  start: number;
  end: number;
  labelVi: string;
}

const monthStart = (y: number, m0: number) => Date.UTC(y, m0, 1) - VN;

function make(key: string, kind: KeyedPeriod['kind'], y: number, m0: number, months: number, labelVi: string) {
  const start = monthStart(y, m0);
  const end = monthStart(y, m0 + months);
  return { key, kind, start, end, from: localDateOf(start), to: localDateOf(end - 1), labelVi } satisfies KeyedPeriod;
}

/** The period of a key, or null when the key is not one. */
export function periodFromKey(key: string): KeyedPeriod | null {
  let m = /^(\d{4})-(\d{2})$/.exec(key);
  if (m) {
    const month = Number(m[2]);
    if (month < 1 || month > 12) return null;
    return make(key, 'MONTH', Number(m[1]), month - 1, 1, `Tháng ${month}/${m[1]}`);
  }
  m = /^(\d{4})-Q([1-4])$/.exec(key);
  if (m) return make(key, 'QUARTER', Number(m[1]), (Number(m[2]) - 1) * 3, 3, `Quý ${ROMAN[Number(m[2]) - 1]}/${m[1]}`);
  m = /^(\d{4})-H([12])$/.exec(key);
  if (m)
    return make(
      key,
      'HALF',
      Number(m[1]),
      (Number(m[2]) - 1) * 6,
      6,
      m[2] === '1' ? `6 tháng đầu năm ${m[1]}` : `6 tháng cuối năm ${m[1]}`,
    );
  m = /^(\d{4})$/.exec(key);
  if (m) return make(key, 'YEAR', Number(m[1]), 0, 12, `Năm ${m[1]}`);
  return null;
}

/** The key of the period of the same kind just before. */
export function previousPeriodKey(key: string): string {
  const p = periodFromKey(key);
  if (!p) throw new Error(`not a period key: ${key}`);
  const d = new Date(p.start - 1 + VN);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (p.kind === 'MONTH') return `${y}-${String(m + 1).padStart(2, '0')}`;
  if (p.kind === 'QUARTER') return `${y}-Q${Math.floor(m / 3) + 1}`;
  if (p.kind === 'HALF') return `${y}-H${m < 6 ? 1 : 2}`;
  return String(y);
}

/** The key of the period of a kind that holds an instant. */
export function periodKeyAt(t: number, kind: 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR'): string {
  const d = new Date(t + VN);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  if (kind === 'MONTH') return `${y}-${String(m + 1).padStart(2, '0')}`;
  if (kind === 'QUARTER') return `${y}-Q${Math.floor(m / 3) + 1}`;
  if (kind === 'HALF') return `${y}-H${m < 6 ? 1 : 2}`;
  return String(y);
}

/** The engine's period kind (a half year is scored as a custom period). */
export const engineKindOf = (p: KeyedPeriod): PeriodKind => (p.kind === 'HALF' ? 'CUSTOM' : p.kind);
