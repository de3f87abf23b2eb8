/**
 * History across the 2025 reorganisation and the move to motcua: dossiers imported from a former system at a
 * commune that merged into Xã Mê Linh on 1/7/2025 count for the former commune in the tree of before, and for
 * Xã Mê Linh in the tree of after; a unit with no dossier in a period gets the spec's defaults, not an error.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { unitIdOf } from '../support/dossierFixtures';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let admin: Client;
let melinhId: string;
let former: { id: string; code: string };
let procedureCode: string;

/** A dossier of the former system, received in May 2025; `late` resolves it after its appointment. */
function record(late: boolean) {
  const resolved = late ? '2025-05-20T10:00:00+07:00' : '2025-05-08T10:00:00+07:00';
  return {
    MaHoSo: `CU-${randomUUID().slice(0, 13)}`,
    MaDonVi: former.code,
    MaTTHC: procedureCode,
    KenhThucHien: 1,
    NgayTiepNhan: '2025-05-05T08:15:00+07:00',
    NgayHenTra: '2025-05-12T17:00:00+07:00',
    TrangThai: [
      { status: 2, at: '2025-05-05T08:15:00+07:00' },
      { status: 4, at: '2025-05-05T14:00:00+07:00' },
      { status: 9, at: resolved },
    ],
  };
}

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  const db = t.database.db;
  melinhId = await unitIdOf(db);
  const r = await sql<{ id: string; code: string }>`
    SELECT u.id, u.code FROM unit_succession s JOIN unit u ON u.id = s.predecessor_id
     WHERE s.successor_id = ${melinhId}::uuid ORDER BY u.code LIMIT 1`.execute(db);
  former = r.rows[0]!;
  assert.ok(former, 'Xã Mê Linh has a predecessor in the demo tree');
  procedureCode = (await db.selectFrom('procedure').select('code').orderBy('code').executeTakeFirstOrThrow()).code;
  const res = await admin.post('/api/v1/admin/dossier-imports', {
    dossiers: [record(false), record(false), record(false), record(true)],
  });
  assert.equal(res.statusCode, 200, res.body);
});
after(() => t.close());

const onTime = (body: Json) => body.result.indicators.find((i: Json) => i.code === 'ON_TIME_RATE');

describe('history of merged units', () => {
  test('imported dossiers of the former commune count for Xã Mê Linh after the merge', async () => {
    const res = await admin.get(`/api/v1/service-index/units/${melinhId}?period=2025-Q2`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.equal(body.result.received, 4);
    assert.deepEqual([onTime(body).numerator, onTime(body).denominator], [3, 4]);
  });

  test('in the tree of before the merge they are the former commune’s own', async () => {
    const res = await admin.get(`/api/v1/service-index/units/${former.id}?period=2025-Q2&asOf=2025-05-01`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.equal(body.unit.code, former.code);
    assert.deepEqual([onTime(body).numerator, onTime(body).denominator], [3, 4]);
    // The late one is in the drill-down, without a motcua dossier to link to.
    const lost = await admin.get(
      `/api/v1/service-index/units/${former.id}/lost-points?period=2025-Q2&indicator=ON_TIME_RATE`,
    );
    assert.equal(lost.statusCode, 200, lost.body);
    const items = (lost.json() as Json).items;
    assert.equal(items.length, 1);
    assert.equal(items[0].dossierId, null);
    assert.equal(items[0].reason, 'LATE');
  });

  test('Biểu 06 of the quarter shows them as received and resolved', async () => {
    const res = await admin.get(`/api/v1/statistics/bieu06?unitId=${melinhId}&period=2025-Q2`);
    const total = (res.json() as Json).total;
    assert.deepEqual(
      [total.received.total, total.received.counterAndPostal, total.resolved.total, total.resolved.overdue],
      [4, 4, 4, 1],
    );
  });

  test('a period without dossiers: zero counts, indicators scored by the zero-denominator rule', async () => {
    const res = await admin.get(`/api/v1/service-index/units/${melinhId}?period=2024-01`);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json() as Json;
    assert.equal(body.result.received, 0);
    assert.equal(onTime(body).denominator, 0);
    assert.ok(['NOT_APPLICABLE', 'NO_ITEMS'].includes(onTime(body).status));
  });
});
