import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  PLAN_TRANSITIONS,
  catalogApi,
  type PlanSide,
  type PlanStatus,
  type SimplificationPlan,
} from '../../../api/catalog';
import { useValuesOfVersion } from '../../../components/latestVersion';
import { UnitSelect } from '../../../components/UnitSelect';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useT } from '../../../i18n';
import { DATE_FORMAT, formatNumber, toIsoDate } from '../../../format';
import { textOrNull } from './labels';

/**
 * The form has no field for the plan's internal process: it is not sent, so an edit keeps the stored one (an
 * update sending null would cut the plan off its process, and out of the "processes cut" summary).
 */
interface Values {
  unitId: string;
  procedureCode: string;
  title: string;
  before: PlanSide;
  after: PlanSide;
  note?: string;
}
const FIELDS = ['unitId', 'procedureCode', 'title', 'before', 'after', 'note'];
const COST_KEYS = [
  'hours',
  'incomePerHour',
  'serviceFees',
  'fees',
  'otherCosts',
  'timesPerYear',
  'subjectsPerYear',
] as const;
const emptySide: PlanSide = {
  steps: null,
  hours: null,
  documents: null,
  feeVnd: null,
  cost: { hours: 0, incomePerHour: 0, serviceFees: 0, fees: 0, otherCosts: 0, timesPerYear: 1, subjectsPerYear: 0 },
};

function Side({ side, label }: { side: 'before' | 'after'; label: string }) {
  const t = useT();
  const num = (name: (string | number)[], l: string, step = 1) => (
    <Form.Item name={[side, ...name]} label={l}>
      <InputNumber min={0} step={step} style={{ width: '100%' }} />
    </Form.Item>
  );
  return (
    <fieldset style={{ border: '1px solid #e5e5e5', borderRadius: 6, padding: '8px 12px', minWidth: 0 }}>
      <legend style={{ fontWeight: 600, fontSize: 14, width: 'auto', border: 0, marginBottom: 0, padding: '0 4px' }}>
        {label}
      </legend>
      <div className="form-grid">
        {num(['steps'], t('plan.steps'))}
        {num(['hours'], t('plan.hours'))}
        {num(['documents'], t('plan.documents'))}
        {num(['feeVnd'], t('plan.feeVnd'), 1000)}
      </div>
      <Typography.Text strong>{t('plan.cost')}</Typography.Text>
      <div className="form-grid">
        {COST_KEYS.map((k) => (
          <div key={k}>{num(['cost', k], t(`plan.cost.${k}`))}</div>
        ))}
      </div>
    </fieldset>
  );
}

export function PlanFormModal({
  plan,
  defaultUnitId,
  onClose,
  onSaved,
  onConflict,
}: {
  plan: SimplificationPlan | null;
  defaultUnitId: string | null;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, handler } = useFormSubmit(form, FIELDS, { conflictMessage: t('plan.conflict'), onConflict });
  const initial: Partial<Values> = plan
    ? {
        unitId: plan.unitId,
        procedureCode: plan.procedureCode,
        title: plan.title,
        before: plan.before,
        after: plan.after,
        note: plan.note ?? '',
      }
    : { unitId: defaultUnitId ?? undefined, before: emptySide, after: emptySide };
  useValuesOfVersion(form, plan?.version, initial);

  const submit = handler(async (v) => {
    const common = {
      title: v.title.trim().normalize('NFC'),
      before: v.before,
      after: v.after,
      note: textOrNull(v.note),
    };
    const saved = plan
      ? await catalogApi.updatePlan(plan.id, plan.version, common)
      : await catalogApi.createPlan({ ...common, unitId: v.unitId, procedureCode: v.procedureCode.trim() });
    message.success(
      `${t(plan ? 'plan.saved' : 'plan.created', { title: saved.title })} ${t('plan.saving')}: ${formatNumber(saved.saving)} đ (${saved.reductionRate ?? 0}%).`,
    );
    onSaved();
  });
  const req = (f: string) => [{ required: true, whitespace: true, message: t('error.required', { field: f }) }];
  return (
    <Modal
      open
      title={plan ? t('plan.editTitle') : t('plan.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      width={900}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" name="plan-form" initialValues={initial}>
        {/* the unit and the procedure of a stored plan are not part of an update: fixed once created */}
        <div className="form-grid">
          <Form.Item
            name="unitId"
            label={t('plan.unit')}
            rules={[{ required: true, message: t('error.required', { field: t('plan.unit') }) }]}
          >
            <UnitSelect disabled={!!plan} />
          </Form.Item>
          <Form.Item name="procedureCode" label={t('plan.procedureCode')} rules={req(t('plan.procedureCode'))}>
            <Input disabled={!!plan} placeholder="1.001193" maxLength={8} />
          </Form.Item>
        </div>
        <Form.Item name="title" label={t('plan.titleField')} rules={req(t('plan.titleField'))}>
          <Input maxLength={1000} />
        </Form.Item>
        <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(360px, 1fr))', gap: 16 }}>
          <Side side="before" label={t('plan.before')} />
          <Side side="after" label={t('plan.after')} />
        </div>
        <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
          {t('plan.computedByServer')}
          {plan &&
            ` ${t('plan.annualCostBefore')}: ${formatNumber(plan.annualCostBefore)} đ; ${t('plan.annualCostAfter')}: ${formatNumber(plan.annualCostAfter)} đ; ${t('plan.saving')}: ${formatNumber(plan.saving)} đ.`}
        </Typography.Paragraph>
        <Form.Item name="note" label={t('plan.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

export function TransitionModal({
  plan,
  onClose,
  onDone,
  onConflict,
}: {
  plan: SimplificationPlan;
  onClose: () => void;
  onDone: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ to: PlanStatus; decisionNo?: string; decisionDate?: Dayjs | null; note?: string }>();
  const { busy, error, handler } = useFormSubmit(form, ['to', 'decisionNo', 'decisionDate', 'note'], {
    conflictMessage: t('plan.conflict'),
    onConflict,
  });
  const options = PLAN_TRANSITIONS[plan.status];
  // after a conflict the plan arrives in its stored state: offer that state's transitions
  useValuesOfVersion(form, plan.version, { to: options[0] });
  const submit = handler(async (v) => {
    const p = await catalogApi.transitionPlan(plan.id, plan.version, {
      to: v.to,
      decisionNo: textOrNull(v.decisionNo),
      decisionDate: v.decisionDate ? toIsoDate(v.decisionDate) : null,
      note: textOrNull(v.note),
    });
    message.success(t('plan.transitioned', { status: t(`ca.planStatus.${p.status}`) }));
    onDone();
  });
  return (
    <Modal
      open
      title={t('plan.transitionTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      okButtonProps={{ disabled: options.length === 0 }}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Typography.Paragraph>{plan.title}</Typography.Paragraph>
      {options.length === 0 && (
        <Alert
          type="info"
          showIcon
          title={t('plan.noTransition', { status: t(`ca.planStatus.${plan.status}`) })}
          style={{ marginBottom: 12 }}
        />
      )}
      <Form form={form} layout="vertical" name="plan-transition" initialValues={{ to: options[0] }}>
        <Form.Item name="to" label={t('plan.transitionTo')} rules={[{ required: true }]}>
          <Select options={options.map((s) => ({ value: s, label: t(`ca.planStatus.${s}`) }))} />
        </Form.Item>
        <div className="form-grid">
          <Form.Item name="decisionNo" label={t('plan.decisionNo')}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="decisionDate" label={t('plan.decisionDate')}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="note" label={t('plan.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 4 }} maxLength={5000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
