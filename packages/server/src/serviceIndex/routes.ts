import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import { indexRequestSchema } from '@motcua/domain/index766/index';
import { problems, typed } from '../platform/http';
import type { Db } from '../platform/db';
import { startIndexRefresher } from './refresher';
import { bieu06Form } from '../stats/bieu06Export';
import { downloadDisposition, statPdf, statWorkbook, XLSX_TYPE } from '../stats/layout';
import {
  dashboardView,
  evaluateView,
  freezeRequestSchema,
  frozenCreatedView,
  frozenListView,
  frozenResultView,
  indexTableView,
  lostPointsView,
  publicIndexView,
  resultsQuerySchema,
  unitIndexView,
  versionParamsSchema,
} from '@motcua/domain/schemas/serviceIndex';
import { settingsRoutes } from './settings';
import { freezeResults, listResults, readResult } from './results';
import { bieu06Report, dashboard, evaluate, indexTable, lostPoints, publicIndex, unitIndex } from './service';

const tags = ['Chỉ số phục vụ (Decision 766)'];
const period = z.string().max(10, { message: 'Kỳ có dạng YYYY-MM, YYYY-Qn, YYYY-Hn hoặc YYYY.' }).optional();
const unitId = z.uuid({ message: 'Mã đơn vị không hợp lệ (UUID).' });
const asOf = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày có dạng YYYY-MM-DD.' })
  .optional();
const unitParams = z.strictObject({ unitId });

