import {
  DomainError,
  dayBefore,
  type CreateDelegationInput,
  type CreateProcedureInput,
  type ProcedureContent,
  type ProcedureVersionInput,
  type UpdateDelegationInput,
} from '@motcua/domain';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { canonicalJson, sha256 } from '../platform/canonicalJson';
import { decodeCursor, encodeCursor } from '../platform/cursor';
import { recordAudit } from '../audit/service';
import { requireOnUnit, requireSomewhere } from '../access/guard';
import * as store from './store';

export const contentHash = (c: ProcedureContent) => sha256(canonicalJson(c));

export const actorOf = (ctx: RequestContext) => ({ userId: ctx.actor?.userId ?? null, name: ctx.actorName });

// ---------- public reads ----------

export interface SearchQuery {
  q?: string;
  field?: string;
  level?: string;
  unitId?: string;
  onlineLevel?: string;
  asOf?: string;
  limit: number;
  cursor?: string;
}

/** Public search. Ranked pages carry their offset in the cursor; unranked listings are keyset by code. */
export async function searchProcedures(ctx: RequestContext, query: SearchQuery) {
  const q = query.q?.normalize('NFC').trim().replace(/\s+/g, ' ') || undefined;
  const cursor = decodeCursor(query.cursor);
  let offset = 0;
  let afterCode: string | undefined;
  if (cursor) {
    if (q && /^o:\d+$/.test(cursor.sortKey)) offset = Number(cursor.sortKey.slice(2));
    else if (!q) afterCode = cursor.sortKey;
    else
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'query.cursor', message: 'Con trỏ phân trang không hợp lệ.' },
      ]);
  }
  const rows = await store.searchProcedures(ctx.db, {
    q,
    field: query.field?.trim() || undefined,
    level: query.level,
    unitId: query.unitId,
    onlineLevel: query.onlineLevel,
    asOf: query.asOf ?? ctx.today,
    limit: query.limit,
    offset,
    afterCode,
  });
  const items = rows.slice(0, query.limit);
  const last = items[items.length - 1];
  const more = rows.length > query.limit && last;
  return {
    items,
    nextCursor: more ? encodeCursor(q ? `o:${offset + query.limit}` : last.code, last.id) : null,
  };
}

export async function fieldFacets(ctx: RequestContext, query: { level?: string; unitId?: string; asOf?: string }) {
  return { items: await store.fieldFacets(ctx.db, { ...query, asOf: query.asOf ?? ctx.today }) };
}

async function delegationsOf(db: Db, procedureId: string) {
  const rows = await db
    .selectFrom('procedure_delegation as d')
    .innerJoin('procedure as p', 'p.id', 'd.procedure_id')
    .innerJoin('unit as u', 'u.id', 'd.unit_id')
    .leftJoin('unit as f', 'f.id', 'd.from_unit_id')
    .select([
      'd.id',
      'p.code as procedureCode',
      'd.unit_id as unitId',
      'u.name as unitName',
      'd.from_unit_id as fromUnitId',
      'f.name as fromUnitName',
      'd.kind',
      'd.decision_no as decisionNo',
      'd.decision_date as decisionDate',
      'd.effective_from as effectiveFrom',
      'd.effective_to as effectiveTo',
      'd.scope',
      'd.version',
    ])
    .where('d.procedure_id', '=', procedureId)
    .orderBy('d.effective_from')
    .execute();
  return rows as DelegationView[];
}

export interface DelegationView {
  id: string;
  procedureCode: string;
  unitId: string;
  unitName: string;
  fromUnitId: string | null;
  fromUnitName: string | null;
  kind: 'DELEGATION' | 'DECENTRALISATION';
  decisionNo: string;
  decisionDate: string;
  effectiveFrom: string;
  effectiveTo: string | null;
  scope: string | null;
  version: number;
}

async function detailOf(db: Db, p: store.ProcedureRow, v: store.VersionRow) {
  const [units, delegations] = await Promise.all([store.versionUnits(db, v.id), delegationsOf(db, p.id)]);
  const { code: _c, publicationDecisionNo: _d, ...content } = v.content;
  return {
    id: p.id,
    code: p.code,
    version: p.version,
    ...content,
    currentVersion: {
      seq: v.seq,
      effectiveFrom: v.effectiveFrom,
      effectiveTo: v.effectiveTo,
      publicationDecisionNo: v.publicationDecisionNo,
      publicationDecisionDate: v.publicationDecisionDate,
      superseded: v.supersededAt !== null,
      createdAt: v.createdAt.toISOString(),
      unitCount: units.length,
    },
    units,
    delegations,
    parseWarnings: v.parseWarnings,
    provenance: v.provenance,
  };
}

