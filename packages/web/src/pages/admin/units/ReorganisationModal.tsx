import { Alert, App, Button, Card, DatePicker, Form, Input, Modal, Radio, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { UNIT_TYPES, type ReorganisationKind, type Unit, type UnitType } from '../../../api/types';
import { unitsApi } from '../../../api/units';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useT } from '../../../i18n';
import { DATE_FORMAT, toIsoDate } from '../../../format';
import { UnitSelect } from '../../../components/UnitSelect';

interface TargetValues {
  code: string;
  name: string;
  type: UnitType;
  parentId: string | null;
}

interface FormValues {
  kind: ReorganisationKind;
  effectiveDate: Dayjs;
  legalBasis: string;
  sourceIds: string[];
  targets: TargetValues[];
}

const FIELDS = ['kind', 'effectiveDate', 'legalBasis', 'sourceIds', 'targets'];
const emptyTarget = (): Partial<TargetValues> => ({ type: 'COMMUNE', parentId: null });

interface Props {
  open: boolean;
  onClose: () => void;
  onDone: (targets: Unit[]) => void;
}

/** Merge several units into one, or split one into several, on an effective date. */
export function ReorganisationModal({ open, onClose, onDone }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { busy, error, handler } = useFormSubmit(form, FIELDS, { open });
  const kind = Form.useWatch('kind', form) ?? 'MERGE';
  const effective = Form.useWatch('effectiveDate', form) as Dayjs | undefined;
  // Sources are valid up to the day before the effective date; targets' parents on it.
  const sourceAsOf = toIsoDate((effective ?? dayjs()).subtract(1, 'day'));
  const targetAsOf = toIsoDate(effective ?? dayjs());

  const onKindChange = (k: ReorganisationKind) => {
    const targets = form.getFieldValue('targets') as Partial<TargetValues>[] | undefined;
    const sources = (form.getFieldValue('sourceIds') as string[] | undefined) ?? [];
    if (k === 'SPLIT') {
      form.setFieldValue('sourceIds', sources.slice(0, 1));
      if ((targets?.length ?? 0) < 2) form.setFieldValue('targets', [...(targets ?? []), emptyTarget()].slice(0, 2));
    } else if (targets && targets.length > 1) {
      form.setFieldValue('targets', targets.slice(0, 1));
    }
  };

  const submit = handler(async (v) => {
    const res = await unitsApi.reorganise({
      kind: v.kind,
      effectiveDate: toIsoDate(v.effectiveDate),
      legalBasis: v.legalBasis.trim().normalize('NFC'),
      sourceIds: v.sourceIds,
      targets: v.targets.map((x) => ({
        code: x.code.trim(),
        name: x.name.trim().normalize('NFC'),
        type: x.type,
        parentId: x.parentId ?? null,
      })),
    });
    message.success(t('reorg.done', { count: res.targets.length, names: res.targets.map((u) => u.name).join(', ') }));
    onDone(res.targets);
  });

  return (
    <Modal
      open={open}
      title={t('reorg.title')}
      okText={t('reorg.submit')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
      width={760}
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        name="reorganisation"
        initialValues={{ kind: 'MERGE', effectiveDate: dayjs(), sourceIds: [], targets: [emptyTarget()] }}
      >
        <Form.Item name="kind" label={t('reorg.kind')}>
          <Radio.Group
            onChange={(e) => onKindChange(e.target.value as ReorganisationKind)}
            options={[
              { value: 'MERGE', label: t('reorg.merge') },
              { value: 'SPLIT', label: t('reorg.split') },
            ]}
          />
        </Form.Item>
        <div style={{ display: 'flex', gap: 16, flexWrap: 'wrap' }}>
          <Form.Item
            name="effectiveDate"
            label={t('reorg.effectiveDate')}
            rules={[{ required: true, message: t('error.required', { field: t('reorg.effectiveDate') }) }]}
          >
            <DatePicker format={DATE_FORMAT} allowClear={false} />
          </Form.Item>
          <Form.Item
            name="legalBasis"
            label={t('reorg.legalBasis')}
            style={{ flex: 1, minWidth: 280 }}
            rules={[
              { required: true, whitespace: true, message: t('error.required', { field: t('reorg.legalBasis') }) },
            ]}
          >
            <Input placeholder={t('reorg.legalBasisPlaceholder')} maxLength={500} />
          </Form.Item>
        </div>
        <Form.Item
          name="sourceIds"
          label={kind === 'MERGE' ? t('reorg.sources') : t('reorg.source')}
          extra={t('reorg.sourcesHelp')}
          rules={[
            {
              validator: (_, value: string[] | undefined) => {
                const n = value?.length ?? 0;
                if (kind === 'MERGE' && n < 2) return Promise.reject(new Error(t('reorg.minSources')));
                if (kind === 'SPLIT' && n !== 1)
                  return Promise.reject(new Error(t('error.required', { field: t('reorg.source') })));
                return Promise.resolve();
              },
            },
          ]}
        >
          <UnitSelect multiple maxCount={kind === 'SPLIT' ? 1 : undefined} asOf={sourceAsOf} />
        </Form.Item>

        <Form.List
          name="targets"
          rules={[
            {
              validator: async (_, value: unknown[] | undefined) => {
                if (kind === 'SPLIT' && (value?.length ?? 0) < 2) throw new Error(t('reorg.minTargets'));
              },
            },
          ]}
        >
          {(fields, { add, remove }, { errors }) => (
            <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
              <legend style={{ fontWeight: 500, marginBottom: 8 }}>{t('reorg.targets')}</legend>
              {fields.map((field, index) => (
                <Card
                  key={field.key}
                  size="small"
                  style={{ marginBottom: 12 }}
                  title={t('reorg.target', { n: index + 1 })}
                  extra={
                    fields.length > (kind === 'SPLIT' ? 2 : 1) && (
                      <Button
                        type="text"
                        danger
                        icon={<DeleteOutlined aria-hidden />}
                        aria-label={t('reorg.removeTarget', { n: index + 1 })}
                        onClick={() => remove(field.name)}
                      />
                    )
                  }
                >
                  <div
                    style={{
                      display: 'grid',
                      gridTemplateColumns: 'repeat(auto-fit, minmax(200px, 1fr))',
                      columnGap: 12,
                    }}
                  >
                    <Form.Item
                      name={[field.name, 'name']}
                      label={t('units.name')}
                      rules={[
                        { required: true, whitespace: true, message: t('error.required', { field: t('units.name') }) },
                      ]}
                    >
                      <Input maxLength={200} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'code']}
                      label={t('units.code')}
                      rules={[
                        { required: true, whitespace: true, message: t('error.required', { field: t('units.code') }) },
                      ]}
                    >
                      <Input maxLength={40} placeholder={t('units.codePlaceholder')} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'type']} label={t('units.type')} rules={[{ required: true }]}>
                      <Select options={UNIT_TYPES.map((v) => ({ value: v, label: t(`unitType.${v}`) }))} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'parentId']} label={t('units.parent')}>
                      <UnitSelect allowClear asOf={targetAsOf} placeholder={t('units.noParent')} />
                    </Form.Item>
                  </div>
                </Card>
              ))}
              <Form.ErrorList errors={errors} />
              {(kind === 'SPLIT' || fields.length === 0) && (
                <Button icon={<PlusOutlined aria-hidden />} onClick={() => add(emptyTarget())}>
                  {t('reorg.addTarget')}
                </Button>
              )}
            </fieldset>
          )}
        </Form.List>
      </Form>
    </Modal>
  );
}
