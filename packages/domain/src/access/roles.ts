/** The roles of the product. A role is granted on a unit, optionally with the unit's subtree. */
export const roles = [
  'CITIZEN',
  'COUNTER_OFFICER',
  'SPECIALIST',
  'UNIT_LEADER',
  'INSPECTOR',
  'REFORM_OFFICER',
  'SUPERVISOR',
  'SYSTEM_ADMIN',
] as const;
export type Role = (typeof roles)[number];

export const roleLabels: Record<Role, { vi: string; en: string }> = {
  CITIZEN: { vi: 'Công dân, tổ chức', en: 'Citizen' },
  COUNTER_OFFICER: { vi: 'Cán bộ tiếp nhận', en: 'Counter officer' },
  SPECIALIST: { vi: 'Chuyên viên xử lý', en: 'Specialist' },
  UNIT_LEADER: { vi: 'Lãnh đạo đơn vị', en: 'Unit leader' },
  INSPECTOR: { vi: 'Thanh tra công vụ', en: 'Inspector' },
  REFORM_OFFICER: { vi: 'Cán bộ cải cách hành chính (Sở Nội vụ)', en: 'Reform / home-affairs officer' },
  SUPERVISOR: { vi: 'Giám sát (chỉ xem báo cáo)', en: 'Supervisor (read-only reports)' },
  SYSTEM_ADMIN: { vi: 'Quản trị hệ thống', en: 'System administrator' },
};

/**
 * Permissions are named actions. Each context adds its own; a role holds a permission only if listed here,
 * so anything not listed is denied.
 */
export const permissions = [
  'units.read',
  'units.write',
  'users.read',
  'users.write',
  'grants.write',
  'audit.read',
  'audit.verify',
  'jobs.run',
  'reports.read',
  'calendar.write',
  'catalog.write',
  'simplification.write',
  'dossiers.receive',
  'dossiers.read',
  /** Act on a received dossier (assign, process, resolve, deliver …); the state table decides which action. */
  'dossiers.process',
  /** Submit online and act on one's own dossiers (supplement, withdrawal, rating). */
  'dossiers.submit',
  /** Score dossier records sent in the request (reconciliation, what-if); nothing is stored. */
  'serviceIndex.evaluate',
  /** Bring dossier histories from a province's former system. */
  'dossiers.import',
  /** Change the service-index settings of a province (the rules the spec leaves unconfirmed). */
  'serviceIndex.configure',
  /** Freeze ("chốt") a finished period's service-index results as a new immutable version. */
  'serviceIndex.freeze',
] as const;
export type Permission = (typeof permissions)[number];

export const rolePermissions: Record<Role, readonly Permission[]> = {
  CITIZEN: ['dossiers.submit'],
  COUNTER_OFFICER: ['units.read', 'dossiers.receive', 'dossiers.read', 'dossiers.process'],
  SPECIALIST: ['units.read', 'dossiers.read', 'dossiers.process'],
  UNIT_LEADER: ['units.read', 'reports.read', 'dossiers.read', 'dossiers.process'],
  INSPECTOR: ['units.read', 'reports.read', 'audit.read', 'dossiers.read'],
  REFORM_OFFICER: [
    'units.read',
    'reports.read',
    'simplification.write',
    'serviceIndex.evaluate',
    'serviceIndex.configure',
    'serviceIndex.freeze',
  ],
  SUPERVISOR: ['units.read', 'reports.read'],
  SYSTEM_ADMIN: [
    'units.read',
    'units.write',
    'users.read',
    'users.write',
    'grants.write',
    'audit.read',
    'audit.verify',
    'jobs.run',
    'reports.read',
    'calendar.write',
    'catalog.write',
    'simplification.write',
    'dossiers.read',
    'serviceIndex.evaluate',
    'dossiers.import',
    'serviceIndex.configure',
    'serviceIndex.freeze',
  ],
};
