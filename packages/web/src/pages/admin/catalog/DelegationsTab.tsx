import { useState } from 'react';
import { Alert, App, Button, DatePicker, Form, Input, Modal, Radio, Table, Tag } from 'antd';
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import {
  DELEGATION_KINDS,
  catalogApi,
  type Delegation,
  type DelegationKind,
  type ProcedureDetail,
} from '../../../api/catalog';
import { latestOf, useValuesOfVersion } from '../../../components/latestVersion';
import { UnitSelect } from '../../../components/UnitSelect';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useT } from '../../../i18n';
import { DATE_FORMAT, formatDate, fromIsoDate, toIsoDate } from '../../../format';
import { textOrNull } from './labels';

interface Values {
  kind: DelegationKind;
  unitId: string;
  fromUnitId?: string | null;
  decisionNo: string;
  decisionDate: Dayjs;
  effectiveFrom: Dayjs;
  effectiveTo?: Dayjs | null;
  scope?: string;
}
const FIELDS = ['kind', 'unitId', 'fromUnitId', 'decisionNo', 'decisionDate', 'effectiveFrom', 'effectiveTo', 'scope'];

/** Delegations / decentralisations of a procedure (ủy quyền, phân cấp), with the units' names as the server gives them. */
export function DelegationsTab({ procedure, onChanged }: { procedure: ProcedureDetail; onChanged: () => void }) {
  const t = useT();
  const [editing, setEditing] = useState<Delegation | 'new' | null>(null);
  return (
    <>
      <div className="toolbar">
        <span style={{ flex: 1 }} />
        <Button type="primary" icon={<PlusOutlined aria-hidden />} onClick={() => setEditing('new')}>
          {t('deleg.create')}
        </Button>
      </div>
      <Table<Delegation>
        rowKey="id"
        size="small"
        dataSource={procedure.delegations}
        pagination={false}
        locale={{ emptyText: t('deleg.none') }}
        caption={<span className="visually-hidden">{t('deleg.caption', { code: procedure.code })}</span>}
        columns={[
          {
            title: t('deleg.kind'),
            dataIndex: 'kind',
            render: (k: DelegationKind) => <Tag>{t(`ca.delegationKind.${k}`)}</Tag>,
          },
          { title: t('deleg.unit'), dataIndex: 'unitName' },
          {
            title: t('deleg.fromUnit'),
            dataIndex: 'fromUnitName',
            render: (name: string | null) => name ?? t('common.none'),
          },
          { title: t('deleg.decisionNo'), dataIndex: 'decisionNo' },
          { title: t('deleg.decisionDate'), dataIndex: 'decisionDate', render: formatDate },
          {
            title: t('proc.validity'),
            key: 'v',
            render: (_, d) =>
              `${formatDate(d.effectiveFrom)} – ${d.effectiveTo ? formatDate(d.effectiveTo) : t('proc.openEnded')}`,
          },
          { title: t('deleg.scope'), dataIndex: 'scope', render: (s: string | null) => s ?? t('common.none') },
          {
            title: t('common.actions'),
            key: 'a',
            render: (_, d) => (
              <Button
                type="text"
                icon={<EditOutlined aria-hidden />}
                aria-label={t('deleg.edit', { no: d.decisionNo })}
                onClick={() => setEditing(d)}
              />
            ),
          },
        ]}
      />
      {editing && (
        <DelegationModal
          code={procedure.code}
          delegation={latestOf(editing, procedure.delegations)}
          onClose={() => setEditing(null)}
          onSaved={() => {
            setEditing(null);
            onChanged();
          }}
          onConflict={onChanged}
        />
      )}
    </>
  );
}

function DelegationModal({
  code,
  delegation,
  onClose,
  onSaved,
  onConflict,
}: {
  code: string;
  delegation: Delegation | null;
  onClose: () => void;
  onSaved: () => void;
  onConflict: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const { busy, error, handler } = useFormSubmit(form, FIELDS, { conflictMessage: t('deleg.conflict'), onConflict });
  const initial: Partial<Values> = delegation
    ? {
        kind: delegation.kind,
        unitId: delegation.unitId,
        fromUnitId: delegation.fromUnitId,
        decisionNo: delegation.decisionNo,
        decisionDate: fromIsoDate(delegation.decisionDate),
        effectiveFrom: fromIsoDate(delegation.effectiveFrom),
        effectiveTo: fromIsoDate(delegation.effectiveTo) ?? null,
        scope: delegation.scope ?? '',
      }
    : { kind: 'DELEGATION', decisionDate: dayjs(), effectiveFrom: dayjs() };
  useValuesOfVersion(form, delegation?.version, initial);
  const submit = handler(async (v) => {
    const body = {
      kind: v.kind,
      fromUnitId: v.fromUnitId ?? null,
      decisionNo: v.decisionNo.trim().normalize('NFC'),
      decisionDate: toIsoDate(v.decisionDate),
      effectiveFrom: toIsoDate(v.effectiveFrom),
      effectiveTo: v.effectiveTo ? toIsoDate(v.effectiveTo) : null,
      scope: textOrNull(v.scope),
    };
    if (delegation) {
      await catalogApi.updateDelegation(delegation.id, delegation.version, body);
      message.success(t('deleg.saved'));
    } else {
      const d = await catalogApi.createDelegation(code, { ...body, unitId: v.unitId });
      message.success(t('deleg.created', { kind: t(`ca.delegationKind.${d.kind}`), no: d.decisionNo }));
    }
    onSaved();
  });
  const req = (f: string) => [{ required: true, message: t('error.required', { field: f }) }];
  return (
    <Modal
      open
      title={delegation ? t('deleg.editTitle') : t('deleg.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      width={640}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      <Form<Values> form={form} layout="vertical" name="delegation-form" initialValues={initial}>
        <Form.Item name="kind" label={t('deleg.kind')}>
          <Radio.Group options={DELEGATION_KINDS.map((k) => ({ value: k, label: t(`ca.delegationKind.${k}`) }))} />
        </Form.Item>
        {/* the unit of a stored delegation is not part of an update: fixed once recorded */}
        <Form.Item name="unitId" label={t('deleg.unit')} rules={req(t('deleg.unit'))}>
          <UnitSelect disabled={!!delegation} />
        </Form.Item>
        <Form.Item name="fromUnitId" label={t('deleg.fromUnit')}>
          <UnitSelect allowClear />
        </Form.Item>
        <div className="form-grid">
          <Form.Item name="decisionNo" label={t('deleg.decisionNo')} rules={req(t('deleg.decisionNo'))}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="decisionDate" label={t('deleg.decisionDate')} rules={req(t('deleg.decisionDate'))}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <div className="form-grid">
          <Form.Item name="effectiveFrom" label={t('deleg.effectiveFrom')} rules={req(t('deleg.effectiveFrom'))}>
            <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
          </Form.Item>
          <Form.Item name="effectiveTo" label={t('deleg.effectiveTo')}>
            <DatePicker format={DATE_FORMAT} placeholder={t('proc.openEnded')} style={{ width: '100%' }} />
          </Form.Item>
        </div>
        <Form.Item name="scope" label={t('deleg.scope')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 5 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
