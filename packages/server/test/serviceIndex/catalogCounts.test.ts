/**
 * Catalogue counts of the service index (1.3, 3.1, 3.2, P1, 5.7): a commune's catalogue set to a known state,
 * generated dossiers (one paid online), the rollup job run; the counts equal hand-made expectations and a direct
 * computation over the normalized records, and make the engine's indicators computable.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { computeIndex, type IndexDossier } from '@motcua/domain/index766/index';
import { localDateOf } from '@motcua/domain/calendar/localTime';
import { generateDossiers } from '../../src/seed/dossierGenerator';
import { refreshServiceIndex } from '../../src/serviceIndex/derive';
import { catalogCounts } from '../../src/serviceIndex/catalogCounts';
import { createTestDatabase, type TestDatabase } from '../support/testDb';
import { unitIdOf } from '../support/dossierFixtures';

let t: TestDatabase;
const db = () => t;
let unitId: string;
const now = Date.now();
const today = localDateOf(now);

/** First day of the month `k` months before the current one, and the last day of that month. */
function monthBounds(k: number): { from: string; to: string; start: number; end: number } {
  const [y, m] = today.split('-').map(Number) as [number, number];
  const first = new Date(Date.UTC(y, m - 1 - k, 1));
  const next = new Date(Date.UTC(y, m - k, 1));
  const from = first.toISOString().slice(0, 10);
  const to = new Date(next.getTime() - 86_400_000).toISOString().slice(0, 10);
  const local = (d: Date) => d.getTime() - 7 * 3_600_000;
  return { from, to, start: local(first), end: local(next) };
}

interface InForce {
  id: string;
  code: string;
}

/** Versions in force at a unit today (the reception's rule, versionAppliesAt), by code. */
async function inForceAt(unit: string): Promise<InForce[]> {
  const r = await sql<InForce>`
    SELECT v.id::text AS id, p.code FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
     WHERE v.superseded_at IS NULL AND v.effective_from <= ${today}::date
       AND (v.effective_to IS NULL OR v.effective_to >= ${today}::date)
       AND (EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.version_id = v.id AND pu.unit_id = ${unit}::uuid)
         OR EXISTS (SELECT 1 FROM procedure_delegation d WHERE d.procedure_id = v.procedure_id
           AND d.unit_id = ${unit}::uuid AND d.effective_from <= ${today}::date
           AND (d.effective_to IS NULL OR d.effective_to >= ${today}::date)))
     ORDER BY p.code`.execute(db().db);
  return r.rows;
}

async function recordsOf(unit: string): Promise<IndexDossier[]> {
  const r = await sql<{ normalized: IndexDossier }>`
    SELECT normalized FROM index_record WHERE unit_id = ${unit}::uuid`.execute(db().db);
  return r.rows.map((x) => x.normalized);
}

/** Procedure codes with a record received in [start, end) that satisfies `pick`. */
function codesWith(records: IndexDossier[], start: number, end: number, pick: (d: IndexDossier) => boolean) {
  return new Set(
    records
      .filter((d) => d.receivedAt !== null && d.receivedAt >= start && d.receivedAt < end && pick(d))
      .map((d) => d.procedureCode!),
  );
}

const nfd = (s: string) => s.normalize('NFD');
const setVersion = (id: string, assignments: string) =>
  sql`UPDATE procedure_version SET ${sql.raw(assignments)} WHERE id = ${id}::uuid`.execute(db().db);

let versions: InForce[] = [];
/** The altered versions: 0–2 incomplete; 3 FULL with a fee amount, for organisations; 4 online by its methods
 * only, fee in its text, for individuals (NFD); 5 PARTIAL with no dossier in the period. */
let special: InForce[] = [];
const prev = monthBounds(1);

