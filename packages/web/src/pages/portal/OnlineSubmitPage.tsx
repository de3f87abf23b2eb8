import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router-dom';
import {
  Alert,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Radio,
  Result,
  Select,
  Space,
  Typography,
} from 'antd';
import { CheckCircleOutlined, CloseCircleOutlined, LoadingOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { catalogApi, type ProcedureDetail } from '../../api/catalog';
import { applyProblemToForm, problemMessage } from '../../api/problem';
import {
  citizenDossiersApi,
  newIdempotencyKey,
  type ApplicantType,
  type MyDossier,
  type SubmissionInput,
} from '../../api/publicDossiers';
import { useAuth } from '../../auth/AuthContext';
import { FullPageSpin, LoadError } from '../../auth/guards';
import { DATE_FORMAT } from '../../format';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { Section, SignInPrompt } from './dossierParts';
import { FilePicker } from './FilePicker';
import { vnDateTime } from '../../vnTime';

const PHONE = /^\+?\d[\d .-]{6,18}\d$/;
const ID_NUMBER = /^\d{9,12}$/;
/** Files not tied to one paper of the procedure. */
const OTHER = -1;

interface PersonValues {
  name: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}
interface Values {
  unitId?: string;
  applicant: PersonValues & { type: ApplicantType; birthDate?: Dayjs | null };
  hasProxy?: boolean;
  proxy?: PersonValues & { authorisationRef?: string };
  summary?: string;
  setCount?: number;
}

interface UploadItem {
  paperIndex: number;
  file: File;
  status: 'pending' | 'uploading' | 'done' | 'error';
  percent: number;
  error?: string;
}

const text = (s: string | undefined) => s?.trim() || undefined;

function bodyOf(code: string, v: Values): SubmissionInput {
  const a = v.applicant;
  const p = v.proxy;
  return {
    unitId: v.unitId!,
    procedureCode: code,
    applicant: {
      type: a.type,
      name: a.name.trim(),
      phone: text(a.phone),
      idNumber: text(a.idNumber),
      birthDate: a.type === 'PERSON' && a.birthDate ? a.birthDate.format('YYYY-MM-DD') : undefined,
      address: text(a.address),
      email: text(a.email),
      proxy:
        v.hasProxy && p
          ? {
              name: p.name.trim(),
              idNumber: text(p.idNumber),
              phone: text(p.phone),
              email: text(p.email),
              address: text(p.address),
              authorisationRef: text(p.authorisationRef),
            }
          : undefined,
    },
    summary: text(v.summary),
    setCount: v.setCount ?? 1,
  };
}

/** A visible asterisk after required labels, kept out of the accessible name (inputs carry aria-required). */
const requiredMark = (label: ReactNode, { required }: { required: boolean }) => (
  <>
    {label}
    {required && (
      <span aria-hidden className="required-star">
        {' '}
        *
      </span>
    )}
  </>
);

/** A paper outside any alternative group is required (the server's reception check says the same). */
const isRequired = (d: ProcedureDetail['documents'][number]) => d.group === null;

/**
 * Online submission (T2): sign in, choose the receiving unit among the procedure's units, the applicant (and
 * proxy), the request, a file per paper; the dossier is created with an Idempotency-Key kept across retries of
 * the same attempt, then the files are uploaded to it; a confirmation says what happens next.
 */
export default function OnlineSubmitPage() {
  const t = useT();
  const { code = '' } = useParams();
  const { status, user, hasRole } = useAuth();
  const [form] = Form.useForm<Values>();
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [reload, setReload] = useState(0);
  const [files, setFiles] = useState<Map<number, File[]>>(new Map());
  const [missing, setMissing] = useState<number[]>([]);
  const [error, setError] = useState<{ title: string; details: string[] } | null>(null);
  const [phase, setPhase] = useState<'form' | 'sending' | 'uploading' | 'uploadFailed' | 'done'>('form');
  const [dossier, setDossier] = useState<MyDossier | null>(null);
  const [uploads, setUploads] = useState<UploadItem[]>([]);
  // One key per submission attempt: kept across retries (a replay answers with the same dossier), renewed after success.
  const attemptKey = useRef(newIdempotencyKey());
  const applicantType = Form.useWatch(['applicant', 'type'], form) ?? 'PERSON';
  const hasProxy = Form.useWatch('hasProxy', form);
  usePageTitle(t('citizen.submit.title'));

  useEffect(() => {
    const ac = new AbortController();
    setLoadError(null);
    catalogApi.get(code, undefined, ac.signal).then(setProcedure, (e) => {
      if (!(e instanceof DOMException && e.name === 'AbortError')) setLoadError(e);
    });
    return () => ac.abort();
  }, [code, reload]);

  const initialValues = useMemo<Values>(
    () => ({
      unitId: procedure?.units.length === 1 ? procedure.units[0]!.id : undefined,
      applicant: {
        type: 'PERSON',
        name: user?.fullName ?? '',
        email: user?.email ?? undefined,
        phone: user?.phone ?? undefined,
      },
      hasProxy: false,
      setCount: 1,
    }),
    [procedure, user],
  );

  const backLink = <Link to={`/dich-vu-cong/thu-tuc/${encodeURIComponent(code)}`}>← {t('due.backToProcedure')}</Link>;
  const title = (
    <Typography.Title level={1} className="page-title">
      {t('citizen.submit.title')}
    </Typography.Title>
  );

  if (loadError instanceof ApiError && (loadError.status === 404 || loadError.status === 400))
    return <Result status="404" title="404" subTitle={t('citizen.submit.notFound', { code })} extra={backLink} />;
  if (loadError) return <LoadError error={loadError} onRetry={() => setReload((k) => k + 1)} />;
  if (!procedure || status === 'loading') return <FullPageSpin />;

  const procedureLine = (
    <Typography.Paragraph data-testid="submit-procedure">
      <Link to={`/dich-vu-cong/thu-tuc/${encodeURIComponent(procedure.code)}`}>
        {t('citizen.submit.procedure', { name: procedure.name, code: procedure.code })}
      </Link>
    </Typography.Paragraph>
  );

  if (!procedure.channels.includes('online'))
    return (
      <>
        <p style={{ marginTop: 0 }}>{backLink}</p>
        {title}
        {procedureLine}
        <Alert type="info" showIcon title={t('citizen.submit.notOnline')} data-testid="not-online" />
      </>
    );

  if (status === 'anonymous')
    return (
      <>
        <p style={{ marginTop: 0 }}>{backLink}</p>
        {title}
        {procedureLine}
        <SignInPrompt text={t('citizen.signInToSubmit')} />
      </>
    );

  if (phase === 'done' && dossier) return <Confirmation dossier={dossier} uploaded={uploads} procedure={procedure} />;

  const docs = procedure.documents;
  const busy = phase === 'sending' || phase === 'uploading';

  const runUploads = async (d: MyDossier, items: UploadItem[]) => {
    setPhase('uploading');
    const next = [...items];
    setUploads(next);
    for (let i = 0; i < next.length; i++) {
      const item = next[i]!;
      if (item.status === 'done') continue;
      const update = (patch: Partial<UploadItem>) => {
        next[i] = { ...next[i]!, ...patch };
        setUploads([...next]);
      };
      update({ status: 'uploading', percent: 0, error: undefined });
      try {
        await citizenDossiersApi.upload(
          d.id,
          item.file,
          {
            purpose: 'COMPONENT',
            paperIndex: item.paperIndex === OTHER ? null : item.paperIndex,
            label: item.file.name,
          },
          (f) => update({ percent: Math.round(f * 100) }),
        );
        update({ status: 'done', percent: 100 });
      } catch (e) {
        const fieldMessages = e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [];
        update({ status: 'error', error: [problemMessage(e, t), ...fieldMessages].join(' ') });
      }
    }
    setPhase(next.some((x) => x.status !== 'done') ? 'uploadFailed' : 'done');
  };

  const onFinish = async (v: Values) => {
    const lacking = docs.map((d, i) => (isRequired(d) && !files.get(i)?.length ? i : -1)).filter((i) => i >= 0);
    setMissing(lacking);
    if (lacking.length) {
      setError({
        title: t('citizen.submit.missingPapers', { names: lacking.map((i) => docs[i]!.name).join('; ') }),
        details: [],
      });
      document.getElementById(`paper-${lacking[0]}`)?.scrollIntoView({ block: 'center' });
      return;
    }
    setError(null);
    setPhase('sending');
    let created: MyDossier;
    try {
      created = await citizenDossiersApi.submit(bodyOf(procedure.code, v), attemptKey.current);
    } catch (e) {
      setPhase('form');
      const unmatched = applyProblemToForm(form, e, ['unitId', 'applicant', 'proxy', 'summary', 'setCount']);
      const network = e instanceof ApiError && e.status === 0;
      const forbidden = e instanceof ApiError && e.status === 403;
      setError({
        title: forbidden ? t('citizen.notCitizen') : problemMessage(e, t),
        details: [...unmatched, ...(network ? [t('citizen.submit.retryNote')] : [])],
      });
      return;
    }
    attemptKey.current = newIdempotencyKey();
    setDossier(created);
    const items: UploadItem[] = [...files.entries()]
      .sort(([a], [b]) => (a === OTHER ? 1 : b === OTHER ? -1 : a - b))
      .flatMap(([paperIndex, list]) =>
        list.map((file) => ({ paperIndex, file, status: 'pending' as const, percent: 0 })),
      );
    if (items.length === 0) {
      setUploads([]);
      setPhase('done');
      return;
    }
    await runUploads(created, items);
  };

  const setPaperFiles = (index: number, list: File[]) => {
    setFiles((prev) => new Map(prev).set(index, list));
    if (list.length && missing.includes(index)) {
      const rest = missing.filter((x) => x !== index);
      setMissing(rest);
      if (rest.length === 0) setError(null);
    }
  };

  const person = (prefix: 'applicant' | 'proxy', org: boolean) => {
    const label = (k: 'name' | 'idNumber' | 'phone' | 'email' | 'address') =>
      prefix === 'proxy'
        ? t(
            {
              name: 'citizen.submit.proxyName',
              idNumber: 'citizen.submit.proxyIdNumber',
              phone: 'citizen.submit.proxyPhone',
              email: 'citizen.submit.proxyEmail',
              address: 'citizen.submit.proxyAddress',
            }[k] as 'citizen.submit.proxyName',
          )
        : t(
            {
              name: org ? 'citizen.submit.orgName' : 'citizen.submit.name',
              idNumber: org ? 'citizen.submit.orgIdNumber' : 'citizen.submit.idNumber',
              phone: 'citizen.submit.phone',
              email: 'citizen.submit.email',
              address: 'citizen.submit.address',
            }[k] as 'citizen.submit.name',
          );
    return (
      <div className="form-grid">
        <Form.Item
          label={label('name')}
          name={[prefix, 'name']}
          rules={[{ required: true, whitespace: true, message: t('error.required', { field: label('name') }) }]}
        >
          <Input autoComplete={prefix === 'applicant' && !org ? 'name' : 'off'} maxLength={300} />
        </Form.Item>
        <Form.Item
          label={label('idNumber')}
          name={[prefix, 'idNumber']}
          extra={org ? undefined : t('citizen.submit.idHelp')}
          rules={org ? [] : [{ pattern: ID_NUMBER, message: t('citizen.submit.idInvalid') }]}
        >
          <Input inputMode={org ? undefined : 'numeric'} maxLength={20} autoComplete="off" />
        </Form.Item>
        {prefix === 'applicant' && !org && (
          <Form.Item
            label={t('citizen.submit.birthDate')}
            name={['applicant', 'birthDate']}
            extra={t('citizen.submit.birthDateHelp')}
          >
            <DatePicker format={DATE_FORMAT} placeholder="dd/mm/yyyy" style={{ width: '100%' }} needConfirm={false} />
          </Form.Item>
        )}
        <Form.Item
          label={label('phone')}
          name={[prefix, 'phone']}
          extra={prefix === 'applicant' ? t('citizen.submit.phoneHelp') : undefined}
          rules={[
            ...(prefix === 'applicant'
              ? [{ required: true, whitespace: true, message: t('error.required', { field: label('phone') }) }]
              : []),
            { pattern: PHONE, message: t('citizen.submit.phoneInvalid') },
          ]}
        >
          <Input inputMode="tel" autoComplete={prefix === 'applicant' ? 'tel' : 'off'} maxLength={25} />
        </Form.Item>
        <Form.Item
          label={label('email')}
          name={[prefix, 'email']}
          rules={[{ type: 'email', message: t('error.email') }]}
        >
          <Input inputMode="email" autoComplete={prefix === 'applicant' ? 'email' : 'off'} maxLength={200} />
        </Form.Item>
        <Form.Item label={label('address')} name={[prefix, 'address']}>
          <Input autoComplete={prefix === 'applicant' ? 'street-address' : 'off'} maxLength={500} />
        </Form.Item>
        {prefix === 'proxy' && (
          <Form.Item label={t('citizen.submit.authorisationRef')} name={['proxy', 'authorisationRef']}>
            <Input maxLength={200} />
          </Form.Item>
        )}
      </div>
    );
  };

  const failed = uploads.filter((u) => u.status === 'error').length;

  return (
    <>
      <p style={{ marginTop: 0 }}>{backLink}</p>
      {title}
      {procedureLine}
      {!hasRole('CITIZEN') && (
        <Alert type="warning" showIcon title={t('citizen.notCitizen')} style={{ marginBottom: 16 }} />
      )}
      <Typography.Paragraph>{t('citizen.submit.intro')}</Typography.Paragraph>
      <Form<Values>
        form={form}
        name="online-submit"
        layout="vertical"
        initialValues={initialValues}
        requiredMark={requiredMark}
        onFinish={onFinish}
        onFinishFailed={() => setError({ title: t('citizen.submit.checkForm'), details: [] })}
        disabled={busy || phase === 'uploadFailed'}
        scrollToFirstError
      >
        <Section title={t('citizen.submit.unitSection')}>
          {procedure.units.length === 0 ? (
            <Alert type="warning" showIcon title={t('citizen.submit.noUnits')} />
          ) : (
            <Form.Item
              label={t('citizen.submit.unit')}
              name="unitId"
              rules={[{ required: true, message: t('citizen.submit.unitRequired') }]}
              style={{ maxWidth: 560, marginBottom: 0 }}
            >
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                placeholder={t('citizen.submit.unitPlaceholder')}
                options={procedure.units.map((u) => ({ value: u.id, label: u.name }))}
              />
            </Form.Item>
          )}
        </Section>
        <Section title={t('citizen.submit.applicantSection')}>
          <Form.Item label={t('citizen.submit.applicantType')} name={['applicant', 'type']}>
            <Radio.Group
              options={(['PERSON', 'ORGANISATION'] as const).map((v) => ({
                value: v,
                label: t(`citizen.submit.type.${v}`),
              }))}
            />
          </Form.Item>
          {person('applicant', applicantType === 'ORGANISATION')}
          <Form.Item name="hasProxy" valuePropName="checked" style={{ marginBottom: 0 }}>
            <Checkbox>{t('citizen.submit.hasProxy')}</Checkbox>
          </Form.Item>
        </Section>
        {hasProxy && <Section title={t('citizen.submit.proxySection')}>{person('proxy', false)}</Section>}
        <Section title={t('citizen.submit.contentSection')}>
          <Form.Item label={t('citizen.submit.summary')} name="summary">
            <Input.TextArea rows={3} maxLength={2000} showCount placeholder={t('citizen.submit.summaryPlaceholder')} />
          </Form.Item>
          <Form.Item label={t('citizen.submit.setCount')} name="setCount" style={{ marginBottom: 0 }}>
            <InputNumber min={1} max={100} precision={0} style={{ width: 120 }} />
          </Form.Item>
        </Section>
        <Section title={t('citizen.submit.papersSection')} testId="papers">
          <Typography.Paragraph>
            {docs.length ? t('citizen.submit.papersIntro') : t('citizen.submit.noPapers')}
          </Typography.Paragraph>
          <ol className="paper-list">
            {docs.map((d, i) => {
              const required = isRequired(d);
              const name = d.name.replace(/^-\s*/, '');
              return (
                <li
                  key={i}
                  id={`paper-${i}`}
                  className={missing.includes(i) ? 'paper-missing' : undefined}
                  data-testid={`paper-${i}`}
                >
                  <div className="paper-head">
                    <span className="paper-name pre-line">
                      {i + 1}. {name}
                      {required && (
                        <span aria-hidden className="required-star">
                          {' '}
                          *
                        </span>
                      )}
                    </span>
                    <span className="muted">
                      {[
                        d.kind ? t(`pcat.kind.${d.kind}`) : null,
                        required ? t('citizen.submit.paperRequired') : t('citizen.submit.paperOptional'),
                      ]
                        .filter(Boolean)
                        .join(' · ')}
                    </span>
                  </div>
                  <FilePicker
                    files={files.get(i) ?? []}
                    onChange={(list) => setPaperFiles(i, list)}
                    label={t('citizen.submit.chooseFileFor', {
                      name: name.length > 80 ? `${name.slice(0, 80)}…` : name,
                    })}
                    disabled={busy || phase === 'uploadFailed'}
                  />
                  {missing.includes(i) && (
                    <div className="paper-error" role="alert">
                      {t('citizen.submit.missingPaper')}
                    </div>
                  )}
                </li>
              );
            })}
            <li data-testid="paper-other">
              <div className="paper-head">
                <span className="paper-name">{t('citizen.submit.otherFiles')}</span>
              </div>
              <FilePicker
                files={files.get(OTHER) ?? []}
                onChange={(list) => setPaperFiles(OTHER, list)}
                label={t('citizen.submit.chooseFileFor', { name: t('citizen.submit.otherFiles') })}
                disabled={busy || phase === 'uploadFailed'}
              />
            </li>
          </ol>
        </Section>
        <div aria-live="polite">
          {error && (
            <Alert
              type="error"
              showIcon
              role="alert"
              style={{ marginBottom: 16 }}
              data-testid="submit-error"
              title={error.title}
              description={
                error.details.length ? (
                  <ul style={{ margin: 0, paddingLeft: 18 }}>
                    {error.details.map((m, i) => (
                      <li key={i}>{m}</li>
                    ))}
                  </ul>
                ) : undefined
              }
            />
          )}
          {phase === 'sending' && <p>{t('citizen.submit.sending')}</p>}
        </div>
        {phase !== 'uploading' && phase !== 'uploadFailed' && (
          <Button
            type="primary"
            size="large"
            htmlType="submit"
            loading={phase === 'sending'}
            disabled={procedure.units.length === 0}
          >
            {t('citizen.submit.send')}
          </Button>
        )}
      </Form>
      {(phase === 'uploading' || phase === 'uploadFailed') && dossier && (
        <Section title={t('citizen.detail.files')} testId="upload-progress">
          <p aria-live="polite">
            {t('citizen.submit.uploading', {
              done: uploads.filter((u) => u.status === 'done').length,
              total: uploads.length,
            })}
          </p>
          <UploadList items={uploads} />
          {phase === 'uploadFailed' && (
            <>
              <Alert
                type="warning"
                showIcon
                role="alert"
                style={{ margin: '12px 0' }}
                title={t('citizen.submit.uploadFailed', { count: failed })}
              />
              <Space wrap>
                <Button type="primary" onClick={() => void runUploads(dossier, uploads)}>
                  {t('citizen.submit.retryUploads')}
                </Button>
                <Button onClick={() => setPhase('done')}>{t('citizen.submit.skipUploads')}</Button>
              </Space>
            </>
          )}
        </Section>
      )}
    </>
  );
}

function UploadList({ items }: { items: UploadItem[] }) {
  const t = useT();
  return (
    <ul className="upload-status" data-testid="upload-list">
      {items.map((u, i) => (
        <li key={i} data-status={u.status}>
          <span>{u.file.name}</span>
          <span>
            {u.status === 'done' ? (
              <>
                <CheckCircleOutlined aria-hidden style={{ color: '#237804' }} /> {t('citizen.submit.fileStatus.done')}
              </>
            ) : u.status === 'error' ? (
              <span className="paper-error">
                <CloseCircleOutlined aria-hidden /> {t('citizen.submit.fileStatus.error', { message: u.error ?? '' })}
              </span>
            ) : u.status === 'uploading' ? (
              <>
                <LoadingOutlined aria-hidden /> {t('citizen.submit.fileStatus.uploading', { percent: u.percent })}
              </>
            ) : (
              t('citizen.submit.fileStatus.pending')
            )}
          </span>
        </li>
      ))}
    </ul>
  );
}

function Confirmation({
  dossier,
  uploaded,
  procedure,
}: {
  dossier: MyDossier;
  uploaded: UploadItem[];
  procedure: ProcedureDetail;
}) {
  const t = useT();
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  const done = uploaded.filter((u) => u.status === 'done');
  return (
    <div data-testid="submit-done">
      <Result
        status="success"
        title={
          <h1 ref={heading} tabIndex={-1} className="page-title" style={{ fontSize: 24 }}>
            {t('citizen.done.title')}
          </h1>
        }
        subTitle={
          <>
            <p>
              {t('citizen.done.subtitle', {
                procedure: dossier.procedureName ?? procedure.name,
                unit: dossier.unitName,
                at: vnDateTime(dossier.submittedAt),
              })}
            </p>
            <p>{dossier.code ?? t('citizen.done.noCode')}</p>
            <p>{t('citizen.done.files', { count: done.length })}</p>
          </>
        }
        extra={
          <Space wrap>
            <Link to={`/dich-vu-cong/ho-so-cua-toi/${encodeURIComponent(dossier.id)}`} className="btn-link primary">
              {t('citizen.done.view')}
            </Link>
            <Link to="/dich-vu-cong/ho-so-cua-toi" className="btn-link">
              {t('citizen.done.mine')}
            </Link>
            <Link to="/dich-vu-cong/thu-tuc" className="btn-link">
              {t('citizen.done.another')}
            </Link>
          </Space>
        }
      />
      <Section title={t('citizen.done.nextTitle')} testId="next-steps">
        <ol className="next-steps">
          <li>{t('citizen.done.next1')}</li>
          <li>{t('citizen.done.next2')}</li>
          <li>{t('citizen.done.next3')}</li>
          <li>{t('citizen.done.next4')}</li>
        </ol>
      </Section>
    </div>
  );
}
