import type { ReactNode } from 'react';
import {
  AlertOutlined,
  BranchesOutlined,
  AuditOutlined,
  CalculatorOutlined,
  CalendarOutlined,
  CheckSquareOutlined,
  ClusterOutlined,
  ControlOutlined,
  DashboardOutlined,
  FileExcelOutlined,
  FileSearchOutlined,
  FormOutlined,
  GlobalOutlined,
  HomeOutlined,
  InboxOutlined,
  RiseOutlined,
  ProfileOutlined,
  ScissorOutlined,
  SettingOutlined,
  TeamOutlined,
  TrophyOutlined,
} from '@ant-design/icons';
import type { Role } from '../api/types';
import type { MessageKey } from '../i18n';

export interface NavItem {
  path: string;
  labelKey: MessageKey;
  /** Empty = every signed-in user. */
  roles: Role[];
  icon: ReactNode;
  /** Set for modules not built yet: the route shows an "under construction" page. */
  placeholderKey?: MessageKey;
  group?: 'admin';
}

/** Roles holding 'reports.read': the service index, dashboards and statutory reports (pages/serviceIndex). */
export const REPORT_ROLES: Role[] = ['UNIT_LEADER', 'INSPECTOR', 'REFORM_OFFICER', 'SUPERVISOR', 'SYSTEM_ADMIN'];

export const NAV_ITEMS: NavItem[] = [
  { path: '/', labelKey: 'menu.home', roles: [], icon: <HomeOutlined /> },
  // officer workspace (pages/dossiers)
  { path: '/ho-so/tiep-nhan', labelKey: 'menu.dsReception', roles: ['COUNTER_OFFICER'], icon: <InboxOutlined /> },
  { path: '/ho-so/cua-toi', labelKey: 'menu.dsMine', roles: ['SPECIALIST', 'UNIT_LEADER'], icon: <FormOutlined /> },
  {
    path: '/ho-so/don-vi',
    labelKey: 'menu.dsUnit',
    roles: ['COUNTER_OFFICER', 'UNIT_LEADER'],
    icon: <CheckSquareOutlined />,
  },
  {
    path: '/ho-so/lien-thong',
    labelKey: 'menu.dsCoordinating',
    roles: ['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER'],
    icon: <BranchesOutlined />,
  },
  { path: '/ho-so/canh-bao', labelKey: 'menu.dsWarning', roles: ['UNIT_LEADER'], icon: <AlertOutlined /> },
  {
    path: '/thanh-tra',
    labelKey: 'menu.inspection',
    roles: ['INSPECTOR'],
    icon: <AuditOutlined />,
    placeholderKey: 'placeholder.inspection',
  },
  {
    path: '/cai-cach',
    labelKey: 'menu.reform',
    roles: ['REFORM_OFFICER'],
    icon: <RiseOutlined />,
    placeholderKey: 'placeholder.reform',
  },
  // service index (Decision 766), dashboards and statutory reports (pages/serviceIndex)
  { path: '/chi-so-phuc-vu', labelKey: 'menu.serviceIndex', roles: REPORT_ROLES, icon: <TrophyOutlined /> },
  { path: '/bao-cao/dashboard', labelKey: 'menu.dashboard', roles: REPORT_ROLES, icon: <DashboardOutlined /> },
  { path: '/bao-cao/bieu-mau', labelKey: 'menu.statutoryReports', roles: REPORT_ROLES, icon: <FileExcelOutlined /> },
  {
    path: '/chi-so-phuc-vu/cau-hinh',
    labelKey: 'menu.serviceIndexSettings',
    roles: ['SYSTEM_ADMIN', 'REFORM_OFFICER'],
    icon: <ControlOutlined />,
  },
  {
    // roles holding serviceIndex.evaluate
    path: '/chi-so-phuc-vu/doi-chieu',
    labelKey: 'menu.serviceIndexEvaluate',
    roles: ['SYSTEM_ADMIN', 'REFORM_OFFICER'],
    icon: <CalculatorOutlined />,
  },
  {
    path: '/tra-cuu',
    labelKey: 'menu.lookup',
    roles: ['CITIZEN'],
    icon: <FileSearchOutlined />,
  },
  {
    path: '/dich-vu-cong',
    labelKey: 'menu.publicServices',
    roles: ['CITIZEN'],
    icon: <GlobalOutlined />,
  },
  {
    path: '/quan-tri/don-vi',
    labelKey: 'menu.adminUnits',
    roles: ['SYSTEM_ADMIN'],
    icon: <ClusterOutlined />,
    group: 'admin',
  },
  {
    path: '/quan-tri/nguoi-dung',
    labelKey: 'menu.adminUsers',
    roles: ['SYSTEM_ADMIN'],
    icon: <TeamOutlined />,
    group: 'admin',
  },
  {
    path: '/quan-tri/thu-tuc',
    labelKey: 'menu.adminProcedures',
    roles: ['SYSTEM_ADMIN'],
    icon: <ProfileOutlined />,
    group: 'admin',
  },
  {
    path: '/quan-tri/don-gian-hoa',
    labelKey: 'menu.adminSimplification',
    roles: ['SYSTEM_ADMIN', 'REFORM_OFFICER'],
    icon: <ScissorOutlined />,
    group: 'admin',
  },
  {
    path: '/quan-tri/lich-lam-viec',
    labelKey: 'menu.adminCalendar',
    roles: ['SYSTEM_ADMIN'],
    icon: <CalendarOutlined />,
    group: 'admin',
  },
];

export const ADMIN_GROUP_ICON = <SettingOutlined />;

export function visibleNavItems(hasRole: (...roles: Role[]) => boolean): NavItem[] {
  return NAV_ITEMS.filter((i) => i.roles.length === 0 || hasRole(...i.roles));
}
