import { useEffect, useState } from 'react';
import { Alert, Table, Tag } from 'antd';
import { catalogApi, type ProcedureVersionInfo } from '../../../api/catalog';
import { problemMessage } from '../../../api/problem';
import { useT } from '../../../i18n';
import { formatDate, formatDateTime, formatNumber, toIsoDate } from '../../../format';
import dayjs from 'dayjs';

export function VersionHistory({ code, reloadKey }: { code: string; reloadKey: number }) {
  const t = useT();
  const [items, setItems] = useState<ProcedureVersionInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    catalogApi.versions(code).then(
      (r) => setItems([...r.items].sort((a, b) => b.seq - a.seq)),
      (e: unknown) => setError(problemMessage(e, t)),
    );
  }, [code, reloadKey, t]);
  const today = toIsoDate(dayjs());
  const state = (v: ProcedureVersionInfo) => {
    if (v.superseded) return <Tag>{t('proc.superseded')}</Tag>;
    if (v.effectiveFrom > today) return <Tag color="blue">{t('proc.future')}</Tag>;
    if (v.effectiveTo && v.effectiveTo < today) return <Tag>{t('proc.ended')}</Tag>;
    return <Tag color="green">{t('proc.inForce')}</Tag>;
  };
  if (error) return <Alert type="error" showIcon role="alert" title={error} />;
  return (
    <Table<ProcedureVersionInfo>
      rowKey="seq"
      size="small"
      loading={!items}
      dataSource={items ?? []}
      pagination={false}
      caption={<span className="visually-hidden">{t('proc.tabVersions')}</span>}
      columns={[
        { title: t('proc.seq'), dataIndex: 'seq', width: 90 },
        {
          title: t('proc.validity'),
          key: 'validity',
          render: (_, v) =>
            `${formatDate(v.effectiveFrom)} – ${v.effectiveTo ? formatDate(v.effectiveTo) : t('proc.openEnded')}`,
        },
        {
          title: t('proc.decisionNo'),
          dataIndex: 'publicationDecisionNo',
          render: (s: string | null) => s ?? t('common.none'),
        },
        {
          title: t('proc.decisionDate'),
          dataIndex: 'publicationDecisionDate',
          render: (d: string | null) => (d ? formatDate(d) : t('common.none')),
        },
        { title: t('proc.unitCount'), dataIndex: 'unitCount', align: 'right', render: (n: number) => formatNumber(n) },
        { title: t('proc.versionState'), key: 'state', render: (_, v) => state(v) },
        { title: t('proc.createdAt'), dataIndex: 'createdAt', render: (d: string) => formatDateTime(d) },
      ]}
    />
  );
}
