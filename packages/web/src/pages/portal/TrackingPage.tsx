import { useEffect, useRef, useState, type RefObject } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Form, Input, Result, Typography } from 'antd';
import { SearchOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { problemMessage } from '../../api/problem';
import { publicDossiersApi, type PublicDossier, type RatingLevel } from '../../api/publicDossiers';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import {
  Appointment,
  ResultReadyNote,
  PublicTimeline,
  Section,
  StatusTag,
  StepsTable,
  SupplementItems,
} from './dossierParts';
import { RatingForm } from './RatingForm';
import { vnDateTime } from '../../vnTime';

interface Values {
  code: string;
  check: string;
}

/**
 * Public tracking (/tra-cuu, the receipt slip's QR code opens /tra-cuu?ma=<code>): the dossier code and the
 * last four digits of the applicant's phone or ID number; the result card and, once delivered, the rating.
 */
export default function TrackingPage() {
  const t = useT();
  usePageTitle(t('citizen.track.title'));
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<Values>();
  const [result, setResult] = useState<{ dossier: PublicDossier; check: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [rated, setRated] = useState<RatingLevel | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const initialCode = params.get('ma')?.trim() ?? '';

  useEffect(() => {
    if (result) heading.current?.focus();
  }, [result]);

  const lookup = async (v: Values) => {
    const code = v.code.trim();
    setBusy(true);
    setError(null);
    try {
      const dossier = await publicDossiersApi.track(code, v.check);
      setResult({ dossier, check: v.check });
      setRated(null);
      if (params.get('ma') !== code) setParams({ ma: code }, { replace: true });
    } catch (e) {
      setResult(null);
      if (e instanceof ApiError && e.status === 404) setError(t('citizen.track.notFound'));
      else if (e instanceof ApiError && e.status === 429) setError(t('citizen.track.rateLimited'));
      else setError(problemMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('citizen.track.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('citizen.track.intro')}</Typography.Paragraph>
      <Card className="portal-section">
        <Form<Values>
          form={form}
          name="track"
          layout="vertical"
          requiredMark={false}
          initialValues={{ code: initialCode, check: '' }}
          onFinish={lookup}
        >
          <div className="form-grid">
            <Form.Item
              label={t('citizen.track.code')}
              name="code"
              rules={[{ required: true, whitespace: true, message: t('citizen.track.codeRequired') }]}
            >
              <Input
                placeholder={t('citizen.track.codePlaceholder')}
                autoComplete="off"
                spellCheck={false}
                maxLength={60}
                autoFocus={!initialCode}
              />
            </Form.Item>
            <Form.Item
              label={t('citizen.track.check')}
              name="check"
              extra={t('citizen.track.checkHelp')}
              rules={[{ required: true, pattern: /^\d{4}$/, message: t('citizen.track.checkInvalid') }]}
            >
              <Input
                inputMode="numeric"
                autoComplete="off"
                maxLength={4}
                style={{ maxWidth: 160 }}
                autoFocus={!!initialCode}
              />
            </Form.Item>
          </div>
          <Button type="primary" htmlType="submit" loading={busy} icon={<SearchOutlined aria-hidden />}>
            {t('citizen.track.submit')}
          </Button>
        </Form>
      </Card>
      <div aria-live="polite">
        {error && (
          <Alert
            type="error"
            showIcon
            role="alert"
            title={error}
            style={{ marginBottom: 16 }}
            data-testid="track-error"
          />
        )}
      </div>
      {result && (
        <TrackResult
          key={result.dossier.code}
          dossier={result.dossier}
          check={result.check}
          rated={rated}
          onRated={(level) =>
            level ? setRated(level) : void lookup({ code: result.dossier.code, check: result.check })
          }
          headingRef={heading}
        />
      )}
      <Typography.Paragraph style={{ marginTop: 16 }}>
        <Link to="/dich-vu-cong/ho-so-cua-toi">{t('citizen.track.signInForMine')}</Link>
      </Typography.Paragraph>
    </>
  );
}

function TrackResult({
  dossier: d,
  check,
  rated,
  onRated,
  headingRef,
}: {
  dossier: PublicDossier;
  check: string;
  rated: RatingLevel | null;
  onRated: (level: RatingLevel | null) => void;
  headingRef: RefObject<HTMLHeadingElement | null>;
}) {
  const t = useT();
  return (
    <section aria-labelledby="track-result-title" data-testid="track-result">
      <Card className="portal-section">
        <h2 id="track-result-title" ref={headingRef} tabIndex={-1} className="section-title">
          {t('citizen.track.result')}: <span data-testid="track-code">{d.code}</span>
        </h2>
        <Descriptions column={1} bordered size="small" style={{ marginTop: 12 }} styles={{ label: { width: 220 } }}>
          <Descriptions.Item label={t('citizen.track.procedure')}>
            {d.procedureName ?? d.procedureCode}
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.track.unit')}>{d.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('citizen.status')}>
            <StatusTag code={d.statusCode} testId="track-status" />
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.receivedAt')}>
            {vnDateTime(d.receivedAt) || t('common.none')}
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.appointment')}>
            <Appointment
              current={d.appointmentAt}
              original={d.originalAppointmentAt}
              rescheduled={d.rescheduledAppointmentAt}
            />
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.track.resultReady')}>
            <span data-testid="track-result-ready">
              {d.resultReady ? (
                <span className="status-tag status-ok">{t('citizen.track.resultReadyYes')}</span>
              ) : (
                t('citizen.track.resultReadyNo')
              )}
            </span>
          </Descriptions.Item>
        </Descriptions>
        {d.resultReady && <ResultReadyNote delivered={d.state === 'DELIVERED'} />}
      </Card>
      {d.supplementItems && d.supplementItems.length > 0 && (
        <SupplementItems items={d.supplementItems}>
          <Link to="/dich-vu-cong/ho-so-cua-toi">{t('citizen.supplementHint')}</Link>
        </SupplementItems>
      )}
      <Section title={t('citizen.timeline')}>
        <PublicTimeline events={d.timeline} />
      </Section>
      {d.steps.length > 0 && (
        <Section title={t('citizen.steps')}>
          <StepsTable steps={d.steps} />
        </Section>
      )}
      {(d.rateable || d.rating || rated) && (
        <Section title={t('citizen.rating.title')} testId="rating">
          {rated ? (
            <Result
              status="success"
              title={<h3 style={{ margin: 0, fontSize: 20 }}>{t('citizen.rating.thanks')}</h3>}
              subTitle={`${t(`citizen.rating.level.${rated}`)} — ${t('citizen.rating.thanksText')}`}
              data-testid="rating-thanks"
            />
          ) : d.rating ? (
            <p data-testid="rating-done">
              {t('citizen.rating.already', { level: t(`citizen.rating.level.${d.rating}`) })}
            </p>
          ) : (
            <RatingForm code={d.code} check={check} onRated={onRated} />
          )}
        </Section>
      )}
    </section>
  );
}
