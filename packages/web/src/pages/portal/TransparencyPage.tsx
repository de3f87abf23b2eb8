import { useMemo } from 'react';
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { serviceIndexApi, type PublicIndexRow } from '../../api/serviceIndex';
import { LoadError } from '../../auth/guards';
import { ScrollRegion } from '../../components/ChartCard';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { fmtPct, fmtScore } from '../serviceIndex/format';
import { periodLabel } from '../serviceIndex/period';
import { PeriodPicker, usePeriodParam } from '../serviceIndex/PeriodPicker';
import { RankChange } from '../serviceIndex/RankChange';
import { useUnitFilter } from '../serviceIndex/UnitFilter';
import { useLoad } from '../serviceIndex/useLoad';
import '../serviceIndex/serviceIndex.css';

const num = (a: number | null | undefined) => a ?? -Infinity;

/** /cong-khai/chi-so — public: each unit's index and on-time rate, this period and the previous one, rank. */
export default function TransparencyPage() {
  const t = useT();
  usePageTitle(t('si.pub.title'));
  const [period, setPeriod] = usePeriodParam();
  const { data, error, loading, reload } = useLoad((signal) => serviceIndexApi.publicIndex(period, signal), [period]);
  const units = useMemo(() => data?.units ?? [], [data]);
  const { rows, controls } = useUnitFilter(units, false);
  const prev = data?.previousPeriod.key;
  const cur = periodLabel(period, t);
  const prevLabel = prev ? periodLabel(prev, t) : t('si.pub.previous');

  const columns: ColumnsType<PublicIndexRow> = [
    {
      key: 'rank',
      title: t('si.col.rank'),
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
      render: (_, r) => (r.rank === null ? '—' : `${r.rank}/${r.peerCount}`),
    },
    { key: 'change', title: t('si.col.change'), render: (_, r) => <RankChange change={r.rankChange} /> },
    {
      key: 'name',
      title: t('si.col.unit'),
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
      render: (_, r) => r.name,
    },
    {
      key: 'index',
      title: t('si.pub.index'),
      children: [
        {
          key: 'total',
          title: cur,
          align: 'right',
          sorter: (a: PublicIndexRow, b: PublicIndexRow) => a.total - b.total,
          render: (_: unknown, r: PublicIndexRow) => <strong className="si-num">{fmtScore(r.total)}</strong>,
        },
        {
          key: 'prevTotal',
          title: prevLabel,
          align: 'right',
          render: (_: unknown, r: PublicIndexRow) => <span className="si-num">{fmtScore(r.previousTotal)}</span>,
        },
      ],
    },
    {
      key: 'onTime',
      title: t('si.col.onTime'),
      children: [
        {
          key: 'rate',
          title: cur,
          align: 'right',
          sorter: (a: PublicIndexRow, b: PublicIndexRow) => num(a.onTimeRate) - num(b.onTimeRate),
          render: (_: unknown, r: PublicIndexRow) => <span className="si-num">{fmtPct(r.onTimeRate)}</span>,
        },
        {
          key: 'prevRate',
          title: prevLabel,
          align: 'right',
          render: (_: unknown, r: PublicIndexRow) => <span className="si-num">{fmtPct(r.previousOnTimeRate)}</span>,
        },
      ],
    },
  ];

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('si.pub.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('si.pub.intro')}</Typography.Paragraph>
      <div className="si-toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
        {controls}
      </div>
      {data && (
        <Typography.Paragraph>
          {t('si.pub.province', {
            name: data.province.name,
            total: fmtScore(data.province.total),
            onTime: fmtPct(data.province.onTimeRate),
          })}
        </Typography.Paragraph>
      )}
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <ScrollRegion label={t('si.pub.title')}>
          <Table<PublicIndexRow>
            bordered
            size="small"
            rowKey="code"
            columns={columns}
            dataSource={rows}
            loading={loading}
            pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
            locale={{ emptyText: t('si.noUnits') }}
            caption={<span className="visually-hidden">{t('si.pub.title')}</span>}
          />
        </ScrollRegion>
      )}
      {data && <Typography.Paragraph type="secondary">{t('si.pub.measured', { period: cur })}</Typography.Paragraph>}
    </>
  );
}
