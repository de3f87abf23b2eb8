/**
 * Calendar administration: confirming the 2026 proposal changes due dates; entry CRUD with If-Match and
 * audit; unit settings (Saturday reception, office hours); authorisation.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: Client;
let officer: Client;
let rootId: string;
let communeId: string; // Xã Mê Linh

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  officer = await t.login('tiepnhan');
  const db = t.database.db;
  rootId = (await db.selectFrom('unit').select('id').where('code', '=', '000.00.00.H26').executeTakeFirstOrThrow()).id;
  communeId = (await db.selectFrom('unit').select('id').where('code', '=', '000.00.L7.H26').executeTakeFirstOrThrow())
    .id;
});
after(() => t.close());

async function dueAt(query: string, client: Client = t.anonymous) {
  const res = await client.get(`/api/v1/calendar/due?${query}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as { due: string; receivedAt: string; explanation: string[] };
}

async function audits(entityId: string) {
  const r = await sql<{ action: string; summary: string; actor_name: string }>`
    SELECT action, summary, actor_name FROM audit_log WHERE entity_id = ${entityId} ORDER BY seq`.execute(
    t.database.db,
  );
  return r.rows;
}

interface Entry {
  id: string;
  date: string;
  type: string;
  version: number;
  confirmed: boolean;
  applied: boolean;
  legalBasis: { documentNo: string; date: string | null } | null;
}

async function entriesOf(year: number): Promise<Entry[]> {
  const res = await admin.get(`/api/v1/calendar/entries?year=${year}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json().items as Entry[];
}

describe('confirming the 24/11/2026 swap proposal', () => {
  const fri = 'start=2026-11-20T10:00:00%2B07:00&amount=1&unit=working_days&mode=same_time';
  const thu = 'start=2026-11-26T10:00:00%2B07:00&amount=2&unit=working_days&mode=same_time';

  test('not applied while unconfirmed: Fri 20/11 + 1 working day = Mon 23/11', async () => {
    assert.equal((await dueAt(fri)).due, '2026-11-23T10:00:00+07:00');
    assert.equal((await dueAt(thu)).due, '2026-11-30T10:00:00+07:00');
  });

  test('confirming without a legal basis is refused (400 naming body.legalBasis)', async () => {
    const proposal = (await entriesOf(2026)).find((e) => e.date === '2026-11-23')!;
    const res = await admin.patch(
      `/api/v1/calendar/entries/${proposal.id}`,
      { confirmed: true, reason: 'Xác nhận' },
      { 'if-match': `"${proposal.version}"` },
    );
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === 'body.legalBasis'),
      res.body,
    );
  });

  test('after an administrator confirms both days (audited), the due dates move and the year listing applies them', async () => {
    const entries = await entriesOf(2026);
    const off = entries.find((e) => e.date === '2026-11-23')!;
    const work = entries.find((e) => e.date === '2026-11-28')!;
    assert.equal(off.confirmed, false);
    const legalBasis = { documentNo: '9999/VPCP-KGVX', date: '2026-10-15' };
    for (const e of [off, work]) {
      const res = await admin.patch(
        `/api/v1/calendar/entries/${e.id}`,
        { confirmed: true, legalBasis, reason: 'Thủ tướng đồng ý phương án hoán đổi' },
        { 'if-match': `"${e.version}"` },
      );
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.headers.etag, `"${e.version + 1}"`);
      assert.equal(res.json().confirmed, true);
      assert.equal(res.json().applied, true);
      assert.deepEqual(res.json().legalBasis, legalBasis);
      const log = await audits(e.id);
      assert.equal(log.length, 1);
      assert.equal(log[0]!.action, 'calendar.entry.confirm');
      assert.match(log[0]!.summary, /9999\/VPCP-KGVX/);
      assert.match(log[0]!.summary, /Thủ tướng đồng ý/);
    }
    // Mon 23/11 swapped off, Tue 24/11 holiday → Wed 25/11
    const r = await dueAt(fri);
    assert.equal(r.due, '2026-11-25T10:00:00+07:00');
    assert.ok(
      r.explanation.some((s) => s.startsWith('23/11 là ngày nghỉ hoán đổi') && s.includes('9999/VPCP-KGVX')),
      r.explanation.join('\n'),
    );
    // Sat 28/11 is now a working day
    assert.equal((await dueAt(thu)).due, '2026-11-28T10:00:00+07:00');
    const year = (await t.anonymous.get('/api/v1/calendar/2026')).json();
    assert.deepEqual(year.proposals, []);
    assert.ok(year.nonWorkingDays.some((d: { date: string }) => d.date === '2026-11-23'));
    assert.ok(year.addedWorkingDays.some((d: { date: string }) => d.date === '2026-11-28'));
  });
});

describe('entry CRUD with If-Match and audit', () => {
  let id: string;
  const body = {
    date: '2027-02-05',
    type: 'PUBLIC_HOLIDAY',
    name: 'Tết Âm lịch Đinh Mùi (29 tháng Chạp)',
    occasion: 'LUNAR_NEW_YEAR',
    legalBasis: { documentNo: '1234/TB-BNV', date: '2026-10-20' },
    reason: 'Thông báo lịch nghỉ Tết 2027',
  };

  test('create (201, audited, ETag) and the due date uses it', async () => {
    // Thu 04/02/2027 10:00 + 1 working day: Fri 05/02 before, after the notice Tết defaults of 2027 are dropped.
    const before = await dueAt('start=2027-02-04T10:00:00%2B07:00&amount=1&unit=working_days');
    const res = await admin.post('/api/v1/calendar/entries', body);
    assert.equal(res.statusCode, 201, res.body);
    const e = res.json() as Entry & { origin: string };
    id = e.id;
    assert.equal(e.origin, 'ADMIN');
    assert.equal(e.version, 1);
    assert.equal(res.headers.etag, '"1"');
    const log = await audits(id);
    assert.deepEqual(
      log.map((l) => l.action),
      ['calendar.entry.create'],
    );
    assert.match(log[0]!.summary, /1234\/TB-BNV/);
    const after = await dueAt('start=2027-02-04T10:00:00%2B07:00&amount=1&unit=working_days');
    assert.equal(after.due, '2027-02-08T10:00:00+07:00', `${before.due} → ${after.explanation.join('\n')}`);
    const year = (await t.anonymous.get('/api/v1/calendar/2027')).json();
    assert.ok(year.decidedOccasions.includes('LUNAR_NEW_YEAR'), JSON.stringify(year.decidedOccasions));
    // Only the notice's day: the lunar default days of Tết 2027 are gone once the occasion is decided.
    const tet = year.nonWorkingDays.filter((d: { reasons: { name: string }[] }) =>
      d.reasons.some((r) => /Tết Âm lịch/.test(r.name)),
    );
    assert.deepEqual(
      tet.map((d: { date: string }) => d.date),
      ['2027-02-05'],
    );
  });

  test('a create without legal basis → 400 naming body.legalBasis; a weekday make-up day → 400 naming body.date', async () => {
    const { legalBasis: _l, ...noBasis } = body;
    let res = await admin.post('/api/v1/calendar/entries', noBasis);
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === 'body.legalBasis'),
      res.body,
    );
    res = await admin.post('/api/v1/calendar/entries', { ...body, type: 'SWAP_WORKDAY', date: '2027-02-03' });
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === 'body.date'),
      res.body,
    );
  });

  test('PATCH without If-Match → 428, stale → 412, current → 200', async () => {
    let res = await admin.patch(`/api/v1/calendar/entries/${id}`, { name: 'Tết Đinh Mùi', reason: 'Sửa tên' });
    assert.equal(res.statusCode, 428, res.body);
    res = await admin.patch(
      `/api/v1/calendar/entries/${id}`,
      { name: 'Tết Đinh Mùi', reason: 'Sửa tên' },
      { 'if-match': '"7"' },
    );
    assert.equal(res.statusCode, 412, res.body);
    res = await admin.patch(
      `/api/v1/calendar/entries/${id}`,
      { name: 'Tết Đinh Mùi', reason: 'Sửa tên' },
      { 'if-match': '"1"' },
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().version, 2);
    res = await admin.patch(
      `/api/v1/calendar/entries/${id}`,
      { name: 'Lần hai', reason: 'Sửa lại' },
      { 'if-match': '"1"' },
    );
    assert.equal(res.statusCode, 412, res.body);
    assert.deepEqual(
      (await audits(id)).map((l) => l.action),
      ['calendar.entry.create', 'calendar.entry.update'],
    );
  });

  test('DELETE needs If-Match and a reason; then the entry is gone and audited', async () => {
    let res = await admin.request({
      method: 'DELETE',
      url: `/api/v1/calendar/entries/${id}?reason=Nh%E1%BA%ADp%20nh%E1%BA%A7m`,
      headers: { 'if-match': '"1"' },
    });
    assert.equal(res.statusCode, 412, res.body);
    res = await admin.request({
      method: 'DELETE',
      url: `/api/v1/calendar/entries/${id}`,
      headers: { 'if-match': '"2"' },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === 'query.reason'),
      res.body,
    );
    res = await admin.request({
      method: 'DELETE',
      url: `/api/v1/calendar/entries/${id}?reason=Nh%E1%BA%ADp%20nh%E1%BA%A7m`,
      headers: { 'if-match': '"2"' },
    });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await admin.get(`/api/v1/calendar/entries/${id}`)).statusCode, 404);
    const log = await audits(id);
    assert.equal(log.at(-1)!.action, 'calendar.entry.delete');
    assert.match(log.at(-1)!.summary, /Nhập nhầm/);
  });

  test('a deleted official entry is not brought back by the reference-data loader', async () => {
    const { ensureCalendarReferenceData } = await import('../../src/calendar/referenceData');
    const official = (await entriesOf(2027)).find((e) => e.date === '2027-11-24')!;
    const res = await admin.request({
      method: 'DELETE',
      url: `/api/v1/calendar/entries/${official.id}?reason=Th%E1%BB%AD`,
      headers: { 'if-match': `"${official.version}"` },
    });
    assert.equal(res.statusCode, 204, res.body);
    assert.equal((await ensureCalendarReferenceData(t.database.db)).inserted, 0);
    assert.ok(!(await entriesOf(2027)).some((e) => e.date === '2027-11-24'));
  });

  test('a UNIT-scoped local closure applies to the unit, not to the national calendar', async () => {
    const res = await admin.post('/api/v1/calendar/entries', {
      date: '2025-11-12',
      type: 'LOCAL_CLOSURE',
      name: 'Tạm ngừng tiếp nhận (chuyển trụ sở)',
      scope: { level: 'UNIT', unitIds: [communeId] },
      legalBasis: { documentNo: '12/TB-UBND', date: '2025-11-01' },
    });
    assert.equal(res.statusCode, 201, res.body);
    const q = 'start=2025-11-11T10:00:00%2B07:00&amount=1&unit=working_days';
    assert.equal((await dueAt(q)).due, '2025-11-12T10:00:00+07:00');
    const local = await dueAt(`${q}&unitId=${communeId}`);
    assert.equal(local.due, '2025-11-13T10:00:00+07:00');
    assert.ok(
      local.explanation.some((s) => s.startsWith('12/11 là ngày tạm ngừng tiếp nhận')),
      local.explanation.join('\n'),
    );
  });
});

describe('unit settings: Saturday reception and office hours', () => {
  test('GET shows the defaults (version 0); PUT needs If-Match, is audited and changes due dates of the subtree', async () => {
    let res = await admin.get(`/api/v1/calendar/units/${rootId}/settings`);
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().version, 0);
    assert.deepEqual(res.json().effective.officeHours[0].intervals, [
      { start: '07:00', end: '11:30' },
      { start: '13:30', end: '17:00' },
    ]);
    const settings = {
      officeHours: [
        {
          effectiveFrom: '2020-01-01',
          intervals: [
            { start: '08:00', end: '12:00' },
            { start: '13:00', end: '16:30' },
          ],
        },
      ],
      saturdayReception: [
        { effectiveFrom: '2018-03-10', enabled: true, intervals: [{ start: '08:00', end: '11:30' }] },
      ],
      dueTimeMode: 'END_OF_DAY',
      reason: 'Quyết định 99/QĐ-UBND về giờ làm việc',
    };
    res = await admin.request({ method: 'PUT', url: `/api/v1/calendar/units/${rootId}/settings`, payload: settings });
    assert.equal(res.statusCode, 428, res.body);
    res = await admin.request({
      method: 'PUT',
      url: `/api/v1/calendar/units/${rootId}/settings`,
      payload: settings,
      headers: { 'if-match': '"0"' },
    });
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().version, 1);
    const log = await audits(rootId);
    assert.equal(log.at(-1)!.action, 'calendar.settings.update');
    assert.match(log.at(-1)!.summary, /99\/QĐ-UBND/);

    // The commune inherits from the city: Saturday-morning receipt → Monday 08:00, END_OF_DAY at 16:30
    // (Sat 15/11/2025: the week after the commune's closure of 12/11 above).
    const r = await dueAt(`start=2025-11-15T09:40:00%2B07:00&amount=3&unit=working_days&unitId=${communeId}`);
    assert.equal(r.receivedAt, '2025-11-17T08:00:00+07:00');
    assert.equal(r.due, '2025-11-20T16:30:00+07:00');
    assert.equal(
      r.explanation[0],
      'Nhận lúc 09:40 thứ Bảy 15/11/2025 (tiếp nhận sáng thứ Bảy, không phải ngày làm việc) → tính từ 08:00 thứ Hai 17/11/2025.',
    );
    assert.equal(r.explanation.at(-1), 'Hạn trả: 16:30 thứ Năm 20/11/2025.');
    // The national calendar keeps the defaults.
    assert.equal(
      (await dueAt('start=2025-11-15T09:40:00%2B07:00&amount=3&unit=working_days&mode=end_of_day')).due,
      '2025-11-20T17:00:00+07:00',
    );

    res = await admin.request({
      method: 'PUT',
      url: `/api/v1/calendar/units/${rootId}/settings`,
      payload: settings,
      headers: { 'if-match': '"0"' },
    });
    assert.equal(res.statusCode, 412, res.body);
  });

  test('invalid office hours → 400 naming the field', async () => {
    const res = await admin.request({
      method: 'PUT',
      url: `/api/v1/calendar/units/${communeId}/settings`,
      payload: {
        officeHours: [{ effectiveFrom: '2020-01-01', intervals: [{ start: '12:00', end: '08:00' }] }],
        saturdayReception: null,
        reason: 'Thử',
      },
      headers: { 'if-match': '"0"' },
    });
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field.startsWith('body.officeHours')),
      res.body,
    );
  });
});

describe('authorisation', () => {
  test('anonymous: the public endpoints work, the admin ones need a login', async () => {
    assert.equal((await t.anonymous.get('/api/v1/calendar/2025')).statusCode, 200);
    assert.equal(
      (await t.anonymous.get('/api/v1/calendar/due?start=2025-11-10T10:00:00%2B07:00&amount=1&unit=working_days'))
        .statusCode,
      200,
    );
    assert.equal((await t.anonymous.get('/api/v1/calendar/entries?year=2026')).statusCode, 401);
    const valid = {
      date: '2026-12-31',
      type: 'PUBLIC_HOLIDAY',
      name: 'x',
      legalBasis: { documentNo: '1/TB', date: '2026-12-01' },
    };
    assert.equal((await t.anonymous.post('/api/v1/calendar/entries', valid)).statusCode, 401);
    assert.equal((await t.anonymous.get(`/api/v1/calendar/units/${rootId}/settings`)).statusCode, 401);
  });

  test('a counter officer gets 403 on every admin endpoint and changes nothing', async () => {
    const before = (await entriesOf(2026)).length;
    assert.equal((await officer.get('/api/v1/calendar/entries?year=2026')).statusCode, 403);
    const res = await officer.post('/api/v1/calendar/entries', {
      date: '2026-12-31',
      type: 'LOCAL_CLOSURE',
      name: 'Nghỉ',
      scope: { level: 'UNIT', unitIds: [communeId] },
      legalBasis: { documentNo: '1/TB', date: '2026-12-01' },
    });
    assert.equal(res.statusCode, 403, res.body);
    const some = (await entriesOf(2026))[0]!;
    assert.equal(
      (
        await officer.patch(
          `/api/v1/calendar/entries/${some.id}`,
          { name: 'x', reason: 'abc' },
          { 'if-match': `"${some.version}"` },
        )
      ).statusCode,
      403,
    );
    assert.equal(
      (
        await officer.request({
          method: 'DELETE',
          url: `/api/v1/calendar/entries/${some.id}?reason=abc`,
          headers: { 'if-match': `"${some.version}"` },
        })
      ).statusCode,
      403,
    );
    assert.equal((await officer.get(`/api/v1/calendar/units/${communeId}/settings`)).statusCode, 403);
    assert.equal((await entriesOf(2026)).length, before);
  });
});
