import {
  DomainError,
  allowedParentTypes,
  dayBefore,
  isValidOn,
  isWithin,
  scopesFor,
  type CreateUnitInput,
  type FieldError,
  type ReorganisationInput,
  type UpdateUnitInput,
} from '@motcua/domain';
import type { RequestContext } from '../platform/context';
import { transactionRetryingDeadlocks, type Db } from '../platform/db';
import { decodeCursor, pageResult } from '../platform/cursor';
import { recordAudit, historyOf } from '../audit/service';
import { requireOnUnit, requireOnUnitOr404, requireSomewhere } from '../access/guard';
import * as store from './store';

export async function listUnits(
  ctx: RequestContext,
  query: {
    asOf?: string;
    parentId?: string;
    q?: string;
    type?: store.ListFilter['type'];
    limit: number;
    cursor?: string;
  },
) {
  requireSomewhere(ctx, 'units.read');
  const rows = await store.listUnits(ctx.db, {
    asOf: query.asOf ?? ctx.today,
    parentId: query.parentId,
    q: query.q?.trim() || undefined,
    type: query.type,
    limit: query.limit,
    after: decodeCursor(query.cursor),
  });
  const page = pageResult(rows, query.limit, (r) => r.sortKey);
  return { items: page.items.map(({ sortKey: _k, ...u }) => u), nextCursor: page.nextCursor };
}

export async function getUnit(ctx: RequestContext, id: string) {
  requireSomewhere(ctx, 'units.read');
  const unit = await store.findUnit(ctx.db, id);
  if (!unit) throw new DomainError('NOT_FOUND');
  const asOf = unit.validTo && unit.validTo < ctx.today ? unit.validTo : ctx.today;
  const [parent, predecessors, successors, history, childCount] = await Promise.all([
    unit.parentId ? store.unitRef(ctx.db, unit.parentId) : undefined,
    store.predecessorsOf(ctx.db, id),
    store.successorsOf(ctx.db, id),
    historyOf(ctx.db, 'unit', id),
    store.childCount(ctx.db, id, asOf),
  ]);
  return { ...unit, childCount, parent: parent ?? null, predecessors, successors, history };
}

function toPublic(u: store.UnitRow, childCount = 0) {
  const { statisticalCode: _s, legalBasis: _l, ...rest } = u;
  return { ...rest, childCount };
}

/** Checks a unit's placement in the tree; returns field errors rather than throwing one at a time. */
async function placementErrors(
  db: Db,
  u: Omit<store.UnitRow, 'id' | 'version'>,
  selfId?: string,
): Promise<FieldError[]> {
  const errors: FieldError[] = [];
  // The other checks compare periods: without a valid one they mean nothing (and PostgreSQL refuses the range).
  if (u.validTo !== null && u.validTo < u.validFrom)
    return [{ field: 'body.validTo', message: 'Ngày hết hiệu lực phải sau hoặc bằng ngày bắt đầu hiệu lực.' }];
  if (u.parentId) {
    const parent = await store.findUnit(db, u.parentId);
    if (!parent) errors.push({ field: 'body.parentId', message: 'Đơn vị cấp trên không tồn tại.' });
    else {
      if (!isWithin(u, parent))
        errors.push({
          field: 'body.parentId',
          message: 'Đơn vị cấp trên không có hiệu lực trong suốt thời gian của đơn vị.',
        });
      if (!allowedParentTypes[u.type].includes(parent.type))
        errors.push({ field: 'body.type', message: 'Loại đơn vị này không thể trực thuộc đơn vị cấp trên đã chọn.' });
      if (selfId && (await store.ancestorPath(db, parent.id)).includes(selfId))
        errors.push({ field: 'body.parentId', message: 'Không thể đặt đơn vị làm cấp dưới của chính nó.' });
    }
  } else if (!allowedParentTypes[u.type].includes(null)) {
    errors.push({ field: 'body.parentId', message: 'Loại đơn vị này phải có đơn vị cấp trên.' });
  }
  if (await store.codeTaken(db, u.code, u.validFrom, u.validTo, selfId))
    errors.push({
      field: 'body.code',
      message: 'Mã định danh này đang được đơn vị khác sử dụng trong cùng thời gian hiệu lực.',
    });
  return errors;
}

