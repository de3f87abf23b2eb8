/**
 * Notification e-mails end to end against a real SMTP server: the outbox row is written in the action's
 * transaction, the worker delivers it once with correct Vietnamese text, retries while SMTP is down, gives up
 * on permanent failures or after the attempt limit, survives a dead worker (lease), and two workers never send
 * the same row.
 */
import { randomUUID } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { sql } from 'kysely';
import { calendarCacheFor } from '../../src/calendar/cache';
import { connect } from '../../src/platform/db';
import { enqueueDossierNotifications, type DossierNotificationInput } from '../../src/notifications/outbox';
import { startNotificationWorker } from '../../src/notifications/worker';
import { formatDateTimeVN } from '../../src/notifications/templates';
import type { EmailAdapter } from '../../src/notifications/adapters';
import { createTestApp, type TestApp } from '../support/testApp';
import {
  build,
  insertDossier,
  makeDue,
  outboxRows,
  receivePayload,
  silentLogger,
  startSmtp,
  unitByCode,
  type TestSmtp,
} from './support';

const PUBLIC_URL = 'https://motcua.hanoi.example';
const unitCode = '000.00.L7.H26'; // Xã Mê Linh
let t: TestApp;
let smtp: TestSmtp;
let unit: { id: string; name: string };
let procedure: { code: string; name: string };
let seq = 100; // codes 0001… are left to the reception API

before(async () => {
  smtp = await startSmtp();
  t = await createTestApp({ SMTP_URL: smtp.url, JOBS_WORKER: 'false', PUBLIC_URL });
  unit = await unitByCode(t.database.db, unitCode);
  const r = await sql<{ code: string; name: string }>`
    SELECT p.code, p.name FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    JOIN procedure_version_unit pu ON pu.version_id = v.id AND pu.unit_id = ${unit.id}::uuid
    CROSS JOIN LATERAL jsonb_array_elements(v.methods) m
    WHERE v.superseded_at IS NULL AND v.cutoff_time IS NULL AND m->>'channel' = 'direct'
      AND m->'time'->>'unit' = 'working_days' AND (m->'time'->>'value')::numeric BETWEEN 2 AND 20
      AND v.effective_from <= '2026-04-01'
    ORDER BY p.code LIMIT 1`.execute(t.database.db);
  procedure = r.rows[0]!;
});
after(async () => {
  await t.close();
  await smtp.stop();
});

/** A received dossier (row + the state decide() gives for RECEIVE) and the notification input for it. */
async function received(applicant: DossierNotificationInput['applicant'], at = '2026-05-13T09:00:00+07:00') {
  seq += 1;
  const { calendar } = await calendarCacheFor(t.database.db).get(unit.id);
  const built = build(calendar, [{ type: 'RECEIVE', at, payload: receivePayload(unitCode, at.slice(0, 10), seq) }]);
  const dossierId = await insertDossier(t.database.db, {
    unitId: unit.id,
    procedureCode: procedure.code,
    code: built.state.dossierCode,
    applicantName: applicant.name,
  });
  const input: DossierNotificationInput = {
    dossierId,
    code: built.state.dossierCode,
    unitId: unit.id,
    unitName: unit.name,
    procedureCode: procedure.code,
    procedureName: procedure.name,
    applicant,
    state: built.state,
    events: built.events,
  };
  return { input, built };
}

const enqueue = (input: DossierNotificationInput) =>
  t.database.db.transaction().execute((trx) => enqueueDossierNotifications(trx, input));

