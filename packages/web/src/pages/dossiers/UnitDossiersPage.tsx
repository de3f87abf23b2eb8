import { useMemo, useState } from 'react';
import { Alert, Button, DatePicker, Space, Typography } from 'antd';
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { dossiersApi } from '../../api/dossiers';
import { useAuth } from '../../auth/AuthContext';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { DATE_FORMAT, toIsoDate } from '../../format';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { DossierTable, useDossierColumns } from './DossierTable';
import { QueueFilters, useQueueFilters } from './QueueFilters';

/** "Hồ sơ của đơn vị": the current unit's dossiers (view=unit), those in progress unless another state is chosen or searched. */
export default function UnitDossiersPage() {
  const t = useT();
  usePageTitle(t('ds.unit.title'));
  const { unit } = useWorkingUnit();
  const { user } = useAuth();
  const [filters, set] = useQueueFilters('active');
  const columns = useDossierColumns();
  const [range, setRange] = useState<[Dayjs, Dayjs]>([dayjs().startOf('month'), dayjs()]);
  const subtree = !!user?.grants.some((g) => g.unitId === unit?.id && g.includeSubtree);
  const params = useMemo(
    () =>
      unit
        ? {
            view: 'unit' as const,
            unitId: unit.id,
            includeSubtree: subtree && filters.includeSubtree,
            q: filters.q,
            state: filters.state,
          }
        : null,
    [unit, subtree, filters.includeSubtree, filters.q, filters.state],
  );

  if (!unit) return <Alert type="warning" showIcon title={t('ds.noUnit')} />;
  const from = toIsoDate(range[0]);
  const to = toIsoDate(range[1]);

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('ds.unit.title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('ds.unit.intro', { unit: unit.name })}</Typography.Paragraph>
      <QueueFilters values={filters} set={set} subtree={subtree} />
      <DossierTable params={params} columns={columns} caption={t('ds.unit.title')} />
      <section aria-labelledby="ds-book" style={{ marginTop: 24 }}>
        <Typography.Title level={2} id="ds-book" style={{ fontSize: 16 }}>
          {t('ds.book.title')}
        </Typography.Title>
        <Space wrap>
          <DatePicker.RangePicker
            aria-label={t('ds.book.range')}
            format={DATE_FORMAT}
            value={range}
            allowClear={false}
            onChange={(v) => v && v[0] && v[1] && setRange([v[0], v[1]])}
          />
          <Button
            icon={<FileExcelOutlined aria-hidden />}
            href={dossiersApi.trackingBookUrl(unit.id, from, to, 'xlsx')}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('ds.book.xlsx')}
          </Button>
          <Button
            icon={<FilePdfOutlined aria-hidden />}
            href={dossiersApi.trackingBookUrl(unit.id, from, to, 'pdf')}
            target="_blank"
            rel="noopener noreferrer"
          >
            {t('ds.book.pdf')}
          </Button>
        </Space>
      </section>
    </>
  );
}