/** A procedure as of a date (default today; else its newest version when none is in force today). */
export async function getProcedure(ctx: RequestContext, code: string, asOf?: string) {
  const p = await store.findProcedure(ctx.db, code);
  if (!p) throw new DomainError('NOT_FOUND');
  const v = asOf
    ? await store.versionAsOf(ctx.db, p.id, asOf)
    : ((await store.versionAsOf(ctx.db, p.id, ctx.today)) ?? (await store.latestVersion(ctx.db, p.id)));
  if (!v) throw new DomainError('NOT_FOUND', [], `Thủ tục ${code} không có phiên bản có hiệu lực vào ngày ${asOf}.`);
  return detailOf(ctx.db, p, v);
}

export async function listVersions(ctx: RequestContext, code: string) {
  const p = await store.findProcedure(ctx.db, code);
  if (!p) throw new DomainError('NOT_FOUND');
  return { code: p.code, version: p.version, items: await store.listVersions(ctx.db, p.id) };
}

// ---------- writes ----------

function contentFrom(code: string, input: ProcedureVersionInput): ProcedureContent {
  return {
    code,
    name: input.name,
    field: input.field,
    levels: [...new Set(input.levels)],
    levelText: input.levelText ?? null,
    agency: input.agency ?? null,
    competentAuthority: input.competentAuthority ?? null,
    subjects: input.subjects ?? null,
    channels: [...new Set(input.methods.map((m) => m.channel))],
    methods: input.methods.map((m) => ({
      channel: m.channel,
      time: m.time,
      timeText: m.timeText ?? null,
      feeVnd: m.feeVnd,
      feeNote: m.feeNote ?? null,
      feeText: m.feeText ?? null,
      description: m.description ?? null,
    })),
    processingTimeText: input.processingTimeText ?? null,
    feeText: input.feeText ?? null,
    documents: input.documents.map((d) => ({ ...d, quantityText: d.quantityText ?? null, group: d.group ?? null })),
    documentNotes: input.documentNotes,
    conditions: input.conditions ?? null,
    resultType: input.resultType ?? null,
    resultCodes: input.resultCodes,
    legalBasis: input.legalBasis,
    publicationDecisionNo: input.publicationDecisionNo ?? null,
    procedureType: input.procedureType ?? null,
    onlineLevel: input.onlineLevel,
    fullOnlineEligible: input.fullOnlineEligible,
    cutoffTime: input.cutoffTime,
    supplementClockMode: input.supplementClockMode,
    excludedPeriods: input.excludedPeriods,
  };
}

async function checkUnits(db: Db, unitIds: readonly string[]) {
  const found = await store.existingUnitIds(db, unitIds);
  const errors = unitIds.flatMap((id, i) =>
    found.has(id) ? [] : [{ field: `body.unitIds.${i}`, message: 'Đơn vị không tồn tại.' }],
  );
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors);
}

function checkDates(input: { effectiveFrom: string; effectiveTo?: string | null }) {
  if (input.effectiveTo && input.effectiveTo < input.effectiveFrom)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'body.effectiveTo', message: 'Ngày hết hiệu lực phải sau hoặc bằng ngày có hiệu lực.' },
    ]);
}

export async function createProcedure(ctx: RequestContext, input: CreateProcedureInput) {
  requireSomewhere(ctx, 'catalog.write');
  checkDates(input);
  return ctx.db.transaction().execute(async (trx) => {
    if (await store.findProcedure(trx, input.code))
      throw new DomainError('CATALOG_PROCEDURE_CODE_TAKEN', [{ field: 'body.code', message: 'Mã thủ tục đã có.' }]);
    await checkUnits(trx, input.unitIds);
    const content = contentFrom(input.code, input);
    const ids = await store.insertProcedures(trx, [content]);
    const procedureId = ids.get(input.code)!;
    const versions = await store.insertVersions(trx, [
      {
        procedureId,
        seq: 1,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        publicationDecisionNo: input.publicationDecisionNo ?? null,
        publicationDecisionDate: input.publicationDecisionDate ?? null,
        content,
        provenance: null,
        parseWarnings: [],
        contentHash: contentHash(content),
        createdBy: ctx.actor?.userId ?? null,
      },
    ]);
    await store.setVersionUnits(trx, versions.get(procedureId)!, input.unitIds);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: null,
      action: 'procedure.create',
      entityType: 'procedure',
      entityId: procedureId,
      after: content,
      summary: `Thêm thủ tục ${input.code} ${input.name}`,
      requestId: ctx.requestId,
    });
    const p = (await store.findProcedure(trx, input.code))!;
    return detailOf(trx, p, (await store.latestVersion(trx, procedureId))!);
  });
}

