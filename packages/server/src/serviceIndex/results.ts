/**
 * Frozen ("chốt") service-index results (service-index-766 §6: historical results are immutable; a recomputation
 * is a new version with a reason; docs/service-index.md, "Frozen results"). Freezing stores the answer of
 * GET /api/v1/service-index for a finished period, a root unit and a tree date as the next version of
 * (root, period), in `service_index_result` (migration 015, append-only). Freezes of the same (root, period) are
 * serialised by a transaction-scoped advisory lock (the unique (root, period, version) is the backstop), so two
 * at once give versions 1 and 2, never two 1s; every freeze is audited in the same transaction.
 */
import type { z } from 'zod';
import { DomainError } from '@motcua/domain';
import type { KeyedPeriod } from '@motcua/domain/index766/index';
import { isValidLocalDate } from '@motcua/domain/calendar/index';
import type { RequestContext } from '../platform/context';
import { transactionRetryingDeadlocks } from '../platform/db';
import { digest } from '../platform/canonicalJson';
import { recordAudit } from '../audit/service';
import { requireOnUnitOr404 } from '../access/guard';
import { localDateText } from '../forms/format';
import { defaultRoot, indexTable, periodOf } from './service';
import { indexTableView, type FreezeRequest } from '@motcua/domain/schemas/serviceIndex';
import * as store from './resultsStore';

const ENTITY = 'service_index_result';

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

function versionView(r: store.VersionRow) {
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
        message: `${p.labelVi} chưa kết thúc (đến hết ngày ${localDateText(p.to)}): chưa chốt được kết quả.`,
      },
    ]);
  const asOf = body.asOf ?? ctx.today;
  if (!isValidLocalDate(asOf))
    throw new DomainError('VALIDATION_FAILED', [{ field: 'body.asOf', message: 'Ngày không hợp lệ (YYYY-MM-DD).' }]);
  const reason = normaliseReason(body.reason);
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
  requireReason(await store.lastVersion(ctx.db, rootId, p.key));
  // The live table (it refreshes the rollups first), exactly as GET answers it; computed before the transaction so a
  // freeze waiting for the lock holds one connection only.
  const payload = indexTableView.parse(await indexTable(ctx, { period: p.key, unitId: rootId, asOf }, now));
  return transactionRetryingDeadlocks(ctx.db, async (trx) => {
    await store.lockPeriod(trx, rootId, p.key);
    const last = await store.lastVersion(trx, rootId, p.key);
    requireReason(last);
    const version = (last?.version ?? 0) + 1;
    const row = await store.insertVersion(trx, {
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
    });
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
  const rows = await store.versionsOf(ctx.db, rootId, p.key);
  return { unitId: rootId, period: periodRef(p, Date.now()), versions: rows.map(versionView) };
}

/** One frozen version with its payload (404 when there is no such version). */
export async function readResult(
  ctx: RequestContext,
  version: number,
  q: { period?: string | undefined; unitId?: string | undefined },
) {
  const { rootId, p } = await readScope(ctx, q);
  const row = await store.versionWithPayload(ctx.db, rootId, p.key, version);
  if (!row) throw new DomainError('NOT_FOUND');
  return {
    unitId: rootId,
    period: periodRef(p, Date.now()),
    ...versionView(row),
    payload: row.payload as unknown as z.infer<typeof indexTableView>,
  };
}
