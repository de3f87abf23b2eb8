/**
 * Authorisation matrix: every role × every endpoint × own unit / other unit / a record that does not exist.
 *
 * The expectation is computed from the rule, not written out cell by cell:
 *  - nobody signed in → 401 AUTH_REQUIRED;
 *  - none of the actor's roles holds the endpoint's permission (rolePermissions in @motcua/domain) → 403 FORBIDDEN;
 *  - the request reaches a unit or record outside the actor's grants → the endpoint's "deny" status (404 when the
 *    record is named in the path, 403 when the unit is named in the body), and the answer for an out-of-scope
 *    record is the same as for a random uuid that does not exist;
 *  - otherwise → the endpoint's 2xx, and a write appends to the audit log. A refused request writes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { rolePermissions, type Permission, type Role } from '@motcua/domain';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import * as accessStore from '../../src/access/store';
import { hashPassword } from '../../src/platform/passwords';

/** Where a request reaches. `self` = the actor's own account; `all` = the whole tree (a root grant with subtree). */
type Area = 'self' | 'own' | 'ownChild' | 'other' | 'otherChild' | 'otherUser' | 'all' | 'missing';
type Target = 'own' | 'other' | 'missing';

interface ActorDef {
  label: string;
  username?: string;
  password?: string;
  roles: Role[];
  /** The areas the actor's grants cover (from its grant: unit, and subtree or not). */
  reach: Area[];
}

const OWN_CODE = '000.00.L7.H26'; // Xã Mê Linh (from 2025-07-01)
const OTHER_CODE = '000.00.E7.H26'; // Xã Thanh Trì
const COMMUNE_ADMIN = { username: 'xa-admin', password: 'mat-khau-xa-admin-1' };

const wholeTree: Area[] = ['self', 'own', 'ownChild', 'other', 'otherChild', 'all'];
const actors: ActorDef[] = [
  { label: 'anonymous', roles: [], reach: [] },
  { label: 'congdan (CITIZEN on Hà Nội, no subtree)', username: 'congdan', roles: ['CITIZEN'], reach: ['self'] },
  {
    label: 'tiepnhan (COUNTER_OFFICER on Xã Mê Linh)',
    username: 'tiepnhan',
    roles: ['COUNTER_OFFICER'],
    reach: ['self', 'own'],
  },
  {
    label: 'chuyenvien (SPECIALIST on Xã Mê Linh)',
    username: 'chuyenvien',
    roles: ['SPECIALIST'],
    reach: ['self', 'own'],
  },
  {
    label: 'lanhdao (UNIT_LEADER on Xã Mê Linh + subtree)',
    username: 'lanhdao',
    roles: ['UNIT_LEADER'],
    reach: ['self', 'own', 'ownChild'],
  },
  { label: 'thanhtra (INSPECTOR on Hà Nội + subtree)', username: 'thanhtra', roles: ['INSPECTOR'], reach: wholeTree },
  {
    label: 'caicach (REFORM_OFFICER on Hà Nội + subtree)',
    username: 'caicach',
    roles: ['REFORM_OFFICER'],
    reach: wholeTree,
  },
  { label: 'giamsat (SUPERVISOR on Hà Nội + subtree)', username: 'giamsat', roles: ['SUPERVISOR'], reach: wholeTree },
  {
    label: 'xa-admin (SYSTEM_ADMIN on Xã Mê Linh, no subtree)',
    ...COMMUNE_ADMIN,
    roles: ['SYSTEM_ADMIN'],
    reach: ['self', 'own'],
  },
  { label: 'admin (SYSTEM_ADMIN on Hà Nội + subtree)', username: 'admin', roles: ['SYSTEM_ADMIN'], reach: wholeTree },
];

interface Req extends InjectOptions {
  method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';
  url: string;
}

interface Endpoint {
  name: string;
  permission: Permission | 'signed-in';
  success: number;
  /** Whether an allowed call appends to the audit log. */
  audited: boolean;
  targets: Target[];
  /** What the request reaches, in the order the server checks it; the first area out of reach decides the status. */
  scope(target: Target): { area: Area; deny: 403 | 404 }[];
  request(target: Target, actor: ActorDef, as: Client): Promise<Req>;
}

