import { Link } from 'react-router-dom';
import { Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { RankingRow } from '../../api/serviceIndex';
import { useT } from '../../i18n';
import { fmtInt, fmtPct, fmtScore, GROUP_CODES, groupLabel } from './format';
import { RankChange } from './RankChange';
import { ToneTag } from './ToneTag';

const num = (a: number | null | undefined) => a ?? -Infinity;
const groupScore = (r: RankingRow, code: string) => r.groups.find((g) => g.code === code)?.score ?? null;

/** The ranking of the units (rank within the peer set, change, total, six groups, on time, counts), sortable. */
export function RankingTable({ rows, period, loading }: { rows: RankingRow[]; period: string; loading?: boolean }) {
  const t = useT();
  const columns: ColumnsType<RankingRow> = [
    {
      key: 'rank',
      title: t('si.col.rank'),
      dataIndex: 'rank',
      fixed: 'left',
      width: 72,
      defaultSortOrder: 'ascend',
      sorter: (a, b) => (a.rank ?? Infinity) - (b.rank ?? Infinity),
      render: (_, r) => (r.rank === null ? '—' : `${r.rank}/${r.peerCount}`),
    },
    {
      key: 'change',
      title: t('si.col.change'),
      width: 80,
      sorter: (a, b) => num(a.rankChange) - num(b.rankChange),
      render: (_, r) => <RankChange change={r.rankChange} />,
    },
    {
      key: 'name',
      title: t('si.col.unit'),
      fixed: 'left',
      sorter: (a, b) => a.name.localeCompare(b.name, 'vi'),
      render: (_, r) => <Link to={`/chi-so-phuc-vu/${r.unitId}?ky=${encodeURIComponent(period)}`}>{r.name}</Link>,
    },
    {
      key: 'total',
      title: t('si.col.total'),
      align: 'right',
      sorter: (a, b) => a.total - b.total,
      render: (_, r) => (
        <span className="si-num">
          <strong>{fmtScore(r.total)}</strong>
          {!r.complete && (
            <ToneTag tone="warning" spaced title={t('si.incompleteHint')}>
              {t('si.incomplete')}
            </ToneTag>
          )}
        </span>
      ),
    },
    {
      key: 'delta',
      title: t('si.col.delta'),
      align: 'right',
      sorter: (a, b) => num(a.scoreDelta) - num(b.scoreDelta),
      render: (_, r) => (
        <span className="si-num">
          {r.scoreDelta === null ? '—' : `${r.scoreDelta > 0 ? '+' : ''}${fmtScore(r.scoreDelta)}`}
        </span>
      ),
    },
    ...GROUP_CODES.map((code) => ({
      key: `g-${code}`,
      title: groupLabel(code, t),
      align: 'right' as const,
      sorter: (a: RankingRow, b: RankingRow) => num(groupScore(a, code)) - num(groupScore(b, code)),
      render: (_: unknown, r: RankingRow) => <span className="si-num">{fmtScore(groupScore(r, code))}</span>,
    })),
    {
      key: 'onTime',
      title: t('si.col.onTime'),
      align: 'right',
      sorter: (a, b) => num(a.onTimeRate) - num(b.onTimeRate),
      render: (_, r) => <span className="si-num">{fmtPct(r.onTimeRate)}</span>,
    },
    {
      key: 'received',
      title: t('si.col.received'),
      align: 'right',
      sorter: (a, b) => a.received - b.received,
      render: (_, r) => <span className="si-num">{fmtInt(r.received)}</span>,
    },
    {
      key: 'resolved',
      title: t('si.col.resolved'),
      align: 'right',
      sorter: (a, b) => a.resolved - b.resolved,
      render: (_, r) => <span className="si-num">{fmtInt(r.resolved)}</span>,
    },
    {
      key: 'overdue',
      title: t('si.col.overdue'),
      align: 'right',
      sorter: (a, b) => a.overdue - b.overdue,
      render: (_, r) => <span className="si-num">{fmtInt(r.overdue)}</span>,
    },
  ];
  return (
    <Table<RankingRow>
      className="si-table"
      size="small"
      rowKey="unitId"
      columns={columns}
      dataSource={rows}
      loading={loading}
      scroll={{ x: 'max-content' }}
      pagination={{ pageSize: 50, showSizeChanger: false, hideOnSinglePage: true }}
      locale={{ emptyText: t('si.noUnits') }}
      caption={<span className="visually-hidden">{t('si.rankingCaption')}</span>}
    />
  );
}
