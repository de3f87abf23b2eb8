import { Link } from 'react-router-dom';
import { Card, Descriptions } from 'antd';
import type { RankingRow } from '../../api/serviceIndex';
import { useT } from '../../i18n';
import { formatDateTime } from '../../format';
import { fmtInt, fmtPct, fmtScore } from './format';
import { RankChange } from './RankChange';
import { ToneTag } from './ToneTag';

/** The chosen unit's subtree total: score, rank among its peers, on time, counts; when it was measured. */
export function UnitSummary({
  row,
  period,
  measuredAt,
  live,
}: {
  row: RankingRow;
  period: string;
  measuredAt?: string;
  live?: boolean;
}) {
  const t = useT();
  return (
    <Card
      size="small"
      className="si-summary"
      title={<h2 style={{ fontSize: 16, margin: 0 }}>{row.name}</h2>}
      extra={<Link to={`/chi-so-phuc-vu/${row.unitId}?ky=${encodeURIComponent(period)}`}>{t('si.openUnit')}</Link>}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 4 }}>
        <Descriptions.Item label={t('si.col.total')}>
          <strong className="si-num">
            {fmtScore(row.total)} / {fmtScore(row.max)}
          </strong>
          {!row.complete && (
            <ToneTag tone="warning" spaced>
              {t('si.computableOf', { max: fmtScore(row.computableMax) })}
            </ToneTag>
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('si.col.rank')}>
          {row.rank === null ? '—' : t('si.rankOf', { rank: row.rank, count: row.peerCount })}{' '}
          <RankChange change={row.rankChange} />
        </Descriptions.Item>
        <Descriptions.Item label={t('si.col.onTime')}>{fmtPct(row.onTimeRate)}</Descriptions.Item>
        <Descriptions.Item label={t('si.counts')}>
          {t('si.countsValue', {
            received: fmtInt(row.received),
            resolved: fmtInt(row.resolved),
            overdue: fmtInt(row.overdue),
          })}
        </Descriptions.Item>
        {measuredAt && (
          <Descriptions.Item label={t('si.measuredAt')}>
            {formatDateTime(measuredAt)}
            {live && (
              <ToneTag tone="processing" spaced>
                {t('si.live')}
              </ToneTag>
            )}
          </Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
