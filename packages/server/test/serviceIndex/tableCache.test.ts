/**
 * The ranked table keeps the sums it read while the rollups' revision stays (store.ts unitCounterSums): it must
 * answer as the uncached unit view does, before and after a change — made through the API or derived by another
 * worker — and a revision missing from the job state is created.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { periodFromKey, periodKeyAt, previousPeriodKey } from '@motcua/domain/index766/index';
import { generateDossiers } from '../../src/seed/dossierGenerator';
import { refreshServiceIndex } from '../../src/serviceIndex/derive';
import { rollupRevision } from '../../src/serviceIndex/store';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { MELINH_CODE, unitIdOf } from '../support/dossierFixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let reform: Client;
let communeId: string;
const db = () => t.database.db;
const quarter = periodKeyAt(Date.now(), 'QUARTER');
const finished = previousPeriodKey(quarter);

before(async () => {
  t = await createTestApp();
  communeId = await unitIdOf(db());
  await generateDossiers(db(), { dossiers: 250, months: 5, seed: 11 });
  reform = await t.login('caicach');
});
after(() => t.close());

async function melinhRow(period: string): Promise<Json> {
  const res = await reform.get(`/api/v1/service-index?period=${period}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as Json).units.find((u: Json) => u.code === MELINH_CODE);
}

/** The commune's total as the unit view computes it (its sums are never kept). */
async function unitTotal(period: string): Promise<number> {
  const res = await reform.get(`/api/v1/service-index/units/${communeId}?period=${period}`);
  assert.equal(res.statusCode, 200, res.body);
  return (res.json() as Json).result.total;
}

/** Dissatisfied ratings on delivered dossiers of the period: half of them brings the rate under its fullAt. */
async function rateDissatisfied(period: string, count: number | 'half') {
  const p = periodFromKey(period)!;
  const d = await sql<{ id: string }>`
    SELECT d.id FROM dossier d LEFT JOIN dossier_rating r ON r.dossier_id = d.id
     WHERE d.unit_id = ${communeId}::uuid AND d.state = 'DELIVERED' AND r.dossier_id IS NULL
       AND d.resolved_at >= ${new Date(p.start).toISOString()}::timestamptz
       AND d.resolved_at < ${new Date(p.end).toISOString()}::timestamptz ORDER BY d.id`.execute(db());
  const ids = d.rows.slice(0, count === 'half' ? Math.ceil(d.rows.length / 2) : count);
  assert.ok(
    ids.length > 0 && d.rows.length >= (count === 'half' ? 2 : count),
    `delivered dossiers without a rating in ${period}`,
  );
  for (const { id } of ids)
    await sql`INSERT INTO dossier_rating (dossier_id, level, channel) VALUES (${id}::uuid, 'DISSATISFIED', 'COUNTER_DEVICE')`.execute(
      db(),
    );
}

describe('kept sums of the ranked table', () => {
  test('the same answer again, and the unit view’s figures', async () => {
    for (const period of [finished, quarter]) {
      const first = await melinhRow(period);
      assert.ok(first.received > 0, period);
      assert.deepEqual(await melinhRow(period), first, period);
      assert.equal(first.total.toFixed(9), (await unitTotal(period)).toFixed(9), period);
    }
  });

  test('a rating in a finished quarter moves the table at once (the reader derives it)', async () => {
    const before = await melinhRow(finished);
    const revision = await rollupRevision(db());
    await rateDissatisfied(finished, 'half');
    const after = await melinhRow(finished);
    assert.notEqual(await rollupRevision(db()), revision);
    assert.ok(after.total < before.total, `${after.total} < ${before.total}`);
    assert.equal(after.total.toFixed(9), (await unitTotal(finished)).toFixed(9));
    // The quarter after it ranks with it as the previous one.
    assert.equal((await melinhRow(quarter)).previousTotal.toFixed(9), after.total.toFixed(9));
  });

  test('a change derived by another worker, and a job state emptied, are seen too', async () => {
    const before = await melinhRow(finished);
    await rateDissatisfied(finished, 1);
    // Another process's job drains the queue: this reader then has nothing to derive itself.
    await refreshServiceIndex(db());
    const after = await melinhRow(finished);
    assert.ok(after.total < before.total, `${after.total} < ${before.total}`);
    assert.equal(after.total.toFixed(9), (await unitTotal(finished)).toFixed(9));

    await sql`DELETE FROM index_job_state WHERE key = 'rollup_revision'`.execute(db());
    assert.deepEqual(await melinhRow(finished), after);
    assert.ok(await rollupRevision(db()));
  });
});
