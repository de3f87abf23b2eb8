import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Drawer, Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { serviceIndexApi, type LostPointItem } from '../../api/serviceIndex';
import { LoadError } from '../../auth/guards';
import { useT } from '../../i18n';
import { fmtLateBy, fmtScore, indicatorLabel, tryT } from './format';

const PAGE = 50;

interface Props {
  unitId: string;
  period: string;
  /** Open when set. */
  indicator: string | null;
  onClose: () => void;
}

/** Drill-down of one indicator: the dossiers that lost points, why, how many, how late, who had the step. */
export function LostPointsDrawer({ unitId, period, indicator, onClose }: Props) {
  const t = useT();
  const [items, setItems] = useState<LostPointItem[]>([]);
  const [total, setTotal] = useState(0);
  const [cursor, setCursor] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<unknown>(null);

  const load = async (from: string | null, signal?: AbortSignal) => {
    if (!indicator) return;
    setLoading(true);
    setError(null);
    try {
      const page = await serviceIndexApi.lostPoints(unitId, { period, indicator, limit: PAGE, cursor: from }, signal);
      if (signal?.aborted) return;
      setItems((prev) => (from ? [...prev, ...page.items] : page.items));
      setTotal(page.total);
      setCursor(page.nextCursor);
    } catch (e) {
      if (!signal?.aborted) setError(e);
    } finally {
      if (!signal?.aborted) setLoading(false);
    }
  };

  useEffect(() => {
    setItems([]);
    setCursor(null);
    setTotal(0);
    if (!indicator) return;
    const ctl = new AbortController();
    void load(null, ctl.signal);
    return () => ctl.abort();
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitId, period, indicator]);

  const columns: ColumnsType<LostPointItem> = [
    {
      key: 'code',
      title: t('si.lp.dossier'),
      render: (_, r) => (r.dossierId ? <Link to={`/ho-so/${r.dossierId}`}>{r.dossierCode}</Link> : r.dossierCode),
    },
    { key: 'reason', title: t('si.lp.reason'), render: (_, r) => tryT(t, `si.lpReason.${r.reason}`, r.reason) },
    {
      key: 'points',
      title: t('si.lp.points'),
      align: 'right',
      render: (_, r) => <span className="si-num">{fmtScore(r.points)}</span>,
    },
    {
      key: 'late',
      title: t('si.lp.lateBy'),
      render: (_, r) => <span className="si-num">{fmtLateBy(r.lateByMs, t)}</span>,
    },
    {
      key: 'responsible',
      title: t('si.lp.responsible'),
      render: (_, r) =>
        r.responsible ? (
          <>
            {r.responsible.name}
            {r.responsible.step && (
              <Typography.Text type="secondary" style={{ display: 'block' }}>
                {r.responsible.step}
              </Typography.Text>
            )}
          </>
        ) : (
          '—'
        ),
    },
    { key: 'unit', title: t('si.lp.unit'), render: (_, r) => r.unit?.name ?? '—' },
    { key: 'message', title: t('si.lp.message'), render: (_, r) => r.messageVi },
  ];

  return (
    <Drawer
      open={!!indicator}
      onClose={onClose}
      size={1100}
      title={indicator ? t('si.lp.title', { name: indicatorLabel(indicator) }) : ''}
      destroyOnHidden
    >
      {error ? (
        <LoadError error={error} onRetry={() => void load(null)} />
      ) : (
        <>
          <Alert type="info" showIcon title={t('si.lp.intro', { total })} style={{ marginBottom: 12 }} />
          <Table<LostPointItem>
            size="small"
            rowKey={(r) => `${r.dossierCode}-${r.indicator}-${r.reason}`}
            columns={columns}
            dataSource={items}
            loading={loading}
            pagination={false}
            scroll={{ x: 'max-content' }}
            locale={{ emptyText: t('si.lp.empty') }}
            caption={<span className="visually-hidden">{t('si.lp.caption')}</span>}
          />
          {cursor && (
            <Button style={{ marginTop: 12 }} onClick={() => void load(cursor)} loading={loading}>
              {t('common.loadMore')}
            </Button>
          )}
        </>
      )}
    </Drawer>
  );
}
