/**
 * Bad input anywhere gives one answer shape — RFC 9457 problem+json with a stable `code`, a Vietnamese `detail`
 * and `errors[].field` naming the field — and writes nothing.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { errorMessages, type ErrorCode } from '@motcua/domain';
import { problemLanguage } from '../../src/platform/errors';
import { createTestApp, type Client, type TestApp } from '../support/testApp';

let t: TestApp;
let admin: Client;
let parentId: string; // Xã Mê Linh (from 2025-07-01)
let unitId: string;

const validUnit = () => ({
  code: '0Z1.9B.9B.H26',
  name: 'Phòng thử dữ liệu',
  type: 'DEPARTMENT',
  parentId,
  validFrom: '2025-07-01',
});

async function counts(app: TestApp = t) {
  const r = await sql<{ units: number; audit: number; users: number }>`
    SELECT (SELECT count(*) FROM unit)::int AS units, (SELECT count(*) FROM audit_log)::int AS audit,
           (SELECT count(*) FROM app_user)::int AS users`.execute(app.database.db);
  return r.rows[0]!;
}

/** A raw JSON text posted as a new unit (for bodies JSON.stringify cannot make). */
const postUnitJson = (payload: string) =>
  admin.request({ method: 'POST', url: '/api/v1/units', payload, headers: { 'content-type': 'application/json' } });

/** Asserts the problem shape; returns the fields it names. */
function assertProblem(res: LightMyRequestResponse, status: number, code: ErrorCode): string[] {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  const body = res.json();
  assert.equal(body.code, code, res.body);
  assert.equal(body.status, status);
  assert.equal(body.detail, errorMessages[code].vi);
  assert.equal(body.title, errorMessages[code].vi, 'the title is Vietnamese unless English is asked for');
  assert.ok(typeof body.requestId === 'string' && body.requestId.length > 0);
  const errors = (body.errors ?? []) as { field: string; message: string }[];
  for (const e of errors) assert.ok(e.message.length > 0, `empty message for ${e.field}`);
  return errors.map((e) => e.field);
}

/** Sends a request that must be refused, and checks that nothing was written. */
async function refused(send: () => Promise<LightMyRequestResponse>, status: number, code: ErrorCode, app: TestApp = t) {
  const before = await counts(app);
  const res = await send();
  const fields = assertProblem(res, status, code);
  assert.deepEqual(await counts(app), before, 'a refused request changed the database');
  return fields;
}

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  parentId = (
    await t.database.db.selectFrom('unit').select('id').where('code', '=', '000.00.L7.H26').executeTakeFirstOrThrow()
  ).id;
  const created = await admin.post('/api/v1/units', { ...validUnit(), code: '0Z0.9B.9B.H26' });
  assert.equal(created.statusCode, 201, created.body);
  unitId = created.json().id;
});
after(() => t.close());

describe('malformed bodies', () => {
  test('broken JSON → 400 MALFORMED_JSON', async () => {
    for (const payload of ['{"code": "000.', '{code: 1}', '[1,2', 'null x']) {
      await refused(() => postUnitJson(payload), 400, 'MALFORMED_JSON');
    }
  });

  test('an empty JSON body → 400 MALFORMED_JSON', async () => {
    await refused(
      () =>
        admin.request({
          method: 'POST',
          url: '/api/v1/units',
          payload: '',
          headers: { 'content-type': 'application/json' },
        }),
      400,
      'MALFORMED_JSON',
    );
  });

  test('another content type → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    for (const [type, payload] of [
      ['application/x-www-form-urlencoded', 'code=0Z1.9B.9B.H26&name=x'],
      ['application/xml', '<unit/>'],
      ['multipart/form-data; boundary=x', '--x--'],
    ] as const) {
      await refused(
        () => admin.request({ method: 'POST', url: '/api/v1/units', payload, headers: { 'content-type': type } }),
        415,
        'UNSUPPORTED_MEDIA_TYPE',
      );
    }
  });

  test('JSON sent as text/plain is refused as an unsupported content type', async () => {
    await refused(
      () =>
        admin.request({
          method: 'POST',
          url: '/api/v1/units',
          payload: JSON.stringify(validUnit()),
          headers: { 'content-type': 'text/plain' },
        }),
      415,
      'UNSUPPORTED_MEDIA_TYPE',
    );
  });

  test('a JSON array, string or null where an object is expected → 400 naming the body', async () => {
    for (const payload of [JSON.stringify([validUnit()]), '"a string"', 'null', '42']) {
      const fields = await refused(() => postUnitJson(payload), 400, 'VALIDATION_FAILED');
      assert.deepEqual(fields, ['body'], payload);
    }
  });

  test('half of a UTF-16 surrogate pair in a string or key → 400 naming the field (PostgreSQL cannot store it)', async () => {
    // Written as JSON escapes: JSON.stringify would keep them, and the database refuses them in text and jsonb.
    const raw = JSON.stringify(validUnit());
    for (const [payload, field] of [
      [raw.replace('"Phòng thử dữ liệu"', '"Phòng \\ud800 thử"'), 'body.name'],
      [raw.replace('"Phòng thử dữ liệu"', '"Phòng \\udfff"'), 'body.name'],
      [raw.replace('{', '{"ghi\\ud83dchú":1,'), 'body.?'],
      [raw.replace('{', '{"tags":["ổn","x\\udc00"],'), 'body.tags.1'],
    ] as const) {
      const fields = await refused(() => postUnitJson(payload), 400, 'VALIDATION_FAILED');
      assert.deepEqual(fields, [field], payload);
    }
    // A whole pair (an emoji written as two escapes) is ordinary text and is stored.
    const res = await postUnitJson(
      JSON.stringify({ ...validUnit(), code: '0Z3.9B.9B.H26' }).replace(
        '"Phòng thử dữ liệu"',
        '"Phòng thử \\ud83d\\ude00"',
      ),
    );
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().name, 'Phòng thử 😀');
  });
});

