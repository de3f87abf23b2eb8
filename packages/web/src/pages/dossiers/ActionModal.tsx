import { useEffect, useMemo, useRef, useState } from 'react';
import {
  Alert,
  App,
  Button,
  Checkbox,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Radio,
  Select,
  Typography,
} from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import type { Dayjs } from 'dayjs';
import { ApiError } from '../../api/client';
import { catalogApi } from '../../api/catalog';
import { calendarApi, type CalendarYear } from '../../api/calendar';
import { fieldPath, problemMessage } from '../../api/problem';
import {
  dossiersApi,
  isVersionConflict,
  newIdempotencyKey,
  outcomeUnknown,
  type ActionAnswer,
  type Assignee,
  type Dossier,
  type DossierActionType,
} from '../../api/dossiers';
import { useAuth } from '../../auth/AuthContext';
import { UnitSelect } from '../../components/UnitSelect';
import { DATE_FORMAT, formatNumber, toIsoDate } from '../../format';
import { useT, type MessageKey, type Translate } from '../../i18n';
import { ACTION_ORDER, DANGER_ACTIONS, actionLabel, lines, openStep, opt } from './labels';
import { PapersChecklist, type ChecklistItem } from './PapersChecklist';
import { vnDateTime, vnDueAt, vnToday } from '../../vnTime';

/** Form values of every action form (one form per modal; only the fields of its type are used). */
type Values = Record<string, unknown> & {
  note?: string;
  reason?: string;
  items?: string;
  reasons?: string;
  stepId?: string;
  stepName?: string;
  assigneeUserId?: string;
  budgetHours?: number | null;
  toStepId?: string;
  suggestedBody?: string;
  feeLines?: { name?: string; amount?: number | null }[];
  financialObligation?: boolean;
  channel?: string;
  receiptUrl?: string;
  newDueDate?: Dayjs;
  signerName?: string;
  letterNumber?: string;
  coordinatingBodyId?: string | null;
  subDossierId?: string;
  result?: string;
  outcome?: 'APPROVED' | 'REFUSED';
  resultNumber?: string;
  signingCapacity?: string;
  refusalReason?: string;
  method?: 'COUNTER' | 'POSTAL' | 'ONLINE';
  recipient?: { type?: 'APPLICANT' | 'PROXY'; name?: string; idNumber?: string; authorisationRef?: string };
  waybillNumber?: string;
  legalGround?: string;
  stopNoticeNumber?: string;
  toUnitId?: string | null;
  digitized?: number[];
  accountVerifiedWithVNeID?: boolean;
};

const ROLE_KEYS = new Set(['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER']);
const roleText = (t: Translate, role: string | null) =>
  role && ROLE_KEYS.has(role) ? t(`role.${role}` as MessageKey) : (role ?? '');

/** The step of the internal process an assignment most likely targets. */
export function defaultStepId(d: Dossier): string | undefined {
  const steps = d.process?.steps ?? [];
  if (steps.length === 0) return undefined;
  const done = d.record.steps ?? [];
  if (done.length === 0) return (steps.find((s) => s.role !== 'COUNTER_OFFICER') ?? steps[0])!.stepId;
  const last = done[done.length - 1]!;
  const idx = steps.findIndex((s) => s.stepId === last.stepId);
  if (idx < 0) return steps[0]!.stepId;
  if (last.endedAt === null) return last.stepId;
  if (d.state === 'SENT_BACK') return steps[Math.max(0, idx - 1)]!.stepId;
  return (steps[idx + 1] ?? steps[idx])!.stepId;
}

function isWorkingDate(date: Dayjs, years: Map<number, CalendarYear>): boolean {
  const iso = toIsoDate(date);
  const y = years.get(date.year());
  if (y?.addedWorkingDays.some((x) => x.date === iso)) return true;
  if (y?.nonWorkingDays.some((x) => x.date === iso)) return false;
  const wd = date.day(); // 0 Sunday … 6 Saturday
  return wd !== 0 && wd !== 6;
}

export interface ActionModalProps {
  dossier: Dossier | null;
  type: DossierActionType | null;
  onClose: () => void;
  /**
   * The server's answer to the action: the dossier after it, or only its new version and state when the viewer
   * no longer sees the dossier (a coordinating body that returned its result).
   */
  onDone: (updated: ActionAnswer, type: DossierActionType) => void;
  /** Someone else acted first (409 DOSSIER_VERSION_CONFLICT): the caller reloads. */
  onConflict: () => void;
  /** Assignees already loaded by the page (GET /dossiers/:id/assignees). */
  assignees?: Assignee[];
}

