/**
 * In-app notifications: STEP_ASSIGNED reaches the assignee's inbox (and e-mail), a citizen's online
 * submission reaches their account; GET /api/v1/me/notifications shows only one's own, pages by cursor;
 * POST …/read marks one (first read kept), …/read-all the rest.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { calendarCacheFor } from '../../src/calendar/cache';
import { enqueueDossierNotifications, type DossierNotificationInput } from '../../src/notifications/outbox';
import { createTestApp, type Client, type TestApp } from '../support/testApp';
import { anyProcedure, build, insertDossier, outboxRows, receivePayload, unitByCode } from './support';

const unitCode = '000.00.L7.H26';
let t: TestApp;
let specialist: Client;
let officer: Client;
let citizen: Client;
let unit: { id: string; name: string };
let procedure: { code: string; name: string };
let seq = 0;

before(async () => {
  t = await createTestApp({ JOBS_WORKER: 'false' });
  specialist = await t.login('chuyenvien');
  officer = await t.login('tiepnhan');
  citizen = await t.login('congdan');
  unit = await unitByCode(t.database.db, unitCode);
  procedure = await anyProcedure(t.database.db);
});
after(() => t.close());

async function assigned(assigneeUserId: string, explicit = false) {
  seq += 1;
  const { calendar } = await calendarCacheFor(t.database.db).get(unit.id);
  const day = '2026-05-13';
  const built = build(calendar, [
    { type: 'RECEIVE', at: `${day}T08:00:00+07:00`, payload: receivePayload(unitCode, day, seq) },
    { type: 'TRANSFER', at: `${day}T08:05:00+07:00`, payload: { toUnitId: unit.id } },
    {
      type: 'ASSIGN',
      at: `${day}T08:10:00+07:00`,
      payload: {
        stepId: 'tham-dinh',
        stepName: 'Thẩm định',
        assigneeUserId,
        budget: { value: 4, unit: 'WORKING_HOURS' },
      },
    },
  ]);
  const dossierId = await insertDossier(t.database.db, {
    unitId: unit.id,
    procedureCode: procedure.code,
    code: built.state.dossierCode,
    assigneeId: assigneeUserId,
  });
  const input: DossierNotificationInput = {
    dossierId,
    code: built.state.dossierCode,
    unitId: unit.id,
    unitName: unit.name,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    applicant: { name: 'Trần Thị Bình', email: 'binh@example.vn' },
    state: built.state,
    events: built.events,
    ...(explicit ? { internalRecipients: [{ userId: assigneeUserId, email: null, name: 'Chuyên viên' }] } : {}),
  };
  await t.database.db.transaction().execute((trx) => enqueueDossierNotifications(trx, input));
  return { dossierId, code: built.state.dossierCode! };
}

describe('in-app notifications', () => {
  let firstId: string;

  test('STEP_ASSIGNED: the assignee (looked up from the step) gets an inbox entry and an e-mail', async () => {
    const { dossierId, code } = await assigned(specialist.userId);
    const rows = await outboxRows(t.database.db, { dossierId });
    assert.deepEqual(
      rows.map((r) => [r.topic, r.channel, r.recipient, r.status]),
      [
        ['STEP_ASSIGNED', 'EMAIL', 'chuyenvien@motcua.example', 'PENDING'],
        ['STEP_ASSIGNED', 'IN_APP', specialist.userId, 'SENT'],
      ],
      'nothing to the applicant for an internal topic',
    );
    const res = await specialist.get('/api/v1/me/notifications');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.unreadCount, 1);
    assert.equal(body.items.length, 1);
    assert.equal(body.items[0].title, `[Một cửa] Được giao xử lý hồ sơ ${code}`);
    assert.equal(body.items[0].topic, 'STEP_ASSIGNED');
    assert.equal(body.items[0].dossierId, dossierId);
    assert.equal(body.items[0].readAt, null);
    assert.match(body.items[0].body, /bước "Thẩm định", hạn 13\/05\/2026 \d{2}:\d{2}/);
    firstId = body.items[0].id;

    await t.app.notifications.drain(); // the e-mail through the logging adapter (no SMTP_URL)
    const [email] = await outboxRows(t.database.db, { dossierId, recipient: 'chuyenvien@motcua.example' });
    assert.equal(email!.status, 'SENT');
    assert.match(email!.provider_message_id!, /^log-/);
  });

  test('only one’s own: another user sees nothing and cannot mark it read', async () => {
    const other = await officer.get('/api/v1/me/notifications');
    assert.equal(other.statusCode, 200);
    assert.equal(other.json().items.length, 0);
    const steal = await officer.post(`/api/v1/me/notifications/${firstId}/read`);
    assert.equal(steal.statusCode, 404, steal.body);
    const anonymous = await t.anonymous.get('/api/v1/me/notifications');
    assert.equal(anonymous.statusCode, 401);
  });

  test('mark read: the first read time is kept; unread filter and count follow', async () => {
    const first = await specialist.post(`/api/v1/me/notifications/${firstId}/read`);
    assert.equal(first.statusCode, 200, first.body);
    const readAt = first.json().readAt;
    assert.ok(readAt);
    const again = await specialist.post(`/api/v1/me/notifications/${firstId}/read`);
    assert.equal(again.json().readAt, readAt);
    const list = (await specialist.get('/api/v1/me/notifications?unread=true')).json();
    assert.equal(list.items.length, 0);
    assert.equal(list.unreadCount, 0);
  });

  test('cursor pages, newest first; read-all', async () => {
    for (let i = 0; i < 3; i++) await assigned(specialist.userId, true);
    const page1 = (await specialist.get('/api/v1/me/notifications?limit=2')).json();
    assert.equal(page1.items.length, 2);
    assert.equal(page1.unreadCount, 3);
    assert.ok(page1.nextCursor);
    const page2 = (
      await specialist.get(`/api/v1/me/notifications?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`)
    ).json();
    assert.equal(page2.items.length, 2);
    assert.equal(page2.nextCursor, null);
    const ids = [...page1.items, ...page2.items].map((i: { id: string }) => i.id);
    assert.equal(new Set(ids).size, 4);
    assert.equal(ids[3], firstId, 'the oldest last');
    const created = [...page1.items, ...page2.items].map((i: { createdAt: string }) => i.createdAt);
    assert.deepEqual([...created].sort().reverse(), created);

    const forged = Buffer.from(JSON.stringify(["x'); DROP TABLE x; --", 'y'])).toString('base64url');
    const bad = await specialist.get(`/api/v1/me/notifications?cursor=${forged}`);
    assert.equal(bad.statusCode, 400, bad.body);
    assert.equal(bad.json().code, 'VALIDATION_FAILED');

    const all = await specialist.post('/api/v1/me/notifications/read-all');
    assert.equal(all.statusCode, 200, all.body);
    assert.equal(all.json().updated, 3);
    assert.equal((await specialist.get('/api/v1/me/notifications')).json().unreadCount, 0);
  });

  test('an online submission reaches the citizen’s account (the dossier’s submitter)', async () => {
    const { calendar } = await calendarCacheFor(t.database.db).get(unit.id);
    const built = build(calendar, [
      { type: 'SUBMIT', at: '2026-05-12T21:00:00+07:00', payload: { channel: 'ONLINE' } },
    ]);
    const dossierId = await insertDossier(t.database.db, { unitId: unit.id, procedureCode: procedure.code });
    await sql`UPDATE dossier SET submitted_by = ${citizen.userId}::uuid WHERE id = ${dossierId}::uuid`.execute(
      t.database.db,
    );
    await t.database.db.transaction().execute((trx) =>
      enqueueDossierNotifications(trx, {
        dossierId,
        code: null,
        unitId: unit.id,
        unitName: unit.name,
        procedureCode: procedure.code,
        procedureName: procedure.name,
        applicant: { name: 'Công Dân Mẫu', email: 'congdan@example.vn' },
        state: built.state,
        events: built.events,
      }),
    );
    const inbox = (await citizen.get('/api/v1/me/notifications')).json();
    assert.equal(inbox.items.length, 1);
    assert.equal(inbox.items[0].topic, 'SUBMITTED');
    assert.equal(inbox.items[0].title, `Đã nhận hồ sơ nộp trực tuyến: ${procedure.name}`);
    const rows = await outboxRows(t.database.db, { dossierId });
    assert.deepEqual(rows.map((r) => r.channel).sort(), ['EMAIL', 'IN_APP']);
  });
});
