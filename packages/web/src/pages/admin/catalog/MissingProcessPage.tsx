import { useEffect, useMemo, useState } from 'react';
import { Alert, DatePicker, Input, Table, Tag, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { Link } from 'react-router-dom';
import { catalogApi, type MissingProcessReport } from '../../../api/catalog';
import { problemMessage } from '../../../api/problem';
import { useWorkingUnit } from '../../../auth/WorkingUnitContext';
import { UnitSelect } from '../../../components/UnitSelect';
import { useT } from '../../../i18n';
import { usePageTitle } from '../../../usePageTitle';
import { DATE_FORMAT, formatNumber, toIsoDate } from '../../../format';

type Item = MissingProcessReport['items'][number];
const fold = (s: string) => s.normalize('NFD').replace(/\p{M}/gu, '').replace(/đ/gi, 'd').toLowerCase();

/** "Thủ tục chưa có quy trình nội bộ": procedures in force or delegated at a unit without an approved process. */
export default function MissingProcessPage() {
  const t = useT();
  usePageTitle(t('missing.title'));
  const { unit: workingUnit } = useWorkingUnit();
  const [unit, setUnit] = useState<{ id: string; name: string } | null>(workingUnit);
  const [asOf, setAsOf] = useState<Dayjs>(() => dayjs());
  const [report, setReport] = useState<MissingProcessReport | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [filter, setFilter] = useState('');
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    if (!unit) return;
    setLoading(true);
    setError(null);
    catalogApi
      .missingProcesses(unit.id, toIsoDate(asOf))
      .then(setReport, (e: unknown) => setError(problemMessage(e, t)))
      .finally(() => setLoading(false));
  }, [unit, asOf, t]);

  const items = useMemo(() => {
    const f = fold(filter.trim());
    return (report?.items ?? []).filter((i) => !f || fold(`${i.code} ${i.name} ${i.field}`).includes(f));
  }, [report, filter]);

  return (
    <>
      <Link to="/quan-tri/thu-tuc">{t('proc.back')}</Link>
      <Typography.Title level={1} className="page-title">
        {t('missing.title')}
      </Typography.Title>
      <div className="toolbar">
        <label htmlFor="missing-unit">{t('missing.unit')}</label>
        <div style={{ width: 360 }}>
          <UnitSelect
            id="missing-unit"
            value={unit?.id ?? null}
            initialOptions={workingUnit ? [workingUnit] : undefined}
            onChange={(v) => setUnit(v ? { id: v as string, name: '' } : null)}
          />
        </div>
        <label htmlFor="missing-as-of">{t('missing.asOf')}</label>
        <DatePicker
          id="missing-as-of"
          value={asOf}
          format={DATE_FORMAT}
          allowClear={false}
          onChange={(d: Dayjs | null) => d && setAsOf(d)}
        />
        <label htmlFor="missing-filter" className="visually-hidden">
          {t('missing.filter')}
        </label>
        <Input
          id="missing-filter"
          allowClear
          placeholder={t('missing.filter')}
          value={filter}
          onChange={(e) => setFilter(e.target.value)}
          style={{ width: 280 }}
        />
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {report && (
        <Typography.Paragraph role="status">
          {t('missing.summary', { unit: unit?.name || t('missing.unit'), count: formatNumber(report.total) })}
        </Typography.Paragraph>
      )}
      <Table<Item>
        rowKey="code"
        size="small"
        loading={loading}
        dataSource={items}
        pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
        locale={{ emptyText: t('missing.empty') }}
        caption={<span className="visually-hidden">{t('missing.caption')}</span>}
        columns={[
          { title: t('proc.code'), dataIndex: 'code', width: 100 },
          {
            title: t('proc.name'),
            dataIndex: 'name',
            render: (n: string, i) => <Link to={`/quan-tri/thu-tuc/${i.code}?tab=process`}>{n}</Link>,
          },
          { title: t('proc.field'), dataIndex: 'field', width: 200 },
          {
            title: t('missing.reason'),
            dataIndex: 'reason',
            width: 190,
            render: (r: Item['reason']) => t(`missing.reason.${r}`),
          },
          {
            title: t('proc.processStatusShort'),
            dataIndex: 'hasDraft',
            width: 150,
            render: (d: boolean) =>
              d ? (
                <Tag color="purple">{t('missing.hasDraft')}</Tag>
              ) : (
                <Tag color="red">{t('ca.processStatus.MISSING')}</Tag>
              ),
          },
        ]}
      />
    </>
  );
}
