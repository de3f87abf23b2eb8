/**
 * Frozen ("chốt") service-index results (service-index-766 §6: historical results are immutable; a recomputation
 * is a new version with a reason; docs/service-index.md, "Frozen results"). Freezing stores the answer of
 * GET /api/v1/service-index for a finished period, a root unit and a tree date as the next version of
 * (root, period), in `service_index_result` (migration 015, append-only). Freezes of the same (root, period) are
 * serialised by a transaction-scoped advisory lock (the unique (root, period, version) is the backstop), so two
 * at once give versions 1 and 2, never two 1s; every freeze is audited in the same transaction.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { sql, type ColumnType, type Generated } from 'kysely';
import { DomainError, scopesFor } from '@motcua/domain';
import type { KeyedPeriod } from '@motcua/domain/index766/index';
import { isValidLocalDate } from '@motcua/domain/calendar/index';
import type { RequestContext } from '../platform/context';
import { transactionRetryingDeadlocks, type Db } from '../platform/db';
import { problems, typed } from '../platform/http';
import { digest } from '../platform/canonicalJson';
import { recordAudit } from '../audit/service';
import { requireOnUnitOr404, requireSomewhere } from '../access/guard';
import { indexTable, periodOf } from './service';
import { indexTableView } from './schemas';
import {
  freezeRequestSchema,
  frozenCreatedView,
  frozenListView,
  frozenResultView,
  resultsQuerySchema,
  versionParamsSchema,
  type FreezeRequest,
} from './resultsSchemas';

export interface ServiceIndexResultTable {
  id: Generated<number>;
  root_unit_id: string;
  period_key: string;
  as_of: string;
  version: number;
  reason: string | null;
  created_by: string | null;
  created_by_name: string;
  created_at: Generated<Date>;
  measured_at: Date;
  payload: ColumnType<Record<string, unknown>, string, never>;
  digest: string;
}

declare module '../platform/schema' {
  interface Database {
    service_index_result: ServiceIndexResultTable;
  }
}

const ENTITY = 'service_index_result';
/** Key space of the advisory lock (two-int form, apart from the single-bigint locks of the other jobs). */
const LOCK_SPACE = 'motcua.service_index_result';

type Permission = 'reports.read' | 'serviceIndex.freeze';

/** The actor's widest unit holding the permission (the default root, as the live table does). */
function defaultRoot(ctx: RequestContext, permission: Permission): string {
  const scopes = scopesFor(requireSomewhere(ctx, permission), permission);
  const wide = scopes.find((s) => s.includeSubtree) ?? scopes[0];
  if (!wide) throw new DomainError('FORBIDDEN');
  return wide.unitId;
}

/** Trimmed and NFC-normalised; blank = none. */
export function normaliseReason(reason: string | undefined): string | null {
  const r = reason?.normalize('NFC').trim();
  return r ? r : null;
}

const periodRef = (p: KeyedPeriod, now: number) => ({
  key: p.key,
  labelVi: p.labelVi,
  from: p.from,
  to: p.to,
  live: now < p.end,
});

type Row = Omit<ServiceIndexResultTable, 'id' | 'created_at' | 'payload'> & { created_at: Date };

function versionView(r: Row) {
  return {
    version: r.version,
    reason: r.reason,
    createdBy: { id: r.created_by, name: r.created_by_name },
    createdAt: r.created_at.toISOString(),
    asOf: r.as_of,
    measuredAt: r.measured_at.toISOString(),
    digest: r.digest,
  };
}

const META = [
  'root_unit_id',
  'period_key',
  'as_of',
  'version',
  'reason',
  'created_by',
  'created_by_name',
  'created_at',
  'measured_at',
  'digest',
] as const;

/**
 * Freezes the live figures of a finished period as the next version. Refused: a period in progress (409
 * SERVICE_INDEX_PERIOD_IN_PROGRESS), a new version without a reason (422 SERVICE_INDEX_REASON_REQUIRED); nothing
 * is written then.
 */
