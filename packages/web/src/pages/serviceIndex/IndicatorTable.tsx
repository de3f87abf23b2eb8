import { Button, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { IndicatorRow } from '../../api/serviceIndex';
import { useT, type Translate } from '../../i18n';
import { fmtInt, fmtPct, fmtScore, groupLabel, indicatorLabel, tryT } from './format';
import { ToneTag } from './ToneTag';

const STATUS_TONE: Record<string, 'success' | 'processing' | 'warning'> = {
  SCORED: 'success',
  PUBLISHED: 'processing',
  NOT_COMPUTABLE: 'warning',
};

function reasonText(r: IndicatorRow, t: Translate): string {
  if (!r.reason) return '';
  // the server sends "CODE: Vietnamese explanation" or a bare code
  const m = /^([A-Z_]+)(?::\s*(.+))?$/s.exec(r.reason);
  const text = m ? (m[2] ?? tryT(t, `si.reason.${m[1]}`, m[1]!)) : r.reason;
  return r.missing ? `${text} (${t('si.missing', { n: r.missing })})` : text;
}

/** Score cell: "Chưa tính được" for a not computable indicator, never 0. */
function ScoreCell({ r }: { r: IndicatorRow }) {
  const t = useT();
  if (!r.computable || r.score === null) return <ToneTag tone="warning">{t('si.status.NOT_COMPUTABLE')}</ToneTag>;
  return <span className="si-num">{fmtScore(r.score)}</span>;
}

/** The unit's indicators with score, ratio, counts, status and reason; the name opens the drill-down. */
export function IndicatorTable({ rows, onOpen }: { rows: IndicatorRow[]; onOpen: (code: string) => void }) {
  const t = useT();
  const columns: ColumnsType<IndicatorRow> = [
    { key: 'group', title: t('si.col.group'), render: (_, r) => groupLabel(r.group, t), width: 160 },
    {
      key: 'name',
      title: t('si.col.indicator'),
      render: (_, r) => (
        <Button
          type="link"
          style={{ padding: 0, height: 'auto', whiteSpace: 'normal', textAlign: 'left' }}
          onClick={() => onOpen(r.code)}
          data-indicator={r.code}
        >
          {indicatorLabel(r.code)}
        </Button>
      ),
    },
    { key: 'score', title: t('si.col.score'), align: 'right', render: (_, r) => <ScoreCell r={r} /> },
    {
      key: 'max',
      title: t('si.col.max'),
      align: 'right',
      render: (_, r) => <span className="si-num">{fmtScore(r.max)}</span>,
    },
    {
      key: 'ratio',
      title: t('si.col.ratio'),
      align: 'right',
      render: (_, r) =>
        r.code === 'AVG_PROCESSING_TIME' && r.value !== undefined && r.value !== null
          ? t('si.hours', { h: fmtScore(r.value) })
          : fmtPct(r.ratio),
    },
    {
      key: 'counts',
      title: t('si.col.counts'),
      align: 'right',
      render: (_, r) =>
        r.numerator === null || r.denominator === null ? '—' : `${fmtInt(r.numerator)}/${fmtInt(r.denominator)}`,
    },
    {
      key: 'status',
      title: t('si.col.status'),
      render: (_, r) => {
        const tone = STATUS_TONE[r.status];
        const text = tryT(t, `si.status.${r.status}`, r.status);
        return tone ? <ToneTag tone={tone}>{text}</ToneTag> : <Tag>{text}</Tag>;
      },
    },
    { key: 'reason', title: t('si.col.reason'), render: (_, r) => reasonText(r, t) },
  ];
  return (
    <Table<IndicatorRow>
      className="si-table"
      size="small"
      rowKey="code"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content' }}
      caption={<span className="visually-hidden">{t('si.indicatorsTitle')}</span>}
    />
  );
}
