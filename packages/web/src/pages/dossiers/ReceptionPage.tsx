import { Tabs, Typography } from 'antd';
import { useSearchParams } from 'react-router-dom';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { CounterReception } from './CounterReception';
import { OnlineSubmissions } from './OnlineSubmissions';

/** "Tiếp nhận hồ sơ": counter/postal reception, and the online submissions waiting at the unit. */
export default function ReceptionPage() {
  const t = useT();
  usePageTitle(t('ds.rec.title'));
  const { unit } = useWorkingUnit();
  const [params, setParams] = useSearchParams();
  const tab = params.get('tab') === 'truc-tuyen' ? 'online' : 'counter';
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('ds.rec.title')}
      </Typography.Title>
      {unit && <Typography.Paragraph type="secondary">{t('ds.rec.intro', { unit: unit.name })}</Typography.Paragraph>}
      <Tabs
        activeKey={tab}
        onChange={(k) => setParams(k === 'online' ? { tab: 'truc-tuyen' } : {}, { replace: true })}
        destroyOnHidden
        items={[
          { key: 'counter', label: t('ds.rec.tabCounter'), children: <CounterReception /> },
          { key: 'online', label: t('ds.rec.tabOnline'), children: <OnlineSubmissions /> },
        ]}
      />
    </>
  );
}