describe('reception e-mail', () => {
  test('counter reception through the API: exactly one RECEIVED e-mail to the applicant', async (ctx) => {
    const officer = await t.login('tiepnhan');
    const email = 'nguoinop.api@example.vn';
    const res = await officer.post(
      '/api/v1/dossiers',
      {
        unitId: unit.id,
        procedureCode: procedure.code,
        channel: 'COUNTER',
        applicant: { name: 'Phạm Thị Hoà', email, idNumber: '001190012345' },
        receivedAt: '2026-04-22T10:00:00+07:00',
      },
      { 'idempotency-key': randomUUID() },
    );
    if (res.statusCode !== 201) {
      ctx.skip(`the reception API does not take applicant.email yet (${res.statusCode})`);
      return;
    }
    const rows = await outboxRows(t.database.db, { recipient: email });
    if (rows.length === 0) {
      ctx.skip('the reception service does not queue notifications yet');
      return;
    }
    assert.deepEqual(
      rows.map((r) => [r.topic, r.channel, r.status]),
      [['RECEIVED', 'EMAIL', 'PENDING']],
      'queued with the reception, delivered later',
    );
    await t.app.notifications.drain();
    const mails = smtp.to(email);
    assert.equal(mails.length, 1);
    const d = res.json() as { code: string; dueAt: string };
    const appointment = formatDateTimeVN(Date.parse(d.dueAt));
    assert.equal(mails[0]!.parsed.subject, `Hồ sơ ${d.code} đã được tiếp nhận – hẹn trả kết quả ${appointment}`);
    assert.match(mails[0]!.parsed.text!, /^Kính gửi Phạm Thị Hoà,/);
    assert.ok(mails[0]!.parsed.text!.includes(`Ngày hẹn trả kết quả: ${appointment}`));
    assert.ok(mails[0]!.parsed.text!.includes(`${PUBLIC_URL}/tra-cuu?ma=${encodeURIComponent(d.code)}`));
    await t.app.notifications.drain();
    assert.equal(smtp.to(email).length, 1, 'exactly one');
  });

  test('RECEIVED: one e-mail with code, appointment dd/MM/yyyy HH:mm, lookup link, UTF-8 diacritics', async () => {
    const email = 'tran.thi.binh@example.vn';
    const { input, built } = await received({ name: 'Trần Thị Bình', email, phone: '0912 345 678' });
    const code = built.state.dossierCode!;
    const appointment = formatDateTimeVN(built.state.dueAt)!;
    assert.equal(appointment, '20/05/2026 09:00'); // 5 working days from Wed 13/05 09:00

    assert.equal(await enqueue(input), 3); // e-mail, SMS and Zalo (both to the phone)
    assert.equal(await enqueue(input), 0, 're-queuing the same action is a no-op');
    assert.ok((await t.app.notifications.drain()) >= 3);
    assert.equal(await t.app.notifications.drain(), 0);

    const mails = smtp.to(email);
    assert.equal(mails.length, 1);
    const mail = mails[0]!.parsed;
    const subject = `Hồ sơ ${code} đã được tiếp nhận – hẹn trả kết quả 20/05/2026 09:00`;
    assert.equal(mail.subject, subject);
    assert.equal(mail.subject, mail.subject!.normalize('NFC'));
    assert.deepEqual(
      mail.from?.value.map((a) => [a.name, a.address]),
      [['Bộ phận Một cửa', 'no-reply@motcua.local']],
    );
    assert.deepEqual(mail.to && !Array.isArray(mail.to) ? mail.to.value.map((a) => [a.name, a.address]) : [], [
      ['Trần Thị Bình', email],
    ]);
    const text = mail.text!;
    assert.equal(text, text.normalize('NFC'));
    for (const expected of [
      'Kính gửi Trần Thị Bình,',
      `Bộ phận Một cửa ${unit.name} đã tiếp nhận hồ sơ của ông/bà.`,
      `Mã hồ sơ: ${code}`,
      `Thủ tục: ${procedure.name} (${procedure.code})`,
      'Thời điểm tiếp nhận: 13/05/2026 09:00',
      'Ngày hẹn trả kết quả: 20/05/2026 09:00',
      `Tra cứu tình trạng hồ sơ: ${PUBLIC_URL}/tra-cuu?ma=${encodeURIComponent(code)}`,
    ])
      assert.ok(text.includes(expected), `body has "${expected}":\n${text}`);
    assert.ok(!text.includes('{{'), 'no unfilled field');
    // The raw message declares UTF-8 and encodes the subject (RFC 2047).
    assert.match(mails[0]!.raw, /^Subject: =\?UTF-8\?/im);
    assert.match(mails[0]!.raw, /Content-Type: text\/plain; charset=utf-8/i);

    const rows = await outboxRows(t.database.db, { dossierId: input.dossierId });
    assert.deepEqual(
      rows.map((r) => [r.channel, r.recipient, r.status, r.attempts, r.template]),
      [
        ['EMAIL', email, 'SENT', 1, 'RECEIVED@1'],
        ['SMS', '0912345678', 'SENT', 1, 'RECEIVED@1'],
        ['ZALO', '0912345678', 'SENT', 1, 'RECEIVED@1'],
      ],
    );
    // The gateways get the fields the message was rendered with, and only those with a value.
    for (const r of rows) {
      assert.equal(r.fields.code, code);
      assert.equal(r.fields.appointment, appointment);
      assert.deepEqual(
        Object.entries(r.fields).filter(([, v]) => v === null),
        [],
      );
    }
    const emailRow = rows[0]!;
    assert.ok(emailRow.sent_at);
    assert.equal(emailRow.provider_message_id, `<${emailRow.id}@motcua.local>`);
    assert.equal(mail.messageId, `<${emailRow.id}@motcua.local>`);
    assert.match(rows[1]!.provider_message_id!, /^log-/);
    assert.match(rows[1]!.body, /^Hồ sơ \S+ đã được tiếp nhận\. Hẹn trả kết quả: 20\/05\/2026 09:00\. Tra cứu: https:/);
  });

  test('a proxy with an address gets the message instead of the applicant', async () => {
    const { input } = await received({
      name: 'Lê Văn Cường',
      email: 'cuong@example.vn',
      proxy: { name: 'Đỗ Thị Duyên', email: 'duyen.uyquyen@example.vn' },
    });
    await enqueue(input);
    await t.app.notifications.drain();
    assert.equal(smtp.to('cuong@example.vn').length, 0);
    const mails = smtp.to('duyen.uyquyen@example.vn');
    assert.equal(mails.length, 1);
    assert.match(mails[0]!.parsed.text!, /^Kính gửi Đỗ Thị Duyên,/);
    assert.match(mails[0]!.parsed.text!, /Người yêu cầu: Lê Văn Cường/);
  });

  test('an unusable address is kept as SKIPPED with the reason, never sent', async () => {
    const { input } = await received({ name: 'Bùi Văn Phúc', email: 'phuc-at-example.vn', phone: '12' });
    assert.equal(await enqueue(input), 3);
    await t.app.notifications.drain();
    const rows = await outboxRows(t.database.db, { dossierId: input.dossierId });
    assert.deepEqual(
      rows.map((r) => [r.channel, r.status, r.attempts, r.last_error]),
      [
        ['EMAIL', 'SKIPPED', 0, 'Địa chỉ thư điện tử không hợp lệ.'],
        ['SMS', 'SKIPPED', 0, 'Số điện thoại không hợp lệ.'],
        ['ZALO', 'SKIPPED', 0, 'Số điện thoại không hợp lệ.'],
      ],
    );
  });

  test('the row is written in the action’s transaction: a rollback leaves nothing', async () => {
    const { input } = await received({ name: 'Vũ Minh Em', email: 'em.rollback@example.vn' });
    const countOutside = async () => (await outboxRows(t.database.db, { dossierId: input.dossierId })).length;
    await assert.rejects(
      t.database.db.transaction().execute(async (trx) => {
        assert.equal(await enqueueDossierNotifications(trx, input), 1);
        const inside = await sql<{ n: number }>`SELECT count(*)::int AS n FROM notification_outbox
          WHERE dossier_id = ${input.dossierId}::uuid`.execute(trx);
        assert.equal(inside.rows[0]!.n, 1, 'visible inside the transaction');
        assert.equal(await countOutside(), 0, 'invisible outside before commit');
        throw new Error('the action failed after queuing');
      }),
      /the action failed/,
    );
    assert.equal(await countOutside(), 0);
    await t.app.notifications.drain();
    assert.equal(smtp.to('em.rollback@example.vn').length, 0);
  });
});

