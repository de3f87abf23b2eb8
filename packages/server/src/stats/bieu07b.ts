/**
 * Biểu II.07b/VPCP/KSTT (Circular 01/2020/TT-VPCP; one-stop-dossiers §18): the procedures under a unit's
 * jurisdiction, those handled under the one-stop mechanism and the internal processes issued, by level, on
 * a date — built from the procedure catalogue (migration 006):
 *
 *  - under the unit's jurisdiction = the catalogue's "applicable at the unit" (`atUnit`, catalog/store.ts):
 *    the version in force on the date lists the unit (procedure_version_unit, from the publication
 *    decision), or a delegation / decentralisation to the unit is in force (procedure_delegation);
 *  - level = the implementing levels of that version (procedure_version.levels: PROVINCE, COMMUNE,
 *    MINISTRY, OTHER); a procedure published for several levels is in each level's row and once in the total;
 *  - internal processes issued = internal_process rows of that version at the unit with status APPROVED and
 *    effective (effective_from, else approved_at) on or before the date;
 *  - handled under the one-stop mechanism: **not recorded** — the catalogue has no flag for it (nor for
 *    the procedures exempted from the one-stop office), so the column is null ("—") with a note, unless the
 *    caller opts into the presumption that every procedure under the jurisdiction is received there
 *    (`oneStopBasis: 'ALL_IN_JURISDICTION'`, Decree 61/2018 Art. 14; unconfirmed — keep configurable).
 *
 * The shaping (`shapeBieu07b`) is pure; `loadBieu07bFacts` is the only SQL; bieu07bExport.ts renders it.
 */
import { sql } from 'kysely';
import type { ProcedureLevel } from '@motcua/domain';
import type { Db } from '../platform/db';
import { atUnit } from '../catalog/store';
import { localDateText } from '../forms/format';
import { numberText } from './layout';

export type Bieu07bLevel = ProcedureLevel | 'UNKNOWN';

/** One procedure under the unit's jurisdiction on the date. */
export interface Bieu07bFact {
  procedureId: string;
  code: string;
  /** Implementing levels of the version in force. */
  levels: ProcedureLevel[];
  /** The version in force lists the unit (publication decision). */
  published: boolean;
  /** A delegation or decentralisation to the unit is in force. */
  delegated: boolean;
  /** Approved internal processes of that version at the unit, effective by the date. */
  internalProcesses: number;
}

export type OneStopBasis =
  /** The catalogue does not record it: the column is null. */
  | 'NOT_RECORDED'
  /** Presume every procedure under the jurisdiction is received at the one-stop office (Decree 61/2018 Art. 14). */
  | 'ALL_IN_JURISDICTION';

export interface Bieu07bRow {
  key: Bieu07bLevel | 'TOTAL';
  /** Procedures under the unit's jurisdiction. */
  jurisdiction: number;
  /** Of which reaching the unit by delegation or decentralisation only (not in the publication decision). */
  delegatedOnly: number;
  /** Handled under the one-stop mechanism; null = not recorded. */
  oneStop: number | null;
  /** Internal processes issued. */
  internalProcesses: number;
  /** Procedures under the jurisdiction without an issued internal process. */
  withoutInternalProcess: number;
}

export interface Bieu07bReport {
  unit: { id: string; code: string; name: string };
  asOf: string;
  /** The levels always listed first, then any other level that has procedures. */
  rows: Bieu07bRow[];
  /** Distinct procedures (a procedure of several levels counts once). */
  total: Bieu07bRow;
  /** Procedures published for more than one level (counted in each of their rows). */
  multiLevelProcedures: number;
  oneStop: { basis: OneStopBasis; recorded: boolean; note: string };
  notes: string[];
}

export interface Bieu07bOptions {
  /** Rows shown even when empty, in this order (Hanoi has two levels of local government since 1/7/2025). */
  levels?: readonly Bieu07bLevel[];
  oneStopBasis?: OneStopBasis;
}

const LEVEL_ORDER: readonly Bieu07bLevel[] = ['PROVINCE', 'COMMUNE', 'MINISTRY', 'OTHER', 'UNKNOWN'];

const ONE_STOP_NOT_RECORDED =
  'Danh mục thủ tục hành chính chưa ghi nhận thủ tục nào thực hiện (hoặc không thực hiện) theo cơ chế một cửa, một cửa liên thông: cột (4) để trống, không suy đoán.';
const ONE_STOP_PRESUMED =
  'Cột (4) giả định mọi thủ tục thuộc thẩm quyền đều tiếp nhận qua Bộ phận Một cửa (Nghị định 61/2018/NĐ-CP, Điều 14); danh mục chưa ghi nhận thủ tục được miễn.';

function emptyRow(key: Bieu07bRow['key']): Bieu07bRow {
  return { key, jurisdiction: 0, delegatedOnly: 0, oneStop: null, internalProcesses: 0, withoutInternalProcess: 0 };
}

