import { useT } from '../../i18n';
import { rankChangeText } from './format';

/** "↑10" (green), "↓3" (red), "=" or nothing, with a spoken label. */
export function RankChange({ change }: { change: number | null | undefined }) {
  const t = useT();
  const text = rankChangeText(change);
  if (!text) return <span aria-label={t('si.rank.new')}>—</span>;
  const cls = change! > 0 ? 'si-up' : change! < 0 ? 'si-down' : 'si-same';
  const label =
    change! > 0
      ? t('si.rank.up', { n: change! })
      : change! < 0
        ? t('si.rank.down', { n: -change! })
        : t('si.rank.same');
  return (
    <span className={cls} title={label}>
      <span aria-hidden>{text}</span>
      <span className="visually-hidden">{label}</span>
    </span>
  );
}
