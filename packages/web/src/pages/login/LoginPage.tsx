import { useState } from 'react';
import { Link, Navigate, useLocation, useNavigate } from 'react-router-dom';
import { Alert, Button, Card, Form, Input, Typography } from 'antd';
import { LockOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../../auth/AuthContext';
import { useT } from '../../i18n';
import { usePageTitle } from '../../usePageTitle';
import { applyProblemToForm, problemMessage } from '../../api/problem';
import { LanguageSwitch } from '../../layout/LanguageSwitch';

interface LoginValues {
  username: string;
  password: string;
}

export default function LoginPage() {
  const t = useT();
  const { status, login } = useAuth();
  const navigate = useNavigate();
  const location = useLocation();
  const [form] = Form.useForm<LoginValues>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  usePageTitle(t('login.title'));

  const from = (location.state as { from?: string } | null)?.from;
  const target = from && from !== '/dang-nhap' ? from : '/';
  if (status === 'authenticated' && !busy) return <Navigate to={target} replace />;

  const onFinish = async (values: LoginValues) => {
    setBusy(true);
    setError(null);
    try {
      await login(values.username.trim(), values.password);
      navigate(target, { replace: true });
    } catch (e) {
      applyProblemToForm(form, e, ['username', 'password']);
      setError(problemMessage(e, t));
      setBusy(false);
    }
  };

  return (
    <main className="login-page">
      <Card style={{ width: 400, maxWidth: '100%' }}>
        <div style={{ display: 'flex', justifyContent: 'flex-end' }}>
          <LanguageSwitch />
        </div>
        <Typography.Title level={1} style={{ fontSize: 24, marginBottom: 4 }}>
          {t('app.name')}
        </Typography.Title>
        <Typography.Paragraph>{t('login.subtitle')}</Typography.Paragraph>
        {error && (
          <Alert
            type="error"
            showIcon
            title={t('login.failed')}
            description={error}
            style={{ marginBottom: 16 }}
            role="alert"
          />
        )}
        <Form<LoginValues> form={form} layout="vertical" onFinish={onFinish} requiredMark={false} name="login">
          <Form.Item
            label={t('login.username')}
            name="username"
            rules={[{ required: true, whitespace: true, message: t('error.required', { field: t('login.username') }) }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('login.password')}
            name="password"
            rules={[{ required: true, message: t('error.required', { field: t('login.password') }) }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy}>
            {t('login.submit')}
          </Button>
        </Form>
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0, textAlign: 'center' }}>
          <Link to="/dich-vu-cong">{t('portal.fromLogin')}</Link>
        </Typography.Paragraph>
      </Card>
    </main>
  );
}
