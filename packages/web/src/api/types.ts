// Types of the public API (/api/v1), mirroring the server contract.

// The roles and unit types are the domain's own lists (one source for server and web).
import type { Role } from '@motcua/domain/access/roles';
import type { UnitType } from '@motcua/domain/units/unitTypes';

export { roles as ROLES } from '@motcua/domain/access/roles';
export { unitTypes as UNIT_TYPES } from '@motcua/domain/units/unitTypes';
export type { Role, UnitType };

/** Calendar date 'YYYY-MM-DD'. */
export type IsoDate = string;

export interface Grant {
  id: string;
  role: Role;
  unitId: string;
  unitCode: string;
  unitName: string;
  includeSubtree: boolean;
}

export interface User {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  grants: Grant[];
}

export interface Session {
  user: User;
  csrfToken: string;
}

export interface Unit {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  parentId: string | null;
  validFrom: IsoDate;
  validTo: IsoDate | null;
  childCount: number;
  version: number;
}

export interface UnitRef {
  id: string;
  code: string;
  name: string;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export interface AuditEntry {
  at: string;
  actor: string;
  action: string;
  summary: string;
}

export interface UnitDetail extends Unit {
  parent: UnitRef | null;
  predecessors: UnitRef[];
  successors: UnitRef[];
  history: AuditEntry[];
}

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export interface UnitInput {
  code: string;
  name: string;
  shortName?: string | null;
  type: UnitType;
  parentId: string | null;
  validFrom: IsoDate;
  validTo?: IsoDate | null;
}

export type ReorganisationKind = 'MERGE' | 'SPLIT';

export interface ReorganisationInput {
  kind: ReorganisationKind;
  effectiveDate: IsoDate;
  legalBasis: string;
  sourceIds: string[];
  targets: { code: string; name: string; type: UnitType; parentId: string | null }[];
}

export interface UserCreateInput {
  username: string;
  fullName: string;
  email?: string | null;
  phone?: string | null;
  password: string;
}

export interface UserPatch {
  fullName?: string;
  email?: string | null;
  phone?: string | null;
  active?: boolean;
  password?: string;
}

export interface GrantInput {
  role: Role;
  unitId: string;
  includeSubtree: boolean;
}

/** RFC 9457 problem details as sent by the server (detail is Vietnamese). */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code?: string;
  detail?: string;
  errors?: { field: string; message: string }[];
}
