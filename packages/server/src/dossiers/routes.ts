import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@motcua/domain';
import type { Db } from '../platform/db';
import { idParams, problems, typed, etagOf } from '../platform/http';
import * as rateLimit from '../platform/rateLimit';
import { calendarCacheFor } from '../calendar/cache';
import * as service from './service';

const tags = ['Hồ sơ (dossiers)'];
const PUBLIC_LOOKUPS_PER_MINUTE = 30;

const dossierView = z.object({
  id: z.string(),
  code: z.string(),
  unitId: z.string(),
  procedureCode: z.string(),
  channel: z.string(),
  statusCode: z.number(),
  statusName: z.string(),
  applicant: z.object({ name: z.string(), phone: z.string().nullable() }),
  receivedAt: z.string().nullable(),
  dueAt: z.string().nullable(),
  version: z.number(),
  state: z.record(z.string(), z.unknown()),
});

const publicView = z.object({
  code: z.string(),
  procedureCode: z.string(),
  state: z.string(),
  statusCode: z.number(),
  statusName: z.string(),
  receivedAt: z.string().nullable(),
  appointmentAt: z.string().nullable(),
  timeline: z.array(z.object({ type: z.string(), at: z.string() })),
});

const idempotencyKey = z.uuid({ message: 'Idempotency-Key phải là UUID (mã thao tác).' });

export async function dossierRoutes(app: FastifyInstance, opts: { db: Db }) {
  const r = typed(app);
  const cache = calendarCacheFor(opts.db);

  r.post('/api/v1/dossiers', {
    schema: {
      tags,
      summary: 'Tiếp nhận hồ sơ tại Bộ phận Một cửa (cần Idempotency-Key = mã thao tác, UUID)',
      headers: z.object({ 'idempotency-key': z.string().optional() }),
      body: service.receiveBody,
      response: { 200: dossierView, 201: dossierView, ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => {
      const key = idempotencyKey.safeParse(req.headers['idempotency-key']);
      if (!key.success)
        throw new DomainError('VALIDATION_FAILED', [
          { field: 'headers.idempotency-key', message: 'Cần header Idempotency-Key là UUID (mã thao tác).' },
        ]);
      const result = await service.receive(req.ctx, cache, key.data, req.body);
      return reply
        .status(result.created ? 201 : 200)
        .header('etag', etagOf(result.dossier))
        .send(result.dossier);
    },
  });

  r.get('/api/v1/dossiers/:id', {
    schema: {
      tags,
      summary: 'Chi tiết hồ sơ (đơn vị của người xem)',
      params: idParams,
      response: { 200: dossierView, ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => {
      const d = await service.getDossier(req.ctx, req.params.id);
      return reply.header('etag', etagOf(d)).send(d);
    },
  });

  r.get('/api/v1/public/dossiers/:code', {
    schema: {
      tags,
      security: [],
      summary: 'Tra cứu hồ sơ công khai: mã hồ sơ và 4 số cuối điện thoại hoặc số định danh',
      params: z.object({ code: z.string().max(60) }),
      querystring: z.object({ check: z.string().max(20).default('') }),
      response: { 200: publicView, ...problems(404, 429) },
    },
    handler: async (req, reply) => {
      const limit = await rateLimit.hit(opts.db, `dossier-lookup:${req.ip}`, PUBLIC_LOOKUPS_PER_MINUTE, 60);
      if (!limit.allowed) {
        reply.header('retry-after', String(limit.retryAfterSeconds));
        throw new DomainError('RATE_LIMITED');
      }
      return service.publicLookup(opts.db, req.params.code, req.query.check);
    },
  });
}
