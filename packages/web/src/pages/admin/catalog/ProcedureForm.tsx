import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Collapse, DatePicker, Form, Input, Radio, Select, Space } from 'antd';
import { PlusOutlined, SaveOutlined } from '@ant-design/icons';
import dayjs from 'dayjs';
import { ApiError } from '../../../api/client';
import { problemMessage, applyProblemToForm } from '../../../api/problem';
import {
  EXCLUDED_PERIODS,
  ONLINE_LEVELS,
  PROCEDURE_LEVELS,
  SUPPLEMENT_MODES,
  catalogApi,
  type ProcedureDetail,
} from '../../../api/catalog';
import { useT } from '../../../i18n';
import { DATE_FORMAT, formatDate, formatNumber } from '../../../format';
import { UnitSelect } from '../../../components/UnitSelect';
import { MethodsEditor } from './MethodsEditor';
import { DocumentsEditor } from './DocumentsEditor';
import {
  COLLAPSED_FIELDS,
  FORM_FIELDS,
  toFormValues,
  toVersionInput,
  type ProcedureFormValues,
} from './procedureFormValues';

interface Props {
  procedure: ProcedureDetail;
  onSaved: (p: ProcedureDetail) => void;
  /** After a 412: reload the latest data. */
  onConflict: () => void;
}

