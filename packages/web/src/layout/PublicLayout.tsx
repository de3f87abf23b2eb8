import { Suspense } from 'react';
import { Link, NavLink, Outlet } from 'react-router-dom';
import { Layout } from 'antd';
import { LoginOutlined } from '@ant-design/icons';
import { useAuth } from '../auth/AuthContext';
import { FullPageSpin } from '../auth/guards';
import { useT } from '../i18n';
import { LanguageSwitch } from './LanguageSwitch';
import './portal.css';

/** Layout of the public portal (/dich-vu-cong) and of public tracking (/tra-cuu): no sign-in needed. */
export default function PublicLayout() {
  const t = useT();
  const { status } = useAuth();
  const links = [
    { to: '/dich-vu-cong', label: t('portal.navHome'), end: true },
    { to: '/dich-vu-cong/thu-tuc', label: t('portal.navCatalog'), end: false },
    { to: '/dich-vu-cong/thoi-han', label: t('portal.navDue'), end: false },
    { to: '/tra-cuu', label: t('portal.navTrack'), end: false },
    { to: '/cong-khai/chi-so', label: t('portal.navTransparency'), end: false },
    { to: '/dich-vu-cong/ho-so-cua-toi', label: t('portal.navMine'), end: false },
  ];
  return (
    <div className="portal">
      <a className="skip-link" href="#main-content">
        {t('app.skipToContent')}
      </a>
      <Layout.Header className="portal-header" style={{ height: 'auto', lineHeight: 1.4 }}>
        <Link to="/dich-vu-cong" className="portal-brand">
          {t('portal.name')}
        </Link>
        <nav aria-label={t('portal.nav')} className="portal-nav">
          <ul>
            {links.map((l) => (
              <li key={l.to}>
                <NavLink to={l.to} end={l.end}>
                  {l.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <LanguageSwitch />
        <Link to={status === 'authenticated' ? '/' : '/dang-nhap'} className="portal-login">
          <LoginOutlined aria-hidden /> {status === 'authenticated' ? t('portal.staffHome') : t('portal.staffLogin')}
        </Link>
      </Layout.Header>
      <main id="main-content" tabIndex={-1} className="portal-main">
        <Suspense fallback={<FullPageSpin />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="portal-footer">{t('portal.footer')}</footer>
    </div>
  );
}
