import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { Bieu07bJson, Bieu07bJsonRow } from '../../api/serviceIndex';
import { ScrollRegion } from '../../components/ChartCard';
import { useT } from '../../i18n';
import { fmtInt, tryT } from './format';

/** Biểu II.07b/VPCP/KSTT preview: per level, procedures under jurisdiction, one-stop, internal processes. */
export function Bieu07bTable({ report }: { report: Bieu07bJson }) {
  const t = useT();
  const rows = [...report.rows, { ...report.total, key: 'TOTAL' }];
  const num = (get: (r: Bieu07bJsonRow) => number | null) => (_: unknown, r: Bieu07bJsonRow) => (
    <span className="si-num">{fmtInt(get(r))}</span>
  );
  const columns: ColumnsType<Bieu07bJsonRow> = [
    {
      key: 'level',
      title: t('si.b07.level'),
      render: (_, r) =>
        r.key === 'TOTAL' ? <strong>{t('si.b06.total')}</strong> : tryT(t, `si.level.${r.key}`, r.key),
    },
    {
      key: 'jurisdiction',
      title: t('si.b07.procedures'),
      children: [
        { key: 'p', title: t('si.b07.underJurisdiction'), align: 'right', render: num((r) => r.jurisdiction) },
        { key: 'd', title: t('si.b07.delegatedOnly'), align: 'right', render: num((r) => r.delegatedOnly) },
        { key: 'o', title: t('si.b07.oneStop'), align: 'right', render: num((r) => r.oneStop) },
      ],
    },
    {
      key: 'processes',
      title: t('si.b07.internalProcesses'),
      children: [
        { key: 'i', title: t('si.b07.issued'), align: 'right', render: num((r) => r.internalProcesses) },
        { key: 'w', title: t('si.b07.without'), align: 'right', render: num((r) => r.withoutInternalProcess) },
      ],
    },
  ];
  return (
    <>
      <ScrollRegion label={t('si.b07.title')}>
        <Table<Bieu07bJsonRow>
          bordered
          size="small"
          rowKey="key"
          columns={columns}
          dataSource={rows}
          pagination={false}
          caption={<span className="visually-hidden">{t('si.b07.title')}</span>}
        />
      </ScrollRegion>
      {[report.oneStop?.note, ...(report.notes ?? [])].filter(Boolean).map((n) => (
        <Typography.Paragraph key={n} type="secondary" style={{ marginTop: 8 }}>
          {n}
        </Typography.Paragraph>
      ))}
    </>
  );
}
