/**
 * Signing in and out, sessions, CSRF, login throttling, disabled accounts, API tokens, demo accounts in
 * production, and how passwords are stored.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createTestApp, DEMO_PASSWORD, type Client, type TestApp } from '../support/testApp';
import * as accessStore from '../../src/access/store';
import { hashPassword } from '../../src/platform/passwords';

let t: TestApp;
let admin: Client;
let parentId: string;
let n = 0;

const login = (username: string, password: string, app: TestApp = t) =>
  app.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });

function problem(res: LightMyRequestResponse, status: number, code: string) {
  assert.equal(res.statusCode, status, res.body);
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(res.json().code, code, res.body);
}

const sessionCookie = (res: LightMyRequestResponse) => {
  const c = res.cookies.find((x) => x.name === 'motcua_session');
  assert.ok(c, `no session cookie: ${JSON.stringify(res.headers['set-cookie'])}`);
  return c;
};

/** A new account through the API (as the administrator), with its password. */
async function newAccount(opts: { grant?: boolean } = {}) {
  n++;
  const username = `tai-khoan-${n}`;
  const password = `mat-khau-so-${n}-dai`;
  const res = await admin.post('/api/v1/users', { username, fullName: `Tài khoản ${n}`, password });
  assert.equal(res.statusCode, 201, res.body);
  const id = res.json().id as string;
  if (opts.grant) {
    const g = await admin.post(`/api/v1/users/${id}/grants`, {
      role: 'SYSTEM_ADMIN',
      unitId: parentId,
      includeSubtree: true,
    });
    assert.equal(g.statusCode, 201, g.body);
  }
  return { id, username, password };
}

const unitBody = () => {
  n++;
  return {
    code: `${String(n).padStart(3, '0')}.6E.6E.H26`,
    name: `Phòng xác thực ${n}`,
    type: 'DEPARTMENT',
    parentId,
    validFrom: '2025-07-01',
  };
};

async function unitCount() {
  return (await sql<{ n: number }>`SELECT count(*)::int AS n FROM unit`.execute(t.database.db)).rows[0]!.n;
}

before(async () => {
  t = await createTestApp();
  admin = await t.login('admin');
  parentId = (
    await t.database.db.selectFrom('unit').select('id').where('code', '=', '000.00.L7.H26').executeTakeFirstOrThrow()
  ).id;
});
after(() => t.close());

describe('login', () => {
  test('the right password → 200 with the user, a CSRF token and an HttpOnly, SameSite=Lax session cookie', async () => {
    const res = await login('tiepnhan', DEMO_PASSWORD);
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.user.username, 'tiepnhan');
    assert.deepEqual(
      body.user.grants.map((g: { role: string; unitName: string }) => [g.role, g.unitName]),
      [['COUNTER_OFFICER', 'Xã Mê Linh']],
    );
    assert.ok(body.csrfToken.length >= 32);
    const cookie = sessionCookie(res);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Lax');
    assert.equal(cookie.path, '/');
    assert.ok(cookie.value.length >= 32);
    assert.notEqual(cookie.value, body.csrfToken);
    assert.equal(cookie.secure, undefined, 'plain http without PUBLIC_URL https: no Secure flag');
    // The session works, and the database keeps only a hash of its token.
    const me = await t.app.inject({
      method: 'GET',
      url: '/api/v1/auth/me',
      headers: { cookie: `motcua_session=${cookie.value}` },
    });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.username, 'tiepnhan');
    assert.equal(me.json().csrfToken, body.csrfToken);
    const stored = await t.database.db
      .selectFrom('user_session')
      .select('token_hash')
      .where('token_hash', '=', cookie.value)
      .execute();
    assert.equal(stored.length, 0);
  });

  test('the username is not case-sensitive and spaces around it are ignored', async () => {
    assert.equal((await login('  TiepNhan ', DEMO_PASSWORD)).statusCode, 200);
  });

  test('a wrong password and an unknown user give the same 401 AUTH_INVALID_CREDENTIALS, and no cookie', async () => {
    const wrong = await login('chuyenvien', 'sai-mat-khau');
    const unknown = await login('khong-ton-tai', 'sai-mat-khau');
    for (const res of [wrong, unknown]) {
      problem(res, 401, 'AUTH_INVALID_CREDENTIALS');
      assert.equal(res.cookies.length, 0);
    }
    assert.equal(wrong.json().detail, unknown.json().detail);
  });

  test('without a session: 401 AUTH_REQUIRED; with a made-up session cookie: the same', async () => {
    problem(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me' }), 401, 'AUTH_REQUIRED');
    problem(
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { cookie: 'motcua_session=gia-mao' } }),
      401,
      'AUTH_REQUIRED',
    );
  });
});