export async function freezeResults(ctx: RequestContext, body: FreezeRequest, now = Date.now()) {
  const rootId = body.unitId ?? defaultRoot(ctx, 'serviceIndex.freeze');
  await requireOnUnitOr404(ctx, 'serviceIndex.freeze', rootId);
  const p = periodOf(body.period, now, 'body.period');
  if (now < p.end)
    throw new DomainError('SERVICE_INDEX_PERIOD_IN_PROGRESS', [
      {
        field: 'body.period',
        message: `${p.labelVi} chưa kết thúc (đến hết ngày ${p.to.split('-').reverse().join('/')}): chưa chốt được kết quả.`,
      },
    ]);
  const asOf = body.asOf ?? ctx.today;
  if (!isValidLocalDate(asOf))
    throw new DomainError('VALIDATION_FAILED', [{ field: 'body.asOf', message: 'Ngày không hợp lệ (YYYY-MM-DD).' }]);
  const reason = normaliseReason(body.reason);
  const lastOf = (db: Db) =>
    db
      .selectFrom('service_index_result')
      .select(['version', 'digest', 'as_of'])
      .where('root_unit_id', '=', rootId)
      .where('period_key', '=', p.key)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  const requireReason = (last: { version: number } | undefined) => {
    if (last && !reason)
      throw new DomainError('SERVICE_INDEX_REASON_REQUIRED', [
        {
          field: 'body.reason',
          message: `Đã chốt phiên bản ${last.version}: nhập lý do tính lại để tạo phiên bản ${last.version + 1}.`,
        },
      ]);
  };
  // Refused early, before the table is computed; checked again under the lock.
  requireReason(await lastOf(ctx.db));
  // The live table (it refreshes the rollups first), exactly as GET answers it; computed before the transaction so a
  // freeze waiting for the lock holds one connection only.
  const payload = indexTableView.parse(await indexTable(ctx, { period: p.key, unitId: rootId, asOf }, now));
  return transactionRetryingDeadlocks(ctx.db, async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(hashtext(${LOCK_SPACE}), hashtext(${`${rootId}/${p.key}`}))`.execute(trx);
    const last = await lastOf(trx);
    requireReason(last);
    const version = (last?.version ?? 0) + 1;
    const row = await trx
      .insertInto('service_index_result')
      .values({
        root_unit_id: rootId,
        period_key: p.key,
        as_of: asOf,
        version,
        reason,
        created_by: ctx.actor!.userId,
        created_by_name: ctx.actorName,
        measured_at: new Date(payload.period.measuredAt ?? p.end),
        payload: JSON.stringify(payload),
        digest: digest(payload)!,
      })
      .returning(META)
      .executeTakeFirstOrThrow();
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId: rootId,
      action: 'serviceIndex.results.freeze',
      entityType: ENTITY,
      entityId: `${rootId}/${p.key}`,
      before: last ? { version: last.version, digest: last.digest, asOf: last.as_of } : {},
      after: { version, digest: row.digest, asOf, reason },
      summary:
        `Chốt kết quả chỉ số phục vụ ${p.labelVi}, phiên bản ${version}` +
        (asOf !== ctx.today ? ` (cây đơn vị ngày ${asOf})` : '') +
        (reason ? `: ${reason}` : ''),
      requestId: ctx.requestId,
    });
    return { unitId: rootId, period: periodRef(p, now), ...versionView(row) };
  });
}

async function readScope(ctx: RequestContext, q: { period?: string | undefined; unitId?: string | undefined }) {
  const rootId = q.unitId ?? defaultRoot(ctx, 'reports.read');
  await requireOnUnitOr404(ctx, 'reports.read', rootId);
  return { rootId, p: periodOf(q.period, Date.now()) };
}

/** The versions frozen for a period and root unit, oldest first (empty: nothing frozen yet). */
export async function listResults(
  ctx: RequestContext,
  q: { period?: string | undefined; unitId?: string | undefined },
) {
  const { rootId, p } = await readScope(ctx, q);
  const rows = await ctx.db
    .selectFrom('service_index_result')
    .select(META)
    .where('root_unit_id', '=', rootId)
    .where('period_key', '=', p.key)
    .orderBy('version')
    .execute();
  return { unitId: rootId, period: periodRef(p, Date.now()), versions: rows.map(versionView) };
}

/** One frozen version with its payload (404 when there is no such version). */
export async function readResult(
  ctx: RequestContext,
  version: number,
  q: { period?: string | undefined; unitId?: string | undefined },
) {
  const { rootId, p } = await readScope(ctx, q);
  const row = await ctx.db
    .selectFrom('service_index_result')
    .select([...META, 'payload'])
    .where('root_unit_id', '=', rootId)
    .where('period_key', '=', p.key)
    .where('version', '=', version)
    .executeTakeFirst();
  if (!row) throw new DomainError('NOT_FOUND');
  return {
    unitId: rootId,
    period: periodRef(p, Date.now()),
    ...versionView(row),
    payload: row.payload as unknown as z.infer<typeof indexTableView>,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Routes

const tags = ['Chỉ số phục vụ (Decision 766)'];

export async function resultsRoutes(app: FastifyInstance) {
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
