import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Bieu06Json, Bieu06JsonRow } from '../../api/serviceIndex';
import { ScrollRegion } from '../../components/ChartCard';
import { useT } from '../../i18n';
import { fmtInt, tryT } from './format';

interface Row extends Bieu06JsonRow {
  rowKey: string;
  label: string;
  section?: boolean;
}

const n = (get: (r: Bieu06JsonRow) => number) => (_: unknown, r: Row) =>
  r.section ? null : <span className="si-num">{fmtInt(get(r))}</span>;

/** Biểu 06/VPCP/KSTT preview: rows by field, by level and the total; the form's two-level headers. */
export function Bieu06Table({ report }: { report: Bieu06Json }) {
  const t = useT();
  const label = (r: Bieu06JsonRow) => (r.key === 'TOTAL' ? t('si.b06.total') : r.key);
  const rows: Row[] = [
    ...report.byField.map((r) => ({ ...r, rowKey: `f-${r.key}`, label: label(r) })),
    ...(report.byLevel.length
      ? [
          { ...report.total, rowKey: 'levels', label: t('si.b06.byLevel'), section: true },
          ...report.byLevel.map((r) => ({ ...r, rowKey: `l-${r.key}`, label: tryT(t, `si.level.${r.key}`, label(r)) })),
        ]
      : []),
    { ...report.total, rowKey: 'total', label: t('si.b06.total') },
  ];
  const col = (key: string, title: string, get: (r: Bieu06JsonRow) => number) => ({
    key,
    title,
    align: 'right' as const,
    render: n(get),
  });
  const columns: ColumnsType<Row> = [
    {
      key: 'label',
      title: t('si.b06.field'),
      fixed: 'left',
      render: (_, r) => (r.section || r.rowKey === 'total' ? <strong>{r.label}</strong> : r.label),
    },
    {
      key: 'received',
      title: t('si.b06.received'),
      children: [
        col('rt', t('si.b06.sum'), (r) => r.received.total),
        col('ro', t('si.b06.online'), (r) => r.received.online),
        col('rc', t('si.b06.counterPostal'), (r) => r.received.counterAndPostal),
        col('rp', t('si.b06.carriedOver'), (r) => r.received.carriedOver),
      ],
    },
    {
      key: 'resolved',
      title: t('si.b06.resolved'),
      children: [
        col('st', t('si.b06.sum'), (r) => r.resolved.total),
        col('se', t('si.b06.early'), (r) => r.resolved.early),
        col('so', t('si.b06.onTime'), (r) => r.resolved.onTime),
        col('sl', t('si.b06.overdue'), (r) => r.resolved.overdue),
      ],
    },
    {
      key: 'inProgress',
      title: t('si.b06.inProgress'),
      children: [
        col('pt', t('si.b06.sum'), (r) => r.inProgress.total),
        col('pw', t('si.b06.within'), (r) => r.inProgress.withinDeadline),
        col('pl', t('si.b06.overdue'), (r) => r.inProgress.overdue),
      ],
    },
  ];
  return (
    <ScrollRegion label={t('si.b06.title')}>
      <Table<Row>
        bordered
        size="small"
        rowKey="rowKey"
        columns={columns}
        dataSource={rows}
        pagination={false}
        caption={<span className="visually-hidden">{t('si.b06.title')}</span>}
      />
    </ScrollRegion>
  );
}
