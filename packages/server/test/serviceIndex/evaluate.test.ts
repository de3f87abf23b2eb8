/**
 * POST /api/v1/service-index/evaluate: the spec's example 1 scored from sync records, bad records refused with the
 * field named, nothing stored, only reform officers and administrators.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { example1, november2025 } from '../../../domain/test/index766/fixtures';
import { createTestApp, type TestApp } from '../support/testApp';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

const request = { period: november2025, unitLevel: 'COMMUNE', dossiers: example1 };

describe('evaluate', () => {
  test('example 1 (November 2025): 4 of 7 on time → 20 × 4 / 7 for ON_TIME_RATE; the late ones explained', async () => {
    const reform = await t.login('caicach');
    const stored = async () =>
      (await sql<{ n: number }>`SELECT count(*)::int AS n FROM index_record`.execute(t.database.db)).rows[0]!.n;
    const before = await stored();
    const res = await reform.post('/api/v1/service-index/evaluate', request);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    const onTime = body.indicators.find((i: Json) => i.code === 'ON_TIME_RATE');
    assert.deepEqual([onTime.numerator, onTime.denominator, onTime.max], [4, 7, 20]);
    assert.equal(onTime.score.toFixed(4), ((20 * 4) / 7).toFixed(4));
    const late = body.lostPoints.filter((l: Json) => l.indicator === 'ON_TIME_RATE').map((l: Json) => l.dossierCode);
    assert.deepEqual(late.sort(), ['D3', 'D4', 'D7']);
    // Indicators whose inputs are absent are reported as not computable, not guessed.
    const published = body.indicators.find((i: Json) => i.code === 'PUBLISH_ON_TIME');
    assert.ok(published.status === 'NOT_APPLICABLE' || published.computable === false);
    assert.equal(await stored(), before, 'nothing stored');
  });

  test('a record without its reception date is refused, naming the field', async () => {
    const admin = await t.login('admin');
    const { NgayTiepNhan: _n, ...broken } = example1[0]! as Json;
    const res = await admin.post('/api/v1/service-index/evaluate', { ...request, dossiers: [broken] });
    assert.equal(res.statusCode, 400, res.body);
    const body = res.json() as Json;
    assert.equal(body.code, 'VALIDATION_FAILED');
    assert.ok(
      body.errors.some((e: Json) => e.field.startsWith('body.dossiers.0')),
      res.body,
    );
  });

  test('a counter officer may not; without a session, 401', async () => {
    const counter = await t.login('tiepnhan');
    assert.equal((await counter.post('/api/v1/service-index/evaluate', request)).statusCode, 403);
    assert.equal((await t.anonymous.post('/api/v1/service-index/evaluate', request)).statusCode, 401);
  });
});
