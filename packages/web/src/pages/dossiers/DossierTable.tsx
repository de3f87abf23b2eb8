import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { problemMessage } from '../../api/problem';
import { dossiersApi, type DossierListParams, type DossierSummary } from '../../api/dossiers';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { StatusTag, TimeLeftTag, timeLeftLevel } from './Tags';
import { vnDueAt } from '../../vnTime';

const PAGE_SIZE = 50;

/** Columns every queue shows; `extra` are appended (e.g. the leader's quick approval). */
export function useDossierColumns(extra: ColumnsType<DossierSummary> = []): ColumnsType<DossierSummary> {
  const t = useT();
  return [
    {
      title: t('ds.code'),
      key: 'code',
      width: 200,
      render: (_, d) => (
        <Link
          to={`/ho-so/${d.id}`}
          className="ds-code"
          aria-label={t('ds.openDossier', { code: d.code ?? t('ds.noCode') })}
        >
          {d.code ?? t('ds.noCode')}
        </Link>
      ),
    },
    {
      title: t('ds.procedure'),
      key: 'procedure',
      width: 240,
      render: (_, d) => (
        <>
          <div>{d.procedureName ?? d.procedureCode}</div>
          <div className="ds-muted" style={{ fontSize: 12 }}>
            {d.procedureCode} · {t(`ds.channel.${d.channel}`)}
          </div>
        </>
      ),
    },
    { title: t('ds.applicant'), dataIndex: 'applicantName', width: 150 },
    {
      title: t('ds.status'),
      key: 'status',
      width: 170,
      render: (_, d) => <StatusTag state={d.state} statusCode={d.statusCode} />,
    },
    { title: t('ds.appointment'), key: 'due', width: 110, render: (_, d) => vnDueAt(d.dueAt) || t('common.none') },
    {
      title: t('ds.timeLeft'),
      key: 'left',
      width: 170,
      render: (_, d) => <TimeLeftTag hours={d.workingHoursLeft} state={d.state} clock={d.clock} />,
    },
    ...extra,
  ];
}

/** A queue (GET /dossiers) with "load more" paging; rows are marked by time left (colour and words). */
export function DossierTable({
  params,
  columns,
  caption,
  emptyText,
  reloadKey,
  toolbarExtra,
  hoursLeftOf = (d) => d.workingHoursLeft,
}: {
  params: DossierListParams | null;
  columns: ColumnsType<DossierSummary>;
  caption: string;
  emptyText?: string;
  reloadKey?: unknown;
  toolbarExtra?: ReactNode;
  /** The hours that colour a row (by default the dossier's own time left). */
  hoursLeftOf?: (d: DossierSummary) => number | null;
}) {
  const t = useT();
  const [items, setItems] = useState<DossierSummary[]>([]);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = JSON.stringify(params);

  const load = useCallback(
    async (cursor: string | null, signal?: AbortSignal) => {
      if (!params) return;
      setLoading(true);
      setError(null);
      try {
        const page = await dossiersApi.list({ ...params, cursor, limit: PAGE_SIZE }, signal);
        setItems((old) => (cursor ? [...old, ...page.items] : page.items));
        setNext(page.nextCursor);
      } catch (e) {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(problemMessage(e, t));
      } finally {
        if (!signal?.aborted) setLoading(false);
      }
    },
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [key, t],
  );

  useEffect(() => {
    const ac = new AbortController();
    setItems([]);
    void load(null, ac.signal);
    return () => ac.abort();
  }, [load, reloadKey]);

  return (
    <>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <div className="toolbar" style={{ justifyContent: 'space-between' }}>
        <span aria-live="polite" className="ds-muted">
          {loading && items.length === 0 ? t('common.loading') : t('ds.count', { n: formatNumber(items.length) })}
          {next ? '+' : ''}
        </span>
        {toolbarExtra}
      </div>
      <Table<DossierSummary>
        rowKey="id"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        pagination={false}
        rowClassName={(d) => {
          const hours = hoursLeftOf(d);
          return hours === null ? '' : `ds-row-${timeLeftLevel(hours)}`;
        }}
        locale={{ emptyText: emptyText ?? t('ds.empty') }}
        caption={<span className="visually-hidden">{caption}</span>}
        scroll={{ x: 960 }}
      />
      {next && (
        <div style={{ textAlign: 'center', marginTop: 12 }}>
          <Button onClick={() => void load(next)} loading={loading}>
            {t('common.loadMore')}
          </Button>
        </div>
      )}
    </>
  );
}
