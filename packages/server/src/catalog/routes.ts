import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import multipart from '@fastify/multipart';
import { z } from 'zod';
import {
  DomainError,
  asOfQuery,
  createDelegationBody,
  createProcedureBody,
  delegation,
  errorMessages,
  problem,
  importQuery,
  importReport,
  procedureCodeParams,
  procedureDetail,
  procedureFieldFacets,
  procedureListQuery,
  procedurePage,
  procedureLevel,
  procedureVersionBody,
  procedureVersionInfo,
  updateDelegationBody,
  versionUnitsBody,
  isoDate,
  uuid,
} from '@motcua/domain';
import { idParams, problems, requireIfMatch, typed, etagOf, ifMatchHeader } from '../platform/http';
import { sendProblemDocument, statusOf } from '../platform/errors';
import { requireSomewhere } from '../access/guard';
import * as service from './service';
import { formatOf, importRecords, readImportFile, recordsFromJson, type ImportReport } from './importer';
import { exportUnitCatalogue } from './exporter';
import { processRoutes } from './processRoutes';

const tags = ['Danh mục thủ tục hành chính (catalog)'];
export const IMPORT_BODY_LIMIT = 20 * 1024 * 1024;

/** The import refused as a whole: the problem document carries the per-record report. */
function sendImportProblem(reply: FastifyReply, request: FastifyRequest, report: ImportReport) {
  const code = 'CATALOG_IMPORT_INVALID';
  const detail = `${errorMessages[code].vi} (${report.invalid}/${report.total} bản ghi không hợp lệ)`;
  return sendProblemDocument(
    reply,
    request,
    { code, status: statusOf[code], messages: errorMessages[code], detail },
    { errors: report.records.flatMap((r) => r.errors).slice(0, 200), report },
  );
}

