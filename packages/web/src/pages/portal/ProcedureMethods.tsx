import { Table } from 'antd';
import type { ProcedureMethod } from '../../api/catalog';
import { formatNumber } from '../../format';
import { useT, type Translate } from '../../i18n';

export function methodTime(m: ProcedureMethod, t: Translate): string {
  if (m.time) {
    if (m.time.unit === 'same_day') return t('pcat.unit.same_day');
    return t('pcat.timeValue', { value: formatNumber(m.time.value), unit: t(`pcat.unit.${m.time.unit}` as const) });
  }
  if (m.timeText && /^\d+([.,]\d+)?$/.test(m.timeText.trim()))
    return t('pcat.timeUnknownUnit', { text: m.timeText.trim() });
  return m.timeText ?? t('common.none');
}

export function methodFee(m: ProcedureMethod, t: Translate): string {
  const parts: string[] = [];
  if (m.feeVnd === 0 && !m.feeNote) parts.push(t('pcat.free'));
  else if (m.feeVnd != null) parts.push(`${formatNumber(m.feeVnd)} đ`);
  else if (m.feeText) parts.push(m.feeText);
  if (m.feeNote) parts.push(m.feeNote);
  return parts.join(' — ') || t('common.none');
}

/** Time limit and fee per channel (trực tiếp / trực tuyến / bưu chính). */
export function ProcedureMethods({ methods }: { methods: ProcedureMethod[] }) {
  const t = useT();
  return (
    <Table<ProcedureMethod & { key: number }>
      size="small"
      pagination={false}
      data-testid="procedure-methods"
      dataSource={methods.map((m, i) => ({ ...m, key: i }))}
      columns={[
        {
          title: t('pcat.channel'),
          dataIndex: 'channel',
          width: 160,
          render: (c: ProcedureMethod['channel']) => t(`pcat.channel.${c}` as const),
        },
        {
          title: t('pcat.time'),
          key: 'time',
          render: (_: unknown, m) => <span className="pre-line">{methodTime(m, t)}</span>,
        },
        {
          title: t('pcat.fee'),
          key: 'fee',
          render: (_: unknown, m) => <span className="pre-line">{methodFee(m, t)}</span>,
        },
      ]}
    />
  );
}