/** One small form per action type of the state table, sent with If-Match and a fresh Idempotency-Key. */
export function ActionModal({ dossier, type, onClose, onDone, onConflict, assignees }: ActionModalProps) {
  const t = useT();
  const { message } = App.useApp();
  const { user, hasRole } = useAuth();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [extraErrors, setExtraErrors] = useState<string[]>([]);
  const [people, setPeople] = useState<Assignee[]>(assignees ?? []);
  const [papers, setPapers] = useState<Record<number, boolean>>({});
  const [paperErrors, setPaperErrors] = useState<Record<number, string>>({});
  const [required, setRequired] = useState<Set<number>>(new Set());
  const [resultFile, setResultFile] = useState<File | null>(null);
  const [years, setYears] = useState<Map<number, CalendarYear>>(new Map());
  const keyRef = useRef<string | null>(null);
  const sending = useRef(false);
  const uploadedRef = useRef<{ file: File; id: string } | null>(null);
  const open = !!dossier && !!type;

  useEffect(() => {
    if (assignees) setPeople(assignees);
  }, [assignees]);

  // Reset per opening, with the defaults of the type.
  useEffect(() => {
    if (!dossier || !type) return;
    keyRef.current = null;
    uploadedRef.current = null;
    setError(null);
    setExtraErrors([]);
    setPaperErrors({});
    setResultFile(null);
    form.resetFields();
    const signer = hasRole('UNIT_LEADER') ? user?.fullName : undefined;
    const defaults: Values = {
      stepId: defaultStepId(dossier),
      outcome: 'APPROVED',
      signerName: signer,
      channel: type === 'CONFIRM_PAYMENT' ? 'OFFLINE' : 'COUNTER',
      method: dossier.channel === 'POSTAL' ? 'POSTAL' : 'COUNTER',
      recipient: { type: 'APPLICANT', name: dossier.applicant.name, idNumber: dossier.applicant.idNumber ?? undefined },
      feeLines: [{ name: '', amount: null }],
      subDossierId:
        type === 'SEND_TO_COORDINATING_BODY'
          ? newIdempotencyKey()
          : type === 'RECEIVE_COORDINATION_RESULT'
            ? onlyOpenSubDossier(dossier)
            : undefined,
      digitized: [],
    };
    form.setFieldsValue(defaults);
    setPapers(Object.fromEntries(dossier.papers.map((p) => [p.index, p.provided])));
  }, [dossier, type, form, hasRole, user]);

  // Assignees for ASSIGN (when the page did not pass them).
  useEffect(() => {
    if (!open || type !== 'ASSIGN' || assignees) return;
    dossiersApi.assignees(dossier.id).then(
      (r) => setPeople(r.items),
      () => setPeople(user ? [{ userId: user.id, name: user.fullName, roles: user.grants.map((g) => g.role) }] : []),
    );
  }, [open, type, dossier, assignees, user]);

  // Required papers for RECEIVE: the procedure's documents outside any alternative group.
  useEffect(() => {
    if (!open || type !== 'RECEIVE') return;
    setRequired(new Set());
    catalogApi.get(dossier.procedureCode).then(
      (p) =>
        setRequired(
          new Set(
            p.documents
              .map((doc, i) => ({ doc, i }))
              .filter(({ doc, i }) => doc.group === null && dossier.papers[i]?.name === doc.name)
              .map(({ i }) => i),
          ),
        ),
      () => undefined,
    );
  }, [open, type, dossier]);

  // The unit's working calendar for the new appointment date.
  useEffect(() => {
    if (!open || type !== 'APOLOGIZE_AND_RESCHEDULE') return;
    const y = Number(vnToday().slice(0, 4));
    Promise.all([calendarApi.year(y, dossier.unitId), calendarApi.year(y + 1, dossier.unitId)]).then(
      (ys) => setYears(new Map(ys.map((c) => [c.year, c]))),
      () => undefined,
    );
  }, [open, type, dossier]);

  const stepOptions = useMemo(
    () =>
      (dossier?.process?.steps ?? []).map((s, i) => ({
        value: s.stepId,
        label: `${formatNumber(i + 1)}. ${s.name}${s.role ? ` — ${roleText(t, s.role)}` : ''} (${t('ds.hours', {
          n: formatNumber(s.hours),
        })})`,
      })),
    [dossier, t],
  );

  const stepId = Form.useWatch('stepId', form);
  const outcome = Form.useWatch('outcome', form);
  const method = Form.useWatch('method', form);
  const recipientType = Form.useWatch(['recipient', 'type'], form);

  const stepRole = dossier?.process?.steps.find((s) => s.stepId === stepId)?.role ?? null;
  const peopleOptions = useMemo(() => {
    const sorted = [...people].sort(
      (a, b) => Number(b.roles.includes(stepRole ?? '')) - Number(a.roles.includes(stepRole ?? '')),
    );
    return sorted.map((p) => ({
      value: p.userId,
      label: `${p.name} — ${p.roles.map((r) => roleText(t, r)).join(', ')}${p.userId === user?.id ? ` (${t('ds.me')})` : ''}`,
    }));
  }, [people, stepRole, t, user]);

  // Pre-select a person holding the step's role (unless the chosen one already holds it).
  useEffect(() => {
    if (type !== 'ASSIGN' || !open) return;
    const chosen = people.find((p) => p.userId === form.getFieldValue('assigneeUserId'));
    if (chosen && (!stepRole || chosen.roles.includes(stepRole))) return;
    const pick = people.find((p) => stepRole && p.roles.includes(stepRole));
    if (pick) form.setFieldValue('assigneeUserId', pick.userId);
  }, [type, open, people, stepRole, form]);

  if (!dossier || !type) return <Modal open={false} />;

  const req = (field: string) => ({ required: true, whitespace: true, message: t('error.required', { field }) });
  const label = t(actionLabel(type));
  const hasProcess = (dossier.process?.steps.length ?? 0) > 0;
  const current = openStep(dossier);

  async function payloadOf(v: Values): Promise<Record<string, unknown>> {
    const d = dossier!;
    switch (type) {
      case 'ASSIGN': {
        if (hasProcess) return { stepId: v.stepId, assigneeUserId: v.assigneeUserId };
        const n = (d.record.steps?.length ?? 0) + (d.state === 'ASSIGNED' ? 0 : 1);
        return {
          stepId: d.state === 'ASSIGNED' && current ? current.stepId : `step-${n}`,
          stepName: opt(v.stepName),
          assigneeUserId: v.assigneeUserId,
          ...(v.budgetHours ? { budget: { value: v.budgetHours, unit: 'WORKING_HOURS' } } : {}),
        };
      }
      case 'HAND_OFF':
      case 'SUBMIT_SUPPLEMENT':
      case 'CLOSE_UNSUPPLEMENTED':
        return { note: opt(v.note) };
      case 'REJECT_SUPPLEMENT':
        return { note: opt(v.note) };
      case 'SEND_BACK':
        return { reason: opt(v.reason), toStepId: v.toStepId || undefined };
      case 'REQUEST_SUPPLEMENT':
      case 'GUIDE_TO_COMPLETE':
        return { items: lines(v.items), reason: opt(v.reason) };
      case 'REFUSE_RECEPTION':
        return { reasons: lines(v.reasons) };
      case 'GUIDE_TO_OTHER_BODY':
        return { reason: opt(v.reason), suggestedBody: opt(v.suggestedBody) };
      case 'CANCEL':
        return { reason: opt(v.reason) };
      case 'REQUEST_PAYMENT':
        return {
          feeLines: (v.feeLines ?? [])
            .filter((f) => opt(f.name))
            .map((f) => ({ name: opt(f.name), amount: Math.round(f.amount ?? 0) })),
          financialObligation: !!v.financialObligation,
        };
      case 'CONFIRM_PAYMENT':
        return { channel: v.channel, receiptUrl: opt(v.receiptUrl) };
      case 'APOLOGIZE_AND_RESCHEDULE':
        return {
          reason: opt(v.reason),
          newDueDate: v.newDueDate ? toIsoDate(v.newDueDate) : undefined,
          signerName: opt(v.signerName),
          letterNumber: opt(v.letterNumber),
        };
      case 'SEND_TO_COORDINATING_BODY':
        return {
          subDossierId: v.subDossierId,
          coordinatingBodyId: v.coordinatingBodyId,
          ...(v.budgetHours ? { budget: { value: v.budgetHours, unit: 'WORKING_HOURS' } } : {}),
        };
      case 'RECEIVE_COORDINATION_RESULT':
        return { subDossierId: v.subDossierId, result: opt(v.result) };
      case 'RESOLVE': {
        if (v.outcome === 'REFUSED') return { outcome: 'REFUSED', refusalReason: opt(v.refusalReason) };
        let resultAttachmentId: string | undefined;
        if (resultFile) {
          if (uploadedRef.current?.file === resultFile) resultAttachmentId = uploadedRef.current.id;
          else {
            const a = await dossiersApi.upload(d.id, resultFile, { purpose: 'RESULT', label: resultFile.name });
            uploadedRef.current = { file: resultFile, id: a.id };
            resultAttachmentId = a.id;
          }
        }
        return {
          outcome: 'APPROVED',
          resultNumber: opt(v.resultNumber),
          signerName: opt(v.signerName),
          signingCapacity: opt(v.signingCapacity),
          ...(resultAttachmentId ? { resultAttachmentId } : {}),
        };
      }
      case 'DELIVER': {
        const r = v.recipient ?? {};
        return {
          method: v.method,
          recipient: {
            type: r.type ?? 'APPLICANT',
            name: opt(r.name),
            idNumber: opt(r.idNumber),
            authorisationRef: r.type === 'PROXY' ? opt(r.authorisationRef) : undefined,
          },
          waybillNumber: v.method === 'POSTAL' ? opt(v.waybillNumber) : undefined,
        };
      }
      case 'REQUEST_WITHDRAWAL':
        return { reason: opt(v.reason), channel: v.channel };
      case 'STOP':
        return { reason: opt(v.reason), legalGround: opt(v.legalGround), stopNoticeNumber: opt(v.stopNoticeNumber) };
      case 'TRANSFER':
        return { toUnitId: v.toUnitId };
      case 'RECORD_DIGITIZATION':
        return {
          components: d.papers.map((p) => ({
            code: String(p.index),
            digitized: (v.digitized ?? []).includes(p.index),
          })),
          accountVerifiedWithVNeID: !!v.accountVerifiedWithVNeID,
        };
      case 'RECEIVE':
        return { papers: d.papers.map((p) => ({ index: p.index, provided: !!papers[p.index] })) };
      case 'SUBMIT':
        return { channel: d.channel };
      default:
        return {};
    }
  }

  /** Server field errors (payload.x, body.papers.N) onto the form; the rest is listed under the message. */
  function showFieldErrors(e: unknown) {
    if (!(e instanceof ApiError) || !e.problem.errors?.length) return;
    const onForm: { name: (string | number)[]; errors: string[] }[] = [];
    const pe: Record<number, string> = {};
    const rest: string[] = [];
    const known = new Set(Object.keys(form.getFieldsValue(true) as object));
    for (const err of e.problem.errors) {
      let path = fieldPath(err.field);
      if (path[0] === 'payload') path = path.slice(1);
      if (path[0] === 'papers' && typeof path[1] === 'number') {
        pe[path[1]] = err.message;
        continue;
      }
      if (path[0] === 'items' || path[0] === 'reasons' || path[0] === 'feeLines') path = [path[0]];
      if (path[0] === 'newDueAt') path = ['newDueDate'];
      if (path[0] === 'resultAttachmentId' || path[0] === 'fileUrl') {
        rest.push(err.message);
        continue;
      }
      if (typeof path[0] === 'string' && known.has(path[0])) onForm.push({ name: path, errors: [err.message] });
      else rest.push(err.message);
    }
    if (onForm.length) form.setFields(onForm);
    setPaperErrors(pe);
    setExtraErrors(rest);
  }

  const onFinish = async (v: Values) => {
    if (sending.current) return;
    sending.current = true;
    setBusy(true);
    setError(null);
    setExtraErrors([]);
    setPaperErrors({});
    try {
      const payload = await payloadOf(v);
      keyRef.current ??= newIdempotencyKey();
      const updated = await dossiersApi.act(dossier.id, dossier.version, type, payload, keyRef.current);
      keyRef.current = null;
      message.success(t('ds.actionDone', { action: label }));
      onDone(updated, type);
    } catch (e) {
      if (!outcomeUnknown(e)) keyRef.current = null;
      if (isVersionConflict(e)) {
        message.warning(t('ds.conflict'));
        onConflict();
        return;
      }
      setError(problemMessage(e, t));
      showFieldErrors(e);
    } finally {
      sending.current = false;
      setBusy(false);
    }
  };

  const checklist: ChecklistItem[] = dossier.papers.map((p) => ({
    index: p.index,
    name: p.name,
    kind: p.kind,
    copies: p.copies,
    required: required.has(p.index),
  }));

  const openSubDossiers = openSubDossiersOf(dossier);
  const dueDate = dossier.dueAt ? dossier.dueAt.slice(0, 10) : null;

  const fields = (() => {
    switch (type) {
      case 'ASSIGN':
        return (
          <>
            {hasProcess ? (
              <Form.Item label={t('ds.f.step')} name="stepId" rules={[req(t('ds.f.step'))]}>
                <Select options={stepOptions} />
              </Form.Item>
            ) : (
              <>
                <Typography.Paragraph type="secondary">{t('ds.f.noProcess')}</Typography.Paragraph>
                <Form.Item label={t('ds.f.stepName')} name="stepName" rules={[req(t('ds.f.stepName'))]}>
                  <Input autoFocus maxLength={500} placeholder={t('ds.f.stepNamePlaceholder')} />
                </Form.Item>
                <Form.Item label={t('ds.f.budgetHours')} name="budgetHours">
                  <InputNumber min={0.5} max={10000} step={0.5} style={{ width: 160 }} />
                </Form.Item>
              </>
            )}
            <Form.Item label={t('ds.f.assignee')} name="assigneeUserId" rules={[req(t('ds.f.assignee'))]}>
              <Select
                showSearch={{ optionFilterProp: 'label' }}
                options={peopleOptions}
                placeholder={t('ds.f.assigneePlaceholder')}
              />
            </Form.Item>
          </>
        );
      case 'START_STEP':
        return (
          <Typography.Paragraph>
            {t('ds.f.startConfirm', { step: current?.name ?? current?.stepId ?? '' })}
          </Typography.Paragraph>
        );
      case 'ACCEPT_SUPPLEMENT':
        return <Typography.Paragraph>{t('ds.f.acceptSupplementConfirm')}</Typography.Paragraph>;
      case 'HAND_OFF':
      case 'SUBMIT_SUPPLEMENT':
      case 'CLOSE_UNSUPPLEMENTED':
        return (
          <>
            {type === 'SUBMIT_SUPPLEMENT' && (
              <Typography.Paragraph type="secondary">{t('ds.f.submitSupplementHelp')}</Typography.Paragraph>
            )}
            <Form.Item label={t('ds.f.note')} name="note">
              <Input.TextArea autoFocus rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'REJECT_SUPPLEMENT':
        return (
          <Form.Item label={t('ds.f.rejectNote')} name="note" rules={[req(t('ds.f.rejectNote'))]}>
            <Input.TextArea autoFocus rows={3} maxLength={2000} />
          </Form.Item>
        );
      case 'SEND_BACK': {
        const idx = dossier.process?.steps.findIndex((s) => s.stepId === current?.stepId) ?? -1;
        const earlier = idx > 0 ? stepOptions.slice(0, idx) : stepOptions;
        return (
          <>
            <Form.Item label={t('ds.f.reason')} name="reason" rules={[req(t('ds.f.reason'))]}>
              <Input.TextArea autoFocus rows={3} maxLength={2000} />
            </Form.Item>
            {earlier.length > 0 && (
              <Form.Item label={t('ds.f.toStep')} name="toStepId">
                <Select allowClear options={earlier} placeholder={t('ds.f.toStepPlaceholder')} />
              </Form.Item>
            )}
          </>
        );
      }
      case 'REQUEST_SUPPLEMENT':
      case 'GUIDE_TO_COMPLETE':
        return (
          <>
            <Form.Item label={t('ds.f.items')} name="items" extra={t('ds.f.onePerLine')} rules={[req(t('ds.f.items'))]}>
              <Input.TextArea autoFocus rows={4} placeholder={t('ds.f.itemsPlaceholder')} />
            </Form.Item>
            <Form.Item label={t('ds.f.reason')} name="reason" rules={[req(t('ds.f.reason'))]}>
              <Input.TextArea rows={2} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'REFUSE_RECEPTION':
        return (
          <Form.Item
            label={t('ds.f.reasons')}
            name="reasons"
            extra={t('ds.f.onePerLine')}
            rules={[req(t('ds.f.reasons'))]}
          >
            <Input.TextArea autoFocus rows={4} />
          </Form.Item>
        );
      case 'GUIDE_TO_OTHER_BODY':
        return (
          <>
            <Form.Item label={t('ds.f.reason')} name="reason" rules={[req(t('ds.f.reason'))]}>
              <Input.TextArea autoFocus rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item label={t('ds.f.suggestedBody')} name="suggestedBody">
              <Input maxLength={500} />
            </Form.Item>
          </>
        );
      case 'CANCEL':
      case 'REQUEST_WITHDRAWAL':
        return (
          <>
            <Form.Item label={t('ds.f.reason')} name="reason">
              <Input.TextArea autoFocus rows={3} maxLength={2000} />
            </Form.Item>
            {type === 'REQUEST_WITHDRAWAL' && (
              <Form.Item label={t('ds.f.requestChannel')} name="channel">
                <Radio.Group
                  name="withdrawal-channel"
                  options={(['COUNTER', 'POSTAL', 'ONLINE'] as const).map((c) => ({
                    value: c,
                    label: t(`ds.channel.${c}`),
                  }))}
                />
              </Form.Item>
            )}
          </>
        );
      case 'REQUEST_PAYMENT':
        return (
          <>
            <Form.List name="feeLines">
              {(rows, { add, remove }) => (
                <fieldset className="ds-papers">
                  <legend>{t('ds.f.feeLines')}</legend>
                  {rows.map((row, i) => (
                    <div key={row.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                      <Form.Item
                        name={[row.name, 'name']}
                        label={t('ds.f.feeName', { n: i + 1 })}
                        style={{ flex: 1 }}
                        rules={[req(t('ds.f.feeName', { n: i + 1 }))]}
                      >
                        <Input autoFocus={i === 0} maxLength={500} />
                      </Form.Item>
                      <Form.Item
                        name={[row.name, 'amount']}
                        label={t('ds.f.feeAmount', { n: i + 1 })}
                        rules={[{ required: true, message: t('error.required', { field: t('ds.f.amount') }) }]}
                      >
                        <InputNumber<number>
                          min={0}
                          step={1000}
                          style={{ width: 160 }}
                          formatter={(x) =>
                            x === undefined || x === null || x === ('' as never) ? '' : formatNumber(Number(x))
                          }
                          parser={(x) => Number((x ?? '').replace(/\D/g, '') || 0)}
                          suffix="đ"
                        />
                      </Form.Item>
                      {rows.length > 1 && (
                        <Button
                          type="text"
                          icon={<MinusCircleOutlined aria-hidden />}
                          aria-label={t('ds.f.removeFee', { n: i + 1 })}
                          onClick={() => remove(row.name)}
                          style={{ marginTop: 30 }}
                        />
                      )}
                    </div>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined aria-hidden />}
                    onClick={() => add({ name: '', amount: null })}
                    style={{ marginBottom: 8 }}
                  >
                    {t('ds.f.addFee')}
                  </Button>
                </fieldset>
              )}
            </Form.List>
            <Form.Item name="financialObligation" valuePropName="checked">
              <Checkbox>{t('ds.f.financialObligation')}</Checkbox>
            </Form.Item>
          </>
        );
      case 'CONFIRM_PAYMENT':
        return (
          <>
            <Form.Item label={t('ds.f.paymentChannel')} name="channel" rules={[req(t('ds.f.paymentChannel'))]}>
              <Radio.Group
                name="payment-channel"
                options={(['OFFLINE', 'ONLINE_NATIONAL_PORTAL', 'ONLINE_LOCAL_GATEWAY'] as const).map((c) => ({
                  value: c,
                  label: t(`ds.payChannel.${c}`),
                }))}
              />
            </Form.Item>
            <Form.Item
              label={t('ds.f.receiptUrl')}
              name="receiptUrl"
              rules={[{ type: 'url', message: t('ds.f.urlInvalid') }]}
            >
              <Input inputMode="url" placeholder="https://" />
            </Form.Item>
          </>
        );
      case 'APOLOGIZE_AND_RESCHEDULE':
        return (
          <>
            <Typography.Paragraph type="secondary">
              {t('ds.f.apologyHelp', { due: vnDueAt(dossier.dueAt) })}
            </Typography.Paragraph>
            <Form.Item label={t('ds.f.reason')} name="reason" rules={[req(t('ds.f.reason'))]}>
              <Input.TextArea autoFocus rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item
              label={t('ds.f.newDueDate')}
              name="newDueDate"
              extra={t('ds.f.newDueDateHelp')}
              rules={[{ required: true, message: t('error.required', { field: t('ds.f.newDueDate') }) }]}
            >
              <DatePicker
                format={DATE_FORMAT}
                disabledDate={(d) =>
                  (dueDate !== null && toIsoDate(d) <= dueDate) || toIsoDate(d) < vnToday() || !isWorkingDate(d, years)
                }
              />
            </Form.Item>
            <div className="ds-grid">
              <Form.Item label={t('ds.f.signerName')} name="signerName">
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item label={t('ds.f.letterNumber')} name="letterNumber">
                <Input maxLength={100} />
              </Form.Item>
            </div>
          </>
        );
      case 'SEND_TO_COORDINATING_BODY':
        return (
          <>
            <Form.Item
              label={t('ds.f.coordinatingBody')}
              name="coordinatingBodyId"
              rules={[{ required: true, message: t('error.required', { field: t('ds.f.coordinatingBody') }) }]}
            >
              <UnitSelect aria-label={t('ds.f.coordinatingBody')} excludeIds={[dossier.unitId]} />
            </Form.Item>
            <Form.Item label={t('ds.f.budgetHours')} name="budgetHours">
              <InputNumber min={0.5} max={10000} step={0.5} style={{ width: 160 }} />
            </Form.Item>
            <Form.Item name="subDossierId" hidden>
              <Input />
            </Form.Item>
          </>
        );
      case 'RECEIVE_COORDINATION_RESULT':
        return (
          <>
            <Form.Item label={t('ds.f.subDossier')} name="subDossierId" rules={[req(t('ds.f.subDossier'))]}>
              <Select
                options={openSubDossiers.map((s, i) => ({
                  value: s.id,
                  label: t('ds.f.subDossierOption', { n: i + 1, at: vnDateTime(s.sentAt) }),
                }))}
              />
            </Form.Item>
            <Form.Item label={t('ds.f.coordinationResult')} name="result" rules={[req(t('ds.f.coordinationResult'))]}>
              <Input.TextArea rows={3} maxLength={2000} />
            </Form.Item>
          </>
        );
      case 'RESOLVE':
        return (
          <>
            <Form.Item label={t('ds.f.outcome')} name="outcome">
              <Radio.Group
                name="resolve-outcome"
                options={[
                  { value: 'APPROVED', label: t('ds.outcome.APPROVED') },
                  { value: 'REFUSED', label: t('ds.outcome.REFUSED') },
                ]}
              />
            </Form.Item>
            {outcome === 'REFUSED' ? (
              <Form.Item label={t('ds.f.refusalReason')} name="refusalReason" rules={[req(t('ds.f.refusalReason'))]}>
                <Input.TextArea rows={3} maxLength={2000} />
              </Form.Item>
            ) : (
              <>
                <div className="ds-grid">
                  <Form.Item label={t('ds.f.resultNumber')} name="resultNumber" rules={[req(t('ds.f.resultNumber'))]}>
                    <Input autoFocus maxLength={100} placeholder={t('ds.f.resultNumberPlaceholder')} />
                  </Form.Item>
                  <Form.Item label={t('ds.f.signerName')} name="signerName" rules={[req(t('ds.f.signerName'))]}>
                    <Input maxLength={200} />
                  </Form.Item>
                  <Form.Item label={t('ds.f.signingCapacity')} name="signingCapacity">
                    <Input maxLength={100} placeholder={t('ds.f.signingCapacityPlaceholder')} />
                  </Form.Item>
                </div>
                <Form.Item label={t('ds.f.resultFile')} htmlFor="resolve-result-file" extra={t('ds.f.resultFileHelp')}>
                  <input
                    id="resolve-result-file"
                    type="file"
                    accept=".pdf,.jpg,.jpeg,.png,.tif,.tiff,.docx,.xlsx,.odt"
                    onChange={(e) => setResultFile(e.target.files?.[0] ?? null)}
                  />
                </Form.Item>
              </>
            )}
          </>
        );
      case 'DELIVER':
        return (
          <>
            <Form.Item label={t('ds.f.deliveryMethod')} name="method">
              <Radio.Group
                name="deliver-method"
                options={(['COUNTER', 'POSTAL', 'ONLINE'] as const).map((c) => ({
                  value: c,
                  label: t(`ds.delivery.${c}`),
                }))}
              />
            </Form.Item>
            {method === 'POSTAL' && (
              <Form.Item label={t('ds.f.waybill')} name="waybillNumber" rules={[req(t('ds.f.waybill'))]}>
                <Input maxLength={100} />
              </Form.Item>
            )}
            <Form.Item label={t('ds.f.recipientType')} name={['recipient', 'type']}>
              <Radio.Group
                name="deliver-recipient"
                onChange={(e) => {
                  const proxy = dossier.applicant.proxy;
                  if (e.target.value === 'PROXY')
                    form.setFieldValue('recipient', {
                      type: 'PROXY',
                      name: proxy?.name ?? '',
                      idNumber: proxy?.idNumber ?? undefined,
                      authorisationRef: proxy?.authorisationRef ?? undefined,
                    });
                  else
                    form.setFieldValue('recipient', {
                      type: 'APPLICANT',
                      name: dossier.applicant.name,
                      idNumber: dossier.applicant.idNumber ?? undefined,
                    });
                }}
                options={[
                  { value: 'APPLICANT', label: t('ds.recipient.APPLICANT') },
                  { value: 'PROXY', label: t('ds.recipient.PROXY') },
                ]}
              />
            </Form.Item>
            <div className="ds-grid">
              <Form.Item
                label={t('ds.f.recipientName')}
                name={['recipient', 'name']}
                rules={[req(t('ds.f.recipientName'))]}
              >
                <Input maxLength={200} />
              </Form.Item>
              <Form.Item label={t('ds.f.recipientId')} name={['recipient', 'idNumber']}>
                <Input maxLength={50} inputMode="numeric" />
              </Form.Item>
            </div>
            {recipientType === 'PROXY' && (
              <Form.Item
                label={t('ds.f.authorisationRef')}
                name={['recipient', 'authorisationRef']}
                rules={[req(t('ds.f.authorisationRef'))]}
              >
                <Input maxLength={200} placeholder={t('ds.f.authorisationRefPlaceholder')} />
              </Form.Item>
            )}
          </>
        );
      case 'STOP': {
        const afterWithdrawal = dossier.state === 'WITHDRAWAL_REQUESTED';
        return (
          <>
            <Form.Item label={t('ds.f.reason')} name="reason" rules={[req(t('ds.f.reason'))]}>
              <Input.TextArea autoFocus rows={3} maxLength={2000} />
            </Form.Item>
            <Form.Item
              label={t('ds.f.legalGround')}
              name="legalGround"
              rules={afterWithdrawal ? [] : [req(t('ds.f.legalGround'))]}
            >
              <Input maxLength={500} placeholder={t('ds.f.legalGroundPlaceholder')} />
            </Form.Item>
            <Form.Item label={t('ds.f.stopNoticeNumber')} name="stopNoticeNumber">
              <Input maxLength={100} />
            </Form.Item>
          </>
        );
      }
      case 'TRANSFER':
        return (
          <Form.Item
            label={t('ds.f.toUnit')}
            name="toUnitId"
            rules={[{ required: true, message: t('error.required', { field: t('ds.f.toUnit') }) }]}
          >
            <UnitSelect aria-label={t('ds.f.toUnit')} excludeIds={[dossier.unitId]} />
          </Form.Item>
        );
      case 'RECORD_DIGITIZATION':
        return (
          <>
            <Form.Item label={t('ds.f.digitized')} name="digitized">
              <Checkbox.Group
                style={{ display: 'flex', flexDirection: 'column', gap: 4 }}
                options={dossier.papers.map((p) => ({
                  value: p.index,
                  label: `${formatNumber(p.index + 1)}. ${p.name.length > 120 ? `${p.name.slice(0, 120)}…` : p.name}`,
                }))}
              />
            </Form.Item>
            <Form.Item name="accountVerifiedWithVNeID" valuePropName="checked">
              <Checkbox>{t('ds.f.vneid')}</Checkbox>
            </Form.Item>
          </>
        );
      case 'RECEIVE':
        return (
          <PapersChecklist
            items={checklist}
            value={papers}
            onChange={(next) => {
              setPapers(next);
              setPaperErrors({});
            }}
            errors={paperErrors}
          />
        );
      default:
        return <Typography.Paragraph>{t('ds.f.confirm', { action: label })}</Typography.Paragraph>;
    }
  })();

  return (
    <Modal
      open={open}
      title={`${label} — ${dossier.code ?? t('ds.noCode')}`}
      okText={label}
      okButtonProps={{ danger: DANGER_ACTIONS.has(type), 'aria-keyshortcuts': 'Control+Enter' } as never}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={type === 'RECEIVE' || type === 'RECORD_DIGITIZATION' ? 820 : 600}
    >
      {error && (
        <Alert
          type="error"
          showIcon
          role="alert"
          title={error}
          description={
            extraErrors.length ? (
              <ul style={{ margin: 0, paddingInlineStart: 18 }}>
                {extraErrors.map((m, i) => (
                  <li key={i}>{m}</li>
                ))}
              </ul>
            ) : undefined
          }
          style={{ marginBottom: 16 }}
        />
      )}
      <div
        onKeyDown={(e) => {
          if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
            e.preventDefault();
            form.submit();
          }
        }}
      >
        <Form<Values> form={form} layout="vertical" name={`dossier-action-${type}`} onFinish={onFinish} requiredMark>
          {fields}
        </Form>
      </div>
      {type === 'RECEIVE' && <div className="ds-shortcut">{t('ds.f.receiveHelp')}</div>}
      <div className="ds-shortcut" style={{ marginTop: 4 }}>
        {t('ds.f.shortcut')}
      </div>
    </Modal>
  );
}

/** The action types in display order, as allowed for the dossier. */
export function orderedActions(d: Dossier): DossierActionType[] {
  const allowed = new Set(d.allowedActions);
  return ACTION_ORDER.filter((a) => allowed.has(a));
}

const openSubDossiersOf = (dossier: Dossier) => (dossier.record.subDossiers ?? []).filter((s) => s.returnedAt === null);

/** A coordinating body usually has one part open: it is chosen for the officer. */
function onlyOpenSubDossier(dossier: Dossier): string | undefined {
  const open = openSubDossiersOf(dossier);
  return open.length === 1 ? open[0]!.id : undefined;
}
