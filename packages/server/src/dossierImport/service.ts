/**
 * Legacy dossier import (docs/dossier-import.md): records in the national-portal sync shape, mapped onto units and
 * procedures by code, checked one by one, then written all or nothing per batch with their index_dirty marks.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, isAllowed, scopesFor, type Actor, type FieldError } from '@motcua/domain';
import { formatInstantVN, localDateOf } from '@motcua/domain/calendar/index';
import type { Db } from '../platform/db';
import type { RequestContext } from '../platform/context';
import { decodeCursor, pageResult } from '../platform/cursor';
import { recordAudit, type AuditActor } from '../audit/service';
import { requireSomewhere } from '../access/guard';
import { parseRecord, type LegacyRecord, type RecordError } from './records';
import * as store from './store';

export const PERMISSION = 'dossiers.import' as const;

export interface RecordReport {
  /** Position in the batch (0-based). */
  index: number;
  code: string | null;
  status: 'OK' | 'ERROR';
  unitId?: string;
  warnings?: string[];
  errors?: RecordError[];
}

export interface ImportReport {
  dryRun: boolean;
  /** Whether the batch was written (never on a dry run, never with a rejected record). */
  written: boolean;
  batchId?: string;
  accepted: number;
  rejected: number;
  records: RecordReport[];
}

export interface ImportOptions {
  dryRun: boolean;
  source: string | null;
  actor: AuditActor;
  /** The API caller: every record's unit must be in its grants of dossiers.import (the CLI has none). */
  scope?: Actor;
  requestId: string;
}

interface Resolved {
  index: number;
  raw: Record<string, unknown>;
  record: LegacyRecord;
  unitId: string;
  receivedAt: Date | null;
}

/** The unit carrying the code on the record's date, else the nearest period of that code (with a warning). */
function pickUnit(
  candidates: store.UnitCandidate[],
  at: number | null | undefined,
): { unitId: string; warning?: string } | undefined {
  if (!candidates.length) return undefined;
  if (at === null || at === undefined) {
    const current = candidates.find((u) => u.validTo === null) ?? candidates[candidates.length - 1]!;
    return { unitId: current.id };
  }
  const date = localDateOf(at);
  const valid = candidates.find((u) => u.validFrom <= date && (u.validTo === null || u.validTo >= date));
  if (valid) return { unitId: valid.id };
  const nearest = [...candidates].reverse().find((u) => u.validFrom <= date) ?? candidates[0]!;
  return {
    unitId: nearest.id,
    warning: `Đơn vị ${nearest.code} không có hiệu lực vào ngày ${date}; hồ sơ được gắn với đơn vị mang mã này có hiệu lực từ ${nearest.validFrom}${nearest.validTo ? ` đến ${nearest.validTo}` : ''}.`,
  };
}

const recordError = (code: RecordError['code'], field: string, message: string): RecordError => ({
  field,
  code,
  message,
});

/** A code another writer inserted between the checks and the insert: the transaction is rolled back. */
class CodeClash extends Error {
  constructor(readonly codes: string[]) {
    super('legacy dossier code taken concurrently');
  }
}

/** Checks every record (schema, mapping, codes) and, unless a dry run or a record is rejected, writes the batch. */
export async function importBatch(db: Db, raw: readonly unknown[], o: ImportOptions): Promise<ImportReport> {
  try {
    return await db.transaction().execute(async (trx) => {
      if (!o.dryRun) await store.lockImports(trx);
      const { report, resolved } = await checkBatch(trx, raw, o);
      if (o.dryRun || report.rejected > 0) return report;
      await write(trx, resolved, report, o);
      return report;
    });
  } catch (e) {
    if (!(e instanceof CodeClash)) throw e;
    const { report } = await checkBatch(db, raw, o);
    const clashed = new Set(e.codes);
    for (const r of report.records)
      if (r.code && clashed.has(r.code) && r.status === 'OK') {
        r.status = 'ERROR';
        r.errors = [recordError('IMPORT_CODE_ALREADY_IMPORTED', 'MaHoSo', 'Mã hồ sơ vừa được nhập bởi một lô khác.')];
        delete r.unitId;
        delete r.warnings;
      }
    report.rejected = report.records.filter((r) => r.status === 'ERROR').length;
    report.accepted = report.records.length - report.rejected;
    return report;
  }
}

