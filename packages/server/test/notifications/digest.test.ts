/**
 * Daily early-warning digest: which dossiers each officer gets (assigned to them; in the units they lead),
 * due within N working hours of the unit's calendar or overdue; one e-mail per officer per day; the pg-boss
 * schedule at 07:30 Asia/Ho_Chi_Minh.
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import pino from 'pino';
import type PgBoss from 'pg-boss';
import { sql } from 'kysely';
import { HOUR_MS, localInstant } from '@motcua/domain/calendar/index';
import {
  DIGEST_CRON,
  DIGEST_QUEUE,
  collectEarlyWarningDigests,
  enqueueEarlyWarningDigests,
  registerNotificationJobs,
  type OfficerDigest,
} from '../../src/notifications/digest';
import { startJobs } from '../../src/jobs/queue';
import { createTestApp, type TestApp } from '../support/testApp';
import { anyProcedure, insertDossier, outboxRows, silentLogger, startSmtp, unitByCode, type TestSmtp } from './support';

let t: TestApp;
let smtp: TestSmtp;
const users: Record<string, string> = {};
const ids: Record<string, string> = {};

// Friday 08/05/2026 07:30; office hours 07:00–11:30, 13:30–17:00 (8 working hours a day).
const now = localInstant('2026-05-08', '07:30');
const at = (date: string, time: string) => new Date(localInstant(date, time));

before(async () => {
  smtp = await startSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url, JOBS_WORKER: 'false', PUBLIC_URL: 'https://motcua.hanoi.example' });
  const db = t.database.db;
  for (const u of await db.selectFrom('app_user').select(['id', 'username']).execute()) users[u.username] = u.id;
  const meLinh = (await unitByCode(db, '000.00.L7.H26')).id;
  const giaLam = (
    await db
      .selectFrom('unit')
      .select('id')
      .where('name', '=', 'Xã Gia Lâm')
      .where('valid_to', 'is', null)
      .executeTakeFirstOrThrow()
  ).id;
  const { code: procedureCode } = await anyProcedure(db);
  const add = async (
    key: string,
    o: { unit?: string; due: Date; assignee?: string; state?: string; clock?: string },
  ): Promise<void> => {
    ids[key] = await insertDossier(db, {
      unitId: o.unit ?? meLinh,
      procedureCode,
      code: `000.00.L7.H26-260430-${String(Object.keys(ids).length + 1).padStart(4, '0')}`,
      applicantName: `Người nộp ${key}`,
      dueAt: o.due,
      assigneeId: o.assignee ? users[o.assignee] : null,
      state: o.state ?? 'IN_STEP',
      clock: o.clock ?? 'RUNNING',
    });
  };
  await add('A', { due: at('2026-05-08', '15:00'), assignee: 'chuyenvien' }); // 5.5 working hours left
  await add('B', { due: at('2026-05-11', '07:30') }); // exactly 8 working hours (72 clock hours) left
  await add('C', { due: at('2026-05-11', '09:00') }); // 9.5 working hours: not yet
  await add('D', { due: at('2026-05-07', '17:00'), assignee: 'chuyenvien' }); // overdue
  await add('E', { unit: giaLam, due: at('2026-05-08', '10:00'), assignee: 'chuyenvien' }); // not led by lanhdao
  await add('F', { due: at('2026-05-08', '10:00'), state: 'AWAITING_SUPPLEMENT', clock: 'PAUSED' }); // no clock
  await add('G', { due: at('2026-05-01', '10:00'), state: 'DELIVERED', clock: 'STOPPED' }); // finished
  await add('H', { due: at('2026-05-08', '16:00'), assignee: 'tiepnhan' }); // tiepnhan has no e-mail below
  await add('I', { due: at('2026-05-08', '11:00'), assignee: 'lanhdao' });
  await add('J', { due: at('2026-05-08', '11:00'), state: 'AWAITING_PAYMENT', clock: 'EXCLUDED' });
  await sql`UPDATE app_user SET email = NULL WHERE username = 'tiepnhan'`.execute(db);
});
after(async () => {
  await t.close();
  await smtp.stop();
});

const keysOf = (items: OfficerDigest['assigned']) =>
  items.map((i) => Object.entries(ids).find(([, id]) => id === i.dossierId)![0]);

describe('early-warning digest', () => {
  test('collects the assigned dossiers and those of the units one leads, by working hours', async () => {
    const digests = await collectEarlyWarningDigests(t.database.db, { now, withinHours: 8 });
    const byUser = Object.fromEntries(digests.map((d) => [d.userId, d]));
    assert.deepEqual(Object.keys(byUser).sort(), [users.chuyenvien, users.lanhdao].sort());

    const cv = byUser[users.chuyenvien!]!;
    assert.equal(cv.email, 'chuyenvien@motcua.example');
    assert.deepEqual(keysOf(cv.assigned), ['D', 'E', 'A']);
    assert.deepEqual(cv.led, []);
    const a = cv.assigned.find((i) => i.dossierId === ids.A)!;
    assert.equal(a.warning, 'DUE_SOON');
    assert.equal(a.remainingWorkingMs, 5.5 * HOUR_MS);
    assert.equal(cv.assigned[0]!.warning, 'OVERDUE');

    const ld = byUser[users.lanhdao!]!;
    assert.deepEqual(keysOf(ld.assigned), ['I']);
    assert.deepEqual(keysOf(ld.led), ['D', 'A', 'H', 'B']);
    assert.equal(ld.led.find((i) => i.dossierId === ids.B)!.remainingWorkingMs, 8 * HOUR_MS);

    const narrower = await collectEarlyWarningDigests(t.database.db, { now, withinHours: 4 });
    const ld4 = narrower.find((d) => d.userId === users.lanhdao)!;
    assert.deepEqual(keysOf(ld4.led), ['D'], 'only the overdue one within 4 hours');
  });

  test('one e-mail per officer per day, in Vietnamese, delivered through the outbox', async () => {
    const first = await enqueueEarlyWarningDigests(t.database.db, { now, withinHours: 8 });
    assert.deepEqual(first, { officers: 2, enqueued: 2 });
    const again = await enqueueEarlyWarningDigests(t.database.db, { now: now + 3 * HOUR_MS, withinHours: 8 });
    assert.deepEqual(again, { officers: 2, enqueued: 0 }, 'the same day: no second digest');
    await t.app.notifications.drain();

    const [leader] = smtp.to('lanhdao@motcua.example');
    assert.ok(leader);
    assert.equal(leader.parsed.subject, '[Một cửa] Cảnh báo sớm ngày 08/05/2026: 4 hồ sơ sắp đến hạn, 1 hồ sơ quá hạn');
    const text = leader.parsed.text!;
    assert.ok(text.includes('tính đến 08/05/2026 07:30 (đến hạn trong 8 giờ làm việc tới hoặc đã quá hạn)'), text);
    assert.ok(text.includes('Hồ sơ được giao cho đồng chí:\n- [còn 3,5 giờ làm việc] 000.00.L7.H26-260430-0009'), text);
    assert.ok(text.includes('Hồ sơ của đơn vị đồng chí phụ trách:\n- [QUÁ HẠN] 000.00.L7.H26-260430-0004'), text);
    assert.ok(text.includes('Người nộp B – Xã Mê Linh – hạn 11/05/2026 07:30'), text);
    assert.ok(text.includes('https://motcua.hanoi.example/ho-so/canh-bao'));
    const [specialist] = smtp.to('chuyenvien@motcua.example');
    assert.ok(specialist);
    assert.ok(!specialist.parsed.text!.includes('Hồ sơ của đơn vị'), 'no empty section');
    assert.equal(smtp.mails.length, 2);
    const rows = await outboxRows(t.database.db, { topic: 'DAILY_DIGEST' });
    assert.deepEqual(
      rows.map((r) => [r.recipient_user_id, r.status, r.template]).sort(),
      [
        [users.chuyenvien, 'SENT', 'DAILY_DIGEST@1'],
        [users.lanhdao, 'SENT', 'DAILY_DIGEST@1'],
      ].sort(),
    );

    const nextDay = await enqueueEarlyWarningDigests(t.database.db, { now: now + 24 * HOUR_MS, withinHours: 8 });
    assert.equal(nextDay.enqueued, 2, 'a new day, new digests');
  });

  test('the job is scheduled at 07:30 Asia/Ho_Chi_Minh and queues digests when it runs', async () => {
    const calls: { schedule?: unknown[]; handler?: () => Promise<unknown> } = {};
    const fakeBoss = {
      work: async (name: string, handler: () => Promise<unknown>) => {
        assert.equal(name, DIGEST_QUEUE);
        calls.handler = handler;
        return 'worker-id';
      },
      schedule: async (...args: unknown[]) => void (calls.schedule = args),
    } as unknown as PgBoss;
    await registerNotificationJobs(fakeBoss, t.database.db, silentLogger);
    assert.deepEqual(calls.schedule, [DIGEST_QUEUE, '30 7 * * *', {}, { tz: 'Asia/Ho_Chi_Minh' }]);
    await calls.handler!(); // runs against the clock's today: must not fail

    // The real queue: a worker process registers the schedule in pg-boss.
    const jobs = await startJobs(t.database.url, t.database.db, {
      worker: true,
      processName: 'digest-test',
      logger: pino({ level: 'silent' }),
    });
    try {
      const r = await sql<{ name: string; cron: string; timezone: string }>`
        SELECT name, cron, timezone FROM pgboss.schedule WHERE name = ${DIGEST_QUEUE}`.execute(t.database.db);
      assert.deepEqual(r.rows, [{ name: DIGEST_QUEUE, cron: DIGEST_CRON, timezone: 'Asia/Ho_Chi_Minh' }]);
    } finally {
      await jobs.stop();
    }
  });
});
