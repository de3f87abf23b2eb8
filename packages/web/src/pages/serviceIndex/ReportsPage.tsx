import { useState } from 'react';
import { DatePicker, Skeleton, Tabs, Typography } from 'antd';
import dayjs from 'dayjs';
import { serviceIndexApi } from '../../api/serviceIndex';
import { LoadError } from '../../auth/guards';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { DATE_FORMAT, toIsoDate } from '../../format';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { Bieu06Table } from './Bieu06Table';
import { Bieu07bTable } from './Bieu07bTable';
import { PeriodPicker, usePeriodParam } from './PeriodPicker';
import { ReportDownloads } from './ReportDownloads';
import { UnitParamSelect, useUnitParam } from './UnitParam';
import { useLoad } from './useLoad';
import './serviceIndex.css';

function Bieu06Tab({ unitId, period }: { unitId?: string; period: string }) {
  const t = useT();
  const q = { unitId, period };
  const { data, error, reload } = useLoad((signal) => serviceIndexApi.bieu06(q, signal), [unitId, period]);
  return (
    <>
      <div className="si-toolbar">
        <ReportDownloads href={(f) => serviceIndexApi.bieu06Url(q, f)} name={`bieu-06-${period}`} />
      </div>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : data ? (
        <Bieu06Table report={data} />
      ) : (
        <Skeleton active />
      )}
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('si.b06.note')}
      </Typography.Paragraph>
    </>
  );
}

function Bieu07bTab({ unitId }: { unitId?: string }) {
  const t = useT();
  const [asOf, setAsOf] = useState(() => toIsoDate(dayjs()));
  const q = { unitId, asOf };
  const { data, error, reload } = useLoad((signal) => serviceIndexApi.bieu07b(q, signal), [unitId, asOf]);
  return (
    <>
      <div className="si-toolbar">
        <label htmlFor="si-b07-asof">{t('si.b07.asOf')}</label>
        <DatePicker
          id="si-b07-asof"
          format={DATE_FORMAT}
          allowClear={false}
          value={dayjs(asOf)}
          onChange={(d) => d && setAsOf(toIsoDate(d))}
        />
        <ReportDownloads href={(f) => serviceIndexApi.bieu07bUrl(q, f)} name={`bieu-07b-${asOf}`} />
      </div>
      {error ? (
        <LoadError error={error} onRetry={reload} />
      ) : data ? (
        <Bieu07bTable report={data} />
      ) : (
        <Skeleton active />
      )}
    </>
  );
}

/** /bao-cao/bieu-mau — statutory reports: Biểu 06 (per period) and Biểu II.07b (as of a date), preview + files. */
export default function ReportsPage() {
  const t = useT();
  usePageTitle(t('si.report.title'));
  const [period, setPeriod] = usePeriodParam();
  const { unit } = useWorkingUnit();
  const [unitId, setUnitId] = useUnitParam(unit?.id);
  const [tab, setTab] = useState('06');
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('si.report.title')}
      </Typography.Title>
      <div className="si-toolbar">
        <UnitParamSelect value={unitId} onChange={setUnitId} fallback={unit} />
        {tab === '06' && <PeriodPicker value={period} onChange={setPeriod} />}
      </div>
      <Tabs
        activeKey={tab}
        onChange={setTab}
        items={[
          { key: '06', label: t('si.b06.title'), children: <Bieu06Tab unitId={unitId} period={period} /> },
          { key: '07b', label: t('si.b07.title'), children: <Bieu07bTab unitId={unitId} /> },
        ]}
      />
    </>
  );
}
