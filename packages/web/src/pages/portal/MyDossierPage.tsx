import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import { Alert, Button, Card, Descriptions, Input, Modal, Result, Space, Table, Typography } from 'antd';
import { DownloadOutlined, RollbackOutlined, StopOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { problemMessage } from '../../api/problem';
import {
  citizenDossiersApi,
  newIdempotencyKey,
  type DossierActionType,
  type DossierAttachment,
  type MyDossier,
  type RatingLevel,
} from '../../api/publicDossiers';
import { useAuth } from '../../auth/AuthContext';
import { FullPageSpin, LoadError } from '../../auth/guards';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import {
  Appointment,
  ResultReadyNote,
  formatBytes,
  PublicTimeline,
  Section,
  SignInPrompt,
  StatusTag,
  StepsTable,
  SupplementItems,
  type TimelineEvent,
} from './dossierParts';
import { FilePicker } from './FilePicker';
import { RatingForm } from './RatingForm';
import { vnDateTime } from '../../vnTime';

const isConflict = (e: unknown) => e instanceof ApiError && e.code === 'DOSSIER_VERSION_CONFLICT';
const last4 = (s: string | null | undefined) => {
  const digits = s?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
};

/** The citizen's own dossier: status, appointment, timeline, supplement form, withdrawal, files, rating. */
export default function MyDossierPage() {
  const t = useT();
  const { id = '' } = useParams();
  const { status } = useAuth();
  const [dossier, setDossier] = useState<MyDossier | null>(null);
  const [files, setFiles] = useState<DossierAttachment[]>([]);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState<{ type: 'success' | 'warning'; text: string } | null>(null);
  const [reload, setReload] = useState(0);
  const [rated, setRated] = useState<RatingLevel | null>(null);
  usePageTitle(dossier?.procedureName ?? t('citizen.detail.title'));

  useEffect(() => {
    if (status !== 'authenticated') return;
    const ac = new AbortController();
    setError(null);
    Promise.all([citizenDossiersApi.get(id, ac.signal), citizenDossiersApi.attachments(id, ac.signal)]).then(
      ([d, a]) => {
        setDossier(d);
        setFiles(a.items);
      },
      (e) => {
        if (!(e instanceof DOMException && e.name === 'AbortError')) setError(e);
      },
    );
    return () => ac.abort();
  }, [id, status, reload]);

  const refresh = useCallback(() => setReload((k) => k + 1), []);
  const done = useCallback(
    (text: string) => {
      setNotice({ type: 'success', text });
      refresh();
    },
    [refresh],
  );
  const conflict = useCallback(() => {
    setNotice({ type: 'warning', text: t('citizen.detail.conflict') });
    refresh();
  }, [refresh, t]);

  const back = <Link to="/dich-vu-cong/ho-so-cua-toi">← {t('citizen.detail.back')}</Link>;
  if (status === 'loading') return <FullPageSpin />;
  if (status === 'anonymous')
    return (
      <>
        <Typography.Title level={1} className="page-title">
          {t('citizen.detail.title')}
        </Typography.Title>
        <SignInPrompt text={t('citizen.signInToMine')} />
      </>
    );
  if (error instanceof ApiError && (error.status === 404 || error.status === 400 || error.status === 403))
    return <Result status="404" title="404" subTitle={t('citizen.detail.notFound')} extra={back} />;
  if (error) return <LoadError error={error} onRetry={refresh} />;
  if (!dossier) return <FullPageSpin />;

  const d = dossier;
  const r = d.record;
  const none = t('common.none');
  const typeAt = new Map(d.timeline.map((a) => [Date.parse(a.at), a.type]));
  const events: TimelineEvent[] = r.timeline.map((e) => ({
    type: typeAt.get(e.at) ?? null,
    statusCode: e.statusCode,
    at: e.at,
  }));
  const can = (a: DossierActionType) => d.allowedActions.includes(a);
  const check = last4(d.applicant.phone) ?? last4(d.applicant.idNumber);
  const applicant = [d.applicant.name, d.applicant.phone, d.applicant.email].filter(Boolean).join(' · ');

  return (
    <>
      <p style={{ marginTop: 0 }}>{back}</p>
      <Typography.Title level={1} className="page-title">
        {d.procedureName ?? d.procedureCode}
      </Typography.Title>
      <div aria-live="polite">
        {notice && (
          <Alert
            type={notice.type}
            showIcon
            closable={{ onClose: () => setNotice(null) }}
            title={notice.text}
            style={{ marginBottom: 16 }}
            data-testid="dossier-notice"
          />
        )}
      </div>
      <Section title={t('citizen.detail.general')} testId="dossier-general">
        <Descriptions column={1} bordered size="small" styles={{ label: { width: 220 } }}>
          <Descriptions.Item label={t('citizen.status')}>
            <StatusTag code={d.statusCode} testId="dossier-status" />
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.detail.code')}>
            <span data-testid="dossier-code">
              {d.code ?? `${t('citizen.noCodeYet')} — ${t('citizen.waitingReception')}`}
            </span>
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.detail.procedure')}>
            <Link to={`/dich-vu-cong/thu-tuc/${encodeURIComponent(d.procedureCode)}`}>
              {d.procedureName ?? d.procedureCode} ({d.procedureCode})
            </Link>
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.detail.unit')}>{d.unitName}</Descriptions.Item>
          <Descriptions.Item label={t('citizen.detail.channel')}>
            {t(`citizen.detail.channel.${d.channel}`)}
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.detail.applicant')}>{applicant}</Descriptions.Item>
          {d.applicant.proxy && (
            <Descriptions.Item label={t('citizen.detail.proxy')}>{d.applicant.proxy.name}</Descriptions.Item>
          )}
          {d.summary && <Descriptions.Item label={t('citizen.detail.summary')}>{d.summary}</Descriptions.Item>}
          <Descriptions.Item label={t('citizen.detail.submittedAt')}>
            {vnDateTime(d.submittedAt) || none}
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.receivedAt')}>
            {vnDateTime(d.receivedAt) || t('citizen.waitingReception')}
          </Descriptions.Item>
          <Descriptions.Item label={t('citizen.appointment')}>
            <Appointment current={d.dueAt} original={d.originalDueAt} rescheduled={d.rescheduledDueAt} />
          </Descriptions.Item>
        </Descriptions>
        {(d.state === 'RESOLVED' || d.state === 'DELIVERED') && <ResultReadyNote delivered={d.state === 'DELIVERED'} />}
      </Section>

      {r.receptionNote && (
        <Alert
          type={r.receptionNote.kind === 'GUIDED_TO_COMPLETE' ? 'warning' : 'error'}
          showIcon
          className="portal-section"
          style={{ marginBottom: 16 }}
          title={t(`citizen.detail.receptionNote.${r.receptionNote.kind}`)}
          description={
            <>
              {r.receptionNote.reasons.length > 0 && (
                <p style={{ margin: '4px 0' }}>
                  {t('citizen.detail.reasons')}: {r.receptionNote.reasons.join('; ')}
                </p>
              )}
              {r.receptionNote.items.length > 0 && (
                <>
                  <div>{t('citizen.detail.items')}:</div>
                  <ul style={{ margin: '4px 0' }}>
                    {r.receptionNote.items.map((x, i) => (
                      <li key={i}>{x}</li>
                    ))}
                  </ul>
                </>
              )}
            </>
          }
        />
      )}

      {d.state === 'AWAITING_SUPPLEMENT' && r.supplement && (
        <SupplementItems items={r.supplement.items}>
          <p style={{ margin: '4px 0' }}>
            {t('citizen.supplement.requested', { at: vnDateTime(r.supplement.requestedAt) })}
            {r.supplement.reason ? ` — ${t('citizen.supplement.reason')}: ${r.supplement.reason}` : ''}
          </p>
        </SupplementItems>
      )}
      {d.state === 'SUPPLEMENT_SUBMITTED' && (
        <Alert type="info" showIcon title={t('citizen.supplement.submitted')} style={{ marginBottom: 16 }} />
      )}
      {can('SUBMIT_SUPPLEMENT') && (
        <Section title={t('citizen.supplement.title')} testId="supplement-form">
          <ApplicantFilesForm
            dossier={d}
            purpose="SUPPLEMENT"
            action="SUBMIT_SUPPLEMENT"
            withNote
            help={t('citizen.supplement.filesHelp')}
            sendLabel={t('citizen.supplement.send')}
            onDone={() => done(t('citizen.supplement.sent'))}
            onConflict={conflict}
          />
        </Section>
      )}
      {can('SUBMIT') && d.state === 'GUIDED_TO_COMPLETE' && (
        <Section title={t('citizen.resubmit.title')} testId="resubmit-form">
          <ApplicantFilesForm
            dossier={d}
            purpose="COMPONENT"
            action="SUBMIT"
            help={t('citizen.resubmit.help')}
            sendLabel={t('citizen.resubmit.send')}
            onDone={() => done(t('citizen.resubmit.sent'))}
            onConflict={conflict}
          />
        </Section>
      )}

      {r.result && (
        <Section title={t('citizen.detail.result')}>
          <Descriptions column={1} size="small" bordered styles={{ label: { width: 220 } }}>
            <Descriptions.Item label={t('citizen.detail.result')}>
              {t(`citizen.detail.outcome.${r.result.outcome}`)}
            </Descriptions.Item>
            {r.result.resultNumber && (
              <Descriptions.Item label={t('citizen.detail.resultNumber')}>{r.result.resultNumber}</Descriptions.Item>
            )}
            {r.result.signerName && (
              <Descriptions.Item label={t('citizen.detail.signer')}>{r.result.signerName}</Descriptions.Item>
            )}
            {r.result.refusalReason && (
              <Descriptions.Item label={t('citizen.detail.refusalReason')}>{r.result.refusalReason}</Descriptions.Item>
            )}
          </Descriptions>
        </Section>
      )}

      <Section title={t('citizen.timeline')}>
        <PublicTimeline events={events} />
      </Section>
      {r.steps.length > 0 && (
        <Section title={t('citizen.steps')}>
          <StepsTable steps={r.steps.map((s) => ({ name: s.name, endedAt: s.endedAt, timeliness: s.timeliness }))} />
        </Section>
      )}

      <Section title={t('citizen.detail.files')} testId="dossier-files">
        {files.length === 0 ? (
          <p style={{ margin: 0 }}>{t('citizen.detail.noFiles')}</p>
        ) : (
          <Table<DossierAttachment>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={files}
            columns={[
              {
                title: t('citizen.detail.fileName'),
                dataIndex: 'label',
                render: (label: string, a) => (
                  <a href={citizenDossiersApi.attachmentUrl(a.id)} download>
                    <DownloadOutlined aria-hidden /> {label}
                  </a>
                ),
              },
              {
                title: t('citizen.detail.filePurpose'),
                dataIndex: 'purpose',
                width: 170,
                render: (p: string) =>
                  ['COMPONENT', 'SUPPLEMENT', 'RESULT', 'POSTAL_RECEIPT', 'OTHER'].includes(p)
                    ? t(`citizen.purpose.${p as 'OTHER'}`)
                    : p,
              },
              {
                title: t('citizen.detail.fileSize'),
                dataIndex: 'sizeBytes',
                width: 110,
                render: (n: number) => formatBytes(n),
              },
              {
                title: t('citizen.detail.fileAt'),
                dataIndex: 'uploadedAt',
                width: 160,
                render: (v: string) => vnDateTime(v),
              },
            ]}
          />
        )}
      </Section>

      {d.state === 'DELIVERED' && d.code && (d.rating || rated || check) && (
        <Section title={t('citizen.rating.title')} testId="rating">
          {rated ? (
            <p data-testid="rating-thanks">
              <strong>{t('citizen.rating.thanks')}</strong> {t('citizen.rating.thanksText')}
            </p>
          ) : d.rating ? (
            <p data-testid="rating-done">
              {t('citizen.rating.already', {
                level: t(`citizen.rating.level.${d.rating.level as RatingLevel}`),
              })}
            </p>
          ) : (
            <RatingForm code={d.code} check={check!} onRated={(level) => (level ? setRated(level) : refresh())} />
          )}
        </Section>
      )}

      {(can('REQUEST_WITHDRAWAL') || can('CANCEL')) && (
        <Card className="portal-section" title={<h2 className="section-title">{t('citizen.actions')}</h2>}>
          <Space wrap>
            {can('REQUEST_WITHDRAWAL') && (
              <ConfirmAction
                dossier={d}
                action="REQUEST_WITHDRAWAL"
                icon={<RollbackOutlined aria-hidden />}
                onDone={() => done(t('citizen.withdraw.sent'))}
                onConflict={conflict}
              />
            )}
            {can('CANCEL') && (
              <ConfirmAction
                dossier={d}
                action="CANCEL"
                icon={<StopOutlined aria-hidden />}
                onDone={() => done(t('citizen.cancel.sent'))}
                onConflict={conflict}
              />
            )}
          </Space>
        </Card>
      )}
    </>
  );
}

/**
 * Files, then the action: the supplement (SUBMIT_SUPPLEMENT { note }) or the completed dossier (SUBMIT). Each
 * file is uploaded once (a retry skips what is already up); the action's Idempotency-Key is kept across retries.
 */
function ApplicantFilesForm({
  dossier,
  purpose,
  action,
  withNote,
  help,
  sendLabel,
  onDone,
  onConflict,
}: {
  dossier: MyDossier;
  purpose: 'SUPPLEMENT' | 'COMPONENT';
  action: 'SUBMIT_SUPPLEMENT' | 'SUBMIT';
  withNote?: boolean;
  help: string;
  sendLabel: string;
  onDone: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [files, setFiles] = useState<File[]>([]);
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const uploaded = useRef(new Set<File>());
  const key = useRef(newIdempotencyKey());

  const send = async () => {
    if (files.length === 0 && purpose === 'SUPPLEMENT') {
      setError(t('citizen.supplement.needFile'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      for (const f of files) {
        if (uploaded.current.has(f)) continue;
        await citizenDossiersApi.upload(dossier.id, f, { purpose, label: f.name });
        uploaded.current.add(f);
      }
      const payload = action === 'SUBMIT' ? { channel: 'ONLINE' } : note.trim() ? { note: note.trim() } : {};
      await citizenDossiersApi.act(dossier.id, dossier.version, action, payload, key.current);
      key.current = newIdempotencyKey();
      onDone();
    } catch (e) {
      if (isConflict(e)) onConflict();
      else {
        const fields = e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [];
        setError([problemMessage(e, t), ...fields].join(' '));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div>
      <p>{help}</p>
      <div style={{ fontWeight: 500 }}>{t('citizen.supplement.files')}</div>
      <FilePicker
        files={files}
        onChange={setFiles}
        label={t('citizen.submit.chooseFileFor', { name: t('citizen.supplement.files') })}
        disabled={busy}
        testId="supplement-files"
      />
      {withNote && (
        <>
          <label htmlFor="supplement-note" style={{ display: 'block', fontWeight: 500, margin: '12px 0 4px' }}>
            {t('citizen.supplement.note')}
          </label>
          <Input.TextArea
            id="supplement-note"
            rows={3}
            maxLength={2000}
            value={note}
            onChange={(e) => setNote(e.target.value)}
            disabled={busy}
          />
        </>
      )}
      <div aria-live="polite">
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
      </div>
      <Button type="primary" style={{ marginTop: 12 }} loading={busy} onClick={send}>
        {sendLabel}
      </Button>
    </div>
  );
}

/** Withdrawal request or cancellation: a dialog with an optional reason, then the action. */
function ConfirmAction({
  dossier,
  action,
  icon,
  onDone,
  onConflict,
}: {
  dossier: MyDossier;
  action: 'REQUEST_WITHDRAWAL' | 'CANCEL';
  icon: ReactNode;
  onDone: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const key = useRef(newIdempotencyKey());
  const k = action === 'CANCEL' ? 'cancel' : 'withdraw';

  const send = async () => {
    setBusy(true);
    setError(null);
    try {
      const payload: Record<string, unknown> = reason.trim() ? { reason: reason.trim() } : {};
      if (action === 'REQUEST_WITHDRAWAL') payload.channel = 'ONLINE';
      await citizenDossiersApi.act(dossier.id, dossier.version, action, payload, key.current);
      setOpen(false);
      onDone();
    } catch (e) {
      if (isConflict(e)) {
        setOpen(false);
        onConflict();
      } else setError(problemMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button
        danger
        icon={icon}
        onClick={() => {
          key.current = newIdempotencyKey();
          setReason('');
          setError(null);
          setOpen(true);
        }}
      >
        {t(`citizen.${k}.button`)}
      </Button>
      <Modal
        open={open}
        title={t(`citizen.${k}.title`)}
        onCancel={() => !busy && setOpen(false)}
        okText={t(`citizen.${k}.confirm`)}
        okButtonProps={{ danger: true, loading: busy }}
        cancelText={t('common.close')}
        onOk={send}
      >
        <p>{t(`citizen.${k}.text`)}</p>
        <label htmlFor={`${k}-reason`} style={{ display: 'block', fontWeight: 500, marginBottom: 4 }}>
          {t(`citizen.${k}.reason`)}
        </label>
        <Input.TextArea
          id={`${k}-reason`}
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
        />
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginTop: 12 }} />}
      </Modal>
    </>
  );
}
