/**
 * Delivery worker of the notification outbox. A worker claims a small batch of due rows with
 * `FOR UPDATE SKIP LOCKED` in a short transaction: the claim moves next_attempt_at to the end of a lease and
 * stamps a claim token, so concurrent workers (in this or other processes) never take the same row, and a row
 * whose worker died before marking it becomes due again when the lease ends. Sending happens outside any
 * transaction; the outcome is written only if the claim token still matches. Failures are retried with
 * exponential backoff up to an attempt limit (then FAILED, the last error kept); permanent errors fail at once.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import type { Config } from '../platform/config';
import type { Db } from '../platform/db';
import {
  adaptersFor,
  asDeliveryError,
  type Adapters,
  type DeliveryChannel,
  type NotifyLogger,
  type OutgoingMessage,
} from './adapters';

export interface NotificationWorker {
  /** Stops polling, waits for the deliveries in progress, closes the adapters. */
  stop(): Promise<void>;
  /** Delivers every row due now (rows queued or rescheduled meanwhile wait); returns the rows handled. */
  drain(): Promise<number>;
}

export interface WorkerOptions {
  db: Db;
  config: Pick<Config, 'jobsWorker'> & Partial<Pick<Config, 'smtpUrl' | 'mailFrom' | 'notifyPollMs'>>;
  logger: NotifyLogger;
  /** Replace single channels' adapters (tests, a real SMS or Zalo gateway). */
  adapters?: Partial<Adapters>;
  /** Name in claimed_by; default process and a random suffix. */
  workerId?: string;
  batchSize?: number;
  /** How long a claim holds a row; must exceed the adapters' timeouts. Default 5 minutes. */
  leaseMs?: number;
  /** Attempts before a row is FAILED. Default 8. */
  maxAttempts?: number;
  /** First retry delay; doubles with each attempt up to retryMaxMs. Default 30 s, max 2 h. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

export const DEFAULT_MAIL_FROM = 'Bộ phận Một cửa <no-reply@motcua.local>';

interface ClaimedRow {
  id: string;
  topic: string;
  channel: DeliveryChannel | 'IN_APP';
  recipient: string;
  recipientName: string | null;
  subject: string;
  body: string;
  template: string;
  fields: Record<string, string>;
  attempts: number;
}

/** Delay before attempt `attempts + 1`: base · 2^(attempts−1), capped, with up to 10 % jitter. */
export function retryDelayMs(attempts: number, baseMs: number, maxMs: number): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.max(1, Math.round(raw * (1 + Math.random() * 0.1)));
}