async function requireWriteOnParent(ctx: RequestContext, parentId: string | null) {
  if (parentId) return requireOnUnit(ctx, 'units.write', parentId);
  // A new root (another province) needs an administrator of an existing root with its subtree.
  const actor = requireSomewhere(ctx, 'units.write');
  const roots = scopesFor(actor, 'units.write').filter((g) => g.includeSubtree);
  for (const g of roots) if ((await store.ancestorPath(ctx.db, g.unitId)).length === 1) return;
  throw new DomainError('FORBIDDEN');
}

export async function createUnit(ctx: RequestContext, input: CreateUnitInput) {
  await requireWriteOnParent(ctx, input.parentId);
  return transactionRetryingDeadlocks(ctx.db, async (trx) => {
    const row = {
      code: input.code,
      name: input.name,
      shortName: input.shortName ?? null,
      type: input.type,
      parentId: input.parentId,
      validFrom: input.validFrom,
      validTo: input.validTo ?? null,
      statisticalCode: input.statisticalCode ?? null,
      legalBasis: input.legalBasis ?? null,
    };
    const errors = await placementErrors(trx, row);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', errors);
    const created = await store.insertUnit(trx, row);
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId: created.id,
      action: 'unit.create',
      entityType: 'unit',
      entityId: created.id,
      after: created,
      summary: `Tạo đơn vị ${created.name} (${created.code})`,
      requestId: ctx.requestId,
    });
    return toPublic(created);
  });
}

function describeChanges(before: store.UnitRow, after: store.UnitRow): string {
  const labels: Partial<Record<keyof store.UnitRow, string>> = {
    code: 'mã',
    name: 'tên',
    shortName: 'tên ngắn',
    type: 'loại',
    parentId: 'đơn vị cấp trên',
    validFrom: 'ngày hiệu lực',
    validTo: 'ngày hết hiệu lực',
    statisticalCode: 'mã thống kê',
    legalBasis: 'căn cứ pháp lý',
  };
  const changed = (Object.keys(labels) as (keyof store.UnitRow)[])
    .filter((k) => before[k] !== after[k])
    .map((k) => (k === 'name' ? `tên: “${before.name}” → “${after.name}”` : labels[k]));
  return `Sửa đơn vị: ${changed.join(', ') || 'không thay đổi'}`;
}

export async function updateUnit(ctx: RequestContext, id: string, expectedVersion: number, input: UpdateUnitInput) {
  await requireOnUnitOr404(ctx, 'units.write', id);
  return transactionRetryingDeadlocks(ctx.db, async (trx) => {
    // Row lock, then version check: concurrent edits queue here and the loser gets 412, never a lost update.
    const before = await store.lockUnit(trx, id);
    if (!before) throw new DomainError('NOT_FOUND');
    if (before.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    const next = {
      code: input.code ?? before.code,
      name: input.name ?? before.name,
      shortName: input.shortName === undefined ? before.shortName : input.shortName,
      type: input.type ?? before.type,
      parentId: input.parentId === undefined ? before.parentId : input.parentId,
      validFrom: input.validFrom ?? before.validFrom,
      validTo: input.validTo === undefined ? before.validTo : input.validTo,
      statisticalCode: input.statisticalCode === undefined ? before.statisticalCode : input.statisticalCode,
      legalBasis: input.legalBasis === undefined ? before.legalBasis : input.legalBasis,
    };
    if (next.parentId !== before.parentId) await requireWriteOnParent({ ...ctx, db: trx }, next.parentId);
    const errors = await placementErrors(trx, next, id);
    if (errors.length) throw new DomainError('VALIDATION_FAILED', errors);
    const after = await store.updateUnit(trx, id, next);
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId: id,
      action: 'unit.update',
      entityType: 'unit',
      entityId: id,
      before,
      after,
      summary: describeChanges(before, after),
      requestId: ctx.requestId,
    });
    return toPublic(after, await store.childCount(trx, id, ctx.today));
  });
}

/**
 * A merger (several units into one) or a split (one into several), decided by a legal act: the sources end
 * the day before the effective date; the targets start on it, linked to every source as predecessors.
 */
