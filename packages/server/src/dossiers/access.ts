/**
 * Who may see and act on a dossier: officers through grants on its unit (or an ancestor with subtree), the
 * citizen who submitted it through ownership. Out of reach looks exactly like missing (404).
 */
import { DomainError, isAllowed, rolePermissions, type Role } from '@motcua/domain';
import { TRANSITIONS, type DossierActionType, type DossierState } from '@motcua/domain/dossier/index';
import type { RequestContext } from '../platform/context';
import { requireActor } from '../access/guard';
import { ancestorPath } from '../units/store';
import type { DossierRow } from './store';

export interface Reach {
  /** The roles the viewer holds on the dossier's unit (officer roles) plus CITIZEN for the submitter. */
  roles: Role[];
  owner: boolean;
}

export async function reachOf(ctx: RequestContext, row: Pick<DossierRow, 'unitId' | 'submittedBy'>): Promise<Reach> {
  const actor = requireActor(ctx);
  const path = await ancestorPath(ctx.db, row.unitId);
  const roles = new Set<Role>();
  for (const g of actor.grants) {
    if (g.role === 'CITIZEN') continue;
    if (isAllowed({ ...actor, grants: [g] }, 'dossiers.read', path)) roles.add(g.role);
  }
  const owner = row.submittedBy === actor.userId;
  if (owner) roles.add('CITIZEN');
  return { roles: [...roles], owner };
}

export async function requireVisible(ctx: RequestContext, row: DossierRow | undefined): Promise<Reach> {
  if (!row) throw new DomainError('NOT_FOUND');
  const reach = await reachOf(ctx, row);
  if (reach.roles.length === 0) throw new DomainError('NOT_FOUND');
  return reach;
}

const canAct = (role: Role) => role === 'CITIZEN' || rolePermissions[role].includes('dossiers.process');

/** The role the action is taken in: the first of the table row's roles the viewer holds on the dossier. */
export function roleForAction(reach: Reach, state: DossierState, type: DossierActionType): Role | undefined {
  const rows = TRANSITIONS.filter((t) => t.action === type && t.from.includes(state.state));
  for (const row of rows) {
    const role = row.roles.find((r) => reach.roles.includes(r) && canAct(r));
    if (role) return role;
  }
  return undefined;
}

/** Action types the table offers from the current state to one of the viewer's roles. */
export function allowedActionsFor(reach: Reach, state: DossierState): DossierActionType[] {
  const out = new Set<DossierActionType>();
  for (const row of TRANSITIONS) {
    if (!row.from.includes(state.state)) continue;
    if (row.regimes && state.regime && !row.regimes.includes(state.regime)) continue;
    if (row.roles.some((r) => reach.roles.includes(r) && canAct(r))) out.add(row.action);
  }
  return [...out];
}
