import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import {
  calendarApi,
  ENTRY_TYPES,
  type CalendarEntry,
  type CalendarEntryType,
  type EntryInput,
  type EntryPatch,
  type ScopeLevel,
} from '../../../api/calendar';
import { applyProblemToForm, problemMessage } from '../../../api/problem';
import { UnitSelect } from '../../../components/UnitSelect';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../../format';
import { useT } from '../../../i18n';
import { isConflict } from './conflict';
import { dmy } from './kinds';

interface Values {
  date: Dayjs;
  type: CalendarEntryType;
  name: string;
  scopeLevel: ScopeLevel;
  unitIds?: string[];
  provinceCodes?: string;
  documentNo: string;
  documentDate: Dayjs;
  pairedDate?: Dayjs | null;
  reason?: string;
}

interface Props {
  open: boolean;
  /** null = create */
  entry: CalendarEntry | null;
  defaultDate?: string;
  onClose: () => void;
  onSaved: (e: CalendarEntry) => void;
  onConflict: () => void;
}

const FIELDS = ['date', 'type', 'name', 'pairedDate', 'reason'];

export function EntryFormModal({ open, entry, defaultDate, onClose, onSaved, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const level = Form.useWatch('scopeLevel', form);
  const type = Form.useWatch('type', form);

  useEffect(() => {
    if (!open) return;
    setError(null);
    form.resetFields();
    if (entry) {
      form.setFieldsValue({
        date: fromIsoDate(entry.date),
        type: entry.type,
        name: entry.name,
        scopeLevel: entry.scope.level,
        unitIds: entry.scope.unitIds,
        provinceCodes: entry.scope.provinceCodes.join(', '),
        documentNo: entry.legalBasis?.documentNo ?? '',
        documentDate: fromIsoDate(entry.legalBasis?.date ?? null),
        pairedDate: fromIsoDate(entry.pairedDate),
      });
    } else {
      form.setFieldsValue({ type: 'LOCAL_CLOSURE', scopeLevel: 'UNIT', date: fromIsoDate(defaultDate ?? null) });
    }
  }, [open, entry, defaultDate, form]);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    const scope = {
      level: v.scopeLevel,
      ...(v.scopeLevel === 'UNIT' ? { unitIds: v.unitIds ?? [] } : {}),
      ...(v.scopeLevel === 'PROVINCE'
        ? {
            provinceCodes: (v.provinceCodes ?? '')
              .split(',')
              .map((s) => s.trim())
              .filter(Boolean),
          }
        : {}),
    };
    const legalBasis = { documentNo: v.documentNo.trim(), date: toIsoDate(v.documentDate) };
    const swap = v.type === 'SWAP_DAY_OFF' || v.type === 'SWAP_WORKDAY';
    try {
      let saved: CalendarEntry;
      if (!entry) {
        const body: EntryInput = {
          date: toIsoDate(v.date),
          type: v.type,
          name: v.name.trim(),
          scope,
          legalBasis,
          ...(swap && v.pairedDate ? { pairedDate: toIsoDate(v.pairedDate) } : {}),
          ...(v.reason?.trim() ? { reason: v.reason.trim() } : {}),
        };
        saved = await calendarApi.create(body);
        message.success(t('cal.created', { date: dmy(saved.date) }));
      } else {
        const patch: EntryPatch = { reason: (v.reason ?? '').trim() };
        const date = toIsoDate(v.date);
        if (date !== entry.date) patch.date = date;
        if (v.type !== entry.type) patch.type = v.type;
        if (v.name.trim() !== entry.name) patch.name = v.name.trim();
        const oldScope = JSON.stringify([entry.scope.level, entry.scope.unitIds, entry.scope.provinceCodes]);
        const newScope = JSON.stringify([scope.level, scope.unitIds ?? [], scope.provinceCodes ?? []]);
        if (oldScope !== newScope) patch.scope = scope;
        if (legalBasis.documentNo !== entry.legalBasis?.documentNo || legalBasis.date !== entry.legalBasis?.date)
          patch.legalBasis = legalBasis;
        const paired = swap && v.pairedDate ? toIsoDate(v.pairedDate) : null;
        if (paired !== entry.pairedDate) patch.pairedDate = paired;
        saved = await calendarApi.update(entry.id!, entry.version!, patch);
        message.success(t('cal.saved', { date: dmy(saved.date) }));
      }
      onSaved(saved);
    } catch (e) {
      if (isConflict(e)) {
        message.warning(t('cal.conflict'));
        onConflict();
      } else {
        const rest = applyProblemToForm(form, e, FIELDS);
        setError([problemMessage(e, t), ...rest].join(' '));
      }
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => ({ required: true, message: t('error.required', { field }) });
  return (
    <Modal
      open={open}
      title={entry ? t('cal.editTitle', { date: dmy(entry.date) }) : t('cal.addTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
      width={640}
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Form<Values> form={form} layout="vertical" name="calendar-entry" onFinish={onFinish} requiredMark={false}>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item label={t('cal.date')} name="date" rules={[required(t('cal.date'))]}>
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
          <Form.Item
            label={t('cal.typeCol')}
            name="type"
            rules={[required(t('cal.typeCol'))]}
            style={{ flex: 1, minWidth: 240 }}
          >
            <Select options={ENTRY_TYPES.map((k) => ({ value: k, label: t(`cal.type.${k}` as const) }))} />
          </Form.Item>
        </div>
        <Form.Item label={t('cal.name')} name="name" rules={[{ ...required(t('cal.name')), whitespace: true }]}>
          <Input placeholder={t('cal.namePlaceholder')} maxLength={500} />
        </Form.Item>
        <Form.Item label={t('cal.scope')} name="scopeLevel">
          <Select
            options={(['NATIONAL', 'PROVINCE', 'UNIT'] as const).map((l) => ({
              value: l,
              label: t(`cal.scope.${l}` as const),
            }))}
          />
        </Form.Item>
        {level === 'UNIT' && (
          <Form.Item label={t('cal.scopeUnits')} name="unitIds" rules={[required(t('cal.scopeUnits'))]}>
            <UnitSelect multiple />
          </Form.Item>
        )}
        {level === 'PROVINCE' && (
          <Form.Item label={t('cal.provinceCodes')} name="provinceCodes" rules={[required(t('cal.provinceCodes'))]}>
            <Input placeholder="H26" />
          </Form.Item>
        )}
        <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
          <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>{t('cal.legalBasis')}</legend>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            <Form.Item
              label={t('cal.documentNo')}
              name="documentNo"
              rules={[{ ...required(t('cal.documentNo')), whitespace: true }]}
              style={{ flex: 1, minWidth: 240 }}
            >
              <Input placeholder={t('cal.documentNoPlaceholder')} maxLength={200} />
            </Form.Item>
            <Form.Item label={t('cal.documentDate')} name="documentDate" rules={[required(t('cal.documentDate'))]}>
              <DatePicker format={DATE_FORMAT} />
            </Form.Item>
          </div>
        </fieldset>
        {(type === 'SWAP_DAY_OFF' || type === 'SWAP_WORKDAY') && (
          <Form.Item label={t('cal.pairedDate')} name="pairedDate">
            <DatePicker format={DATE_FORMAT} />
          </Form.Item>
        )}
        <Form.Item
          label={t('cal.reason')}
          name="reason"
          rules={
            entry
              ? [
                  { ...required(t('cal.reason')), whitespace: true },
                  { min: 3, message: t('cal.reasonMin') },
                ]
              : [{ min: 3, message: t('cal.reasonMin') }]
          }
        >
          <Input.TextArea rows={2} placeholder={t('cal.reasonPlaceholder')} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
