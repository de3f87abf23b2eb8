import { useEffect, useMemo, useState, type ReactNode } from 'react';
import {
  Alert,
  App,
  Button,
  Card,
  Checkbox,
  Form,
  InputNumber,
  Radio,
  Select,
  Space,
  Switch,
  Table,
  Tag,
  Typography,
} from 'antd';
import type { FormInstance } from 'antd';
import { INDICATORS_2025 } from '@motcua/domain/index766/table';
import { INDEX_SETTING_SPEC_REFS, type EditableIndexSetting } from '@motcua/domain/index766/settingsSchema';
import type { IndicatorCode, IndicatorDef } from '@motcua/domain/index766/types';
import {
  indexSettingsApi,
  type IndexSettingsJson,
  type IndexSettingsOverrides,
  type IndexSettingsResponse,
} from '../../api/serviceIndex';
import { ApiError } from '../../api/client';
import { fieldPath, problemMessage } from '../../api/problem';
import { LoadError } from '../../auth/guards';
import { useWorkingUnit } from '../../auth/WorkingUnitContext';
import { useT, type MessageKey } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { useLoad } from './useLoad';
import './serviceIndex.css';

const LEVELS = ['PROVINCE', 'DEPARTMENT', 'COMMUNE'] as const;
type Level = (typeof LEVELS)[number];
const KINDS = ['MONTH', 'QUARTER', 'YEAR'] as const;
type Choice = 'notApplicablePolicy' | 'zeroDenominator' | 'noPetitionPolicy' | 'syncFallbackZero' | 'onTimeScope';
const CHOICES: Record<Choice, readonly string[]> = {
  notApplicablePolicy: ['AWARD_MAX', 'EXCLUDE'],
  zeroDenominator: ['NOT_APPLICABLE', 'ZERO'],
  noPetitionPolicy: ['AWARD_MAX', 'NOT_APPLICABLE'],
  syncFallbackZero: ['NOT_APPLICABLE', 'ZERO'],
  onTimeScope: ['RECEIVED_OR_OPEN_IN_PERIOD', 'RECEIVED_IN_PERIOD'],
};
/** zeroDenominator and syncFallbackZero share the words of their values. */
const choiceKey = (name: Choice, value: string) =>
  `sis.${name === 'syncFallbackZero' ? 'zeroDenominator' : name}.${value}` as MessageKey;

interface FormValues {
  maxOverrides: Partial<Record<IndicatorCode, number | null>>;
  fullAtOverrides: Partial<Record<IndicatorCode, number | null>>;
  naCustom: Record<Level, boolean>;
  notApplicable: Record<Level, IndicatorCode[]>;
  notApplicablePolicy: string;
  zeroDenominator: string;
  capP2: boolean;
  noPetitionPolicy: string;
  syncFallbackDivisor: Record<(typeof KINDS)[number], number | null>;
  syncFallbackZero: string;
  onTimeScope: string;
  displayDecimals: number;
  bieu06ClosedCountsAsResolved: boolean;
}

const tableFullAt = (d: IndicatorDef) => (d.scoring.kind === 'THRESHOLD_LINEAR' ? d.scoring.fullAt : 1);
const tableNotApplicable = (level: Level) => INDICATORS_2025.filter((d) => !d.applicability[level]).map((d) => d.code);

function toValues(s: IndexSettingsJson): FormValues {
  const maxOverrides: FormValues['maxOverrides'] = {};
  const fullAtOverrides: FormValues['fullAtOverrides'] = {};
  for (const d of INDICATORS_2025) {
    maxOverrides[d.code] = s.maxOverrides[d.code] ?? d.max;
    fullAtOverrides[d.code] = s.fullAtOverrides[d.code] ?? tableFullAt(d);
  }
  const naCustom = {} as FormValues['naCustom'];
  const notApplicable = {} as FormValues['notApplicable'];
  for (const level of LEVELS) {
    const listed = s.notApplicable[level];
    naCustom[level] = listed !== undefined;
    notApplicable[level] = [...(listed ?? tableNotApplicable(level))];
  }
  return {
    maxOverrides,
    fullAtOverrides,
    naCustom,
    notApplicable,
    notApplicablePolicy: s.notApplicablePolicy,
    zeroDenominator: s.zeroDenominator,
    capP2: s.capP2,
    noPetitionPolicy: s.noPetitionPolicy,
    syncFallbackDivisor: { ...s.syncFallbackDivisor },
    syncFallbackZero: s.syncFallbackZero,
    onTimeScope: s.onTimeScope,
    displayDecimals: s.displayDecimals,
    bieu06ClosedCountsAsResolved: s.bieu06ClosedCountsAsResolved,
  };
}

