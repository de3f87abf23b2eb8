import { Suspense, useState } from 'react';
import { Link, Outlet, useNavigate } from 'react-router-dom';
import { Button, Layout, Space, Typography } from 'antd';
import { LogoutOutlined, MenuOutlined, UserOutlined } from '@ant-design/icons';
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
  // Below the lg breakpoint the sider collapses; a header button shows/hides it.
  const [narrow, setNarrow] = useState(false);
  const [menuOpen, setMenuOpen] = useState(false);

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
        {narrow && (
          <Button
            icon={<MenuOutlined aria-hidden />}
            aria-label={t('nav.toggle')}
            aria-expanded={menuOpen}
            aria-controls="app-sider"
            onClick={() => setMenuOpen((o) => !o)}
          />
        )}
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
        <Layout.Sider
          id="app-sider"
          width={272}
          className="app-sider"
          breakpoint="lg"
          collapsedWidth={0}
          trigger={null}
          collapsed={narrow && !menuOpen}
          onBreakpoint={(broken) => {
            setNarrow(broken);
            setMenuOpen(false);
          }}
        >
          <SideMenu onNavigate={() => setMenuOpen(false)} />
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
