import { useEffect, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { Alert, Button, Card, DatePicker, Form, Input, InputNumber, Select, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { calendarApi, DUE_UNITS, type DueResult, type DueUnit } from '../../api/calendar';
import { catalogApi, type ProcedureDetail } from '../../api/catalog';
import { problemMessage } from '../../api/problem';
import { ApiError } from '../../api/client';
import { useAuth } from '../../auth/AuthContext';
import { UnitSelect } from '../../components/UnitSelect';
import { DATETIME_FORMAT } from '../../format';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { DueResultCard } from './DueResultCard';
import { procedureDueTime } from './procedureTime';
import { vnIso, vnWallClock } from '../../vnTime';

interface Values {
  unitId?: string | null;
  submittedAt: Dayjs;
  amount?: number | null;
  durationUnit: DueUnit;
  cutoff?: string;
}

/** Now, as Vietnam wall-clock time in a Dayjs (the picker shows wall-clock values). */
function vnNow(): Dayjs {
  const w = vnWallClock(new Date().toISOString())!;
  const [d, m, y] = w.date.split('/').map(Number);
  const [hh, mm] = w.time.split(':').map(Number);
  return dayjs(new Date(y!, m! - 1, d!, hh!, mm!));
}

export default function DueDatePage() {
  const t = useT();
  usePageTitle(t('due.title'));
  const { status } = useAuth();
  const [params] = useSearchParams();
  const code = params.get('thuTuc');
  const [form] = Form.useForm<Values>();
  const [procedure, setProcedure] = useState<ProcedureDetail | null>(null);
  const [result, setResult] = useState<DueResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const durationUnit = Form.useWatch('durationUnit', form);

  useEffect(() => {
    if (!code) return;
    const ac = new AbortController();
    catalogApi.get(code, undefined, ac.signal).then(
      (p) => {
        setProcedure(p);
        const time = procedureDueTime(p);
        if (time) form.setFieldsValue({ amount: time.amount, durationUnit: time.unit });
        if (p.cutoffTime) form.setFieldsValue({ cutoff: p.cutoffTime });
        if (p.units.length === 1) form.setFieldsValue({ unitId: p.units[0]!.id });
      },
      () => undefined,
    );
    return () => ac.abort();
  }, [code, form]);

  const onFinish = async (v: Values) => {
    setBusy(true);
    setError(null);
    try {
      const r = await calendarApi.due({
        start: vnIso(v.submittedAt.format('YYYY-MM-DDTHH:mm')),
        amount: v.durationUnit === 'same_day' ? 0 : (v.amount ?? 0),
        unit: v.durationUnit,
        cutoff: v.cutoff?.trim() || undefined,
        unitId: v.unitId || undefined,
      });
      setResult(r);
    } catch (e) {
      setResult(null);
      const extra = e instanceof ApiError ? (e.problem.errors ?? []).map((x) => x.message) : [];
      setError([problemMessage(e, t), ...extra].join(' '));
    } finally {
      setBusy(false);
    }
  };

  const time = procedure ? procedureDueTime(procedure) : null;
  const unitField = procedure?.units.length ? (
    <Select
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={t('due.unitPlaceholder')}
      options={procedure.units.map((u) => ({ value: u.id, label: u.name }))}
    />
  ) : status === 'authenticated' ? (
    <UnitSelect allowClear placeholder={t('due.unitPlaceholder')} />
  ) : null;

  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('due.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('due.intro')}</Typography.Paragraph>
      {procedure && (
        <Alert
          className="portal-section"
          type="info"
          style={{ marginBottom: 16 }}
          title={
            <Link to={`/dich-vu-cong/thu-tuc/${encodeURIComponent(procedure.code)}`}>
              {t('due.forProcedure', { name: procedure.name, code: procedure.code })}
            </Link>
          }
          description={
            time
              ? undefined
              : `${t('due.procedureTimeUnsupported')}${procedure.processingTimeText ? ` ${t('due.procedureTime', { text: procedure.processingTimeText })}` : ''}`
          }
        />
      )}
      <Card className="portal-section">
        <Form<Values>
          form={form}
          layout="vertical"
          name="due"
          requiredMark={false}
          initialValues={{ submittedAt: vnNow(), amount: 5, durationUnit: 'working_days' }}
          onFinish={onFinish}
          style={{ maxWidth: 640 }}
        >
          {unitField ? (
            <Form.Item label={t('due.unit')} name="unitId">
              {unitField}
            </Form.Item>
          ) : (
            <Typography.Paragraph type="secondary">{t('due.unitHelpAnonymous')}</Typography.Paragraph>
          )}
          <Form.Item
            label={t('due.submittedAt')}
            name="submittedAt"
            extra={t('due.submittedAtHelp')}
            rules={[{ required: true, message: t('error.required', { field: t('due.submittedAt') }) }]}
          >
            <DatePicker
              showTime={{ format: 'HH:mm' }}
              format={DATETIME_FORMAT}
              needConfirm={false}
              style={{ width: 240 }}
            />
          </Form.Item>
          <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
            {durationUnit !== 'same_day' && (
              <Form.Item
                label={t('due.amount')}
                name="amount"
                rules={[{ required: true, type: 'number', min: 0.01, message: t('due.amountInvalid') }]}
              >
                <InputNumber min={0} step={1} style={{ width: 140 }} />
              </Form.Item>
            )}
            <Form.Item label={t('due.durationUnit')} name="durationUnit">
              <Select
                style={{ width: 220 }}
                options={DUE_UNITS.map((u) => ({ value: u, label: t(`due.unit.${u}` as const) }))}
              />
            </Form.Item>
          </div>
          <Form.Item
            label={t('due.cutoff')}
            name="cutoff"
            extra={t('due.cutoffHelp')}
            rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('due.cutoffInvalid') }]}
          >
            <Input style={{ width: 140 }} placeholder="15:00" inputMode="numeric" />
          </Form.Item>
          <Button type="primary" htmlType="submit" loading={busy}>
            {t('due.submit')}
          </Button>
        </Form>
      </Card>
      <div aria-live="polite">
        {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
        {result && <DueResultCard result={result} />}
      </div>
    </>
  );
}