describe('delivery failures', () => {
  test('SMTP down: retry scheduled with backoff, attempts counted; delivered once SMTP is back', async () => {
    const email = 'giang.retry@example.vn';
    const { input } = await received({ name: 'Hoàng Văn Giang', email });
    await smtp.stop();
    try {
      await enqueue(input);
      await t.app.notifications.drain();
      let [row] = await outboxRows(t.database.db, { recipient: email });
      assert.equal(row!.status, 'PENDING');
      assert.equal(row!.attempts, 1);
      assert.match(row!.last_error!, /^smtp: (ECONNECTION|ESOCKET)/);
      assert.equal(row!.claim_token, null);
      const delay = row!.next_attempt_at.getTime() - Date.now();
      assert.ok(delay > 25_000 && delay < 35_000, `first retry after ~30 s, got ${delay} ms`);
      assert.equal(await t.app.notifications.drain(), 0, 'not due yet');

      await makeDue(t.database.db, email);
      await t.app.notifications.drain(); // still down
      [row] = await outboxRows(t.database.db, { recipient: email });
      assert.equal(row!.attempts, 2);
      const delay2 = row!.next_attempt_at.getTime() - Date.now();
      assert.ok(delay2 > 55_000 && delay2 < 70_000, `second retry after ~60 s, got ${delay2} ms`);
    } finally {
      await smtp.start();
    }
    await makeDue(t.database.db, email);
    await t.app.notifications.drain();
    const [row] = await outboxRows(t.database.db, { recipient: email });
    assert.equal(row!.status, 'SENT');
    assert.equal(row!.attempts, 3);
    assert.equal(smtp.to(email).length, 1);
  });

  test('a permanent refusal (550) fails at once, with the error kept', async () => {
    const email = 'khong-ton-tai@reject.test';
    const { input } = await received({ name: 'Ngô Thị Hạnh', email });
    await enqueue(input);
    await t.app.notifications.drain();
    const [row] = await outboxRows(t.database.db, { recipient: email });
    assert.equal(row!.status, 'FAILED');
    assert.equal(row!.attempts, 1);
    assert.match(row!.last_error!, /550/);
  });

  test('retryable failures stop at the attempt limit: FAILED with the last error', async () => {
    const email = 'khanh.limit@example.vn';
    const { input } = await received({ name: 'Đinh Văn Khánh', email });
    await enqueue(input);
    const down = startNotificationWorker({
      db: t.database.db,
      config: { jobsWorker: false, smtpUrl: 'smtp://127.0.0.1:9' },
      logger: silentLogger,
      maxAttempts: 3,
      retryBaseMs: 5,
    });
    try {
      for (let i = 1; i <= 3; i++) {
        await sleep(20);
        await down.drain();
        const [row] = await outboxRows(t.database.db, { recipient: email });
        assert.equal(row!.attempts, i);
        assert.equal(row!.status, i < 3 ? 'PENDING' : 'FAILED');
        assert.match(row!.last_error!, /^smtp: /);
      }
      await sleep(20);
      assert.equal(await down.drain(), 0, 'a FAILED row is not tried again');
    } finally {
      await down.stop();
    }
    assert.equal(smtp.to(email).length, 0);
  });
});

