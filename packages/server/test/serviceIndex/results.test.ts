/**
 * Frozen service-index results (service-index-766 §6): freezing a finished period stores exactly the live ranked
 * table as version 1; a new version needs a reason and leaves the earlier ones as they were, even after backdated
 * dossiers change the live figures; a period in progress, other roles and anonymous callers are refused and write
 * nothing; concurrent freezes get consecutive versions; the database refuses to change a frozen row.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { periodFromKey, periodKeyAt, previousPeriodKey } from '@motcua/domain/index766/index';
import { digest } from '../../src/platform/canonicalJson';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { unitIdOf } from '../support/dossierFixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: Client;
let reform: Client;
let rootId: string;
let melinh: { id: string; code: string };
let procedureCode: string;
const db = () => t.database.db;

const current = periodKeyAt(Date.now(), 'MONTH');
const finished = previousPeriodKey(current);
const earlier = previousPeriodKey(finished);
const earliest = previousPeriodKey(earlier);
const RESULTS = '/api/v1/service-index/results';

/** A sync record of the former system at Xã Mê Linh, received on the 5th of the month; `late` is resolved late. */
function record(periodKey: string, late: boolean) {
  const month = periodFromKey(periodKey)!.from.slice(0, 7);
  return {
    MaHoSo: `CHOT-${randomUUID().slice(0, 13)}`,
    MaDonVi: melinh.code,
    MaTTHC: procedureCode,
    KenhThucHien: 1,
    NgayTiepNhan: `${month}-05T08:15:00+07:00`,
    NgayHenTra: `${month}-12T17:00:00+07:00`,
    TrangThai: [
      { status: 2, at: `${month}-05T08:15:00+07:00` },
      { status: 4, at: `${month}-05T14:00:00+07:00` },
      { status: 9, at: late ? `${month}-20T10:00:00+07:00` : `${month}-08T10:00:00+07:00` },
    ],
  };
}

async function importRecords(records: unknown[]) {
  const res = await admin.post('/api/v1/admin/dossier-imports', { dossiers: records });
  assert.equal(res.statusCode, 200, res.body);
}

