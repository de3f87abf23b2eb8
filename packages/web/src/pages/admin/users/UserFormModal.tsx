import { Alert, App, Form, Input, Modal } from 'antd';
import type { User, UserPatch } from '../../../api/types';
import { usersApi } from '../../../api/users';
import { useFormSubmit } from '../../../components/useFormSubmit';
import { useT } from '../../../i18n';

interface FormValues {
  username: string;
  fullName: string;
  email?: string;
  phone?: string;
  password?: string;
}

const FIELDS = ['username', 'fullName', 'email', 'phone', 'password'];
const orNull = (s: string | undefined) => (s && s.trim() ? s.trim() : null);

interface Props {
  open: boolean;
  /** Edit this user; create when absent. */
  user?: User | null;
  onClose: () => void;
  onSaved: (user: User) => void;
}

export function UserFormModal({ open, user, onClose, onSaved }: Props) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<FormValues>();
  const { busy, error, handler } = useFormSubmit(form, FIELDS, { open });
  const editing = !!user;

  const submit = handler(async (v) => {
    let saved: User;
    const fullName = v.fullName.trim().normalize('NFC');
    if (user) {
      const patch: UserPatch = {};
      if (fullName !== user.fullName) patch.fullName = fullName;
      if (orNull(v.email) !== user.email) patch.email = orNull(v.email);
      if (orNull(v.phone) !== user.phone) patch.phone = orNull(v.phone);
      if (v.password) patch.password = v.password;
      saved = Object.keys(patch).length ? await usersApi.update(user.id, patch) : user;
      message.success(t('users.saved', { name: saved.fullName }));
    } else {
      saved = await usersApi.create({
        username: v.username.trim(),
        fullName,
        email: orNull(v.email),
        phone: orNull(v.phone),
        password: v.password ?? '',
      });
      message.success(t('users.created', { name: saved.fullName }));
    }
    onSaved(saved);
  });

  const required = (field: string) => ({ required: true, whitespace: true, message: t('error.required', { field }) });

  return (
    <Modal
      open={open}
      title={user ? t('users.editTitle', { name: user.username }) : t('users.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      onOk={submit}
      onCancel={onClose}
      confirmLoading={busy}
      destroyOnHidden
    >
      {error && <Alert type="error" showIcon title={error} role="alert" style={{ marginBottom: 16 }} />}
      <Form<FormValues>
        form={form}
        layout="vertical"
        name={editing ? 'user-edit' : 'user-create'}
        onFinish={submit}
        initialValues={
          user
            ? { username: user.username, fullName: user.fullName, email: user.email ?? '', phone: user.phone ?? '' }
            : {}
        }
      >
        <Form.Item name="username" label={t('users.username')} rules={editing ? [] : [required(t('users.username'))]}>
          <Input autoComplete="off" disabled={editing} maxLength={64} />
        </Form.Item>
        <Form.Item name="fullName" label={t('users.fullName')} rules={[required(t('users.fullName'))]}>
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="email" label={t('users.email')} rules={[{ type: 'email', message: t('error.email') }]}>
          <Input type="email" autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="phone" label={t('users.phone')}>
          <Input type="tel" autoComplete="off" maxLength={20} />
        </Form.Item>
        <Form.Item
          name="password"
          label={editing ? t('users.newPassword') : t('users.password')}
          rules={[
            ...(editing ? [] : [{ required: true, message: t('error.required', { field: t('users.password') }) }]),
            { min: 8, message: t('users.passwordMin') },
          ]}
        >
          <Input.Password autoComplete="new-password" />
        </Form.Item>
        <button type="submit" hidden />
      </Form>
    </Modal>
  );
}
