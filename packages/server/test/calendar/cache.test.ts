/**
 * Two app instances (as two server processes) on one database, each with its own calendar cache: an edit on
 * one moves the due date computed by the other on its next request (calendar_revision check).
 */
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/platform/config';
import { connect, type DbHandle } from '../../src/platform/db';
import { lazyJobs } from '../../src/jobs/lazy';
import { createTestApp, type TestApp } from '../support/testApp';

let a: TestApp;
let bHandle: DbHandle;
let b: FastifyInstance;
let bJobs: ReturnType<typeof lazyJobs>;

before(async () => {
  a = await createTestApp();
  bHandle = connect(a.database.url, 3);
  bJobs = lazyJobs(a.database.url, bHandle.db, { worker: false, processName: 'b', logger: pino({ level: 'silent' }) });
  b = await buildApp({
    db: bHandle.db,
    config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' }),
    jobs: bJobs,
    processName: 'b',
  });
  await b.ready();
});
after(async () => {
  await b.close();
  await bJobs.stop();
  await bHandle.close();
  await a.close();
});

const q = '/api/v1/calendar/due?start=2026-11-20T10:00:00%2B07:00&amount=1&unit=working_days&mode=same_time';
const dueOn = async (app: FastifyInstance) => {
  const res = await app.inject({ method: 'GET', url: q });
  assert.equal(res.statusCode, 200, res.body);
  return res.json().due as string;
};

test('an edit on instance A changes the due date on instance B (and back)', async () => {
  // Both instances have warmed caches.
  assert.equal(await dueOn(a.app), '2026-11-23T10:00:00+07:00');
  assert.equal(await dueOn(b), '2026-11-23T10:00:00+07:00');

  const admin = await a.login('admin');
  const proposal = (
    (await admin.get('/api/v1/calendar/entries?year=2026')).json().items as {
      id: string;
      date: string;
      version: number;
    }[]
  ).find((e) => e.date === '2026-11-23')!;
  const res = await admin.patch(
    `/api/v1/calendar/entries/${proposal.id}`,
    { confirmed: true, legalBasis: { documentNo: '9999/VPCP-KGVX', date: '2026-10-15' }, reason: 'Xác nhận hoán đổi' },
    { 'if-match': `"${proposal.version}"` },
  );
  assert.equal(res.statusCode, 200, res.body);
  assert.equal(await dueOn(b), '2026-11-25T10:00:00+07:00');

  // An edit made on B is seen by A.
  const session = await b.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    payload: { username: 'admin', password: 'motcua-demo' },
  });
  const cookie = session.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const csrf = session.json().csrfToken as string;
  const del = await b.inject({
    method: 'DELETE',
    url: `/api/v1/calendar/entries/${proposal.id}?reason=Thu%20h%E1%BB%93i`,
    headers: { cookie, 'x-csrf-token': csrf, 'if-match': `"${proposal.version + 1}"` },
  });
  assert.equal(del.statusCode, 204, del.body);
  assert.equal(await dueOn(a.app), '2026-11-23T10:00:00+07:00');
});
