import { parse as parseCsv } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import {
  DomainError,
  checkHeader,
  dayBefore,
  normaliseBatch,
  rowToRecord,
  type FieldError,
  type ProcedureContent,
} from '@motcua/domain';
import type { Db } from '../platform/db';
import { recordAudit, type AuditActor } from '../audit/service';
import { contentHash } from './service';
import * as store from './store';

export type ImportFormat = 'json' | 'csv' | 'xlsx';

const fileError = (detail: string, fields: FieldError[] = []) =>
  new DomainError('CATALOG_IMPORT_FILE_INVALID', fields, detail);

export function formatOf(filename: string | undefined, mimetype: string | undefined): ImportFormat | undefined {
  const ext = filename?.toLowerCase().split('.').pop();
  if (ext === 'json' || mimetype === 'application/json') return 'json';
  if (ext === 'csv' || mimetype === 'text/csv') return 'csv';
  if (ext === 'xlsx' || mimetype === 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet') return 'xlsx';
  return undefined;
}

export function recordsFromJson(value: unknown): unknown[] {
  if (!Array.isArray(value)) throw fileError('Nội dung nhập phải là một mảng JSON các thủ tục (như procedures.json).');
  return value;
}

/** Reads a file of any supported format into records of the procedures.json shape. Throws on a broken file. */
export async function readImportFile(buffer: Buffer, format: ImportFormat): Promise<unknown[]> {
  if (format === 'json') {
    let value: unknown;
    try {
      value = JSON.parse(buffer.toString('utf8').replace(/^\uFEFF/, ''));
    } catch (e) {
      throw fileError(`Tệp JSON không hợp lệ: ${(e as Error).message}`);
    }
    return recordsFromJson(value);
  }
  if (format === 'csv') {
    let rows: string[][];
    try {
      rows = parseCsv(buffer, { bom: true, relax_column_count: false, skip_empty_lines: true }) as string[][];
    } catch (e) {
      throw fileError(`Tệp CSV không hợp lệ: ${(e as Error).message}`);
    }
    if (!rows.length) throw fileError('Tệp CSV trống.');
    const header = rows[0]!.map((h) => h.trim());
    const problems = checkHeader(header);
    if (problems.length)
      throw fileError(
        `Dòng tiêu đề CSV không đúng: ${problems.join(' ')}`,
        problems.map((message) => ({ field: 'file.header', message })),
      );
    return rows.slice(1).map((r) => rowToRecord(Object.fromEntries(header.map((h, i) => [h, r[i] ?? '']))));
  }
  // exceljs is large: loaded on first use, not at server start
  const { default: Excel } = await import('exceljs');
  const wb = new Excel.Workbook();
  try {
    await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch (e) {
    throw fileError(`Tệp không phải bảng tính XLSX hợp lệ: ${(e as Error).message}`);
  }
  const sheet = wb.worksheets[0];
  if (!sheet || sheet.rowCount === 0) throw fileError('Bảng tính XLSX không có dữ liệu.');
  const cellText = (v: ExcelJS.CellValue): string => {
    if (v === null || v === undefined) return '';
    if (typeof v === 'object') {
      if ('richText' in v) return v.richText.map((t) => t.text).join('');
      if ('text' in v) return String(v.text);
      if ('result' in v) return String(v.result ?? '');
      if (v instanceof Date) return v.toISOString().slice(0, 10);
    }
    return String(v);
  };
  const header: string[] = [];
  sheet.getRow(1).eachCell({ includeEmpty: false }, (cell, col) => (header[col - 1] = cellText(cell.value).trim()));
  const problems = checkHeader(header.filter((h) => h !== undefined));
  if (problems.length)
    throw fileError(
      `Dòng tiêu đề XLSX không đúng: ${problems.join(' ')}`,
      problems.map((message) => ({ field: 'file.header', message })),
    );
  const records: unknown[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    if (!row.hasValues) continue;
    const cells: Record<string, string> = {};
    header.forEach((h, i) => {
      if (h) cells[h] = cellText(row.getCell(i + 1).value);
    });
    records.push(rowToRecord(cells));
  }
  return records;
}

export interface ImportRecordReport {
  code: string;
  status: 'NEW' | 'CHANGED' | 'UNCHANGED' | 'INVALID';
  warnings: string[];
  errors: FieldError[];
}

export interface ImportReport {
  dryRun: boolean;
  total: number;
  valid: number;
  invalid: number;
  created: number;
  changed: number;
  unchanged: number;
  records: ImportRecordReport[];
}

export interface ImportOptions {
  dryRun: boolean;
  /** Effective date of the versions created (default: today). */
  effectiveFrom: string;
  actor: AuditActor;
  requestId?: string;
  /** One audit row per procedure written (default) or a single row for the batch (demo seed). */
  auditEach?: boolean;
  onProgress?: (done: number, total: number, stage: string) => void;
}

/**
 * Validates every record, then (unless a dry run) writes them in the caller's transaction: all or nothing.
 * A code already in the catalogue gets a new version only when its content changed.
 */
export async function importRecords(
  db: Db,
  raw: readonly unknown[],
  o: ImportOptions,
): Promise<{ report: ImportReport; written: boolean }> {
  const normalised = normaliseBatch(raw);
  o.onProgress?.(raw.length, raw.length, 'kiểm tra');
  const codes = normalised.filter((n) => n.content).map((n) => n.code);
  const existing = await store.latestByCodes(db, codes);
  const records: ImportRecordReport[] = [];
  const toCreate: { content: ProcedureContent; hash: string; n: (typeof normalised)[number] }[] = [];
  const toChange: {
    content: ProcedureContent;
    hash: string;
    n: (typeof normalised)[number];
    prev: NonNullable<ReturnType<typeof existing.get>>;
  }[] = [];
  normalised.forEach((n, i) => {
    if (!n.content) {
      records.push({ code: n.code, status: 'INVALID', warnings: n.warnings, errors: n.errors });
      return;
    }
    const hash = contentHash(n.content);
    const prev = existing.get(n.code);
    if (!prev) {
      toCreate.push({ content: n.content, hash, n });
      records.push({ code: n.code, status: 'NEW', warnings: n.warnings, errors: [] });
    } else if (prev.hash === hash) {
      records.push({ code: n.code, status: 'UNCHANGED', warnings: n.warnings, errors: [] });
    } else if (o.effectiveFrom < prev.effectiveFrom) {
      records.push({
        code: n.code,
        status: 'INVALID',
        warnings: n.warnings,
        errors: [
          {
            field: `records.${i}.effectiveFrom`,
            message: `Phiên bản hiện hành có hiệu lực từ ${prev.effectiveFrom}; phiên bản mới không thể có hiệu lực sớm hơn (${o.effectiveFrom}).`,
          },
        ],
      });
    } else {
      toChange.push({ content: n.content, hash, n, prev });
      records.push({ code: n.code, status: 'CHANGED', warnings: n.warnings, errors: [] });
    }
  });
  const invalid = records.filter((r) => r.status === 'INVALID').length;
  const report: ImportReport = {
    dryRun: o.dryRun,
    total: raw.length,
    valid: raw.length - invalid,
    invalid,
    created: toCreate.length,
    changed: toChange.length,
    unchanged: records.filter((r) => r.status === 'UNCHANGED').length,
    records,
  };
  if (o.dryRun || invalid > 0) return { report, written: false };

  const ids = await store.insertProcedures(
    db,
    toCreate.map((c) => c.content),
  );
  o.onProgress?.(toCreate.length, toCreate.length + toChange.length, 'thủ tục');
  for (const c of toChange) {
    if (c.prev.effectiveFrom === o.effectiveFrom) await store.supersedeVersion(db, c.prev.versionId);
    else await store.endVersion(db, c.prev.versionId, dayBefore(o.effectiveFrom));
  }
  const version = (
    c: { content: ProcedureContent; hash: string; n: (typeof normalised)[number] },
    procedureId: string,
    seq: number,
  ): store.NewVersion => ({
    procedureId,
    seq,
    effectiveFrom: o.effectiveFrom,
    effectiveTo: null,
    publicationDecisionNo: c.content.publicationDecisionNo,
    publicationDecisionDate: null,
    content: c.content,
    provenance: c.n.provenance,
    parseWarnings: c.n.warnings,
    contentHash: c.hash,
    createdBy: o.actor.userId,
  });
  const versionIds = await store.insertVersions(db, [
    ...toCreate.map((c) => version(c, ids.get(c.content.code)!, 1)),
    ...toChange.map((c) => version(c, c.prev.procedureId, c.prev.maxSeq + 1)),
  ]);
  await store.copyVersionUnits(
    db,
    toChange.map((c) => ({ from: c.prev.versionId, to: versionIds.get(c.prev.procedureId)! })),
  );
  await store.syncProcedure(
    db,
    toChange.map((c) => c.prev.procedureId),
  );
  const total = toCreate.length + toChange.length;
  if (o.auditEach === false) {
    await recordAudit(db, {
      actor: o.actor,
      unitId: null,
      action: 'procedure.import',
      entityType: 'procedure_import',
      entityId: o.requestId ?? `import-${Date.now()}`,
      after: { created: toCreate.map((c) => c.content.code), changed: toChange.map((c) => c.content.code) },
      summary: `Nhập danh mục thủ tục: ${toCreate.length} mới, ${toChange.length} phiên bản mới, ${report.unchanged} không đổi`,
      requestId: o.requestId,
    });
  } else {
    let done = 0;
    for (const c of toCreate) {
      await recordAudit(db, {
        actor: o.actor,
        unitId: null,
        action: 'procedure.import',
        entityType: 'procedure',
        entityId: ids.get(c.content.code)!,
        after: c.content,
        summary: `Nhập thủ tục ${c.content.code} (phiên bản 1, hiệu lực từ ${o.effectiveFrom})`,
        requestId: o.requestId,
      });
      o.onProgress?.(++done, total, 'nhật ký');
    }
    for (const c of toChange) {
      await recordAudit(db, {
        actor: o.actor,
        unitId: null,
        action: 'procedure.import',
        entityType: 'procedure',
        entityId: c.prev.procedureId,
        after: c.content,
        summary: `Nhập thủ tục ${c.content.code}: nội dung thay đổi, phiên bản ${c.prev.maxSeq + 1} hiệu lực từ ${o.effectiveFrom}`,
        requestId: o.requestId,
      });
      o.onProgress?.(++done, total, 'nhật ký');
    }
  }
  return { report, written: true };
}
