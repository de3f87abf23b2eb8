import { useMemo } from 'react';
import { Link } from 'react-router-dom';
import { Typography } from 'antd';
import { serviceIndexApi } from '../../api/serviceIndex';
import { LoadError } from '../../auth/guards';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { ChartCard } from '../../components/ChartCard';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { barOption } from './chartOptions';
import { csvPct, csvScore, fmtPct, fmtScore, round2 } from './format';
import { FrozenResults } from './FrozenResults';
import { PeriodPicker, usePeriodParam } from './PeriodPicker';
import { periodLabel } from './period';
import { RankingTable } from './RankingTable';
import { useUnitFilter } from './UnitFilter';
import { UnitSummary } from './UnitSummary';
import { useLoad } from './useLoad';
import './serviceIndex.css';

/** /chi-so-phuc-vu — the leader's view of the index: the chosen unit, the ranking of its units, totals chart. */
export default function ServiceIndexPage() {
  const t = useT();
  usePageTitle(t('si.title'));
  const [period, setPeriod] = usePeriodParam();
  const { unit } = useWorkingUnit();
  const { data, error, loading, reload } = useLoad(
    (signal) => serviceIndexApi.ranking({ period, unitId: unit?.id }, signal),
    [period, unit?.id],
  );
  const units = useMemo(() => data?.units ?? [], [data]);
  const { rows, controls } = useUnitFilter(units, true);
  const byTotal = useMemo(() => [...rows].sort((a, b) => b.total - a.total), [rows]);
  const option = useMemo(
    () =>
      barOption(
        byTotal.map((r) => r.name),
        [{ name: t('si.col.total'), data: byTotal.map((r) => round2(r.total)) }],
        { max: 100 },
      ),
    [byTotal, t],
  );

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('si.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('si.intro')}</Typography.Paragraph>
      <div className="si-toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
        <Link to={`/bao-cao/dashboard?ky=${encodeURIComponent(period)}`}>{t('si.toDashboard')}</Link>
        <Link to={`/bao-cao/bieu-mau?ky=${encodeURIComponent(period)}`}>{t('si.toReports')}</Link>
      </div>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : (
        <>
          {data && (
            <UnitSummary row={data.unit} period={period} measuredAt={data.period.measuredAt} live={data.period.live} />
          )}
          {data && !data.period.live && data.period.key === period && (
            <FrozenResults period={period} unitId={data.unit.unitId} unitName={data.unit.name} />
          )}
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('si.rankingTitle', { period: periodLabel(period, t) })}
          </Typography.Title>
          <div className="si-toolbar">{controls}</div>
          <RankingTable rows={rows} period={period} loading={loading} />
          <ChartCard
            title={t('si.chart.totals')}
            option={option}
            rows={byTotal}
            rowKey={(r) => r.unitId}
            fileName={`chi-so-${period}`}
            height={Math.max(320, Math.min(byTotal.length, 40) * 14 + 120)}
            columns={[
              { key: 'rank', title: t('si.col.rank'), value: (r) => r.rank },
              { key: 'name', title: t('si.col.unit'), value: (r) => r.name },
              {
                key: 'total',
                title: t('si.col.total'),
                value: (r) => csvScore(r.total),
                render: (r) => fmtScore(r.total),
                align: 'right',
              },
              {
                key: 'onTime',
                title: t('si.col.onTimePct'),
                value: (r) => csvPct(r.onTimeRate),
                render: (r) => fmtPct(r.onTimeRate),
                align: 'right',
              },
            ]}
          />
        </>
      )}
    </>
  );
}