before(async () => {
  t = await createTestDatabase();
  unitId = await unitIdOf(db().db);
  await generateDossiers(db().db, { dossiers: 500, months: 3, seed: 31, unitCodes: ['000.00.L7.H26'] });
  await refreshServiceIndex(db().db);
  versions = await inForceAt(unitId);
  assert.ok(versions.length >= 10, 'the commune has procedures');

  // Every version in force at the commune: complete, no fee, for citizens, no online service.
  await sql`UPDATE procedure_version v SET agency = 'UBND xã', subjects = 'Công dân Việt Nam',
      result_type = 'Giấy xác nhận', processing_time_text = '05 ngày làm việc', fee_text = 'Miễn phí',
      legal_basis = '{"Luật Hộ tịch 2014"}', online_level = 'NONE',
      channels = ARRAY['direct']::text[],
      methods = '[{"channel":"direct","time":{"value":5,"unit":"working_days"},"timeText":"05 ngày làm việc","feeVnd":0,"feeNote":null,"feeText":"Miễn phí","description":null}]'::jsonb,
      documents = CASE WHEN jsonb_array_length(documents) = 0 THEN '[{"name":"Tờ khai","kind":"ORIGINAL","originals":1,"copies":0,"quantityText":null,"forms":[],"group":null}]'::jsonb ELSE documents END
    WHERE v.id = ANY(${versions.map((v) => v.id)}::uuid[])`.execute(db().db);

  const records = await recordsOf(unitId);
  const onlineIn = codesWith(records, prev.start, prev.end, (d) => d.channel === 'ONLINE');
  const onlineEver = codesWith(records, -Infinity, Infinity, (d) => d.channel === 'ONLINE');
  const active = versions.filter((v) => onlineIn.has(v.code));
  const outside = versions.filter((v) => onlineEver.has(v.code) && !onlineIn.has(v.code));
  const rest = versions.filter((v) => !onlineEver.has(v.code));
  assert.ok(active.length >= 2 && rest.length >= 3, 'procedures with and without online dossiers last month');
  special = [rest[0]!, rest[1]!, rest[2]!, active[0]!, active[1]!, outside[0] ?? rest[3]!];

  await setVersion(special[0]!.id, 'agency = NULL');
  await setVersion(
    special[1]!.id,
    `fee_text = '${nfd('Không có thông tin')}', methods = '[{"channel":"direct","time":null,"timeText":"05 ngày","feeVnd":null,"feeNote":null,"feeText":null,"description":null}]'`,
  );
  await setVersion(special[2]!.id, `legal_basis = '{"  "}'`);
  await setVersion(
    special[3]!.id,
    `online_level = 'FULL', subjects = 'Tổ chức, Doanh nghiệp', channels = ARRAY['direct','online'],
     methods = '[{"channel":"direct","time":null,"timeText":"05 ngày","feeVnd":50000,"feeNote":null,"feeText":"50.000 đồng","description":null},{"channel":"online","time":null,"timeText":"05 ngày","feeVnd":50000,"feeNote":null,"feeText":"50.000 đồng","description":null}]'`,
  );
  await setVersion(
    special[4]!.id,
    `online_level = NULL, subjects = '${nfd('Cá nhân')}', channels = ARRAY['direct','online'], fee_text = '20.000 đồng/hồ sơ',
     methods = '[{"channel":"online","time":null,"timeText":"05 ngày","feeVnd":null,"feeNote":null,"feeText":null,"description":null}]'`,
  );
  await setVersion(special[5]!.id, `online_level = 'PARTIAL'`);

  // One online dossier of procedure 3 received last month is paid online (its rollups move through the job).
  const paid = await sql<{ id: string }>`
    SELECT d.id FROM dossier d JOIN index_record r ON r.record_id = d.id
     WHERE d.unit_id = ${unitId}::uuid AND d.procedure_code = ${special[3]!.code}
       AND (r.normalized->>'channel') = 'ONLINE'
       AND r.received_at >= ${new Date(prev.start).toISOString()}::timestamptz
       AND r.received_at < ${new Date(prev.end).toISOString()}::timestamptz
     LIMIT 1`.execute(db().db);
  assert.ok(paid.rows[0]);
  const payment = paidOnline(50000, 'ONLINE_NATIONAL_PORTAL', prev.start);
  await sql`UPDATE dossier SET state_json = jsonb_set(state_json, '{payment}', ${JSON.stringify(payment)}::jsonb)
    WHERE id = ${paid.rows[0].id}::uuid`.execute(db().db);
  await refreshServiceIndex(db().db);
});
after(() => t.drop());

