import { sql } from 'kysely';
import {
  DomainError,
  checkStepBudgets,
  legalTimeOf,
  type CreateInternalProcessInput,
  type FieldError,
  type ProcessStepInput,
  type ProcedureChannel,
} from '@motcua/domain';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { recordAudit } from '../audit/service';
import { requireOnUnit, requireOnUnitOr404 } from '../access/guard';
import { actorOf } from './service';
import * as store from './store';

export interface ProcessView {
  id: string;
  procedureCode: string;
  procedureVersionSeq: number;
  unitId: string;
  seq: number;
  status: 'DRAFT' | 'APPROVED' | 'SUPERSEDED';
  channel: ProcedureChannel;
  steps: (Omit<ProcessStepInput, 'unitId' | 'unitRule' | 'output'> & {
    unitId: string | null;
    unitRule: NonNullable<ProcessStepInput['unitRule']> | null;
    output: string | null;
  })[];
  totalHours: number;
  legalHours: number | null;
  approvalDecisionNo: string | null;
  approvedAt: string | null;
  effectiveFrom: string | null;
  version: number;
}

async function findProcess(
  db: Db,
  id: string,
  lock = false,
): Promise<(ProcessView & { procedureVersionId: string }) | undefined> {
  const r = await sql<ProcessView & { procedureVersionId: string }>`
    SELECT ip.id, p.code AS "procedureCode", v.seq AS "procedureVersionSeq", ip.procedure_version_id AS "procedureVersionId",
      ip.unit_id AS "unitId", ip.seq, ip.status, ip.channel, ip.steps, ip.total_hours AS "totalHours", ip.legal_hours AS "legalHours",
      ip.approval_decision_no AS "approvalDecisionNo", ip.approved_at AS "approvedAt", ip.effective_from AS "effectiveFrom", ip.version
    FROM internal_process ip JOIN procedure_version v ON v.id = ip.procedure_version_id JOIN procedure p ON p.id = v.procedure_id
    WHERE ip.id = ${id}::uuid ${lock ? sql`FOR UPDATE OF ip` : sql``}`.execute(db);
  return r.rows[0];
}

const view = ({ procedureVersionId: _v, ...rest }: ProcessView & { procedureVersionId: string }): ProcessView => rest;

function normaliseSteps(steps: readonly ProcessStepInput[]) {
  return steps.map((s) => ({
    name: s.name,
    role: s.role,
    unitId: s.unitId ?? null,
    unitRule: s.unitRule ?? null,
    hours: s.hours,
    output: s.output ?? null,
    allowSendBack: s.allowSendBack ?? false,
  }));
}

/** Step checks beyond the schema, then the budget against the legal time of the version's channel. */
async function checkProcess(
  db: Db,
  version: store.VersionRow,
  channel: ProcedureChannel,
  steps: readonly ProcessStepInput[],
) {
  const errors: FieldError[] = [];
  const unitIds = steps.map((s) => s.unitId).filter((u): u is string => !!u);
  const found = await store.existingUnitIds(db, unitIds);
  steps.forEach((s, i) => {
    if (s.unitId && s.unitRule)
      errors.push({
        field: `body.steps.${i}.unitRule`,
        message: 'Chọn đơn vị cụ thể hoặc quy tắc xác định đơn vị, không cả hai.',
      });
    if (s.unitId && !found.has(s.unitId))
      errors.push({ field: `body.steps.${i}.unitId`, message: 'Đơn vị không tồn tại.' });
  });
  if (!version.content.channels.includes(channel))
    errors.push({ field: 'body.channel', message: `Thủ tục không thực hiện theo cách thức ${channel}.` });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors);
  const budget = checkStepBudgets(steps, legalTimeOf(version.content.methods, channel));
  if (budget.errors.length) throw new DomainError('CATALOG_STEP_BUDGET_EXCEEDS_LEGAL_TIME', budget.errors);
  return budget;
}

export async function createInternalProcess(ctx: RequestContext, code: string, input: CreateInternalProcessInput) {
  await requireOnUnit(ctx, 'catalog.write', input.unitId);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await store.findProcedure(trx, code);
    if (!p) throw new DomainError('NOT_FOUND');
    const version = input.versionSeq
      ? await store.versionBySeq(trx, p.id, input.versionSeq)
      : ((await store.versionAsOf(trx, p.id, ctx.today)) ?? (await store.latestVersion(trx, p.id)));
    if (!version)
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'body.versionSeq', message: 'Phiên bản thủ tục không tồn tại.' },
      ]);
    const budget = await checkProcess(trx, version, input.channel, input.steps);
    const last = await trx
      .selectFrom('internal_process')
      .select(sql<number>`coalesce(max(seq), 0)`.as('n'))
      .where('procedure_version_id', '=', version.id)
      .where('unit_id', '=', input.unitId)
      .executeTakeFirstOrThrow();
    const row = await trx
      .insertInto('internal_process')
      .values({
        procedure_version_id: version.id,
        unit_id: input.unitId,
        seq: last.n + 1,
        status: 'DRAFT',
        channel: input.channel,
        steps: JSON.stringify(normaliseSteps(input.steps)),
        total_hours: budget.totalHours,
        legal_hours: budget.legalHours,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = view((await findProcess(trx, row.id))!);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: input.unitId,
      action: 'internal_process.create',
      entityType: 'internal_process',
      entityId: row.id,
      after: created,
      summary: `Dự thảo quy trình nội bộ ${created.seq} của thủ tục ${code}: ${input.steps.length} bước, ${budget.totalHours} giờ`,
      requestId: ctx.requestId,
    });
    return created;
  });
}

