/**
 * The adapter contract: every adapter (logging e-mail/SMS/Zalo, SMTP, and a gateway a deployment might
 * write) has the same send() shape, resolves with a provider message id or throws a DeliveryError that says
 * whether to retry, and the worker treats them alike. Also: the worker polls on its own when JOBS_WORKER is on,
 * and not at all when it is off.
 */
import { randomUUID } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import {
  DeliveryError,
  adaptersFor,
  classifySmtpError,
  loggingEmailAdapter,
  loggingSmsAdapter,
  loggingZaloAdapter,
  permanentError,
  retryableError,
  smtpEmailAdapter,
  type DeliveryChannel,
  type NotificationAdapter,
  type OutgoingMessage,
  type SmsAdapter,
} from '../../src/notifications/adapters';
import { insertOutboxRows, type OutboxRowInput } from '../../src/notifications/outbox';
import { startNotificationWorker } from '../../src/notifications/worker';
import { createTestApp, type TestApp } from '../support/testApp';
import { capturingLogger, outboxRows, silentLogger, startSmtp, type TestSmtp } from './support';

const message = (to: string, over: Partial<OutgoingMessage> = {}): OutgoingMessage => ({
  id: randomUUID(),
  topic: 'RECEIVED',
  template: 'RECEIVED@1',
  to,
  toName: 'Trần Thị Bình',
  subject: 'Hồ sơ 000.00.L7.H26-260513-0001 đã được tiếp nhận',
  body: 'Hẹn trả kết quả: 20/05/2026 09:00.',
  fields: { code: '000.00.L7.H26-260513-0001' },
  ...over,
});

/** What every adapter must do. */
async function assertContract(adapter: NotificationAdapter, channel: DeliveryChannel, to: string) {
  assert.equal(adapter.channel, channel);
  assert.equal(typeof adapter.name, 'string');
  assert.ok(adapter.name.length > 0);
  assert.equal(typeof adapter.send, 'function');
  const pending = adapter.send(message(to));
  assert.ok(pending instanceof Promise, 'send() returns a promise');
  const result = await pending;
  assert.deepEqual(Object.keys(result), ['providerMessageId']);
  assert.equal(typeof result.providerMessageId, 'string');
  assert.ok(result.providerMessageId.length > 0);
}

async function assertFails(adapter: NotificationAdapter, to: string, retryable: boolean) {
  await assert.rejects(adapter.send(message(to)), (e: unknown) => {
    assert.ok(e instanceof DeliveryError, `a DeliveryError, got ${String(e)}`);
    assert.equal(e.retryable, retryable, e.message);
    assert.ok(e.message.length > 0);
    return true;
  });
}

/**
 * An SMS gateway over HTTP as a deployment would write one (the national SMS brandname gateways differ in
 * detail): 2xx → message id, 429/5xx → retryable, other 4xx → permanent, network error → retryable.
 */
function httpSmsAdapter(url: string): SmsAdapter {
  return {
    channel: 'SMS',
    name: 'http-sms',
    async send(m) {
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ to: m.to, text: m.body, ref: m.id }),
        });
      } catch (e) {
        throw retryableError(`gateway unreachable: ${(e as Error).message}`, e);
      }
      const text = await res.text();
      if (res.ok) return { providerMessageId: (JSON.parse(text) as { id: string }).id };
      if (res.status === 429 || res.status >= 500) throw retryableError(`gateway ${res.status}: ${text}`);
      throw permanentError(`gateway ${res.status}: ${text}`);
    },
  };
}

let smtp: TestSmtp;
let gateway: http.Server;
let gatewayUrl: string;
const gatewayReceived: { to: string; text: string }[] = [];

before(async () => {
  smtp = await startSmtp();
  gateway = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString('utf8')));
    req.on('end', () => {
      const { to, text } = JSON.parse(body) as { to: string; text: string };
      if (to.endsWith('0000')) return res.writeHead(400).end('số thuê bao không tồn tại');
      if (to.endsWith('5030')) return res.writeHead(503).end('quá tải');
      gatewayReceived.push({ to, text });
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: `gw-${randomUUID()}` }));
    });
  });
  await new Promise<void>((resolve) => gateway.listen(0, '127.0.0.1', resolve));
  gatewayUrl = `http://127.0.0.1:${(gateway.address() as AddressInfo).port}/sms`;
});
after(async () => {
  await smtp.stop();
  await new Promise<void>((resolve) => gateway.close(() => resolve()));
});

