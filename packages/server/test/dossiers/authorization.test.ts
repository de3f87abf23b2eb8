/**
 * Authorisation per action: every action the table offers from RECEIVED, tried by every kind of actor. The
 * expectation comes from the rule, not cell by cell: a dossier out of reach → 404 (as if missing); within reach
 * but none of the table row's roles held there → 403 DOSSIER_ROLE_NOT_ALLOWED; otherwise the action is applied.
 * A refused action appends nothing.
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import type { Role } from '@motcua/domain';
import { TRANSITIONS, type DossierActionType } from '@motcua/domain/dossier/index';
import { calendarCacheFor } from '../../src/calendar/cache';
import { onlineProcedureAt, otherCommuneOfficer, unitIdOf } from '../support/dossierFixtures';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let communeId: string;
let procedureCode: string;
let specialistId: string;
let laterWorkingDay: string;
const actors: Record<string, { client: Client; roles: Role[]; reaches: 'all' | 'own' | 'none' }> = {};
let counter: Client;
let citizen: Client;

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

before(async () => {
  t = await createTestApp();
  const db = t.database.db;
  communeId = await unitIdOf(db);
  specialistId = (
    await db.selectFrom('app_user').select('id').where('username', '=', 'chuyenvien').executeTakeFirstOrThrow()
  ).id;
  procedureCode = await onlineProcedureAt(db, communeId);
  const outsider = await otherCommuneOfficer(t, 'tiepnhan-gl3');
  counter = await t.login('tiepnhan');
  citizen = await t.login('congdan');
  actors.counter = { client: counter, roles: ['COUNTER_OFFICER'], reaches: 'all' };
  actors.specialist = { client: await t.login('chuyenvien'), roles: ['SPECIALIST'], reaches: 'all' };
  actors.leader = { client: await t.login('lanhdao'), roles: ['UNIT_LEADER'], reaches: 'all' };
  actors.inspector = { client: await t.login('thanhtra'), roles: ['INSPECTOR'], reaches: 'all' };
  actors.otherUnitOfficer = {
    client: outsider,
    roles: [],
    reaches: 'none',
  };
  // the citizen reaches only the dossier they submitted
  actors.citizenOwner = { client: citizen, roles: ['CITIZEN'], reaches: 'own' };
  const { calendar } = await calendarCacheFor(db).get(communeId);
  let day = new Date(Date.now() + 90 * 86_400_000).toISOString().slice(0, 10);
  while (!calendar.isWorkingDay(day)) day = new Date(Date.parse(day) + 86_400_000).toISOString().slice(0, 10);
  laterWorkingDay = day;
});
after(() => t.close());

const payloads: Partial<Record<DossierActionType, () => Json>> = {
  TRANSFER: () => ({ toUnitId: communeId }),
  ASSIGN: () => ({ stepId: 'step-1', assigneeUserId: specialistId }),
  REQUEST_SUPPLEMENT: () => ({ items: ['Bản sao giấy tờ'], reason: 'Thiếu' }),
  APOLOGIZE_AND_RESCHEDULE: () => ({ reason: 'Cần xác minh', newDueDate: laterWorkingDay }),
  RESOLVE: () => ({ outcome: 'REFUSED', refusalReason: 'Không đủ điều kiện' }),
  REQUEST_WITHDRAWAL: () => ({}),
  STOP: () => ({ reason: 'Có căn cứ dừng', legalGround: 'Điều 20 Nghị định 118/2025/NĐ-CP' }),
  RECORD_DIGITIZATION: () => ({ components: [{ code: 'TP1', digitized: true }] }),
  REQUEST_PAYMENT: () => ({ feeLines: [{ name: 'Lệ phí', amount: 50000 }] }),
};

/** A RECEIVED dossier submitted online by the demo citizen (so the owner case exists). */
async function receivedDossier(): Promise<Json> {
  const s = await citizen.post(
    '/api/v1/me/dossiers',
    { unitId: communeId, procedureCode, applicant: { name: 'Phạm Thị Lan', phone: '0900000001' } },
    { 'idempotency-key': randomUUID() },
  );
  assert.equal(s.statusCode, 201, s.body);
  const r = await counter.post(
    `/api/v1/dossiers/${s.json().id}/actions`,
    { type: 'RECEIVE', payload: {} },
    { 'if-match': `"${s.json().version}"`, 'idempotency-key': randomUUID() },
  );
  assert.equal(r.statusCode, 200, r.body);
  return r.json();
}

const count = async (id: string) =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*) AS n FROM dossier_action WHERE dossier_id = ${id}::uuid`.execute(
        t.database.db,
      )
    ).rows[0]!.n,
  );

describe('every action from RECEIVED × every actor', () => {
  const fromReceived = TRANSITIONS.filter((row) => row.from.includes('RECEIVED') && payloads[row.action]);
  test('the table offers the actions this matrix covers', () => {
    assert.ok(fromReceived.length >= 8, fromReceived.map((r) => r.action).join());
  });
  for (const row of fromReceived) {
    test(`${row.action} (${row.id}): roles ${row.roles.join(', ')}`, async () => {
      let d = await receivedDossier();
      for (const [label, actor] of Object.entries(actors)) {
        const res = await actor.client.post(
          `/api/v1/dossiers/${d.id}/actions`,
          { type: row.action, payload: payloads[row.action]!() },
          { 'if-match': `"${d.version}"`, 'idempotency-key': randomUUID() },
        );
        const expected = actor.reaches === 'none' ? 404 : actor.roles.some((r) => row.roles.includes(r)) ? 200 : 403;
        assert.equal(res.statusCode, expected, `${label}: ${res.body}`);
        if (expected === 403) assert.equal(res.json().code, 'DOSSIER_ROLE_NOT_ALLOWED');
        if (expected === 200) d = await receivedDossier();
        else assert.equal(await count(d.id), 2, `${label}: nothing appended`);
      }
    });
  }
});