export async function catalogRoutes(app: FastifyInstance) {
  await app.register(multipart, { limits: { fileSize: IMPORT_BODY_LIMIT, files: 1, fields: 10 } });
  const r = typed(app);

  r.get('/api/v1/procedures', {
    schema: {
      tags,
      summary: 'Tra cứu thủ tục (công khai): không dấu, chịu lỗi gõ, lọc theo lĩnh vực, cấp, đơn vị, mức độ trực tuyến',
      security: [],
      querystring: procedureListQuery,
      response: { 200: procedurePage, ...problems(400) },
    },
    handler: (req) => service.searchProcedures(req.ctx, req.query),
  });
  r.get('/api/v1/procedures/fields', {
    schema: {
      tags,
      summary: 'Các lĩnh vực và số thủ tục (công khai)',
      security: [],
      querystring: z.strictObject({
        level: procedureLevel.optional(),
        unitId: uuid.optional(),
        asOf: isoDate.optional(),
      }),
      response: { 200: procedureFieldFacets, ...problems(400) },
    },
    handler: (req) => service.fieldFacets(req.ctx, req.query),
  });
  r.get('/api/v1/procedures/:code', {
    schema: {
      tags,
      summary:
        'Chi tiết thủ tục theo phiên bản có hiệu lực (công khai): giấy tờ, lệ phí, thời hạn, cách thức, mức độ trực tuyến',
      security: [],
      params: procedureCodeParams,
      querystring: asOfQuery,
      response: { 200: procedureDetail, ...problems(400, 404) },
    },
    handler: async (req, reply) => {
      const p = await service.getProcedure(req.ctx, req.params.code, req.query.asOf);
      return reply.header('etag', etagOf(p)).send(p);
    },
  });
  r.get('/api/v1/procedures/:code/versions', {
    schema: {
      tags,
      summary: 'Các phiên bản của thủ tục (công khai)',
      security: [],
      params: procedureCodeParams,
      response: {
        200: z.object({ code: z.string(), version: z.number().int(), items: z.array(procedureVersionInfo) }),
        ...problems(400, 404),
      },
    },
    handler: (req) => service.listVersions(req.ctx, req.params.code),
  });
  r.post('/api/v1/procedures', {
    schema: {
      tags,
      summary: 'Thêm thủ tục với phiên bản đầu tiên',
      body: createProcedureBody,
      response: { 201: procedureDetail, ...problems(400, 401, 403, 409) },
    },
    handler: async (req, reply) => {
      const p = await service.createProcedure(req.ctx, req.body);
      return reply.status(201).header('etag', etagOf(p)).send(p);
    },
  });
  r.post('/api/v1/procedures/:code/versions', {
    schema: {
      tags,
      summary:
        'Phiên bản mới của thủ tục theo quyết định công bố (If-Match); nội dung không đổi thì không tạo phiên bản',
      params: procedureCodeParams,
      headers: ifMatchHeader,
      body: procedureVersionBody,
      response: { 200: procedureDetail, 201: procedureDetail, ...problems(400, 401, 403, 404, 412, 428) },
    },
    handler: async (req, reply) => {
      const result = await service.addVersion(
        req.ctx,
        req.params.code,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply
        .status(result.created ? 201 : 200)
        .header('etag', etagOf(result.procedure))
        .send(result.procedure);
    },
  });
  r.put('/api/v1/procedures/:code/versions/:seq/units', {
    schema: {
      tags,
      summary: 'Đơn vị áp dụng một phiên bản (If-Match)',
      params: z.strictObject({ code: procedureCodeParams.shape.code, seq: z.coerce.number().int().positive() }),
      headers: ifMatchHeader,
      body: versionUnitsBody,
      response: { 200: procedureDetail, ...problems(400, 401, 403, 404, 412, 428) },
    },
    handler: async (req, reply) => {
      const p = await service.setVersionUnits(
        req.ctx,
        req.params.code,
        req.params.seq,
        requireIfMatch(req.headers['if-match']),
        req.body.unitIds,
      );
      return reply.header('etag', etagOf(p)).send(p);
    },
  });

  r.get('/api/v1/procedures/:code/delegations', {
    schema: {
      tags,
      summary: 'Ủy quyền, phân cấp giải quyết thủ tục (công khai)',
      security: [],
      params: procedureCodeParams,
      response: { 200: z.object({ items: z.array(delegation) }), ...problems(400, 404) },
    },
    handler: (req) => service.listDelegations(req.ctx, req.params.code),
  });
  r.post('/api/v1/procedures/:code/delegations', {
    schema: {
      tags,
      summary: 'Ghi nhận ủy quyền / phân cấp thủ tục cho một đơn vị',
      params: procedureCodeParams,
      body: createDelegationBody,
      response: { 201: delegation, ...problems(400, 401, 403, 404) },
    },
    handler: async (req, reply) =>
      reply.status(201).send(await service.createDelegation(req.ctx, req.params.code, req.body)),
  });
  r.patch('/api/v1/procedure-delegations/:id', {
    schema: {
      tags,
      summary: 'Sửa hoặc kết thúc ủy quyền / phân cấp (If-Match)',
      params: idParams,
      headers: ifMatchHeader,
      body: updateDelegationBody,
      response: { 200: delegation, ...problems(400, 401, 403, 404, 412, 428) },
    },
    handler: async (req, reply) => {
      const d = await service.updateDelegation(
        req.ctx,
        req.params.id,
        requireIfMatch(req.headers['if-match']),
        req.body,
      );
      return reply.header('etag', etagOf(d)).send(d);
    },
  });

  r.post('/api/v1/procedures/import', {
    bodyLimit: IMPORT_BODY_LIMIT,
    // who may import is settled before a 20 MB body is read
    onRequest: async (req) => {
      requireSomewhere(req.ctx, 'catalog.write');
    },
    schema: {
      tags,
      summary:
        'Nhập danh mục thủ tục: mảng JSON (application/json) hoặc tệp JSON/CSV/XLSX (multipart/form-data); dryRun=true chỉ kiểm tra; ghi là tất cả hoặc không',
      querystring: importQuery,
      response: {
        200: importReport,
        ...problems(400, 401, 403, 413, 415),
        422: problem.extend({ report: importReport }),
      },
    },
    handler: async (req, reply) => {
      let raw: unknown[];
      if (req.isMultipart()) {
        let file;
        try {
          file = await req.file();
        } catch {
          throw new DomainError('CATALOG_IMPORT_FILE_INVALID', [], 'Không đọc được nội dung multipart/form-data.');
        }
        if (!file)
          throw new DomainError(
            'CATALOG_IMPORT_FILE_INVALID',
            [{ field: 'file', message: 'Thiếu tệp.' }],
            'Cần gửi một tệp trong trường file.',
          );
        let buffer: Buffer;
        try {
          buffer = await file.toBuffer();
        } catch (e) {
          if ((e as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') throw new DomainError('PAYLOAD_TOO_LARGE');
          throw new DomainError('CATALOG_IMPORT_FILE_INVALID', [], 'Không đọc được tệp tải lên.');
        }
        const format = formatOf(file.filename, file.mimetype);
        if (!format)
          throw new DomainError(
            'CATALOG_IMPORT_FILE_INVALID',
            [{ field: 'file', message: 'Chỉ nhận tệp .json, .csv hoặc .xlsx.' }],
            `Định dạng tệp “${file.filename}” không được hỗ trợ.`,
          );
        raw = await readImportFile(buffer, format);
      } else raw = recordsFromJson(req.body);
      const ctx = req.ctx;
      const { report, written } = await ctx.db.transaction().execute((trx) =>
        importRecords(trx, raw, {
          dryRun: req.query.dryRun,
          effectiveFrom: req.query.effectiveFrom ?? ctx.today,
          actor: service.actorOf(ctx),
          requestId: ctx.requestId,
        }),
      );
      if (!req.query.dryRun && !written && report.invalid > 0) return sendImportProblem(reply, req, report);
      return report;
    },
  });

  r.get('/api/v1/units/:id/procedures.xlsx', {
    schema: {
      tags,
      summary: 'Xuất danh mục thủ tục của đơn vị (XLSX, bố cục nhập lại được) (công khai)',
      security: [],
      params: idParams,
      querystring: asOfQuery,
      produces: ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'],
    },
    handler: async (req, reply) => {
      const out = await exportUnitCatalogue(req.ctx, req.params.id, req.query.asOf);
      return reply
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', `attachment; filename="${out.filename}"`)
        .header('x-procedure-count', String(out.count))
        .send(out.buffer);
    },
  });

  await app.register(processRoutes);
}
