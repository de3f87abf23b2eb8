/**
 * Service-index settings per province: the defaults until a province stores its own; a reform officer's change
 * rescales the live scores at once; stale versions, bad bodies and other roles change nothing; the audit log
 * has every change.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { DEFAULT_INDEX_SETTINGS, periodKeyAt, previousPeriodKey } from '@motcua/domain/index766/index';
import { generateDossiers } from '../../src/seed/dossierGenerator';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { unitIdOf } from '../support/dossierFixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let reform: Client;
let rootId: string;
let communeId: string;
const db = () => t.database.db;
const url = () => `/api/v1/service-index/settings?unitId=${rootId}`;
// The previous month: wholly inside the two generated months.
const period = previousPeriodKey(periodKeyAt(Date.now(), 'MONTH'));

before(async () => {
  t = await createTestApp();
  const roots = await sql<{ id: string }>`
    SELECT id FROM unit WHERE parent_id IS NULL AND (valid_to IS NULL OR valid_to >= current_date)
     ORDER BY code LIMIT 1`.execute(db());
  rootId = roots.rows[0]!.id;
  communeId = await unitIdOf(db());
  await generateDossiers(db(), { dossiers: 120, months: 2, seed: 3 });
  reform = await t.login('caicach');
});
after(() => t.close());

const put = (as: Client, body: unknown, ifMatch?: string, target = url()) =>
  as.request({
    method: 'PUT',
    url: target,
    payload: body as object,
    headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
  });

async function stored(): Promise<Json> {
  const res = await reform.get(url());
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Json;
}

async function auditRows() {
  const r = await sql<{ action: string; summary: string; actor_name: string; unit_id: string }>`
    SELECT action, summary, actor_name, unit_id FROM audit_log
     WHERE entity_type = 'service_index_settings' AND entity_id = ${rootId} ORDER BY seq`.execute(db());
  return r.rows;
}

async function onTimeOf(unitId: string): Promise<{ indicator: Json; body: Json }> {
  const res = await reform.get(`/api/v1/service-index/units/${unitId}?period=${period}`);
  assert.equal(res.statusCode, 200, res.body);
  const body = res.json() as Json;
  return { indicator: body.result.indicators.find((i: Json) => i.code === 'ON_TIME_RATE'), body };
}

describe('service-index settings per province', () => {
  test('nothing stored: the defaults, version 0 (the first If-Match)', async () => {
    const res = await reform.get(url());
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, '"0"');
    const body = res.json() as Json;
    assert.equal(body.unitId, rootId);
    assert.equal(body.version, 0);
    assert.deepEqual(body.overrides, {});
    assert.deepEqual(body.settings, DEFAULT_INDEX_SETTINGS);
    assert.deepEqual(body.defaults, DEFAULT_INDEX_SETTINGS);
  });

  test('only the root of the unit tree holds settings', async () => {
    for (const res of [
      await reform.get(`/api/v1/service-index/settings?unitId=${communeId}`),
      await put(reform, { capP2: false }, '"0"', `/api/v1/service-index/settings?unitId=${communeId}`),
    ]) {
      assert.equal(res.statusCode, 400, res.body);
      assert.equal(res.json().errors[0].field, 'query.unitId');
    }
    assert.equal((await stored()).version, 0);
  });

  test('a reform officer sets ON_TIME_RATE to 30 points: the unit scores 30 × ratio at once', async () => {
    const before = await onTimeOf(communeId);
    assert.equal(before.indicator.status, 'SCORED', JSON.stringify(before.indicator));
    assert.ok(before.indicator.denominator > 0);
    assert.equal(before.indicator.max, 20);
    const ratio = before.indicator.ratio as number;
    assert.equal(before.indicator.score.toFixed(6), (20 * ratio).toFixed(6));

    const res = await put(reform, { maxOverrides: { ON_TIME_RATE: 30 } }, '"0"');
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers.etag, '"1"');
    const body = res.json() as Json;
    assert.equal(body.version, 1);
    assert.deepEqual(body.overrides, { maxOverrides: { ON_TIME_RATE: 30 } });
    assert.deepEqual(body.settings, { ...DEFAULT_INDEX_SETTINGS, maxOverrides: { ON_TIME_RATE: 30 } });

    const after = await onTimeOf(communeId);
    assert.equal(after.indicator.max, 30);
    assert.equal(after.indicator.ratio, ratio);
    assert.equal(after.indicator.score.toFixed(6), (30 * ratio).toFixed(6));
    assert.equal(after.body.result.max, before.body.result.max + 10);
    assert.equal(
      after.body.result.total.toFixed(6),
      (before.body.result.total + 10 * ratio).toFixed(6),
      'only ON_TIME_RATE moved',
    );
    // The drill-down weighs each late dossier with the new maximum.
    const lost = async () =>
      (
        await reform.get(
          `/api/v1/service-index/units/${communeId}/lost-points?period=${period}&indicator=ON_TIME_RATE&limit=1`,
        )
      ).json() as Json;
    const item = (await lost()).items[0];
    if (item) assert.equal(item.points.toFixed(6), (30 / after.indicator.denominator).toFixed(6));

    assert.deepEqual(
      (await auditRows()).map((r) => [r.action, r.unit_id]),
      [['serviceIndex.settings.update', rootId]],
    );
    const [row] = await auditRows();
    assert.match(row!.summary, /maxOverrides/);
    assert.ok(row!.actor_name);
  });

  test('a stale or missing If-Match is refused and changes nothing', async () => {
    const stale = await put(reform, { maxOverrides: { ON_TIME_RATE: 5 } }, '"0"');
    assert.equal(stale.statusCode, 412, stale.body);
    assert.equal(stale.json().code, 'PRECONDITION_FAILED');
    const blind = await put(reform, { maxOverrides: { ON_TIME_RATE: 5 } });
    assert.equal(blind.statusCode, 428, blind.body);
    const now = await stored();
    assert.equal(now.version, 1);
    assert.deepEqual(now.overrides, { maxOverrides: { ON_TIME_RATE: 30 } });
    assert.equal((await auditRows()).length, 1);
    assert.equal((await onTimeOf(communeId)).indicator.max, 30);
  });

  test('a bad body names the fields and changes nothing', async () => {
    const res = await put(reform, { maxOverrides: { KHONG_CO: 5, ON_TIME_RATE: -1 }, displayDecimals: 9 }, '"1"');
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json() as Json;
    assert.equal(body.code, 'VALIDATION_FAILED');
    const fields = (body.errors as Json[]).map((e) => e.field).sort();
    assert.deepEqual(fields, ['body.displayDecimals', 'body.maxOverrides.KHONG_CO', 'body.maxOverrides.ON_TIME_RATE']);
    const unknown = (body.errors as Json[]).find((e) => e.field === 'body.maxOverrides.KHONG_CO');
    assert.match(unknown?.message, /không có trong bảng chỉ tiêu/);
    // The Biểu 06 granularity is applied when contributions are derived: not a setting here.
    const granularity = await put(reform, { timelinessGranularity: 'DAY' }, '"1"');
    assert.equal(granularity.statusCode, 400, granularity.body);
    assert.equal(granularity.json().errors[0].field, 'body.timelinessGranularity');
    const now = await stored();
    assert.equal(now.version, 1);
    assert.deepEqual(now.overrides, { maxOverrides: { ON_TIME_RATE: 30 } });
    assert.equal((await auditRows()).length, 1);
  });

  test('Biểu 06 counts closed dossiers on the resolved side when the province says so', async () => {
    const bieu06 = async () => {
      const res = await reform.get(`/api/v1/statistics/bieu06?unitId=${communeId}&period=${period}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json() as Json).total;
    };
    const before = await bieu06();
    assert.equal(before.consistency.accounted, before.resolved.total + before.inProgress.total);
    const res = await put(reform, { maxOverrides: { ON_TIME_RATE: 30 }, bieu06ClosedCountsAsResolved: true }, '"1"');
    assert.equal(res.statusCode, 200, res.body);
    const after = await bieu06();
    assert.equal(after.consistency.accounted, after.resolved.total + after.inProgress.total + after.closedOther);
    // The same content again writes nothing.
    const again = await put(reform, { maxOverrides: { ON_TIME_RATE: 30 }, bieu06ClosedCountsAsResolved: true }, '"2"');
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().version, 2);
    assert.equal((await auditRows()).length, 2);
  });

  test('other roles: a counter officer gets 403, a commune leader does not see the province', async () => {
    const counter = await t.login('tiepnhan');
    assert.equal((await put(counter, { capP2: false }, '"2"')).statusCode, 403);
    assert.equal((await counter.get(url())).statusCode, 403);
    const leader = await t.login('lanhdao');
    assert.equal((await leader.get(url())).statusCode, 404);
    assert.equal((await put(leader, { capP2: false }, '"2"')).statusCode, 403);
    const supervisor = await t.login('giamsat');
    assert.equal((await supervisor.get(url())).statusCode, 200);
    assert.equal((await put(supervisor, { capP2: false }, '"2"')).statusCode, 403);
    assert.equal((await t.anonymous.get(url())).statusCode, 401);
    const now = await stored();
    assert.equal(now.version, 2);
    assert.equal((await auditRows()).length, 2);
  });

  test('an empty body returns the province to the defaults', async () => {
    const res = await put(reform, {}, '"2"');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.equal(body.version, 3);
    assert.deepEqual(body.settings, DEFAULT_INDEX_SETTINGS);
    assert.equal((await onTimeOf(communeId)).indicator.max, 20);
    assert.equal((await auditRows()).length, 3);
  });
});