export async function serviceIndexRoutes(app: FastifyInstance, opts: { db?: Db; background?: boolean } = {}) {
  const r = typed(app);
  if (opts.background && opts.db) {
    const refresher = startIndexRefresher(opts.db, app.log);
    app.addHook('onClose', async () => refresher.stop());
  }

  await settingsRoutes(app);
  await resultsRoutes(app);

  r.get('/api/v1/service-index', {
    schema: {
      tags,
      summary:
        'Chỉ số phục vụ của đơn vị và các đơn vị trực thuộc trong kỳ, xếp hạng trong nhóm cùng cấp, thay đổi so với kỳ trước (tính trực tiếp từ hồ sơ)',
      querystring: z.strictObject({ period, unitId: unitId.optional(), asOf }),
      response: { 200: indexTableView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => indexTable(req.ctx, req.query),
  });

  r.get('/api/v1/service-index/units/:unitId', {
    schema: {
      tags,
      summary:
        'Chỉ số của một đơn vị: nhóm, từng chỉ tiêu (tử số, mẫu số, lý do không tính được) và xu hướng 6 kỳ; hoặc một kỳ tùy chọn from–to (ngày)',
      params: unitParams,
      querystring: z.strictObject({
        period,
        asOf,
        from: z.string().max(10).optional(),
        to: z.string().max(10).optional(),
      }),
      response: { 200: unitIndexView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => unitIndex(req.ctx, req.params.unitId, req.query),
  });

  r.get('/api/v1/service-index/units/:unitId/lost-points', {
    schema: {
      tags,
      summary:
        'Các hồ sơ làm mất điểm của một chỉ tiêu, với lý do, số điểm, thời gian trễ và người, bước chịu trách nhiệm',
      params: unitParams,
      querystring: z.strictObject({
        period,
        indicator: z.string().max(60).optional(),
        limit: z.coerce.number().int().min(1).max(500).default(50),
        cursor: z.string().max(40).optional(),
      }),
      response: { 200: lostPointsView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => lostPoints(req.ctx, req.params.unitId, req.query),
  });

  r.get('/api/v1/service-index/dashboard', {
    schema: {
      tags,
      summary:
        'Dữ liệu bảng điều khiển: xu hướng chỉ số, điểm theo nhóm, tỷ lệ đúng hạn theo lĩnh vực, kênh tiếp nhận, bản đồ nhiệt quá hạn, thủ tục trễ nhiều nhất',
      querystring: z.strictObject({ unitId: unitId.optional(), period }),
      response: { 200: dashboardView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => dashboard(req.ctx, req.query),
  });

  r.get('/api/v1/public/service-index', {
    schema: {
      tags,
      summary:
        'Công khai: chỉ số và tỷ lệ đúng hạn của từng đơn vị trong kỳ và kỳ trước, thứ hạng (không cần đăng nhập; chỉ số liệu tổng hợp)',
      querystring: z.strictObject({ period }),
      response: { 200: publicIndexView, ...problems(400, 404) },
    },
    config: { public: true },
    handler: async (req, reply) => {
      reply.header('cache-control', 'public, max-age=60');
      return publicIndex(req.ctx.db, req.query, req.ctx.today);
    },
  });

  r.post('/api/v1/service-index/evaluate', {
    schema: {
      tags,
      summary:
        'Đối chiếu, giả định: tính điểm từ hồ sơ gửi kèm theo dạng đồng bộ Cổng DVCQG, không lưu gì (cán bộ cải cách hành chính, quản trị)',
      body: indexRequestSchema,
      response: { 200: evaluateView, ...problems(400, 401, 403) },
    },
    bodyLimit: 50 * 1024 * 1024,
    handler: async (req) => evaluate(req.ctx, req.body),
  });

  r.get('/api/v1/statistics/bieu06', {
    schema: {
      tags: ['Thống kê (statistics)'],
      summary:
        'Biểu 06/VPCP/KSTT: tình hình, kết quả giải quyết TTHC theo lĩnh vực và theo cấp (JSON, XLSX hoặc PDF), tính trực tiếp từ hồ sơ',
      querystring: z.strictObject({
        unitId,
        period,
        format: z.enum(['json', 'xlsx', 'pdf'], { message: 'Định dạng phải là json, xlsx hoặc pdf.' }).default('json'),
      }),
      produces: ['application/json', XLSX_TYPE, 'application/pdf'],
      response: problems(400, 401, 403, 404),
    },
    handler: async (req, typedReply) => {
      // JSON or a file: the body is not one schema.
      const reply = typedReply as FastifyReply;
      const { report, unit, period: p } = await bieu06Report(req.ctx, req.query.unitId, req.query.period);
      reply.header('cache-control', 'private, no-store');
      if (req.query.format === 'json')
        return reply.send({ ...report, unit, period: { key: p.key, labelVi: p.labelVi, from: p.from, to: p.to } });
      const form = bieu06Form(report, {
        unitName: unit.name,
        periodLabel: p.labelVi,
        fieldNames: {},
        generatedAt: new Date(),
      });
      const pdf = req.query.format === 'pdf';
      return reply
        .type(pdf ? 'application/pdf' : XLSX_TYPE)
        .header(
          'content-disposition',
          downloadDisposition(form.filename, pdf ? 'pdf' : 'xlsx', pdf ? 'inline' : 'attachment'),
        )
        .send(pdf ? await statPdf(form) : await statWorkbook(form));
    },
  });
}

/** Frozen results (results.ts). */
async function resultsRoutes(app: FastifyInstance) {
  const r = typed(app);
  r.post('/api/v1/service-index/results', {
    schema: {
      tags,
      summary:
        'Chốt kết quả chỉ số phục vụ của một kỳ đã kết thúc thành phiên bản mới, không sửa được (phiên bản thứ hai trở đi cần lý do)',
      body: freezeRequestSchema,
      response: { 201: frozenCreatedView, ...problems(400, 401, 403, 404, 409, 422) },
    },
    handler: async (req, reply) => {
      const result = await freezeResults(req.ctx, req.body);
      return reply
        .status(201)
        .header(
          'location',
          `/api/v1/service-index/results/${result.version}?period=${encodeURIComponent(result.period.key)}&unitId=${result.unitId}`,
        )
        .send(result);
    },
  });
  r.get('/api/v1/service-index/results', {
    schema: {
      tags,
      summary: 'Các phiên bản kết quả đã chốt của một kỳ: số phiên bản, lý do, người chốt, thời điểm, mã băm',
      querystring: resultsQuerySchema,
      response: { 200: frozenListView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) => {
      reply.header('cache-control', 'private, no-store');
      return listResults(req.ctx, req.query);
    },
  });
  r.get('/api/v1/service-index/results/:version', {
    schema: {
      tags,
      summary: 'Một phiên bản kết quả đã chốt: bảng xếp hạng đúng như lúc chốt',
      params: versionParamsSchema,
      querystring: resultsQuerySchema,
      response: { 200: frozenResultView, ...problems(400, 401, 403, 404) },
    },
    handler: async (req) => readResult(req.ctx, req.params.version, req.query),
  });
}
