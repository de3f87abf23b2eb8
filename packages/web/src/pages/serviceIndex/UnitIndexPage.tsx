import { useMemo } from 'react';
import { Link, useParams, useSearchParams } from 'react-router-dom';
import { Skeleton, Statistic, Typography } from 'antd';
import { serviceIndexApi } from '../../api/serviceIndex';
import { LoadError } from '../../auth/guards';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { GroupsChart, TrendChart } from './IndexCharts';
import { IndicatorTable } from './IndicatorTable';
import { LostPointsDrawer } from './LostPointsDrawer';
import { fmtScore } from './format';
import { PeriodPicker, usePeriodParam } from './PeriodPicker';
import { periodLabel } from './period';
import { useLoad } from './useLoad';
import { ToneTag } from './ToneTag';
import './serviceIndex.css';

/** /chi-so-phuc-vu/:unitId — one unit's index: total, groups, indicators (drill-down), trend. */
export default function UnitIndexPage() {
  const t = useT();
  const { unitId = '' } = useParams();
  const [period, setPeriod] = usePeriodParam();
  const [params, setParams] = useSearchParams();
  const open = params.get('chiTieu');
  const setOpen = (code: string | null) => {
    const next = new URLSearchParams(params);
    if (code) next.set('chiTieu', code);
    else next.delete('chiTieu');
    setParams(next, { replace: true });
  };
  const { data, error, reload } = useLoad((signal) => serviceIndexApi.unit(unitId, period, signal), [unitId, period]);
  usePageTitle(data ? t('si.unitTitle', { name: data.unit.name }) : t('si.title'));
  const indicators = useMemo(() => data?.result.indicators ?? [], [data]);

  return (
    <>
      <Link to={`/chi-so-phuc-vu?ky=${encodeURIComponent(period)}`}>{t('si.backToRanking')}</Link>
      <Typography.Title level={1} className="page-title">
        {data ? t('si.unitTitle', { name: data.unit.name }) : t('si.title')}
      </Typography.Title>
      <div className="si-toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
      </div>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <>
          <div className="si-toolbar">
            <Statistic
              title={t('si.totalOf', { period: periodLabel(period, t) })}
              value={fmtScore(data.result.total)}
              suffix={`/ ${fmtScore(data.result.max)}`}
            />
            {!data.result.complete && (
              <ToneTag tone="warning">{t('si.computableOf', { max: fmtScore(data.result.computableMax) })}</ToneTag>
            )}
            {data.period.live && <ToneTag tone="processing">{t('si.live')}</ToneTag>}
          </div>
          <div className="si-grid">
            <GroupsChart groups={data.result.groups} fileName={`nhom-chi-so-${data.unit.code}-${period}`} />
            <TrendChart trend={data.trend} fileName={`xu-huong-${data.unit.code}-${period}`} />
          </div>
          <Typography.Title level={2} style={{ fontSize: 18 }}>
            {t('si.indicatorsTitle')}
          </Typography.Title>
          <Typography.Paragraph type="secondary">{t('si.indicatorsHint')}</Typography.Paragraph>
          <IndicatorTable rows={indicators} onOpen={setOpen} />
          <LostPointsDrawer unitId={unitId} period={period} indicator={open} onClose={() => setOpen(null)} />
        </>
      )}
    </>
  );
}
