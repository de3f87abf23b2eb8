/**
 * Home page card of a user holding 'reports.read': the working unit's service index (Decision 766) in the current
 * quarter — the summary and group chart of pages/serviceIndex, with links to the unit page, its late dossiers
 * (the ON_TIME_RATE drill-down) and the dashboards. Lazy loaded by HomePage, only for those roles.
 */
import { Link } from 'react-router-dom';
import { Card, Space, Spin } from 'antd';
import { serviceIndexApi } from '../../api/serviceIndex';
import { LoadError } from '../../auth/guards';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { GroupsChart } from '../serviceIndex/IndexCharts';
import { currentPeriodKey, periodLabel } from '../serviceIndex/period';
import { UnitSummary } from '../serviceIndex/UnitSummary';
import { useLoad } from '../serviceIndex/useLoad';
import '../serviceIndex/serviceIndex.css';

const TITLE_ID = 'si-home-title';

export default function ServiceIndexCard() {
  const t = useT();
  const { unit } = useWorkingUnit();
  const period = currentPeriodKey();
  const { data, error, reload } = useLoad(
    (signal) => serviceIndexApi.ranking({ period, unitId: unit?.id }, signal),
    [period, unit?.id],
  );
  const row = data?.unit;

  return (
    <section aria-labelledby={TITLE_ID} style={{ marginBottom: 16 }}>
      <Card
        title={
          <h2 id={TITLE_ID} style={{ fontSize: 16, margin: 0, whiteSpace: 'normal' }}>
            {t('si.home.title', { period: periodLabel(period, t) })}
          </h2>
        }
        extra={
          row && (
            <Space wrap>
              <Link to={`/chi-so-phuc-vu/${row.unitId}?chiTieu=ON_TIME_RATE`}>{t('si.home.late')}</Link>
              <Link to="/bao-cao/dashboard">{t('si.toDashboard')}</Link>
            </Space>
          )
        }
      >
        {error ? (
          <LoadError error={error} onRetry={reload} />
        ) : !data || !row ? (
          <div role="status">
            <Spin size="small" /> {t('si.home.loading')}
          </div>
        ) : (
          <>
            <UnitSummary row={row} period={period} measuredAt={data.period.measuredAt} live={data.period.live} />
            <GroupsChart groups={row.groups} fileName={`nhom-chi-so-${row.code}-${period}`} />
          </>
        )}
      </Card>
    </section>
  );
}
