import { useState } from 'react';
import { Alert, App, DatePicker, Form, Input, InputNumber, Modal, Select, Space, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { problemMessage, applyProblemToForm } from '../../../api/problem';
import { PROCEDURE_LEVELS, TIME_UNITS, catalogApi, type ProcedureLevel, type TimeUnit } from '../../../api/catalog';
import { useT } from '../../../i18n';
import { DATE_FORMAT, toIsoDate } from '../../../format';
import { textOrNull } from './labels';

interface Values {
  code: string;
  name: string;
  field: string;
  levels: ProcedureLevel[];
  timeValue: number | null;
  timeUnit: TimeUnit | null;
  effectiveFrom: Dayjs;
  publicationDecisionNo?: string;
}

/**
 * A new procedure with its first version: the facts without which it cannot be found or timed. The rest
 * (papers, fees, other channels) is edited on the procedure page, as for imported records.
 */
export function CreateProcedureModal({
  open,
  onClose,
  onCreated,
}: {
  open: boolean;
  onClose: () => void;
  onCreated: (code: string) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const submit = async (v: Values) => {
    setSaving(true);
    setError(null);
    try {
      const created = await catalogApi.create({
        code: v.code.trim(),
        name: v.name,
        field: v.field,
        levels: v.levels,
        methods: [
          {
            channel: 'direct',
            time: v.timeValue !== null && v.timeUnit ? { value: v.timeValue, unit: v.timeUnit } : null,
            timeText: null,
            feeVnd: null,
            feeNote: null,
            feeText: null,
            description: null,
          },
        ],
        documents: [],
        effectiveFrom: toIsoDate(v.effectiveFrom),
        publicationDecisionNo: textOrNull(v.publicationDecisionNo),
      });
      message.success(t('proc.created', { code: created.code }));
      form.resetFields();
      onCreated(created.code);
    } catch (err) {
      const rest = applyProblemToForm(form, err, [
        'code',
        'name',
        'field',
        'levels',
        'effectiveFrom',
        'publicationDecisionNo',
      ]);
      setError(rest.length ? rest.join(' ') : problemMessage(err, t));
    } finally {
      setSaving(false);
    }
  };

  return (
    <Modal
      open={open}
      title={t('proc.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={saving}
      onCancel={onClose}
      onOk={() => form.submit()}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('proc.createHelp')}</Typography.Paragraph>
      {error && <Alert type="error" showIcon message={error} style={{ marginBottom: 12 }} />}
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ levels: ['COMMUNE'], timeUnit: 'working_days', timeValue: null, effectiveFrom: dayjs() }}
      >
        <Form.Item name="code" label={t('proc.code')} rules={[{ required: true }]} extra="Ví dụ: 1.001193">
          <Input autoComplete="off" />
        </Form.Item>
        <Form.Item name="name" label={t('proc.name')} rules={[{ required: true }]}>
          <Input.TextArea autoSize={{ minRows: 2 }} />
        </Form.Item>
        <Form.Item name="field" label={t('proc.field')} rules={[{ required: true }]}>
          <Input />
        </Form.Item>
        <Form.Item name="levels" label={t('proc.levels')} rules={[{ required: true }]}>
          <Select mode="multiple" options={PROCEDURE_LEVELS.map((l) => ({ value: l, label: t(`ca.level.${l}`) }))} />
        </Form.Item>
        <Space align="start" wrap>
          <Form.Item name="timeValue" label={t('proc.counterTime')}>
            <InputNumber min={0} />
          </Form.Item>
          <Form.Item name="timeUnit" label={t('proc.timeUnit')}>
            <Select
              style={{ width: 180 }}
              options={TIME_UNITS.map((u) => ({ value: u, label: t(`ca.timeUnit.${u}`) }))}
            />
          </Form.Item>
        </Space>
        <Space align="start" wrap>
          <Form.Item name="effectiveFrom" label={t('proc.effectiveFrom')} rules={[{ required: true }]}>
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item name="publicationDecisionNo" label={t('proc.decisionNo')}>
            <Input />
          </Form.Item>
        </Space>
      </Form>
    </Modal>
  );
}
