import { useEffect, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Card, Descriptions, Result, Space, Tag, Typography } from 'antd';
import { ClockCircleOutlined, CloudUploadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { catalogApi, type ProcedureDetail } from '../../api/catalog';
import { FullPageSpin, LoadError } from '../../auth/guards';
import { formatDate, formatNumber } from '../../format';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { ProcedureMethods } from './ProcedureMethods';
import { ProcedurePapers } from './ProcedurePapers';

function Section({ title, children, testId }: { title: string; children: ReactNode; testId?: string }) {
  return (
    <Card className="portal-section" title={<h2 style={{ fontSize: 18, margin: 0 }}>{title}</h2>} data-testid={testId}>
      {children}
    </Card>
  );
}

export default function ProcedurePage() {
  const t = useT();
  const { code = '' } = useParams();
  const [p, setP] = useState<ProcedureDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  usePageTitle(p?.name ?? t('pcat.title'));

  useEffect(() => {
    const ac = new AbortController();
    setError(null);
    catalogApi.get(code, undefined, ac.signal).then(setP, (e) => {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
    });
    return () => ac.abort();
  }, [code, reload]);

  const back = <Link to="/dich-vu-cong/thu-tuc">← {t('pcat.back')}</Link>;
  if (error instanceof ApiError && (error.status === 404 || error.status === 400))
    return <Result status="404" title="404" subTitle={t('pcat.notFound', { code })} extra={back} />;
  if (error) return <LoadError error={error} onRetry={() => setReload((k) => k + 1)} />;
  if (!p) return <FullPageSpin />;

  const none = t('common.none');
  const v = p.currentVersion;
  return (
    <>
      <p style={{ marginTop: 0 }}>{back}</p>
      <Typography.Title level={1} className="page-title">
        {p.name}
      </Typography.Title>
      <Space wrap style={{ marginBottom: 16 }}>
        {p.channels.includes('online') && (
          <Link to={`/dich-vu-cong/nop-truc-tuyen/${encodeURIComponent(p.code)}`} className="btn-link primary">
            <CloudUploadOutlined aria-hidden /> {t('pcat.submitOnline')}
          </Link>
        )}
        <Link to={`/dich-vu-cong/thoi-han?thuTuc=${encodeURIComponent(p.code)}`} className="btn-link">
          <ClockCircleOutlined aria-hidden /> {t('pcat.whenResult')}
        </Link>
      </Space>
      {!p.channels.includes('online') && (
        <p data-testid="procedure-not-online" style={{ marginTop: -8 }}>
          {t('pcat.notOnline')}
        </p>
      )}
      <Section title={t('pcat.general')}>
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 240 } }}>
          <Descriptions.Item label={t('pcat.code')}>{p.code}</Descriptions.Item>
          <Descriptions.Item label={t('pcat.field')}>{p.field}</Descriptions.Item>
          <Descriptions.Item label={t('pcat.level')}>
            {p.levelText ?? p.levels.map((l) => t(`pcat.levelName.${l}` as const)).join(', ')}
          </Descriptions.Item>
          <Descriptions.Item label={t('pcat.agency')}>{p.agency ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('pcat.competentAuthority')}>{p.competentAuthority ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('pcat.subjects')}>{p.subjects ?? none}</Descriptions.Item>
          <Descriptions.Item label={t('pcat.channels')}>
            {p.channels.map((c) => (
              <Tag key={c}>{t(`pcat.channel.${c}` as const)}</Tag>
            ))}
          </Descriptions.Item>
          <Descriptions.Item label={t('pcat.onlineLevel')}>
            <span data-testid="procedure-online-level">{t(`pcat.online.${p.onlineLevel ?? 'UNKNOWN'}` as const)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('pcat.units')}>
            {p.units.length > 8
              ? `${t('pcat.unitsCount', { count: formatNumber(p.units.length) })}: ${p.units
                  .slice(0, 8)
                  .map((u) => u.name)
                  .join(', ')}, …`
              : p.units.map((u) => u.name).join(', ') || none}
          </Descriptions.Item>
          <Descriptions.Item label={t('pcat.publication')}>
            {[v.publicationDecisionNo, v.publicationDecisionDate && formatDate(v.publicationDecisionDate)]
              .filter(Boolean)
              .join(', ') || none}
            {' — '}
            {t('pcat.effectiveFrom', { date: formatDate(v.effectiveFrom) })}
          </Descriptions.Item>
        </Descriptions>
      </Section>
      <Section title={t('pcat.methods')} testId="procedure-time">
        <ProcedureMethods methods={p.methods} />
        {p.cutoffTime && <p style={{ marginTop: 8 }}>{t('pcat.cutoff', { time: p.cutoffTime })}</p>}
      </Section>
      <Section title={t('pcat.papers')}>
        {p.documents.length ? <ProcedurePapers documents={p.documents} /> : <p>{t('pcat.noPapers')}</p>}
        {p.documentNotes.length > 0 && (
          <ul>
            {p.documentNotes.map((n, i) => (
              <li key={i} className="pre-line">
                {n}
              </li>
            ))}
          </ul>
        )}
      </Section>
      {p.conditions && (
        <Section title={t('pcat.conditions')}>
          <p className="pre-line" style={{ margin: 0 }}>
            {p.conditions}
          </p>
        </Section>
      )}
      <Section title={t('pcat.result')}>
        <p style={{ margin: 0 }}>{p.resultType ?? none}</p>
      </Section>
      <Section title={t('pcat.legalBasis')}>
        {p.legalBasis.length ? (
          <ul style={{ margin: 0 }}>
            {p.legalBasis.map((l, i) => (
              <li key={i}>{l}</li>
            ))}
          </ul>
        ) : (
          none
        )}
      </Section>
    </>
  );
}