async function checkBatch(
  db: Db,
  raw: readonly unknown[],
  o: ImportOptions,
): Promise<{ report: ImportReport; resolved: Resolved[] }> {
  const parsed = raw.map(parseRecord);
  const ok = parsed.flatMap((p, index) => (p.ok ? [{ ...p, index }] : []));
  const codes = [...new Set(ok.map((p) => p.record.MaHoSo))];
  const [units, procedures, taken] = await Promise.all([
    store.unitsByCodes(db, [...new Set(ok.map((p) => p.record.MaDonVi))]),
    store.knownProcedureCodes(db, [...new Set(ok.map((p) => p.record.MaTTHC))]),
    store.takenCodes(db, codes),
  ]);
  const unitsByCode = new Map<string, store.UnitCandidate[]>();
  for (const u of units) unitsByCode.set(u.code, [...(unitsByCode.get(u.code) ?? []), u]);
  const firstIndex = new Map<string, number>();
  const records: RecordReport[] = [];
  const resolved: Resolved[] = [];
  parsed.forEach((p, index) => {
    if (!p.ok) {
      records.push({ index, code: p.code, status: 'ERROR', errors: p.errors });
      return;
    }
    const r = p.record;
    const errors: RecordError[] = [];
    const first = firstIndex.get(r.MaHoSo);
    if (first !== undefined)
      errors.push(
        recordError(
          'IMPORT_CODE_DUPLICATE_IN_BATCH',
          'MaHoSo',
          `Mã hồ sơ ${r.MaHoSo} đã có ở bản ghi số ${first + 1} của lô này.`,
        ),
      );
    else firstIndex.set(r.MaHoSo, index);
    if (taken.dossier.has(r.MaHoSo))
      errors.push(
        recordError('IMPORT_CODE_EXISTS', 'MaHoSo', `Mã hồ sơ ${r.MaHoSo} đã là mã của một hồ sơ trên motcua.`),
      );
    if (taken.legacy.has(r.MaHoSo))
      errors.push(
        recordError(
          'IMPORT_CODE_ALREADY_IMPORTED',
          'MaHoSo',
          `Hồ sơ ${r.MaHoSo} đã được nhập trước đây; không nhập lại để không tính hai lần.`,
        ),
      );
    const unit = pickUnit(unitsByCode.get(r.MaDonVi) ?? [], r.NgayTiepNhan ?? r.NgayNopHoSo);
    if (!unit)
      errors.push(recordError('IMPORT_UNIT_UNKNOWN', 'MaDonVi', `Không có đơn vị nào mang mã định danh ${r.MaDonVi}.`));
    if (!procedures.has(r.MaTTHC))
      errors.push(
        recordError(
          'IMPORT_PROCEDURE_UNKNOWN',
          'MaTTHC',
          `Thủ tục ${r.MaTTHC} không có trong danh mục thủ tục hành chính của motcua.`,
        ),
      );
    if (errors.length || !unit) {
      records.push({ index, code: r.MaHoSo, status: 'ERROR', errors });
      return;
    }
    records.push({
      index,
      code: r.MaHoSo,
      status: 'OK',
      unitId: unit.unitId,
      ...(unit.warning ? { warnings: [unit.warning] } : {}),
    });
    resolved.push({
      index,
      raw: p.raw,
      record: r,
      unitId: unit.unitId,
      receivedAt: r.NgayTiepNhan === null ? null : new Date(r.NgayTiepNhan),
    });
  });
  if (o.scope) await requireScope(db, o.scope, resolved);
  const rejected = records.filter((r) => r.status === 'ERROR').length;
  return {
    report: { dryRun: o.dryRun, written: false, accepted: records.length - rejected, rejected, records },
    resolved,
  };
}

