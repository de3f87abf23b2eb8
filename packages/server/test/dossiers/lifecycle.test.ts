/**
 * The whole lifecycle through HTTP: online submission, reception, processing along the internal steps,
 * supplement once, apology with one reschedule, resolution, delivery, tracking and rating; concurrency (If-Match)
 * and refusals that leave the dossier exactly as it was.
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { foldDossier, type DossierAction } from '@motcua/domain/dossier/index';
import { calendarCacheFor } from '../../src/calendar/cache';
import { createHash } from 'node:crypto';
import { multipart } from '../support/multipart';
import { MELINH_CODE, onlineProcedureAt, otherCommuneOfficer, unitIdOf } from '../support/dossierFixtures';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let officer: Client;
let specialist: Client;
let leader: Client;
let citizen: Client;
let outsider: Client; // counter officer of another commune
let communeId: string;
let procedureCode: string;
const unitCode = MELINH_CODE;

before(async () => {
  t = await createTestApp();
  officer = await t.login('tiepnhan');
  specialist = await t.login('chuyenvien');
  leader = await t.login('lanhdao');
  citizen = await t.login('congdan');
  communeId = await unitIdOf(t.database.db);
  outsider = await otherCommuneOfficer(t, 'tiepnhan-gl2');
  procedureCode = await onlineProcedureAt(t.database.db, communeId);
});
after(() => t.close());

const applicant = { name: 'Nguyễn Văn An', phone: '0987654321', idNumber: '001090001234', email: 'an@example.vn' };

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function act(client: Client, d: Json, type: string, payload: Json = {}, version = d.version as number) {
  return client.post(
    `/api/v1/dossiers/${d.id}/actions`,
    { type, payload },
    { 'if-match': `"${version}"`, 'idempotency-key': randomUUID() },
  );
}

async function ok(client: Client, d: Json, type: string, payload: Json = {}): Promise<Json> {
  const res = await act(client, d, type, payload);
  assert.equal(res.statusCode, 200, `${type}: ${res.body}`);
  return res.json();
}

async function counterDossier(extra: Json = {}): Promise<Json> {
  const res = await officer.post(
    '/api/v1/dossiers',
    { unitId: communeId, procedureCode, channel: 'COUNTER', applicant, ...extra },
    { 'idempotency-key': randomUUID() },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function snapshot(id: string) {
  const r = await sql<{ version: number; state: string; n: string }>`
    SELECT version, state, (SELECT count(*) FROM dossier_action WHERE dossier_id = d.id) AS n
    FROM dossier d WHERE id = ${id}::uuid`.execute(t.database.db);
  return r.rows[0];
}

const userId = async (username: string) =>
  (await t.database.db.selectFrom('app_user').select('id').where('username', '=', username).executeTakeFirstOrThrow())
    .id;

describe('online submission to delivery and rating', () => {
  test('a citizen submits, the counter receives, specialist and leader process, the result is delivered and rated', async () => {
    const key = randomUUID();
    const submitted = await citizen.post(
      '/api/v1/me/dossiers',
      { unitId: communeId, procedureCode, applicant, summary: 'Xin cấp giấy' },
      { 'idempotency-key': key },
    );
    assert.equal(submitted.statusCode, 201, submitted.body);
    let d = submitted.json();
    assert.equal(d.state, 'SUBMITTED');
    assert.equal(d.statusCode, 1);
    assert.equal(d.code, null, 'no code before reception');
    const retry = await citizen.post(
      '/api/v1/me/dossiers',
      { unitId: communeId, procedureCode, applicant },
      { 'idempotency-key': key },
    );
    assert.equal(retry.statusCode, 200);
    assert.equal(retry.json().id, d.id, 'a retried submission is the same dossier');

    const mine = await citizen.get('/api/v1/me/dossiers');
    assert.ok(mine.json().items.some((x: Json) => x.id === d.id));
    const queue = await officer.get(`/api/v1/dossiers?unitId=${communeId}&state=SUBMITTED`);
    assert.ok(
      queue.json().items.some((x: Json) => x.id === d.id),
      'the counter sees the online submission',
    );

    const asOfficer = (await officer.get(`/api/v1/dossiers/${d.id}`)).json();
    assert.ok(asOfficer.allowedActions.includes('RECEIVE'));
    d = await ok(officer, asOfficer, 'RECEIVE', {
      papers: asOfficer.papers.map((p: Json) => ({ index: p.index, provided: true })),
    });
    assert.equal(d.state, 'RECEIVED');
    assert.match(d.code, new RegExp(`^${unitCode.replaceAll('.', '\\.')}-\\d{6}-\\d{4}$`));
    assert.ok(d.dueAt, 'an appointment is computed');
    assert.equal(d.channel, 'ONLINE');
    // The search text follows the code given at reception: the code's daily number alone finds the dossier.
    const number = (d.code as string).slice(-4);
    const byNumber = await officer.get(`/api/v1/dossiers?unitId=${communeId}&q=${number}&limit=100`);
    assert.ok(
      byNumber.json().items.some((x: Json) => x.id === d.id),
      `q=${number} finds the dossier received as ${d.code}`,
    );

    const chuyenvien = await userId('chuyenvien');
    const lanhdao = await userId('lanhdao');
    d = await ok(officer, d, 'ASSIGN', { stepId: 'step-1', stepName: 'Thẩm định', assigneeUserId: chuyenvien });
    const assigned = await specialist.get('/api/v1/dossiers?view=assigned');
    const row = assigned.json().items.find((x: Json) => x.id === d.id);
    assert.ok(row, 'the dossier is in the specialist’s queue');
    assert.equal(typeof row.workingHoursLeft, 'number');
    const mineByNumber = await specialist.get(`/api/v1/dossiers?view=assigned&q=${number}`);
    assert.ok(
      mineByNumber.json().items.some((x: Json) => x.id === d.id),
      'my queue searched by the daily number',
    );
    const mineOther = await specialist.get(`/api/v1/dossiers?view=assigned&q=${encodeURIComponent('không có ai')}`);
    assert.deepEqual(mineOther.json().items, [], 'a name nobody in my queue has');
    d = await ok(specialist, d, 'START_STEP');
    d = await ok(specialist, d, 'HAND_OFF', { note: 'Đủ điều kiện' });
    d = await ok(specialist, d, 'ASSIGN', { stepId: 'step-2', stepName: 'Phê duyệt', assigneeUserId: lanhdao });
    d = await ok(leader, d, 'START_STEP');
    // The signed result is uploaded, then named by the resolution: its SHA-256 is kept with the result.
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    const upload = await leader.request({
      method: 'POST',
      url: `/api/v1/dossiers/${d.id}/attachments`,
      ...multipart([
        { name: 'purpose', value: 'RESULT' },
        { name: 'file', filename: 'ket-qua.pdf', content: pdf, type: 'application/pdf' },
      ]),
    });
    assert.equal(upload.statusCode, 201, upload.body);
    const badFile = await act(leader, d, 'RESOLVE', {
      outcome: 'APPROVED',
      resultNumber: '123/GCN',
      signerName: 'Lê Quang Dũng',
      resultAttachmentId: randomUUID(),
    });
    assert.equal(badFile.json().code, 'DOSSIER_RESULT_FILE_INVALID');
    d = await ok(leader, d, 'RESOLVE', {
      outcome: 'APPROVED',
      resultNumber: '123/GCN',
      signerName: 'Lê Quang Dũng',
      resultAttachmentId: upload.json().id,
    });
    assert.ok(String(d.record.result.fileUrl).endsWith(`/api/v1/attachments/${upload.json().id}/content`));
    assert.equal(d.record.result.electronicCopySha256Present, true);
    const logged = await sql<{ payload: { fileSha256: string } }>`
      SELECT payload FROM dossier_action WHERE dossier_id = ${d.id}::uuid AND type = 'RESOLVE'`.execute(t.database.db);
    assert.equal(logged.rows[0]!.payload.fileSha256, createHash('sha256').update(pdf).digest('hex'));
    assert.equal(d.state, 'RESOLVED');
    assert.equal(d.record.steps.length, 2);
    assert.ok(
      d.record.steps.every((s: Json) => s.endedAt !== null),
      'every step is closed',
    );

    d = await ok(officer, d, 'DELIVER', { method: 'COUNTER', recipient: { type: 'APPLICANT', name: applicant.name } });
    assert.equal(d.state, 'DELIVERED');
    const asCitizen = (await citizen.get(`/api/v1/dossiers/${d.id}`)).json();
    assert.ok(asCitizen.timeline.length > 2);
    assert.ok(
      asCitizen.timeline.every((e: Json) => e.actorName === null),
      'a citizen sees the roles on the timeline, not the officers’ names',
    );
    assert.ok(
      d.timeline.every((e: Json) => typeof e.actorName === 'string'),
      'the officer sees every name',
    );

    const track = await t.anonymous.get(`/api/v1/public/dossiers/${d.code}?check=4321`);
    assert.equal(track.statusCode, 200, track.body);
    const p = track.json();
    assert.equal(p.state, 'DELIVERED');
    assert.equal(p.rateable, true);
    assert.deepEqual(
      p.timeline.map((e: Json) => e.statusCode),
      [...new Set(p.timeline.map((e: Json) => e.statusCode))],
      'one timeline entry per status change',
    );
    assert.equal(JSON.stringify(p).includes('001090001234'), false, 'no personal data in the public view');
    const rated = await t.anonymous.post(`/api/v1/public/dossiers/${d.code}/rating?check=4321`, {
      level: 'VERY_SATISFIED',
    });
    assert.equal(rated.statusCode, 201, rated.body);
    const again = await t.anonymous.post(`/api/v1/public/dossiers/${d.code}/rating?check=4321`, {
      level: 'DISSATISFIED',
    });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().code, 'DOSSIER_ALREADY_RATED');
    const wrong = await t.anonymous.post(`/api/v1/public/dossiers/${d.code}/rating?check=0000`, { level: 'SATISFIED' });
    assert.equal(wrong.statusCode, 404);

    // The projection is the fold of the log.
    const actions = await sql<{
      id: string;
      type: string;
      actorId: string;
      actorRole: string;
      unitId: string;
      at: Date;
      payload: unknown;
    }>`
      SELECT id, type, actor_id AS "actorId", actor_role AS "actorRole", unit_id AS "unitId", at, payload
      FROM dossier_action WHERE dossier_id = ${d.id}::uuid ORDER BY seq`.execute(t.database.db);
    const { calendar } = await calendarCacheFor(t.database.db).get(communeId);
    const folded = foldDossier(
      actions.rows.map((a): DossierAction => ({
        id: a.id,
        type: a.type as DossierAction['type'],
        actor: { userId: a.actorId, role: a.actorRole as DossierAction['actor']['role'], unitId: a.unitId },
        at: a.at.getTime(),
        payload: a.payload,
      })),
      { calendar },
    );
    assert.deepEqual(folded, d.record);
  });
});

describe('rules that refuse and change nothing', () => {
  test('an online submission of a procedure not at the unit, or not offered online, is refused and writes nothing', async () => {
    const counterOnly = await sql<{ code: string }>`
      SELECT p.code FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
      JOIN procedure_version_unit pu ON pu.version_id = v.id AND pu.unit_id = ${communeId}::uuid
      WHERE v.superseded_at IS NULL AND v.effective_from <= current_date AND NOT ('online' = ANY(v.channels))
      ORDER BY p.code LIMIT 1`.execute(t.database.db);
    assert.ok(counterOnly.rows[0], 'a demo procedure at the commune without the online channel');
    const mine = async () =>
      Number(
        (
          await sql<{ n: string }>`SELECT count(*) AS n FROM dossier d JOIN app_user u ON u.id = d.submitted_by
            WHERE u.username = 'congdan'`.execute(t.database.db)
        ).rows[0]!.n,
      );
    const before = await mine();
    const submit = (code: string, key = randomUUID()) =>
      citizen.post(
        '/api/v1/me/dossiers',
        { unitId: communeId, procedureCode: code, applicant },
        { 'idempotency-key': key },
      );

    const unknown = await submit('9.999999');
    assert.equal(unknown.statusCode, 400, unknown.body);
    assert.equal(unknown.json().code, 'DOSSIER_PROCEDURE_NOT_AT_UNIT');
    assert.deepEqual(
      unknown.json().errors.map((e: Json) => e.field),
      ['body.procedureCode'],
    );
    const offline = await submit(counterOnly.rows[0].code);
    assert.equal(offline.statusCode, 422, offline.body);
    assert.equal(offline.json().code, 'DOSSIER_CHANNEL_NOT_OFFERED');
    // A refused key stays free: the same key with a procedure offered online creates the dossier.
    const key = randomUUID();
    assert.equal((await submit('9.999999', key)).statusCode, 400);
    const accepted = await submit(procedureCode, key);
    assert.equal(accepted.statusCode, 201, accepted.body);
    assert.equal(await mine(), before + 1);
  });

  test('a stale If-Match gets 409 and a missing one 428; the dossier is unchanged', async () => {
    const d = await counterDossier();
    const before = await snapshot(d.id);
    const stale = await act(
      officer,
      d,
      'ASSIGN',
      { stepId: 'step-1', assigneeUserId: await userId('chuyenvien') },
      d.version + 5,
    );
    assert.equal(stale.statusCode, 409);
    assert.equal(stale.json().code, 'DOSSIER_VERSION_CONFLICT');
    const missing = await officer.post(
      `/api/v1/dossiers/${d.id}/actions`,
      { type: 'START_STEP', payload: {} },
      { 'idempotency-key': randomUUID() },
    );
    assert.equal(missing.statusCode, 428);
    assert.deepEqual(await snapshot(d.id), before);
  });

  test('two officers advancing the same version: one wins, the other gets 409', async () => {
    const d = await counterDossier();
    const cv = await userId('chuyenvien');
    const results = await Promise.all([
      act(officer, d, 'ASSIGN', { stepId: 'step-1', assigneeUserId: cv }),
      act(leader, d, 'ASSIGN', { stepId: 'step-1', assigneeUserId: await userId('lanhdao') }),
    ]);
    assert.deepEqual(results.map((r) => r.statusCode).sort(), [200, 409]);
    const s = await snapshot(d.id);
    assert.equal(Number(s!.n), 2, 'exactly one action appended');
  });

  test('a retried action (same Idempotency-Key) is applied once', async () => {
    const d = await counterDossier();
    const key = randomUUID();
    const body = { type: 'ASSIGN', payload: { stepId: 'step-1', assigneeUserId: await userId('chuyenvien') } };
    const first = await officer.post(`/api/v1/dossiers/${d.id}/actions`, body, {
      'if-match': `"${d.version}"`,
      'idempotency-key': key,
    });
    const second = await officer.post(`/api/v1/dossiers/${d.id}/actions`, body, {
      'if-match': `"${d.version}"`,
      'idempotency-key': key,
    });
    assert.equal(first.statusCode, 200);
    assert.equal(second.statusCode, 200);
    assert.equal(second.json().version, first.json().version);
    assert.equal(Number((await snapshot(d.id))!.n), 2);
  });

  test('ten actions at once on one version: one is written with its notifications, nine get 409 and write nothing', async () => {
    const d = await counterDossier();
    const cv = await userId('chuyenvien');
    const keys: string[] = Array.from({ length: 10 }, () => randomUUID());
    const results = await Promise.all(
      keys.map((key, i) =>
        (i % 2 ? officer : leader).post(
          `/api/v1/dossiers/${d.id}/actions`,
          { type: 'ASSIGN', payload: { stepId: 'step-1', assigneeUserId: cv } },
          { 'if-match': `"${d.version}"`, 'idempotency-key': key },
        ),
      ),
    );
    const codes = results.map((r) => r.statusCode);
    assert.equal(codes.filter((c) => c === 200).length, 1, codes.join());
    assert.equal(codes.filter((c) => c === 409).length, 9, codes.join());
    for (const r of results.filter((x) => x.statusCode === 409))
      assert.equal(r.json().code, 'DOSSIER_VERSION_CONFLICT');
    const winner = keys[codes.indexOf(200)]!;
    const s = await snapshot(d.id);
    assert.equal(Number(s!.n), 2, 'exactly one action appended');
    assert.equal(s!.version, d.version + 1);
    const queued = await sql<{ actionId: string }>`
      SELECT action_id AS "actionId" FROM notification_outbox WHERE dossier_id = ${d.id}::uuid`.execute(t.database.db);
    const losers = queued.rows.filter((r) => r.actionId !== null && r.actionId !== winner && keys.includes(r.actionId));
    assert.deepEqual(losers, [], 'no notification of a refused action');
    assert.ok(
      queued.rows.some((r) => r.actionId === winner),
      'the assignment is announced to the assignee',
    );
  });

  test('ten retries at once with one Idempotency-Key: applied once, every answer has the same version', async () => {
    const d = await counterDossier();
    const key = randomUUID();
    const body = { type: 'ASSIGN', payload: { stepId: 'step-1', assigneeUserId: await userId('chuyenvien') } };
    const results = await Promise.all(
      Array.from({ length: 10 }, () =>
        officer.post(`/api/v1/dossiers/${d.id}/actions`, body, {
          'if-match': `"${d.version}"`,
          'idempotency-key': key,
        }),
      ),
    );
    assert.deepEqual(
      results.map((r) => r.statusCode),
      Array(10).fill(200),
      results.map((r) => r.body).join('\n'),
    );
    assert.deepEqual(new Set(results.map((r) => r.json().version)), new Set([d.version + 1]));
    assert.equal(Number((await snapshot(d.id))!.n), 2);
  });

  test('Prefer: return=minimal answers with the new version only', async () => {
    const d = await counterDossier();
    const res = await officer.post(
      `/api/v1/dossiers/${d.id}/actions`,
      { type: 'ASSIGN', payload: { stepId: 'step-1', assigneeUserId: await userId('chuyenvien') } },
      { 'if-match': `"${d.version}"`, 'idempotency-key': randomUUID(), prefer: 'return=minimal' },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.headers['preference-applied'], 'return=minimal');
    assert.deepEqual(Object.keys(res.json()).sort(), ['code', 'dueAt', 'id', 'state', 'statusCode', 'version']);
    assert.equal(res.json().version, d.version + 1);
    assert.equal(res.headers.etag, `"${d.version + 1}"`);
    assert.equal(res.json().state, 'ASSIGNED');
  });

  test("every action's answer holds the log GET reads: after a minimal answer, after a rename, in order", async () => {
    const detail = async (id: string) => (await officer.get(`/api/v1/dossiers/${id}`)).json();
    const same = async (answer: Json) => {
      const read = await detail(answer.id);
      assert.equal(answer.version, read.version);
      assert.deepEqual(answer.timeline, read.timeline);
      assert.deepEqual(
        answer.timeline.map((e: Json) => e.seq),
        Array.from({ length: read.version }, (_, i) => i + 1),
      );
    };
    const cv = await userId('chuyenvien');
    let d = await counterDossier();
    d = await ok(officer, d, 'ASSIGN', { stepId: 'step-1', stepName: 'Thẩm định', assigneeUserId: cv });
    await same(d);
    d = await ok(specialist, d, 'START_STEP');
    await same(d);
    // An action answered minimally: the next full answer must still show it.
    const minimal = await specialist.post(
      `/api/v1/dossiers/${d.id}/actions`,
      { type: 'HAND_OFF', payload: { note: 'Đủ điều kiện.' } },
      { 'if-match': `"${d.version}"`, 'idempotency-key': randomUUID(), prefer: 'return=minimal' },
    );
    assert.equal(minimal.statusCode, 200, minimal.body);
    // A renamed officer: the names of the whole log are read again.
    const before = (
      await t.database.db.selectFrom('app_user').select('full_name').where('id', '=', cv).executeTakeFirstOrThrow()
    ).full_name;
    await t.database.db
      .updateTable('app_user')
      .set({ full_name: 'Trần Văn Minh (đổi tên)' })
      .where('id', '=', cv)
      .execute();
    try {
      d = await ok(specialist, { ...d, version: minimal.json().version }, 'ASSIGN', {
        stepId: 'step-2',
        stepName: 'Phê duyệt',
        assigneeUserId: await userId('lanhdao'),
      });
      await same(d);
      assert.equal(d.timeline.find((e: Json) => e.type === 'START_STEP').actorName, 'Trần Văn Minh (đổi tên)');
      assert.equal(d.timeline.at(-2).type, 'HAND_OFF');
    } finally {
      await t.database.db.updateTable('app_user').set({ full_name: before }).where('id', '=', cv).execute();
    }
  });

  test('an action the state does not allow, a citizen resolving, an outsider, a bad assignee', async () => {
    const d = await counterDossier();
    const before = await snapshot(d.id);
    const deliver = await act(officer, d, 'DELIVER', {
      method: 'COUNTER',
      recipient: { type: 'APPLICANT', name: 'A' },
    });
    assert.equal(deliver.statusCode, 409);
    assert.equal(deliver.json().code, 'DOSSIER_ACTION_NOT_ALLOWED');
    assert.match(deliver.json().detail, /[ạảãàáâậầấẩẫăắằặẳẵêệềếểễôộồốổỗơợờớởỡưựừứửữ]/i, 'a Vietnamese message');
    const byCitizen = await act(citizen, d, 'RESOLVE', { outcome: 'REFUSED', refusalReason: 'x' });
    assert.equal(byCitizen.statusCode, 404, 'a citizen does not see a dossier that is not theirs');
    const byOutsider = await act(outsider, d, 'START_STEP');
    assert.equal(byOutsider.statusCode, 404);
    const badAssignee = await act(officer, d, 'ASSIGN', { stepId: 'step-1', assigneeUserId: await userId('congdan') });
    assert.equal(badAssignee.statusCode, 422);
    assert.equal(badAssignee.json().code, 'DOSSIER_ASSIGNEE_INVALID');
    const unknownAssignee = await act(officer, d, 'ASSIGN', { stepId: 'step-1', assigneeUserId: randomUUID() });
    assert.equal(unknownAssignee.json().code, 'DOSSIER_ASSIGNEE_INVALID');
    // Not a UUID PostgreSQL accepts: refused before the (shared) read, not a 500.
    const malformed = await act(officer, d, 'ASSIGN', { stepId: 'step-1', assigneeUserId: '-'.repeat(36) });
    assert.equal(malformed.statusCode, 400);
    assert.equal(malformed.json().code, 'DOSSIER_PAYLOAD_INVALID');
    assert.equal(malformed.json().errors[0].field, 'body.payload.assigneeUserId');
    const incomplete = await act(leader, d, 'RESOLVE', { outcome: 'APPROVED' });
    assert.equal(incomplete.statusCode, 422);
    assert.equal(incomplete.json().code, 'DOSSIER_RESULT_INCOMPLETE');
    assert.ok(incomplete.json().errors.some((e: Json) => e.field === 'payload.resultNumber'));
    assert.deepEqual(await snapshot(d.id), before);
  });

  test('a supplement is requested once; the second request is refused', async () => {
    let d = await counterDossier();
    d = await ok(officer, d, 'REQUEST_SUPPLEMENT', { items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' });
    assert.equal(d.state, 'AWAITING_SUPPLEMENT');
    assert.equal(d.statusCode, 5);
    const track = (await t.anonymous.get(`/api/v1/public/dossiers/${d.code}?check=4321`)).json();
    assert.deepEqual(track.supplementItems, ['Bản sao giấy khai sinh']);
    const before = await snapshot(d.id);
    const second = await act(officer, d, 'REQUEST_SUPPLEMENT', { items: ['Khác'], reason: 'Lần hai' });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED');
    assert.deepEqual(await snapshot(d.id), before);
    d = await ok(officer, d, 'SUBMIT_SUPPLEMENT');
    d = await ok(officer, d, 'ACCEPT_SUPPLEMENT');
    assert.ok(['HANDED_OFF', 'RECEIVED'].includes(d.state) || d.statusCode === 4, d.state);
    const third = await act(officer, d, 'REQUEST_SUPPLEMENT', { items: ['Khác'], reason: 'Lần ba' });
    assert.equal(third.json().code, 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED');
  });

  test('apology with one reschedule before the due time; a second reschedule is refused', async () => {
    let d = await counterDossier();
    const { calendar } = await calendarCacheFor(t.database.db).get(communeId);
    // a working day a week after the appointment
    let day = new Date(Date.parse(d.dueAt) + 7 * 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    while (!calendar.isWorkingDay(day)) day = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
    d = await ok(leader, d, 'APOLOGIZE_AND_RESCHEDULE', { reason: 'Cần xác minh thực địa', newDueDate: day });
    assert.notEqual(d.rescheduledDueAt, null);
    assert.ok(Date.parse(d.rescheduledDueAt) > Date.parse(d.originalDueAt), 'the new appointment is later');
    assert.equal(d.dueAt, d.rescheduledDueAt);
    const before = await snapshot(d.id);
    const second = await act(leader, d, 'APOLOGIZE_AND_RESCHEDULE', { reason: 'Lần hai', newDueDate: day });
    assert.equal(second.statusCode, 409);
    assert.equal(second.json().code, 'DOSSIER_RESCHEDULE_ALREADY_USED');
    assert.deepEqual(await snapshot(d.id), before);
  });

  test('a reschedule after the due time is refused', async () => {
    const d = await counterDossier({ receivedAt: '2026-09-01T09:00:00+07:00' });
    assert.ok(Date.parse(d.dueAt) < Date.now(), 'already overdue');
    const before = await snapshot(d.id);
    const res = await act(leader, d, 'APOLOGIZE_AND_RESCHEDULE', { reason: 'Muộn', newDueDate: '2027-03-01' });
    assert.equal(res.statusCode, 409, res.body);
    assert.equal(res.json().code, 'DOSSIER_RESCHEDULE_AFTER_DUE');
    assert.deepEqual(await snapshot(d.id), before);
    const overdue = await officer.get(`/api/v1/dossiers?unitId=${communeId}&dueWithinHours=0`);
    const row = overdue.json().items.find((x: Json) => x.id === d.id);
    assert.ok(row, 'an overdue dossier is on the early-warning list');
    assert.ok(row.workingHoursLeft < 0);
  });

  test('the early-warning list leaves out a dossier whose clock is stopped (as the daily digest does)', async () => {
    const running = await counterDossier({ receivedAt: '2026-09-02T09:00:00+07:00' });
    let waiting = await counterDossier({ receivedAt: '2026-09-02T09:00:00+07:00' });
    waiting = await ok(officer, waiting, 'REQUEST_SUPPLEMENT', { items: ['Bản sao giấy khai sinh'], reason: 'Thiếu' });
    assert.equal(waiting.workingHoursLeft, null, 'a restarting supplement stops the clock');
    const listed = (await officer.get(`/api/v1/dossiers?unitId=${communeId}&dueWithinHours=0&limit=200`)).json()
      .items as Json[];
    const ids = new Set(listed.map((x) => x.id));
    assert.ok(ids.has(running.id), 'a running clock past its due time is listed');
    assert.ok(!ids.has(waiting.id), 'a stopped clock is not about to run out');
  });

  test('a counter reception with a required paper unticked is refused and writes nothing', async () => {
    const r = await sql<{ n: string }>`SELECT count(*) AS n FROM dossier`.execute(t.database.db);
    const res = await officer.post(
      '/api/v1/dossiers',
      { unitId: communeId, procedureCode, channel: 'COUNTER', applicant, papers: [] },
      { 'idempotency-key': randomUUID() },
    );
    const after = await sql<{ n: string }>`SELECT count(*) AS n FROM dossier`.execute(t.database.db);
    assert.equal(res.statusCode, 422, res.body);
    assert.equal(res.json().code, 'DOSSIER_PAPERS_MISSING');
    assert.ok(res.json().errors.length >= 1);
    assert.equal(after.rows[0]!.n, r.rows[0]!.n);
  });

  test('search by accent-free applicant name and by code prefix', async () => {
    const d = await counterDossier({ applicant: { ...applicant, name: 'Đặng Thị Hương' } });
    const byName = await officer.get(`/api/v1/dossiers?unitId=${communeId}&q=${encodeURIComponent('dang thi huong')}`);
    assert.ok(byName.json().items.some((x: Json) => x.id === d.id));
    const byCode = await officer.get(`/api/v1/dossiers?unitId=${communeId}&q=${encodeURIComponent(d.code)}`);
    assert.deepEqual(
      byCode.json().items.map((x: Json) => x.id),
      [d.id],
    );
    const outside = await outsider.get(`/api/v1/dossiers?unitId=${communeId}`);
    assert.equal(outside.statusCode, 404);
  });
});

describe('recompute due dates after a calendar change', () => {
  test('a closure does not move stored due dates until the audited recompute; the dry run changes nothing', async () => {
    const admin = await t.login('admin');
    const d = await counterDossier();
    // close the commune on a working day between now and the appointment
    const { calendar } = await calendarCacheFor(t.database.db).get(communeId);
    let day = new Date(Date.parse(d.dueAt) - 86_400_000 + 7 * 3_600_000).toISOString().slice(0, 10);
    while (!calendar.isWorkingDay(day)) day = new Date(Date.parse(day) - 86_400_000).toISOString().slice(0, 10);
    const closure = await admin.post('/api/v1/calendar/entries', {
      date: day,
      type: 'LOCAL_CLOSURE',
      name: 'Tạm ngừng làm việc (sự cố)',
      scope: { level: 'UNIT', unitIds: [communeId] },
      legalBasis: { documentNo: '99/TB-UBND', date: '2026-11-30' },
    });
    assert.equal(closure.statusCode, 201, closure.body);
    const stored = (await officer.get(`/api/v1/dossiers/${d.id}`)).json();
    assert.equal(stored.dueAt, d.dueAt, 'the stored appointment did not move by itself');

    const dry = await admin.post('/api/v1/dossiers/recompute-due', { unitId: communeId, legalBasis: '99/TB-UBND' });
    assert.equal(dry.statusCode, 200, dry.body);
    const mine = dry.json().changed.find((c: Json) => c.id === d.id);
    assert.ok(mine, 'the dry run lists the dossier');
    assert.equal(mine.from, d.dueAt);
    assert.ok(Date.parse(mine.to) > Date.parse(d.dueAt), 'one working day later');
    assert.equal((await officer.get(`/api/v1/dossiers/${d.id}`)).json().dueAt, d.dueAt, 'dry run wrote nothing');

    const forbidden = await officer.post('/api/v1/dossiers/recompute-due', { unitId: communeId, legalBasis: 'x y z' });
    assert.equal(forbidden.statusCode, 403);
    const run = await admin.post('/api/v1/dossiers/recompute-due', {
      unitId: communeId,
      legalBasis: '99/TB-UBND',
      dryRun: false,
    });
    assert.equal(run.statusCode, 200, run.body);
    assert.equal((await officer.get(`/api/v1/dossiers/${d.id}`)).json().dueAt, mine.to);
    const audit = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log
      WHERE entity_id = ${d.id} AND action = 'dossier.recompute-due'`.execute(t.database.db);
    assert.equal(Number(audit.rows[0]!.n), 1);
  });
});

describe('inter-agency sub-dossiers (liên thông)', () => {
  test('the coordinating body sees its sub-dossier, returns the result, and loses sight of the dossier after', async () => {
    const giaLam = (
      await t.database.db
        .selectFrom('unit')
        .select('id')
        .where('name', '=', 'Xã Gia Lâm')
        .where('valid_to', 'is', null)
        .executeTakeFirstOrThrow()
    ).id;
    let d = await counterDossier();
    d = await ok(officer, d, 'ASSIGN', { stepId: 'step-1', assigneeUserId: await userId('chuyenvien') });
    d = await ok(specialist, d, 'START_STEP');
    const unknown = await act(specialist, d, 'SEND_TO_COORDINATING_BODY', {
      subDossierId: 'thue-1',
      coordinatingBodyId: randomUUID(),
    });
    assert.equal(unknown.statusCode, 400, unknown.body);
    d = await ok(specialist, d, 'SEND_TO_COORDINATING_BODY', {
      subDossierId: 'lt-1',
      coordinatingBodyId: giaLam,
      budget: { value: 16, unit: 'WORKING_HOURS' },
    });
    assert.equal(d.state, 'COORDINATING');
    assert.ok(d.record.subDossiers[0].stepDueAt <= Date.parse(d.dueAt) + 86_400_000 * 30);

    const queue = await outsider.get(`/api/v1/dossiers?view=coordinating&unitId=${giaLam}`);
    assert.equal(queue.statusCode, 200, queue.body);
    const listed = queue.json().items.find((x: Json) => x.id === d.id);
    assert.ok(listed, 'in the coordinating body’s list');
    // The body answers to its own 16 working hours, not to the dossier's appointment days away.
    assert.equal(Date.parse(listed.coordination.dueAt), d.record.subDossiers[0].stepDueAt);
    assert.ok(listed.coordination.workingHoursLeft > 15.5 && listed.coordination.workingHoursLeft <= 16);
    assert.equal(listed.dueAt, d.dueAt, 'the appointment is still the citizen’s');
    assert.ok(listed.workingHoursLeft > listed.coordination.workingHoursLeft);
    const unitList = await officer.get(`/api/v1/dossiers?view=unit&unitId=${communeId}`);
    assert.equal(
      unitList.json().items.find((x: Json) => x.id === d.id).coordination,
      undefined,
      'only the coordinating list carries it',
    );
    const seen = await outsider.get(`/api/v1/dossiers/${d.id}`);
    assert.equal(seen.statusCode, 200);
    assert.deepEqual(seen.json().allowedActions, ['RECEIVE_COORDINATION_RESULT']);
    const sentBy = seen.json().timeline.find((e: Json) => e.type === 'SEND_TO_COORDINATING_BODY');
    assert.equal(sentBy.actorName, (await officer.get(`/api/v1/dossiers/${d.id}`)).json().timeline.at(-1).actorName);
    assert.ok(sentBy.actorName, 'an officer of the coordinating body sees who sent it');
    const notTheirs = await act(outsider, d, 'STOP', { reason: 'x', legalGround: 'y' });
    assert.equal(notTheirs.statusCode, 403);
    const wrongSub = await act(outsider, d, 'RECEIVE_COORDINATION_RESULT', { subDossierId: 'khac', result: 'x' });
    assert.equal(wrongSub.statusCode, 403);
    const returned = await ok(outsider, d, 'RECEIVE_COORDINATION_RESULT', {
      subDossierId: 'lt-1',
      result: 'Đã xác nhận',
    });
    assert.equal(returned.state, 'IN_STEP', 'back to the step that sent it');
    assert.equal(returned.version, d.version + 1);
    assert.equal(returned.applicant, undefined, 'the coordinator gets only the new version, no personal data');
    assert.equal((await outsider.get(`/api/v1/dossiers/${d.id}`)).statusCode, 404);
  });
});
