/**
 * Group commit of the action path: the reads, the guarded writes and the session lookups of concurrent requests
 * share statements. What must not change: each row is guarded by its own version, a failing row costs no other
 * its write, nothing is written for a refused action, and every request gets its own dossier and its own user.
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { decide, type DossierAction, type DossierState } from '@motcua/domain/dossier/index';
import { calendarCacheFor } from '../../src/calendar/cache';
import * as store from '../../src/dossiers/store';
import type { OutboxRowInput } from '../../src/notifications/outbox';
import { onlineProcedureAt, unitIdOf } from '../support/dossierFixtures';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let officer: Client;
let leader: Client;
let communeId: string;
let procedureCode: string;
let specialistId: string;

before(async () => {
  t = await createTestApp();
  officer = await t.login('tiepnhan');
  leader = await t.login('lanhdao');
  communeId = await unitIdOf(t.database.db);
  procedureCode = await onlineProcedureAt(t.database.db, communeId);
  specialistId = (
    await t.database.db
      .selectFrom('app_user')
      .select('id')
      .where('username', '=', 'chuyenvien')
      .executeTakeFirstOrThrow()
  ).id;
});
after(() => t.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

async function counterDossier(name: string): Promise<Json> {
  const res = await officer.post(
    '/api/v1/dossiers',
    { unitId: communeId, procedureCode, channel: 'COUNTER', applicant: { name, phone: '0987654321' } },
    { 'idempotency-key': randomUUID() },
  );
  assert.equal(res.statusCode, 201, res.body);
  return res.json();
}

async function stored(id: string) {
  const r = await sql<{ version: number; state: string; stateJson: DossierState; actions: string[] }>`
    SELECT version, state, state_json AS "stateJson",
      ARRAY(SELECT a.id::text FROM dossier_action a WHERE a.dossier_id = d.id ORDER BY a.seq) AS actions
    FROM dossier d WHERE id = ${id}::uuid`.execute(t.database.db);
  return r.rows[0]!;
}

const outboxOf = async (actionId: string) =>
  Number(
    (
      await sql<{
        n: number;
      }>`SELECT count(*) AS n FROM notification_outbox WHERE action_id = ${actionId}::uuid`.execute(t.database.db)
    ).rows[0]!.n,
  );

/** An ASSIGN of the dossier as stored, decided by the domain, with one in-app notification to the assignee. */
async function assignWrite(id: string, actionId: string = randomUUID()): Promise<store.GuardedWrite> {
  const s = await stored(id);
  const { calendar } = await calendarCacheFor(t.database.db).get(communeId);
  const at = Date.now();
  const action: DossierAction = {
    id: actionId,
    type: 'ASSIGN',
    actor: { userId: leader.userId, role: 'UNIT_LEADER', unitId: communeId },
    at,
    payload: { stepId: 'step-1', stepName: 'Thẩm định', assigneeUserId: specialistId },
  };
  const r = decide(s.stateJson, action, { calendar });
  assert.ok(r.ok, JSON.stringify(r));
  const note: OutboxRowInput = {
    dossierId: id,
    actionId,
    topic: 'ASSIGNED' as OutboxRowInput['topic'],
    channel: 'IN_APP',
    recipient: specialistId,
    recipientName: 'Chuyên viên',
    recipientUserId: specialistId,
    subject: 'Hồ sơ mới được giao',
    body: 'Đồng chí được giao xử lý hồ sơ.',
    template: 'ASSIGNED@1',
    fields: { code: s.stateJson.dossierCode } as OutboxRowInput['fields'],
    dedupeKey: `test|${actionId}`,
    status: 'SENT',
  };
  return { dossierId: id, version: s.version + 1, action, at, state: r.next, extra: {}, outbox: [note] };
}

