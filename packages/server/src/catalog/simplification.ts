import { sql } from 'kysely';
import {
  DomainError,
  compareComplianceCost,
  percentOf,
  programmeReduction,
  simplificationTransitions,
  type ComplianceCostInput,
  type CreateSimplificationInput,
  type SimplificationStatus,
  type UpdateSimplificationInput,
} from '@motcua/domain';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { recordAudit } from '../audit/service';
import { requireOnUnit, requireOnUnitOr404, requireSomewhere } from '../access/guard';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import { actorOf } from './service';
import * as store from './store';

interface Side {
  steps?: number | null;
  hours?: number | null;
  documents?: number | null;
  feeVnd?: number | null;
  cost: ComplianceCostInput;
}

interface PlanRow {
  id: string;
  unitId: string;
  procedureCode: string;
  procedureId: string;
  internalProcessId: string | null;
  title: string;
  before: Side;
  after: Side;
  annualCostBefore: number;
  annualCostAfter: number;
  status: SimplificationStatus;
  decisionNo: string | null;
  decisionDate: string | null;
  note: string | null;
  version: number;
  createdAt: Date;
}

const planSelect = sql`s.id, s.unit_id AS "unitId", p.code AS "procedureCode", s.procedure_id AS "procedureId",
  s.internal_process_id AS "internalProcessId", s.title, s.before, s.after, s.annual_cost_before AS "annualCostBefore",
  s.annual_cost_after AS "annualCostAfter", s.status, s.decision_no AS "decisionNo", s.decision_date AS "decisionDate",
  s.note, s.version, s.created_at AS "createdAt"`;

async function findPlan(db: Db, id: string, lock = false): Promise<PlanRow | undefined> {
  const r = await sql<PlanRow>`SELECT ${planSelect} FROM simplification_plan s JOIN procedure p ON p.id = s.procedure_id
    WHERE s.id = ${id}::uuid ${lock ? sql`FOR UPDATE OF s` : sql``}`.execute(db);
  return r.rows[0];
}

function view(p: PlanRow) {
  const { procedureId: _p, createdAt: _c, ...rest } = p;
  const saving = p.annualCostBefore - p.annualCostAfter;
  return { ...rest, saving, reductionRate: percentOf(saving, p.annualCostBefore) };
}

function costs(before: Side, after: Side) {
  try {
    return compareComplianceCost(before.cost, after.cost);
  } catch (e) {
    throw new DomainError('VALIDATION_FAILED', [{ field: 'body.before.cost', message: (e as Error).message }]);
  }
}

/** Before-values of steps and hours default to the internal process the plan is about. */
async function withProcessDefaults(
  db: Db,
  internalProcessId: string | null | undefined,
  procedureId: string,
  unitId: string,
  before: Side,
) {
  if (!internalProcessId) return before;
  const ip = await sql<{ steps: unknown[]; totalHours: number; procedureId: string; unitId: string }>`
    SELECT ip.steps, ip.total_hours AS "totalHours", v.procedure_id AS "procedureId", ip.unit_id AS "unitId"
    FROM internal_process ip JOIN procedure_version v ON v.id = ip.procedure_version_id WHERE ip.id = ${internalProcessId}::uuid`.execute(
    db,
  );
  const row = ip.rows[0];
  if (!row || row.procedureId !== procedureId || row.unitId !== unitId)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'body.internalProcessId', message: 'Quy trình nội bộ không thuộc thủ tục và đơn vị này.' },
    ]);
  return { ...before, steps: before.steps ?? row.steps.length, hours: before.hours ?? row.totalHours };
}

export async function createPlan(ctx: RequestContext, input: CreateSimplificationInput) {
  await requireOnUnit(ctx, 'simplification.write', input.unitId);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await store.findProcedure(trx, input.procedureCode);
    if (!p)
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'body.procedureCode', message: 'Thủ tục không có trong danh mục.' },
      ]);
    const before = await withProcessDefaults(trx, input.internalProcessId, p.id, input.unitId, input.before);
    const c = costs(before, input.after);
    const row = await trx
      .insertInto('simplification_plan')
      .values({
        unit_id: input.unitId,
        procedure_id: p.id,
        internal_process_id: input.internalProcessId ?? null,
        title: input.title,
        before: JSON.stringify(before),
        after: JSON.stringify(input.after),
        annual_cost_before: c.before.annualCost,
        annual_cost_after: c.after.annualCost,
        note: input.note ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = view((await findPlan(trx, row.id))!);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: input.unitId,
      action: 'simplification.create',
      entityType: 'simplification_plan',
      entityId: row.id,
      after: created,
      summary: `Dự thảo phương án đơn giản hóa thủ tục ${input.procedureCode}: giảm ${created.reductionRate ?? 0}% chi phí tuân thủ`,
      requestId: ctx.requestId,
    });
    return created;
  });
}

