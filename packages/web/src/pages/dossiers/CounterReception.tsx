import { useEffect, useRef, useState } from 'react';
import { Link } from 'react-router-dom';
import { Alert, Button, Card, Checkbox, Descriptions, Form, Input, InputNumber, Radio, Result, Typography } from 'antd';
import type { RefSelectProps } from 'antd/es/select';
import { FolderOpenOutlined, PlusOutlined, PrinterOutlined } from '@ant-design/icons';
import { ApiError } from '../../api/client';
import { catalogApi, type ProcedureDetail } from '../../api/catalog';
import { fieldPath, problemMessage } from '../../api/problem';
import { dossiersApi, newIdempotencyKey, outcomeUnknown, type Dossier, type ReceptionInput } from '../../api/dossiers';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { formatNumber } from '../../format';
import { useT, type Translate } from '../../i18n';
import { Attachments } from './Attachments';
import { enterMovesOn, focusNext } from './keyboard';
import { opt } from './labels';
import { PapersChecklist, type ChecklistItem } from './PapersChecklist';
import { ProcedurePicker } from './ProcedurePicker';
import { TimeLeftTag } from './Tags';
import { parseDmy, vnDateTime, vnDueAt } from '../../vnTime';

interface Values {
  procedureCode?: string | null;
  channel: 'COUNTER' | 'POSTAL';
  waybillNumber?: string;
  applicant: {
    type: 'PERSON' | 'ORGANISATION';
    name?: string;
    phone?: string;
    idNumber?: string;
    birthDate?: string;
    address?: string;
    email?: string;
  };
  hasProxy?: boolean;
  proxy?: { name?: string; idNumber?: string; phone?: string; authorisationRef?: string; address?: string };
  summary?: string;
  setCount?: number;
}

const INITIAL: Values = { channel: 'COUNTER', applicant: { type: 'PERSON' }, setCount: 1, hasProxy: false };
const PHONE = /^\+?\d[\d .-]{6,18}\d$/;
const ID_NUMBER = /^\d{9,12}$/;

function timeText(p: ProcedureDetail, channel: 'direct' | 'postal', t: Translate): string {
  const m = p.methods.find((x) => x.channel === channel) ?? p.methods[0];
  if (!m) return '';
  if (m.time) {
    if (m.time.unit === 'same_day') return t('ca.timeUnit.same_day');
    return `${formatNumber(m.time.value)} ${t(`ca.timeUnit.${m.time.unit}`)}`;
  }
  return m.timeText ?? '';
}

function feeText(p: ProcedureDetail, channel: 'direct' | 'postal', t: Translate): string {
  const m = p.methods.find((x) => x.channel === channel) ?? p.methods[0];
  if (!m) return '';
  if (m.feeVnd === 0) return t('ds.rec.free');
  if (m.feeVnd != null) return `${formatNumber(m.feeVnd)} đ`;
  return m.feeText ?? '';
}

/**
 * Counter (or postal) reception, keyboard first: the procedure field has the focus, Enter moves to the next
 * field, Ctrl+Enter receives. Missing required papers come back from the server (DOSSIER_PAPERS_MISSING) and
 * are shown on the checklist.
 */