/**
 * A new version of a procedure (If-Match on the procedure's version). Identical content creates nothing.
 * The version it follows ends the day before; a correction on the same effective date supersedes it.
 */
export async function addVersion(
  ctx: RequestContext,
  code: string,
  expectedVersion: number,
  input: ProcedureVersionInput,
) {
  requireSomewhere(ctx, 'catalog.write');
  checkDates(input);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await store.lockProcedure(trx, code);
    if (!p) throw new DomainError('NOT_FOUND');
    if (p.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    await checkUnits(trx, input.unitIds);
    const latest = (await store.latestVersion(trx, p.id))!;
    const content = contentFrom(code, input);
    const hash = contentHash(content);
    if (hash === latest.contentHash && input.effectiveFrom === latest.effectiveFrom)
      return { created: false, procedure: await detailOf(trx, p, latest) };
    if (input.effectiveFrom < latest.effectiveFrom)
      throw new DomainError('CATALOG_VERSION_INVALID', [
        {
          field: 'body.effectiveFrom',
          message: `Ngày có hiệu lực phải từ ${latest.effectiveFrom} (ngày có hiệu lực của phiên bản hiện hành) trở đi.`,
        },
      ]);
    if (input.effectiveFrom === latest.effectiveFrom) await store.supersedeVersion(trx, latest.id);
    else if (latest.effectiveTo === null || latest.effectiveTo >= input.effectiveFrom)
      await store.endVersion(trx, latest.id, dayBefore(input.effectiveFrom));
    const maxSeq = (await store.listVersions(trx, p.id)).reduce((m, v) => Math.max(m, v.seq), 0);
    const ids = await store.insertVersions(trx, [
      {
        procedureId: p.id,
        seq: maxSeq + 1,
        effectiveFrom: input.effectiveFrom,
        effectiveTo: input.effectiveTo ?? null,
        publicationDecisionNo: input.publicationDecisionNo ?? null,
        publicationDecisionDate: input.publicationDecisionDate ?? null,
        content,
        provenance: latest.provenance,
        parseWarnings: [],
        contentHash: hash,
        createdBy: ctx.actor?.userId ?? null,
      },
    ]);
    const versionId = ids.get(p.id)!;
    if (input.unitIds.length) await store.setVersionUnits(trx, versionId, input.unitIds);
    else await store.copyVersionUnits(trx, [{ from: latest.id, to: versionId }]);
    await store.syncProcedure(trx, [p.id]);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: null,
      action: 'procedure.version',
      entityType: 'procedure',
      entityId: p.id,
      before: latest.content,
      after: content,
      summary: `Phiên bản ${maxSeq + 1} của thủ tục ${code}, hiệu lực từ ${input.effectiveFrom}${input.effectiveFrom === latest.effectiveFrom ? ' (đính chính phiên bản cùng ngày)' : ''}`,
      requestId: ctx.requestId,
    });
    const after = (await store.findProcedure(trx, code))!;
    return { created: true, procedure: await detailOf(trx, after, (await store.versionById(trx, versionId))!) };
  });
}

/** Replaces the units where a version applies (If-Match on the procedure). */
export async function setVersionUnits(
  ctx: RequestContext,
  code: string,
  seq: number,
  expectedVersion: number,
  unitIds: string[],
) {
  requireSomewhere(ctx, 'catalog.write');
  return ctx.db.transaction().execute(async (trx) => {
    const p = await store.lockProcedure(trx, code);
    if (!p) throw new DomainError('NOT_FOUND');
    if (p.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    const v = await store.versionBySeq(trx, p.id, seq);
    if (!v) throw new DomainError('NOT_FOUND');
    await checkUnits(trx, unitIds);
    const before = (await store.versionUnits(trx, v.id)).map((u) => u.id);
    await store.setVersionUnits(trx, v.id, [...new Set(unitIds)]);
    await trx
      .updateTable('procedure')
      .set({ version: p.version + 1, updated_at: new Date() })
      .where('id', '=', p.id)
      .execute();
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: null,
      action: 'procedure.units',
      entityType: 'procedure',
      entityId: p.id,
      before,
      after: unitIds,
      summary: `Đơn vị áp dụng phiên bản ${seq} của thủ tục ${code}: ${unitIds.length} đơn vị`,
      requestId: ctx.requestId,
    });
    const after = (await store.findProcedure(trx, code))!;
    return detailOf(trx, after, v);
  });
}

