import { DomainError, isAllowed, hasPermissionSomewhere, type Permission } from '@motcua/domain';
import type { RequestContext } from '../platform/context';
import { ancestorPath } from '../units/store';

export function requireActor(ctx: RequestContext) {
  if (!ctx.actor) throw new DomainError('AUTH_REQUIRED');
  return ctx.actor;
}

/** Permission on a specific unit (own unit, or an ancestor granted with its subtree). */
export async function requireOnUnit(ctx: RequestContext, permission: Permission, unitId: string): Promise<void> {
  const actor = requireActor(ctx);
  const path = await ancestorPath(ctx.db, unitId);
  if (!isAllowed(actor, permission, path)) throw new DomainError('FORBIDDEN');
}

/**
 * Same, but an out-of-scope unit looks exactly like a missing one (no existence leak). A role that holds the
 * permission nowhere is told so (403), whatever the unit.
 */
export async function requireOnUnitOr404(ctx: RequestContext, permission: Permission, unitId: string): Promise<void> {
  const actor = requireSomewhere(ctx, permission);
  const path = await ancestorPath(ctx.db, unitId);
  if (!isAllowed(actor, permission, path)) throw new DomainError('NOT_FOUND');
}

export function requireSomewhere(ctx: RequestContext, permission: Permission) {
  const actor = requireActor(ctx);
  if (!hasPermissionSomewhere(actor, permission)) throw new DomainError('FORBIDDEN');
  return actor;
}
