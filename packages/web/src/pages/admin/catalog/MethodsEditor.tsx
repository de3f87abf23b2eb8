import { Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { CHANNELS, TIME_UNITS } from '../../../api/catalog';
import { useT } from '../../../i18n';

const vnd = (v: number | string | undefined) =>
  v === undefined || v === '' ? '' : new Intl.NumberFormat('vi-VN').format(Number(v));
const parseVnd = (s: string | undefined) => Number((s ?? '').replace(/[^\d]/g, '')) as unknown as 0;

/** Per-channel time limit, fee and description (procedure methods). */
export function MethodsEditor() {
  const t = useT();
  return (
    <Form.List name="methods">
      {(items, { add, remove }) => (
        <>
          {items.map((item, i) => (
            <Card
              key={item.key}
              size="small"
              title={t('proc.method', { n: i + 1 })}
              style={{ marginBottom: 12 }}
              extra={
                <Button
                  type="text"
                  danger
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('proc.removeMethod', { n: i + 1 })}
                  disabled={items.length <= 1}
                  onClick={() => remove(item.name)}
                />
              }
            >
              <div className="form-grid">
                <Form.Item
                  name={[item.name, 'channel']}
                  label={t('proc.channel')}
                  rules={[{ required: true, message: t('error.required', { field: t('proc.channel') }) }]}
                >
                  <Select options={CHANNELS.map((c) => ({ value: c, label: t(`ca.channel.${c}`) }))} />
                </Form.Item>
                <Form.Item name={[item.name, 'time', 'value']} label={t('proc.timeValue')}>
                  <InputNumber min={0} max={10000} style={{ width: '100%' }} placeholder={t('proc.noTime')} />
                </Form.Item>
                <Form.Item name={[item.name, 'time', 'unit']} label={t('proc.timeUnit')}>
                  <Select allowClear options={TIME_UNITS.map((u) => ({ value: u, label: t(`ca.timeUnit.${u}`) }))} />
                </Form.Item>
                <Form.Item name={[item.name, 'feeVnd']} label={t('proc.feeVnd')}>
                  <InputNumber<number>
                    min={0}
                    step={1000}
                    style={{ width: '100%' }}
                    formatter={vnd}
                    parser={parseVnd}
                  />
                </Form.Item>
              </div>
              <div className="form-grid">
                <Form.Item name={[item.name, 'timeText']} label={t('proc.timeText')}>
                  <Input maxLength={2000} />
                </Form.Item>
                <Form.Item name={[item.name, 'feeText']} label={t('proc.feeText')}>
                  <Input maxLength={5000} />
                </Form.Item>
                <Form.Item name={[item.name, 'feeNote']} label={t('proc.feeNote')}>
                  <Input maxLength={2000} />
                </Form.Item>
              </div>
              <Form.Item name={[item.name, 'description']} label={t('proc.methodDescription')}>
                <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} />
              </Form.Item>
            </Card>
          ))}
          {items.length < 3 && (
            <Button
              icon={<PlusOutlined aria-hidden />}
              onClick={() => add({ channel: CHANNELS.find((_, k) => k === items.length) ?? 'direct', time: {} })}
            >
              {t('proc.addMethod')}
            </Button>
          )}
        </>
      )}
    </Form.List>
  );
}