// ---------- delegations ----------

export async function listDelegations(ctx: RequestContext, code: string) {
  const p = await store.findProcedure(ctx.db, code);
  if (!p) throw new DomainError('NOT_FOUND');
  return { items: await delegationsOf(ctx.db, p.id) };
}

export async function createDelegation(ctx: RequestContext, code: string, input: CreateDelegationInput) {
  await requireOnUnit(ctx, 'catalog.write', input.unitId);
  checkDates(input);
  return ctx.db.transaction().execute(async (trx) => {
    const p = await store.findProcedure(trx, code);
    if (!p) throw new DomainError('NOT_FOUND');
    const units = [input.unitId, ...(input.fromUnitId ? [input.fromUnitId] : [])];
    const found = await store.existingUnitIds(trx, units);
    if (!found.has(input.unitId))
      throw new DomainError('VALIDATION_FAILED', [{ field: 'body.unitId', message: 'Đơn vị không tồn tại.' }]);
    if (input.fromUnitId && !found.has(input.fromUnitId))
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'body.fromUnitId', message: 'Đơn vị ủy quyền không tồn tại.' },
      ]);
    if (input.fromUnitId === input.unitId)
      throw new DomainError('VALIDATION_FAILED', [
        { field: 'body.fromUnitId', message: 'Đơn vị không thể tự ủy quyền cho chính mình.' },
      ]);
    const row = await trx
      .insertInto('procedure_delegation')
      .values({
        procedure_id: p.id,
        unit_id: input.unitId,
        from_unit_id: input.fromUnitId ?? null,
        kind: input.kind,
        decision_no: input.decisionNo,
        decision_date: input.decisionDate,
        effective_from: input.effectiveFrom,
        effective_to: input.effectiveTo ?? null,
        scope: input.scope ?? null,
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    const created = (await delegationsOf(trx, p.id)).find((d) => d.id === row.id)!;
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: input.unitId,
      action: 'procedure.delegation.create',
      entityType: 'procedure_delegation',
      entityId: row.id,
      after: created,
      summary: `${input.kind === 'DELEGATION' ? 'Ủy quyền' : 'Phân cấp'} thủ tục ${code} theo ${input.decisionNo}, từ ${input.effectiveFrom}`,
      requestId: ctx.requestId,
    });
    return created;
  });
}

export async function updateDelegation(
  ctx: RequestContext,
  id: string,
  expectedVersion: number,
  input: UpdateDelegationInput,
) {
  requireSomewhere(ctx, 'catalog.write');
  return ctx.db.transaction().execute(async (trx) => {
    const before = await trx
      .selectFrom('procedure_delegation')
      .selectAll()
      .where('id', '=', id)
      .forUpdate()
      .executeTakeFirst();
    if (!before) throw new DomainError('NOT_FOUND');
    await requireOnUnit({ ...ctx, db: trx }, 'catalog.write', before.unit_id);
    if (before.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    const next = {
      from_unit_id: input.fromUnitId === undefined ? before.from_unit_id : input.fromUnitId,
      kind: input.kind ?? before.kind,
      decision_no: input.decisionNo ?? before.decision_no,
      decision_date: input.decisionDate ?? before.decision_date,
      effective_from: input.effectiveFrom ?? before.effective_from,
      effective_to: input.effectiveTo === undefined ? before.effective_to : input.effectiveTo,
      scope: input.scope === undefined ? before.scope : input.scope,
    };
    checkDates({ effectiveFrom: next.effective_from, effectiveTo: next.effective_to });
    await trx
      .updateTable('procedure_delegation')
      .set({ ...next, version: before.version + 1, updated_at: new Date() })
      .where('id', '=', id)
      .execute();
    const after = (await delegationsOf(trx, before.procedure_id)).find((d) => d.id === id)!;
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: before.unit_id,
      action: 'procedure.delegation.update',
      entityType: 'procedure_delegation',
      entityId: id,
      before,
      after,
      summary: `Sửa ủy quyền/phân cấp thủ tục ${after.procedureCode} (${after.decisionNo})`,
      requestId: ctx.requestId,
    });
    return after;
  });
}
