/**
 * The dossier generator (seed/dossierGenerator.ts): 300 dossiers over 3 months at the demo commune, then the
 * shares (supplement, late mostly in land procedures, channels, ratings), the projection of every dossier against
 * the fold of its stored log, the codes against the per-unit daily counter, the rhythm of receptions, the steps
 * of the internal process, and what the officers and the public lookup see through the API.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { localDateOf } from '@motcua/domain/calendar/index';
import { foldDossier, isValidDossierCode, parseDossierCode, type DossierAction } from '@motcua/domain/dossier/index';
import { calendarCacheFor } from '../../src/calendar/cache';
import { assigneeOf } from '../../src/dossiers/store';
import { generateDossiers, type GenerateReport } from '../../src/seed/dossierGenerator';
import { createTestApp, type TestApp } from '../support/testApp';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let t: TestApp;
let report: GenerateReport;
let communeId: string;
const unitCode = '000.00.L7.H26';

before(async () => {
  t = await createTestApp();
  const before = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier`.execute(t.database.db);
  assert.equal(before.rows[0]!.n, 0, 'the test template has no generated dossiers');
  communeId = (
    await t.database.db.selectFrom('unit').select('id').where('code', '=', unitCode).executeTakeFirstOrThrow()
  ).id;
  report = await generateDossiers(t.database.db, { dossiers: 300, months: 3, seed: 11 });
});
after(() => t.close());

const db = () => t.database.db;

describe('dossier generator', () => {
  test('300 dossiers at the demo commune, no refusal by the state table', async () => {
    assert.equal(report.dossiers, 300);
    assert.deepEqual(
      report.units.map((u) => u.code),
      [unitCode],
    );
    assert.equal(report.refusals, 0);
    assert.equal(report.mismatches, 0);
    const r = await sql<{ n: number; actions: number }>`SELECT count(*)::int AS n,
      (SELECT count(*)::int FROM dossier_action) AS actions FROM dossier`.execute(db());
    assert.equal(r.rows[0]!.n, 300);
    assert.equal(r.rows[0]!.actions, report.actions);
  });

  test('shares: supplement ≈ 8%, late 1–2% and mostly land, the channel mix, ratings of delivered ones', async () => {
    const r = await sql<{
      received: number;
      supplement: number;
      late: number;
      lateLand: number;
      apologies: number;
      counter: number;
      online: number;
      postal: number;
      delivered: number;
      rated: number;
    }>`SELECT
        count(*) FILTER (WHERE d.received_at IS NOT NULL)::int AS received,
        count(*) FILTER (WHERE (d.state_json->>'supplementRequestCount')::int > 0)::int AS supplement,
        count(*) FILTER (WHERE (d.state_json->'index766'->>'late')::boolean)::int AS late,
        count(*) FILTER (WHERE (d.state_json->'index766'->>'late')::boolean
          AND search_text(v.field) LIKE '%dat dai%')::int AS "lateLand",
        count(*) FILTER (WHERE d.state_json->'apology' <> 'null'::jsonb)::int AS apologies,
        count(*) FILTER (WHERE d.channel = 'COUNTER')::int AS counter,
        count(*) FILTER (WHERE d.channel = 'ONLINE')::int AS online,
        count(*) FILTER (WHERE d.channel = 'POSTAL')::int AS postal,
        count(*) FILTER (WHERE d.state = 'DELIVERED')::int AS delivered,
        count(r.dossier_id)::int AS rated
      FROM dossier d JOIN procedure_version v ON v.id = d.procedure_version_id
      LEFT JOIN dossier_rating r ON r.dossier_id = d.id`.execute(db());
    const s = r.rows[0]!;
    const share = (x: number) => x / s.received;
    assert.ok(s.received >= 280, `received ${s.received}`);
    assert.ok(share(s.supplement) >= 0.06 && share(s.supplement) <= 0.1, `supplement ${s.supplement}/${s.received}`);
    assert.ok(share(s.late) >= 0.008 && share(s.late) <= 0.025, `late ${s.late}/${s.received}`);
    assert.ok(s.lateLand * 2 > s.late, `late in land procedures ${s.lateLand}/${s.late}`);
    assert.ok(s.apologies >= 1, 'some late dossiers got an apology with a new date');
    assert.ok(s.counter / 300 >= 0.45 && s.counter / 300 <= 0.8, `counter ${s.counter}`);
    assert.ok(s.online / 300 >= 0.15 && s.online / 300 <= 0.45, `online ${s.online}`);
    assert.ok(s.postal >= 3 && s.postal / 300 <= 0.1, `postal ${s.postal}`);
    assert.ok(share(s.delivered) > 0.8, `delivered ${s.delivered}`);
    assert.ok(s.rated / s.delivered >= 0.2 && s.rated / s.delivered <= 0.5, `rated ${s.rated}/${s.delivered}`);
  });

  test('every projection (state_json and its columns) equals the fold of its stored log', async () => {
    const { calendar } = await calendarCacheFor(db()).get(communeId);
    const rows = await sql<Json>`SELECT id, code, state, status_code AS "statusCode", version, channel,
        received_at AS "receivedAt", due_at AS "dueAt", resolved_at AS "resolvedAt", delivered_at AS "deliveredAt",
        assignee_id AS "assigneeId", state_json AS "stateJson" FROM dossier ORDER BY id`.execute(db());
    const actions = await sql<Json>`SELECT dossier_id AS "dossierId", id, type, actor_id AS "actorId",
        actor_role AS "actorRole", unit_id AS "unitId", at, payload FROM dossier_action ORDER BY dossier_id, seq`.execute(
      db(),
    );
    const logs = new Map<string, DossierAction[]>();
    for (const a of actions.rows) {
      let list = logs.get(a.dossierId);
      if (!list) logs.set(a.dossierId, (list = []));
      list.push({
        id: a.id,
        type: a.type,
        actor: { userId: a.actorId ?? '', role: a.actorRole, unitId: a.unitId },
        at: (a.at as Date).getTime(),
        payload: a.payload,
      });
    }
    const ms = (d: Date | null) => (d === null ? null : d.getTime());
    for (const row of rows.rows) {
      const log = logs.get(row.id)!;
      const folded = foldDossier(log, { calendar });
      assert.deepEqual(folded, row.stateJson, `dossier ${row.code ?? row.id}`);
      assert.equal(folded.anomalies.length, 0);
      assert.equal(row.version, log.length);
      assert.equal(row.state, folded.state);
      assert.equal(row.statusCode, folded.statusCode);
      assert.equal(row.channel, folded.channel);
      assert.equal(row.code, folded.dossierCode);
      assert.equal(ms(row.receivedAt), folded.receivedAt);
      assert.equal(ms(row.dueAt), folded.dueAt);
      assert.equal(ms(row.resolvedAt), folded.resolvedAt);
      assert.equal(ms(row.deliveredAt), folded.deliveredAt);
      assert.equal(row.assigneeId, assigneeOf(folded));
    }
  });

  test('codes are unique, dated on the receipt day and end exactly at the daily counter', async () => {
    const r = await sql<{ code: string; receivedAt: Date; unitId: string }>`
      SELECT code, received_at AS "receivedAt", unit_id AS "unitId" FROM dossier WHERE code IS NOT NULL`.execute(db());
    assert.equal(new Set(r.rows.map((x) => x.code)).size, r.rows.length);
    const perDay = new Map<string, number[]>();
    for (const x of r.rows) {
      assert.ok(isValidDossierCode(x.code), x.code);
      const p = parseDossierCode(x.code)!;
      assert.equal(p.identifier, unitCode);
      assert.equal(p.localDate, localDateOf(x.receivedAt.getTime()), x.code);
      const key = `${x.unitId}|${p.localDate}`;
      perDay.set(key, [...(perDay.get(key) ?? []), Number(p.sequence)]);
    }
    const counters = await sql<{ unitId: string; localDate: string; last: number }>`
      SELECT unit_id AS "unitId", local_date AS "localDate", last FROM dossier_code_counter`.execute(db());
    assert.equal(counters.rows.length, perDay.size, 'one counter row per unit and day with receptions');
    for (const c of counters.rows) {
      const seqs = (perDay.get(`${c.unitId}|${c.localDate}`) ?? []).sort((a, b) => a - b);
      assert.deepEqual(
        seqs,
        Array.from({ length: c.last }, (_, i) => i + 1),
        `${c.localDate}: 1..${c.last} without gaps`,
      );
    }
  });

  test('every reception on a working day in office hours; online submissions also outside them', async () => {
    const { calendar } = await calendarCacheFor(db()).get(communeId);
    const r = await sql<{ channel: string; receivedAt: Date; submittedAt: number | null }>`
      SELECT channel, received_at AS "receivedAt", (state_json->>'submittedAt')::bigint AS "submittedAt"
      FROM dossier WHERE received_at IS NOT NULL`.execute(db());
    for (const x of r.rows) {
      const at = x.receivedAt.getTime();
      assert.ok(calendar.isWorkingDay(localDateOf(at)), `${x.channel} received on ${localDateOf(at)}`);
      assert.equal(calendar.receptionAt(at), 'OFFICE_HOURS', `${x.channel} received at ${x.receivedAt.toISOString()}`);
    }
    const online = r.rows.filter((x) => x.channel === 'ONLINE' && x.submittedAt !== null);
    assert.ok(online.length > 0);
    assert.ok(
      online.some((x) => calendar.receptionAt(Number(x.submittedAt)) === 'CLOSED'),
      'some online submissions arrive outside office hours',
    );
  });

  test('processing follows the approved internal process, by the demo officers', async () => {
    const officers = await sql<{ id: string; username: string }>`
      SELECT id, username FROM app_user WHERE username IN ('tiepnhan', 'chuyenvien', 'lanhdao')`.execute(db());
    const byId = new Map(officers.rows.map((o) => [o.id, o.username]));
    const r = await sql<{ steps: Json[]; process: Json[] | null; state: string }>`
      SELECT d.state_json->'steps' AS steps, d.state,
        (SELECT ip.steps FROM internal_process ip WHERE ip.procedure_version_id = d.procedure_version_id
          AND ip.unit_id = d.unit_id AND ip.status = 'APPROVED' LIMIT 1) AS process
      FROM dossier d WHERE d.state = 'DELIVERED'`.execute(db());
    let withProcess = 0;
    for (const d of r.rows) {
      assert.ok(d.steps.length >= 2, 'at least two steps');
      for (const st of d.steps) assert.ok(byId.has(st.assigneeUserId), 'assigned to a demo officer');
      if (!d.process) continue;
      withProcess++;
      const ids = [...new Set(d.steps.map((s) => s.stepId))];
      assert.deepEqual(
        ids,
        d.process.map((_, i) => `step-${i + 1}`),
      );
      assert.equal(d.steps.at(-1)!.endReason, 'RESOLVED');
      assert.ok(d.steps.every((s) => s.budget !== null && s.timeliness !== null));
    }
    assert.ok(withProcess > 0, 'some delivered dossiers went through an approved process');
    const roles = await sql<{ role: string; n: number }>`
      SELECT actor_role AS role, count(*)::int AS n FROM dossier_action GROUP BY 1`.execute(db());
    const has = new Set(roles.rows.map((x) => x.role));
    for (const role of ['COUNTER_OFFICER', 'SPECIALIST', 'UNIT_LEADER', 'CITIZEN']) assert.ok(has.has(role), role);
  });

  test('the officers see the generated dossiers in their queues, search finds them, citizens can track them', async () => {
    const specialist = await t.login('chuyenvien');
    const officer = await t.login('tiepnhan');
    const mine = await sql<{
      n: number;
    }>`SELECT count(*)::int AS n FROM dossier WHERE assignee_id = ${specialist.userId}::uuid`.execute(db());
    const assigned = await specialist.get('/api/v1/dossiers?view=assigned&limit=200');
    assert.equal(assigned.statusCode, 200, assigned.body);
    assert.equal(assigned.json().items.length, mine.rows[0]!.n);
    assert.ok(assigned.json().items.every((x: Json) => x.assigneeId === specialist.userId));

    const active = await sql<{ n: number }>`SELECT count(*)::int AS n FROM dossier
      WHERE unit_id = ${communeId}::uuid AND state IN ('RECEIVED','ASSIGNED','IN_STEP','HANDED_OFF','SENT_BACK',
        'COORDINATING','AWAITING_PAYMENT','AWAITING_SUPPLEMENT','SUPPLEMENT_SUBMITTED')`.execute(db());
    assert.ok(active.rows[0]!.n > 0, 'some dossiers are still in progress at the end of the period');
    const queue = await officer.get(`/api/v1/dossiers?unitId=${communeId}&state=active&limit=200`);
    assert.equal(queue.statusCode, 200, queue.body);
    assert.equal(queue.json().items.length, active.rows[0]!.n);
    const submitted = await officer.get(`/api/v1/dossiers?unitId=${communeId}&state=SUBMITTED,GUIDED_TO_COMPLETE`);
    assert.equal(submitted.statusCode, 200);

    const sample = await sql<{ id: string; code: string; phone: string; name: string }>`
      SELECT id, code, phone_last4 AS phone, applicant_name AS name FROM dossier
      WHERE state = 'DELIVERED' AND phone_last4 IS NOT NULL ORDER BY code LIMIT 1`.execute(db());
    const d = sample.rows[0]!;
    const byCode = await officer.get(`/api/v1/dossiers?unitId=${communeId}&q=${encodeURIComponent(d.code)}`);
    assert.deepEqual(
      byCode.json().items.map((x: Json) => x.id),
      [d.id],
    );
    const byName = await officer.get(`/api/v1/dossiers?unitId=${communeId}&q=${encodeURIComponent(d.name)}&limit=200`);
    assert.ok(byName.json().items.some((x: Json) => x.id === d.id));
    const detail = await officer.get(`/api/v1/dossiers/${d.id}`);
    assert.equal(detail.statusCode, 200);
    assert.equal(detail.json().state, 'DELIVERED');

    const track = await t.anonymous.get(`/api/v1/public/dossiers/${d.code}?check=${d.phone}`);
    assert.equal(track.statusCode, 200, track.body);
    assert.equal(track.json().state, 'DELIVERED');
    assert.ok(track.json().timeline.length >= 3);
  });
});
