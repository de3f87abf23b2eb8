/**
 * The live service index and Biểu 06 from generated dossiers: the rollups kept by the job equal a from-scratch
 * rebuild and the engine over every record; an action moves the figures at once; who sees what.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import {
  COUNTERS,
  bieu06,
  computeIndex,
  engineKindOf,
  periodFromKey,
  periodKeyAt,
  previousPeriodKey,
  type IndexDossier,
} from '@motcua/domain/index766/index';
import { generateDossiers } from '../../src/seed/dossierGenerator';
import { ROLLUPS, refreshServiceIndex } from '../../src/serviceIndex/derive';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { MELINH_CODE, unitIdOf } from '../support/dossierFixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let leader: Client;
let communeId: string;
const db = () => t.database.db;

before(async () => {
  t = await createTestApp();
  communeId = await unitIdOf(db());
  await generateDossiers(db(), { dossiers: 400, months: 5, seed: 7 });
  leader = await t.login('lanhdao');
});
after(() => t.close());

async function records(unitId: string): Promise<IndexDossier[]> {
  const r = await sql<{ normalized: IndexDossier }>`
    SELECT normalized FROM index_record WHERE unit_id = ${unitId}::uuid`.execute(db());
  return r.rows.map((x) => x.normalized);
}

async function rollupSnapshot(): Promise<string[]> {
  const out: string[] = [];
  for (const { table, keys } of ROLLUPS) {
    const r = await sql<Record<string, unknown>>`
      SELECT ${sql.raw(keys.join(', '))}, kind, month::text, ${sql.raw(COUNTERS.join(', '))}
        FROM ${sql.raw(table)} WHERE n <> 0 ORDER BY ${sql.raw(keys.join(', '))}, kind, month`.execute(db());
    out.push(...r.rows.map((x) => `${table} ${JSON.stringify(x)}`));
  }
  return out;
}

const now = Date.now();
const periodKeys = (() => {
  const month = periodKeyAt(now, 'MONTH');
  const quarter = periodKeyAt(now, 'QUARTER');
  return [
    month,
    previousPeriodKey(month),
    previousPeriodKey(previousPeriodKey(month)),
    quarter,
    previousPeriodKey(quarter),
  ];
})();

function shape(indicators: Json[]) {
  return indicators.map((i) => ({
    code: i.code,
    status: i.status,
    numerator: i.numerator === null ? null : Number(i.numerator.toFixed(6)),
    denominator: i.denominator === null ? null : Number(i.denominator.toFixed(6)),
    score: i.score === null ? null : Number(i.score.toFixed(6)),
  }));
}

describe('live service index', () => {
  test('the tables of the migration hold exactly the counters of the domain, in order', async () => {
    for (const table of ['index_contribution', ...ROLLUPS.map((r) => r.table)]) {
      const r = await sql<{ column_name: string }>`
        SELECT column_name FROM information_schema.columns WHERE table_name = ${table}
         ORDER BY ordinal_position`.execute(db());
      const cols = r.rows.map((x) => x.column_name);
      assert.deepEqual(cols.slice(cols.indexOf('n')), [...COUNTERS], table);
    }
  });

  test('each period: the API scores the commune as the engine scores every one of its records', async () => {
    for (const key of periodKeys) {
      const res = await leader.get(`/api/v1/service-index/units/${communeId}?period=${key}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as Json;
      const p = periodFromKey(key)!;
      const all = await records(communeId);
      // The API measured a period in progress at its own clock: take the same instant.
      const measured = body.period.live ? Math.min(p.end, Date.now()) : p.end;
      const engine = computeIndex({
        period: { start: p.start, end: measured, kind: engineKindOf(p) },
        unitLevel: 'COMMUNE',
        dossiers: all,
      });
      assert.ok(body.result.received > 0 || key === periodKeys[0], `dossiers in ${key}`);
      assert.deepEqual(shape(body.result.indicators), shape(engine.indicators), key);
      assert.equal(body.result.total.toFixed(6), engine.total.toFixed(6), key);
    }
  });

  test('a custom period of days: a whole month gives the month’s figures; bad bounds are refused', async () => {
    const key = periodKeys[1]!;
    const p = periodFromKey(key)!;
    const month = (await leader.get(`/api/v1/service-index/units/${communeId}?period=${key}`)).json() as Json;
    const res = await leader.get(`/api/v1/service-index/units/${communeId}?from=${p.from}&to=${p.to}`);
    assert.equal(res.statusCode, 200, res.body);
    const custom = res.json() as Json;
    assert.equal(custom.period.kind, 'CUSTOM');
    // DOSSIER_SYNC's zero-denominator fallback depends on the kind of period: compare the others.
    const others = (b: Json) => shape(b.result.indicators).filter((i) => i.code !== 'DOSSIER_SYNC');
    assert.deepEqual(others(custom), others(month));
    assert.equal(custom.result.received, month.result.received);
    const bad = await leader.get(`/api/v1/service-index/units/${communeId}?from=2026-02-30&to=2026-03-01`);
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'query.from');
    const reversed = await leader.get(`/api/v1/service-index/units/${communeId}?from=2026-03-02&to=2026-03-01`);
    assert.equal(reversed.json().errors[0].field, 'query.to');
  });

  test('Biểu 06 of each period equals the domain report over every record', async () => {
    for (const key of periodKeys.slice(1)) {
      const res = await leader.get(`/api/v1/statistics/bieu06?unitId=${communeId}&period=${key}`);
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json() as Json;
      const p = periodFromKey(key)!;
      // A period in progress is measured now.
      const end = Math.min(p.end, Date.now());
      const expected = bieu06(await records(communeId), { start: p.start, end, kind: engineKindOf(p) });
      const strip = (r: Json) => ({ received: r.received, resolved: r.resolved, inProgress: r.inProgress });
      assert.deepEqual(strip(body.total), strip(expected.total), key);
      const byKey = (rows: Json[]) => Object.fromEntries(rows.map((r) => [r.key, strip(r)]));
      assert.deepEqual(byKey(body.byField), byKey(expected.byField), key);
      assert.ok(body.total.received.total > 0, key);
    }
  });

  test('incremental rollups equal a rebuild from nothing, also after new actions', async () => {
    // New actions: one more month of dossiers lands on top of the derived state.
    await generateDossiers(db(), { dossiers: 60, months: 1, seed: 99 });
    await refreshServiceIndex(db());
    const incremental = await rollupSnapshot();
    await sql`TRUNCATE index_contribution, index_rollup, index_rollup_field, index_rollup_unit, index_record, index_dirty, index_job_state`.execute(
      db(),
    );
    await sql`INSERT INTO index_dirty (source, record_id) SELECT 'DOSSIER', id FROM dossier WHERE received_at IS NOT NULL`.execute(
      db(),
    );
    await refreshServiceIndex(db());
    const rebuilt = await rollupSnapshot();
    assert.ok(rebuilt.length > 10);
    assert.deepEqual(incremental, rebuilt);
    // Each rollup is the sums of the contributions at its grain (both ways: nothing missing, nothing extra).
    for (const { table, keys } of ROLLUPS) {
      const k = keys.join(', ');
      const check = await sql<{ n: number }>`
        WITH a AS (SELECT ${sql.raw(k)}, kind, month, sum(n) AS n, sum(on_time_rate_fail) AS f, sum(avg_ms) AS ms
                     FROM index_contribution WHERE kind <> 'OPEN' GROUP BY ${sql.raw(k)}, kind, month),
             b AS (SELECT ${sql.raw(k)}, kind, month, n, on_time_rate_fail AS f, avg_ms AS ms FROM ${sql.raw(table)} WHERE n <> 0)
        SELECT (SELECT count(*) FROM (SELECT * FROM a EXCEPT SELECT * FROM b) x)::int
             + (SELECT count(*) FROM (SELECT * FROM b EXCEPT SELECT * FROM a) y)::int AS n`.execute(db());
      assert.equal(check.rows[0]!.n, 0, table);
    }
  });

  test('a rating moves the satisfaction figures of the period at once (no wait for a job)', async () => {
    // A finished quarter, so that nothing but the rating can move its figures.
    const key = previousPeriodKey(periodKeyAt(now, 'QUARTER'));
    const quarter = periodFromKey(key)!;
    const before = (await leader.get(`/api/v1/service-index/units/${communeId}?period=${key}`)).json() as Json;
    const d = await sql<{ id: string }>`
      SELECT d.id FROM dossier d LEFT JOIN dossier_rating r ON r.dossier_id = d.id
       WHERE d.unit_id = ${communeId}::uuid AND d.state = 'DELIVERED' AND r.dossier_id IS NULL
         AND d.resolved_at >= ${new Date(quarter.start).toISOString()}::timestamptz
         AND d.resolved_at < ${new Date(quarter.end).toISOString()}::timestamptz LIMIT 1`.execute(db());
    const id = d.rows[0]?.id;
    assert.ok(id, 'a delivered dossier without a rating in the quarter');
    await sql`INSERT INTO dossier_rating (dossier_id, level, channel) VALUES (${id}::uuid, 'DISSATISFIED', 'COUNTER_DEVICE')`.execute(
      db(),
    );
    const after = (await leader.get(`/api/v1/service-index/units/${communeId}?period=${key}`)).json() as Json;
    const drs = (b: Json) => b.result.indicators.find((i: Json) => i.code === 'DOSSIER_RECEIVING_SATISFACTION');
    assert.equal(drs(after).denominator, drs(before).denominator);
    assert.equal(drs(after).numerator, drs(before).numerator - 1);
  });
});

describe('ranking, drill-down and the public page', () => {
  test('the province sees every commune ranked; the leader of a commune sees only his own', async () => {
    const reform = await t.login('caicach');
    const res = await reform.get(`/api/v1/service-index?period=${periodKeys[4]}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    const communes = body.units.filter((u: Json) => u.peerSet === 'COMMUNE');
    assert.ok(communes.length > 10, 'communes of the province');
    const ranks = communes.map((u: Json) => u.rank).sort((a: number, b: number) => a - b);
    assert.equal(ranks[0], 1);
    assert.ok(communes.every((u: Json) => u.peerCount === communes.length));
    const melinh = communes.find((u: Json) => u.code === MELINH_CODE);
    assert.ok(melinh.received > 0);
    // A higher total never ranks below a lower one.
    for (const a of communes) for (const b of communes) if (a.total > b.total + 0.01) assert.ok(a.rank < b.rank);

    const own = await leader.get(`/api/v1/service-index?period=${periodKeys[4]}`);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().unit.code, MELINH_CODE);
    // Alone, the commune still has its place among the communes of the city.
    assert.equal(own.json().unit.rank, melinh.rank);
    assert.equal(own.json().unit.peerCount, communes.length);
    const other = communes.find((u: Json) => u.code !== MELINH_CODE);
    const refused = await leader.get(`/api/v1/service-index/units/${other.unitId}?period=${periodKeys[4]}`);
    assert.equal(refused.statusCode, 404);
    const citizen = await t.login('congdan');
    assert.equal((await citizen.get(`/api/v1/service-index?period=${periodKeys[4]}`)).statusCode, 403);
  });

  test('the drill-down lists the late dossiers behind ON_TIME_RATE with reason, points and a link', async () => {
    const key = periodKeys[4];
    const unit = (await leader.get(`/api/v1/service-index/units/${communeId}?period=${key}`)).json() as Json;
    const onTime = unit.result.indicators.find((i: Json) => i.code === 'ON_TIME_RATE');
    const failing = onTime.denominator - onTime.numerator;
    const res = await leader.get(
      `/api/v1/service-index/units/${communeId}/lost-points?period=${key}&indicator=ON_TIME_RATE&limit=500`,
    );
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.equal(body.total, failing);
    for (const item of body.items) {
      assert.ok(['LATE', 'OVERDUE_IN_PROGRESS', 'SECOND_SUPPLEMENT'].includes(item.reason));
      assert.ok(item.points > 0);
      assert.match(item.messageVi, /^Hồ sơ /);
      assert.ok(item.dossierId);
    }
    if (body.items[0]) {
      const d = await leader.get(`/api/v1/dossiers/${body.items[0].dossierId}`);
      assert.equal(d.statusCode, 200);
      assert.equal(d.json().code, body.items[0].dossierCode);
    }
  });

  test('the public page needs no login and shows aggregates only', async () => {
    const res = await t.anonymous.get(`/api/v1/public/service-index?period=${periodKeys[4]}`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.ok(body.units.length > 10);
    assert.ok(!/dossierCode|unitId|-\d{6}-\d{4}/.test(res.body), 'no dossier codes nor internal ids');
    const bad = await t.anonymous.get('/api/v1/public/service-index?period=2026-Q5');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.json().errors[0].field, 'query.period');
  });

  test('Biểu 06 downloads as a workbook', async () => {
    const res = await leader.get(`/api/v1/statistics/bieu06?unitId=${communeId}&period=${periodKeys[4]}&format=xlsx`);
    assert.equal(res.statusCode, 200);
    assert.match(String(res.headers['content-type']), /spreadsheetml/);
    assert.equal(res.rawPayload.subarray(0, 2).toString(), 'PK');
  });
});
