import { useCallback, useEffect, useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Select, Space, Table, Tag, Typography } from 'antd';
import { CheckOutlined, PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { ApiError } from '../../../api/client';
import { problemMessage, applyProblemToForm } from '../../../api/problem';
import type { Role } from '../../../api/types';
import {
  catalogApi,
  legalTimeOf,
  type Channel,
  type InternalProcess,
  type ProcedureDetail,
  type ProcessStep,
  type UnitRule,
} from '../../../api/catalog';
import { useWorkingUnit } from '../../../auth/WorkingUnitContext';
import { UnitSelect } from '../../../components/UnitSelect';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useT } from '../../../i18n';
import { DATE_FORMAT, formatNumber, toIsoDate } from '../../../format';
import { BudgetBar, StepsEditor, type StepValues } from './StepsEditor';
import { textOrNull } from './labels';

interface Values {
  channel: Channel;
  steps: StepValues[];
}
const STATUS_COLOR = { DRAFT: 'purple', APPROVED: 'green', SUPERSEDED: 'default' } as const;

const toSteps = (v: StepValues[]): ProcessStep[] =>
  v.map((s) => ({
    name: (s.name ?? '').trim().normalize('NFC'),
    role: s.role as Role,
    unitRule: (s.unitRule as UnitRule | null | undefined) ?? null,
    unitId: s.unitId ?? null,
    hours: s.hours ?? 0,
    output: textOrNull(s.output),
    allowSendBack: !!s.allowSendBack,
  }));

/** Internal processes of a procedure at one unit: list, draft editor with budget check, approval. */
export function InternalProcessTab({ procedure }: { procedure: ProcedureDetail }) {
  const t = useT();
  const { message } = App.useApp();
  const { unit: workingUnit } = useWorkingUnit();
  const [unitId, setUnitId] = useState<string | null>(workingUnit?.id ?? null);
  const [items, setItems] = useState<InternalProcess[]>([]);
  const [current, setCurrent] = useState<InternalProcess | 'new' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [approving, setApproving] = useState(false);
  const [form] = Form.useForm<Values>();
  const steps = Form.useWatch('steps', form);
  const channel = Form.useWatch('channel', form) ?? procedure.channels[0];

  const load = useCallback(async () => {
    if (!unitId) return setItems([]);
    try {
      const r = await catalogApi.processes(procedure.code, unitId);
      setItems(r.items);
      return r.items;
    } catch (e) {
      setError(problemMessage(e, t));
    }
  }, [procedure.code, unitId, t]);
  useEffect(() => {
    setCurrent(null);
    void load();
  }, [load]);

  const open = (p: InternalProcess | 'new', from?: InternalProcess) => {
    setError(null);
    setCurrent(p);
    const src = p === 'new' ? from : p;
    form.resetFields();
    form.setFieldsValue({
      channel: src?.channel ?? procedure.channels[0] ?? 'direct',
      steps: src?.steps.map((s) => ({ ...s, output: s.output ?? '' })) ?? [
        {
          name: 'Tiếp nhận hồ sơ',
          role: 'COUNTER_OFFICER',
          hours: 4,
          unitRule: 'RECEIVING_UNIT',
          allowSendBack: false,
        },
        { name: 'Thẩm định hồ sơ', role: 'SPECIALIST', hours: 8, unitRule: 'COMPETENT_BODY', allowSendBack: true },
        { name: 'Phê duyệt kết quả', role: 'UNIT_LEADER', hours: 4, unitRule: 'COMPETENT_BODY', allowSendBack: true },
      ],
    });
  };

  const save = async () => {
    let v: Values;
    try {
      v = await form.validateFields();
    } catch {
      return;
    }
    if (!unitId) return;
    setBusy(true);
    setError(null);
    try {
      const saved =
        current === 'new' || !current
          ? await catalogApi.createProcess(procedure.code, {
              unitId,
              versionSeq: procedure.currentVersion.seq,
              channel: v.channel,
              steps: toSteps(v.steps),
            })
          : await catalogApi.updateProcess(current.id, current.version, {
              channel: v.channel,
              steps: toSteps(v.steps),
            });
      message.success(t('process.saved', { seq: saved.seq }));
      await load();
      setCurrent(saved);
    } catch (e) {
      applyProblemToForm(form, e, ['steps', 'channel']);
      const conflict = e instanceof ApiError && e.status === 412;
      const details = e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [];
      setError(
        [
          conflict ? t('process.conflict') : problemMessage(e, t),
          ...details.filter((d) => d !== problemMessage(e, t)),
        ].join(' '),
      );
      if (conflict) {
        const fresh = (await load())?.find((x) => current !== 'new' && x.id === current?.id);
        if (fresh) open(fresh);
      }
    } finally {
      setBusy(false);
    }
  };

  const editable = current === 'new' || current?.status === 'DRAFT';
  const unitOptions = workingUnit ? [workingUnit] : undefined;
  return (
    <>
      <div className="toolbar">
        <label htmlFor="process-unit">{t('process.unit')}</label>
        <div style={{ width: 360 }}>
          <UnitSelect
            id="process-unit"
            value={unitId}
            initialOptions={unitOptions}
            onChange={(v) => setUnitId((v as string | null) ?? null)}
          />
        </div>
        <span style={{ flex: 1 }} />
        {unitId && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={() => open('new')}>
            {t('process.new')}
          </Button>
        )}
      </div>
      {!unitId && <Typography.Paragraph>{t('process.selectUnit')}</Typography.Paragraph>}
      {unitId && (
        <Table<InternalProcess>
          rowKey="id"
          size="small"
          dataSource={items}
          pagination={false}
          locale={{ emptyText: t('process.none') }}
          caption={<span className="visually-hidden">{t('process.list')}</span>}
          style={{ marginBottom: 16 }}
          columns={[
            {
              title: '#',
              dataIndex: 'seq',
              width: 70,
              render: (seq: number, p) => (
                <Button
                  type="link"
                  className="link-button"
                  onClick={() => open(p)}
                  aria-label={t('process.edit', { seq })}
                >
                  {seq}
                </Button>
              ),
            },
            { title: t('process.versionSeq'), dataIndex: 'procedureVersionSeq' },
            { title: t('process.channel'), dataIndex: 'channel', render: (c: Channel) => t(`ca.channel.${c}`) },
            {
              title: t('proc.versionState'),
              dataIndex: 'status',
              render: (s: InternalProcess['status']) => <Tag color={STATUS_COLOR[s]}>{t(`ca.processStatus.${s}`)}</Tag>,
            },
            { title: t('process.stepCount'), key: 'n', align: 'right', render: (_, p) => formatNumber(p.steps.length) },
            {
              title: t('process.totalHours'),
              key: 'h',
              align: 'right',
              render: (_, p) =>
                `${formatNumber(p.totalHours)}${p.legalHours != null ? ` / ${formatNumber(p.legalHours)}` : ''}`,
            },
            {
              title: t('process.approvalDecisionNo'),
              dataIndex: 'approvalDecisionNo',
              render: (s: string | null) => s ?? t('common.none'),
            },
          ]}
        />
      )}

      {current && (
        <section aria-labelledby="process-editor-title">
          <Typography.Title level={2} id="process-editor-title" style={{ fontSize: 18 }}>
            {current === 'new' ? t('process.newTitle') : t('process.title', { seq: current.seq })}{' '}
            {current !== 'new' && (
              <Tag color={STATUS_COLOR[current.status]}>{t(`ca.processStatus.${current.status}`)}</Tag>
            )}
          </Typography.Title>
          {!editable && <Alert type="info" showIcon title={t('process.readOnly')} style={{ marginBottom: 12 }} />}
          {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
          <BudgetBar steps={steps} legal={legalTimeOf(procedure.methods, channel)} />
          <Form<Values> form={form} layout="vertical" name="process-form" disabled={!editable} onFinish={save}>
            <Form.Item name="channel" label={t('process.channel')} style={{ maxWidth: 320 }}>
              <Select options={procedure.channels.map((c) => ({ value: c, label: t(`ca.channel.${c}`) }))} />
            </Form.Item>
            <StepsEditor disabled={!editable} />
          </Form>
          <Space style={{ marginTop: 16 }}>
            {editable && (
              <Button type="primary" icon={<SaveOutlined aria-hidden />} loading={busy} onClick={save}>
                {t('process.saveDraft')}
              </Button>
            )}
            {current !== 'new' && current.status === 'DRAFT' && (
              <Button icon={<CheckOutlined aria-hidden />} onClick={() => setApproving(true)}>
                {t('process.approve')}
              </Button>
            )}
            {current !== 'new' && (
              <Button onClick={() => open('new', current)} icon={<PlusOutlined aria-hidden />}>
                {t('process.copy')}
              </Button>
            )}
          </Space>
        </section>
      )}
      {current && current !== 'new' && (
        <ApproveModal
          open={approving}
          process={current}
          onClose={() => setApproving(false)}
          onDone={async (p) => {
            setApproving(false);
            await load();
            setCurrent(p);
          }}
        />
      )}
    </>
  );
}

