import { rolePermissions, type Permission, type Role } from './roles';

export interface GrantScope {
  role: Role;
  unitId: string;
  includeSubtree: boolean;
}

export interface Actor {
  userId: string;
  username: string;
  grants: readonly GrantScope[];
}

function covers(grant: GrantScope, unitPath: readonly string[]): boolean {
  // unitPath is the target unit followed by its ancestors up to the root.
  if (unitPath[0] === grant.unitId) return true;
  return grant.includeSubtree && unitPath.includes(grant.unitId);
}

/** Deny by default: true only when a grant holds the permission on the unit (or on an ancestor, with subtree). */
export function isAllowed(actor: Actor | undefined, permission: Permission, unitPath: readonly string[]): boolean {
  if (!actor || unitPath.length === 0) return false;
  return actor.grants.some((g) => rolePermissions[g.role].includes(permission) && covers(g, unitPath));
}

/** Whether any grant of the actor holds the permission, whatever the unit (for listing pages). */
export function hasPermissionSomewhere(actor: Actor | undefined, permission: Permission): boolean {
  return !!actor && actor.grants.some((g) => rolePermissions[g.role].includes(permission));
}

/** The grants through which the actor holds a permission: the scope of a listing. */
export function scopesFor(actor: Actor | undefined, permission: Permission): GrantScope[] {
  return actor ? actor.grants.filter((g) => rolePermissions[g.role].includes(permission)) : [];
}
