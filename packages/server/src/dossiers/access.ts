/**
 * Who may see and act on a dossier: officers through grants on its unit (or an ancestor with subtree), officers of
 * a coordinating body while its sub-dossier is open (liên thông), the citizen who submitted it through ownership.
 * Out of reach looks exactly like missing (404).
 */
import { DomainError, isAllowed, rolePermissions, type Actor, type Role } from '@motcua/domain';
import { TRANSITIONS, type DossierActionType, type DossierState } from '@motcua/domain/dossier/index';
import type { RequestContext } from '../platform/context';
import { requireActor } from '../access/guard';
import { ancestorPath } from '../units/store';
import type { DossierRow } from './store';

export interface Reach {
  /** The roles the viewer holds on the dossier's unit (officer roles) plus CITIZEN for the submitter. */
  roles: Role[];
  owner: boolean;
  /** Open sub-dossiers whose coordinating body the viewer works for, with the roles held there. */
  coordination: { subDossierId: string; roles: Role[] }[];
}

function rolesOnPath(actor: Actor, path: string[]): Role[] {
  const roles = new Set<Role>();
  for (const g of actor.grants) {
    if (g.role === 'CITIZEN') continue;
    if (isAllowed({ ...actor, grants: [g] }, 'dossiers.read', path)) roles.add(g.role);
  }
  return [...roles];
}

/** A unit's ancestor path; the action path passes one that reuses the path its lock statement read. */
export type PathOf = (unitId: string) => Promise<string[]>;

export async function reachOf(
  ctx: RequestContext,
  row: Pick<DossierRow, 'unitId' | 'submittedBy' | 'stateJson'>,
  pathOf: PathOf = (unitId) => ancestorPath(ctx.db, unitId),
): Promise<Reach> {
  const actor = requireActor(ctx);
  const roles = rolesOnPath(actor, await pathOf(row.unitId));
  const owner = row.submittedBy === actor.userId;
  if (owner) roles.push('CITIZEN');
  const coordination: Reach['coordination'] = [];
  for (const sub of row.stateJson.subDossiers ?? []) {
    if (sub.returnedAt !== null) continue;
    const there = await pathOf(sub.coordinatingBodyId).then(
      (path) => rolesOnPath(actor, path),
      () => [],
    );
    if (there.length > 0) coordination.push({ subDossierId: sub.id, roles: there });
  }
  return { roles, owner, coordination };
}

export const visible = (reach: Reach) => reach.roles.length > 0 || reach.coordination.length > 0;

export async function requireVisible(ctx: RequestContext, row: DossierRow | undefined): Promise<Reach> {
  if (!row) throw new DomainError('NOT_FOUND');
  const reach = await reachOf(ctx, row);
  if (!visible(reach)) throw new DomainError('NOT_FOUND');
  return reach;
}

const canAct = (role: Role) => role === 'CITIZEN' || rolePermissions[role].includes('dossiers.process');

/**
 * The role an action is taken in: the first of the table row's roles the viewer holds on the dossier's unit. A
 * coordinating body's officer may only return the result of its own sub-dossier.
 */
export function roleForAction(
  reach: Reach,
  state: DossierState,
  type: DossierActionType,
  payload: Record<string, unknown> = {},
): Role | undefined {
  const held =
    type === 'RECEIVE_COORDINATION_RESULT'
      ? [...reach.roles, ...(reach.coordination.find((c) => c.subDossierId === payload.subDossierId)?.roles ?? [])]
      : reach.roles;
  const rows = TRANSITIONS.filter((t) => t.action === type && t.from.includes(state.state));
  for (const row of rows) {
    const role = row.roles.find((r) => held.includes(r) && canAct(r));
    if (role) return role;
  }
  return undefined;
}

/** Action types the table offers from the current state to one of the viewer's roles. */
export function allowedActionsFor(reach: Reach, state: DossierState): DossierActionType[] {
  const out = new Set<DossierActionType>();
  const coordinatorRoles = reach.coordination.flatMap((c) => c.roles);
  for (const row of TRANSITIONS) {
    if (!row.from.includes(state.state)) continue;
    if (row.regimes && state.regime && !row.regimes.includes(state.regime)) continue;
    const held = row.action === 'RECEIVE_COORDINATION_RESULT' ? [...reach.roles, ...coordinatorRoles] : reach.roles;
    if (row.roles.some((r) => held.includes(r) && canAct(r))) out.add(row.action);
  }
  return [...out];
}