async function live(period: string): Promise<Json> {
  const res = await reform.get(`/api/v1/service-index?period=${period}&unitId=${rootId}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Json;
}

const freeze = (as: Client, body: Json) => as.post(RESULTS, { unitId: rootId, ...body });

async function read(period: string, version: number): Promise<Json> {
  const res = await reform.get(`${RESULTS}/${version}?period=${period}&unitId=${rootId}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Json;
}

async function stored(): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM service_index_result`.execute(db());
  return r.rows[0]!.n;
}

async function audits(): Promise<{ entity_id: string; summary: string; actor_name: string }[]> {
  const r = await sql<{ entity_id: string; summary: string; actor_name: string }>`
    SELECT entity_id, summary, actor_name FROM audit_log WHERE action = 'serviceIndex.results.freeze' ORDER BY id`.execute(
    db(),
  );
  return r.rows;
}

const melinhRow = (table: Json) => table.units.find((u: Json) => u.unitId === melinh.id);

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  reform = await t.login('caicach');
  const roots = await sql<{ id: string }>`
    SELECT id FROM unit WHERE parent_id IS NULL AND (valid_to IS NULL OR valid_to >= current_date)
     ORDER BY code LIMIT 1`.execute(db());
  rootId = roots.rows[0]!.id;
  const melinhId = await unitIdOf(db());
  const u = await db().selectFrom('unit').select(['id', 'code']).where('id', '=', melinhId).executeTakeFirstOrThrow();
  melinh = { id: u.id, code: u.code };
  procedureCode = (await db().selectFrom('procedure').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
  await importRecords([
    record(finished, false),
    record(finished, false),
    record(finished, false),
    record(finished, true),
    record(earlier, false),
    record(earliest, true),
  ]);
});
after(() => t.close());

describe('frozen service-index results', () => {
  let v1: Json;

  test('nothing frozen yet: an empty list', async () => {
    const res = await reform.get(`${RESULTS}?period=${finished}&unitId=${rootId}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.equal(body.unitId, rootId);
    assert.equal(body.period.key, finished);
    assert.equal(body.period.live, false);
    assert.deepEqual(body.versions, []);
  });

  test('the period in progress is refused (409) and nothing is written', async () => {
    const res = await freeze(reform, { period: current });
    assert.equal(res.statusCode, 409, res.body);
    assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
    const body = res.json() as Json;
    assert.equal(body.code, 'SERVICE_INDEX_PERIOD_IN_PROGRESS');
    assert.match(body.detail, /chưa kết thúc/);
    assert.equal(body.errors[0].field, 'body.period');
    assert.equal(await stored(), 0);
    assert.deepEqual(await audits(), []);
  });

  test('freeze → list → read: version 1 is exactly the live table of that moment', async () => {
    const res = await freeze(reform, { period: finished });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json() as Json;
    assert.equal(created.version, 1);
    assert.equal(created.reason, null);
    assert.equal(created.unitId, rootId);
    assert.equal(created.period.key, finished);
    assert.equal(created.createdBy.id, reform.userId);
    assert.ok(created.createdBy.name);
    assert.equal(created.measuredAt, new Date(periodFromKey(finished)!.end).toISOString());
    assert.equal(res.headers.location, `${RESULTS}/1?period=${finished}&unitId=${rootId}`);
    const table = await live(finished);

    const list = await reform.get(`${RESULTS}?period=${finished}&unitId=${rootId}`);
    assert.equal(list.statusCode, 200, list.body);
    const versions = (list.json() as Json).versions as Json[];
    assert.deepEqual(
      versions.map((v) => [v.version, v.reason, v.digest]),
      [[1, null, created.digest]],
    );
    assert.equal(versions[0]!.createdBy.name, created.createdBy.name);

    v1 = await read(finished, 1);
    assert.deepEqual(v1.payload, table);
    assert.equal(v1.digest, digest(table));
    assert.equal(v1.payload.period.live, false);
    assert.ok(melinhRow(v1.payload), 'Xã Mê Linh is in the frozen table');
    assert.equal(melinhRow(v1.payload).received, 4);

    const rows = await audits();
    assert.equal(rows.length, 1);
    assert.equal(rows[0]!.entity_id, `${rootId}/${finished}`);
    assert.match(rows[0]!.summary, /phiên bản 1/);
  });

  test('a second freeze without a reason (or a blank one): 422, nothing written', async () => {
    for (const body of [{ period: finished }, { period: finished, reason: '  \n ' }]) {
      const res = await freeze(reform, body);
      assert.equal(res.statusCode, 422, res.body);
      const problem = res.json() as Json;
      assert.equal(problem.code, 'SERVICE_INDEX_REASON_REQUIRED');
      assert.equal(problem.errors[0].field, 'body.reason');
    }
    assert.equal(await stored(), 1);
    assert.equal((await audits()).length, 1);
  });

  test('backdated dossiers change the live figures: version 1 stays; with a reason, version 2', async () => {
    await importRecords([record(finished, true), record(finished, true)]);
    const changed = await live(finished);
    assert.equal(melinhRow(changed).received, 6);
    assert.notDeepEqual(changed, v1.payload);
    assert.deepEqual((await read(finished, 1)).payload, v1.payload, 'version 1 unchanged');

    // The reason arrives decomposed (NFD): it is stored NFC and trimmed.
    const reason = 'Bổ sung hồ sơ nhập muộn từ hệ thống cũ';
    const res = await freeze(reform, { period: finished, reason: ` ${reason.normalize('NFD')} ` });
    assert.equal(res.statusCode, 201, res.body);
    const created = res.json() as Json;
    assert.equal(created.version, 2);
    assert.equal(created.reason, reason);

    const v2 = await read(finished, 2);
    assert.deepEqual(v2.payload, changed);
    assert.notEqual(v2.digest, v1.digest);
    const again = await read(finished, 1);
    assert.deepEqual(again.payload, v1.payload);
    assert.equal(again.digest, v1.digest);
    const versions = ((await reform.get(`${RESULTS}?period=${finished}&unitId=${rootId}`)).json() as Json).versions.map(
      (v: Json) => [v.version, v.reason],
    );
    assert.deepEqual(versions, [
      [1, null],
      [2, reason],
    ]);
    const rows = await audits();
    assert.equal(rows.length, 2);
    assert.match(rows[1]!.summary, /phiên bản 2: Bổ sung hồ sơ nhập muộn/);
  });

  test('a version that does not exist: 404; a bad version, date, period or field: 400', async () => {
    assert.equal((await reform.get(`${RESULTS}/9?period=${finished}&unitId=${rootId}`)).statusCode, 404);
    assert.equal((await reform.get(`${RESULTS}/0?period=${finished}&unitId=${rootId}`)).statusCode, 400);
    assert.equal((await reform.get(`${RESULTS}/abc?period=${finished}&unitId=${rootId}`)).statusCode, 400);
    const before = await stored();
    for (const [body, field] of [
      [{ period: finished, asOf: '2025-02-30', reason: 'x' }, 'body.asOf'],
      [{ period: '2025-Q5', reason: 'x' }, 'body.period'],
      [{ period: finished, reason: 'x', extra: 1 }, 'body.extra'],
    ] as const) {
      const res = await freeze(reform, body);
      assert.equal(res.statusCode, 400, res.body);
      assert.equal((res.json() as Json).errors[0].field, field);
    }
    assert.equal(await stored(), before);
  });

  test('only reform officers and administrators freeze (403); without a session 401; nothing written', async () => {
    const before = await stored();
    for (const username of ['lanhdao', 'giamsat', 'thanhtra']) {
      const as = await t.login(username);
      const res = await freeze(as, { period: earlier, reason: 'Thử quyền' });
      assert.equal(res.statusCode, 403, `${username}: ${res.body}`);
      assert.equal((res.json() as Json).code, 'FORBIDDEN');
    }
    const anonymous = await freeze(t.anonymous, { period: earlier });
    assert.equal(anonymous.statusCode, 401, anonymous.body);
    assert.equal((await t.anonymous.get(`${RESULTS}?period=${finished}&unitId=${rootId}`)).statusCode, 401);
    assert.equal(await stored(), before);
    // Reading needs reports.read only: the supervisor sees the versions.
    const giamsat = await t.login('giamsat');
    const list = await giamsat.get(`${RESULTS}?period=${finished}&unitId=${rootId}`);
    assert.equal(list.statusCode, 200, list.body);
    assert.equal((list.json() as Json).versions.length, 2);
  });

  test('concurrent freezes of one period get versions 1 and 2, never two 1s', async () => {
    const results = await Promise.all([
      freeze(reform, { period: earlier, reason: 'Chốt lần A' }),
      freeze(admin, { period: earlier, reason: 'Chốt lần B' }),
    ]);
    for (const r of results) assert.equal(r.statusCode, 201, r.body);
    assert.deepEqual(results.map((r) => (r.json() as Json).version).sort(), [1, 2]);
    // Three at once without a reason: exactly one version 1, the others are told to give a reason.
    const three = await Promise.all([1, 2, 3].map(() => freeze(reform, { period: earliest })));
    assert.deepEqual(three.map((r) => r.statusCode).sort(), [201, 422, 422]);
    const rows = await sql<{ period_key: string; version: number }>`
      SELECT period_key, version FROM service_index_result WHERE period_key IN (${earlier}, ${earliest})
       ORDER BY period_key, version`.execute(db());
    assert.deepEqual(
      rows.rows.map((r) => `${r.period_key}#${r.version}`),
      [`${earliest}#1`, `${earlier}#1`, `${earlier}#2`].sort(),
    );
  });

  test('the endpoints are in the OpenAPI document', async () => {
    const res = await t.anonymous.get('/api/openapi.json');
    assert.equal(res.statusCode, 200);
    const paths = (res.json() as Json).paths;
    assert.ok(paths['/api/v1/service-index/results'].post);
    assert.ok(paths['/api/v1/service-index/results'].get);
    assert.ok(paths['/api/v1/service-index/results/{version}'].get);
  });

  test('the database refuses to change or remove a frozen row', async () => {
    const before = await stored();
    await assert.rejects(
      sql`UPDATE service_index_result SET reason = 'sửa' WHERE version = 1`.execute(db()),
      /append-only/,
    );
    await assert.rejects(sql`DELETE FROM service_index_result`.execute(db()), /append-only/);
    await assert.rejects(sql`TRUNCATE service_index_result`.execute(db()), /append-only/);
    await assert.rejects(
      sql`INSERT INTO service_index_result (root_unit_id, period_key, as_of, version, created_by_name, measured_at, payload, digest)
          VALUES (${rootId}::uuid, ${finished}, current_date, 3, 'x', now(), '{}', ${'0'.repeat(64)})`.execute(db()),
      /check constraint/,
      'a version after 1 without a reason',
    );
    assert.equal(await stored(), before);
    assert.deepEqual((await read(finished, 1)).payload, v1.payload);
  });
});