describe('several workers', () => {
  test('two workers draining at once send every mail exactly once', async () => {
    const slow = await startSmtp({ delayMs: 10 });
    const handles = [connect(t.database.url, 3), connect(t.database.url, 3)];
    const workers = handles.map((h, i) =>
      startNotificationWorker({
        db: h.db,
        config: { jobsWorker: false, smtpUrl: slow.url },
        logger: silentLogger,
        workerId: `worker-${i}`,
        batchSize: 3,
      }),
    );
    try {
      const addresses: string[] = [];
      for (let i = 0; i < 24; i++) {
        const email = `song-song-${i}@example.vn`;
        addresses.push(email);
        const { input } = await received({ name: `Người nộp ${i}`, email });
        await enqueue(input);
      }
      const handled = await Promise.all(workers.map((w) => w.drain()));
      assert.equal(
        handled.reduce((a, b) => a + b, 0),
        24,
      );
      assert.ok(
        handled.every((n) => n > 0),
        `both workers took part: ${handled.join(' + ')}`,
      );
      const ids = slow.mails.map((m) => m.parsed.headers.get('x-motcua-notification'));
      assert.equal(ids.length, 24);
      assert.equal(new Set(ids).size, 24, 'no row sent twice');
      for (const a of addresses) assert.equal(slow.to(a).length, 1, a);
      const rows = await sql<{ claimed_by: string; n: number }>`
        SELECT claimed_by, count(*)::int AS n FROM notification_outbox
        WHERE recipient LIKE 'song-song-%' AND status = 'SENT' AND attempts = 1 GROUP BY claimed_by`.execute(
        t.database.db,
      );
      assert.equal(
        rows.rows.reduce((a, r) => a + r.n, 0),
        24,
      );
    } finally {
      await Promise.all(workers.map((w) => w.stop()));
      await Promise.all(handles.map((h) => h.close()));
      await slow.stop();
    }
  });

  test('a worker that dies holding a row: the row goes back after the lease, its late outcome is ignored', async () => {
    const email = 'lease@example.vn';
    const { input } = await received({ name: 'Mai Thị Lan', email });
    await enqueue(input);
    let release: (() => void) | undefined;
    const hanging: EmailAdapter = {
      channel: 'EMAIL',
      name: 'hanging',
      send: () => new Promise((resolve) => (release = () => resolve({ providerMessageId: 'too-late' }))),
    };
    const dying = startNotificationWorker({
      db: t.database.db,
      config: { jobsWorker: false },
      logger: silentLogger,
      adapters: { EMAIL: hanging },
      workerId: 'dying',
      leaseMs: 400,
    });
    const stuck = dying.drain();
    for (let i = 0; i < 100 && !release; i++) await sleep(10);
    assert.ok(release, 'the dying worker claimed the row');
    let [row] = await outboxRows(t.database.db, { recipient: email });
    assert.equal(row!.attempts, 1);
    assert.equal(await t.app.notifications.drain(), 0, 'held by the lease');

    await sleep(450);
    assert.equal(await t.app.notifications.drain(), 1, 'due again after the lease');
    [row] = await outboxRows(t.database.db, { recipient: email });
    assert.equal(row!.status, 'SENT');
    assert.equal(row!.attempts, 2);
    assert.equal(smtp.to(email).length, 1);

    release!();
    await stuck;
    await dying.stop();
    [row] = await outboxRows(t.database.db, { recipient: email });
    assert.equal(row!.provider_message_id, `<${row!.id}@motcua.local>`, 'the late outcome did not overwrite');
  });
});