describe('logout', () => {
  test('ends the session: the same cookie no longer works and the session row is gone', async () => {
    const account = await newAccount();
    const client = await t.login(account.username, account.password);
    assert.equal((await client.get('/api/v1/auth/me')).statusCode, 200);
    const sessions = () =>
      t.database.db.selectFrom('user_session').select('user_id').where('user_id', '=', account.id).execute();
    assert.equal((await sessions()).length, 1);
    const out = await client.post('/api/v1/auth/logout');
    assert.equal(out.statusCode, 204, out.body);
    const cleared = out.cookies.find((c) => c.name === 'motcua_session');
    assert.ok(cleared && (cleared.value === '' || (cleared.expires && cleared.expires.getTime() < Date.now())));
    problem(await client.get('/api/v1/auth/me'), 401, 'AUTH_REQUIRED');
    assert.equal((await sessions()).length, 0);
  });

  test('a logout without the CSRF token is refused and the session lives on', async () => {
    const client = await t.login('chuyenvien');
    problem(
      await client.request({ method: 'POST', url: '/api/v1/auth/logout', headers: { 'x-csrf-token': '' } }),
      403,
      'CSRF_TOKEN_INVALID',
    );
    assert.equal((await client.get('/api/v1/auth/me')).statusCode, 200);
  });
});

describe('CSRF', () => {
  test('a cookie-authenticated write without the token, or with another session’s token, is refused and writes nothing', async () => {
    const other = await t.login('tiepnhan');
    const before = await unitCount();
    for (const token of ['', 'sai', other.csrfToken]) {
      const res = await admin.request({
        method: 'POST',
        url: '/api/v1/units',
        payload: unitBody(),
        headers: { 'x-csrf-token': token },
      });
      problem(res, 403, 'CSRF_TOKEN_INVALID');
    }
    for (const method of ['PATCH', 'DELETE', 'PUT'] as const) {
      const res = await admin.request({
        method,
        url: `/api/v1/units/${parentId}`,
        payload: { name: 'x' },
        headers: { 'x-csrf-token': '', 'if-match': '"1"' },
      });
      problem(res, 403, 'CSRF_TOKEN_INVALID');
    }
    assert.equal(await unitCount(), before);
  });

  test('the same write with the token succeeds; reads need no token', async () => {
    const res = await admin.post('/api/v1/units', unitBody());
    assert.equal(res.statusCode, 201, res.body);
    const read = await admin.request({ method: 'GET', url: '/api/v1/units?limit=1', headers: { 'x-csrf-token': '' } });
    assert.equal(read.statusCode, 200, read.body);
  });

  test('a bearer-token write needs no CSRF token (browsers do not send bearer tokens by themselves)', async () => {
    const created = await admin.post('/api/v1/auth/tokens', { name: 'Hệ thống tích hợp' });
    assert.equal(created.statusCode, 201, created.body);
    const res = await t.app.inject({
      method: 'POST',
      url: '/api/v1/units',
      payload: unitBody(),
      headers: { authorization: `Bearer ${created.json().token}` },
    });
    assert.equal(res.statusCode, 201, res.body);
  });
});

