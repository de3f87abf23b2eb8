import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { limit, optionalText, pageOf, problem, uuid, type FieldError } from '@motcua/domain';
import { problems, typed } from '../platform/http';
import { sendReportProblem } from '../platform/errors';
import { requireSomewhere } from '../access/guard';
import { actorOf } from '../catalog/service';
import { recordErrorCodes } from './records';
import { PERMISSION, importBatch, listBatches, type ImportReport } from './service';

const tags = ['Nhập hồ sơ từ hệ thống cũ (dossier import)'];

export interface DossierImportSettings {
  /** Most records in one request (DOSSIER_IMPORT_MAX_RECORDS, default 5,000). */
  maxRecords: number;
  /** Largest request body of the import (DOSSIER_IMPORT_BODY_LIMIT_BYTES, default 32 MiB). */
  bodyLimitBytes: number;
}

const positive = (v: string | undefined, fallback: number) => {
  const n = Math.floor(Number(v));
  return Number.isFinite(n) && n > 0 ? n : fallback;
};

export function importSettingsFrom(env: NodeJS.ProcessEnv = process.env): DossierImportSettings {
  return {
    maxRecords: positive(env.DOSSIER_IMPORT_MAX_RECORDS, 5000),
    bodyLimitBytes: positive(env.DOSSIER_IMPORT_BODY_LIMIT_BYTES, 32 * 1024 * 1024),
  };
}

const recordError = z.object({ field: z.string(), code: z.enum(recordErrorCodes), message: z.string() });
const importReport = z
  .object({
    dryRun: z.boolean(),
    written: z.boolean(),
    batchId: uuid.optional(),
    accepted: z.number().int(),
    rejected: z.number().int(),
    records: z.array(
      z.object({
        index: z.number().int(),
        code: z.string().nullable(),
        status: z.enum(['OK', 'ERROR']),
        unitId: uuid.optional(),
        warnings: z.array(z.string()).optional(),
        errors: z.array(recordError).optional(),
      }),
    ),
  })
  .meta({ id: 'DossierImportReport' });

const batch = z.object({
  id: uuid,
  source: z.string().nullable(),
  recordCount: z.number().int(),
  unitIds: z.array(uuid),
  receivedFrom: z.string().nullable(),
  receivedTo: z.string().nullable(),
  importedBy: uuid.nullable(),
  importedByName: z.string(),
  importedAt: z.string(),
});

/** The per-record errors of a refused batch as the problem's field errors (`body.dossiers.3.MaTTHC`). */
function fieldErrorsOf(report: ImportReport): FieldError[] {
  return report.records
    .flatMap((r) =>
      (r.errors ?? []).map((e) => ({
        field: ['body.dossiers', r.index, e.field].filter((p) => p !== '').join('.'),
        message: e.message,
      })),
    )
    .slice(0, 200);
}

export async function dossierImportRoutes(app: FastifyInstance, opts: Partial<DossierImportSettings> = {}) {
  const settings = { ...importSettingsFrom(), ...opts };
  const r = typed(app);

  r.post('/api/v1/admin/dossier-imports', {
    bodyLimit: settings.bodyLimitBytes,
    // who may import is settled before a large body is read
    onRequest: async (req) => {
      requireSomewhere(req.ctx, PERMISSION);
    },
    schema: {
      tags,
      summary:
        'Nhập lịch sử hồ sơ từ hệ thống cũ (bản ghi đồng bộ Cổng DVCQG): dryRun chỉ kiểm tra và báo cáo từng bản ghi; ghi là tất cả hoặc không',
      body: z.strictObject({
        dryRun: z.boolean().default(false),
        source: optionalText(200),
        dossiers: z
          .array(z.unknown().meta({ description: 'Bản ghi đồng bộ (§19) kèm MaDonVi và MaTTHC' }), {
            message: 'Danh sách hồ sơ (dossiers) phải là một mảng.',
          })
          .min(1, 'Cần ít nhất một hồ sơ.')
          .max(settings.maxRecords, `Tối đa ${settings.maxRecords} hồ sơ mỗi yêu cầu; hãy chia thành nhiều lô.`),
      }),
      response: {
        200: importReport,
        ...problems(400, 401, 403, 413, 415),
        422: problem.extend({ report: importReport }),
      },
    },
    handler: async (req, reply) => {
      const ctx = req.ctx;
      const actor = requireSomewhere(ctx, PERMISSION);
      const report = await importBatch(ctx.db, req.body.dossiers, {
        dryRun: req.body.dryRun,
        source: req.body.source ?? null,
        actor: actorOf(ctx),
        scope: actor,
        requestId: ctx.requestId,
      });
      if (!report.dryRun && !report.written)
        return sendReportProblem(
          reply,
          req,
          'IMPORT_REJECTED',
          { errors: fieldErrorsOf(report), report },
          `Lô hồ sơ bị từ chối: ${report.rejected}/${report.records.length} bản ghi không hợp lệ; không ghi bản ghi nào.`,
        );
      return report;
    },
  });

  r.get('/api/v1/admin/dossier-imports', {
    schema: {
      tags,
      summary: 'Các lô hồ sơ đã nhập từ hệ thống cũ, mới nhất trước',
      querystring: z.strictObject({ limit: limit.pipe(z.number().max(200)), cursor: z.string().optional() }),
      response: { 200: pageOf(batch), ...problems(400, 401, 403) },
    },
    handler: (req) => listBatches(req.ctx, req.query),
  });
}