describe('catalogue counts', () => {
  test('1.3 and 3.1 from the catalogue rules, hand-checked', async () => {
    const n = versions.length;
    const c = (await catalogCounts(db().db, [unitId], prev, today)).get(unitId)!;
    assert.deepEqual(c.PUBLIC_CONTENT_FULL, { numerator: n - 3, denominator: n });
    assert.deepEqual(c.ONLINE_SERVICE_PROVIDED_RATE, { numerator: 3, denominator: n });
  });

  test('3.2, P1 and 5.7 of a finished month equal the records received in it', async () => {
    const n = versions.length;
    const records = await recordsOf(unitId);
    const c = (await catalogCounts(db().db, [unitId], prev, today)).get(unitId)!;
    const online = codesWith(records, prev.start, prev.end, (d) => d.channel === 'ONLINE');
    const connected = codesWith(records, prev.start, prev.end, (d) => d.citizenDataUsed === true);
    const onlineServices = [special[3]!, special[4]!, special[5]!];
    // 3 and 4 had online dossiers last month; 5 only outside it (or none).
    assert.deepEqual(c.ONLINE_SERVICE_WITH_DOSSIER_RATE, {
      numerator: onlineServices.filter((v) => online.has(v.code)).length,
      denominator: 3,
    });
    assert.equal(c.ONLINE_SERVICE_WITH_DOSSIER_RATE!.numerator, 2);
    // Fees: 3 (amount) and 4 (text); one dossier of 3 paid online.
    assert.deepEqual(c.PAYMENT_PROCEDURE_TRANSACTED, { numerator: 1, denominator: 2 });
    // Individuals: all but 3.
    const individuals = versions.filter((v) => v.id !== special[3]!.id);
    assert.deepEqual(c.CITIZEN_DATA_CONNECTED_FORMALITY, {
      numerator: individuals.filter((v) => connected.has(v.code)).length,
      denominator: n - 1,
    });
    assert.ok(c.CITIZEN_DATA_CONNECTED_FORMALITY!.numerator > 0, 'some dossiers used citizen data');
  });

  test('period bounds: another month, the current month in progress, two months together', async () => {
    const records = await recordsOf(unitId);
    const cur = monthBounds(0);
    const older = monthBounds(2);
    const both = { from: older.from, to: prev.to, start: older.start, end: prev.end };
    for (const p of [older, cur, both]) {
      const c = (await catalogCounts(db().db, [unitId], p, today)).get(unitId)!;
      const online = codesWith(records, p.start, p.end, (d) => d.channel === 'ONLINE');
      const connected = codesWith(records, p.start, p.end, (d) => d.citizenDataUsed === true);
      const onlineServices = [special[3]!, special[4]!, special[5]!];
      assert.equal(
        c.ONLINE_SERVICE_WITH_DOSSIER_RATE!.numerator,
        onlineServices.filter((v) => online.has(v.code)).length,
        `3.2 for ${p.from}..${p.to}`,
      );
      assert.equal(
        c.CITIZEN_DATA_CONNECTED_FORMALITY!.numerator,
        versions.filter((v) => v.id !== special[3]!.id && connected.has(v.code)).length,
        `5.7 for ${p.from}..${p.to}`,
      );
      // The payment was received last month: counted only in periods holding it.
      assert.equal(c.PAYMENT_PROCEDURE_TRANSACTED!.numerator, p === both ? 1 : 0);
    }
  });

  test('a period that is not whole months gives only the catalogue indicators', async () => {
    const c = (
      await catalogCounts(db().db, [unitId], { from: prev.from, to: `${prev.from.slice(0, 8)}15` }, today)
    ).get(unitId)!;
    assert.deepEqual(Object.keys(c).sort(), ['ONLINE_SERVICE_PROVIDED_RATE', 'PUBLIC_CONTENT_FULL']);
  });

  test('units without procedures in force get no entry; members count each procedure once', async () => {
    const bare = await sql<{ id: string }>`
      SELECT u.id::text AS id FROM unit u
       WHERE NOT EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.unit_id = u.id)
         AND NOT EXISTS (SELECT 1 FROM procedure_delegation d WHERE d.unit_id = u.id) LIMIT 1`.execute(db().db);
    assert.ok(bare.rows[0]);
    const other = await sql<{ id: string }>`
      SELECT DISTINCT pu.unit_id::text AS id FROM procedure_version_unit pu
       WHERE pu.unit_id <> ${unitId}::uuid ORDER BY 1 LIMIT 1`.execute(db().db);
    const otherId = other.rows[0]!.id;
    const out = await catalogCounts(db().db, [unitId, bare.rows[0].id, otherId], prev, today);
    assert.equal(out.has(bare.rows[0].id), false);
    assert.equal(out.size, 2);
    const union = new Set([...(await inForceAt(unitId)), ...(await inForceAt(otherId))].map((v) => v.id));
    const merged = await catalogCounts(db().db, [unitId], prev, today, {
      members: new Map([[unitId, [unitId, otherId]]]),
    });
    assert.equal(merged.get(unitId)!.PUBLIC_CONTENT_FULL!.denominator, union.size);
    assert.deepEqual(await catalogCounts(db().db, [], prev, today), new Map());
  });

  test('plugged into the engine: computable, with the expected scores', async () => {
    const n = versions.length;
    const c = (await catalogCounts(db().db, [unitId], prev, today)).get(unitId)!;
    const period = { start: prev.start, end: prev.end, kind: 'MONTH' as const };
    const result = computeIndex({ period, unitLevel: 'DEPARTMENT', dossiers: [], counts: c });
    const ind = (code: string) => result.indicators.find((i) => i.code === code)!;
    assert.equal(ind('PUBLIC_CONTENT_FULL').status, 'SCORED');
    assert.ok(Math.abs(ind('PUBLIC_CONTENT_FULL').score! - (2 * (n - 3)) / n) < 1e-9);
    // P1: min(2, 2.5 · B) with B = 1/2.
    assert.ok(Math.abs(ind('PAYMENT_PROCEDURE_TRANSACTED').score! - 1.25) < 1e-9);
    const r57 = c.CITIZEN_DATA_CONNECTED_FORMALITY!.numerator / c.CITIZEN_DATA_CONNECTED_FORMALITY!.denominator;
    assert.ok(Math.abs(ind('CITIZEN_DATA_CONNECTED_FORMALITY').score! - Math.min(2, 2 * r57)) < 1e-9);
    for (const code of ['ONLINE_SERVICE_PROVIDED_RATE', 'ONLINE_SERVICE_WITH_DOSSIER_RATE'])
      assert.equal(ind(code).computable, true, code);
    // Without counts these are not computable; a zero denominator follows each indicator's rule.
    const bare = computeIndex({ period, unitLevel: 'DEPARTMENT', dossiers: [] });
    assert.equal(bare.indicators.find((i) => i.code === 'PUBLIC_CONTENT_FULL')!.computable, false);
    const zero = computeIndex({
      period,
      unitLevel: 'DEPARTMENT',
      dossiers: [],
      counts: {
        PAYMENT_PROCEDURE_TRANSACTED: { numerator: 0, denominator: 0 },
        CITIZEN_DATA_CONNECTED_FORMALITY: { numerator: 0, denominator: 0 },
      },
    });
    assert.equal(zero.indicators.find((i) => i.code === 'PAYMENT_PROCEDURE_TRANSACTED')!.score, 0);
    assert.equal(zero.indicators.find((i) => i.code === 'CITIZEN_DATA_CONNECTED_FORMALITY')!.score, 2);
  });

  test('a repeated call is answered again after a catalogue change or a rollup batch', async () => {
    const n = versions.length;
    const first = (await catalogCounts(db().db, [unitId], prev, today)).get(unitId)!;
    assert.deepEqual(first.PUBLIC_CONTENT_FULL, { numerator: n - 3, denominator: n });
    const victim = versions.find((v) => !special.some((x) => x.id === v.id))!;
    await setVersion(victim.id, 'result_type = NULL');
    const second = (await catalogCounts(db().db, [unitId], prev, today)).get(unitId)!;
    assert.deepEqual(second.PUBLIC_CONTENT_FULL, { numerator: n - 4, denominator: n });
    await setVersion(victim.id, `result_type = 'Giấy xác nhận'`);
    // A second procedure with fees paid online (procedure 4's dossier), through the job.
    const d = await sql<{ id: string }>`
      SELECT d.id FROM dossier d JOIN index_record r ON r.record_id = d.id
       WHERE d.unit_id = ${unitId}::uuid AND d.procedure_code = ${special[4]!.code}
         AND r.received_at >= ${new Date(prev.start).toISOString()}::timestamptz
         AND r.received_at < ${new Date(prev.end).toISOString()}::timestamptz LIMIT 1`.execute(db().db);
    const payment = paidOnline(20000, 'ONLINE_LOCAL_GATEWAY', prev.start);
    await sql`UPDATE dossier SET state_json = jsonb_set(state_json, '{payment}', ${JSON.stringify(payment)}::jsonb)
      WHERE id = ${d.rows[0]!.id}::uuid`.execute(db().db);
    assert.deepEqual((await catalogCounts(db().db, [unitId], prev, today)).get(unitId)!.PAYMENT_PROCEDURE_TRANSACTED, {
      numerator: 1,
      denominator: 2,
    });
    await refreshServiceIndex(db().db);
    const third = (await catalogCounts(db().db, [unitId], prev, today)).get(unitId)!;
    assert.deepEqual(third.PAYMENT_PROCEDURE_TRANSACTED, { numerator: 2, denominator: 2 });
    assert.deepEqual(third.PUBLIC_CONTENT_FULL, { numerator: n - 3, denominator: n });
  });
});

/** A fee paid online at `at` (the dossier state's `payment`). */
function paidOnline(amount: number, channel: string, at: number) {
  return {
    feeLines: [{ name: 'Lệ phí', amount }],
    requestedAt: at,
    status: 'PAID',
    paidAt: at,
    channel,
    receiptUrl: null,
    excludedFromDeadline: false,
  };
}
