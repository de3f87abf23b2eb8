import { Menu, type MenuProps } from 'antd';
import { useLocation, useNavigate } from 'react-router-dom';
import { useAuth } from '../auth/AuthContext';
import { useT } from '../i18n';
import { ADMIN_GROUP_ICON, visibleNavItems } from './nav';

type MenuItem = Required<MenuProps>['items'][number];

export function SideMenu({ onNavigate }: { onNavigate?: () => void }) {
  const t = useT();
  const { hasRole } = useAuth();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const items = visibleNavItems(hasRole);

  const main: MenuItem[] = items
    .filter((i) => !i.group)
    .map((i) => ({ key: i.path, icon: i.icon, label: t(i.labelKey) }));
  const admin = items.filter((i) => i.group === 'admin');
  const menuItems: MenuItem[] = admin.length
    ? [
        ...main,
        {
          key: 'admin',
          icon: ADMIN_GROUP_ICON,
          label: t('menu.admin'),
          children: admin.map((i) => ({ key: i.path, icon: i.icon, label: t(i.labelKey) })),
        },
      ]
    : main;

  const selected = items
    .map((i) => i.path)
    .filter((p) => (p === '/' ? pathname === '/' : pathname === p || pathname.startsWith(`${p}/`)));

  return (
    <nav aria-label={t('nav.label')}>
      <Menu
        mode="inline"
        items={menuItems}
        selectedKeys={selected}
        defaultOpenKeys={['admin']}
        onClick={({ key }) => {
          navigate(key);
          onNavigate?.();
        }}
        style={{ borderInlineEnd: 'none' }}
      />
    </nav>
  );
}
