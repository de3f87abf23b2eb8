/**
 * The units a figure is about: a root's subtree as of a date, each unit's members (its own subtree plus the
 * predecessors it absorbed, so merged units carry their history) and its peer set for ranking.
 */
import type { UnitLevel } from '@motcua/domain/index766/index';
import type { PeerSet } from '@motcua/domain/schemas/serviceIndex';
import type { Db } from '../platform/db';
import { predecessorsOf, subtreeAsOf, type TreeUnit } from './store';

export function peerSetOf(type: string): PeerSet | null {
  if (type === 'PROVINCE') return 'PROVINCE';
  if (type === 'DEPARTMENT' || type === 'SERVICE_CENTRE') return 'DEPARTMENT';
  if (type === 'COMMUNE' || type === 'WARD' || type === 'TOWNSHIP') return 'COMMUNE';
  if (type === 'DISTRICT') return 'DISTRICT';
  return null;
}

/** Level at which a unit is scored (districts, before 2025, as the local level). */
export function levelOf(type: string): UnitLevel {
  const p = peerSetOf(type);
  return p === 'PROVINCE' ? 'PROVINCE' : p === 'DEPARTMENT' ? 'DEPARTMENT' : 'COMMUNE';
}

export interface Tree {
  root: TreeUnit;
  units: TreeUnit[];
  /** Unit id → the unit ids whose dossiers count for it. */
  members: Map<string, string[]>;
  allIds: string[];
}

export async function treeOf(db: Db, rootId: string, asOf: string): Promise<Tree | null> {
  const units = await subtreeAsOf(db, rootId, asOf);
  const root = units.find((u) => u.id === rootId);
  if (!root) return null;
  const children = new Map<string, string[]>();
  for (const u of units) if (u.parentId) children.set(u.parentId, [...(children.get(u.parentId) ?? []), u.id]);
  const predecessors = await predecessorsOf(
    db,
    units.map((u) => u.id),
  );
  const members = new Map<string, string[]>();
  const collect = (id: string, into: Set<string>) => {
    into.add(id);
    for (const p of predecessors.get(id) ?? []) into.add(p);
    for (const c of children.get(id) ?? []) collect(c, into);
  };
  for (const u of units) {
    const set = new Set<string>();
    collect(u.id, set);
    members.set(u.id, [...set]);
  }
  return { root, units, members, allIds: members.get(rootId)! };
}
