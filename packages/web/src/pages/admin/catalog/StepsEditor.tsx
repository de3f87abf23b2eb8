import { Button, Card, Checkbox, Form, Input, InputNumber, Progress, Select, Typography } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { ROLES } from '../../../api/types';
import { UNIT_RULES, legalWorkingHours, type TimeLimit } from '../../../api/catalog';
import { UnitSelect } from '../../../components/UnitSelect';
import { useT } from '../../../i18n';
import { ListItemControls } from './ListItemControls';
import { formatNumber } from '../../../format';

export interface StepValues {
  name?: string;
  role?: string;
  unitRule?: string | null;
  unitId?: string | null;
  hours?: number | null;
  output?: string;
  allowSendBack?: boolean;
}

/** Live check of the sum of step budgets against the legal time (the server's check is authoritative). */
export function BudgetBar({ steps, legal }: { steps: StepValues[] | undefined; legal: TimeLimit | null }) {
  const t = useT();
  const total =
    Math.round(
      (steps ?? []).reduce((s, x) => s + (typeof x?.hours === 'number' && x.hours > 0 ? x.hours : 0), 0) * 100,
    ) / 100;
  if (!legal)
    return (
      <Typography.Paragraph type="secondary">
        {t('process.budgetUnknown', { total: formatNumber(total) })}
      </Typography.Paragraph>
    );
  const { hours, exact } = legalWorkingHours(legal);
  const over = total > hours;
  return (
    <div style={{ marginBottom: 16 }}>
      <div id="budget-text" aria-live="polite" style={{ color: over ? '#a8071a' : undefined, fontWeight: 500 }}>
        {t('process.budget', { total: formatNumber(total), legal: formatNumber(hours) })}
        {over && ` ${t('process.budgetExceeded', { over: formatNumber(Math.round((total - hours) * 100) / 100) })}`}
      </div>
      <Progress
        percent={Math.min(100, hours ? (total / hours) * 100 : 100)}
        status={over ? 'exception' : 'normal'}
        strokeColor={over ? '#cf1322' : undefined}
        showInfo={false}
        aria-label={t('process.budgetLabel')}
        aria-describedby="budget-text"
      />
      {!exact && <Typography.Text type="secondary">{t('process.budgetNotExact')}</Typography.Text>}
    </div>
  );
}

/** Ordered steps of an internal process: add, remove, reorder. */
export function StepsEditor({ disabled }: { disabled: boolean }) {
  const t = useT();
  return (
    <Form.List name="steps">
      {(items, { add, remove, move }, { errors }) => (
        <>
          {items.map((item, i) => {
            const label = t('process.step', { n: i + 1 });
            return (
              <Card
                key={item.key}
                size="small"
                title={label}
                style={{ marginBottom: 12 }}
                extra={
                  !disabled && (
                    <ListItemControls
                      label={label}
                      index={i}
                      count={items.length}
                      removeLabel={t('process.removeStep', { n: i + 1 })}
                      removeDisabled={items.length <= 1}
                      move={move}
                      remove={() => remove(item.name)}
                    />
                  )
                }
              >
                <div className="form-grid">
                  <Form.Item
                    name={[item.name, 'name']}
                    label={t('process.stepName')}
                    rules={[
                      {
                        required: true,
                        whitespace: true,
                        message: t('error.required', { field: t('process.stepName') }),
                      },
                    ]}
                  >
                    <Input maxLength={500} />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'role']}
                    label={t('process.role')}
                    rules={[{ required: true, message: t('error.required', { field: t('process.role') }) }]}
                  >
                    <Select
                      options={ROLES.filter((r) => r !== 'CITIZEN').map((r) => ({ value: r, label: t(`role.${r}`) }))}
                    />
                  </Form.Item>
                  <Form.Item
                    name={[item.name, 'hours']}
                    label={t('process.hours')}
                    rules={[{ required: true, message: t('error.required', { field: t('process.hours') }) }]}
                  >
                    <InputNumber min={0} max={10000} step={0.5} style={{ width: '100%' }} />
                  </Form.Item>
                </div>
                <div className="form-grid">
                  <Form.Item name={[item.name, 'unitRule']} label={t('process.unitRule')}>
                    <Select allowClear options={UNIT_RULES.map((r) => ({ value: r, label: t(`ca.unitRule.${r}`) }))} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'unitId']} label={t('process.stepUnit')}>
                    <UnitSelect allowClear />
                  </Form.Item>
                </div>
                <div className="form-grid">
                  <Form.Item name={[item.name, 'output']} label={t('process.output')}>
                    <Input maxLength={1000} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'allowSendBack']} valuePropName="checked" label=" ">
                    <Checkbox>{t('process.allowSendBack')}</Checkbox>
                  </Form.Item>
                </div>
              </Card>
            );
          })}
          <Form.ErrorList errors={errors} />
          {!disabled && (
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() =>
                add({ name: '', role: 'SPECIALIST', hours: 8, unitRule: 'COMPETENT_BODY', allowSendBack: false })
              }
            >
              {t('process.addStep')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
