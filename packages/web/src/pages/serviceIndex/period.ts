/**
 * Period keys of the service index: 'YYYY-MM' (month), 'YYYY-Qn' (quarter), 'YYYY-Hn' (half year), 'YYYY'
 * (year). The default is the current quarter. Labels: 'Tháng 7/2026', 'Quý III/2026', '6 tháng đầu năm
 * 2026', 'Năm 2026'.
 */
import type { Translate } from '../../i18n';

export type PeriodKind = 'MONTH' | 'QUARTER' | 'HALF' | 'YEAR';
export const PERIOD_KINDS: readonly PeriodKind[] = ['MONTH', 'QUARTER', 'HALF', 'YEAR'];

interface Parsed {
  kind: PeriodKind;
  year: number;
  /** Month 1–12, quarter 1–4 or half 1–2; 0 for a year. */
  n: number;
}

const ROMAN = ['I', 'II', 'III', 'IV'];

export function parsePeriodKey(key: string): Parsed | null {
  const m = /^(\d{4})(?:-(\d{2})|-Q([1-4])|-H([12]))?$/.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (m[2]) {
    const n = Number(m[2]);
    return n >= 1 && n <= 12 ? { kind: 'MONTH', year, n } : null;
  }
  if (m[3]) return { kind: 'QUARTER', year, n: Number(m[3]) };
  if (m[4]) return { kind: 'HALF', year, n: Number(m[4]) };
  return { kind: 'YEAR', year, n: 0 };
}

function keyOf(p: Parsed): string {
  switch (p.kind) {
    case 'MONTH':
      return `${p.year}-${String(p.n).padStart(2, '0')}`;
    case 'QUARTER':
      return `${p.year}-Q${p.n}`;
    case 'HALF':
      return `${p.year}-H${p.n}`;
    default:
      return String(p.year);
  }
}

/** The period of `kind` containing `date` (local time of the browser). */
export function periodKeyAt(kind: PeriodKind, date = new Date()): string {
  const year = date.getFullYear();
  const month = date.getMonth() + 1;
  const n =
    kind === 'MONTH' ? month : kind === 'QUARTER' ? Math.ceil(month / 3) : kind === 'HALF' ? Math.ceil(month / 6) : 0;
  return keyOf({ kind, year, n });
}

export const currentPeriodKey = (): string => periodKeyAt('QUARTER');

const PER_YEAR: Record<PeriodKind, number> = { MONTH: 12, QUARTER: 4, HALF: 2, YEAR: 1 };

/** The period `steps` before `key` (same kind). */
export function shiftPeriod(key: string, steps: number): string {
  const p = parsePeriodKey(key);
  if (!p) return key;
  if (p.kind === 'YEAR') return keyOf({ ...p, year: p.year - steps });
  const per = PER_YEAR[p.kind];
  const index = p.year * per + (p.n - 1) - steps;
  return keyOf({ kind: p.kind, year: Math.floor(index / per), n: (index % per) + 1 });
}

/** The `count` most recent periods of `kind`, newest first (the current one included). */
export function recentPeriods(kind: PeriodKind, count: number, now = new Date()): string[] {
  const current = periodKeyAt(kind, now);
  return Array.from({ length: count }, (_, i) => shiftPeriod(current, i));
}

export function periodKindOf(key: string): PeriodKind {
  return parsePeriodKey(key)?.kind ?? 'QUARTER';
}

export function periodLabel(key: string, t: Translate): string {
  const p = parsePeriodKey(key);
  if (!p) return key;
  switch (p.kind) {
    case 'MONTH':
      return t('si.period.month', { m: p.n, y: p.year });
    case 'QUARTER':
      return t('si.period.quarter', { q: ROMAN[p.n - 1] ?? p.n, y: p.year });
    case 'HALF':
      return t(p.n === 1 ? 'si.period.h1' : 'si.period.h2', { y: p.year });
    default:
      return t('si.period.year', { y: p.year });
  }
}

/** A valid key from the URL, or the current quarter. */
export function periodFromParam(value: string | null): string {
  return value && parsePeriodKey(value) ? value : currentPeriodKey();
}
