/** Charts shared by the unit page and the dashboards: group scores against maxima, trend of total and on time. */
import { useMemo } from 'react';
import type { GroupPoints, TrendPoint } from '../../api/serviceIndex';
import { ChartCard } from '../../components/ChartCard';
import { useT } from '../../i18n';
import { barOption, lineOption } from './chartOptions';
import { csvPct, csvScore, fmtPct, fmtScore, groupLabel, pct1, round2 } from './format';
import { periodLabel } from './period';

export function GroupsChart({ groups, fileName }: { groups: GroupPoints[]; fileName: string }) {
  const t = useT();
  const option = useMemo(
    () =>
      barOption(
        groups.map((g) => groupLabel(g.code, t)),
        [
          { name: t('si.col.score'), data: groups.map((g) => round2(g.score)) },
          { name: t('si.col.max'), data: groups.map((g) => g.max) },
        ],
        { horizontal: true },
      ),
    [groups, t],
  );
  return (
    <ChartCard
      title={t('si.chart.groups')}
      option={option}
      rows={groups}
      rowKey={(g) => g.code}
      fileName={fileName}
      columns={[
        { key: 'group', title: t('si.col.group'), value: (g) => groupLabel(g.code, t) },
        {
          key: 'score',
          title: t('si.col.score'),
          value: (g) => csvScore(g.score),
          render: (g) => fmtScore(g.score),
          align: 'right',
        },
        { key: 'max', title: t('si.col.max'), value: (g) => g.max, render: (g) => fmtScore(g.max), align: 'right' },
      ]}
    />
  );
}

export function TrendChart({ trend, fileName }: { trend: TrendPoint[]; fileName: string }) {
  const t = useT();
  const option = useMemo(
    () =>
      lineOption(
        trend.map((p) => periodLabel(p.period, t)),
        [
          { name: t('si.col.total'), data: trend.map((p) => round2(p.total)) },
          { name: t('si.col.onTimePct'), data: trend.map((p) => pct1(p.onTimeRate)), right: true },
        ],
      ),
    [trend, t],
  );
  return (
    <ChartCard
      title={t('si.chart.trend')}
      option={option}
      rows={trend}
      rowKey={(p) => p.period}
      fileName={fileName}
      columns={[
        { key: 'period', title: t('si.period.label'), value: (p) => periodLabel(p.period, t) },
        {
          key: 'total',
          title: t('si.col.total'),
          value: (p) => csvScore(p.total),
          render: (p) => fmtScore(p.total),
          align: 'right',
        },
        {
          key: 'onTime',
          title: t('si.col.onTimePct'),
          value: (p) => csvPct(p.onTimeRate),
          render: (p) => fmtPct(p.onTimeRate),
          align: 'right',
        },
      ]}
    />
  );
}