describe('login throttling', () => {
  test('after 10 failures for one username → 429 AUTH_TOO_MANY_ATTEMPTS, even with the right password', async () => {
    const account = await newAccount();
    // Sent together: every failure is counted (the counter is one atomic upsert per failure).
    for (const res of await Promise.all(Array.from({ length: 10 }, () => login(account.username, 'sai-mat-khau'))))
      problem(res, 401, 'AUTH_INVALID_CREDENTIALS');
    problem(await login(account.username, account.password), 429, 'AUTH_TOO_MANY_ATTEMPTS');
    problem(await login(account.username.toUpperCase(), account.password), 429, 'AUTH_TOO_MANY_ATTEMPTS');
    // Other accounts are not locked out by it.
    assert.equal((await login('chuyenvien', DEMO_PASSWORD)).statusCode, 200);
  });

  test('nine failures then the right password signs in and starts the count again', async () => {
    const account = await newAccount();
    for (const res of await Promise.all(Array.from({ length: 9 }, () => login(account.username, 'sai-mat-khau'))))
      problem(res, 401, 'AUTH_INVALID_CREDENTIALS');
    assert.equal((await login(account.username, account.password)).statusCode, 200);
    // 9 + 2 failures would be over the limit had the success not reset the count.
    for (let i = 0; i < 2; i++) problem(await login(account.username, 'sai-mat-khau'), 401, 'AUTH_INVALID_CREDENTIALS');
    assert.equal((await login(account.username, account.password)).statusCode, 200);
  });

  test('a burst of guesses sent at once gets no more than 10 answers on the password', async () => {
    const account = await newAccount();
    const results = await Promise.all(Array.from({ length: 25 }, () => login(account.username, 'sai-mat-khau')));
    const answered = results.filter((r) => r.statusCode === 401).length;
    assert.ok(answered <= 10, `${answered} guesses were checked`);
    for (const r of results) if (r.statusCode !== 401) problem(r, 429, 'AUTH_TOO_MANY_ATTEMPTS');
    problem(await login(account.username, account.password), 429, 'AUTH_TOO_MANY_ATTEMPTS');
  });

  test('guessing at a username that does not exist is throttled the same way', async () => {
    for (const res of await Promise.all(Array.from({ length: 10 }, (_, i) => login('khong-co-ai', `doan-${i}`))))
      problem(res, 401, 'AUTH_INVALID_CREDENTIALS');
    problem(await login('khong-co-ai', 'doan-tiep'), 429, 'AUTH_TOO_MANY_ATTEMPTS');
  });
});

describe('a disabled account', () => {
  test('cannot sign in, its open sessions and its API tokens stop working; enabled again, it can', async () => {
    const account = await newAccount({ grant: true });
    const client = await t.login(account.username, account.password);
    const token = (await client.post('/api/v1/auth/tokens', { name: 'Khóa của tài khoản' })).json().token as string;
    const bearer = () =>
      t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } });
    assert.equal((await bearer()).statusCode, 200);

    const off = await admin.patch(`/api/v1/users/${account.id}`, { active: false });
    assert.equal(off.statusCode, 200, off.body);
    assert.equal(off.json().active, false);
    problem(await client.get('/api/v1/auth/me'), 401, 'AUTH_REQUIRED');
    problem(await bearer(), 401, 'AUTH_REQUIRED');
    problem(await login(account.username, account.password), 401, 'AUTH_INVALID_CREDENTIALS');
    assert.equal(
      (await t.database.db.selectFrom('user_session').select('user_id').where('user_id', '=', account.id).execute())
        .length,
      0,
    );

    const on = await admin.patch(`/api/v1/users/${account.id}`, { active: true });
    assert.equal(on.statusCode, 200, on.body);
    assert.equal((await login(account.username, account.password)).statusCode, 200);
  });

  test('a password reset ends the open sessions; the old password no longer works', async () => {
    const account = await newAccount();
    const client = await t.login(account.username, account.password);
    const reset = await admin.patch(`/api/v1/users/${account.id}`, { password: 'mat-khau-moi-hoan-toan' });
    assert.equal(reset.statusCode, 200, reset.body);
    problem(await client.get('/api/v1/auth/me'), 401, 'AUTH_REQUIRED');
    problem(await login(account.username, account.password), 401, 'AUTH_INVALID_CREDENTIALS');
    assert.equal((await login(account.username, 'mat-khau-moi-hoan-toan')).statusCode, 200);
  });
});

