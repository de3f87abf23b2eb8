import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowed, rolePermissions, roles, type Actor, type Permission } from '../../src/index';

// Tree: root ─ district ─ commune; other ─ (sibling of district)
const path = {
  root: ['root'],
  district: ['district', 'root'],
  commune: ['commune', 'district', 'root'],
  other: ['other', 'root'],
};
const actor = (role: Actor['grants'][number]['role'], unitId: string, includeSubtree: boolean): Actor => ({
  userId: 'u',
  username: 'u',
  grants: [{ role, unitId, includeSubtree }],
});

describe('isAllowed: a grant covers its unit, and its subtree only when granted so', () => {
  const cases: [string, Actor, Permission, string[], boolean][] = [
    ['admin on district, own unit', actor('SYSTEM_ADMIN', 'district', false), 'units.write', path.district, true],
    [
      'admin on district without subtree, child',
      actor('SYSTEM_ADMIN', 'district', false),
      'units.write',
      path.commune,
      false,
    ],
    [
      'admin on district with subtree, child',
      actor('SYSTEM_ADMIN', 'district', true),
      'units.write',
      path.commune,
      true,
    ],
    [
      'admin on district with subtree, sibling',
      actor('SYSTEM_ADMIN', 'district', true),
      'units.write',
      path.other,
      false,
    ],
    [
      'admin on district with subtree, parent',
      actor('SYSTEM_ADMIN', 'district', true),
      'units.write',
      path.root,
      false,
    ],
    [
      'counter officer cannot write units',
      actor('COUNTER_OFFICER', 'commune', true),
      'units.write',
      path.commune,
      false,
    ],
    ['citizen reads no unit directory', actor('CITIZEN', 'root', true), 'units.read', path.commune, false],
    ['supervisor reads reports below', actor('SUPERVISOR', 'root', true), 'reports.read', path.commune, true],
  ];
  for (const [name, a, permission, unitPath, expected] of cases)
    test(name, () => assert.equal(isAllowed(a, permission, unitPath), expected));

  test('no actor and no unit are always denied', () => {
    assert.equal(isAllowed(undefined, 'units.read', path.root), false);
    assert.equal(isAllowed(actor('SYSTEM_ADMIN', 'root', true), 'units.read', []), false);
  });

  test('every permission a role lacks is denied even on its own unit (deny by default)', () => {
    for (const role of roles) {
      for (const permission of new Set(Object.values(rolePermissions).flat())) {
        const allowed = isAllowed(actor(role, 'commune', true), permission, path.commune);
        assert.equal(allowed, rolePermissions[role].includes(permission), `${role} ${permission}`);
      }
    }
  });
});
