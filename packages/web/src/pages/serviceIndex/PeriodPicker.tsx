import { useMemo } from 'react';
import { useSearchParams } from 'react-router-dom';
import { Select, Space } from 'antd';
import { useT } from '../../i18n';
import { PERIOD_KINDS, periodFromParam, periodKeyAt, periodKindOf, periodLabel, recentPeriods } from './period';

const COUNT = { MONTH: 24, QUARTER: 12, HALF: 6, YEAR: 5 } as const;

/** The period of the page, kept in the URL (`?ky=2026-Q3`); default the current quarter. */
export function usePeriodParam(): [string, (key: string) => void] {
  const [params, setParams] = useSearchParams();
  const key = periodFromParam(params.get('ky'));
  const set = (next: string) => {
    const p = new URLSearchParams(params);
    p.set('ky', next);
    setParams(p, { replace: true });
  };
  return [key, set];
}

/** Two selects: the kind of period (month, quarter, half year, year) and the period. */
export function PeriodPicker({ value, onChange }: { value: string; onChange: (key: string) => void }) {
  const t = useT();
  const kind = periodKindOf(value);
  const options = useMemo(() => {
    const keys = recentPeriods(kind, COUNT[kind]);
    if (!keys.includes(value)) keys.unshift(value);
    return keys.map((k) => ({ value: k, label: periodLabel(k, t) }));
  }, [kind, value, t]);
  return (
    <Space wrap>
      <label htmlFor="si-period-kind">{t('si.period.kind')}</label>
      <Select
        id="si-period-kind"
        value={kind}
        style={{ width: 140 }}
        onChange={(k) => onChange(periodKeyAt(k))}
        options={PERIOD_KINDS.map((k) => ({ value: k, label: t(`si.period.kind.${k}`) }))}
      />
      <label htmlFor="si-period">{t('si.period.label')}</label>
      <Select id="si-period" value={value} style={{ width: 200 }} onChange={onChange} options={options} />
    </Space>
  );
}
