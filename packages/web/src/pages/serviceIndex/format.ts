/** Number and label formatting of the service-index pages: scores with 2 decimals, ratios as % with 1. */
import { GROUPS_2025, INDICATORS_2025 } from '@motcua/domain/index766/table';
import type { MessageKey, Translate } from '../../i18n';

const scoreFormat = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pctFormat = new Intl.NumberFormat('vi-VN', {
  style: 'percent',
  minimumFractionDigits: 1,
  maximumFractionDigits: 1,
});
const intFormat = new Intl.NumberFormat('vi-VN');
const NONE = '—';

export const fmtScore = (n: number | null | undefined): string =>
  n === null || n === undefined || !Number.isFinite(n) ? NONE : scoreFormat.format(n);
export const fmtPct = (r: number | null | undefined): string =>
  r === null || r === undefined || !Number.isFinite(r) ? NONE : pctFormat.format(r);
export const fmtInt = (n: number | null | undefined): string =>
  n === null || n === undefined ? NONE : intFormat.format(n);
/** Machine values for CSV files (dot decimals, fixed precision). */
export const csvScore = (n: number | null | undefined): string => (n === null || n === undefined ? '' : n.toFixed(2));
export const csvPct = (r: number | null | undefined): string =>
  r === null || r === undefined ? '' : (r * 100).toFixed(1);
/** Rounded for charts (full precision stays in the data). */
export const round2 = (n: number | null | undefined): number | null =>
  n === null || n === undefined ? null : Math.round(n * 100) / 100;
export const pct1 = (r: number | null | undefined): number | null =>
  r === null || r === undefined ? null : Math.round(r * 1000) / 10;

/** '↑10', '↓3', '=' (same rank) or '' (no previous rank). */
export function rankChangeText(change: number | null | undefined): string {
  if (change === null || change === undefined) return '';
  if (change > 0) return `↑${change}`;
  if (change < 0) return `↓${-change}`;
  return '=';
}

/** 'x ngày y giờ' (clock time). */
export function fmtLateBy(ms: number | null | undefined, t: Translate): string {
  if (ms === null || ms === undefined || ms <= 0) return NONE;
  const minutes = Math.round(ms / 60_000);
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d && h) return t('si.lateBy.dh', { d, h });
  if (d) return t('si.lateBy.d', { d });
  if (h) return t('si.lateBy.h', { h });
  return t('si.lateBy.m', { m: Math.max(1, m) });
}

/** Translation of a dynamic key, or `fallback` when the dictionary has none. */
export function tryT(t: Translate, key: string, fallback: string): string {
  const text = t(key as MessageKey);
  return text === key ? fallback : text;
}

const GROUP_NAMES = new Map<string, string>(GROUPS_2025.map((g) => [g.code, g.nameVi]));
const INDICATOR_NAMES = new Map<string, string>(INDICATORS_2025.map((i) => [i.code, i.nameVi]));
export const GROUP_CODES: readonly string[] = GROUPS_2025.map((g) => g.code);

export const groupLabel = (code: string, t: Translate): string =>
  tryT(t, `si.group.${code}`, GROUP_NAMES.get(code) ?? code);
/** Indicator names stay in Vietnamese (the legal text). */
export const indicatorLabel = (code: string): string => INDICATOR_NAMES.get(code) ?? code;

/** Accent-insensitive search folding ("xa me linh" finds "Xã Mê Linh"). */
export const fold = (s: string): string =>
  s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase().trim();