export async function getInternalProcess(ctx: RequestContext, id: string) {
  const p = await findProcess(ctx.db, id);
  if (!p) throw new DomainError('NOT_FOUND');
  return view(p);
}

export async function listInternalProcesses(ctx: RequestContext, code: string, unitId?: string) {
  const p = await store.findProcedure(ctx.db, code);
  if (!p) throw new DomainError('NOT_FOUND');
  const r = await sql<{
    id: string;
  }>`SELECT ip.id FROM internal_process ip JOIN procedure_version v ON v.id = ip.procedure_version_id
    WHERE v.procedure_id = ${p.id}::uuid ${unitId ? sql`AND ip.unit_id = ${unitId}::uuid` : sql``} ORDER BY v.seq, ip.unit_id, ip.seq`.execute(
    ctx.db,
  );
  return { items: await Promise.all(r.rows.map(async (x) => view((await findProcess(ctx.db, x.id))!))) };
}

async function lockedDraft(ctx: RequestContext, trx: Db, id: string, expectedVersion: number) {
  const current = await findProcess(trx, id, true);
  if (!current) throw new DomainError('NOT_FOUND');
  await requireOnUnitOr404({ ...ctx, db: trx }, 'catalog.write', current.unitId);
  if (current.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
  if (current.status !== 'DRAFT') throw new DomainError('CATALOG_PROCESS_NOT_EDITABLE');
  return current;
}

export async function updateInternalProcess(
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  input: { steps: ProcessStepInput[]; channel?: ProcedureChannel },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await lockedDraft(ctx, trx, id, expectedVersion);
    const version = (await store.versionById(trx, before.procedureVersionId))!;
    const channel = input.channel ?? before.channel;
    const budget = await checkProcess(trx, version, channel, input.steps);
    await trx
      .updateTable('internal_process')
      .set({
        steps: JSON.stringify(normaliseSteps(input.steps)),
        channel,
        total_hours: budget.totalHours,
        legal_hours: budget.legalHours,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const after = view((await findProcess(trx, id))!);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: before.unitId,
      action: 'internal_process.update',
      entityType: 'internal_process',
      entityId: id,
      before: view(before),
      after,
      summary: `Sửa dự thảo quy trình nội bộ: ${before.steps.length} → ${input.steps.length} bước, ${before.totalHours} → ${budget.totalHours} giờ`,
      requestId: ctx.requestId,
    });
    return after;
  });
}

/** Approval re-checks the budget; the process approved before for the same version and unit is superseded. */
export async function approveInternalProcess(
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  input: { approvalDecisionNo: string; approvedAt: string; effectiveFrom: string },
) {
  return ctx.db.transaction().execute(async (trx) => {
    const before = await lockedDraft(ctx, trx, id, expectedVersion);
    const version = (await store.versionById(trx, before.procedureVersionId))!;
    await checkProcess(trx, version, before.channel, before.steps);
    await trx
      .updateTable('internal_process')
      .set({ status: 'SUPERSEDED', updated_at: new Date(), version: sql`version + 1` })
      .where('procedure_version_id', '=', before.procedureVersionId)
      .where('unit_id', '=', before.unitId)
      .where('status', '=', 'APPROVED')
      .execute();
    await trx
      .updateTable('internal_process')
      .set({
        status: 'APPROVED',
        approval_decision_no: input.approvalDecisionNo,
        approved_at: input.approvedAt,
        effective_from: input.effectiveFrom,
        version: before.version + 1,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .execute();
    const after = view((await findProcess(trx, id))!);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: before.unitId,
      action: 'internal_process.approve',
      entityType: 'internal_process',
      entityId: id,
      before: view(before),
      after,
      summary: `Phê duyệt quy trình nội bộ thủ tục ${before.procedureCode} theo ${input.approvalDecisionNo}`,
      requestId: ctx.requestId,
    });
    return after;
  });
}

/** Procedures in force at (or delegated to) a unit on a date that have no approved internal process there. */
export async function missingProcessReport(ctx: RequestContext, unitId: string, asOf?: string) {
  await requireOnUnitOr404(ctx, 'reports.read', unitId);
  const date = asOf ?? ctx.today;
  const r = await sql<{
    code: string;
    name: string;
    field: string;
    reason: 'IN_FORCE' | 'DELEGATED';
    hasDraft: boolean;
  }>`
    SELECT p.code, p.name, p.field,
      CASE WHEN EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.version_id = v.id AND pu.unit_id = ${unitId}::uuid)
        THEN 'IN_FORCE' ELSE 'DELEGATED' END AS reason,
      EXISTS (SELECT 1 FROM internal_process ip WHERE ip.procedure_version_id = v.id AND ip.unit_id = ${unitId}::uuid AND ip.status = 'DRAFT') AS "hasDraft"
    FROM procedure p
    JOIN LATERAL (SELECT id FROM procedure_version WHERE procedure_id = p.id AND superseded_at IS NULL
      AND effective_from <= ${date}::date AND (effective_to IS NULL OR effective_to >= ${date}::date) LIMIT 1) v ON true
    WHERE ${store.atUnit(unitId, date)}
      AND NOT EXISTS (SELECT 1 FROM internal_process ip WHERE ip.procedure_version_id = v.id AND ip.unit_id = ${unitId}::uuid AND ip.status = 'APPROVED')
    ORDER BY p.field COLLATE "vi-x-icu", p.code`.execute(ctx.db);
  return { unitId, asOf: date, total: r.rows.length, items: r.rows };
}
