import { useEffect, useState } from 'react';
import { Alert, App, DatePicker, Form, Input, Modal, Typography } from 'antd';
import type { Dayjs } from 'dayjs';
import { calendarApi, type CalendarEntry } from '../../../api/calendar';
import { problemMessage } from '../../../api/problem';
import { DATE_FORMAT, fromIsoDate, toIsoDate } from '../../../format';
import { useT } from '../../../i18n';
import { isConflict } from './conflict';
import { dmy } from './kinds';

export type EntryAction = { kind: 'confirm' | 'delete'; entry: CalendarEntry };

interface Values {
  documentNo?: string;
  documentDate?: Dayjs;
  reason: string;
}

/** Confirm a proposal (needs the deciding document) or delete an entry; both need a reason and If-Match. */
export function ActionModal({
  action,
  onClose,
  onDone,
}: {
  action: EntryAction | null;
  onClose: () => void;
  onDone: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entry = action?.entry;
  const confirming = action?.kind === 'confirm';

  useEffect(() => {
    if (!action) return;
    setError(null);
    form.resetFields();
    form.setFieldsValue({
      documentNo: action.entry.legalBasis?.documentNo ?? '',
      documentDate: fromIsoDate(action.entry.legalBasis?.date ?? null),
    });
  }, [action, form]);

  const onFinish = async (v: Values) => {
    if (!entry?.id || entry.version == null) return;
    setBusy(true);
    setError(null);
    try {
      if (confirming) {
        await calendarApi.update(entry.id, entry.version, {
          confirmed: true,
          legalBasis: { documentNo: v.documentNo!.trim(), date: toIsoDate(v.documentDate!) },
          reason: v.reason.trim(),
        });
        message.success(t('cal.confirmed', { name: entry.name }));
      } else {
        await calendarApi.remove(entry.id, entry.version, v.reason.trim());
        message.success(t('cal.deleted', { date: dmy(entry.date) }));
      }
      onDone();
    } catch (e) {
      if (isConflict(e)) {
        message.warning(t('cal.conflict'));
        onDone();
      } else setError(problemMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const required = (field: string) => ({ required: true, whitespace: true, message: t('error.required', { field }) });
  return (
    <Modal
      open={!!action}
      title={
        entry &&
        (confirming
          ? t('cal.confirmTitle', { name: entry.name })
          : t('cal.deleteTitle', { date: dmy(entry.date), name: entry.name }))
      }
      okText={confirming ? t('cal.confirm') : t('cal.delete')}
      okButtonProps={{ danger: !confirming }}
      cancelText={t('common.cancel')}
      onOk={() => form.submit()}
      confirmLoading={busy}
      onCancel={onClose}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      {confirming && <Typography.Paragraph>{t('cal.confirmHelp')}</Typography.Paragraph>}
      <Form<Values> form={form} layout="vertical" name="calendar-action" onFinish={onFinish} requiredMark={false}>
        {confirming && (
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            <Form.Item
              label={t('cal.documentNo')}
              name="documentNo"
              rules={[required(t('cal.documentNo'))]}
              style={{ flex: 1, minWidth: 220 }}
            >
              <Input placeholder={t('cal.documentNoPlaceholder')} />
            </Form.Item>
            <Form.Item
              label={t('cal.documentDate')}
              name="documentDate"
              rules={[{ required: true, message: t('error.required', { field: t('cal.documentDate') }) }]}
            >
              <DatePicker format={DATE_FORMAT} />
            </Form.Item>
          </div>
        )}
        <Form.Item
          label={t('cal.reason')}
          name="reason"
          rules={[required(t('cal.reason')), { min: 3, message: t('cal.reasonMin') }]}
        >
          <Input.TextArea rows={2} placeholder={t('cal.reasonPlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
