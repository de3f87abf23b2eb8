import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { DomainError } from '@motcua/domain';
import type { Db } from '../platform/db';
import { idParams, ifMatchHeader, problems, requireIfMatch, typed, etagOf } from '../platform/http';
import * as rateLimit from '../platform/rateLimit';
import { loadConfig } from '../platform/config';
import { calendarCacheFor } from '../calendar/cache';
import {
  actionBody,
  actionResult,
  assigneeList,
  dossierPage,
  dossierView,
  listQuery,
  myDossierList,
  publicCheckQuery,
  publicCodeParams,
  publicView,
  ratingBody,
  ratingResult,
  receiveBody,
  submitBody,
  type DossierView,
} from '@motcua/domain/schemas/dossiers';
import { act, type ActionDeps } from './actions';
import { publicLookupJson, rate } from './public';
import { assigneesOf, getDossier, listDossiers, myDossiers } from './queries';
import { receive, submitOnline } from './reception';
import { recomputeBody, recomputeDue } from './recompute';
import { LogCache } from './logCache';
import { readBatcher, writeBatcher } from './groupCommit';
import { minimalOf } from './view';
import { builtAnswer } from '../platform/responseSerializer';

const tags = ['Hồ sơ (dossiers)'];

// Built field by field by `view.ts` (detailOf, minimalOf): written without the schema's copy in production.
builtAnswer(dossierView, actionResult);

const idempotencyKey = z.uuid({ message: 'Idempotency-Key phải là UUID (mã thao tác).' });
const keyHeaders = z.object({ 'idempotency-key': z.string().optional() });

function actionIdOf(header: unknown): string {
  const key = idempotencyKey.safeParse(header);
  if (!key.success)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'headers.idempotency-key', message: 'Cần header Idempotency-Key là UUID (mã thao tác).' },
    ]);
  return key.data;
}

