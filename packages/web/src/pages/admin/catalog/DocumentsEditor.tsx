import { Button, Card, Form, Input, InputNumber, Select } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { DOCUMENT_KINDS } from '../../../api/catalog';
import { useT } from '../../../i18n';
import { ListItemControls } from './ListItemControls';

/** The list of required documents: add, remove, reorder; kind, quantities and forms. */
export function DocumentsEditor() {
  const t = useT();
  return (
    <Form.List name="documents">
      {(items, { add, remove, move }) => (
        <>
          {items.map((item, i) => {
            const label = t('proc.document', { n: i + 1 });
            return (
              <Card
                key={item.key}
                size="small"
                title={label}
                style={{ marginBottom: 12 }}
                extra={
                  <ListItemControls
                    label={label}
                    index={i}
                    count={items.length}
                    removeLabel={t('proc.removeDocument', { n: i + 1 })}
                    move={move}
                    remove={() => remove(item.name)}
                  />
                }
              >
                <Form.Item
                  name={[item.name, 'name']}
                  label={t('proc.docName')}
                  rules={[
                    { required: true, whitespace: true, message: t('error.required', { field: t('proc.docName') }) },
                  ]}
                >
                  <Input.TextArea autoSize={{ minRows: 1, maxRows: 4 }} maxLength={5000} />
                </Form.Item>
                <div className="form-grid">
                  <Form.Item name={[item.name, 'kind']} label={t('proc.docKind')}>
                    <Select
                      allowClear
                      options={DOCUMENT_KINDS.map((k) => ({ value: k, label: t(`ca.docKind.${k}`) }))}
                    />
                  </Form.Item>
                  <Form.Item name={[item.name, 'originals']} label={t('proc.docOriginals')}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'copies']} label={t('proc.docCopies')}>
                    <InputNumber min={0} precision={0} style={{ width: '100%' }} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'quantityText']} label={t('proc.docQuantityText')}>
                    <Input maxLength={200} />
                  </Form.Item>
                </div>
                <div className="form-grid">
                  <Form.Item name={[item.name, 'forms']} label={t('proc.docForms')} extra={t('proc.docFormsHelp')}>
                    <Select mode="tags" open={false} suffixIcon={null} />
                  </Form.Item>
                  <Form.Item name={[item.name, 'group']} label={t('proc.docGroup')}>
                    <Input maxLength={2000} />
                  </Form.Item>
                </div>
              </Card>
            );
          })}
          <Button
            icon={<PlusOutlined aria-hidden />}
            onClick={() => add({ name: '', kind: 'ORIGINAL', originals: 1, copies: null, forms: [] })}
          >
            {t('proc.addDocument')}
          </Button>
        </>
      )}
    </Form.List>
  );
}