let t: TestApp;
let admin: Client;
const clients = new Map<string, Client>();
let ownUnit: string;
let otherUnit: string;
let otherUserId: string; // a user whose only grant is on the other commune
let strangerTokenId: string; // an API token of another user
let n = 0;
let fixtureHash: string;

const next = () => ++n;
const code = () => `${String(next()).padStart(3, '0')}.9A.9A.H26`;

async function ok(res: LightMyRequestResponse, status: number) {
  assert.equal(res.statusCode, status, res.body);
  return res.json();
}

async function newDepartment(parentId: string): Promise<string> {
  const body = await ok(
    await admin.post('/api/v1/units', {
      code: code(),
      name: `Phòng thử nghiệm ${n}`,
      type: 'DEPARTMENT',
      parentId,
      validFrom: '2025-07-01',
    }),
    201,
  );
  return body.id;
}

/** A fixture account written straight to the database (hashing a password per fixture would slow the matrix down). */
async function newUser(grantOn?: string): Promise<{ id: string; grantId?: string }> {
  const id = await accessStore.insertUser(t.database.db, {
    username: `nguoidung-${next()}`,
    fullName: `Người dùng ${n}`,
    email: null,
    phone: null,
    passwordHash: fixtureHash,
  });
  assert.ok(id);
  if (!grantOn) return { id };
  const grantId = await accessStore.insertGrant(t.database.db, {
    userId: id,
    role: 'COUNTER_OFFICER',
    unitId: grantOn,
    includeSubtree: false,
    grantedBy: null,
  });
  return { id, grantId };
}

async function versionOf(id: string): Promise<number> {
  return (await ok(await admin.get(`/api/v1/units/${id}`), 200)).version;
}

const unitFor = (target: Target) => (target === 'own' ? ownUnit : target === 'other' ? otherUnit : randomUUID());
const sameArea = (target: Target): Area => (target === 'own' ? 'own' : target === 'other' ? 'other' : 'missing');