/** What to store: only what differs from the defaults (a later change of a default then reaches the province). */
function toOverrides(v: FormValues, defaults: IndexSettingsJson): IndexSettingsOverrides {
  const out: IndexSettingsOverrides = {};
  const maxOverrides: Partial<Record<IndicatorCode, number>> = {};
  const fullAtOverrides: Partial<Record<IndicatorCode, number>> = {};
  for (const d of INDICATORS_2025) {
    const max = v.maxOverrides[d.code];
    if (max !== null && max !== undefined && max !== (defaults.maxOverrides[d.code] ?? d.max))
      maxOverrides[d.code] = max;
    const fa = v.fullAtOverrides[d.code];
    if (fa !== null && fa !== undefined && fa !== (defaults.fullAtOverrides[d.code] ?? tableFullAt(d)))
      fullAtOverrides[d.code] = fa;
  }
  if (Object.keys(maxOverrides).length) out.maxOverrides = maxOverrides;
  if (Object.keys(fullAtOverrides).length) out.fullAtOverrides = fullAtOverrides;
  const notApplicable: IndexSettingsOverrides['notApplicable'] = {};
  for (const level of LEVELS) if (v.naCustom[level]) notApplicable[level] = v.notApplicable[level] ?? [];
  if (Object.keys(notApplicable).length) out.notApplicable = notApplicable;
  const divisor: Partial<IndexSettingsJson['syncFallbackDivisor']> = {};
  for (const k of KINDS) {
    const value = v.syncFallbackDivisor[k] ?? null;
    if (value !== defaults.syncFallbackDivisor[k]) divisor[k] = value;
  }
  if (Object.keys(divisor).length) out.syncFallbackDivisor = divisor;
  for (const k of [
    ...(Object.keys(CHOICES) as Choice[]),
    'capP2',
    'displayDecimals',
    'bieu06ClosedCountsAsResolved',
  ] as const)
    if (v[k] !== defaults[k]) (out as Record<string, unknown>)[k] = v[k];
  return out;
}

const NESTED = new Set(['maxOverrides', 'fullAtOverrides', 'notApplicable', 'syncFallbackDivisor']);
const FLAT = new Set([...Object.keys(CHOICES), 'capP2', 'displayDecimals', 'bieu06ClosedCountsAsResolved']);
const SUBKEYS = new Set<string>([...INDICATORS_2025.map((d) => d.code), ...LEVELS, ...KINDS]);

/** The server's field errors on the form ('body.maxOverrides.ON_TIME_RATE' → that input); the rest as text. */
function showFieldErrors(form: FormInstance<FormValues>, err: unknown): string[] {
  if (!(err instanceof ApiError) || !err.problem.errors?.length) return [];
  const unmatched: string[] = [];
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const e of err.problem.errors) {
    const [head, sub] = fieldPath(e.field);
    if (typeof head === 'string' && NESTED.has(head) && typeof sub === 'string' && SUBKEYS.has(sub))
      fields.push({ name: [head, sub], errors: [e.message] });
    else if (typeof head === 'string' && FLAT.has(head)) fields.push({ name: [head], errors: [e.message] });
    else unmatched.push(`${e.field}: ${e.message}`);
  }
  if (fields.length) form.setFields(fields as Parameters<typeof form.setFields>[0]);
  return unmatched;
}

