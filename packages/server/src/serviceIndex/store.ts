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

/**
 * Sums per unit (and field or procedure) for the month-aligned period [start, end): ENDED rollups of its
 * months, plus the records straddling its end — from the STRADDLE rollups when the period is over, from the
 * OPEN pieces valid at `at` when it is not.
 */
export async function periodSums(
  db: Db,
  p: {
    start: number;
    end: number;
    at: number;
    groupBy: GroupBy;
    unitIds?: string[];
    /** Only these counters (default all). */
    counters?: readonly string[];
    /** Rows per unit type instead of per unit (`unitId` then holds the type); needs `unitIds`. */
    byUnitType?: boolean;
  },
): Promise<SumRow[]> {
  const counters = p.counters ?? COUNTERS;
  const sums = sql.raw(counters.map((c) => `sum(${c})::float8 AS ${c}`).join(', '));
  const start = monthKey(p.start);
  const end = monthKey(p.end);
  const live = p.at < p.end;
  const keyCol = p.groupBy === 'field' ? 'r.field_code' : p.groupBy === 'procedure' ? 'r.procedure_code' : "''";
  // A long list of units makes the planner scan the whole table; the rows of one period are few, so a large tree
  // is filtered here instead.
  const filterInSql = p.unitIds !== undefined && p.unitIds.length <= 32 && !p.byUnitType;
  const units = filterInSql ? sql`AND r.unit_id = ANY(${p.unitIds}::uuid[])` : sql``;
  const wanted = p.unitIds && !filterInSql && !p.byUnitType ? new Set(p.unitIds) : null;
  // Grouped by unit type, the units are joined (the rows then no longer name them).
  const join = p.byUnitType
    ? sql`JOIN unnest(${p.unitIds ?? []}::uuid[]) AS m(id) ON m.id = r.unit_id JOIN unit u ON u.id = r.unit_id`
    : sql``;
  const unitCol = sql.raw(p.byUnitType ? 'u.type' : 'r.unit_id');
  const table =
    p.groupBy === 'field' ? 'index_rollup_field' : p.groupBy === 'procedure' ? 'index_rollup' : 'index_rollup_unit';
  const rolled = sql`
    SELECT ${unitCol} AS unit_id, ${sql.raw(keyCol)} AS key, r.received_month >= ${start}::date AS within, ${sums}
      FROM ${sql.raw(table)} r ${join}
     WHERE ((r.kind = 'ENDED' AND r.month >= ${start}::date AND r.month < ${end}::date)
        OR (r.kind = 'STRADDLE' AND r.month = ${end}::date AND ${!live}))
       ${units}
     GROUP BY 1, 2, 3`;
  const at = new Date(p.at).toISOString();
  const open = sql`
    SELECT ${unitCol} AS unit_id, ${sql.raw(keyCol)} AS key, r.received_month >= ${start}::date AS within, ${sums}
      FROM index_contribution r ${join}
     WHERE r.kind = 'OPEN' AND ${live} AND r.received_month < ${end}::date
       AND (r.valid_from IS NULL OR r.valid_from <= ${at}::timestamptz)
       AND (r.valid_to IS NULL OR r.valid_to > ${at}::timestamptz)
       ${units}
     GROUP BY 1, 2, 3`;
  // A few thousand rows: parallel workers cost more to start than they save (measured: +150 ms on two cores).
  const rows = await db.transaction().execute(async (trx) => {
    await sql`SET LOCAL max_parallel_workers_per_gather = 0`.execute(trx);
    return sql<Record<string, number> & { unit_id: string; key: string; within: boolean }>`
      ${rolled} UNION ALL ${open}`.execute(trx);
  });
  const out = new Map<string, SumRow>();
  for (const r of rows.rows) {
    if (wanted && !wanted.has(r.unit_id)) continue;
    const id = `${r.unit_id}|${r.key}`;
    let row = out.get(id);
    if (!row) out.set(id, (row = { unitId: r.unit_id, key: r.key, sums: { within: {}, before: {} } }));
    const into: Counters = r.within ? row.sums.within : row.sums.before;
    for (const c of counters) into[c] = (into[c] ?? 0) + Number(r[c] ?? 0);
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

/** The province: the root unit valid on a date (the first by code if there are several). */
export async function provinceAsOf(db: Db, date: string): Promise<string | null> {
  const r = await sql<{ id: string }>`
    SELECT id FROM unit WHERE parent_id IS NULL AND valid_from <= ${date}::date
       AND (valid_to IS NULL OR valid_to >= ${date}::date) ORDER BY code LIMIT 1`.execute(db);
  return r.rows[0]?.id ?? null;
}

export interface DossierSteps {
  id: string;
  due: number | null;
  steps: {
    assigneeUserId: string;
    name: string | null;
    assignedAt: number;
    endedAt: number | null;
    timeliness: string | null;
  }[];
}

/** The internal steps and due time of dossiers, from their state (for the drill-down's responsible officer). */
export async function stepsOf(db: Db, ids: string[]): Promise<DossierSteps[]> {
  if (!ids.length) return [];
  const r = await sql<DossierSteps>`
    SELECT id, coalesce(state_json->'steps', '[]'::jsonb) AS steps, (state_json->>'dueAt')::float8 AS due
      FROM dossier WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return r.rows;
}