describe('the body size limit (BODY_LIMIT_BYTES)', () => {
  let small: TestApp;
  let smallAdmin: Client;
  before(async () => {
    small = await createTestApp({ BODY_LIMIT_BYTES: '2048' });
    smallAdmin = await small.login('admin');
  });
  after(() => small.close());

  test('a body over the limit → 413 PAYLOAD_TOO_LARGE, one under it is accepted', async () => {
    const big = { ...validUnit(), legalBasis: 'x'.repeat(2100) };
    assert.ok(Buffer.byteLength(JSON.stringify(big)) > 2048);
    await refused(() => smallAdmin.post('/api/v1/units', big), 413, 'PAYLOAD_TOO_LARGE', small);
    // Multi-byte text counts in bytes, not characters: 800 × "ệ" is 2400 bytes.
    const vietnamese = { ...validUnit(), legalBasis: 'ệ'.repeat(800) };
    await refused(() => smallAdmin.post('/api/v1/units', vietnamese), 413, 'PAYLOAD_TOO_LARGE', small);
    const parent = (
      await small.database.db
        .selectFrom('unit')
        .select('id')
        .where('code', '=', '000.00.L7.H26')
        .executeTakeFirstOrThrow()
    ).id;
    const fine = await smallAdmin.post('/api/v1/units', {
      ...validUnit(),
      parentId: parent,
      legalBasis: 'ệ'.repeat(450),
    });
    assert.equal(fine.statusCode, 201, fine.body);
  });
});

