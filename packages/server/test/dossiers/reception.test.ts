/**
 * Counter reception and public tracking through HTTP: dossier codes from the per-unit daily counter,
 * due dates equal to the calendar's, idempotent retries, scope, the append-only log and its fold.
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { foldDossier, type DossierAction } from '@motcua/domain/dossier/index';
import { calendarCacheFor } from '../../src/calendar/cache';
import { otherCommuneOfficer, unitIdOf } from '../support/dossierFixtures';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let officer: Client;
let specialist: Client;
let otherOfficer: Client; // counter officer of Xã Gia Lâm
let communeId: string; // Xã Mê Linh
let procedureCode: string;
let days: number;
const unitCode = '000.00.L7.H26';

before(async () => {
  t = await createTestApp();
  officer = await t.login('tiepnhan');
  specialist = await t.login('chuyenvien');
  const db = t.database.db;
  communeId = await unitIdOf(db, unitCode);
  otherOfficer = await otherCommuneOfficer(t, 'tiepnhan-gialam');
  // A demo procedure published at the commune with a counter time limit in working days.
  const r = await sql<{ code: string; days: number }>`
    SELECT p.code, (m->'time'->>'value')::numeric AS days
    FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    JOIN procedure_version_unit pu ON pu.version_id = v.id AND pu.unit_id = ${communeId}::uuid
    CROSS JOIN LATERAL jsonb_array_elements(v.methods) m
    WHERE v.superseded_at IS NULL AND v.cutoff_time IS NULL AND m->>'channel' = 'direct'
      AND m->'time'->>'unit' = 'working_days' AND (m->'time'->>'value')::numeric BETWEEN 2 AND 20
      AND (m->'time'->>'value')::numeric = floor((m->'time'->>'value')::numeric)
      AND NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) m2 WHERE m2->>'channel' = 'direct' AND m2 <> m)
      AND v.effective_from <= '2026-04-01'
    ORDER BY p.code LIMIT 1`.execute(db);
  assert.ok(r.rows[0], 'a demo procedure with a working-day time limit at Xã Mê Linh');
  procedureCode = r.rows[0].code;
  days = Number(r.rows[0].days);
});
after(() => t.close());

const body = (receivedAt: string, extra: Record<string, unknown> = {}) => ({
  unitId: communeId,
  procedureCode,
  channel: 'COUNTER',
  applicant: { name: 'Trần Thị Bình', phone: '0912345678', idNumber: '001190012345' },
  receivedAt,
  ...extra,
});

const receive = (b: unknown, key: string = randomUUID(), client: Client = officer) =>
  client.post('/api/v1/dossiers', b, { 'idempotency-key': key });

async function actionCount(dossierId: string): Promise<number> {
  const r = await sql<{
    n: string;
  }>`SELECT count(*) AS n FROM dossier_action WHERE dossier_id = ${dossierId}::uuid`.execute(t.database.db);
  return Number(r.rows[0]!.n);
}

describe('counter reception', () => {
  test('codes follow the daily sequence; the due date is the calendar’s', async () => {
    const start = '2026-04-22T09:00:00+07:00';
    const first = await receive(body(start));
    assert.equal(first.statusCode, 201, first.body);
    const d = first.json();
    assert.equal(d.code, `${unitCode}-260422-0001`);
    assert.equal(d.statusCode, 2);
    assert.equal(d.record.state, 'RECEIVED');
    assert.equal(d.receivedAt, start);
    assert.match(d.dueAt, /\+07:00$/);
    assert.equal(d.version, 1);
    const due = await t.anonymous.get(
      `/api/v1/calendar/due?start=${encodeURIComponent(start)}&amount=${days}&unit=working_days&unitId=${communeId}`,
    );
    assert.equal(due.statusCode, 200, due.body);
    assert.equal(d.dueAt, due.json().due);

    const second = await receive(body('2026-04-22T10:30:00+07:00'));
    assert.equal(second.statusCode, 201, second.body);
    assert.equal(second.json().code, `${unitCode}-260422-0002`);

    const audit = await sql<{ action: string }>`SELECT action FROM audit_log WHERE entity_id = ${d.id}`.execute(
      t.database.db,
    );
    assert.deepEqual(
      audit.rows.map((r) => r.action),
      ['dossier.receive'],
    );
    // Written by the reception's own statement: the chain starts at it and its hash verifies.
    const chain = await sql<{ seq: number; hash: string; logHash: string; prev: string | null }>`
      SELECT h.seq, h.hash, l.hash AS "logHash", l.prev_hash AS prev FROM audit_chain_head h
      JOIN audit_log l ON l.chain_key = h.chain_key AND l.seq = h.seq WHERE h.chain_key = ${`dossier:${d.id}`}`.execute(
      t.database.db,
    );
    assert.deepEqual(chain.rows, [
      { seq: 1, hash: chain.rows[0]?.logHash, logHash: chain.rows[0]?.logHash, prev: null },
    ]);
    const admin = await t.login('admin');
    const verified = await admin.get('/api/v1/audit/verify');
    assert.equal(verified.statusCode, 200, verified.body);
    assert.equal(verified.json().firstBroken, null);
  });

  test('every applicant and proxy field recorded comes back in the detail, in its answer and when read again', async () => {
    const applicant = {
      type: 'ORGANISATION',
      name: 'Công ty TNHH Minh Anh',
      phone: '0912345678',
      idNumber: '001190012345',
      birthDate: '1990-05-17',
      address: 'Thôn Đại Bái, xã Mê Linh',
      email: 'minhanh@example.vn',
      proxy: {
        name: 'Lê Văn Cường',
        idNumber: '001090054321',
        phone: '0987000111',
        email: 'cuong@example.vn',
        address: 'Xóm Chùa, xã Mê Linh',
        authorisationRef: 'Giấy ủy quyền số 12/2026/UQ',
      },
    };
    const res = await receive(body('2026-04-28T09:00:00+07:00', { applicant }));
    assert.equal(res.statusCode, 201, res.body);
    assert.deepEqual(res.json().applicant, applicant);
    const again = await officer.get(`/api/v1/dossiers/${res.json().id}`);
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(again.json().applicant, applicant);
    assert.ok(again.json().papers.every((p: object) => ['index', 'name', 'provided'].every((k) => k in p)));
  });

  test('20 concurrent receptions get 20 consecutive numbers', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => receive(body(`2026-04-23T08:${String(10 + i).padStart(2, '0')}:00+07:00`))),
    );
    for (const r of results) assert.equal(r.statusCode, 201, r.body);
    const seqs = results.map((r) => Number((r.json().code as string).slice(-4))).sort((a, b) => a - b);
    assert.deepEqual(
      seqs,
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    // A reception that lost its number to a concurrent one wrote nothing: one row, one action, one audit entry
    // and one chain head per dossier of the day, and the counter at the last number given.
    const ids = results.map((r) => r.json().id as string);
    const written = await sql<{ dossiers: number; actions: number; audits: number; heads: number; last: number }>`
      SELECT (SELECT count(*)::int FROM dossier WHERE code LIKE ${`${unitCode}-260423-%`}) AS dossiers,
        (SELECT count(*)::int FROM dossier_action a JOIN dossier d ON d.id = a.dossier_id
          WHERE d.code LIKE ${`${unitCode}-260423-%`}) AS actions,
        (SELECT count(*)::int FROM audit_log WHERE entity_type = 'dossier' AND action = 'dossier.receive'
          AND summary LIKE ${`%${unitCode}-260423-%`}) AS audits,
        (SELECT count(*)::int FROM audit_chain_head h WHERE h.chain_key IN (
          SELECT chain_key FROM audit_log WHERE entity_id = ANY(${ids}::text[]))) AS heads,
        (SELECT last FROM dossier_code_counter WHERE unit_id = ${communeId}::uuid AND local_date = '2026-04-23') AS last
    `.execute(t.database.db);
    assert.deepEqual(written.rows[0], { dossiers: 20, actions: 20, audits: 20, heads: 20, last: 20 });
    const verified = await (await t.login('admin')).get('/api/v1/audit/verify');
    assert.equal(verified.json().firstBroken, null);
  });

  test('the code taken by the reception’s statement is in every text it stored, the stand-in in none', async () => {
    const applicant = { name: 'Phạm Văn Dũng', phone: '0912345678', email: 'dung@example.vn' };
    const res = await receive(body('2026-05-04T09:00:00+07:00', { applicant }));
    assert.equal(res.statusCode, 201, res.body);
    const { id, code } = res.json();
    assert.equal(code, `${unitCode}-260504-0001`);
    assert.equal(res.json().record.dossierCode, code);
    assert.equal(res.json().timeline[0].payload.dossierCode, code);
    const stored = await sql<{ text: string }>`
      SELECT state_json::text AS text FROM dossier WHERE id = ${id}::uuid
      UNION ALL SELECT payload::text FROM dossier_action WHERE dossier_id = ${id}::uuid
      UNION ALL SELECT subject || body || fields::text FROM notification_outbox WHERE dossier_id = ${id}::uuid
      UNION ALL SELECT summary FROM audit_log WHERE entity_id = ${id}`.execute(t.database.db);
    assert.ok(stored.rows.length >= 4, 'the state, the action, at least one notification and the audit entry');
    for (const { text } of stored.rows) {
      assert.ok(text.includes(code), text);
      assert.ok(!text.includes(`${unitCode}-260504-0000`), text);
    }
    const verified = await (await t.login('admin')).get('/api/v1/audit/verify');
    assert.equal(verified.json().firstBroken, null);
  });

  test('a day with no number left refuses the reception with 409 and writes nothing', async () => {
    const db = t.database.db;
    await sql`INSERT INTO dossier_code_counter (unit_id, local_date, last)
      VALUES (${communeId}::uuid, '2026-05-05', 9999)`.execute(db);
    const counts = () =>
      sql<{ dossiers: number; outbox: number; audits: number; last: number }>`SELECT
        (SELECT count(*)::int FROM dossier) AS dossiers, (SELECT count(*)::int FROM notification_outbox) AS outbox,
        (SELECT count(*)::int FROM audit_log) AS audits,
        (SELECT last FROM dossier_code_counter WHERE unit_id = ${communeId}::uuid AND local_date = '2026-05-05') AS last`
        .execute(db)
        .then((r) => r.rows[0]!);
    const before = await counts();
    const key = randomUUID();
    const res = await receive(body('2026-05-05T09:00:00+07:00'), key);
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'DOSSIER_CODE_SEQUENCE_OVERFLOW');
    assert.deepEqual(await counts(), before);
    assert.equal(before.last, 9999);
    // The key was not spent: the same key on another day is received.
    const next = await receive(body('2026-05-06T09:00:00+07:00'), key);
    assert.equal(next.statusCode, 201, next.body);
  });

  test('a retry with the same Idempotency-Key returns the first dossier and writes nothing', async () => {
    const key = randomUUID();
    const first = await receive(body('2026-04-24T09:00:00+07:00'), key);
    assert.equal(first.statusCode, 201, first.body);
    const again = await receive(body('2026-04-24T09:05:00+07:00'), key);
    assert.equal(again.statusCode, 200, again.body);
    assert.equal(again.json().id, first.json().id);
    assert.equal(again.json().code, first.json().code);
    assert.equal(await actionCount(first.json().id), 1);
    const n = await sql<{
      n: string;
    }>`SELECT count(*) AS n FROM dossier WHERE code LIKE ${`${unitCode}-260424-%`}`.execute(t.database.db);
    assert.equal(Number(n.rows[0]!.n), 1);
  });

  test('missing or malformed Idempotency-Key → 400', async () => {
    const res = await officer.post('/api/v1/dossiers', body('2026-04-27T09:00:00+07:00'));
    assert.equal(res.statusCode, 400, res.body);
    assert.equal(res.json().code, 'VALIDATION_FAILED');
    const bad = await receive(body('2026-04-27T09:00:00+07:00'), 'not-a-uuid');
    assert.equal(bad.statusCode, 400);
  });

  test('a specialist cannot receive; an unknown procedure is refused', async () => {
    const res = await receive(body('2026-04-27T09:00:00+07:00'), randomUUID(), specialist);
    assert.equal(res.statusCode, 403, res.body);
    const unknown = await receive(body('2026-04-27T09:00:00+07:00', { procedureCode: '9.999999' }));
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(unknown.json().code, 'DOSSIER_PROCEDURE_NOT_AT_UNIT');
  });

  test('GET: own unit reads it; another unit’s officer gets 404 (and cannot receive there)', async () => {
    const created = (await receive(body('2026-04-28T09:00:00+07:00'))).json();
    const own = await specialist.get(`/api/v1/dossiers/${created.id}`);
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(own.json().code, created.code);
    const other = await otherOfficer.get(`/api/v1/dossiers/${created.id}`);
    assert.equal(other.statusCode, 404, other.body);
    const missing = await otherOfficer.get(`/api/v1/dossiers/${randomUUID()}`);
    const problem = (b: object) => ({ ...b, requestId: 0, instance: 0 });
    assert.deepEqual(problem(other.json() as object), problem(missing.json() as object));
    const there = await receive(body('2026-04-28T09:30:00+07:00'), randomUUID(), otherOfficer);
    assert.equal(there.statusCode, 403, there.body);
  });
});

describe('public tracking', () => {
  test('right digits show the status; wrong digits and unknown codes give the same 404', async () => {
    const created = (await receive(body('2026-04-29T09:00:00+07:00'))).json();
    const ok = await t.anonymous.get(`/api/v1/public/dossiers/${created.code}?check=5678`);
    assert.equal(ok.statusCode, 200, ok.body);
    const p = ok.json();
    assert.equal(p.statusCode, 2);
    assert.equal(p.appointmentAt, created.dueAt);
    assert.deepEqual(
      p.timeline.map((e: { type: string }) => e.type),
      ['RECEIVE'],
    );
    assert.ok(!ok.body.includes('Trần Thị Bình') && !ok.body.includes('0912345678'), 'no personal data');
    const byId = await t.anonymous.get(`/api/v1/public/dossiers/${created.code}?check=2345`);
    assert.equal(byId.statusCode, 200);

    const wrong = await t.anonymous.get(`/api/v1/public/dossiers/${created.code}?check=0000`);
    const unknown = await t.anonymous.get(`/api/v1/public/dossiers/${unitCode}-260429-9999?check=5678`);
    assert.equal(wrong.statusCode, 404);
    assert.equal(unknown.statusCode, 404);
    const strip = (b: Record<string, unknown>) => {
      const { requestId: _r, instance: _i, ...rest } = b;
      return rest;
    };
    assert.deepEqual(strip(wrong.json()), strip(unknown.json()));
  });

  test('rate limited per IP', async () => {
    let last = 0;
    for (let i = 0; i < 31; i++) {
      const res = await t.app.inject({
        method: 'GET',
        url: `/api/v1/public/dossiers/X-1?check=1234`,
        remoteAddress: '203.0.113.9',
      });
      last = res.statusCode;
      if (i < 30) assert.equal(res.statusCode, 404);
    }
    assert.equal(last, 429);
  });
});

describe('the action log', () => {
  test('is append-only, and folding it gives the stored state', async () => {
    const created = (await receive(body('2026-04-30T09:00:00+07:00'))).json();
    await assert.rejects(
      sql`UPDATE dossier_action SET type = 'CANCEL' WHERE dossier_id = ${created.id}::uuid`.execute(t.database.db),
      /append-only/,
    );
    await assert.rejects(
      sql`DELETE FROM dossier_action WHERE dossier_id = ${created.id}::uuid`.execute(t.database.db),
      /append-only/,
    );
    const rows = await sql<{
      id: string;
      type: DossierAction['type'];
      actor_id: string;
      actor_role: DossierAction['actor']['role'];
      unit_id: string;
      at: Date;
      payload: unknown;
    }>`SELECT id, type, actor_id, actor_role, unit_id, at, payload FROM dossier_action
       WHERE dossier_id = ${created.id}::uuid ORDER BY seq`.execute(t.database.db);
    const uc = await calendarCacheFor(t.database.db).get(communeId);
    const folded = foldDossier(
      rows.rows.map((a) => ({
        id: a.id,
        type: a.type,
        actor: { userId: a.actor_id, role: a.actor_role, unitId: a.unit_id },
        at: a.at.getTime(),
        payload: a.payload,
      })),
      { calendar: uc.calendar },
    );
    const stored = await sql<{
      state_json: unknown;
    }>`SELECT state_json FROM dossier WHERE id = ${created.id}::uuid`.execute(t.database.db);
    assert.deepEqual(folded, stored.rows[0]!.state_json);
    assert.equal(folded.anomalies.length, 0);
  });
});
