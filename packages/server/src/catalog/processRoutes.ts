import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  approveInternalProcessBody,
  asOfQuery,
  createInternalProcessBody,
  createSimplificationBody,
  internalProcess,
  missingProcessReport,
  pageOf,
  procedureCodeParams,
  simplificationListQuery,
  simplificationPlan,
  simplificationSummary,
  simplificationSummaryQuery,
  simplificationTransitionBody,
  updateInternalProcessBody,
  updateSimplificationBody,
  uuid,
} from '@motcua/domain';
import { idParams, problems, requireIfMatch, typed, etagOf, ifMatchHeader } from '../platform/http';
import * as processes from './processes';
import * as plans from './simplification';

const tags = ['Quy trình nội bộ, đơn giản hóa (catalog)'];

export async function processRoutes(app: FastifyInstance) {
  const r = typed(app);
  r.get('/api/v1/procedures/:code/internal-processes', {
    schema: {
      tags,
      summary: 'Quy trình nội bộ của thủ tục (công khai), lọc theo đơn vị',
      security: [],
      params: procedureCodeParams,
      querystring: z.strictObject({ unitId: uuid.optional() }),
      response: { 200: z.object({ items: z.array(internalProcess) }), ...problems(400, 404) },
    },
    handler: (req) => processes.listInternalProcesses(req.ctx, req.params.code, req.query.unitId),
  });
  r.post('/api/v1/procedures/:code/internal-processes', {
    schema: {
      tags,
      summary: 'Dự thảo quy trình nội bộ cho một phiên bản thủ tục tại một đơn vị (kiểm tra tổng thời gian các bước)',
      params: procedureCodeParams,
      body: createInternalProcessBody,
      response: { 201: internalProcess, ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await processes.createInternalProcess(req.ctx, req.params.code, req.body)),
  });
  r.get('/api/v1/internal-processes/:id', {
    schema: {
      tags,
      summary: 'Chi tiết quy trình nội bộ (công khai)',
      security: [],
      params: idParams,
      response: { 200: internalProcess, ...problems(400, 404) },
    },
    handler: async (req, reply) => {
      const p = await processes.getInternalProcess(req.ctx, req.params.id);
      return reply.header('etag', etagOf(p)).send(p);
    },
  });
  r.patch('/api/v1/internal-processes/:id', {
    schema: {
      tags,
      summary: 'Sửa dự thảo quy trình nội bộ (If-Match)',
      params: idParams,
      headers: ifMatchHeader,
      body: updateInternalProcessBody,
      response: { 200: internalProcess, ...problems(400, 401, 403, 404, 409, 412, 428) },
    },
    handler: async (req, reply) => {
      const p = await processes.updateInternalProcess(
        req.ctx,
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply.header('etag', etagOf(p)).send(p);
    },
  });
  r.post('/api/v1/internal-processes/:id/approve', {
    schema: {
      tags,
      summary: 'Phê duyệt quy trình nội bộ (If-Match); quy trình đã duyệt trước đó hết hiệu lực',
      params: idParams,
      headers: ifMatchHeader,
      body: approveInternalProcessBody,
      response: { 200: internalProcess, ...problems(400, 401, 403, 404, 409, 412, 428) },
    },
    handler: async (req, reply) => {
      const p = await processes.approveInternalProcess(
        req.ctx,
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply.header('etag', etagOf(p)).send(p);
    },
  });
  r.get('/api/v1/units/:id/reports/procedures-without-internal-process', {
    schema: {
      tags,
      summary: 'Thủ tục có hiệu lực hoặc được ủy quyền tại đơn vị nhưng chưa có quy trình nội bộ được phê duyệt',
      params: idParams,
      querystring: asOfQuery,
      response: { 200: missingProcessReport, ...problems(400, 401, 403, 404) },
    },
    handler: (req) => processes.missingProcessReport(req.ctx, req.params.id, req.query.asOf),
  });

  r.get('/api/v1/simplification-plans', {
    schema: {
      tags,
      summary: 'Phương án đơn giản hóa',
      querystring: simplificationListQuery,
      response: { 200: pageOf(simplificationPlan), ...problems(400, 401, 403) },
    },
    handler: (req) => plans.listPlans(req.ctx, req.query),
  });
  r.post('/api/v1/simplification-plans', {
    schema: {
      tags,
      summary:
        'Dự thảo phương án đơn giản hóa (trước/sau: bước, thời gian, giấy tờ, lệ phí, chi phí tuân thủ theo TT 02/2017)',
      body: createSimplificationBody,
      response: { 201: simplificationPlan, ...problems(400, 401, 403) },
    },
    handler: async (req, reply) => reply.status(201).send(await plans.createPlan(req.ctx, req.body)),
  });
  r.get('/api/v1/simplification-plans/:id', {
    schema: {
      tags,
      summary: 'Chi tiết phương án đơn giản hóa',
      params: idParams,
      response: { 200: simplificationPlan, ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      const p = await plans.getPlan(req.ctx, req.params.id);
      return reply.header('etag', etagOf(p)).send(p);
    },
  });
  r.patch('/api/v1/simplification-plans/:id', {
    schema: {
      tags,
      summary: 'Sửa dự thảo phương án (If-Match)',
      params: idParams,
      headers: ifMatchHeader,
      body: updateSimplificationBody,
      response: { 200: simplificationPlan, ...problems(400, 401, 403, 404, 409, 412, 428) },
    },
    handler: async (req, reply) => {
      const p = await plans.updatePlan(req.ctx, req.params.id, requireIfMatch(req.headers['if-match']), req.body);
      return reply.header('etag', etagOf(p)).send(p);
    },
  });
  r.post('/api/v1/simplification-plans/:id/transitions', {
    schema: {
      tags,
      summary: 'Chuyển trạng thái phương án: DRAFT → PROPOSED → APPROVED | REJECTED, APPROVED → IMPLEMENTED (If-Match)',
      params: idParams,
      headers: ifMatchHeader,
      body: simplificationTransitionBody,
      response: { 200: simplificationPlan, ...problems(400, 401, 403, 404, 409, 412, 428) },
    },
    handler: async (req, reply) => {
      const p = await plans.transitionPlan(req.ctx, req.params.id, requireIfMatch(req.headers['if-match']), req.body);
      return reply.header('etag', etagOf(p)).send(p);
    },
  });
  r.get('/api/v1/units/:id/simplification-summary', {
    schema: {
      tags,
      summary: 'Tổng hợp cắt giảm theo đơn vị và kỳ: “cắt giảm X/Y quy trình nội bộ, Z%”, chi phí tuân thủ',
      params: idParams,
      querystring: simplificationSummaryQuery,
      response: { 200: simplificationSummary, ...problems(400, 401, 403, 404) },
    },
    handler: (req) => plans.summary(req.ctx, req.params.id, req.query.from, req.query.to),
  });
}
