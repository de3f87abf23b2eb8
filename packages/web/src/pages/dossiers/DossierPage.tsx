import { useCallback, useEffect, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { App, Button, Card, Descriptions, Space, Typography } from 'antd';
import { ReloadOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { dossiersApi, isDetail, type Assignee, type Dossier, type DossierActionType } from '../../api/dossiers';
import { useAuth } from '../../auth/AuthContext';
import { FullPageSpin, LoadError, NotFound } from '../../auth/guards';
import { formatNumber } from '../../format';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { ActionModal, orderedActions } from './ActionModal';
import { Attachments } from './Attachments';
import { ActionTimeline, ControlSheet, PapersTable, durationText } from './DossierParts';
import { DANGER_ACTIONS, actionLabel, openStep, primaryAction } from './labels';
import { PrintLinks } from './PrintLinks';
import { StatusTag, TimeLeftTag } from './Tags';
import { vnDateTime, vnDueAt } from '../../vnTime';

/** The dossier page: header, the actions the dossier allows, forms to print, control sheet, log, papers, files. */
export default function DossierPage() {
  const t = useT();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const { message } = App.useApp();
  const { user, hasRole } = useAuth();
  const [dossier, setDossier] = useState<Dossier | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [action, setAction] = useState<DossierActionType | null>(null);
  const [assignees, setAssignees] = useState<Assignee[] | undefined>(undefined);
  const [files, setFiles] = useState(0);
  usePageTitle(dossier ? t('ds.page.title', { code: dossier.code ?? t('ds.noCode') }) : t('ds.page.loading'));

  const load = useCallback(async () => {
    try {
      setDossier(await dossiersApi.get(id));
      setError(null);
    } catch (e) {
      setError(e);
    }
  }, [id]);

  useEffect(() => {
    setDossier(null);
    void load();
  }, [load]);

  const canProcess = hasRole('COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER');
  const backTo = hasRole('COUNTER_OFFICER') ? '/ho-so/don-vi' : '/ho-so/cua-toi';
  useEffect(() => {
    if (!canProcess) return;
    dossiersApi.assignees(id).then(
      (r) => setAssignees(r.items),
      () => setAssignees(user ? [{ userId: user.id, name: user.fullName, roles: [] }] : []),
    );
  }, [id, canProcess, user]);

  const names = useMemo(() => {
    const m = new Map<string, string>(Object.entries(dossier?.people ?? {}));
    for (const a of assignees ?? []) m.set(a.userId, a.name);
    if (user) m.set(user.id, user.fullName);
    return m;
  }, [assignees, user, dossier?.people]);

  if (error) {
    if (error instanceof ApiError && error.status === 404) return <NotFound />;
    return <LoadError error={error} onRetry={() => void load()} />;
  }
  if (!dossier) return <FullPageSpin />;

  const d = dossier;
  const r = d.record;
  const step = openStep(d);
  const actions = orderedActions(d);
  const primary = primaryAction(d, user?.id, hasRole);
  const proxy = d.applicant.proxy;
  const applicant = [
    d.applicant.name,
    d.applicant.phone && t('ds.page.phone', { v: d.applicant.phone }),
    d.applicant.idNumber && t('ds.page.idNumber', { v: d.applicant.idNumber }),
  ]
    .filter(Boolean)
    .join(' · ');

  return (
    <>
      <Space style={{ width: '100%', justifyContent: 'space-between' }} wrap>
        <Typography.Title level={1} className="page-title">
          {t('ds.page.title', { code: d.code ?? t('ds.noCode') })}
        </Typography.Title>
        <Button
          icon={<ReloadOutlined aria-hidden />}
          onClick={() => void load().then(() => message.info(t('ds.page.reloaded')))}
        >
          {t('ds.page.reload')}
        </Button>
      </Space>

      <Card className="ds-section">
        <Descriptions
          size="small"
          bordered
          column={{ xs: 1, md: 2, xl: 3 }}
          items={[
            {
              key: 'code',
              label: t('ds.code'),
              children: (
                <span className="ds-code" data-testid="dossier-code">
                  {d.code ?? t('ds.noCode')}
                </span>
              ),
            },
            {
              key: 'status',
              label: t('ds.status'),
              children: (
                <span data-testid="dossier-status">
                  <StatusTag state={d.state} statusCode={d.statusCode} />
                </span>
              ),
            },
            {
              key: 'left',
              label: t('ds.timeLeft'),
              children: <TimeLeftTag hours={d.workingHoursLeft} state={d.state} clock={d.clock} />,
            },
            {
              key: 'proc',
              label: t('ds.procedure'),
              span: { xs: 1, md: 2, xl: 2 },
              children: `${d.procedureCode} — ${d.procedureName ?? ''}`,
            },
            { key: 'channel', label: t('ds.channel'), children: t(`ds.channel.${d.channel}`) },
            { key: 'applicant', label: t('ds.applicant'), span: { xs: 1, md: 2, xl: 2 }, children: applicant },
            {
              key: 'proxy',
              label: t('ds.page.proxy'),
              children: proxy
                ? [proxy.name, proxy.authorisationRef && t('ds.page.authorisation', { v: proxy.authorisationRef })]
                    .filter(Boolean)
                    .join(' · ')
                : t('common.none'),
            },
            { key: 'received', label: t('ds.receivedAt'), children: vnDateTime(d.receivedAt) || t('common.none') },
            {
              key: 'original',
              label: t('ds.page.originalDue'),
              children: vnDueAt(d.originalDueAt) || t('common.none'),
            },
            {
              key: 'due',
              label: t('ds.page.currentDue'),
              children: (
                <>
                  <strong>{vnDueAt(d.dueAt) || t('common.none')}</strong>
                  {d.rescheduledDueAt && (
                    <div className="ds-muted">{t('ds.page.rescheduled', { at: vnDueAt(d.rescheduledDueAt) })}</div>
                  )}
                </>
              ),
            },
            {
              key: 'step',
              label: t('ds.page.openStep'),
              children: step
                ? `${step.name ?? step.stepId} — ${names.get(step.assigneeUserId) ?? t('ds.sheet.unknownUser')}`
                : t('common.none'),
            },
            {
              key: 'limit',
              label: t('ds.page.timeLimit'),
              children: durationText(r.procedure?.timeLimit, t) || t('common.none'),
            },
            {
              key: 'clock',
              label: t('ds.page.clock'),
              children: t(`ds.clock.${d.clock}`),
            },
            { key: 'unit', label: t('ds.page.unit'), children: d.unitName },
            {
              key: 'summary',
              label: t('ds.page.summary'),
              span: { xs: 1, md: 2, xl: 2 },
              children: d.summary ?? t('common.none'),
            },
            { key: 'sets', label: t('ds.page.setCount'), children: formatNumber(d.setCount) },
          ]}
        />
      </Card>

      <Card className="ds-section" title={<h2 className="ds-card-title">{t('ds.page.actions')}</h2>}>
        {actions.length === 0 ? (
          <Typography.Text type="secondary">{t('ds.page.noActions')}</Typography.Text>
        ) : (
          <div className="ds-actions" role="group" aria-label={t('ds.page.actions')}>
            {actions.map((a) => (
              <Button
                key={a}
                type={a === primary ? 'primary' : 'default'}
                danger={DANGER_ACTIONS.has(a)}
                onClick={() => setAction(a)}
              >
                {t(actionLabel(a))}
              </Button>
            ))}
          </div>
        )}
        <Typography.Title level={3} style={{ fontSize: 14 }}>
          {t('ds.print.title')}
        </Typography.Title>
        <PrintLinks dossier={d} />
      </Card>

      {(r.supplement || r.apology || r.result || r.delivery || r.receptionNote || r.stop) && (
        <Card className="ds-section" title={<h2 className="ds-card-title">{t('ds.page.facts')}</h2>}>
          <Descriptions
            size="small"
            column={1}
            items={[
              ...(r.receptionNote
                ? [
                    {
                      key: 'note',
                      label: t(`ds.note.${r.receptionNote.kind}`),
                      children: [...r.receptionNote.items, ...r.receptionNote.reasons].join('; '),
                    },
                  ]
                : []),
              ...(r.supplement
                ? [
                    {
                      key: 'supp',
                      label: t('ds.page.supplement'),
                      children: `${r.supplement.items.join('; ')} — ${r.supplement.reason} (${vnDateTime(r.supplement.requestedAt)})`,
                    },
                  ]
                : []),
              ...(r.apology
                ? [
                    {
                      key: 'apology',
                      label: t('ds.page.apology'),
                      children: t('ds.page.apologyText', {
                        reason: r.apology.reason,
                        from: vnDueAt(r.apology.previousDueAt),
                        to: vnDueAt(r.apology.newDueAt),
                      }),
                    },
                  ]
                : []),
              ...(r.result
                ? [
                    {
                      key: 'result',
                      label: t('ds.page.result'),
                      children: (
                        <>
                          {t(`ds.outcome.${r.result.outcome}`)}
                          {r.result.resultNumber && ` — ${t('ds.tl.resultNumber', { n: r.result.resultNumber })}`}
                          {r.result.signerName && ` — ${t('ds.tl.signer', { name: r.result.signerName })}`}
                          {r.result.refusalReason && ` — ${r.result.refusalReason}`}
                          {r.result.fileUrl && (
                            <>
                              {' · '}
                              <a href={r.result.fileUrl} target="_blank" rel="noopener noreferrer">
                                {t('ds.page.resultFile')}
                              </a>
                            </>
                          )}
                        </>
                      ),
                    },
                  ]
                : []),
              ...(r.delivery
                ? [
                    {
                      key: 'delivery',
                      label: t('ds.page.delivery'),
                      children: `${t(`ds.delivery.${r.delivery.method}`)} — ${r.delivery.recipientName} (${vnDateTime(r.delivery.deliveredAt)})`,
                    },
                  ]
                : []),
              ...(r.stop
                ? [
                    {
                      key: 'stop',
                      label: t('ds.page.stop'),
                      children: [r.stop.reason, r.stop.legalGround].filter(Boolean).join(' — '),
                    },
                  ]
                : []),
            ]}
          />
        </Card>
      )}

      <Card className="ds-section" title={<h2 className="ds-card-title">{t('ds.sheet.title')}</h2>}>
        <ControlSheet dossier={d} names={names} />
        {d.process && (
          <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
            {t('ds.sheet.process', {
              steps: d.process.steps.map((s, i) => `${i + 1}. ${s.name} (${formatNumber(s.hours)} h)`).join(' → '),
            })}
          </Typography.Paragraph>
        )}
      </Card>

      <Card className="ds-section" title={<h2 className="ds-card-title">{t('ds.tl.title')}</h2>}>
        <ActionTimeline dossier={d} names={names} />
      </Card>

      <Card className="ds-section" title={<h2 className="ds-card-title">{t('ds.papers.title')}</h2>}>
        <PapersTable dossier={d} />
      </Card>

      <Card className="ds-section" title={<h2 className="ds-card-title">{t('ds.att.title')}</h2>}>
        <Attachments dossierId={d.id} papers={d.papers} canUpload={canProcess} reloadKey={files} />
      </Card>

      <Typography.Paragraph>
        <Link to={backTo}>{t('ds.page.back')}</Link>
      </Typography.Paragraph>

      <ActionModal
        dossier={action ? d : null}
        type={action}
        assignees={assignees}
        onClose={() => setAction(null)}
        onDone={(updated, type) => {
          setAction(null);
          // Without the detail the dossier is no longer ours to see (a coordinating body returned its result).
          if (!isDetail(updated)) {
            message.success(t('ds.coord.returned'));
            void navigate('/ho-so/lien-thong');
            return;
          }
          setDossier(updated);
          if (type === 'RESOLVE') setFiles((n) => n + 1);
        }}
        onConflict={() => {
          setAction(null);
          void load();
        }}
      />
    </>
  );
}