const endpoints: Endpoint[] = [
  {
    name: 'GET /api/v1/units',
    permission: 'units.read',
    success: 200,
    audited: false,
    targets: ['own'],
    scope: () => [],
    request: async () => ({ method: 'GET', url: '/api/v1/units?asOf=2025-07-01&limit=5' }),
  },
  {
    name: 'GET /api/v1/units/:id',
    permission: 'units.read',
    success: 200,
    audited: false,
    targets: ['own', 'other', 'missing'],
    // Reading the unit tree is not limited to one's own units; only a missing unit is not found.
    scope: (target) => (target === 'missing' ? [{ area: 'missing', deny: 404 }] : []),
    request: async (target) => ({ method: 'GET', url: `/api/v1/units/${unitFor(target)}` }),
  },
  {
    name: 'POST /api/v1/units',
    permission: 'units.write',
    success: 201,
    audited: true,
    targets: ['own', 'other', 'missing'],
    scope: (target) => [{ area: sameArea(target), deny: 403 }],
    request: async (target) => ({
      method: 'POST',
      url: '/api/v1/units',
      payload: {
        code: code(),
        name: `Phòng mới ${n}`,
        type: 'DEPARTMENT',
        parentId: unitFor(target),
        validFrom: '2025-07-01',
      },
    }),
  },
  {
    name: 'PATCH /api/v1/units/:id',
    permission: 'units.write',
    success: 200,
    audited: true,
    targets: ['own', 'other', 'missing'],
    scope: (target) => [{ area: sameArea(target), deny: 404 }],
    request: async (target) => {
      const id = unitFor(target);
      const version = target === 'missing' ? 1 : await versionOf(id);
      return {
        method: 'PATCH',
        url: `/api/v1/units/${id}`,
        headers: { 'if-match': `"${version}"` },
        payload: { shortName: `Tên ngắn ${next()}` },
      };
    },
  },
  {
    name: 'POST /api/v1/units/reorganisations',
    permission: 'units.write',
    success: 201,
    audited: true,
    targets: ['own', 'other', 'missing'],
    // Two departments of the commune merge into a new one of the same commune: write on each source, then on the parent.
    scope: (target) =>
      target === 'own'
        ? [
            { area: 'ownChild', deny: 404 },
            { area: 'own', deny: 403 },
          ]
        : target === 'other'
          ? [
              { area: 'otherChild', deny: 404 },
              { area: 'other', deny: 403 },
            ]
          : [{ area: 'missing', deny: 404 }],
    request: async (target) => {
      const parentId = target === 'missing' ? ownUnit : unitFor(target);
      const sourceIds =
        target === 'missing'
          ? [randomUUID(), randomUUID()]
          : [await newDepartment(parentId), await newDepartment(parentId)];
      return {
        method: 'POST',
        url: '/api/v1/units/reorganisations',
        payload: {
          kind: 'MERGE',
          effectiveDate: '2026-01-01',
          legalBasis: 'Quyết định thử nghiệm',
          sourceIds,
          targets: [{ code: code(), name: `Phòng hợp nhất ${n}`, type: 'DEPARTMENT', parentId }],
        },
      };
    },
  },
  {
    name: 'GET /api/v1/users',
    permission: 'users.read',
    success: 200,
    audited: false,
    targets: ['own'],
    scope: () => [],
    request: async () => ({ method: 'GET', url: '/api/v1/users?limit=5' }),
  },
  {
    name: 'GET /api/v1/users/:id',
    permission: 'users.read',
    success: 200,
    audited: false,
    targets: ['own', 'other', 'missing'],
    scope: (target) => [{ area: sameArea(target), deny: 404 }],
    request: async (target) => {
      const id = target === 'own' ? clients.get('tiepnhan')!.userId : target === 'other' ? otherUserId : randomUUID();
      return { method: 'GET', url: `/api/v1/users/${id}` };
    },
  },
  {
    name: 'POST /api/v1/users',
    permission: 'users.write',
    success: 201,
    audited: true,
    targets: ['own'],
    scope: () => [],
    request: async () => ({
      method: 'POST',
      url: '/api/v1/users',
      payload: { username: `moi-${next()}`, fullName: 'Người dùng mới', password: 'mat-khau-thu-nghiem' },
    }),
  },
  {
    name: 'PATCH /api/v1/users/:id',
    permission: 'users.write',
    success: 200,
    audited: true,
    targets: ['own', 'other', 'missing'],
    scope: (target) => [{ area: sameArea(target), deny: 404 }],
    request: async (target) => {
      const id = target === 'missing' ? randomUUID() : (await newUser(unitFor(target))).id;
      return { method: 'PATCH', url: `/api/v1/users/${id}`, payload: { fullName: 'Tên đã sửa' } };
    },
  },
  {
    name: 'POST /api/v1/users/:id/grants',
    permission: 'grants.write',
    success: 201,
    audited: true,
    targets: ['own', 'other', 'missing'],
    // A new account (no grant yet) gets a role on the target unit.
    scope: (target) => [{ area: sameArea(target), deny: 403 }],
    request: async (target) => {
      const { id } = await newUser();
      return {
        method: 'POST',
        url: `/api/v1/users/${id}/grants`,
        payload: { role: 'SPECIALIST', unitId: unitFor(target) },
      };
    },
  },
  {
    name: 'DELETE /api/v1/users/:id/grants/:grantId',
    permission: 'grants.write',
    success: 204,
    audited: true,
    targets: ['own', 'other', 'missing'],
    scope: (target) => [{ area: sameArea(target), deny: 404 }],
    request: async (target) => {
      if (target === 'missing')
        return { method: 'DELETE', url: `/api/v1/users/${randomUUID()}/grants/${randomUUID()}` };
      const u = await newUser(unitFor(target));
      return { method: 'DELETE', url: `/api/v1/users/${u.id}/grants/${u.grantId}` };
    },
  },
  {
    name: 'GET /api/v1/audit/verify',
    permission: 'audit.verify',
    success: 200,
    audited: false,
    targets: ['own'],
    scope: () => [{ area: 'all', deny: 403 }],
    request: async () => ({ method: 'GET', url: '/api/v1/audit/verify' }),
  },
  {
    name: 'GET /api/v1/audit/anchors',
    permission: 'audit.verify',
    success: 200,
    audited: false,
    targets: ['own'],
    scope: () => [{ area: 'all', deny: 403 }],
    request: async () => ({ method: 'GET', url: '/api/v1/audit/anchors' }),
  },
  {
    name: 'POST /api/v1/audit/anchors',
    permission: 'audit.verify',
    success: 202,
    audited: false,
    targets: ['own'],
    scope: () => [{ area: 'all', deny: 403 }],
    request: async () => ({ method: 'POST', url: '/api/v1/audit/anchors' }),
  },
  {
    name: 'GET /api/v1/auth/tokens',
    permission: 'signed-in',
    success: 200,
    audited: false,
    targets: ['own'],
    scope: () => [],
    request: async () => ({ method: 'GET', url: '/api/v1/auth/tokens' }),
  },
  {
    name: 'POST /api/v1/auth/tokens',
    permission: 'signed-in',
    success: 201,
    audited: true,
    targets: ['own'],
    scope: () => [],
    request: async () => ({ method: 'POST', url: '/api/v1/auth/tokens', payload: { name: `Tích hợp ${next()}` } }),
  },
  {
    name: 'DELETE /api/v1/auth/tokens/:id',
    permission: 'signed-in',
    success: 204,
    audited: true,
    targets: ['own', 'other', 'missing'],
    // "own" = a token of the actor itself, "other" = a token of another account.
    scope: (target) => [{ area: target === 'own' ? 'self' : target === 'other' ? 'otherUser' : 'missing', deny: 404 }],
    request: async (target, actor, as) => {
      let id = target === 'other' ? strangerTokenId : randomUUID();
      if (target === 'own' && actor.username)
        id = (await ok(await as.post('/api/v1/auth/tokens', { name: 'Của tôi' }), 201)).id;
      return { method: 'DELETE', url: `/api/v1/auth/tokens/${id}` };
    },
  },
  {
    name: 'GET /api/v1/statistics/bieu07b',
    permission: 'reports.read',
    success: 200,
    audited: false,
    targets: ['own', 'other', 'missing'],
    // The unit is named in the query: out of reach (or missing) is 403, the same answer either way.
    scope: (target) => [{ area: sameArea(target), deny: 403 }],
    request: async (target) => ({
      method: 'GET',
      url: `/api/v1/statistics/bieu07b?unitId=${unitFor(target)}&asOf=2025-09-01`,
    }),
  },
  {
    name: 'POST /api/v1/admin/dossier-imports',
    permission: 'dossiers.import',
    success: 200,
    audited: true,
    targets: ['own', 'other'],
    // The unit is named by its code in each record: a record outside one's grants refuses the batch (403).
    scope: (target) => [{ area: sameArea(target), deny: 403 }],
    request: async (target) => {
      const procedure = await t.database.db
        .selectFrom('procedure')
        .select('code')
        .orderBy('code')
        .executeTakeFirstOrThrow();
      return {
        method: 'POST',
        url: '/api/v1/admin/dossier-imports',
        payload: {
          dossiers: [
            {
              MaHoSo: `MATRAN-${next()}-${randomUUID()}`,
              MaDonVi: target === 'own' ? OWN_CODE : OTHER_CODE,
              MaTTHC: procedure.code,
              KenhThucHien: 1,
              NgayTiepNhan: '2025-08-05T08:00:00+07:00',
              TrangThai: [{ status: 2, at: '2025-08-05T08:00:00+07:00' }],
            },
          ],
        },
      };
    },
  },
  {
    name: 'GET /api/v1/admin/dossier-imports',
    permission: 'dossiers.import',
    success: 200,
    audited: false,
    targets: ['own'],
    scope: () => [],
    request: async () => ({ method: 'GET', url: '/api/v1/admin/dossier-imports?limit=5' }),
  },
  ...(
    [
      ['GET /api/v1/service-index', (u: string) => `/api/v1/service-index?period=2025-Q3&unitId=${u}`],
      ['GET /api/v1/service-index/units/:unitId', (u: string) => `/api/v1/service-index/units/${u}?period=2025-Q3`],
      [
        'GET /api/v1/service-index/units/:unitId/lost-points',
        (u: string) => `/api/v1/service-index/units/${u}/lost-points?period=2025-Q3&indicator=ON_TIME_RATE`,
      ],
      [
        'GET /api/v1/service-index/dashboard',
        (u: string) => `/api/v1/service-index/dashboard?period=2025-09&unitId=${u}`,
      ],
      ['GET /api/v1/statistics/bieu06', (u: string) => `/api/v1/statistics/bieu06?period=2025-Q3&unitId=${u}`],
      ['GET /api/v1/service-index/results', (u: string) => `/api/v1/service-index/results?period=2025-Q3&unitId=${u}`],
    ] as const
  ).map(([name, url]): Endpoint => ({
    name,
    permission: 'reports.read',
    success: 200,
    audited: false,
    targets: ['own', 'other', 'missing'],
    // Another unit's figures look exactly like a missing unit.
    scope: (target) => [{ area: sameArea(target), deny: 404 }],
    request: async (target) => ({ method: 'GET', url: url(unitFor(target)) }),
  })),
  {
    name: 'POST /api/v1/service-index/evaluate',
    permission: 'serviceIndex.evaluate',
    success: 200,
    audited: false,
    targets: ['own'],
    scope: () => [],
    request: async () => ({
      method: 'POST',
      url: '/api/v1/service-index/evaluate',
      payload: { period: { from: '2025-11-01', to: '2025-11-30' }, unitLevel: 'COMMUNE', dossiers: [] },
    }),
  },
  {
    name: 'GET /api/v1/service-index/settings',
    permission: 'reports.read',
    success: 200,
    audited: false,
    // Only the root (the province) holds settings: 'own' is the root of the tree here.
    targets: ['own', 'missing'],
    scope: (target) => [{ area: target === 'own' ? 'all' : 'missing', deny: 404 }],
    request: async (target) => ({
      method: 'GET',
      url: `/api/v1/service-index/settings?unitId=${target === 'own' ? await rootUnit() : randomUUID()}`,
    }),
  },
  {
    name: 'PUT /api/v1/service-index/settings',
    permission: 'serviceIndex.configure',
    success: 200,
    audited: true,
    targets: ['own', 'missing'],
    scope: (target) => [{ area: target === 'own' ? 'all' : 'missing', deny: 404 }],
    request: async (target) => {
      const root = await rootUnit();
      const current = await ok(await admin.get(`/api/v1/service-index/settings?unitId=${root}`), 200);
      return {
        method: 'PUT',
        url: `/api/v1/service-index/settings?unitId=${target === 'own' ? root : randomUUID()}`,
        headers: { 'if-match': `"${current.version}"` },
        // A different value each time, so an allowed call always writes.
        payload: { displayDecimals: current.settings.displayDecimals === 3 ? 2 : 3 },
      };
    },
  },
  {
    name: 'POST /api/v1/service-index/results',
    permission: 'serviceIndex.freeze',
    success: 201,
    audited: true,
    targets: ['own', 'other', 'missing'],
    scope: (target) => [{ area: sameArea(target), deny: 404 }],
    // A reason each time: every allowed call freezes a new version.
    request: async (target) => ({
      method: 'POST',
      url: '/api/v1/service-index/results',
      payload: { period: '2025-Q3', unitId: unitFor(target), reason: `Kiểm thử phân quyền ${next()}` },
    }),
  },
  {
    name: 'GET /api/v1/service-index/results/:version',
    permission: 'reports.read',
    success: 200,
    audited: false,
    targets: ['own', 'other', 'missing'],
    scope: (target) => [{ area: sameArea(target), deny: 404 }],
    request: async (target) => {
      const unit = unitFor(target);
      if (target !== 'missing') {
        const list = await ok(await admin.get(`/api/v1/service-index/results?period=2025-Q3&unitId=${unit}`), 200);
        if (list.versions.length === 0)
          await ok(await admin.post('/api/v1/service-index/results', { period: '2025-Q3', unitId: unit }), 201);
      }
      return { method: 'GET', url: `/api/v1/service-index/results/1?period=2025-Q3&unitId=${unit}` };
    },
  },
];

