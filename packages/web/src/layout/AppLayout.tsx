import { Suspense } from 'react';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { Button, Layout, Space, Typography } from 'antd';
import { LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext';
import { FullPageSpin } from '../auth/guards';
import { useT } from '../i18n';
import { SideMenu } from './SideMenu';
import { UnitSwitcher } from './UnitSwitcher';
import { LanguageSwitch } from './LanguageSwitch';

export function AppLayout() {
  const t = useT();
  const { user, logout } = useAuth();
  const navigate = useNavigate();

  const onLogout = async () => {
    await logout().catch(() => undefined);
    navigate('/dang-nhap', { replace: true });
  };

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="app-header">
        <Link to="/" className="app-brand">
          {t('app.name')}
        </Link>
        <UnitSwitcher />
        <LanguageSwitch />
        <Space size={6}>
          <UserOutlined aria-hidden />
          <Typography.Text strong data-testid="header-user">
            {user?.fullName}
          </Typography.Text>
        </Space>
        <Button icon={<LogoutOutlined aria-hidden />} onClick={onLogout}>
          {t('header.logout')}
        </Button>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={272} className="app-sider" breakpoint="lg" collapsedWidth={0} trigger={null}>
          <SideMenu />
        </Layout.Sider>
        <Layout.Content id="main-content" tabIndex={-1} className="app-content">
          <Suspense fallback={<FullPageSpin />}>
            <Outlet />
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