describe('adapter contract', () => {
  test('logging adapters: the message goes to the log and counts as sent', async () => {
    const log = capturingLogger();
    for (const [adapter, channel, to] of [
      [loggingEmailAdapter(log), 'EMAIL', 'binh@example.vn'],
      [loggingSmsAdapter(log), 'SMS', '0912345678'],
      [loggingZaloAdapter(log), 'ZALO', '0912345678'],
    ] as const) {
      await assertContract(adapter, channel, to);
      const line = log.lines.at(-1)!;
      assert.equal(line.level, 'info');
      const n = line.obj.notification as Record<string, string>;
      assert.equal(n.channel, channel);
      assert.equal(n.to, to);
      assert.equal(n.subject, 'Hồ sơ 000.00.L7.H26-260513-0001 đã được tiếp nhận');
      assert.equal(n.body, 'Hẹn trả kết quả: 20/05/2026 09:00.');
      assert.match(n.providerMessageId!, /^log-/);
    }
  });

  test('SMTP adapter: delivers; server down is retryable; a refused recipient is permanent', async () => {
    const up = smtpEmailAdapter({ url: smtp.url, from: 'Bộ phận Một cửa <no-reply@motcua.local>' });
    await assertContract(up, 'EMAIL', 'contract@example.vn');
    assert.equal(smtp.to('contract@example.vn').length, 1);
    await assertFails(up, 'nobody@reject.test', false);
    await up.close!();
    const down = smtpEmailAdapter({ url: 'smtp://127.0.0.1:9', from: 'x@motcua.local', timeoutMs: 2000 });
    await assertFails(down, 'contract@example.vn', true);
    await down.close!();
  });

  test('a gateway adapter written for a deployment satisfies the same contract', async () => {
    const sms = httpSmsAdapter(gatewayUrl);
    await assertContract(sms, 'SMS', '0912345678');
    assert.deepEqual(gatewayReceived.at(-1), { to: '0912345678', text: 'Hẹn trả kết quả: 20/05/2026 09:00.' });
    await assertFails(sms, '0912340000', false);
    await assertFails(sms, '0912345030', true);
    await assertFails(httpSmsAdapter('http://127.0.0.1:9/sms'), '0912345678', true);
  });

  test('SMTP errors are classified: 5xx and bad envelopes permanent; 4xx, network and auth retryable', () => {
    const cases: [object, boolean][] = [
      [{ code: 'EENVELOPE', responseCode: 550, response: '550 5.1.1 no such user' }, false],
      [{ code: 'EMESSAGE', responseCode: 552, response: '552 message too large' }, false],
      [{ code: 'EENVELOPE', message: 'No recipients defined' }, false],
      [{ code: 'EENVELOPE', responseCode: 451, response: '451 try again later' }, true],
      [{ code: 'ECONNECTION', message: 'connect ECONNREFUSED' }, true],
      [{ code: 'ETIMEDOUT', message: 'Greeting never received' }, true],
      [{ code: 'EAUTH', responseCode: 535, response: '535 bad credentials' }, true],
      [new Error('something else'), true],
    ];
    for (const [error, retryable] of cases) assert.equal(classifySmtpError(error).retryable, retryable);
  });

  test('adapters from the config: SMTP when SMTP_URL is set, logging otherwise', () => {
    const mail = { mailFrom: 'x <a@b.vn>' };
    assert.equal(adaptersFor({ ...mail, smtpUrl: smtp.url }, silentLogger).EMAIL.name, 'smtp');
    const logging = adaptersFor({ ...mail, smtpUrl: undefined }, silentLogger);
    assert.deepEqual([logging.EMAIL.name, logging.SMS.name, logging.ZALO.name], ['log', 'log', 'log']);
  });
});

const row = (channel: 'EMAIL' | 'SMS', recipient: string): OutboxRowInput => ({
  dossierId: null,
  actionId: null,
  topic: 'RECEIVED',
  channel,
  recipient,
  recipientName: 'Trần Thị Bình',
  recipientUserId: null,
  subject: 'Hồ sơ 000.00.L7.H26-260513-0001 đã được tiếp nhận',
  body: 'Hẹn trả kết quả: 20/05/2026 09:00.',
  template: 'RECEIVED@1',
  fields: {},
  dedupeKey: `test|${randomUUID()}`,
  status: 'PENDING',
});

describe('worker with any adapter; lifecycle', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ SMTP_URL: smtp.url, JOBS_WORKER: 'false' });
  });
  after(() => t.close());

  test('the worker records what the gateway answered', async () => {
    const worker = startNotificationWorker({
      db: t.database.db,
      config: { jobsWorker: false },
      logger: silentLogger,
      adapters: { SMS: httpSmsAdapter(gatewayUrl) },
    });
    try {
      await insertOutboxRows(t.database.db, [row('SMS', '0987650001'), row('SMS', '0987650000')]);
      await worker.drain();
      const ok = (await outboxRows(t.database.db, { recipient: '0987650001' }))[0]!;
      assert.equal(ok.status, 'SENT');
      assert.match(ok.provider_message_id!, /^gw-/);
      const bad = (await outboxRows(t.database.db, { recipient: '0987650000' }))[0]!;
      assert.equal(bad.status, 'FAILED');
      assert.match(bad.last_error!, /^http-sms: gateway 400: số thuê bao không tồn tại$/);
    } finally {
      await worker.stop();
    }
  });

  test('with JOBS_WORKER on, the app polls and delivers by itself; off, it does not', async () => {
    const polling = await createTestApp({ SMTP_URL: smtp.url, NOTIFY_POLL_MS: '50' }); // JOBS_WORKER: true
    const idle = await createTestApp({ SMTP_URL: smtp.url, NOTIFY_POLL_MS: '50', JOBS_WORKER: 'false' });
    try {
      await insertOutboxRows(polling.database.db, [row('EMAIL', 'poll@example.vn')]);
      await insertOutboxRows(idle.database.db, [row('EMAIL', 'idle@example.vn')]);
      for (let i = 0; i < 100 && smtp.to('poll@example.vn').length === 0; i++) await sleep(20);
      assert.equal(smtp.to('poll@example.vn').length, 1, 'delivered without drain()');
      await sleep(300);
      assert.equal(smtp.to('idle@example.vn').length, 0, 'no polling when JOBS_WORKER=false');
      assert.equal((await outboxRows(idle.database.db, { recipient: 'idle@example.vn' }))[0]!.status, 'PENDING');
      await idle.app.notifications.drain();
      assert.equal(smtp.to('idle@example.vn').length, 1);
    } finally {
      await polling.close(); // onClose stops the worker before the database goes
      await idle.close();
    }
    assert.equal(smtp.to('poll@example.vn').length, 1, 'sent once');
  });
});