function count(row: Bieu07bRow, f: Bieu07bFact) {
  row.jurisdiction++;
  if (f.delegated && !f.published) row.delegatedOnly++;
  row.internalProcesses += f.internalProcesses;
  if (f.internalProcesses === 0) row.withoutInternalProcess++;
}

/** The facts of a unit's catalogue on a date → the form's rows (pure). */
export function shapeBieu07b(
  unit: Bieu07bReport['unit'],
  asOf: string,
  facts: readonly Bieu07bFact[],
  options: Bieu07bOptions = {},
): Bieu07bReport {
  const shown = options.levels ?? ['PROVINCE', 'COMMUNE'];
  const basis = options.oneStopBasis ?? 'NOT_RECORDED';
  const byLevel = new Map<Bieu07bLevel, Bieu07bRow>(shown.map((l) => [l, emptyRow(l)]));
  const total = emptyRow('TOTAL');
  let multiLevel = 0;
  for (const f of facts) {
    const levels: Bieu07bLevel[] = f.levels.length ? [...new Set(f.levels)] : ['UNKNOWN'];
    if (levels.length > 1) multiLevel++;
    for (const l of levels) {
      if (!byLevel.has(l)) byLevel.set(l, emptyRow(l));
      count(byLevel.get(l)!, f);
    }
    count(total, f);
  }
  const order = (l: Bieu07bLevel) => (shown.includes(l) ? shown.indexOf(l) : shown.length + LEVEL_ORDER.indexOf(l));
  const rows = [...byLevel.values()].sort((a, b) => order(a.key as Bieu07bLevel) - order(b.key as Bieu07bLevel));
  for (const r of [...rows, total]) r.oneStop = basis === 'ALL_IN_JURISDICTION' ? r.jurisdiction : null;

  const notes: string[] = [];
  if (multiLevel > 0)
    notes.push(
      `${numberText(multiLevel)} thủ tục được công bố cho nhiều cấp, được tính ở mỗi cấp; dòng "Tổng cộng" tính mỗi thủ tục một lần.`,
    );
  if (total.delegatedOnly > 0)
    notes.push(
      `${numberText(total.delegatedOnly)} thủ tục thuộc thẩm quyền do được ủy quyền hoặc phân cấp (không có trong quyết định công bố áp dụng tại đơn vị), tính theo cấp của thủ tục.`,
    );
  notes.push(
    `${numberText(total.withoutInternalProcess)} thủ tục thuộc thẩm quyền chưa có quy trình nội bộ được ban hành đến ngày ${localDateText(asOf)}.`,
  );
  notes.push(
    'Quy trình nội bộ: quy trình đã phê duyệt, có hiệu lực đến ngày báo cáo; quy trình đã được thay thế không lưu ngày thay thế nên số liệu một ngày trong quá khứ chỉ tính quy trình còn hiệu lực hiện nay.',
  );
  return {
    unit,
    asOf,
    rows,
    total,
    multiLevelProcedures: multiLevel,
    oneStop: {
      basis,
      recorded: false,
      note: basis === 'NOT_RECORDED' ? ONE_STOP_NOT_RECORDED : ONE_STOP_PRESUMED,
    },
    notes,
  };
}

/** The procedures under a unit's jurisdiction on a date, with the facts the form counts (one query). */
export async function loadBieu07bFacts(db: Db, unitId: string, asOf: string): Promise<Bieu07bFact[]> {
  const r = await sql<Bieu07bFact>`
    SELECT p.id AS "procedureId", p.code, v.levels,
      EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.version_id = v.id AND pu.unit_id = ${unitId}::uuid) AS published,
      EXISTS (SELECT 1 FROM procedure_delegation d WHERE d.procedure_id = p.id AND d.unit_id = ${unitId}::uuid
        AND d.effective_from <= ${asOf}::date AND (d.effective_to IS NULL OR d.effective_to >= ${asOf}::date)) AS delegated,
      (SELECT count(*)::int FROM internal_process ip
        WHERE ip.procedure_version_id = v.id AND ip.unit_id = ${unitId}::uuid AND ip.status = 'APPROVED'
          AND coalesce(ip.effective_from, ip.approved_at, ${asOf}::date) <= ${asOf}::date) AS "internalProcesses"
    FROM procedure p
    JOIN LATERAL (SELECT id, levels FROM procedure_version WHERE procedure_id = p.id AND superseded_at IS NULL
      AND effective_from <= ${asOf}::date AND (effective_to IS NULL OR effective_to >= ${asOf}::date)
      ORDER BY effective_from DESC LIMIT 1) v ON true
    WHERE ${atUnit(unitId, asOf)}
    ORDER BY p.code`.execute(db);
  return r.rows;
}
