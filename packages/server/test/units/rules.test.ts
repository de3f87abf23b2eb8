/**
 * The unit tree's rules: a child lives within its parent's period, under a parent of an allowed type, with an
 * identifier code no other unit holds over the same period, and never under itself; reorganisations (merger,
 * split) end the sources and link the new units to them; listings page through every unit once, in
 * Vietnamese order.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: Client;
let root: string; // Hà Nội
let commune: string; // Xã Mê Linh (from 2025-07-01)
let formerDistrict: string; // Huyện Mê Linh (2008-08-01 … 2025-06-30)
let n = 0;

const newCode = () => `${String(++n).padStart(3, '0')}.5F.5F.H26`;

interface UnitJson {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  version: number;
}

async function create(body: Record<string, unknown>): Promise<LightMyRequestResponse> {
  return admin.post('/api/v1/units', {
    code: newCode(),
    name: `Đơn vị thử ${n}`,
    type: 'DEPARTMENT',
    parentId: commune,
    validFrom: '2025-07-01',
    ...body,
  });
}

async function created(body: Record<string, unknown>): Promise<UnitJson> {
  const res = await create(body);
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function detail(id: string) {
  const res = await admin.get(`/api/v1/units/${id}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as UnitJson & {
    predecessors: { id: string }[];
    successors: { id: string }[];
    history: { action: string }[];
    parent: { id: string } | null;
  };
}

async function unitCount() {
  return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit`.execute(t.database.db)).rows[0]!.n;
}

/** The request is refused with 400/409, names `field`, and adds no unit. */
async function refusedNaming(send: () => Promise<LightMyRequestResponse>, field: string) {
  const before = await unitCount();
  const res = await send();
  assert.ok([400, 409].includes(res.statusCode), `${res.statusCode} ${res.body}`);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const fields = (res.json().errors ?? []).map((e: { field: string }) => e.field);
  assert.ok(fields.includes(field), `expected ${field} in ${res.body}`);
  assert.equal(await unitCount(), before);
  return res;
}

const idOf = async (code: string) =>
  (await t.database.db.selectFrom('unit').select('id').where('code', '=', code).executeTakeFirstOrThrow()).id;

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  root = await idOf('000.00.00.H26');
  commune = await idOf('000.00.L7.H26');
  formerDistrict = await idOf('000.00.41.H26');
});
after(() => t.close());