export async function getPlan(ctx: RequestContext, id: string) {
  const plan = await findPlan(ctx.db, id);
  if (!plan) throw new DomainError('NOT_FOUND');
  await requireOnUnitOr404(ctx, 'reports.read', plan.unitId);
  return view(plan);
}

export async function listPlans(
  ctx: RequestContext,
  q: { unitId?: string; status?: SimplificationStatus; limit: number; cursor?: string },
) {
  requireSomewhere(ctx, 'reports.read');
  if (q.unitId) await requireOnUnitOr404(ctx, 'reports.read', q.unitId);
  const after = decodeCursor(q.cursor);
  const r = await sql<PlanRow>`SELECT ${planSelect} FROM simplification_plan s JOIN procedure p ON p.id = s.procedure_id
    WHERE true ${q.unitId ? sql`AND s.unit_id = ${q.unitId}::uuid` : sql``} ${q.status ? sql`AND s.status = ${q.status}` : sql``}
      ${after ? sql`AND (s.created_at, s.id) < (${after.sortKey}::timestamptz, ${after.id}::uuid)` : sql``}
    ORDER BY s.created_at DESC, s.id DESC LIMIT ${q.limit + 1}`.execute(ctx.db);
  const items = r.rows.slice(0, q.limit);
  const last = items[items.length - 1];
  return {
    items: items.map(view),
    nextCursor: r.rows.length > q.limit && last ? encodeCursor(last.createdAt.toISOString(), last.id) : null,
  };
}

async function lockedPlan(ctx: RequestContext, trx: Db, id: string, expectedVersion: number) {
  const plan = await findPlan(trx, id, true);
  if (!plan) throw new DomainError('NOT_FOUND');
  await requireOnUnitOr404({ ...ctx, db: trx }, 'simplification.write', plan.unitId);
  if (plan.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
  return plan;
}

export async function updatePlan(
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  input: UpdateSimplificationInput,
) {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await lockedPlan(ctx, trx, id, expectedVersion);
    if (plan.status !== 'DRAFT')
      throw new DomainError('SIMPLIFICATION_TRANSITION_INVALID', [], 'Chỉ sửa được phương án ở trạng thái dự thảo.');
    const internalProcessId = input.internalProcessId === undefined ? plan.internalProcessId : input.internalProcessId;
    const before = await withProcessDefaults(
      trx,
      internalProcessId,
      plan.procedureId,
      plan.unitId,
      input.before ?? plan.before,
    );
    const after = input.after ?? plan.after;
    const c = costs(before, after);
    await trx
      .updateTable('simplification_plan')
      .set({
        title: input.title ?? plan.title,
        internal_process_id: internalProcessId,
        before: JSON.stringify(before),
        after: JSON.stringify(after),
        annual_cost_before: c.before.annualCost,
        annual_cost_after: c.after.annualCost,
        note: input.note === undefined ? plan.note : input.note,
        version: plan.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const updated = view((await findPlan(trx, id))!);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: plan.unitId,
      action: 'simplification.update',
      entityType: 'simplification_plan',
      entityId: id,
      before: view(plan),
      after: updated,
      summary: `Sửa phương án đơn giản hóa “${updated.title}”`,
      requestId: ctx.requestId,
    });
    return updated;
  });
}

const statusLabels: Record<SimplificationStatus, string> = {
  DRAFT: 'dự thảo',
  PROPOSED: 'đề xuất',
  APPROVED: 'thông qua',
  REJECTED: 'không thông qua',
  IMPLEMENTED: 'đã thực thi',
};

export async function transitionPlan(
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  input: { to: SimplificationStatus; decisionNo?: string | null; decisionDate?: string | null; note?: string | null },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const plan = await lockedPlan(ctx, trx, id, expectedVersion);
    if (!simplificationTransitions[plan.status].includes(input.to))
      throw new DomainError('SIMPLIFICATION_TRANSITION_INVALID', [
        {
          field: 'body.to',
          message: `Không thể chuyển từ “${statusLabels[plan.status]}” sang “${statusLabels[input.to]}”.`,
        },
      ]);
    if (input.to === 'APPROVED' && (!input.decisionNo || !input.decisionDate))
      throw new DomainError('VALIDATION_FAILED', [
        ...(!input.decisionNo ? [{ field: 'body.decisionNo', message: 'Cần số quyết định thông qua phương án.' }] : []),
        ...(!input.decisionDate ? [{ field: 'body.decisionDate', message: 'Cần ngày quyết định.' }] : []),
      ]);
    await trx
      .updateTable('simplification_plan')
      .set({
        status: input.to,
        decision_no: input.decisionNo ?? plan.decisionNo,
        decision_date: input.decisionDate ?? plan.decisionDate,
        note: input.note ?? plan.note,
        version: plan.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const updated = view((await findPlan(trx, id))!);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: plan.unitId,
      action: 'simplification.transition',
      entityType: 'simplification_plan',
      entityId: id,
      before: view(plan),
      after: updated,
      summary: `Phương án “${plan.title}”: ${statusLabels[plan.status]} → ${statusLabels[input.to]}${input.decisionNo ? ` (${input.decisionNo})` : ''}`,
      requestId: ctx.requestId,
    });
    return updated;
  });
}

