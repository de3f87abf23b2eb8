import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { UNIT_TYPES, type Unit, type UnitDetail, type UnitInput, type UnitType } from '../../../api/types';
import { unitsApi } from '../../../api/units';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useT } from '../../../i18n';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../../format';
import { UnitSelect } from '../../../components/UnitSelect';

interface FormValues {
  code: string;
  name: string;
  shortName?: string;
  type: UnitType;
  parentId: string | null;
  validFrom: Dayjs;
  validTo?: Dayjs | null;
}

const FIELDS = ['code', 'name', 'shortName', 'type', 'parentId', 'validFrom', 'validTo'];

interface Props {
  open: boolean;
  /** Edit this unit; create when absent. */
  unit?: UnitDetail | null;
  /** Default parent / validFrom for a new unit. */
  defaults?: { parentId?: string | null; validFrom?: string };
  onClose: () => void;
  onSaved: (unit: Unit) => void;
  /** Called after a 412 so the caller reloads the latest version. */
  onConflict?: () => void;
}

function toValues(u: UnitDetail): FormValues {
  return {
    code: u.code,
    name: u.name,
    shortName: u.shortName ?? '',
    type: u.type,
    parentId: u.parentId,
    validFrom: fromIsoDate(u.validFrom)!,
    validTo: fromIsoDate(u.validTo) ?? null,
  };
}

function toInput(v: FormValues): UnitInput {
  return {
    code: v.code.trim(),
    name: v.name.trim().normalize('NFC'),
    shortName: v.shortName?.trim() ? v.shortName.trim().normalize('NFC') : null,
    type: v.type,
    parentId: v.parentId ?? null,
    validFrom: toIsoDate(v.validFrom),
    validTo: v.validTo ? toIsoDate(v.validTo) : null,
  };
}

export function UnitFormModal({ open, unit, defaults, onClose, onSaved, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { busy, error, handler } = useFormSubmit(form, FIELDS, {
    open,
    conflictMessage: t('units.conflict'),
    onConflict,
  });
  const editing = !!unit;

  const initialValues: Partial<FormValues> = unit
    ? toValues(unit)
    : { parentId: defaults?.parentId ?? null, validFrom: fromIsoDate(defaults?.validFrom) ?? dayjs(), validTo: null };

  const submit = handler(async (values) => {
    const input = toInput(values);
    let saved: Unit;
    if (unit) {
      const before = toInput(toValues(unit));
      const patch: Partial<UnitInput> = {};
      for (const k of Object.keys(input) as (keyof UnitInput)[]) {
        if (input[k] !== before[k]) (patch as Record<string, unknown>)[k] = input[k];
      }
      if (Object.keys(patch).length === 0) {
        message.info(t('units.noChanges'));
        onClose();
        return;
      }
      saved = await unitsApi.update(unit.id, unit.version, patch);
      message.success(t('units.saved', { name: saved.name }));
    } else {
      saved = await unitsApi.create(input);
      message.success(t('units.created', { name: saved.name }));
    }
    onSaved(saved);
  });

  return (
    <Modal
      open={open}
      title={editing ? t('units.editTitle') : t('units.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        form={form}
        initialValues={initialValues}
        layout="vertical"
        name={editing ? 'unit-edit' : 'unit-create'}
        onFinish={submit}
      >
        <Form.Item
          name="name"
          label={t('units.name')}
          rules={[{ required: true, whitespace: true, message: t('error.required', { field: t('units.name') }) }]}
        >
          <Input maxLength={200} />
        </Form.Item>
        <Form.Item
          name="code"
          label={t('units.code')}
          rules={[{ required: true, whitespace: true, message: t('error.required', { field: t('units.code') }) }]}
        >
          <Input maxLength={40} placeholder={t('units.codePlaceholder')} />
        </Form.Item>
        <Form.Item name="shortName" label={t('units.shortName')}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="type"
          label={t('units.type')}
          rules={[{ required: true, message: t('error.required', { field: t('units.type') }) }]}
        >
          <Select options={UNIT_TYPES.map((v) => ({ value: v, label: t(`unitType.${v}`) }))} />
        </Form.Item>
        <Form.Item name="parentId" label={t('units.parent')}>
          <UnitSelect
            allowClear
            initialOptions={unit?.parent ? [unit.parent] : undefined}
            excludeIds={unit ? [unit.id] : undefined}
            placeholder={t('units.noParent')}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="validFrom"
            label={t('units.validFrom')}
            rules={[{ required: true, message: t('error.required', { field: t('units.validFrom') }) }]}
          >
            <DatePicker format={DATE_FORMAT} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="validTo"
            label={t('units.validTo')}
            dependencies={['validFrom']}
            rules={[
              ({ getFieldValue }) => ({
                validator(_, value: Dayjs | null | undefined) {
                  const from = getFieldValue('validFrom') as Dayjs | undefined;
                  if (!value || !from || value.isAfter(from, 'day')) return Promise.resolve();
                  return Promise.reject(new Error(t('units.validToBeforeFrom')));
                },
              }),
            ]}
          >
            <DatePicker format={DATE_FORMAT} placeholder={t('units.openEnded')} />
          </Form.Item>
        </div>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