describe('field validation names the field', () => {
  test('unknown fields are refused, not ignored', async () => {
    const fields = await refused(
      () => admin.post('/api/v1/units', { ...validUnit(), colour: 'đỏ', id: parentId }),
      400,
      'VALIDATION_FAILED',
    );
    assert.deepEqual(fields.sort(), ['body.colour', 'body.id']);
    const patch = await refused(
      () => admin.patch(`/api/v1/units/${unitId}`, { name: 'Tên mới', version: 7 }, { 'if-match': '"1"' }),
      400,
      'VALIDATION_FAILED',
    );
    assert.deepEqual(patch, ['body.version']);
  });

  test('wrong types', async () => {
    const fields = await refused(
      () =>
        admin.post('/api/v1/units', {
          ...validUnit(),
          name: 42,
          parentId: 'khong-phai-uuid',
          validFrom: 20250701,
          type: 'VILLAGE',
        }),
      400,
      'VALIDATION_FAILED',
    );
    assert.deepEqual(fields.sort(), ['body.name', 'body.parentId', 'body.type', 'body.validFrom']);
    const user = await refused(
      () => admin.post('/api/v1/users', { username: 'dung-kieu', fullName: ['a'], password: 12345678901 }),
      400,
      'VALIDATION_FAILED',
    );
    assert.deepEqual(user.sort(), ['body.fullName', 'body.password']);
  });

  test('missing required fields', async () => {
    const { code: _c, name: _n, ...rest } = validUnit();
    const fields = await refused(() => admin.post('/api/v1/units', rest), 400, 'VALIDATION_FAILED');
    assert.deepEqual(fields.sort(), ['body.code', 'body.name']);
  });

  test('invalid unit identifier codes', async () => {
    for (const code of [
      '00.00.00.H26',
      '000.00.00.H2',
      '000.00.00.H266',
      '000-00-00-H26',
      '000.00.00.126',
      'ABC.DE.FG.HIJ',
      '000.00.00.H26 x',
      '',
      'Đ00.00.00.H26',
    ]) {
      const fields = await refused(
        () => admin.post('/api/v1/units', { ...validUnit(), code }),
        400,
        'VALIDATION_FAILED',
      );
      assert.deepEqual(fields, ['body.code'], `code ${JSON.stringify(code)}`);
    }
  });

  test('a lower-case code with spaces around it is normalised, not refused', async () => {
    const res = await admin.post('/api/v1/units', { ...validUnit(), code: ' 0z2.9b.9b.h26 ' });
    assert.equal(res.statusCode, 201, res.body);
    assert.equal(res.json().code, '0Z2.9B.9B.H26');
  });

  test('dates that do not exist or are not YYYY-MM-DD', async () => {
    for (const validFrom of [
      '2025-02-30',
      '2023-02-29',
      '2025-13-01',
      '2025-04-31',
      '2025-7-1',
      '01/07/2025',
      '2025-07-01T00:00:00Z',
      '',
    ]) {
      const fields = await refused(
        () => admin.post('/api/v1/units', { ...validUnit(), validFrom }),
        400,
        'VALIDATION_FAILED',
      );
      assert.deepEqual(fields, ['body.validFrom'], validFrom);
    }
    assertProblem(await admin.get('/api/v1/units?asOf=2025-02-30'), 400, 'VALIDATION_FAILED');
    // 29 February exists in a leap year.
    const leap = await admin.get('/api/v1/units?asOf=2024-02-29&limit=1');
    assert.equal(leap.statusCode, 200, leap.body);
  });

  test('an end date before the start date', async () => {
    const fields = await refused(
      () => admin.post('/api/v1/units', { ...validUnit(), validFrom: '2025-08-01', validTo: '2025-07-31' }),
      400,
      'VALIDATION_FAILED',
    );
    assert.ok(fields.includes('body.validTo'), fields.join());
  });

  test('query string and path parameters name the field (query.<name>, params.<name>)', async () => {
    for (const [url, field] of [
      ['/api/v1/units?colour=red', 'query.colour'],
      ['/api/v1/units?limit=0', 'query.limit'],
      ['/api/v1/units?limit=501', 'query.limit'],
      ['/api/v1/units?limit=many', 'query.limit'],
      ['/api/v1/units?asOf=2025-02-30', 'query.asOf'],
      ['/api/v1/units?type=VILLAGE', 'query.type'],
      ['/api/v1/units?parentId=khong-phai-uuid', 'query.parentId'],
      ['/api/v1/units?cursor=garbage', 'query.cursor'],
      ['/api/v1/users?cursor=garbage', 'query.cursor'],
      ['/api/v1/units/khong-phai-uuid', 'params.id'],
    ] as const)
      assert.deepEqual(assertProblem(await admin.get(url), 400, 'VALIDATION_FAILED'), [field], url);
  });

  test('a malformed If-Match → 412, none → 428, and the unit is unchanged', async () => {
    await refused(
      () => admin.patch(`/api/v1/units/${unitId}`, { name: 'Tên mới' }, { 'if-match': 'phiên bản 1' }),
      412,
      'PRECONDITION_FAILED',
    );
    await refused(() => admin.patch(`/api/v1/units/${unitId}`, { name: 'Tên mới' }), 428, 'PRECONDITION_REQUIRED');
    const unit = (await admin.get(`/api/v1/units/${unitId}`)).json();
    assert.equal(unit.name, 'Phòng thử dữ liệu');
    assert.equal(unit.version, 1);
  });

  test('an unknown API path → 404 problem+json', async () => {
    assertProblem(await admin.get('/api/v1/khong-co'), 404, 'NOT_FOUND');
  });
});

describe('the language of the title', () => {
  test('Accept-Language: English only when ranked above Vietnamese', () => {
    const table: [string | undefined, 'vi' | 'en'][] = [
      [undefined, 'vi'],
      ['', 'vi'],
      ['vi-VN,vi;q=0.9', 'vi'],
      ['en-US,en;q=0.9', 'en'],
      ['en-GB', 'en'],
      ['vi, en;q=0.8', 'vi'],
      ['en;q=0.5, vi', 'vi'],
      ['vi;q=0.4, EN;q=0.6', 'en'],
      ['fr-FR, en;q=0.3', 'en'],
      ['fr-FR', 'vi'],
      ['*', 'vi'],
      ['en;q=0, vi;q=0.1', 'vi'],
      ['en;q=abc', 'vi'],
    ];
    for (const [header, want] of table) assert.equal(problemLanguage(header), want, String(header));
  });

  test('the same refusal in English: English title, Vietnamese detail, same code and fields', async () => {
    const send = (lang?: string) =>
      admin.request({
        method: 'POST',
        url: '/api/v1/units',
        payload: { ...validUnit(), code: 'khong hop le' },
        headers: lang ? { 'accept-language': lang } : {},
      });
    const vi = (await send()).json();
    const en = (await send('en-US,en;q=0.9,vi;q=0.5')).json();
    assert.equal(vi.title, errorMessages.VALIDATION_FAILED.vi);
    assert.equal(en.title, errorMessages.VALIDATION_FAILED.en);
    assert.notEqual(en.title, vi.title);
    assert.deepEqual(
      { ...en, title: undefined, requestId: undefined },
      { ...vi, title: undefined, requestId: undefined },
    );
  });
});