export function CounterReception() {
  const t = useT();
  const { unit } = useWorkingUnit();
  const [form] = Form.useForm<Values>();
  const containerRef = useRef<HTMLDivElement>(null);
  const pickerRef = useRef<RefSelectProps>(null);
  const keyRef = useRef<string | null>(null);
  /** A submission is on its way (the form stays enabled so the keyboard focus is never lost). */
  const sending = useRef(false);
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [procError, setProcError] = useState<string | null>(null);
  const [papers, setPapers] = useState<Record<number, boolean>>({});
  const [paperErrors, setPaperErrors] = useState<Record<number, string>>({});
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ title: string; details: string[] } | null>(null);
  const [done, setDone] = useState<Dossier | null>(null);
  const channel = Form.useWatch('channel', form) ?? 'COUNTER';
  const hasProxy = Form.useWatch('hasProxy', form);
  const newRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (done) newRef.current?.focus();
  }, [done]);

  // Enter (or a click) picked the procedure: on to the checklist (or the next field) once it is shown.
  const focusAfterLoad = useRef(false);
  useEffect(() => {
    if (!procedure || !focusAfterLoad.current) return;
    focusAfterLoad.current = false;
    const first = containerRef.current?.querySelector<HTMLInputElement>('input[data-paper-index]');
    if (first) first.focus();
    else if (containerRef.current) focusNext(containerRef.current, document.activeElement);
  }, [procedure]);

  const checklist: ChecklistItem[] = (procedure?.documents ?? []).map((d, index) => ({
    index,
    name: d.name,
    kind: d.kind,
    copies: d.copies ?? d.originals,
    required: d.group === null,
    group: d.group,
  }));

  const onProcedure = async (code: string | null) => {
    setProcedure(null);
    setPapers({});
    setPaperErrors({});
    setProcError(null);
    if (!code) return;
    try {
      const p = await catalogApi.get(code);
      focusAfterLoad.current = true;
      setProcedure(p);
    } catch (e) {
      setProcError(problemMessage(e, t));
    }
  };

  const reset = () => {
    form.resetFields();
    setProcedure(null);
    setPapers({});
    setPaperErrors({});
    setError(null);
    setDone(null);
    keyRef.current = null;
    setTimeout(() => pickerRef.current?.focus(), 0);
  };

  const showProblem = (e: unknown) => {
    const details: string[] = [];
    const pe: Record<number, string> = {};
    const onForm: { name: (string | number)[]; errors: string[] }[] = [];
    if (e instanceof ApiError)
      for (const err of e.problem.errors ?? []) {
        const path = fieldPath(err.field);
        if (path[0] === 'papers' && typeof path[1] === 'number') pe[path[1]] = err.message;
        else if (path[0] === 'applicant' && path[1] === 'proxy')
          onForm.push({ name: ['proxy', ...path.slice(2)], errors: [err.message] });
        else if (path[0] === 'applicant' && typeof path[1] === 'string')
          onForm.push({ name: path, errors: [err.message] });
        else if (path[0] === 'postal') onForm.push({ name: ['waybillNumber'], errors: [err.message] });
        else if (path[0] === 'procedureCode' || path[0] === 'summary' || path[0] === 'setCount')
          onForm.push({ name: [path[0]], errors: [err.message] });
        else details.push(err.message);
      }
    if (onForm.length) form.setFields(onForm as Parameters<typeof form.setFields>[0]);
    setPaperErrors(pe);
    const missing = Object.keys(pe).length;
    setError({ title: problemMessage(e, t), details: missing ? [] : details });
    if (missing) {
      const first = Math.min(...Object.keys(pe).map(Number));
      setTimeout(
        () => containerRef.current?.querySelector<HTMLInputElement>(`input[data-paper-index="${first}"]`)?.focus(),
        0,
      );
    }
  };

  const onFinish = async (v: Values) => {
    if (!unit || !v.procedureCode || sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    setPaperErrors({});
    const a = v.applicant;
    const body: ReceptionInput = {
      unitId: unit.id,
      procedureCode: v.procedureCode,
      channel: v.channel,
      applicant: {
        type: a.type,
        name: opt(a.name)!,
        phone: opt(a.phone),
        idNumber: opt(a.idNumber),
        birthDate: a.birthDate ? parseDmy(a.birthDate) : undefined,
        address: opt(a.address),
        email: opt(a.email),
        ...(v.hasProxy && v.proxy
          ? {
              proxy: {
                name: opt(v.proxy.name)!,
                idNumber: opt(v.proxy.idNumber),
                phone: opt(v.proxy.phone),
                authorisationRef: opt(v.proxy.authorisationRef),
                address: opt(v.proxy.address),
              },
            }
          : {}),
      },
      summary: opt(v.summary),
      setCount: v.setCount ?? 1,
      papers: checklist.map((p) => ({ index: p.index, provided: !!papers[p.index] })),
      ...(v.channel === 'POSTAL' ? { postal: { waybillNumber: opt(v.waybillNumber)! } } : {}),
    };
    try {
      keyRef.current ??= newIdempotencyKey();
      const d = await dossiersApi.receive(body, keyRef.current);
      keyRef.current = null;
      setDone(d);
    } catch (e) {
      if (!outcomeUnknown(e)) keyRef.current = null;
      showProblem(e);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const submit = () => form.submit();

  if (!unit) return <Alert type="warning" showIcon title={t('ds.noUnit')} />;

  if (done)
    return (
      <Card className="ds-section">
        <Result
          status="success"
          title={t('ds.rec.doneTitle')}
          subTitle={
            <span role="status">
              {t('ds.rec.doneCode')}{' '}
              <span className="ds-big-code" data-testid="dossier-code">
                {done.code}
              </span>
            </span>
          }
          extra={[
            <Button
              key="print"
              type="primary"
              icon={<PrinterOutlined aria-hidden />}
              href={dossiersApi.formUrl(done.id, 'receipt-slip', 'pdf')}
              target="_blank"
              rel="noopener noreferrer"
            >
              {t('ds.rec.printReceipt')}
            </Button>,
            <Link key="open" to={`/ho-so/${done.id}`}>
              <Button icon={<FolderOpenOutlined aria-hidden />}>{t('ds.rec.openDossier')}</Button>
            </Link>,
            <Button key="new" ref={newRef} icon={<PlusOutlined aria-hidden />} onClick={reset}>
              {t('ds.rec.new')}
            </Button>,
          ]}
        />
        <Descriptions
          bordered
          size="small"
          column={{ xs: 1, md: 2 }}
          items={[
            { key: 'proc', label: t('ds.procedure'), children: `${done.procedureCode} — ${done.procedureName ?? ''}` },
            { key: 'applicant', label: t('ds.applicant'), children: done.applicant.name },
            { key: 'received', label: t('ds.receivedAt'), children: vnDateTime(done.receivedAt) },
            {
              key: 'due',
              label: t('ds.appointment'),
              children: <strong data-testid="appointment">{vnDueAt(done.dueAt)}</strong>,
            },
            { key: 'left', label: t('ds.timeLeft'), children: <TimeLeftTag hours={done.workingHoursLeft} /> },
            { key: 'channel', label: t('ds.channel'), children: t(`ds.channel.${done.channel}`) },
          ]}
        />
        <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
          {t('ds.rec.scans')}
        </Typography.Title>
        <Typography.Paragraph type="secondary">{t('ds.rec.scansHelp')}</Typography.Paragraph>
        <Attachments
          dossierId={done.id}
          papers={done.papers.filter((p) => p.provided)}
          canUpload
          defaultPurpose="COMPONENT"
          purposes={done.channel === 'POSTAL' ? ['COMPONENT', 'POSTAL_RECEIPT', 'OTHER'] : ['COMPONENT', 'OTHER']}
          compact
        />
      </Card>
    );

  const req = (field: string) => ({ required: true, whitespace: true, message: t('error.required', { field }) });
  const channelCode = channel === 'POSTAL' ? 'postal' : 'direct';
  const postalOffered = !procedure || procedure.channels.includes('postal');

  return (
    <div ref={containerRef} className="ds-reception" onKeyDownCapture={enterMovesOn(submit)}>
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error.title}
          description={
            error.details.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {error.details.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <Form<Values>
        form={form}
        layout="vertical"
        name="counter-reception"
        initialValues={INITIAL}
        onFinish={onFinish}
        scrollToFirstError={{ focus: true }}
      >
        <Form.Item
          label={t('ds.rec.procedure')}
          name="procedureCode"
          rules={[{ required: true, message: t('error.required', { field: t('ds.rec.procedure') }) }]}
          extra={t('ds.rec.procedureHelp')}
        >
          <ProcedurePicker ref={pickerRef} unitId={unit.id} autoFocus onChange={(code) => void onProcedure(code)} />
        </Form.Item>
        {procError && <Alert type="error" showIcon title={procError} style={{ marginBottom: 12 }} />}
        {procedure && (
          <Typography.Paragraph type="secondary" data-testid="procedure-facts">
            {t('ds.rec.procedureFacts', {
              time: timeText(procedure, channelCode, t) || '—',
              fee: feeText(procedure, channelCode, t) || '—',
            })}
          </Typography.Paragraph>
        )}
        <div className="ds-grid">
          <Form.Item label={t('ds.channel')} name="channel">
            <Radio.Group
              name="reception-channel"
              options={[
                { value: 'COUNTER', label: t('ds.channel.COUNTER') },
                { value: 'POSTAL', label: t('ds.channel.POSTAL'), disabled: !postalOffered },
              ]}
            />
          </Form.Item>
          {channel === 'POSTAL' && (
            <Form.Item label={t('ds.rec.waybill')} name="waybillNumber" rules={[req(t('ds.rec.waybill'))]}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
          )}
        </div>

        {procedure && (
          <PapersChecklist
            items={checklist}
            value={papers}
            onChange={(next) => {
              setPapers(next);
              setPaperErrors({});
            }}
            errors={paperErrors}
          />
        )}

        <fieldset className="ds-papers">
          <legend>{t('ds.rec.applicant')}</legend>
          <Form.Item label={t('ds.rec.applicantType')} name={['applicant', 'type']}>
            <Radio.Group
              name="applicant-type"
              options={[
                { value: 'PERSON', label: t('ds.rec.person') },
                { value: 'ORGANISATION', label: t('ds.rec.organisation') },
              ]}
            />
          </Form.Item>
          <div className="ds-grid">
            <Form.Item label={t('ds.rec.name')} name={['applicant', 'name']} rules={[req(t('ds.rec.name'))]}>
              <Input maxLength={300} autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('ds.rec.phone')}
              name={['applicant', 'phone']}
              rules={[{ pattern: PHONE, message: t('ds.rec.phoneInvalid') }]}
            >
              <Input maxLength={20} inputMode="tel" autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('ds.rec.idNumber')}
              name={['applicant', 'idNumber']}
              rules={[{ pattern: ID_NUMBER, message: t('ds.rec.idInvalid') }]}
            >
              <Input maxLength={12} inputMode="numeric" autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('ds.rec.birthDate')}
              name={['applicant', 'birthDate']}
              rules={[
                {
                  validator: (_, v?: string) =>
                    !v || parseDmy(v) ? Promise.resolve() : Promise.reject(new Error(t('ds.rec.dateInvalid'))),
                },
              ]}
            >
              <Input maxLength={10} placeholder="dd/mm/yyyy" inputMode="numeric" autoComplete="off" />
            </Form.Item>
            <Form.Item
              label={t('ds.rec.email')}
              name={['applicant', 'email']}
              rules={[{ type: 'email', message: t('error.email') }]}
            >
              <Input maxLength={200} inputMode="email" autoComplete="off" />
            </Form.Item>
          </div>
          <Form.Item label={t('ds.rec.address')} name={['applicant', 'address']}>
            <Input maxLength={500} autoComplete="off" />
          </Form.Item>
          <Form.Item name="hasProxy" valuePropName="checked" style={{ marginBottom: 8 }}>
            <Checkbox>{t('ds.rec.hasProxy')}</Checkbox>
          </Form.Item>
          {hasProxy && (
            <div className="ds-grid">
              <Form.Item label={t('ds.rec.proxyName')} name={['proxy', 'name']} rules={[req(t('ds.rec.proxyName'))]}>
                <Input maxLength={300} autoComplete="off" />
              </Form.Item>
              <Form.Item
                label={t('ds.rec.proxyId')}
                name={['proxy', 'idNumber']}
                rules={[{ pattern: ID_NUMBER, message: t('ds.rec.idInvalid') }]}
              >
                <Input maxLength={12} inputMode="numeric" autoComplete="off" />
              </Form.Item>
              <Form.Item
                label={t('ds.rec.proxyPhone')}
                name={['proxy', 'phone']}
                rules={[{ pattern: PHONE, message: t('ds.rec.phoneInvalid') }]}
              >
                <Input maxLength={20} inputMode="tel" autoComplete="off" />
              </Form.Item>
              <Form.Item label={t('ds.rec.authorisationRef')} name={['proxy', 'authorisationRef']}>
                <Input maxLength={200} autoComplete="off" placeholder={t('ds.f.authorisationRefPlaceholder')} />
              </Form.Item>
            </div>
          )}
        </fieldset>

        <div className="ds-grid">
          <Form.Item label={t('ds.rec.summary')} name="summary" style={{ gridColumn: 'span 2' }}>
            <Input maxLength={2000} autoComplete="off" />
          </Form.Item>
          <Form.Item label={t('ds.rec.setCount')} name="setCount">
            <InputNumber min={1} max={100} style={{ width: 120 }} />
          </Form.Item>
        </div>
        <div style={{ display: 'flex', gap: 16, alignItems: 'center', flexWrap: 'wrap' }}>
          <Button type="primary" htmlType="submit" loading={busy} aria-keyshortcuts="Control+Enter">
            {t('ds.rec.submit')}
          </Button>
          <span className="ds-shortcut">
            <kbd className="ds-kbd">Enter</kbd> {t('ds.rec.keyNext')} · <kbd className="ds-kbd">Ctrl</kbd>+
            <kbd className="ds-kbd">Enter</kbd> {t('ds.rec.keySubmit')}
          </span>
        </div>
      </Form>
    </div>
  );
}
