/**
 * The signed-in user's in-app notifications (outbox rows with channel IN_APP) and the plugin that wires the
 * notifications into the app: the delivery worker (started with the app, stopped when it closes; it polls
 * only when JOBS_WORKER is on) and these routes.
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { sql } from 'kysely';
import { z } from 'zod';
import { DomainError } from '@motcua/domain';
import type { Config } from '../platform/config';
import type { Db } from '../platform/db';
import { decodeCursor, pageResult } from '../platform/cursor';
import { idParams, problems, typed } from '../platform/http';
import { requireActor } from '../access/guard';
import { configureNotifications } from './settings';
import { startNotificationWorker, type NotificationWorker } from './worker';

declare module 'fastify' {
  interface FastifyInstance {
    /** The notification delivery worker of this app (drain() delivers what is due, e.g. in tests). */
    notifications: NotificationWorker;
  }
}

const tags = ['Thông báo (notifications)'];
const TIMESTAMP = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notificationView = z
  .object({
    id: z.string(),
    topic: z.string(),
    title: z.string(),
    body: z.string(),
    dossierId: z.string().nullable(),
    createdAt: z.string(),
    readAt: z.string().nullable(),
  })
  .meta({ id: 'UserNotification' });

interface InboxRow {
  id: string;
  topic: string;
  title: string;
  body: string;
  dossierId: string | null;
  createdAt: Date;
  readAt: Date | null;
  /** created_at as text, full precision, for the cursor. */
  sortKey: string;
}

const view = (r: InboxRow) => ({
  id: r.id,
  topic: r.topic,
  title: r.title,
  body: r.body,
  dossierId: r.dossierId,
  createdAt: r.createdAt.toISOString(),
  readAt: r.readAt?.toISOString() ?? null,
});

export async function notificationRoutes(app: FastifyInstance, opts: { db: Db }) {
  const r = typed(app);
  const { db } = opts;

  r.get('/api/v1/me/notifications', {
    schema: {
      tags,
      summary: 'Thông báo trong ứng dụng của người đang đăng nhập (mới nhất trước)',
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z.string().max(200).optional(),
        unread: z.enum(['true', 'false']).optional(),
      }),
      response: {
        200: z.object({ items: z.array(notificationView), nextCursor: z.string().nullable(), unreadCount: z.number() }),
        ...problems(400, 401),
      },
    },
    handler: async (req) => {
      const actor = requireActor(req.ctx);
      const after = decodeCursor(req.query.cursor);
      if (after && !(TIMESTAMP.test(after.sortKey) && UUID.test(after.id)))
        throw new DomainError('VALIDATION_FAILED', [
          { field: 'query.cursor', message: 'Con trỏ phân trang không hợp lệ.' },
        ]);
      const unreadOnly = req.query.unread === 'true';
      const rows = (
        await sql<InboxRow>`
          SELECT id, topic, subject AS title, body, dossier_id AS "dossierId", created_at AS "createdAt",
            read_at AS "readAt", created_at::text AS "sortKey"
          FROM notification_outbox
          WHERE channel = 'IN_APP' AND recipient_user_id = ${actor.userId}::uuid
            ${unreadOnly ? sql`AND read_at IS NULL` : sql``}
            ${after ? sql`AND (created_at, id) < (${after.sortKey}::timestamptz, ${after.id}::uuid)` : sql``}
          ORDER BY created_at DESC, id DESC
          LIMIT ${req.query.limit + 1}`.execute(db)
      ).rows;
      const unread = await sql<{ n: number }>`
        SELECT count(*)::int AS n FROM notification_outbox
        WHERE channel = 'IN_APP' AND recipient_user_id = ${actor.userId}::uuid AND read_at IS NULL`.execute(db);
      const page = pageResult(rows, req.query.limit, (row) => row.sortKey);
      return { items: page.items.map(view), nextCursor: page.nextCursor, unreadCount: unread.rows[0]!.n };
    },
  });

  r.post('/api/v1/me/notifications/:id/read', {
    schema: {
      tags,
      summary: 'Đánh dấu đã đọc một thông báo (lần đọc đầu tiên được giữ)',
      params: idParams,
      response: { 200: notificationView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => {
      const actor = requireActor(req.ctx);
      const row = (
        await sql<InboxRow>`
          UPDATE notification_outbox SET read_at = coalesce(read_at, now())
          WHERE id = ${req.params.id}::uuid AND channel = 'IN_APP' AND recipient_user_id = ${actor.userId}::uuid
          RETURNING id, topic, subject AS title, body, dossier_id AS "dossierId", created_at AS "createdAt",
            read_at AS "readAt", created_at::text AS "sortKey"`.execute(db)
      ).rows[0];
      if (!row) throw new DomainError('NOT_FOUND');
      return view(row);
    },
  });

  r.post('/api/v1/me/notifications/read-all', {
    schema: {
      tags,
      summary: 'Đánh dấu đã đọc mọi thông báo',
      response: { 200: z.object({ updated: z.number() }), ...problems(401, 403) },
    },
    handler: async (req) => {
      const actor = requireActor(req.ctx);
      const r = await sql`UPDATE notification_outbox SET read_at = now()
        WHERE channel = 'IN_APP' AND recipient_user_id = ${actor.userId}::uuid AND read_at IS NULL`.execute(db);
      return { updated: Number(r.numAffectedRows ?? 0) };
    },
  });
}

/** One registration in app.ts: settings, the worker and its shutdown, the routes. */
export const notificationsPlugin = fp(
  async (app: FastifyInstance, opts: { db: Db; config: Config }) => {
    // Links and the topic → channels table for everything this process queues.
    configureNotifications(opts.config);
    const worker = startNotificationWorker({ db: opts.db, config: opts.config, logger: app.log });
    app.decorate('notifications', worker);
    app.addHook('onClose', async () => worker.stop());
    await app.register(notificationRoutes, { db: opts.db });
  },
  { name: 'motcua-notifications' },
);
