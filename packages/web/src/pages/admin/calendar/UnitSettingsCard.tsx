import { useEffect, useState } from 'react';
import { Alert, App, Button, Card, DatePicker, Form, Input, Select, Switch, Typography } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import {
  calendarApi,
  type DueTimeMode,
  type OfficeHoursVersion,
  type SaturdayReceptionVersion,
  type TimeSpan,
  type UnitSettings,
} from '../../../api/calendar';
import { problemMessage } from '../../../api/problem';
import { UnitSelect } from '../../../components/UnitSelect';
import { DATE_FORMAT, toIsoDate } from '../../../format';
import { useT } from '../../../i18n';
import { isConflict } from './conflict';
import { dmy } from './kinds';

const HM = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

interface Values {
  own: boolean;
  effectiveFrom: Dayjs;
  amStart: string;
  amEnd: string;
  pmStart: string;
  pmEnd: string;
  satEnabled: boolean;
  satStart: string;
  satEnd: string;
  dueTimeMode: DueTimeMode | 'inherit';
  reason: string;
}

const spans = (iv: TimeSpan[]) => iv.map((s) => `${s.start}–${s.end}`).join(', ');

/** Latest version in effect today (versions are sorted by effectiveFrom by the server or not at all). */
function current<T extends { effectiveFrom: string }>(vs: T[] | null | undefined): T | undefined {
  const today = toIsoDate(dayjs());
  return (
    [...(vs ?? [])]
      .sort((a, b) => a.effectiveFrom.localeCompare(b.effectiveFrom))
      .filter((v) => v.effectiveFrom <= today)
      .at(-1) ?? vs?.[0]
  );
}