/** The root of the unit tree (the province, Hà Nội): the unit holding the service-index settings. */
async function rootUnit(): Promise<string> {
  const r = await t.database.db
    .selectFrom('unit')
    .select('id')
    .where('parent_id', 'is', null)
    .orderBy('code')
    .executeTakeFirstOrThrow();
  return r.id;
}

function expected(actor: ActorDef, ep: Endpoint, target: Target): { status: number; code?: string } {
  if (!actor.username) return { status: 401, code: 'AUTH_REQUIRED' };
  const holds =
    ep.permission === 'signed-in' || actor.roles.some((r) => rolePermissions[r].includes(ep.permission as Permission));
  if (!holds) return { status: 403, code: 'FORBIDDEN' };
  for (const { area, deny } of ep.scope(target))
    if (!actor.reach.includes(area)) return { status: deny, code: deny === 404 ? 'NOT_FOUND' : 'FORBIDDEN' };
  return { status: ep.success };
}

async function auditRows(): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM audit_log`.execute(t.database.db);
  return r.rows[0]!.n;
}

/** The parts of a problem that must not differ between "exists but not yours" and "does not exist". */
const visible = (res: LightMyRequestResponse) => {
  const { instance: _i, requestId: _r, ...rest } = res.json();
  return { status: res.statusCode, ...rest };
};

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  fixtureHash = await hashPassword('mat-khau-thu-nghiem');
  const unitId = async (c: string) =>
    (await t.database.db.selectFrom('unit').select('id').where('code', '=', c).executeTakeFirstOrThrow()).id;
  ownUnit = await unitId(OWN_CODE);
  otherUnit = await unitId(OTHER_CODE);
  // The commune-scoped administrator, created through the API as an administrator would.
  const xa = await ok(await admin.post('/api/v1/users', { ...COMMUNE_ADMIN, fullName: 'Quản trị Xã Mê Linh' }), 201);
  await ok(
    await admin.post(`/api/v1/users/${xa.id}/grants`, { role: 'SYSTEM_ADMIN', unitId: ownUnit, includeSubtree: false }),
    201,
  );
  otherUserId = (await newUser(otherUnit)).id;
  const stranger = await newUser();
  const strangerRow = await accessStore.findUser(t.database.db, stranger.id);
  const strangerClient = await t.login(strangerRow!.username, 'mat-khau-thu-nghiem');
  strangerTokenId = (await ok(await strangerClient.post('/api/v1/auth/tokens', { name: 'Của người khác' }), 201)).id;
  for (const a of actors) if (a.username) clients.set(a.username, await t.login(a.username, a.password));
});
after(() => t.close());

describe('the matrix covers every role of the product', () => {
  test('each role appears among the actors', () => {
    const covered = new Set(actors.flatMap((a) => a.roles));
    for (const role of Object.keys(rolePermissions)) assert.ok(covered.has(role as Role), role);
  });
});

for (const ep of endpoints) {
  describe(ep.name, () => {
    for (const actor of actors) {
      test(actor.label, async () => {
        const as = actor.username ? clients.get(actor.username)! : t.anonymous;
        const results = new Map<Target, LightMyRequestResponse>();
        for (const target of ep.targets) {
          const req = await ep.request(target, actor, as);
          const before = await auditRows();
          const res = await as.request(req);
          const after = await auditRows();
          results.set(target, res);
          const want = expected(actor, ep, target);
          const where = `${ep.name} as ${actor.label} on ${target}: ${res.body}`;
          assert.equal(res.statusCode, want.status, where);
          if (want.code) {
            assert.match(String(res.headers['content-type']), /^application\/problem\+json/, where);
            assert.equal(res.json().code, want.code, where);
            assert.equal(after, before, `a refused request wrote to the audit log: ${where}`);
          } else if (ep.audited) {
            assert.ok(after > before, `an allowed write left no audit row: ${where}`);
          } else {
            assert.equal(after, before, where);
          }
        }
        // A record outside one's scope is indistinguishable from one that does not exist.
        const other = results.get('other');
        const missing = results.get('missing');
        if (other && missing && expected(actor, ep, 'other').status !== ep.success)
          assert.deepEqual(visible(other), visible(missing), `${ep.name} as ${actor.label} leaks existence`);
      });
    }
  });
}

describe('a commune administrator stays within its commune', () => {
  test('the user list shows exactly the users it may open', async () => {
    const xa = clients.get(COMMUNE_ADMIN.username)!;
    // A user whose only grant is on a department under the commune: outside a grant without subtree.
    const below = await newUser(await newDepartment(ownUnit));
    const listed = (await ok(await xa.get('/api/v1/users?limit=500'), 200)).items as { id: string; username: string }[];
    const names = listed.map((u) => u.username);
    assert.ok(names.includes('tiepnhan'), names.join());
    assert.ok(!names.includes('thanhtra'), names.join());
    assert.ok(!listed.some((u) => u.id === otherUserId || u.id === below.id), names.join());
    for (const u of listed)
      assert.equal((await xa.get(`/api/v1/users/${u.id}`)).statusCode, 200, `listed but not visible: ${u.username}`);
    assert.equal((await xa.get(`/api/v1/users/${below.id}`)).statusCode, 404);
  });

  test('it cannot pull an account from elsewhere into its commune by granting it a role there', async () => {
    const xa = clients.get(COMMUNE_ADMIN.username)!;
    const rootAdminId = admin.userId;
    const res = await xa.post(`/api/v1/users/${rootAdminId}/grants`, { role: 'COUNTER_OFFICER', unitId: ownUnit });
    assert.equal(res.statusCode, 404, res.body);
    const grants = (await ok(await admin.get(`/api/v1/users/${rootAdminId}`), 200)).grants as { role: string }[];
    assert.deepEqual(
      grants.map((g) => g.role),
      ['SYSTEM_ADMIN'],
    );
    assert.equal(
      (await xa.patch(`/api/v1/users/${rootAdminId}`, { password: 'mat-khau-chiem-quyen' })).statusCode,
      404,
    );
    await t.login('admin'); // the password is unchanged
  });

  test('it cannot hand out a grant reaching further than its own (its commune with the subtree)', async () => {
    const xa = clients.get(COMMUNE_ADMIN.username)!;
    for (const role of ['SYSTEM_ADMIN', 'SPECIALIST']) {
      const { id } = await newUser();
      const res = await xa.post(`/api/v1/users/${id}/grants`, { role, unitId: ownUnit, includeSubtree: true });
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'FORBIDDEN');
      assert.deepEqual((await ok(await admin.get(`/api/v1/users/${id}`), 200)).grants, []);
    }
    // Without the subtree, on its own commune: allowed; the root administrator may give the subtree.
    const plain = await xa.post(`/api/v1/users/${(await newUser()).id}/grants`, {
      role: 'SPECIALIST',
      unitId: ownUnit,
    });
    assert.equal(plain.statusCode, 201, plain.body);
    const wide = await admin.post(`/api/v1/users/${(await newUser()).id}/grants`, {
      role: 'SYSTEM_ADMIN',
      unitId: ownUnit,
      includeSubtree: true,
    });
    assert.equal(wide.statusCode, 201, wide.body);
  });

  test('it cannot reset the password of an account that also holds roles outside its commune', async () => {
    const xa = clients.get(COMMUNE_ADMIN.username)!;
    const u = await newUser(ownUnit);
    await accessStore.insertGrant(t.database.db, {
      userId: u.id,
      role: 'SYSTEM_ADMIN',
      unitId: otherUnit,
      includeSubtree: true,
      grantedBy: null,
    });
    const username = (await accessStore.findUser(t.database.db, u.id))!.username;
    assert.equal((await xa.get(`/api/v1/users/${u.id}`)).statusCode, 200, 'visible through its grant on the commune');
    for (const change of [{ password: 'mat-khau-chiem-quyen' }, { active: false }]) {
      const res = await xa.patch(`/api/v1/users/${u.id}`, change);
      assert.equal(res.statusCode, 403, res.body);
      assert.equal(res.json().code, 'FORBIDDEN');
    }
    await t.login(username, 'mat-khau-thu-nghiem'); // still active, password unchanged
    // An account wholly within the commune may be reset.
    const local = await newUser(ownUnit);
    const localName = (await accessStore.findUser(t.database.db, local.id))!.username;
    await ok(await xa.patch(`/api/v1/users/${local.id}`, { password: 'mat-khau-moi-dat-lai' }), 200);
    await t.login(localName, 'mat-khau-moi-dat-lai');
  });
});