describe('API tokens', () => {
  test('create → use with Authorization: Bearer → revoke → 401', async () => {
    const account = await newAccount({ grant: true });
    const client = await t.login(account.username, account.password);
    const created = await client.post('/api/v1/auth/tokens', { name: 'Cổng dịch vụ công', expiresInDays: 30 });
    assert.equal(created.statusCode, 201, created.body);
    const { id, token, expiresAt } = created.json();
    assert.match(token, /^mct_/);
    assert.ok(Date.parse(expiresAt) > Date.now() + 29 * 86_400_000);
    const bearer = { authorization: `Bearer ${token}` };

    const me = await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer });
    assert.equal(me.statusCode, 200, me.body);
    assert.equal(me.json().user.username, account.username);
    const write = await t.app.inject({ method: 'POST', url: '/api/v1/units', payload: unitBody(), headers: bearer });
    assert.equal(write.statusCode, 201, write.body);
    // The write is audited under the token's owner.
    const history = (await admin.get(`/api/v1/units/${write.json().id}`)).json().history;
    assert.equal(history[0].actor, `Tài khoản ${account.username.split('-').pop()} (${account.username})`);

    // The token is shown once: the list has no secret, the database only its hash.
    const list = (await client.get('/api/v1/auth/tokens')).json().items as Record<string, unknown>[];
    const listed = list.find((x) => x.id === id)!;
    assert.ok(listed.lastUsedAt, 'last use is recorded');
    assert.equal('token' in listed, false);
    const stored = await t.database.db
      .selectFrom('api_token')
      .select('token_hash')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    assert.notEqual(stored.token_hash, token);
    assert.ok(!stored.token_hash.includes(token.slice(4)));

    const revoked = await client.delete(`/api/v1/auth/tokens/${id}`);
    assert.equal(revoked.statusCode, 204, revoked.body);
    problem(await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: bearer }), 401, 'AUTH_REQUIRED');
    problem(
      await t.app.inject({ method: 'POST', url: '/api/v1/units', payload: unitBody(), headers: bearer }),
      401,
      'AUTH_REQUIRED',
    );
    // Revoking twice: it is gone.
    problem(await client.delete(`/api/v1/auth/tokens/${id}`), 404, 'NOT_FOUND');
  });

  test('a made-up bearer token → 401 AUTH_REQUIRED, even alongside a valid session cookie', async () => {
    problem(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/units?limit=1',
        headers: { authorization: 'Bearer mct_gia-mao' },
      }),
      401,
      'AUTH_REQUIRED',
    );
    const cookie = (await login('tiepnhan', DEMO_PASSWORD)).cookies.find((c) => c.name === 'motcua_session')!;
    problem(
      await t.app.inject({
        method: 'GET',
        url: '/api/v1/units?limit=1',
        headers: { authorization: 'Bearer mct_gia-mao', cookie: `motcua_session=${cookie.value}` },
      }),
      401,
      'AUTH_REQUIRED',
    );
  });

  test('an expired token no longer works', async () => {
    const created = await admin.post('/api/v1/auth/tokens', { name: 'Sắp hết hạn', expiresInDays: 1 });
    const { id, token } = created.json();
    await t.database.db
      .updateTable('api_token')
      .set({ expires_at: new Date(Date.now() - 1000) })
      .where('id', '=', id)
      .execute();
    problem(
      await t.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: `Bearer ${token}` } }),
      401,
      'AUTH_REQUIRED',
    );
  });
});