export function startNotificationWorker(options: WorkerOptions): NotificationWorker {
  const { db, config, logger } = options;
  const adapters = adaptersFor(
    { smtpUrl: config.smtpUrl, mailFrom: config.mailFrom ?? DEFAULT_MAIL_FROM },
    logger,
    options.adapters,
  );
  const workerId = options.workerId ?? `pid-${process.pid}-${randomUUID().slice(0, 8)}`;
  const batchSize = options.batchSize ?? 10;
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const maxAttempts = options.maxAttempts ?? 8;
  const retryBaseMs = options.retryBaseMs ?? 30_000;
  const retryMaxMs = options.retryMaxMs ?? 2 * 3_600_000;
  const pollMs = config.notifyPollMs ?? 1000;

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const inFlight = new Set<Promise<unknown>>();

  async function claim(cutoff: Date, token: string): Promise<ClaimedRow[]> {
    const r = await sql<ClaimedRow>`
      WITH due AS (
        SELECT id FROM notification_outbox
        WHERE status = 'PENDING' AND next_attempt_at <= ${cutoff}
        ORDER BY next_attempt_at, id
        LIMIT ${batchSize}
        FOR UPDATE SKIP LOCKED
      )
      UPDATE notification_outbox o
      SET attempts = o.attempts + 1,
          next_attempt_at = clock_timestamp() + ${leaseMs} * interval '1 millisecond',
          claimed_by = ${workerId}, claim_token = ${token}::uuid, claimed_at = clock_timestamp()
      FROM due WHERE o.id = due.id
      RETURNING o.id, o.topic, o.channel, o.recipient, o.recipient_name AS "recipientName", o.subject, o.body,
        o.template, o.fields, o.attempts`.execute(db);
    return r.rows;
  }

  async function finish(row: ClaimedRow, token: string, outcome: 'SENT' | 'RETRY' | 'FAILED', info: string | null) {
    const guard = sql`id = ${row.id}::uuid AND claim_token = ${token}::uuid AND status = 'PENDING'`;
    const r =
      outcome === 'SENT'
        ? await sql`UPDATE notification_outbox SET status = 'SENT', sent_at = clock_timestamp(),
              provider_message_id = ${info}, claim_token = NULL WHERE ${guard}`.execute(db)
        : outcome === 'RETRY'
          ? await sql`UPDATE notification_outbox SET last_error = ${info}, claim_token = NULL,
              next_attempt_at = clock_timestamp()
                + ${retryDelayMs(row.attempts, retryBaseMs, retryMaxMs)} * interval '1 millisecond'
              WHERE ${guard}`.execute(db)
          : await sql`UPDATE notification_outbox SET status = 'FAILED', last_error = ${info}, claim_token = NULL
              WHERE ${guard}`.execute(db);
    if (Number(r.numAffectedRows ?? 0) === 0)
      logger.warn({ notification: row.id, outcome }, 'notification lease lost before its outcome was written');
  }

  async function deliver(row: ClaimedRow, token: string): Promise<void> {
    if (row.attempts > maxAttempts) {
      // Claimed before by a worker that never came back (crash, lease lost): give up.
      await finish(row, token, 'FAILED', `no outcome after ${row.attempts - 1} attempts (lease expired)`);
      return;
    }
    const adapter = row.channel === 'IN_APP' ? undefined : adapters[row.channel];
    if (!adapter) {
      await finish(row, token, 'FAILED', `no adapter for channel ${row.channel}`);
      return;
    }
    const message: OutgoingMessage = {
      id: row.id,
      topic: row.topic,
      template: row.template,
      to: row.recipient,
      toName: row.recipientName,
      subject: row.subject,
      body: row.body,
      fields: row.fields ?? {},
    };
    try {
      const result = await adapter.send(message);
      await finish(row, token, 'SENT', result.providerMessageId);
    } catch (e) {
      const error = asDeliveryError(e);
      const last = `${adapter.name}: ${error.message}`.slice(0, 2000);
      const giveUp = !error.retryable || row.attempts >= maxAttempts;
      await finish(row, token, giveUp ? 'FAILED' : 'RETRY', last);
      (giveUp ? logger.error : logger.warn).call(
        logger,
        { notification: row.id, channel: row.channel, attempts: row.attempts, retryable: error.retryable },
        `notification ${giveUp ? 'failed' : 'will be retried'}: ${last}`,
      );
    }
  }

  async function drainNow(): Promise<number> {
    if (stopped) return 0;
    const cutoff = (await sql<{ now: Date }>`SELECT clock_timestamp() AS now`.execute(db)).rows[0]!.now;
    let handled = 0;
    for (;;) {
      const token = randomUUID();
      const rows = await claim(cutoff, token);
      if (rows.length === 0) return handled;
      await Promise.all(rows.map((row) => deliver(row, token)));
      handled += rows.length;
      if (stopped) return handled;
    }
  }

  function track<T>(p: Promise<T>): Promise<T> {
    inFlight.add(p);
    void p.finally(() => inFlight.delete(p)).catch(() => {});
    return p;
  }

  async function tick() {
    try {
      await track(drainNow());
    } catch (e) {
      logger.error({ err: e }, 'notification worker: delivery round failed');
    } finally {
      if (!stopped) {
        timer = setTimeout(tick, pollMs);
        timer.unref();
      }
    }
  }

  if (config.jobsWorker) {
    timer = setTimeout(tick, pollMs);
    timer.unref();
  }

  return {
    drain: () => track(drainNow()),
    async stop() {
      if (stopped) return;
      stopped = true;
      if (timer) clearTimeout(timer);
      await Promise.allSettled([...inFlight]);
      await Promise.allSettled(Object.values(adapters).map((a) => a.close?.()));
    },
  };
}