/**
 * "Cut X of Y internal processes, Z%" for a unit and its subtree over a period. Y = procedures with an approved
 * internal process there (now or before); X = those among them with an internal-process plan adopted
 * (APPROVED or IMPLEMENTED, decided in the period) that removes steps or hours.
 */
export async function summary(ctx: RequestContext, unitId: string, from: string, to: string) {
  await requireOnUnitOr404(ctx, 'reports.read', unitId);
  if (to < from)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'query.to', message: 'Ngày kết thúc phải sau ngày bắt đầu.' },
    ]);
  const sub = sql`WITH RECURSIVE sub AS (SELECT id FROM unit WHERE id = ${unitId}::uuid UNION SELECT u.id FROM unit u JOIN sub ON u.parent_id = sub.id)`;
  const total = await sql<{
    n: number;
  }>`${sub} SELECT count(DISTINCT (v.procedure_id, ip.unit_id))::int AS n FROM internal_process ip
    JOIN procedure_version v ON v.id = ip.procedure_version_id
    WHERE ip.unit_id IN (SELECT id FROM sub) AND ip.status IN ('APPROVED','SUPERSEDED') AND (ip.approved_at IS NULL OR ip.approved_at <= ${to}::date)`.execute(
    ctx.db,
  );
  const plans =
    await sql<PlanRow>`${sub} SELECT ${planSelect} FROM simplification_plan s JOIN procedure p ON p.id = s.procedure_id
    WHERE s.unit_id IN (SELECT id FROM sub)
      AND coalesce(s.decision_date, s.created_at::date) BETWEEN ${from}::date AND ${to}::date`.execute(ctx.db);
  const adopted = plans.rows.filter((p) => p.status === 'APPROVED' || p.status === 'IMPLEMENTED');
  const cutting = adopted.filter(
    (p) =>
      p.internalProcessId &&
      ((p.after.steps ?? Infinity) < (p.before.steps ?? 0) || (p.after.hours ?? Infinity) < (p.before.hours ?? 0)),
  );
  const cutKeys = new Set(cutting.map((p) => `${p.procedureId}:${p.unitId}`));
  const y = Math.max(total.rows[0]!.n, cutKeys.size);
  const sum = (rows: PlanRow[], f: (s: Side) => number | null | undefined) =>
    rows.reduce((a, p) => a + (f(p.before) ?? 0), 0);
  const sumAfter = (rows: PlanRow[], f: (s: Side) => number | null | undefined) =>
    rows.reduce((a, p) => a + (f(p.after) ?? f(p.before) ?? 0), 0);
  const stepsBefore = sum(cutting, (s) => s.steps);
  const stepsAfter = sumAfter(cutting, (s) => s.steps);
  const hoursBefore = Math.round(sum(cutting, (s) => s.hours) * 100) / 100;
  const hoursAfter = Math.round(sumAfter(cutting, (s) => s.hours) * 100) / 100;
  const cost = programmeReduction(
    adopted.map((p) => ({ annualCostBefore: p.annualCostBefore, annualCostAfter: p.annualCostAfter })),
  );
  const byStatus: Record<string, number> = { DRAFT: 0, PROPOSED: 0, APPROVED: 0, REJECTED: 0, IMPLEMENTED: 0 };
  for (const p of plans.rows) byStatus[p.status] = (byStatus[p.status] ?? 0) + 1;
  const cutPct = percentOf(cutKeys.size, y);
  return {
    unitId,
    from,
    to,
    internalProcesses: { total: y, cut: cutKeys.size, cutPct },
    steps: { before: stepsBefore, after: stepsAfter, cutPct: percentOf(stepsBefore - stepsAfter, stepsBefore) },
    hours: { before: hoursBefore, after: hoursAfter, cutPct: percentOf(hoursBefore - hoursAfter, hoursBefore) },
    complianceCost: cost,
    plans: byStatus,
    text: `Cắt giảm ${cutKeys.size}/${y} quy trình nội bộ (${cutPct ?? 0}%); chi phí tuân thủ giảm ${cost.reductionRate ?? 0}%.`,
  };
}