describe('passwords', () => {
  test('are stored as scrypt hashes with a salt of their own, never in clear', async () => {
    const a = await newAccount();
    const rows = await t.database.db
      .selectFrom('app_user')
      .select(['username', 'password_hash'])
      .where('username', 'in', [a.username, 'admin'])
      .execute();
    for (const r of rows) {
      assert.match(r.password_hash!, /^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
      assert.ok(!r.password_hash!.includes(a.password) && !r.password_hash!.includes(DEMO_PASSWORD));
    }
    // Two accounts with the same password get different hashes.
    const b = await newAccount();
    const reset = await admin.patch(`/api/v1/users/${b.id}`, { password: a.password });
    assert.equal(reset.statusCode, 200, reset.body);
    const [ha, hb] = await Promise.all(
      [a.id, b.id].map(
        async (id) =>
          (
            await t.database.db
              .selectFrom('app_user')
              .select('password_hash')
              .where('id', '=', id)
              .executeTakeFirstOrThrow()
          ).password_hash,
      ),
    );
    assert.notEqual(ha, hb);
  });

  test('shorter than 10 characters is refused, naming body.password', async () => {
    const res = await admin.post('/api/v1/users', {
      username: 'mat-khau-ngan',
      fullName: 'Mật khẩu ngắn',
      password: 'ngan',
    });
    problem(res, 400, 'VALIDATION_FAILED');
    assert.deepEqual(
      res.json().errors.map((e: { field: string }) => e.field),
      ['body.password'],
    );
  });
});

describe('demo accounts in production', () => {
  test('refused with 403 AUTH_DEMO_ACCOUNT_DISABLED; other accounts sign in; cookies are Secure behind https', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production', PUBLIC_URL: 'https://motcua.example.gov.vn' });
    try {
      for (const username of ['admin', 'tiepnhan', 'congdan'])
        problem(await login(username, DEMO_PASSWORD, prod), 403, 'AUTH_DEMO_ACCOUNT_DISABLED');
      // With the wrong password the answer is the usual one: the demo status is not revealed to a guesser.
      problem(await login('admin', 'sai-mat-khau', prod), 401, 'AUTH_INVALID_CREDENTIALS');
      // A session or API token a demo account holds from before is not honoured either.
      const demo = await accessStore.findUserByUsername(prod.database.db, 'admin');
      await prod.database.db
        .insertInto('api_token')
        .values({
          user_id: demo!.id,
          name: 'cũ',
          token_hash: (await import('../../src/platform/passwords')).tokenHash('mct_cu'),
        })
        .execute();
      problem(
        await prod.app.inject({ method: 'GET', url: '/api/v1/auth/me', headers: { authorization: 'Bearer mct_cu' } }),
        401,
        'AUTH_REQUIRED',
      );

      const id = await accessStore.insertUser(prod.database.db, {
        username: 'can-bo-that',
        fullName: 'Cán bộ thật',
        email: null,
        phone: null,
        passwordHash: await hashPassword('mat-khau-that-su'),
      });
      assert.ok(id);
      const real = await login('can-bo-that', 'mat-khau-that-su', prod);
      assert.equal(real.statusCode, 200, real.body);
      assert.equal(sessionCookie(real).secure, true);
    } finally {
      await prod.close();
    }
  });

  test('allowed with ALLOW_DEMO_ACCOUNTS=true', async () => {
    const prod = await createTestApp({ NODE_ENV: 'production', ALLOW_DEMO_ACCOUNTS: 'true' });
    try {
      assert.equal((await login('admin', DEMO_PASSWORD, prod)).statusCode, 200);
    } finally {
      await prod.close();
    }
  });
});
