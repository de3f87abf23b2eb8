import PgBoss from 'pg-boss';
import pg from 'pg';
import type { Db } from '../platform/db';
import type { Logger } from 'pino';
import { createAnchor } from '../audit/service';
import { deleteExpiredSessions } from '../access/store';
import { DIGEST_QUEUE, registerNotificationJobs } from '../notifications/digest';

export const queues = {
  auditAnchor: 'audit-anchor',
  sessionCleanup: 'session-cleanup',
  notificationDigest: DIGEST_QUEUE,
} as const;

export interface Jobs {
  send(name: string, data?: object): Promise<string | null>;
  stop(): Promise<void>;
}

/**
 * Background jobs live in PostgreSQL (pg-boss), so any process can enqueue and any worker process can run
 * them. `worker: false` makes a process enqueue-only (e.g. a web-only node behind the load balancer).
 */
export async function startJobs(
  connectionString: string,
  db: Db,
  options: { worker: boolean; processName: string; logger: Logger },
): Promise<Jobs> {
  const boss = new PgBoss({ connectionString, schema: 'pgboss', max: 3, application_name: 'motcua-jobs' });
  boss.on('error', (error) => options.logger.error({ err: error }, 'job queue error'));
  // Processes starting together must not both create pg-boss's schema: serialise its installation.
  const lock = new pg.Client({ connectionString });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock(7403)');
    await boss.start();
    for (const name of Object.values(queues)) await boss.createQueue(name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock(7403)').catch(() => {});
    await lock.end();
  }
  if (options.worker) {
    await boss.work(queues.auditAnchor, { pollingIntervalSeconds: 1 }, async () => {
      const anchor = await createAnchor(db, options.processName);
      options.logger.info({ anchor: anchor.id, chains: anchor.chainCount }, 'audit anchor written');
    });
    await boss.work(queues.sessionCleanup, async () => {
      await deleteExpiredSessions(db);
    });
    await boss.schedule(queues.auditAnchor, '*/15 * * * *');
    await boss.schedule(queues.sessionCleanup, '17 * * * *');
    // Daily early-warning digest e-mails, 07:30 Asia/Ho_Chi_Minh.
    await registerNotificationJobs(boss, db, options.logger);
  }
  return {
    send: (name, data = {}) => boss.send(name, data),
    stop: () => boss.stop({ graceful: true, wait: true, timeout: 5000 }),
  };
}