export default function SettingsPage() {
  const t = useT();
  usePageTitle(t('sis.title'));
  const { message } = App.useApp();
  const { unit } = useWorkingUnit();
  const [form] = Form.useForm<FormValues>();
  const [saving, setSaving] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const province = useLoad(
    (signal) => (unit ? indexSettingsApi.provinceOf(unit.id, signal) : Promise.resolve(null)),
    [unit?.id],
  );
  const provinceId = province.data?.id;
  const loaded = useLoad(provinceId ? (signal) => indexSettingsApi.get(provinceId, signal) : null, [provinceId]);
  const [current, setCurrent] = useState<IndexSettingsResponse | undefined>(undefined);
  useEffect(() => {
    if (loaded.data) {
      setCurrent(loaded.data);
      form.setFieldsValue(toValues(loaded.data.settings));
    }
  }, [loaded.data, form]);

  const defaults = current?.defaults;
  const yesNo = (b: boolean) => (b ? t('sis.yes') : t('sis.no'));
  const hint = (key: EditableIndexSetting, value: ReactNode) => (
    <span className="si-settings-hint">
      {value !== null && <>{t('sis.default', { value: String(value) })} · </>}
      {t('sis.spec', { ref: INDEX_SETTING_SPEC_REFS[key] })}
    </span>
  );
  const choiceItem = (name: Choice) => (
    <Form.Item
      key={name}
      name={name}
      label={t(`sis.${name}` as MessageKey)}
      extra={hint(name, defaults ? t(choiceKey(name, defaults[name])) : '')}
    >
      <Radio.Group options={CHOICES[name].map((v) => ({ value: v, label: t(choiceKey(name, v)) }))} />
    </Form.Item>
  );
  const codeOptions = useMemo(
    () => INDICATORS_2025.map((d) => ({ value: d.code, label: `${d.specRef} ${d.nameVi}` })),
    [],
  );

  const save = async () => {
    if (!current || !defaults || !provinceId) return;
    let values: FormValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const overrides = toOverrides(values, defaults);
    if (JSON.stringify(overrides) === JSON.stringify(current.overrides)) {
      message.info(t('sis.noChanges'));
      return;
    }
    setSaving(true);
    setError(null);
    try {
      const saved = await indexSettingsApi.put(provinceId, current.version, overrides);
      setCurrent(saved);
      form.setFieldsValue(toValues(saved.settings));
      message.success(t('sis.saved', { version: saved.version }));
    } catch (e) {
      const conflict = e instanceof ApiError && e.status === 412;
      const extra = conflict ? [] : showFieldErrors(form, e);
      setError([conflict ? t('sis.conflict') : problemMessage(e, t), ...extra].join(' '));
      if (conflict) loaded.reload();
    } finally {
      setSaving(false);
    }
  };

  const loadError = province.error ?? loaded.error;
  return (
    <>
      <Typography.Title level={1} className="page-title">
        {t('sis.title')}
      </Typography.Title>
      {province.data && (
        <Typography.Paragraph type="secondary">{t('sis.intro', { province: province.data.name })}</Typography.Paragraph>
      )}
      {loadError ? (
        <LoadError error={loadError} onRetry={province.data ? loaded.reload : province.reload} />
      ) : (
        <Form<FormValues>
          form={form}
          layout="vertical"
          name="service-index-settings"
          onFinish={save}
          disabled={!current}
        >
          <Space wrap style={{ marginBottom: 16 }}>
            {current && (
              <Tag color={current.version ? 'blue' : 'default'}>
                {current.version ? t('sis.version', { version: current.version }) : t('sis.versionNone')}
              </Tag>
            )}
          </Space>
          {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}

          <Card title={t('sis.section.indicators')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">
              {t('sis.maxHint')} {t('sis.fullAtHint')} {hint('maxOverrides', null)} · {hint('fullAtOverrides', null)}
            </Typography.Paragraph>
            <Table<IndicatorDef>
              size="small"
              rowKey="code"
              pagination={false}
              loading={loaded.loading}
              dataSource={[...INDICATORS_2025]}
              columns={[
                { key: 'ref', title: t('sis.col.ref'), dataIndex: 'specRef', width: 80 },
                {
                  key: 'name',
                  title: t('sis.col.indicator'),
                  render: (_, d) => (
                    <>
                      {d.nameVi}
                      <br />
                      <Typography.Text type="secondary" code>
                        {d.code}
                      </Typography.Text>
                    </>
                  ),
                },
                {
                  key: 'max',
                  title: t('sis.col.max'),
                  width: 170,
                  render: (_, d) => (
                    <Form.Item
                      name={['maxOverrides', d.code]}
                      style={{ margin: 0 }}
                      extra={t('sis.default', { value: d.max })}
                    >
                      <InputNumber min={0} max={100} step={0.5} aria-label={`${t('sis.col.max')}: ${d.nameVi}`} />
                    </Form.Item>
                  ),
                },
                {
                  key: 'fullAt',
                  title: t('sis.col.fullAt'),
                  width: 170,
                  render: (_, d) => (
                    <Form.Item
                      name={['fullAtOverrides', d.code]}
                      style={{ margin: 0 }}
                      extra={t('sis.default', { value: tableFullAt(d) })}
                    >
                      <InputNumber min={0.01} max={1} step={0.05} aria-label={`${t('sis.col.fullAt')}: ${d.nameVi}`} />
                    </Form.Item>
                  ),
                },
              ]}
            />
          </Card>

          <Card title={t('sis.section.applicability')} style={{ marginBottom: 16 }}>
            <Typography.Paragraph type="secondary">{hint('notApplicable', null)}</Typography.Paragraph>
            {LEVELS.map((level) => {
              const table = tableNotApplicable(level);
              return (
                <Form.Item key={level} label={t(`sis.level.${level}` as MessageKey)}>
                  <Form.Item name={['naCustom', level]} valuePropName="checked" noStyle>
                    <Checkbox>{t('sis.naCustom')}</Checkbox>
                  </Form.Item>
                  <Form.Item noStyle dependencies={[['naCustom', level]]}>
                    {({ getFieldValue }) => (
                      <Form.Item
                        name={['notApplicable', level]}
                        style={{ marginTop: 8, marginBottom: 0 }}
                        extra={t('sis.naTable', { list: table.join(', ') || t('sis.none') })}
                      >
                        <Select
                          mode="multiple"
                          options={codeOptions}
                          disabled={!getFieldValue(['naCustom', level])}
                          aria-label={t(`sis.level.${level}` as MessageKey)}
                        />
                      </Form.Item>
                    )}
                  </Form.Item>
                </Form.Item>
              );
            })}
          </Card>

          <Card title={t('sis.section.rules')} style={{ marginBottom: 16 }}>
            {(['notApplicablePolicy', 'zeroDenominator', 'noPetitionPolicy'] as const).map(choiceItem)}
            <Form.Item
              name="capP2"
              label={t('sis.capP2')}
              valuePropName="checked"
              extra={hint('capP2', defaults ? yesNo(defaults.capP2) : '')}
            >
              <Switch />
            </Form.Item>
            <Form.Item
              label={t('sis.syncFallbackDivisor')}
              extra={hint(
                'syncFallbackDivisor',
                defaults
                  ? KINDS.map(
                      (k) => `${t(`sis.period.${k}` as MessageKey)} ${defaults.syncFallbackDivisor[k] ?? '—'}`,
                    ).join(', ')
                  : '',
              )}
            >
              <Space wrap>
                {KINDS.map((k) => (
                  <Form.Item key={k} name={['syncFallbackDivisor', k]} style={{ margin: 0 }}>
                    <InputNumber
                      min={1}
                      max={366}
                      precision={0}
                      prefix={t(`sis.period.${k}` as MessageKey)}
                      placeholder={t('sis.divisorEmpty')}
                      aria-label={`${t('sis.syncFallbackDivisor')} ${t(`sis.period.${k}` as MessageKey)}`}
                      style={{ width: 230 }}
                    />
                  </Form.Item>
                ))}
              </Space>
            </Form.Item>
            {(['syncFallbackZero', 'onTimeScope'] as const).map(choiceItem)}
            <Form.Item
              name="displayDecimals"
              label={t('sis.displayDecimals')}
              extra={hint('displayDecimals', defaults?.displayDecimals ?? '')}
            >
              <InputNumber min={0} max={4} precision={0} />
            </Form.Item>
          </Card>

          <Card title={t('sis.section.bieu06')} style={{ marginBottom: 16 }}>
            <Form.Item
              name="bieu06ClosedCountsAsResolved"
              label={t('sis.bieu06ClosedCountsAsResolved')}
              valuePropName="checked"
              extra={hint('bieu06ClosedCountsAsResolved', defaults ? yesNo(defaults.bieu06ClosedCountsAsResolved) : '')}
            >
              <Switch />
            </Form.Item>
            {current && (
              <Typography.Paragraph type="secondary">
                {t('sis.granularity', { value: current.settings.timelinessGranularity })}
              </Typography.Paragraph>
            )}
          </Card>

          <Space>
            <Button type="primary" htmlType="submit" loading={saving}>
              {t('sis.save')}
            </Button>
            <Button
              onClick={() => {
                if (!defaults) return;
                form.setFieldsValue(toValues(defaults));
                message.info(t('sis.resetDone'));
              }}
            >
              {t('sis.resetDefaults')}
            </Button>
          </Space>
        </Form>
      )}
    </>
  );
}