function ApproveModal({
  open,
  process,
  onClose,
  onDone,
}: {
  open: boolean;
  process: InternalProcess;
  onClose: () => void;
  onDone: (p: InternalProcess) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ approvalDecisionNo: string; approvedAt: Dayjs; effectiveFrom: Dayjs }>();
  const { busy, error, handler } = useFormSubmit(form, ['approvalDecisionNo', 'approvedAt', 'effectiveFrom'], {
    open,
    conflictMessage: t('process.conflict'),
  });
  const submit = handler(async (v) => {
    const p = await catalogApi.approveProcess(process.id, process.version, {
      approvalDecisionNo: v.approvalDecisionNo.trim().normalize('NFC'),
      approvedAt: toIsoDate(v.approvedAt),
      effectiveFrom: toIsoDate(v.effectiveFrom),
    });
    message.success(t('process.approved', { seq: p.seq }));
    onDone(p);
  });
  return (
    <Modal
      open={open}
      title={t('process.approveTitle', { seq: process.seq })}
      okText={t('process.approve')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form
        form={form}
        layout="vertical"
        name="process-approve"
        initialValues={{ approvedAt: dayjs(), effectiveFrom: dayjs() }}
      >
        <Form.Item
          name="approvalDecisionNo"
          label={t('process.approvalDecisionNo')}
          rules={[
            {
              required: true,
              whitespace: true,
              message: t('error.required', { field: t('process.approvalDecisionNo') }),
            },
          ]}
        >
          <Input maxLength={200} placeholder="Ví dụ: 123/QĐ-UBND" />
        </Form.Item>
        <Form.Item name="approvedAt" label={t('process.approvedAt')} rules={[{ required: true }]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} />
        </Form.Item>
        <Form.Item name="effectiveFrom" label={t('process.effectiveFrom')} rules={[{ required: true }]}>
          <DatePicker format={DATE_FORMAT} allowClear={false} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