/** Office hours, Saturday reception and due-time convention of one unit (GET/PUT /calendar/units/{id}/settings). */
export function UnitSettingsCard() {
  const t = useT();
  const { message } = App.useApp();
  const [unitId, setUnitId] = useState<string | null>(null);
  const [settings, setSettings] = useState<UnitSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [form] = Form.useForm<Values>();
  const own = Form.useWatch('own', form);
  const satEnabled = Form.useWatch('satEnabled', form);

  const load = async (id: string) => {
    setError(null);
    try {
      const s = await calendarApi.settings(id);
      setSettings(s);
      const oh = current(s.officeHours ?? s.effective.officeHours);
      const sat = current(s.saturdayReception ?? s.effective.saturdayReception);
      form.resetFields();
      form.setFieldsValue({
        own: s.version > 0 && (s.officeHours !== null || s.saturdayReception !== null || s.dueTimeMode !== null),
        effectiveFrom: dayjs(),
        amStart: oh?.intervals[0]?.start ?? '07:30',
        amEnd: oh?.intervals[0]?.end ?? '11:30',
        pmStart: oh?.intervals[1]?.start ?? '13:30',
        pmEnd: oh?.intervals[1]?.end ?? '17:00',
        satEnabled: sat?.enabled ?? false,
        satStart: sat?.intervals[0]?.start ?? '07:30',
        satEnd: sat?.intervals[0]?.end ?? '11:30',
        dueTimeMode: s.dueTimeMode ?? 'inherit',
      });
    } catch (e) {
      setSettings(null);
      setError(problemMessage(e, t));
    }
  };

  useEffect(() => {
    if (unitId) void load(unitId);
    else setSettings(null);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [unitId]);

  const onFinish = async (v: Values) => {
    if (!unitId || !settings) return;
    setBusy(true);
    setError(null);
    const from = toIsoDate(v.effectiveFrom);
    const oh: OfficeHoursVersion = {
      effectiveFrom: from,
      intervals: [
        { start: v.amStart, end: v.amEnd },
        { start: v.pmStart, end: v.pmEnd },
      ],
    };
    const sat: SaturdayReceptionVersion = {
      effectiveFrom: from,
      enabled: v.satEnabled,
      intervals: [{ start: v.satStart, end: v.satEnd }],
    };
    const upsert = <T extends { effectiveFrom: string }>(list: T[] | null, x: T) => [
      ...(list ?? []).filter((y) => y.effectiveFrom !== from),
      x,
    ];
    try {
      const s = await calendarApi.putSettings(unitId, settings.version, {
        // First own setting: start from the inherited versions so earlier dates keep their hours.
        officeHours: v.own ? upsert(settings.officeHours ?? settings.effective.officeHours, oh) : null,
        saturdayReception: v.own
          ? upsert(settings.saturdayReception ?? settings.effective.saturdayReception, sat)
          : null,
        dueTimeMode: v.own && v.dueTimeMode !== 'inherit' ? v.dueTimeMode : null,
        reason: v.reason.trim(),
      });
      setSettings(s);
      form.setFieldValue('reason', '');
      message.success(t('cal.settingsSaved'));
    } catch (e) {
      if (isConflict(e)) {
        message.warning(t('cal.conflict'));
        await load(unitId);
      } else setError(problemMessage(e, t));
    } finally {
      setBusy(false);
    }
  };

  const timeRule = [{ required: true, pattern: HM, message: t('cal.timeFormat') }];
  const eff = settings?.effective;
  const effOh = current(eff?.officeHours);
  const effSat = current(eff?.saturdayReception);
  return (
    <Card title={<h2 style={{ fontSize: 18, margin: 0 }}>{t('cal.settings')}</h2>} className="cal-section">
      <div style={{ maxWidth: 480, marginBottom: 12 }}>
        <label htmlFor="cal-settings-unit" style={{ fontWeight: 500, display: 'block', marginBottom: 4 }}>
          {t('cal.settingsUnit')}
        </label>
        <UnitSelect
          id="cal-settings-unit"
          value={unitId}
          onChange={(v) => setUnitId((v as string | null) ?? null)}
          allowClear
        />
      </div>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 12 }} />}
      {!unitId && <Typography.Paragraph type="secondary">{t('cal.settingsPick')}</Typography.Paragraph>}
      {settings && eff && (
        <>
          <Typography.Paragraph>
            {settings.version > 0 ? t('cal.settingsOwn', { version: settings.version }) : t('cal.settingsInherited')}{' '}
            {t('cal.currentEffective', {
              hours: effOh
                ? `${spans(effOh.intervals)}${effOh.effectiveFrom > '1990' ? ` (${dmy(effOh.effectiveFrom)})` : ''}`
                : t('common.none'),
              saturday: effSat?.enabled ? spans(effSat.intervals) : t('cal.saturdayOff'),
              mode: t(`cal.dueMode.${eff.dueTimeMode}` as const),
            })}
          </Typography.Paragraph>
          <Form<Values>
            form={form}
            layout="vertical"
            name="calendar-settings"
            onFinish={onFinish}
            requiredMark={false}
            style={{ maxWidth: 640 }}
          >
            <Form.Item label={t('cal.useOwn')} name="own" valuePropName="checked">
              <Switch />
            </Form.Item>
            {own && (
              <>
                <Form.Item
                  label={t('cal.effectiveFrom')}
                  name="effectiveFrom"
                  rules={[{ required: true, message: t('error.required', { field: t('cal.effectiveFrom') }) }]}
                >
                  <DatePicker format={DATE_FORMAT} allowClear={false} />
                </Form.Item>
                <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
                  <legend style={{ fontWeight: 600, fontSize: 14, marginBottom: 8 }}>{t('cal.officeHours')}</legend>
                  <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                    <Form.Item label={`${t('cal.morning')} (${t('cal.from')})`} name="amStart" rules={timeRule}>
                      <Input style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item label={`${t('cal.morning')} (${t('cal.to')})`} name="amEnd" rules={timeRule}>
                      <Input style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item label={`${t('cal.afternoon')} (${t('cal.from')})`} name="pmStart" rules={timeRule}>
                      <Input style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item label={`${t('cal.afternoon')} (${t('cal.to')})`} name="pmEnd" rules={timeRule}>
                      <Input style={{ width: 100 }} />
                    </Form.Item>
                  </div>
                </fieldset>
                <Form.Item label={t('cal.saturday')} name="satEnabled" valuePropName="checked">
                  <Switch />
                </Form.Item>
                {satEnabled && (
                  <div style={{ display: 'flex', gap: 12, flexWrap: 'wrap' }}>
                    <Form.Item label={`${t('cal.saturdayHours')} (${t('cal.from')})`} name="satStart" rules={timeRule}>
                      <Input style={{ width: 100 }} />
                    </Form.Item>
                    <Form.Item label={`${t('cal.saturdayHours')} (${t('cal.to')})`} name="satEnd" rules={timeRule}>
                      <Input style={{ width: 100 }} />
                    </Form.Item>
                  </div>
                )}
                <Form.Item label={t('cal.dueMode')} name="dueTimeMode">
                  <Select
                    style={{ width: 280 }}
                    options={(['inherit', 'SAME_TIME', 'END_OF_DAY'] as const).map((m) => ({
                      value: m,
                      label: t(`cal.dueMode.${m}` as const),
                    }))}
                  />
                </Form.Item>
              </>
            )}
            <Form.Item
              label={t('cal.reason')}
              name="reason"
              rules={[
                { required: true, whitespace: true, message: t('error.required', { field: t('cal.reason') }) },
                { min: 3, message: t('cal.reasonMin') },
              ]}
            >
              <Input.TextArea rows={2} placeholder={t('cal.reasonPlaceholder')} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={busy}>
              {t('common.save')}
            </Button>
          </Form>
        </>
      )}
    </Card>
  );
}
