/** SQL of the live index: sums of the rollups for a period, the units it ranks, the records behind a figure. */
import { sql } from 'kysely';
import { COUNTERS, monthKey, type Counters, type IndexDossier, type PeriodSums } from '@motcua/domain/index766/index';
import type { Db } from '../platform/db';

export type GroupBy = 'unit' | 'field' | 'procedure';

export interface SumRow {
  unitId: string;
  /** Field or procedure code when grouped so, else ''. */
  key: string;
  sums: PeriodSums;
}

const sumList = COUNTERS.map((c) => `sum(${c})::float8 AS ${c}`).join(', ');

/**
 * Sums per unit (and field or procedure) for the month-aligned period [start, end): ENDED rollups of its
 * months, plus the records straddling its end — from the STRADDLE rollups when the period is over, from the
 * OPEN pieces valid at `at` when it is not.
 */
export async function periodSums(
  db: Db,
  p: { start: number; end: number; at: number; groupBy: GroupBy; unitIds?: string[] },
): Promise<SumRow[]> {
  const start = monthKey(p.start);
  const end = monthKey(p.end);
  const live = p.at < p.end;
  const keyCol = p.groupBy === 'field' ? 'field_code' : p.groupBy === 'procedure' ? 'procedure_code' : "''";
  const units = p.unitIds ? sql`AND unit_id = ANY(${p.unitIds}::uuid[])` : sql``;
  const table =
    p.groupBy === 'field' ? 'index_rollup_field' : p.groupBy === 'procedure' ? 'index_rollup' : 'index_rollup_unit';
  const rolled = sql`
    SELECT unit_id, ${sql.raw(keyCol)} AS key, received_month >= ${start}::date AS within, ${sql.raw(sumList)}
      FROM ${sql.raw(table)}
     WHERE ((kind = 'ENDED' AND month >= ${start}::date AND month < ${end}::date)
        OR (kind = 'STRADDLE' AND month = ${end}::date AND ${!live}))
       ${units}
     GROUP BY 1, 2, 3`;
  const at = new Date(p.at).toISOString();
  const open = sql`
    SELECT unit_id, ${sql.raw(keyCol)} AS key, received_month >= ${start}::date AS within, ${sql.raw(sumList)}
      FROM index_contribution
     WHERE kind = 'OPEN' AND ${live} AND received_month < ${end}::date
       AND (valid_from IS NULL OR valid_from <= ${at}::timestamptz)
       AND (valid_to IS NULL OR valid_to > ${at}::timestamptz)
       ${units}
     GROUP BY 1, 2, 3`;
  const rows = await sql<Record<string, number> & { unit_id: string; key: string; within: boolean }>`
    ${rolled} UNION ALL ${open}`.execute(db);
  const out = new Map<string, SumRow>();
  for (const r of rows.rows) {
    const id = `${r.unit_id}|${r.key}`;
    let row = out.get(id);
    if (!row) out.set(id, (row = { unitId: r.unit_id, key: r.key, sums: { within: {}, before: {} } }));
    const into: Counters = r.within ? row.sums.within : row.sums.before;
    for (const c of COUNTERS) into[c] = (into[c] ?? 0) + Number(r[c] ?? 0);
  }
  return [...out.values()];
}

export interface TreeUnit {
  id: string;
  code: string;
  name: string;
  type: string;
  parentId: string | null;
}

/** The units valid on a date under (and including) a root. */
export async function subtreeAsOf(db: Db, rootId: string, asOf: string): Promise<TreeUnit[]> {
  const r = await sql<{ id: string; code: string; name: string; type: string; parent_id: string | null }>`
    WITH RECURSIVE down(id) AS (
      SELECT id FROM unit WHERE id = ${rootId}::uuid
      UNION SELECT u.id FROM unit u JOIN down ON u.parent_id = down.id
       WHERE u.valid_from <= ${asOf}::date AND (u.valid_to IS NULL OR u.valid_to >= ${asOf}::date))
    SELECT u.id, u.code, u.name, u.type, u.parent_id FROM unit u JOIN down USING (id)`.execute(db);
  return r.rows.map((u) => ({ id: u.id, code: u.code, name: u.name, type: u.type, parentId: u.parent_id }));
}

/** Predecessors (transitively) of units, for merged units carrying their history. */
export async function predecessorsOf(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  if (!ids.length) return new Map();
  const r = await sql<{ successor: string; predecessor: string }>`
    WITH RECURSIVE back(successor, predecessor, depth) AS (
      SELECT successor_id, predecessor_id, 1 FROM unit_succession WHERE successor_id = ANY(${ids}::uuid[])
      UNION SELECT back.successor, s.predecessor_id, back.depth + 1
        FROM unit_succession s JOIN back ON s.successor_id = back.predecessor WHERE back.depth < 10)
    SELECT successor, predecessor FROM back`.execute(db);
  const out = new Map<string, string[]>();
  for (const row of r.rows) out.set(row.successor, [...(out.get(row.successor) ?? []), row.predecessor]);
  return out;
}

/** The normalized records of units that may be in a period's population: received before its end, not ended before its start. */
export async function recordsFor(
  db: Db,
  unitIds: string[],
  p: { start: number; end: number },
): Promise<{ source: string; recordId: string; unitId: string; record: IndexDossier }[]> {
  const r = await sql<{ source: string; record_id: string; unit_id: string; normalized: IndexDossier }>`
    SELECT source, record_id, unit_id, normalized FROM index_record
     WHERE unit_id = ANY(${unitIds}::uuid[]) AND received_at < ${new Date(p.end).toISOString()}::timestamptz
       AND (first_end_at IS NULL OR first_end_at >= ${new Date(p.start).toISOString()}::timestamptz)`.execute(db);
  return r.rows.map((x) => ({ source: x.source, recordId: x.record_id, unitId: x.unit_id, record: x.normalized }));
}

/** Names of procedures by code. */
export async function procedureNames(db: Db, codes: string[]): Promise<Map<string, string>> {
  if (!codes.length) return new Map();
  const r = await sql<{ code: string; name: string }>`
    SELECT code, name FROM procedure WHERE code = ANY(${codes}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.code, x.name]));
}
