/** Dashboard charts: on time by field, channel mix, overdue heat map (unit × month), top late procedures. */
import { useMemo } from 'react';
import type { DashboardResponse } from '../../api/serviceIndex';
import { ChartCard } from '../../components/ChartCard';
import { useT } from '../../i18n';
import { barOption, heatmapOption, pieOption } from './chartOptions';
import { csvPct, fmtInt, fmtPct, pct1, tryT } from './format';

type D = DashboardResponse;

export function OnTimeByFieldChart({ rows, fileName }: { rows: D['onTimeByField']; fileName: string }) {
  const t = useT();
  const option = useMemo(
    () =>
      barOption(
        rows.map((r) => r.fieldName),
        [{ name: t('si.col.onTimePct'), data: rows.map((r) => pct1(r.rate)) }],
        {
          horizontal: true,
          max: 100,
        },
      ),
    [rows, t],
  );
  return (
    <ChartCard
      title={t('si.chart.onTimeByField')}
      option={option}
      rows={rows}
      rowKey={(r) => r.fieldCode}
      fileName={fileName}
      height={Math.max(320, rows.length * 26 + 60)}
      columns={[
        { key: 'field', title: t('si.col.field'), value: (r) => r.fieldName },
        {
          key: 'onTime',
          title: t('si.col.onTimeCount'),
          value: (r) => r.onTime,
          render: (r) => fmtInt(r.onTime),
          align: 'right',
        },
        {
          key: 'total',
          title: t('si.col.dossiers'),
          value: (r) => r.total,
          render: (r) => fmtInt(r.total),
          align: 'right',
        },
        {
          key: 'rate',
          title: t('si.col.onTimePct'),
          value: (r) => csvPct(r.rate),
          render: (r) => fmtPct(r.rate),
          align: 'right',
        },
      ]}
    />
  );
}

export function ChannelsChart({ rows, fileName }: { rows: D['channels']; fileName: string }) {
  const t = useT();
  const label = (c: string) => tryT(t, `si.channel.${c}`, c);
  const option = useMemo(() => pieOption(rows.map((r) => ({ name: label(r.channel), value: r.count }))), [rows, t]); // eslint-disable-line react-hooks/exhaustive-deps
  return (
    <ChartCard
      title={t('si.chart.channels')}
      option={option}
      rows={rows}
      rowKey={(r) => r.channel}
      fileName={fileName}
      columns={[
        { key: 'channel', title: t('si.col.channel'), value: (r) => label(r.channel) },
        {
          key: 'count',
          title: t('si.col.dossiers'),
          value: (r) => r.count,
          render: (r) => fmtInt(r.count),
          align: 'right',
        },
      ]}
    />
  );
}

interface HeatRow {
  key: string;
  name: string;
  month: string;
  overdue: number;
}

export function OverdueHeatmap({ rows, fileName }: { rows: D['overdueByUnit']; fileName: string }) {
  const t = useT();
  const { option, flat } = useMemo(() => {
    const months = [...new Set(rows.flatMap((u) => u.months.map((m) => m.month)))].sort();
    const names = rows.map((u) => u.name);
    const cells: [number, number, number][] = [];
    const flat: HeatRow[] = [];
    rows.forEach((u, y) =>
      u.months.forEach((m) => {
        cells.push([months.indexOf(m.month), y, m.overdue]);
        flat.push({ key: `${u.unitId}-${m.month}`, name: u.name, month: m.month, overdue: m.overdue });
      }),
    );
    const monthLabels = months.map((m) => `${m.slice(5)}/${m.slice(0, 4)}`);
    return { option: heatmapOption(monthLabels, names, cells), flat };
  }, [rows]);
  return (
    <ChartCard
      title={t('si.chart.overdueHeatmap')}
      option={option}
      rows={flat}
      rowKey={(r) => r.key}
      fileName={fileName}
      height={Math.max(320, rows.length * 24 + 100)}
      columns={[
        { key: 'unit', title: t('si.col.unit'), value: (r) => r.name },
        { key: 'month', title: t('si.col.month'), value: (r) => r.month },
        {
          key: 'overdue',
          title: t('si.col.overdue'),
          value: (r) => r.overdue,
          render: (r) => fmtInt(r.overdue),
          align: 'right',
        },
      ]}
    />
  );
}

export function TopLateChart({ rows, fileName }: { rows: D['topLateProcedures']; fileName: string }) {
  const t = useT();
  const option = useMemo(
    () =>
      barOption(
        rows.map((r) => r.name),
        [{ name: t('si.col.late'), data: rows.map((r) => r.late) }],
        { horizontal: true, integer: true },
      ),
    [rows, t],
  );
  return (
    <ChartCard
      title={t('si.chart.topLate')}
      option={option}
      rows={rows}
      rowKey={(r) => r.procedureCode}
      fileName={fileName}
      height={Math.max(320, rows.length * 28 + 60)}
      columns={[
        { key: 'code', title: t('si.col.procedureCode'), value: (r) => r.procedureCode },
        { key: 'name', title: t('si.col.procedure'), value: (r) => r.name },
        { key: 'late', title: t('si.col.late'), value: (r) => r.late, render: (r) => fmtInt(r.late), align: 'right' },
        {
          key: 'total',
          title: t('si.col.dossiers'),
          value: (r) => r.total,
          render: (r) => fmtInt(r.total),
          align: 'right',
        },
      ]}
    />
  );
}