/** Editor of a procedure's current version; saving posts a (corrected or new) version with If-Match. */
export function ProcedureForm({ procedure, onSaved, onConflict }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<ProcedureFormValues>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [newVersion, setNewVersion] = useState(false);

  useEffect(() => {
    form.resetFields();
    form.setFieldsValue(toFormValues(procedure));
    setNewVersion(false);
  }, [procedure, form]);

  const startNewVersion = () => {
    setNewVersion(true);
    form.setFieldsValue({
      effectiveFrom: dayjs(),
      effectiveTo: null,
      publicationDecisionNo: '',
      publicationDecisionDate: null,
    });
    document.getElementById('proc-form_publicationDecisionNo')?.focus();
  };

  const required = (field: string) => [{ required: true, whitespace: true, message: t('error.required', { field }) }];

  const submit = async () => {
    let values: ProcedureFormValues;
    try {
      values = await form.validateFields();
    } catch {
      setError(t('proc.fixErrors'));
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const saved = await catalogApi.addVersion(procedure.code, procedure.version, toVersionInput(values));
      if (saved.currentVersion.seq === procedure.currentVersion.seq && saved.version === procedure.version)
        message.info(t('proc.unchanged'));
      else if (saved.currentVersion.seq !== procedure.currentVersion.seq)
        message.success(t('proc.savedNewVersion', { seq: saved.currentVersion.seq, code: saved.code }));
      else message.success(t('proc.saved', { code: saved.code }));
      onSaved(saved);
    } catch (e) {
      const extra = applyProblemToForm(form, e, FORM_FIELDS, COLLAPSED_FIELDS);
      const conflict = e instanceof ApiError && e.status === 412;
      setError([conflict ? t('proc.conflict') : problemMessage(e, t), ...extra].join(' '));
      if (conflict) onConflict();
    } finally {
      setBusy(false);
    }
  };

  const general = (
    <>
      <Form.Item name="name" label={t('proc.name')} rules={required(t('proc.name'))}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
      </Form.Item>
      <div className="form-grid">
        <Form.Item name="field" label={t('proc.field')} rules={required(t('proc.field'))}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item
          name="levels"
          label={t('proc.levels')}
          rules={[{ required: true, message: t('error.required', { field: t('proc.levels') }) }]}
        >
          <Select mode="multiple" options={PROCEDURE_LEVELS.map((l) => ({ value: l, label: t(`ca.level.${l}`) }))} />
        </Form.Item>
        <Form.Item name="levelText" label={t('proc.levelText')}>
          <Input maxLength={200} />
        </Form.Item>
      </div>
      <div className="form-grid">
        <Form.Item name="agency" label={t('proc.agency')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
        </Form.Item>
        <Form.Item name="competentAuthority" label={t('proc.competentAuthority')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
        </Form.Item>
      </div>
      <Form.Item name="subjects" label={t('proc.subjects')}>
        <Input.TextArea autoSize={{ minRows: 1, maxRows: 3 }} maxLength={2000} />
      </Form.Item>
      <Form.Item name="procedureType" label={t('proc.procedureType')}>
        <Input maxLength={300} />
      </Form.Item>
      <Form.Item name="conditions" label={t('proc.conditions')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20000} />
      </Form.Item>
      <div className="form-grid">
        <Form.Item name="resultType" label={t('proc.resultType')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="resultCodes" label={t('proc.resultCodes')}>
          <Select mode="tags" open={false} suffixIcon={null} />
        </Form.Item>
      </div>
      <Form.Item name="legalBasis" label={t('proc.legalBasis')} extra={t('proc.legalBasisHelp')}>
        <Input.TextArea autoSize={{ minRows: 2, maxRows: 10 }} />
      </Form.Item>
    </>
  );

  const methods = (
    <>
      <MethodsEditor />
      <div className="form-grid" style={{ marginTop: 16 }}>
        <Form.Item name="processingTimeText" label={t('proc.processingTimeText')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} />
        </Form.Item>
        <Form.Item name="feeText" label={t('proc.feeText')}>
          <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={10000} />
        </Form.Item>
      </div>
      <div className="form-grid">
        <Form.Item name="onlineLevel" label={t('proc.onlineLevel')}>
          <Select
            options={[...ONLINE_LEVELS, 'UNKNOWN' as const].map((l) => ({ value: l, label: t(`ca.onlineLevel.${l}`) }))}
          />
        </Form.Item>
        <Form.Item name="fullOnlineEligible" label={t('proc.fullOnlineEligible')}>
          <Select
            options={[
              { value: 'yes', label: t('common.yes') },
              { value: 'no', label: t('common.no') },
              { value: 'unknown', label: t('proc.unknown') },
            ]}
          />
        </Form.Item>
      </div>
    </>
  );

  const documents = (
    <>
      <DocumentsEditor />
      <Form.Item name="documentNotes" hidden>
        <Input.TextArea />
      </Form.Item>
    </>
  );

  const rules = (
    <>
      <div className="form-grid">
        <Form.Item
          name="cutoffTime"
          label={t('proc.cutoffTime')}
          rules={[{ pattern: /^([01]\d|2[0-3]):[0-5]\d$/, message: t('proc.cutoffPlaceholder') }]}
        >
          <Input placeholder={t('proc.cutoffPlaceholder')} maxLength={5} style={{ maxWidth: 160 }} />
        </Form.Item>
        <Form.Item name="supplementClockMode" label={t('proc.supplementClockMode')}>
          <Radio.Group options={SUPPLEMENT_MODES.map((m) => ({ value: m, label: t(`ca.supplement.${m}`) }))} />
        </Form.Item>
      </div>
      <Form.Item name="excludedPeriods" label={t('proc.excludedPeriods')}>
        <Checkbox.Group options={EXCLUDED_PERIODS.map((p) => ({ value: p, label: t(`ca.excluded.${p}`) }))} />
      </Form.Item>
    </>
  );

  const version = (
    <>
      <Alert type="info" showIcon title={t('proc.editHint')} style={{ marginBottom: 16 }} />
      <div className="form-grid">
        <Form.Item name="publicationDecisionNo" label={t('proc.decisionNo')}>
          <Input maxLength={200} placeholder={t('proc.decisionNoPlaceholder')} />
        </Form.Item>
        <Form.Item name="publicationDecisionDate" label={t('proc.decisionDate')}>
          <DatePicker format={DATE_FORMAT} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item
          name="effectiveFrom"
          label={t('proc.effectiveFrom')}
          rules={[{ required: true, message: t('error.required', { field: t('proc.effectiveFrom') }) }]}
        >
          <DatePicker format={DATE_FORMAT} allowClear={false} style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="effectiveTo" label={t('proc.effectiveTo')}>
          <DatePicker format={DATE_FORMAT} placeholder={t('proc.openEnded')} style={{ width: '100%' }} />
        </Form.Item>
      </div>
      <Form.Item
        name="unitIds"
        label={t('proc.units')}
        extra={t('proc.unitsHelp', { count: formatNumber(procedure.currentVersion.unitCount) })}
      >
        <UnitSelect multiple allowClear />
      </Form.Item>
    </>
  );

  const count = (n: number) => ` (${formatNumber(n)})`;
  return (
    <Form<ProcedureFormValues> form={form} name="proc-form" layout="vertical" onFinish={submit} scrollToFirstError>
      {error && <Alert type="error" showIcon role="alert" title={error} style={{ marginBottom: 16 }} />}
      <Collapse
        defaultActiveKey={['general', 'methods', 'documents', 'rules', 'version']}
        items={[
          { key: 'general', label: t('proc.sectionGeneral'), children: general, forceRender: true },
          { key: 'methods', label: t('proc.sectionMethods'), children: methods, forceRender: true },
          {
            key: 'documents',
            label: `${t('proc.sectionDocuments')}${count(procedure.documents.length)}`,
            children: documents,
            forceRender: true,
          },
          { key: 'rules', label: t('proc.sectionRules'), children: rules, forceRender: true },
          {
            key: 'version',
            label: `${t('proc.sectionVersion')} — ${t('proc.currentVersion', { seq: procedure.currentVersion.seq, from: formatDate(procedure.currentVersion.effectiveFrom) })}`,
            children: version,
            forceRender: true,
          },
        ]}
      />
      <Space
        style={{ marginTop: 16, position: 'sticky', bottom: 0, background: '#fff', padding: '12px 0', width: '100%' }}
      >
        <Button type="primary" htmlType="submit" loading={busy} icon={<SaveOutlined aria-hidden />}>
          {newVersion ? t('proc.saveVersion') : t('common.save')}
        </Button>
        {!newVersion && (
          <Button icon={<PlusOutlined aria-hidden />} onClick={startNewVersion}>
            {t('proc.newVersion')}
          </Button>
        )}
      </Space>
    </Form>
  );
}