/** The caller's grants must reach every record's unit; otherwise the whole request is refused (403). */
async function requireScope(db: Db, actor: Actor, resolved: Resolved[]): Promise<void> {
  const paths = await store.ancestorPaths(db, [...new Set(resolved.map((r) => r.unitId))]);
  const fields: FieldError[] = resolved
    .filter((r) => !isAllowed(actor, PERMISSION, paths.get(r.unitId) ?? []))
    .map((r) => ({
      field: `body.dossiers.${r.index}.MaDonVi`,
      message: `Bạn không có quyền nhập hồ sơ của đơn vị ${r.record.MaDonVi}.`,
    }));
  if (fields.length)
    throw new DomainError(
      'FORBIDDEN',
      fields.slice(0, 200),
      `Bạn không có quyền nhập hồ sơ của ${fields.length} bản ghi (đơn vị ngoài phạm vi được giao).`,
    );
}

async function write(db: Db, resolved: Resolved[], report: ImportReport, o: ImportOptions): Promise<void> {
  const batchId = randomUUID();
  const unitIds = [...new Set(resolved.map((r) => r.unitId))];
  const times = resolved.flatMap((r) => (r.receivedAt ? [r.receivedAt.getTime()] : []));
  await store.insertBatch(db, {
    id: batchId,
    source: o.source,
    recordCount: resolved.length,
    unitIds,
    receivedFrom: times.length ? new Date(Math.min(...times)) : null,
    receivedTo: times.length ? new Date(Math.max(...times)) : null,
    importedBy: o.actor.userId,
    importedByName: o.actor.name,
    requestId: o.requestId,
  });
  const clashes = await store.insertDossiers(
    db,
    batchId,
    o.actor.userId,
    resolved.map((r) => ({
      id: randomUUID(),
      code: r.record.MaHoSo,
      unitId: r.unitId,
      procedureCode: r.record.MaTTHC,
      receivedAt: r.receivedAt,
      record: r.raw,
    })),
  );
  if (clashes.length) throw new CodeClash(clashes);
  await recordAudit(db, {
    actor: o.actor,
    unitId: unitIds.length === 1 ? unitIds[0]! : null,
    action: 'dossier.import',
    entityType: 'legacy_import_batch',
    entityId: batchId,
    after: { source: o.source, recordCount: resolved.length, unitIds, codes: resolved.map((r) => r.record.MaHoSo) },
    summary: `Nhập ${resolved.length} hồ sơ từ hệ thống cũ${o.source ? ` (${o.source})` : ''}`,
    requestId: o.requestId,
  });
  report.written = true;
  report.batchId = batchId;
}

/** Past batches the caller may see: those whose every unit its dossiers.import grants reach. */
export async function listBatches(ctx: RequestContext, q: { limit: number; cursor?: string | undefined }) {
  const actor = requireSomewhere(ctx, PERMISSION);
  const after = decodeCursor(q.cursor);
  const scopes = scopesFor(actor, PERMISSION);
  const rows = await store.listBatches(ctx.db, {
    limit: q.limit + 1,
    after: after && { importedAt: after.sortKey, id: after.id },
    within: {
      exact: scopes.filter((s) => !s.includeSubtree).map((s) => s.unitId),
      subtrees: scopes.filter((s) => s.includeSubtree).map((s) => s.unitId),
    },
  });
  const page = pageResult(rows, q.limit, (r) => r.importedAt.toISOString());
  const iso = (d: Date | null) => (d ? formatInstantVN(d.getTime()) : null);
  return {
    ...page,
    items: page.items.map((b) => ({
      ...b,
      receivedFrom: iso(b.receivedFrom),
      receivedTo: iso(b.receivedTo),
      importedAt: iso(b.importedAt)!,
    })),
  };
}
