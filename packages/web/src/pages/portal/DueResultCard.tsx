import { Alert, Card, Descriptions } from 'antd';
import type { DueResult } from '../../api/calendar';
import { useLang, useT } from '../../i18n';
import { formatVnInstant } from '../../vnTime';

export function DueResultCard({ result }: { result: DueResult }) {
  const t = useT();
  const [lang] = useLang();
  const calendarDays = result.duration.unit === 'calendar_days';
  return (
    <Card className="due-result portal-section" title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('due.result')}</h2>}>
      <Descriptions column={1} bordered size="middle" styles={{ label: { width: 260 } }}>
        <Descriptions.Item label={t('due.submittedShown')}>
          <span data-testid="due-submitted">{formatVnInstant(result.submittedAt, lang)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('due.receivedAt')}>
          <span data-testid="due-received">{formatVnInstant(result.receivedAt, lang)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('due.due')}>
          <span className="due-value" data-testid="due-at">
            {formatVnInstant(result.due, lang, calendarDays)}
          </span>
        </Descriptions.Item>
      </Descriptions>
      {!result.receptionOpen && (
        <Alert type="info" showIcon style={{ marginTop: 16 }} title={t('due.receptionClosed')} />
      )}
      <h3 style={{ fontSize: 16, marginTop: 16 }}>{t('due.explanation')}</h3>
      {/* The server's explanation is Vietnamese in both languages. */}
      <ul className="due-explanation" lang="vi" data-testid="due-explanation">
        {result.explanation.map((line, i) => (
          <li key={i}>{line}</li>
        ))}
      </ul>
      <p style={{ marginTop: 12, marginBottom: 0 }}>
        <em>{t('due.note')}</em>
      </p>
    </Card>
  );
}
