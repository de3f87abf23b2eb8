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

interface SumQuery {
  start: number;
  end: number;
  at: number;
  groupBy: GroupBy;
  unitIds?: string[];
  /** Only these counters (default all). */
  counters?: readonly string[];
  /** Rows per unit type instead of per unit (`unitId` then holds the type); needs `unitIds`. */
  byUnitType?: boolean;
  /**
   * Only the rollups, or only the open pieces (default both: the rollups' rows come first). The open pieces alone
   * also give, in `until`, the first instant after `at` at which a piece begins or ends.
   */
  part?: 'rolled' | 'open';
}

type SqlSumRow = Record<string, number> & { unit_id: string; key: string; within: boolean };

interface SqlSums {
  rows: SqlSumRow[];
  wanted: Set<string> | null;
  /** part 'open': the first instant after `at` at which a piece begins or ends (Infinity: none). */
  until?: number;
}

/**
 * The SQL of the period sums: one row per unit (or unit type), key and side (received within the period or
 * before it) from the rollups, and one more from the open pieces while the period is in progress. `wanted`: the
 * units to keep when a large tree is not filtered in SQL.
 */
async function sumRows(db: Db, p: SumQuery): Promise<SqlSums> {
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
  // Alone, the open pieces also say when they change: those valid at `at` end at their valid_to (here), those
  // valid later begin at their valid_from (below).
  const changes = p.part === 'open' ? sql`, min(r.valid_to) AS piece_end` : sql``;
  const open = sql`
    SELECT ${unitCol} AS unit_id, ${sql.raw(keyCol)} AS key, r.received_month >= ${start}::date AS within, ${sums}
           ${changes}
      FROM index_contribution r ${join}
     WHERE r.kind = 'OPEN' AND ${live} AND r.received_month < ${end}::date
       AND (r.valid_from IS NULL OR r.valid_from <= ${at}::timestamptz)
       AND (r.valid_to IS NULL OR r.valid_to > ${at}::timestamptz)
       ${units}
     GROUP BY 1, 2, 3`;
  // A few thousand rows: parallel workers cost more to start than they save (measured: +150 ms on two cores), and
  // so does JIT compilation, which the planner picks for the open pieces of a quarter in progress at 10 M records
  // (measured: 40–50 ms of compiling for a 25 ms query).
  return db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('max_parallel_workers_per_gather', '0', true), set_config('jit', 'off', true)`.execute(
      trx,
    );
    if (p.part === 'rolled') return { rows: (await sql<SqlSumRow>`${rolled}`.execute(trx)).rows, wanted };
    if (p.part === 'open') {
      const rows = (await sql<SqlSumRow>`${open}`.execute(trx)).rows;
      const next = await sql<{ next_start: Date | null }>`
        SELECT min(valid_from) AS next_start FROM index_contribution
         WHERE kind = 'OPEN' AND valid_from > ${at}::timestamptz`.execute(trx);
      let until = Infinity;
      const ends = [
        next.rows[0]?.next_start ?? null,
        ...rows.map((r) => (r as unknown as { piece_end: Date | null }).piece_end),
      ];
      for (const t of ends) if (t !== null && t.getTime() < until) until = t.getTime();
      return { rows, wanted, until };
    }
    return { rows: (await sql<SqlSumRow>`${rolled} UNION ALL ${open}`.execute(trx)).rows, wanted };
  });
}

/**
 * Sums per unit (and field or procedure) for the month-aligned period [start, end): ENDED rollups of its
 * months, plus the records straddling its end — from the STRADDLE rollups when the period is over, from the
 * OPEN pieces valid at `at` when it is not.
 */
export async function periodSums(db: Db, p: SumQuery): Promise<SumRow[]> {
  const counters = p.counters ?? COUNTERS;
  const { rows, wanted } = await sumRows(db, p);
  const out = new Map<string, SumRow>();
  for (const r of rows) {
    if (wanted && !wanted.has(r.unit_id)) continue;
    const id = `${r.unit_id}|${r.key}`;
    let row = out.get(id);
    if (!row) out.set(id, (row = { unitId: r.unit_id, key: r.key, sums: { within: {}, before: {} } }));
    const into: Counters = r.within ? row.sums.within : row.sums.before;
    for (const c of counters) into[c] = (into[c] ?? 0) + Number(r[c] ?? 0);
  }
  return [...out.values()];
}

/**
 * The same sums per unit, every counter, as one array per unit: COUNTERS[i] of the dossiers received within the
 * period at i, of those received before it at COUNTERS.length + i (the rows in the same order, so the same
 * additions as periodSums). For the ranked table, which adds them up per member set for every unit of a province.
 *
 * With `revision` (rollupRevision, read after the reader's refresh), what was read is kept in this process while
 * the revision stays: the rollups and the open pieces change only in a batch of the job, and every batch moves the
 * revision in its transaction (derive.ts), from any process. The rollups' part (all of a finished period) is then
 * the same; the open pieces of a period in progress are the same until the next instant at which a piece begins
 * or ends. The open rows are added after the rollups' ones, as in the UNION of periodSums. The arrays returned
 * may be shared: read-only.
 */
export async function unitCounterSums(
  db: Db,
  p: { start: number; end: number; at: number; unitIds: string[] },
  revision?: string,
): Promise<Map<string, Float64Array>> {
  const q = { ...p, groupBy: 'unit' as const };
  if (revision === undefined) return addRows(new Map(), await sumRows(db, q));
  const live = p.at < p.end;
  const key = `${p.start}|${p.end}|${[...p.unitIds].sort().join(',')}`;
  const rolledKey = `${key}|${live ? 'live' : 'over'}`;
  const kept = rolledSums.get(rolledKey);
  const keptOpen = openSums.get(key);
  const [rolled, open] = await Promise.all([
    kept?.revision === revision
      ? kept.sums
      : sumRows(db, { ...q, part: 'rolled' }).then((r) => {
          const sums = addRows(new Map(), r);
          keep(rolledSums, rolledKey, { revision, sums });
          return sums;
        }),
    !live
      ? null
      : keptOpen && keptOpen.revision === revision && keptOpen.from <= p.at && p.at < keptOpen.until
        ? keptOpen.sums
        : sumRows(db, { ...q, part: 'open' }).then((sums) => {
            keep(openSums, key, { revision, from: p.at, until: sums.until ?? p.at, sums });
            return sums;
          }),
  ]);
  if (!open) return rolled;
  // Onto copies: the kept arrays stay as they are.
  const out = new Map<string, Float64Array>();
  for (const [id, a] of rolled) out.set(id, a.slice());
  return addRows(out, open);
}

const MAX_KEPT = 32;
const rolledSums = new Map<string, { revision: string; sums: Map<string, Float64Array> }>();
const openSums = new Map<string, { revision: string; from: number; until: number; sums: SqlSums }>();

/** Keeps an entry, the oldest going first beyond MAX_KEPT (a Map iterates in insertion order). */
function keep<T>(cache: Map<string, T>, key: string, value: T) {
  cache.delete(key);
  cache.set(key, value);
  for (const k of cache.keys()) {
    if (cache.size <= MAX_KEPT) break;
    cache.delete(k);
  }
}

/** Adds SQL rows of sums into per-unit arrays (unitCounterSums). */
function addRows(
  out: Map<string, Float64Array>,
  { rows, wanted }: { rows: SqlSumRow[]; wanted: Set<string> | null },
): Map<string, Float64Array> {
  const n = COUNTERS.length;
  for (const r of rows) {
    if (wanted && !wanted.has(r.unit_id)) continue;
    let a = out.get(r.unit_id);
    if (!a) out.set(r.unit_id, (a = new Float64Array(2 * n)));
    const offset = r.within ? 0 : n;
    for (let i = 0; i < n; i++) a[offset + i] = a[offset + i]! + Number(r[COUNTERS[i]!] ?? 0);
  }
  return out;
}

/**
 * The rollups' revision (a timestamp, as microseconds in text): moved by every batch of the job (derive.ts).
 * Written here only when missing (a database never derived since, or the job state emptied), with the clock.
 */
export async function rollupRevision(db: Db): Promise<string> {
  const read = async () =>
    (
      await sql<{ value: string }>`
        SELECT (extract(epoch FROM value) * 1000000)::bigint::text AS value
          FROM index_job_state WHERE key = 'rollup_revision'`.execute(db)
    ).rows[0]?.value;
  const found = await read();
  if (found !== undefined) return found;
  await sql`INSERT INTO index_job_state (key, value) VALUES ('rollup_revision', clock_timestamp())
    ON CONFLICT (key) DO NOTHING`.execute(db);
  return (await read())!;
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