export async function dossierRoutes(app: FastifyInstance, opts: { db: Db; resultFile?: ActionDeps['resultFile'] }) {
  const r = typed(app);
  const cache = calendarCacheFor(opts.db);
  const deps: ActionDeps = {
    cache,
    logs: new LogCache(),
    writes: writeBatcher(opts.db),
    reads: readBatcher(opts.db),
    ...(opts.resultFile ? { resultFile: opts.resultFile } : {}),
  };

  // PUBLIC_LOOKUP_LIMIT_PER_MINUTE (default 30); 0 turns the limit off, for benchmarks only.
  const publicLookupsPerMinute = loadConfig().publicLookupsPerMinute;
  async function limitPublic(ip: string, reply: { header(k: string, v: string): unknown }) {
    if (publicLookupsPerMinute === 0) return;
    const limit = await rateLimit.hit(opts.db, `dossier-lookup:${ip}`, publicLookupsPerMinute, 60);
    if (!limit.allowed) {
      reply.header('retry-after', String(limit.retryAfterSeconds));
      throw new DomainError('RATE_LIMITED');
    }
  }

  r.post('/api/v1/dossiers', {
    schema: {
      tags,
      summary: 'Tiếp nhận hồ sơ trực tiếp hoặc qua bưu chính (Idempotency-Key = mã thao tác, UUID)',
      headers: keyHeaders,
      body: receiveBody,
      response: { 200: dossierView, 201: dossierView, ...problems(400, 401, 403, 404, 409, 422) },
    },
    handler: async (req, reply) => {
      const result = await receive(req.ctx, cache, actionIdOf(req.headers['idempotency-key']), req.body);
      // A new dossier is answered from its own transaction; a replay reads the first one back.
      const d = (result as { view?: DossierView }).view ?? (await getDossier(req.ctx, result.id));
      return reply
        .status(result.created ? 201 : 200)
        .header('etag', etagOf(d))
        .send(d);
    },
  });

  r.get('/api/v1/dossiers', {
    schema: {
      tags,
      summary: 'Danh sách hồ sơ: hàng đợi của tôi, hồ sơ của đơn vị, tìm kiếm, cảnh báo sắp đến hạn',
      querystring: listQuery,
      response: {
        200: dossierPage,
        ...problems(400, 401, 403, 404),
      },
    },
    handler: async (req) => listDossiers(req.ctx, req.query),
  });

  r.get('/api/v1/dossiers/:id', {
    schema: {
      tags,
      summary: 'Chi tiết hồ sơ: trạng thái, thời hạn, nhật ký thao tác, các thao tác được phép',
      params: idParams,
      response: { 200: dossierView, ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => {
      const d = await getDossier(req.ctx, req.params.id);
      return reply.header('etag', etagOf(d)).send(d);
    },
  });

  r.post('/api/v1/dossiers/recompute-due', {
    schema: {
      tags,
      summary: 'Tính lại hạn trả của hồ sơ đang giải quyết sau khi sửa lịch làm việc (mặc định chạy thử)',
      body: recomputeBody,
      response: {
        200: z.object({
          dryRun: z.boolean(),
          checked: z.number(),
          changed: z.array(
            z.object({
              id: z.string(),
              code: z.string().nullable(),
              from: z.string().nullable(),
              to: z.string().nullable(),
            }),
          ),
        }),
        ...problems(400, 401, 403),
      },
    },
    handler: async (req) => recomputeDue(req.ctx, cache, req.body),
  });

  r.get('/api/v1/dossiers/:id/assignees', {
    schema: {
      tags,
      summary: 'Cán bộ có thể được giao xử lý hồ sơ tại đơn vị của hồ sơ',
      params: idParams,
      response: {
        200: assigneeList,
        ...problems(401, 403, 404),
      },
    },
    handler: async (req) => assigneesOf(req.ctx, req.params.id),
  });

  r.post('/api/v1/dossiers/:id/actions', {
    schema: {
      tags,
      summary: 'Thực hiện một thao tác trên hồ sơ (If-Match = phiên bản đã xem, Idempotency-Key = mã thao tác)',
      params: idParams,
      headers: ifMatchHeader.extend(keyHeaders.shape).extend({ prefer: z.string().optional() }),
      body: actionBody,
      response: { 200: actionResult, ...problems(400, 401, 403, 404, 409, 412, 422, 428) },
    },
    handler: async (req, reply) => {
      const version = requireIfMatch(req.headers['if-match']);
      const key = actionIdOf(req.headers['idempotency-key']);
      // RFC 7240: a client that only needs the new version (a scanner, a bulk tool) skips the detail parts.
      const wantsMinimal = /\breturn=minimal\b/.test(String(req.headers.prefer ?? ''));
      const done = await act(req.ctx, deps, req.params.id, version, key, req.body, { view: !wantsMinimal });
      // The detail comes from the transaction itself. Without one, a new state means the viewer no longer sees the
      // dossier (a coordinating body that returned its result) or asked for less: the minimal answer.
      if (done.view) return reply.header('etag', etagOf(done.view)).send(done.view);
      if (done.state)
        return reply
          .status(200)
          .header('etag', `"${done.version}"`)
          .header('preference-applied', 'return=minimal')
          .send(minimalOf(done.id, done.version!, done.state) as never);
      const d = await getDossier(req.ctx, req.params.id);
      return reply.header('etag', etagOf(d)).send(d);
    },
  });

  r.post('/api/v1/me/dossiers', {
    schema: {
      tags,
      summary: 'Công dân nộp hồ sơ trực tuyến (Idempotency-Key = mã thao tác, UUID)',
      headers: keyHeaders,
      body: submitBody,
      response: { 200: dossierView, 201: dossierView, ...problems(400, 401, 403, 404, 422) },
    },
    handler: async (req, reply) => {
      const result = await submitOnline(req.ctx, cache, actionIdOf(req.headers['idempotency-key']), req.body);
      const d = await getDossier(req.ctx, result.id);
      return reply
        .status(result.created ? 201 : 200)
        .header('etag', etagOf(d))
        .send(d);
    },
  });

  r.get('/api/v1/me/dossiers', {
    schema: {
      tags,
      summary: 'Hồ sơ tôi đã nộp trực tuyến',
      response: { 200: myDossierList, ...problems(401) },
    },
    handler: async (req) => myDossiers(req.ctx),
  });

  r.get('/api/v1/public/dossiers/:code', {
    config: { public: true },
    schema: {
      tags,
      security: [],
      summary: 'Tra cứu hồ sơ công khai: mã hồ sơ và 4 số cuối điện thoại hoặc số định danh',
      params: publicCodeParams,
      querystring: publicCheckQuery,
      response: { 200: publicView, ...problems(404, 429) },
    },
    handler: async (req, reply) => {
      await limitPublic(req.ip, reply);
      // Already serialised by the response schema (and cached per code and version): sent as it is.
      const json = await publicLookupJson(opts.db, req.params.code, req.query.check);
      return reply.type('application/json; charset=utf-8').send(json as never);
    },
  });

  r.post('/api/v1/public/dossiers/:code/rating', {
    config: { public: true },
    schema: {
      tags,
      security: [],
      summary: 'Đánh giá mức độ hài lòng (một lần cho mỗi hồ sơ đã trả kết quả)',
      params: publicCodeParams,
      querystring: publicCheckQuery,
      body: ratingBody,
      response: { 201: ratingResult, ...problems(400, 404, 409, 429) },
    },
    handler: async (req, reply) => {
      await limitPublic(req.ip, reply);
      return reply.status(201).send(await rate(opts.db, req.params.code, req.query.check, req.body));
    },
  });
}
