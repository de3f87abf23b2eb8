/**
 * Optimistic concurrency on units: an edit names the version it was made from (If-Match); of two edits made
 * from the same version exactly one wins, the other is told (412) instead of being silently overwritten.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: Client;
let xaAdmin: Client;
let parentId: string;
let n = 0;

async function newUnit(): Promise<{ id: string; version: number; name: string }> {
  n++;
  const res = await admin.post('/api/v1/units', {
    code: `${String(n).padStart(3, '0')}.8C.8C.H26`,
    name: `Phòng tranh chấp ${n}`,
    type: 'DEPARTMENT',
    parentId,
    validFrom: '2025-07-01',
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

const getUnit = async (id: string) => {
  const res = await admin.get(`/api/v1/units/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json();
};

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  parentId = (
    await t.database.db.selectFrom('unit').select('id').where('code', '=', '000.00.L7.H26').executeTakeFirstOrThrow()
  ).id;
  // A second administrator (with its own name in the audit) for the race.
  const created = await admin.post('/api/v1/users', {
    username: 'qt-thu-hai',
    fullName: 'Quản trị thứ hai',
    password: 'mat-khau-thu-hai',
  });
  assert.equal(created.statusCode, 201, created.body);
  const grant = await admin.post(`/api/v1/users/${created.json().id}/grants`, {
    role: 'SYSTEM_ADMIN',
    unitId: parentId,
    includeSubtree: true,
  });
  assert.equal(grant.statusCode, 201, grant.body);
  xaAdmin = await t.login('qt-thu-hai', 'mat-khau-thu-hai');
});
after(() => t.close());

describe('two edits from the same version', () => {
  test('sent together: exactly one 200 and one 412, and the unit holds the winner’s name', async () => {
    for (let round = 0; round < 5; round++) {
      const unit = await newUnit();
      const [a, b] = await Promise.all([
        admin.patch(
          `/api/v1/units/${unit.id}`,
          { name: `Tên của admin ${round}` },
          { 'if-match': `"${unit.version}"` },
        ),
        xaAdmin.patch(
          `/api/v1/units/${unit.id}`,
          { name: `Tên của quản trị thứ hai ${round}` },
          { 'if-match': `"${unit.version}"` },
        ),
      ]);
      const statuses = [a.statusCode, b.statusCode].sort();
      assert.deepEqual(statuses, [200, 412], `${a.body}\n${b.body}`);
      const [winner, loser] = a.statusCode === 200 ? [a, b] : [b, a];
      assert.equal(loser.json().code, 'PRECONDITION_FAILED');
      assert.match(String(loser.headers['content-type']), /^application\/problem\+json/);
      assert.equal(winner.headers.etag, `"${unit.version + 1}"`);
      const now = await getUnit(unit.id);
      assert.equal(now.name, winner.json().name);
      assert.equal(now.version, unit.version + 1);
      // One edit, one audit entry: the loser left no trace.
      assert.equal(now.history.filter((h: { action: string }) => h.action === 'unit.update').length, 1);
    }
  });

  test('sent one after the other: the second, made from the old version, is refused and changes nothing', async () => {
    const unit = await newUnit();
    const first = await admin.patch(
      `/api/v1/units/${unit.id}`,
      { name: 'Tên thứ nhất' },
      { 'if-match': `"${unit.version}"` },
    );
    assert.equal(first.statusCode, 200, first.body);
    const stale = await xaAdmin.patch(
      `/api/v1/units/${unit.id}`,
      { name: 'Tên thứ hai' },
      { 'if-match': `"${unit.version}"` },
    );
    assert.equal(stale.statusCode, 412, stale.body);
    assert.equal((await getUnit(unit.id)).name, 'Tên thứ nhất');
    // Reloaded, the second editor sends the new version and succeeds; W/"n" and a bare n are accepted too.
    const retry = await xaAdmin.patch(
      `/api/v1/units/${unit.id}`,
      { name: 'Tên thứ hai' },
      { 'if-match': `W/"${first.json().version}"` },
    );
    assert.equal(retry.statusCode, 200, retry.body);
    const bare = await admin.patch(
      `/api/v1/units/${unit.id}`,
      { shortName: 'Ngắn' },
      { 'if-match': String(retry.json().version) },
    );
    assert.equal(bare.statusCode, 200, bare.body);
  });

  test('without If-Match → 428 PRECONDITION_REQUIRED and nothing changes', async () => {
    const unit = await newUnit();
    const res = await admin.patch(`/api/v1/units/${unit.id}`, { name: 'Sửa mù' });
    assert.equal(res.statusCode, 428, res.body);
    assert.equal(res.json().code, 'PRECONDITION_REQUIRED');
    const now = await getUnit(unit.id);
    assert.equal(now.name, unit.name);
    assert.equal(now.version, unit.version);
  });
});

describe('unit history', () => {
  test('shows each edit with its actor, action and the change, newest first', async () => {
    const unit = await newUnit();
    const edit = await xaAdmin.patch(
      `/api/v1/units/${unit.id}`,
      { name: 'Phòng đã đổi tên' },
      { 'if-match': `"${unit.version}"` },
    );
    assert.equal(edit.statusCode, 200, edit.body);
    const { history } = await getUnit(unit.id);
    assert.equal(history.length, 2, JSON.stringify(history));
    const [update, create] = history;
    assert.equal(update.action, 'unit.update');
    assert.equal(update.actor, 'Quản trị thứ hai (qt-thu-hai)');
    assert.ok(update.summary.includes(unit.name) && update.summary.includes('Phòng đã đổi tên'), update.summary);
    assert.equal(create.action, 'unit.create');
    assert.equal(create.actor, 'Quản trị hệ thống (admin)');
    assert.ok(Date.parse(update.at) >= Date.parse(create.at));
  });
});