describe('creating a unit', () => {
  test('under a valid parent: 201, listed under it on a date of its period, with its creation in the history', async () => {
    const unit = await created({
      name: 'Văn phòng HĐND và UBND xã',
      shortName: 'Văn phòng',
      legalBasis: 'Quyết định 1/QĐ-UBND',
    });
    assert.equal(unit.parentId, commune);
    assert.equal(unit.version, 1);
    const d = await detail(unit.id);
    assert.equal(d.parent?.id, commune);
    assert.deepEqual(
      d.history.map((h) => h.action),
      ['unit.create'],
    );
    const children = (await admin.get(`/api/v1/units?parentId=${commune}&asOf=2025-07-01&limit=500`)).json()
      .items as UnitJson[];
    assert.ok(children.some((c) => c.id === unit.id));
    const before = (await admin.get(`/api/v1/units?parentId=${commune}&asOf=2025-06-30&limit=500`)).json()
      .items as UnitJson[];
    assert.ok(!before.some((c) => c.id === unit.id), 'not yet valid on 2025-06-30');
  });

  test('a child may not outlive its parent, nor start before it', async () => {
    // Huyện Mê Linh ended on 2025-06-30: an open-ended commune under it would outlive it.
    await refusedNaming(
      () => create({ type: 'COMMUNE', parentId: formerDistrict, validFrom: '2020-01-01', validTo: null }),
      'body.parentId',
    );
    await refusedNaming(
      () => create({ type: 'COMMUNE', parentId: formerDistrict, validFrom: '2020-01-01', validTo: '2025-07-01' }),
      'body.parentId',
    );
    await refusedNaming(
      () => create({ type: 'COMMUNE', parentId: formerDistrict, validFrom: '2008-07-31', validTo: '2025-06-30' }),
      'body.parentId',
    );
    await refusedNaming(() => create({ parentId: commune, validFrom: '2025-06-30' }), 'body.parentId');
    // Within the period: accepted. Then extending it beyond the parent's end is refused.
    const inside = await created({
      type: 'COMMUNE',
      parentId: formerDistrict,
      validFrom: '2020-01-01',
      validTo: '2025-06-30',
    });
    const res = await admin.patch(
      `/api/v1/units/${inside.id}`,
      { validTo: null },
      { 'if-match': `"${inside.version}"` },
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(res.json().errors.some((e: { field: string }) => e.field === 'body.parentId'));
    assert.equal((await detail(inside.id)).validTo, '2025-06-30');
  });

  test('a parent of a type the unit may not sit under', async () => {
    await refusedNaming(() => create({ type: 'SERVICE_POINT', parentId: commune }), 'body.type');
    await refusedNaming(() => create({ type: 'DISTRICT', parentId: commune }), 'body.type');
    await refusedNaming(() => create({ type: 'PROVINCE', parentId: root, validFrom: '2025-07-01' }), 'body.type');
    await refusedNaming(() => create({ type: 'TOWNSHIP', parentId: root }), 'body.type');
    // A commune must have a parent.
    await refusedNaming(() => create({ type: 'COMMUNE', parentId: null }), 'body.parentId');
  });

  test('a parent that does not exist is refused', async () => {
    const before = await unitCount();
    const res = await create({ parentId: '00000000-0000-4000-8000-000000000000' });
    assert.ok([400, 403, 404].includes(res.statusCode), res.body);
    assert.equal(await unitCount(), before);
  });

  test('a code another unit holds over an overlapping period is refused, naming body.code', async () => {
    await refusedNaming(() => create({ code: '000.00.L7.H26' }), 'body.code'); // Xã Mê Linh, open-ended
    // The former Xã Mê Linh held 000.14.41.H26 until 2025-06-30: one shared day is an overlap…
    await refusedNaming(
      () => create({ code: '000.14.41.H26', parentId: root, type: 'COMMUNE', validFrom: '2025-06-30' }),
      'body.code',
    );
    await refusedNaming(
      () =>
        create({
          code: '000.14.41.H26',
          parentId: formerDistrict,
          type: 'COMMUNE',
          validFrom: '2010-01-01',
          validTo: '2010-12-31',
        }),
      'body.code',
    );
    // …but from the day after, the closed code may be used again.
    const reused = await created({
      code: '000.14.41.H26',
      parentId: root,
      type: 'COMMUNE',
      validFrom: '2025-07-01',
      name: 'Xã dùng lại mã',
    });
    assert.equal(reused.code, '000.14.41.H26');
    // Changing a code to one in use is refused too.
    const other = await created({});
    const res = await admin.patch(
      `/api/v1/units/${other.id}`,
      { code: '000.00.L7.H26' },
      { 'if-match': `"${other.version}"` },
    );
    assert.ok([400, 409].includes(res.statusCode), res.body);
    assert.ok(res.json().errors.some((e: { field: string }) => e.field === 'body.code'));
  });

  test('two creations with the same code at the same moment: one wins, the other is told which field (not a 500)', async () => {
    for (let round = 0; round < 3; round++) {
      const code = newCode();
      const before = await unitCount();
      const results = await Promise.all([
        create({ code, name: 'Bên thứ nhất' }),
        create({ code, name: 'Bên thứ hai' }),
      ]);
      const statuses = results.map((r) => r.statusCode).sort();
      assert.equal(statuses[0], 201, results.map((r) => r.body).join('\n'));
      const loser = results.find((r) => r.statusCode !== 201)!;
      assert.ok([400, 409].includes(loser.statusCode), loser.body);
      assert.ok(
        loser.json().errors.some((e: { field: string }) => e.field === 'body.code'),
        loser.body,
      );
      assert.equal(await unitCount(), before + 1);
    }
  });
});

describe('moving a unit', () => {
  test('under itself or under one of its descendants is refused', async () => {
    const a = await created({ name: 'Phòng A' });
    const b = await created({ name: 'Phòng B', parentId: a.id });
    const c = await created({ name: 'Phòng C', parentId: b.id });
    for (const parentId of [a.id, b.id, c.id]) {
      const res = await admin.patch(`/api/v1/units/${a.id}`, { parentId }, { 'if-match': `"${a.version}"` });
      assert.equal(res.statusCode, 400, res.body);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === 'body.parentId'),
        res.body,
      );
    }
    assert.equal((await detail(a.id)).parentId, commune);
    // A move that makes no cycle is fine.
    const moved = await admin.patch(`/api/v1/units/${c.id}`, { parentId: a.id }, { 'if-match': `"${c.version}"` });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().parentId, a.id);
  });
});

