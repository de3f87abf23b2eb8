import { useEffect, useState } from 'react';
import { Alert, App, Button, Checkbox, Drawer, Form, Popconfirm, Select, Table, Typography } from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { ROLES, type Grant, type Role, type User } from '../../../api/types';
import { usersApi } from '../../../api/users';
import { applyProblemToForm, problemMessage } from '../../../api/problem';
import { useT } from '../../../i18n';
import { UnitSelect } from '../../../components/UnitSelect';

interface GrantForm {
  role: Role;
  unitId: string;
  includeSubtree: boolean;
}

interface Props {
  user: User | null;
  onClose: () => void;
  onChanged: (user: User) => void;
}

/** View, add and revoke the role grants of one user. */
export function GrantsDrawer({ user, onClose, onChanged }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<GrantForm>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    setError(null);
  }, [user?.id]);

  const refresh = async (id: string) => onChanged(await usersApi.get(id));

  const add = async (v: GrantForm) => {
    if (!user) return;
    setBusy(true);
    setError(null);
    try {
      const g = await usersApi.addGrant(user.id, {
        role: v.role,
        unitId: v.unitId,
        includeSubtree: !!v.includeSubtree,
      });
      message.success(t('grants.added', { role: t(`role.${g.role}`), unit: g.unitName }));
      form.resetFields();
      await refresh(user.id);
    } catch (e) {
      const extra = applyProblemToForm(form, e, ['role', 'unitId', 'includeSubtree']);
      setError([problemMessage(e, t), ...extra].join(' '));
    } finally {
      setBusy(false);
    }
  };

  const revoke = async (g: Grant) => {
    if (!user) return;
    setError(null);
    try {
      await usersApi.revokeGrant(user.id, g.id);
      message.success(t('grants.revoked'));
      await refresh(user.id);
    } catch (e) {
      setError(problemMessage(e, t));
    }
  };

  return (
    <Drawer
      open={!!user}
      onClose={onClose}
      size={720}
      title={user ? t('users.grantsTitle', { name: `${user.fullName} (${user.username})` }) : ''}
      closable={{ 'aria-label': t('common.close') }}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 0 }}>
        {t('grants.current')}
      </Typography.Title>
      <Table<Grant>
        rowKey="id"
        size="small"
        pagination={false}
        dataSource={user?.grants ?? []}
        locale={{ emptyText: t('grants.none') }}
        columns={[
          { title: t('grants.role'), key: 'role', render: (_, g) => t(`role.${g.role}`) },
          { title: t('grants.unit'), key: 'unit', render: (_, g) => `${g.unitName} (${g.unitCode})` },
          {
            title: t('grants.includeSubtree'),
            key: 'sub',
            width: 120,
            render: (_, g) => (g.includeSubtree ? t('common.yes') : t('common.no')),
          },
          {
            title: t('common.actions'),
            key: 'actions',
            width: 120,
            render: (_, g) => (
              <Popconfirm
                title={t('grants.revokeConfirm')}
                okText={t('grants.revoke')}
                cancelText={t('common.cancel')}
                onConfirm={() => revoke(g)}
              >
                <Button
                  danger
                  size="small"
                  icon={<DeleteOutlined aria-hidden />}
                  aria-label={t('grants.revokeLabel', { role: t(`role.${g.role}`), unit: g.unitName })}
                >
                  {t('grants.revoke')}
                </Button>
              </Popconfirm>
            ),
          },
        ]}
      />

      <Typography.Title level={2} style={{ fontSize: 16, marginTop: 24 }}>
        {t('grants.add')}
      </Typography.Title>
      <Form<GrantForm>
        form={form}
        layout="vertical"
        name="grant-add"
        onFinish={add}
        initialValues={{ includeSubtree: false }}
      >
        <Form.Item
          name="role"
          label={t('grants.role')}
          rules={[{ required: true, message: t('error.required', { field: t('grants.role') }) }]}
        >
          <Select
            placeholder={t('grants.selectRole')}
            options={ROLES.map((r) => ({ value: r, label: t(`role.${r}`) }))}
          />
        </Form.Item>
        <Form.Item
          name="unitId"
          label={t('grants.unit')}
          rules={[{ required: true, message: t('error.required', { field: t('grants.unit') }) }]}
        >
          <UnitSelect />
        </Form.Item>
        <Form.Item name="includeSubtree" valuePropName="checked">
          <Checkbox>{t('grants.includeSubtree')}</Checkbox>
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined aria-hidden />} loading={busy}>
          {t('grants.addSubmit')}
        </Button>
      </Form>
    </Drawer>
  );
}
