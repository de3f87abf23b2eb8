import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Card, Empty, Table, Typography } from 'antd';
import { citizenDossiersApi, type MyDossierSummary } from '../../api/publicDossiers';
import { useAuth } from '../../auth/AuthContext';
import { FullPageSpin, LoadError } from '../../auth/guards';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { SignInPrompt, StatusTag } from './dossierParts';
import { vnDateTime, vnDueAt } from '../../vnTime';

/** "Hồ sơ của tôi": the signed-in citizen's dossiers with status and appointment. */
export default function MyDossiersPage() {
  const t = useT();
  usePageTitle(t('citizen.mine.title'));
  const { status } = useAuth();
  const [items, setItems] = useState<MyDossierSummary[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);

  useEffect(() => {
    if (status !== 'authenticated') return;
    const ac = new AbortController();
    setError(null);
    citizenDossiersApi.mine(ac.signal).then(
      (r) => setItems(r.items),
      (e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      },
    );
    return () => ac.abort();
  }, [status, reload]);

  const title = (
    <Typography.Title level={1} className="page-title">
      {t('citizen.mine.title')}
    </Typography.Title>
  );
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous')
    return (
      <>
        {title}
        <SignInPrompt text={t('citizen.signInToMine')} />
      </>
    );
  if (error) return <LoadError error={error} onRetry={() => setReload((k) => k + 1)} />;
  if (!items) return <FullPageSpin />;

  const none = t('common.none');
  return (
    <>
      {title}
      <Typography.Paragraph>{t('citizen.mine.intro')}</Typography.Paragraph>
      <Card className="portal-section">
        {items.length === 0 ? (
          <Empty description={t('citizen.mine.empty')}>
            <Link to="/dich-vu-cong/thu-tuc" className="btn-link primary">
              {t('citizen.mine.findProcedure')}
            </Link>
          </Empty>
        ) : (
          <Table<MyDossierSummary>
            rowKey="id"
            size="middle"
            data-testid="my-dossiers"
            pagination={items.length > 20 ? { pageSize: 20, showSizeChanger: false } : false}
            scroll={{ x: 900 }}
            dataSource={items}
            columns={[
              {
                title: t('citizen.col.procedure'),
                key: 'procedure',
                render: (_: unknown, d) => (
                  <Link to={`/dich-vu-cong/ho-so-cua-toi/${encodeURIComponent(d.id)}`}>
                    {d.procedureName ?? d.procedureCode}
                  </Link>
                ),
              },
              {
                title: t('citizen.col.code'),
                dataIndex: 'code',
                width: 230,
                render: (code: string | null) =>
                  code ? (
                    <span className="nowrap">{code}</span>
                  ) : (
                    <span className="muted">{t('citizen.noCodeYet')}</span>
                  ),
              },
              { title: t('citizen.col.unit'), dataIndex: 'unitName', width: 180 },
              {
                title: t('citizen.col.status'),
                dataIndex: 'statusCode',
                width: 230,
                render: (code: number) => <StatusTag code={code} />,
              },
              {
                title: t('citizen.col.received'),
                dataIndex: 'receivedAt',
                width: 150,
                render: (v: string | null) => vnDateTime(v) || t('citizen.waitingReception'),
              },
              {
                title: t('citizen.col.appointment'),
                dataIndex: 'dueAt',
                width: 150,
                render: (v: string | null) => vnDueAt(v) || none,
              },
            ]}
          />
        )}
      </Card>
    </>
  );
}
