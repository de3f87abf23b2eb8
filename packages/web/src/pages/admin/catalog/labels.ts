import type { Translate } from '../../../i18n';
import { formatNumber } from '../../../format';
import type { ProcedureMethod, TimeLimit } from '../../../api/catalog';

export function timeLabel(time: TimeLimit | null, t: Translate): string {
  if (!time) return '';
  if (time.unit === 'same_day') return t('ca.timeUnit.same_day');
  return `${formatNumber(time.value)} ${t(`ca.timeUnit.${time.unit}`)}`;
}

/** The time limits of the channels, "5 ngày làm việc" when all agree, else per channel. */
export function methodsTimeLabel(methods: ProcedureMethod[], t: Translate): string {
  const labels = methods.map((m) => timeLabel(m.time, t) || m.timeText || '');
  const distinct = [...new Set(labels.filter(Boolean))];
  if (distinct.length <= 1) return distinct[0] ?? '';
  return methods.map((m, i) => `${t(`ca.channel.${m.channel}`)}: ${labels[i] || '—'}`).join('; ');
}

export function feeLabel(m: ProcedureMethod, t: Translate): string {
  if (m.feeVnd === 0) return t('proc.free');
  if (m.feeVnd != null) return `${formatNumber(m.feeVnd)} đ`;
  return m.feeText ?? '';
}

/** Lines of a textarea → trimmed non-empty NFC strings. */
export const lines = (s: string | undefined | null): string[] =>
  (s ?? '')
    .split('\n')
    .map((l) => l.trim().normalize('NFC'))
    .filter(Boolean);

/** Trimmed NFC text or null. */
export const textOrNull = (s: string | undefined | null): string | null => {
  const v = (s ?? '').trim();
  return v ? v.normalize('NFC') : null;
};