export async function reorganise(ctx: RequestContext, input: ReorganisationInput) {
  for (const id of input.sourceIds) await requireOnUnitOr404(ctx, 'units.write', id);
  for (const t of input.targets) await requireWriteOnParent(ctx, t.parentId);
  if (input.kind === 'MERGE' && input.targets.length !== 1)
    throw new DomainError('UNIT_REORGANISATION_INVALID', [
      { field: 'body.targets', message: 'Hợp nhất tạo ra đúng một đơn vị mới.' },
    ]);
  if (input.kind === 'SPLIT' && (input.sourceIds.length !== 1 || input.targets.length < 2))
    throw new DomainError('UNIT_REORGANISATION_INVALID', [
      { field: 'body.targets', message: 'Chia tách một đơn vị thành ít nhất hai đơn vị mới.' },
    ]);
  const endDate = dayBefore(input.effectiveDate);
  return transactionRetryingDeadlocks(ctx.db, async (trx) => {
    const errors: FieldError[] = [];
    const sources: store.UnitRow[] = [];
    for (const [i, id] of input.sourceIds.entries()) {
      const s = await store.lockUnit(trx, id);
      if (!s) throw new DomainError('NOT_FOUND');
      if (!isValidOn(s, endDate) || (s.validTo !== null && s.validTo < input.effectiveDate && s.validTo !== endDate))
        errors.push({ field: `body.sourceIds.${i}`, message: `${s.name} không còn hiệu lực vào ngày ${endDate}.` });
      const children = await store.listUnits(trx, { asOf: input.effectiveDate, parentId: id, limit: 1 });
      if (children.length)
        errors.push({
          field: `body.sourceIds.${i}`,
          message: `${s.name} còn đơn vị trực thuộc có hiệu lực sau ngày sắp xếp (ví dụ ${children[0]!.name}); hãy chuyển hoặc kết thúc chúng trước.`,
        });
      sources.push(s);
    }
    if (errors.length) throw new DomainError('UNIT_REORGANISATION_INVALID', errors);
    const actor = { userId: ctx.actor!.userId, name: ctx.actorName };
    for (const s of sources) {
      const ended = await store.updateUnit(trx, s.id, {
        ...s,
        validTo: endDate,
        legalBasis: s.legalBasis ?? input.legalBasis,
      });
      await recordAudit(trx, {
        actor,
        unitId: s.id,
        action: 'unit.end',
        entityType: 'unit',
        entityId: s.id,
        before: s,
        after: ended,
        summary: `Kết thúc hiệu lực từ ${input.effectiveDate} do ${input.kind === 'MERGE' ? 'hợp nhất' : 'chia tách'} (${input.legalBasis})`,
        requestId: ctx.requestId,
      });
    }
    const targets = [];
    for (const [i, t] of input.targets.entries()) {
      const row = {
        code: t.code,
        name: t.name,
        shortName: t.shortName ?? null,
        type: t.type,
        parentId: t.parentId,
        validFrom: input.effectiveDate,
        validTo: null,
        statisticalCode: null,
        legalBasis: input.legalBasis,
      };
      const placement = await placementErrors(trx, row);
      if (placement.length)
        throw new DomainError(
          'VALIDATION_FAILED',
          placement.map((e) => ({ ...e, field: e.field.replace('body.', `body.targets.${i}.`) })),
        );
      const created = await store.insertUnit(trx, row);
      for (const s of sources)
        await store.insertSuccession(trx, {
          predecessorId: s.id,
          successorId: created.id,
          kind: input.kind,
          effectiveDate: input.effectiveDate,
          legalBasis: input.legalBasis,
        });
      await recordAudit(trx, {
        actor,
        unitId: created.id,
        action: 'unit.create',
        entityType: 'unit',
        entityId: created.id,
        after: { ...created, predecessors: sources.map((s) => s.id) },
        summary: `Thành lập từ ${sources.map((s) => s.name).join(', ')} (${input.legalBasis})`,
        requestId: ctx.requestId,
      });
      targets.push(toPublic(created));
    }
    return { targets };
  });
}
