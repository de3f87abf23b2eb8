import { useState } from 'react';
import { Button, DatePicker, Input, Typography } from 'antd';
import { ApartmentOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { DATE_FORMAT, toIsoDate } from '../../../format';
import { UnitTreeTable } from './UnitTreeTable';
import { UnitSearchResults } from './UnitSearchResults';
import { UnitDetailDrawer } from './UnitDetailDrawer';
import { UnitFormModal } from './UnitFormModal';
import { ReorganisationModal } from './ReorganisationModal';

export default function UnitsPage() {
  const t = useT();
  usePageTitle(t('units.title'));
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const [q, setQ] = useState('');
  const [openId, setOpenId] = useState<string | null>(null);
  const [reloadKey, setReloadKey] = useState(0);
  const [creating, setCreating] = useState(false);
  const [reorganising, setReorganising] = useState(false);
  const asOfIso = toIsoDate(asOf);
  const reload = () => setReloadKey((k) => k + 1);

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('units.title')}
      </Typography.Title>
      <div className="toolbar">
        <label htmlFor="units-as-of">{t('units.asOf')}</label>
        <DatePicker
          id="units-as-of"
          value={asOf}
          format={DATE_FORMAT}
          allowClear={false}
          onChange={(d: Dayjs | null) => d && setAsOf(d)}
        />
        <label htmlFor="units-q" className="visually-hidden">
          {t('units.search')}
        </label>
        <Input.Search
          id="units-q"
          placeholder={t('units.searchPlaceholder')}
          allowClear
          enterButton={t('common.search')}
          onSearch={(v) => setQ(v.trim())}
          style={{ width: 360, maxWidth: '100%' }}
        />
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setCreating(true)}>
          {t('units.create')}
        </Button>
        <Button icon={<ApartmentOutlined aria-hidden />} onClick={() => setReorganising(true)}>
          {t('units.reorganise')}
        </Button>
      </div>

      {q ? (
        <UnitSearchResults asOf={asOfIso} q={q} reloadKey={reloadKey} onOpen={setOpenId} />
      ) : (
        <UnitTreeTable asOf={asOfIso} reloadKey={reloadKey} onOpen={setOpenId} />
      )}

      <UnitDetailDrawer unitId={openId} onClose={() => setOpenId(null)} onNavigate={setOpenId} onChanged={reload} />
      <UnitFormModal
        open={creating}
        defaults={{ validFrom: asOfIso }}
        onClose={() => setCreating(false)}
        onSaved={(u) => {
          setCreating(false);
          reload();
          setOpenId(u.id);
        }}
      />
      <ReorganisationModal
        open={reorganising}
        onClose={() => setReorganising(false)}
        onDone={(targets) => {
          setReorganising(false);
          reload();
          if (targets[0]) setOpenId(targets[0].id);
        }}
      />
    </>
  );
}
