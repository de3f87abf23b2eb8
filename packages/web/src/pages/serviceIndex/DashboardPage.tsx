import { Skeleton, Typography } from 'antd';
import { serviceIndexApi } from '../../api/serviceIndex';
import { LoadError } from '../../auth/guards';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { ChannelsChart, OnTimeByFieldChart, OverdueHeatmap, TopLateChart } from './DashboardCharts';
import { GroupsChart, TrendChart } from './IndexCharts';
import { PeriodPicker, usePeriodParam } from './PeriodPicker';
import { UnitParamSelect, useUnitParam } from './UnitParam';
import { useLoad } from './useLoad';
import './serviceIndex.css';

/** /bao-cao/dashboard — index trend, groups, on time by field, channels, overdue heat map, late procedures. */
export default function DashboardPage() {
  const t = useT();
  usePageTitle(t('si.dash.title'));
  const [period, setPeriod] = usePeriodParam();
  const { unit } = useWorkingUnit();
  const [unitId, setUnitId] = useUnitParam(unit?.id);
  const { data, error, reload } = useLoad(
    (signal) => serviceIndexApi.dashboard({ period, unitId }, signal),
    [period, unitId],
  );
  const f = (name: string) => `${name}-${period}`;
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('si.dash.title')}
      </Typography.Title>
      <div className="si-toolbar">
        <PeriodPicker value={period} onChange={setPeriod} />
        <UnitParamSelect value={unitId} onChange={setUnitId} fallback={unit} />
      </div>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : !data ? (
        <Skeleton active />
      ) : (
        <div className="si-grid">
          <TrendChart trend={data.trend} fileName={f('xu-huong-chi-so')} />
          <GroupsChart groups={data.groups} fileName={f('nhom-chi-so')} />
          <OnTimeByFieldChart rows={data.onTimeByField} fileName={f('dung-han-theo-linh-vuc')} />
          <ChannelsChart rows={data.channels} fileName={f('kenh-tiep-nhan')} />
          <OverdueHeatmap rows={data.overdueByUnit} fileName={f('qua-han-theo-don-vi')} />
          <TopLateChart rows={data.topLateProcedures} fileName={f('thu-tuc-tre-han')} />
        </div>
      )}
    </>
  );
}