describe('the guarded write of several dossiers in one statement', () => {
  test('each row is checked against its own version: a moved row alone is not written', async () => {
    const ds = await Promise.all(['Lô Một', 'Lô Hai', 'Lô Ba'].map(counterDossier));
    const writes = await Promise.all(ds.map((d) => assignWrite(d.id)));
    // The second dossier moved on since its write was decided.
    const moved = { ...writes[1]!, version: writes[1]!.version + 1 };
    const written = await store.appendAndProjectMany(t.database.db, [writes[0]!, moved, writes[2]!]);
    assert.deepEqual([...written].sort(), [0, 2]);
    for (const i of [0, 2]) {
      const s = await stored(ds[i]!.id);
      assert.equal(s.version, writes[i]!.version);
      assert.equal(s.state, writes[i]!.state.state);
      assert.deepEqual(s.stateJson, JSON.parse(JSON.stringify(writes[i]!.state)), 'the projection as decided');
      assert.equal(s.actions.at(-1), writes[i]!.action.id);
      assert.equal(await outboxOf(writes[i]!.action.id), 1, 'its notification queued');
    }
    const untouched = await stored(ds[1]!.id);
    assert.equal(untouched.version, ds[1]!.version);
    assert.equal(untouched.actions.length, 1, 'no action appended to the moved row');
    assert.equal(await outboxOf(moved.action.id), 0, 'no notification of an action not written');
  });

  test('a key already taken fails the statement whole: nothing of any row is written', async () => {
    const ds = await Promise.all(['Khóa Một', 'Khóa Hai'].map(counterDossier));
    const first = await assignWrite(ds[0]!.id);
    assert.deepEqual([...(await store.appendAndProjectMany(t.database.db, [first]))], [0]);
    const clash = await assignWrite(ds[1]!.id, first.action.id);
    const fresh = await counterDossier('Khóa Ba');
    const innocent = await assignWrite(fresh.id);
    await assert.rejects(store.appendAndProjectMany(t.database.db, [innocent, clash]), (e) => store.isKeyClash(e));
    assert.equal((await stored(fresh.id)).version, fresh.version, 'the innocent row was not written either');
    assert.equal(await outboxOf(innocent.action.id), 0);
    assert.equal((await stored(ds[1]!.id)).version, ds[1]!.version);
  });
});

describe('concurrent requests through the app', () => {
  test('sixteen actions on sixteen dossiers at once: each answered with its own dossier; a taken key refused alone', async () => {
    const ds = await Promise.all(Array.from({ length: 16 }, (_, i) => counterDossier(`Đồng Thời ${i}`)));
    const taken = randomUUID();
    const firstUse = await leader.post(
      `/api/v1/dossiers/${ds[0]!.id}/actions`,
      { type: 'ASSIGN', payload: { stepId: 'step-1', assigneeUserId: specialistId } },
      { 'if-match': `"${ds[0]!.version}"`, 'idempotency-key': taken },
    );
    assert.equal(firstUse.statusCode, 200, firstUse.body);
    const keys = ds.map((_, i) => (i === 7 ? taken : randomUUID()));
    const results = await Promise.all(
      ds
        .slice(1)
        .map((d, j) =>
          (j % 2 ? officer : leader).post(
            `/api/v1/dossiers/${d.id}/actions`,
            { type: 'ASSIGN', payload: { stepId: 'step-1', assigneeUserId: specialistId } },
            { 'if-match': `"${d.version}"`, 'idempotency-key': keys[j + 1]! },
          ),
        ),
    );
    for (const [j, r] of results.entries()) {
      const d = ds[j + 1]!;
      if (j + 1 === 7) {
        assert.equal(r.statusCode, 400, r.body);
        assert.equal(r.json().errors[0].field, 'headers.idempotency-key');
        const s = await stored(d.id);
        assert.equal(s.version, d.version, 'the refused dossier is as it was');
        assert.equal(s.actions.length, 1);
        continue;
      }
      assert.equal(r.statusCode, 200, r.body);
      const body = r.json();
      assert.equal(body.id, d.id, 'the answer is the dossier acted on');
      assert.equal(body.version, d.version + 1);
      assert.equal(body.applicant.name, d.applicant.name);
      assert.equal(body.timeline.length, 2, 'the answer holds its own log, not a neighbour’s');
      const s = await stored(d.id);
      assert.equal(s.version, d.version + 1);
      assert.deepEqual(s.actions.slice(1), [keys[j + 1]], 'its own action, once');
    }
  });

  test('concurrent requests of different users each see their own user; a closed session is refused among them', async () => {
    const specialist = await t.login('chuyenvien');
    const closed = await t.login('congdan');
    assert.equal((await closed.post('/api/v1/auth/logout')).statusCode, 204);
    const clients = [officer, leader, specialist, closed];
    const results = await Promise.all(Array.from({ length: 24 }, (_, i) => clients[i % 4]!.get('/api/v1/auth/me')));
    for (const [i, r] of results.entries()) {
      const c = clients[i % 4]!;
      if (c === closed) {
        assert.equal(r.statusCode, 401, r.body);
        continue;
      }
      assert.equal(r.statusCode, 200, r.body);
      assert.equal(r.json().id ?? r.json().user?.id, c.userId);
    }
  });
});