describe('reorganisation', () => {
  async function twoCommunes() {
    const x = await created({ type: 'COMMUNE', parentId: root, validFrom: '2020-01-01', name: `Xã Hợp Nhất Một ${n}` });
    const y = await created({ type: 'COMMUNE', parentId: root, validFrom: '2020-01-01', name: `Xã Hợp Nhất Hai ${n}` });
    return [x, y] as const;
  }
  const merge = (sourceIds: string[], targets: Record<string, unknown>[], effectiveDate = '2025-07-01') =>
    admin.post('/api/v1/units/reorganisations', {
      kind: 'MERGE',
      effectiveDate,
      legalBasis: 'Nghị quyết thử nghiệm',
      sourceIds,
      targets,
    });

  test('MERGE of two communes into a new one from 2025-07-01', async () => {
    const [x, y] = await twoCommunes();
    const res = await merge(
      [x.id, y.id],
      [{ code: newCode(), name: 'Xã Sau Hợp Nhất', type: 'COMMUNE', parentId: root }],
    );
    assert.equal(res.statusCode, 201, res.body);
    const [target] = res.json().targets as UnitJson[];
    assert.equal(target!.validFrom, '2025-07-01');
    assert.equal(target!.validTo, null);
    for (const s of [x, y]) {
      const d = await detail(s.id);
      assert.equal(d.validTo, '2025-06-30');
      assert.equal(d.version, s.version + 1);
      assert.deepEqual(
        d.successors.map((u) => u.id),
        [target!.id],
      );
      assert.deepEqual(
        d.history.map((h) => h.action),
        ['unit.end', 'unit.create'],
      );
    }
    const t2 = await detail(target!.id);
    assert.deepEqual(t2.predecessors.map((u) => u.id).sort(), [x.id, y.id].sort());
    const ids = async (asOf: string) =>
      (
        (await admin.get(`/api/v1/units?parentId=${root}&asOf=${asOf}&q=hop+nhat&limit=500`)).json().items as UnitJson[]
      ).map((u) => u.id);
    const june = await ids('2025-06-30');
    assert.ok(june.includes(x.id) && june.includes(y.id) && !june.includes(target!.id), JSON.stringify(june));
    const july = await ids('2025-07-01');
    assert.ok(!july.includes(x.id) && !july.includes(y.id) && july.includes(target!.id), JSON.stringify(july));
  });

  test('SPLIT of one commune into two: each new one lists it as predecessor', async () => {
    const [x] = await twoCommunes();
    const res = await admin.post('/api/v1/units/reorganisations', {
      kind: 'SPLIT',
      effectiveDate: '2026-01-01',
      legalBasis: 'Nghị quyết chia tách',
      sourceIds: [x.id],
      targets: [
        { code: newCode(), name: 'Xã Chia Tách Bắc', type: 'COMMUNE', parentId: root },
        { code: newCode(), name: 'Xã Chia Tách Nam', type: 'COMMUNE', parentId: root },
      ],
    });
    assert.equal(res.statusCode, 201, res.body);
    const targets = res.json().targets as UnitJson[];
    for (const tg of targets)
      assert.deepEqual(
        (await detail(tg.id)).predecessors.map((u) => u.id),
        [x.id],
      );
    assert.equal((await detail(x.id)).validTo, '2025-12-31');
  });

  test('refused, changing nothing: a source whose children outlive it, a source already ended, a MERGE into two', async () => {
    const [x, y] = await twoCommunes();
    const child = await created({ parentId: x.id, validFrom: '2024-01-01', name: 'Phòng của xã' });
    const before = await unitCount();
    const withChild = await merge(
      [x.id, y.id],
      [{ code: newCode(), name: 'Xã Không Thành', type: 'COMMUNE', parentId: root }],
    );
    assert.equal(withChild.statusCode, 400, withChild.body);
    assert.equal(withChild.json().code, 'UNIT_REORGANISATION_INVALID');
    assert.deepEqual(
      withChild.json().errors.map((e: { field: string }) => e.field),
      ['body.sourceIds.0'],
    );

    const ended = await idOf('000.14.41.H26'); // former Xã Mê Linh, ended 2025-06-30
    const late = await merge(
      [ended, y.id],
      [{ code: newCode(), name: 'Xã Không Thành', type: 'COMMUNE', parentId: root }],
      '2026-01-01',
    );
    assert.equal(late.statusCode, 400, late.body);
    assert.deepEqual(
      late.json().errors.map((e: { field: string }) => e.field),
      ['body.sourceIds.0'],
    );

    const two = await merge(
      [y.id],
      [
        { code: newCode(), name: 'Một', type: 'COMMUNE', parentId: root },
        { code: newCode(), name: 'Hai', type: 'COMMUNE', parentId: root },
      ],
    );
    assert.equal(two.statusCode, 400, two.body);
    assert.equal(two.json().code, 'UNIT_REORGANISATION_INVALID');

    assert.equal(await unitCount(), before);
    for (const u of [x, y, child]) assert.equal((await detail(u.id)).validTo, null);
  });

  test('a target that breaks a rule rolls back the whole reorganisation (the sources stay open)', async () => {
    const [x, y] = await twoCommunes();
    const before = await unitCount();
    const res = await merge(
      [x.id, y.id],
      [{ code: '000.00.L7.H26', name: 'Xã Trùng Mã', type: 'COMMUNE', parentId: root }],
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.deepEqual(
      res.json().errors.map((e: { field: string }) => e.field),
      ['body.targets.0.code'],
    );
    assert.equal(await unitCount(), before);
    for (const s of [x, y]) {
      const d = await detail(s.id);
      assert.equal(d.validTo, null);
      assert.equal(d.version, s.version);
      assert.deepEqual(d.successors, []);
      assert.deepEqual(
        d.history.map((h) => h.action),
        ['unit.create'],
      );
    }
  });
});

describe('listing', () => {
  test('cursor pages of 7 return every unit valid on the date exactly once, in Vietnamese order (Đ after D)', async () => {
    // Names around Đ, and three with the same name (the cursor must break ties by id).
    for (const name of [
      'Dịch vụ thử nghiệm',
      'Đội thử nghiệm trùng tên',
      'Đội thử nghiệm trùng tên',
      'Đội thử nghiệm trùng tên',
      'Em thử nghiệm',
      'Zê thử nghiệm',
      'Ân thử nghiệm',
      'Ấp thử nghiệm',
      'An thử nghiệm',
    ])
      await created({ name });
    const asOf = '2025-07-01';
    const seen: UnitJson[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url = `/api/v1/units?asOf=${asOf}&limit=7${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await admin.get(url);
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as { items: UnitJson[]; nextCursor: string | null };
      assert.ok(page.items.length <= 7);
      if (page.nextCursor) assert.equal(page.items.length, 7);
      seen.push(...page.items);
      cursor = page.nextCursor;
      assert.ok(++pages < 200, 'paging does not end');
    } while (cursor);

    const expected = await sql<{ id: string }>`
      SELECT id FROM unit WHERE valid_from <= ${asOf}::date AND (valid_to IS NULL OR valid_to >= ${asOf}::date)`.execute(
      t.database.db,
    );
    const ids = seen.map((u) => u.id);
    assert.equal(new Set(ids).size, ids.length, 'a unit came twice');
    assert.deepEqual([...ids].sort(), expected.rows.map((r) => r.id).sort());

    const collator = new Intl.Collator('vi');
    for (let i = 1; i < seen.length; i++)
      assert.ok(
        collator.compare(seen[i - 1]!.name, seen[i]!.name) <= 0,
        `${seen[i - 1]!.name} before ${seen[i]!.name}`,
      );
    const names = seen.map((u) => u.name);
    const first = (prefix: string) => names.findIndex((x) => x.startsWith(prefix));
    const last = (prefix: string) => names.length - 1 - [...names].reverse().findIndex((x) => x.startsWith(prefix));
    assert.ok(last('D') < first('Đ'), 'D before Đ');
    assert.ok(last('Đ') < first('E'), 'Đ before E (not after Z as in code point order)');
    assert.ok(last('Đ') < first('Phường'));
    assert.ok(last('An ') < first('Ân') && last('Ân') < first('Ấp'), 'A < Â, and the tone mark orders Ân before Ấp');
  });

  test('paging one by one through units with the same name returns each once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await admin.get(
        `/api/v1/units?asOf=2025-07-01&q=${encodeURIComponent('doi thu nghiem trung ten')}&limit=1${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      assert.equal(res.statusCode, 200, res.body);
      const page = res.json() as { items: UnitJson[]; nextCursor: string | null };
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor && seen.length < 10);
    assert.equal(seen.length, 3);
    assert.equal(new Set(seen).size, 3);
  });
});
