/**
 * Counts of the catalogue-based indicators of the Decision 766 index (docs/service-index.md, "Catalogue counts"):
 * the engine's `counts` for 1.3, 3.1, 3.2, P1 and 5.7, per unit, from the procedure catalogue as of a date and the
 * procedure-grain rollup (`index_rollup`) of a period. Never reads the dossier table.
 */
import { sql } from 'kysely';
import { addDays, isValidLocalDate, localInstant } from '@motcua/domain/calendar/index';
import {
  monthKey,
  monthStartOf,
  nextMonthStart,
  type IndicatorCode,
  type IndicatorCount,
} from '@motcua/domain/index766/index';
import { prepared, type Db } from '../platform/db';

export type CatalogCounts = Partial<Record<IndicatorCode, IndicatorCount>>;

export interface CatalogCountsOptions {
  /**
   * The units whose procedures and dossiers count for a unit (default: the unit alone), e.g. a merged commune and
   * its predecessors, or a subtree: a procedure counts once per unit when it is in force at any of them.
   */
  members?: ReadonlyMap<string, readonly string[]>;
  /** The clock (epoch ms) deciding whether the period is in progress (default `Date.now()`). */
  now?: number;
}

// ---------- the rules, as SQL over one procedure_version row `v` ----------

/** Text present: not null and not blank. */
const present = (col: string) => `(nullif(btrim(${col}), '') IS NOT NULL)`;
/**
 * Accent- and case-free text: the project's search_text (unaccent), which drops the combining marks of a
 * decomposed (NFD) text as well, so NFC and NFD spellings compare equal.
 */
const plain = (expr: string) => `search_text(coalesce(${expr}, ''))`;
/** A fee statement that says nothing ("Không có thông tin"). */
const stated = (expr: string) => `(${present(expr)} AND ${plain(expr)} !~ '^\\s*khong co thong tin')`;

/**
 * 1.3 — every component of Decree 63/2010 Art. 8(2) that the catalogue records: name; method (at least one
 * channel with its method entry); dossier composition (documents non-empty); time limit (the text, or a channel's
 * time or time text); subjects; implementing agency; result; fees or "no fee" stated; legal basis. The steps
 * (trình tự) are not recorded apart from the methods, and conditions / forms are components only "if any".
 */
const COMPLETE = `(${present('v.name')}
  AND jsonb_array_length(v.methods) > 0 AND cardinality(v.channels) > 0
  AND jsonb_array_length(v.documents) > 0
  AND (${present('v.processing_time_text')} OR EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) x
        WHERE jsonb_typeof(x->'time') = 'object' OR ${present("x->>'timeText'")}))
  AND ${present('v.subjects')}
  AND ${present('v.agency')}
  AND ${present('v.result_type')}
  AND (${stated('v.fee_text')} OR EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) x
        WHERE jsonb_typeof(x->'feeVnd') = 'number' OR ${stated("x->>'feeText'")}))
  AND EXISTS (SELECT 1 FROM unnest(v.legal_basis) b WHERE ${present('b')}))`;

/**
 * 3.1 — an online service (partial or full, Decree 42/2022 Art. 11): online_level FULL or PARTIAL; when the
 * level is not recorded (the national data never carries it), the catalogue's methods listing the online channel.
 */
const ONLINE = `(v.online_level IN ('FULL', 'PARTIAL') OR (v.online_level IS NULL AND 'online' = ANY(v.channels)))`;

/**
 * P1 — a financial obligation: a channel with a fee amount > 0, or an amount set by the provincial council (the
 * importer's feeNote), or — no channel amount recorded — a fee text with a positive amount in đồng / VND / USD that
 * does not begin with "Miễn phí".
 */
const FEES = `(EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) x
      WHERE (jsonb_typeof(x->'feeVnd') = 'number' AND (x->>'feeVnd')::numeric > 0) OR ${present("x->>'feeNote'")})
  OR (NOT EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) x WHERE jsonb_typeof(x->'feeVnd') = 'number')
    AND EXISTS (SELECT 1 FROM (SELECT v.fee_text AS t UNION ALL SELECT x->>'feeText' FROM jsonb_array_elements(v.methods) x) f
      WHERE ${plain('f.t')} !~ '^\\s*mien phi' AND ${plain('f.t')} ~ '[1-9][0-9.,]*\\s*(dong|vnd|usd)\\M')))`;

/** 5.7 — for individuals: subjects naming citizens, individuals, overseas Vietnamese or foreigners. */
const INDIVIDUALS = `(${plain('v.subjects')} ~ '\\m(cong dan|ca nhan|nguoi viet nam dinh cu|nguoi nuoc ngoai)\\M')`;

/** Counters of the rollups, as the activity of a procedure in the period (any dossier received in it). */
const ACTIVITY = `unit_id, procedure_code, rcv_online, rcv_channel_unknown, online_paid_dossier_rate_pass,
  online_paid_dossier_rate_unknown, citizen_data_connected_dossier_pass, citizen_data_connected_dossier_unknown`;
const ANY_ACTIVITY = `(r.rcv_online > 0 OR r.rcv_channel_unknown > 0 OR r.online_paid_dossier_rate_pass > 0
  OR r.online_paid_dossier_rate_unknown > 0 OR r.citizen_data_connected_dossier_pass > 0
  OR r.citizen_data_connected_dossier_unknown > 0)`;

interface Row {
  unit_id: string;
  total: number;
  complete: number;
  online: number;
  online_used: number;
  online_unknown: number;
  fees: number;
  fees_paid: number;
  fees_unknown: number;
  individuals: number;
  individuals_connected: number;
  individuals_unknown: number;
}

/** A version in force and its rule results (they depend on the version's row alone). */
interface VersionFlags {
  id: string;
  procedureId: string;
  code: string;
  complete: boolean;
  online: boolean;
  fees: boolean;
  individuals: boolean;
}

/**
 * Rule results by version id, with the row's xmin: any UPDATE of the row gives it a new xmin, so an entry is used
 * only for the row version it was computed from (the text rules cost ~0.1 ms per version; the versions in force
 * are read every call, their rules evaluated only when new or changed).
 */
const flagCache = new Map<string, { xmin: string; flags: VersionFlags }>();
const MAX_CACHED_VERSIONS = 100_000;

/** The versions in force on a date, with their rule results (computed in SQL only for rows not cached). */
async function versionsInForce(db: Db, asOf: string): Promise<VersionFlags[]> {
  const known = [...flagCache.entries()];
  const raw = sql.raw;
  const r = await sql<{
    id: string;
    procedure_id: string;
    xmin: string;
    code: string;
    cached: boolean;
    complete: boolean | null;
    online: boolean | null;
    fees: boolean | null;
    individuals: boolean | null;
  }>`${prepared}
    SELECT v.id::text AS id, v.procedure_id::text AS procedure_id, v.xmin::text AS xmin, p.code,
           c.id IS NOT NULL AS cached,
           CASE WHEN c.id IS NULL THEN ${raw(COMPLETE)} END AS complete,
           CASE WHEN c.id IS NULL THEN ${raw(ONLINE)} END AS online,
           CASE WHEN c.id IS NULL THEN ${raw(FEES)} END AS fees,
           CASE WHEN c.id IS NULL THEN ${raw(INDIVIDUALS)} END AS individuals
      FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
      LEFT JOIN unnest(${known.map(([id]) => id)}::uuid[], ${known.map(([, e]) => e.xmin)}::text[]) AS c(id, xmin)
        ON c.id = v.id AND c.xmin = v.xmin::text
     WHERE v.superseded_at IS NULL AND v.effective_from <= ${asOf}::date
       AND (v.effective_to IS NULL OR v.effective_to >= ${asOf}::date)`.execute(db);
  if (flagCache.size > MAX_CACHED_VERSIONS) flagCache.clear();
  return r.rows.map((x) => {
    if (x.cached) return flagCache.get(x.id)!.flags;
    const flags: VersionFlags = {
      id: x.id,
      procedureId: x.procedure_id,
      code: x.code,
      complete: x.complete === true,
      online: x.online === true,
      fees: x.fees === true,
      individuals: x.individuals === true,
    };
    flagCache.set(x.id, { xmin: x.xmin, flags });
    return flags;
  });
}

/** The statement (fixed text, so sent as a prepared statement: every input is a parameter). */
function statement(p: {
  units: string[];
  members: string[];
  versions: readonly VersionFlags[];
  /** Some unit has other members than itself: a procedure may then come from several. */
  distinct: boolean;
  asOf: string;
  start: string;
  end: string;
  live: boolean;
  activity: boolean;
  at: string;
}) {
  const raw = sql.raw;
  return sql<Row>`${prepared}
WITH m(unit_id, member_id) AS (SELECT * FROM unnest(${p.units}::uuid[], ${p.members}::uuid[])),
v(id, procedure_id, code, complete, online, fees, individuals) AS (
  SELECT * FROM unnest(${p.versions.map((x) => x.id)}::uuid[], ${p.versions.map((x) => x.procedureId)}::uuid[],
    ${p.versions.map((x) => x.code)}::text[], ${p.versions.map((x) => x.complete)}::boolean[],
    ${p.versions.map((x) => x.online)}::boolean[], ${p.versions.map((x) => x.fees)}::boolean[],
    ${p.versions.map((x) => x.individuals)}::boolean[])),
f AS (
  SELECT ${raw(p.distinct ? 'DISTINCT' : '')} m.unit_id, pu.version_id
    FROM m JOIN procedure_version_unit pu ON pu.unit_id = m.member_id
  UNION ${raw(p.distinct ? '' : 'ALL')}
  SELECT m.unit_id, v.id FROM m JOIN procedure_delegation d ON d.unit_id = m.member_id
    AND d.effective_from <= ${p.asOf}::date AND (d.effective_to IS NULL OR d.effective_to >= ${p.asOf}::date)
    JOIN v ON v.procedure_id = d.procedure_id
   WHERE NOT EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.unit_id = m.member_id AND pu.version_id = v.id)),
r AS (
  SELECT ${raw(ACTIVITY)} FROM index_rollup r
   WHERE ${p.activity}::boolean AND r.received_month >= ${p.start}::date AND ${raw(ANY_ACTIVITY)}
     AND ((r.kind = 'ENDED' AND r.month >= ${p.start}::date AND r.month < ${p.end}::date)
       OR (r.kind = 'STRADDLE' AND r.month = ${p.end}::date AND NOT ${p.live}::boolean))
  UNION ALL
  SELECT ${raw(ACTIVITY)} FROM index_contribution r
   WHERE ${p.activity}::boolean AND ${p.live}::boolean AND r.kind = 'OPEN'
     AND r.received_month >= ${p.start}::date AND r.received_month < ${p.end}::date
     AND (r.valid_from IS NULL OR r.valid_from <= ${p.at}::timestamptz)
     AND (r.valid_to IS NULL OR r.valid_to > ${p.at}::timestamptz)
     AND ${raw(ANY_ACTIVITY)}),
a AS (
  SELECT m.unit_id, v.id AS version_id,
         bool_or(r.rcv_online > 0) AS online, bool_or(r.rcv_channel_unknown > 0) AS online_unknown,
         bool_or(r.online_paid_dossier_rate_pass > 0) AS paid,
         bool_or(r.online_paid_dossier_rate_unknown > 0) AS paid_unknown,
         bool_or(r.citizen_data_connected_dossier_pass > 0) AS connected,
         bool_or(r.citizen_data_connected_dossier_unknown > 0) AS connected_unknown
    FROM r JOIN m ON m.member_id = r.unit_id JOIN v ON v.code = r.procedure_code GROUP BY 1, 2)
SELECT f.unit_id::text AS unit_id, count(*)::int AS total,
       count(*) FILTER (WHERE v.complete)::int AS complete,
       count(*) FILTER (WHERE v.online)::int AS online,
       count(*) FILTER (WHERE v.online AND a.online)::int AS online_used,
       count(*) FILTER (WHERE v.online AND a.online_unknown AND NOT a.online)::int AS online_unknown,
       count(*) FILTER (WHERE v.fees)::int AS fees,
       count(*) FILTER (WHERE v.fees AND a.paid)::int AS fees_paid,
       count(*) FILTER (WHERE v.fees AND a.paid_unknown AND NOT a.paid)::int AS fees_unknown,
       count(*) FILTER (WHERE v.individuals)::int AS individuals,
       count(*) FILTER (WHERE v.individuals AND a.connected)::int AS individuals_connected,
       count(*) FILTER (WHERE v.individuals AND a.connected_unknown AND NOT a.connected)::int AS individuals_unknown
  FROM f JOIN v ON v.id = f.version_id LEFT JOIN a ON a.unit_id = f.unit_id AND a.version_id = f.version_id
 GROUP BY f.unit_id`;
}

/** 'YYYY-MM-01' of the month after the one holding a local date. */
const nextMonth = (date: string) => monthKey(nextMonthStart(monthStartOf(localInstant(date))));

/** The period's months [start, end) when it is whole months, else null. */
function monthsOf(period: { from: string; to: string }): { start: string; end: string } | null {
  if (!period.from.endsWith('-01') || period.to < period.from) return null;
  const end = nextMonth(period.to);
  // `to` is the last day of its month ⇔ the day after it is the first of the next month.
  return addDays(period.to, 1) === end ? { start: period.from, end } : null;
}

/**
 * The catalogue counts of each unit: procedures in force at the unit on `asOf` (the reception's rule,
 * `dossiers/store` `versionAppliesAt`: the version in force published for the unit, or for a procedure delegated to
 * it) and, for 3.2, P1 and 5.7, those of them that had a dossier received in the period (local dates, inclusive;
 * whole months — the rollups are by month; another period gives only 1.3 and 3.1) with an online submission, an
 * online payment, citizen data.
 *
 * A unit with no procedure in force gets no entry (its indicators stay "no counts"); a zero denominator is given
 * as { 0, 0 } (the engine's zero-denominator rule). An indicator is left out for a unit when a procedure of its
 * denominator has dossiers whose fact is unknown and none known to pass. For all units together: a stamp query, and
 * on a cache miss the versions in force and one statement of counts. The caller refreshes the rollups first
 * (`refreshServiceIndex`), as every read does. The result is the caller's (a copy of the cached one).
 */
export async function catalogCounts(
  db: Db,
  unitIds: readonly string[],
  period: { from: string; to: string },
  asOf: string,
  options: CatalogCountsOptions = {},
): Promise<Map<string, CatalogCounts>> {
  if (![period.from, period.to, asOf].every(isValidLocalDate))
    throw new RangeError('catalogCounts: dates are YYYY-MM-DD');
  const out = new Map<string, CatalogCounts>();
  if (unitIds.length === 0) return out;
  const units: string[] = [];
  const members: string[] = [];
  let distinct = false;
  for (const id of new Set(unitIds)) {
    const of = new Set(options.members?.get(id) ?? [id]);
    if (of.size !== 1 || !of.has(id)) distinct = true;
    for (const m of of) {
      units.push(id);
      members.push(m);
    }
  }
  const months = monthsOf(period);
  const now = options.now ?? Date.now();
  const start = months?.start ?? period.from;
  const end = months?.end ?? nextMonth(period.to);
  const live = now < localInstant(end);
  const cacheKey = `${asOf}|${start}|${end}|${months !== null}|${live}|${units.join(',')}|${members.join(',')}`;
  const stamp = await stampOf(db, asOf);
  const cached = stamp === null ? undefined : results.get(cacheKey);
  if (cached && cached.stamp === stamp) return copyOf(cached.counts);
  const versions = await versionsInForce(db, asOf);
  if (versions.length === 0) return out;
  const query = statement({
    units,
    members,
    versions,
    distinct,
    asOf,
    start,
    end,
    live,
    activity: months !== null,
    at: new Date(now).toISOString(),
  });
  // Tens of thousands of rows are hashed and grouped: the default 4 MB spills them to disk (measured: 220 ms
  // instead of ~60 ms on the 10 M benchmark), and parallel workers / JIT cost more than they save (store.ts).
  const r = await db.transaction().execute(async (trx) => {
    await sql`SELECT set_config('work_mem', '64MB', true), set_config('max_parallel_workers_per_gather', '0', true),
      set_config('jit', 'off', true), set_config('enable_mergejoin', 'off', true)`.execute(trx);
    return query.execute(trx);
  });
  for (const row of r.rows) {
    if (row.total === 0) continue;
    const c: CatalogCounts = {
      PUBLIC_CONTENT_FULL: { numerator: row.complete, denominator: row.total },
      ONLINE_SERVICE_PROVIDED_RATE: { numerator: row.online, denominator: row.total },
    };
    if (months) {
      if (row.online_unknown === 0)
        c.ONLINE_SERVICE_WITH_DOSSIER_RATE = { numerator: row.online_used, denominator: row.online };
      if (row.fees_unknown === 0) c.PAYMENT_PROCEDURE_TRANSACTED = { numerator: row.fees_paid, denominator: row.fees };
      if (row.individuals_unknown === 0)
        c.CITIZEN_DATA_CONNECTED_FORMALITY = { numerator: row.individuals_connected, denominator: row.individuals };
    }
    out.set(row.unit_id, c);
  }
  if (stamp !== null) {
    results.delete(cacheKey);
    results.set(cacheKey, { stamp, counts: out });
    for (const k of results.keys()) {
      if (results.size <= MAX_CACHED_RESULTS) break;
      results.delete(k);
    }
  }
  return copyOf(out);
}

const copyOf = (m: Map<string, CatalogCounts>) => new Map([...m].map(([k, c]) => [k, { ...c }]));

/**
 * Results by their inputs, with the stamp of what they were computed from: the rollups' revision (moved by every
 * batch of the job, derive.ts, so it covers the rollups and the open pieces) and the row versions (xmin) of the
 * versions in force, their procedures (the catalogue service bumps `procedure.version` in the transaction that
 * replaces a version's units) and the delegations. A changed stamp recomputes; no revision yet: no caching.
 */
const results = new Map<string, { stamp: string; counts: Map<string, CatalogCounts> }>();
const MAX_CACHED_RESULTS = 32;

async function stampOf(db: Db, asOf: string): Promise<string | null> {
  const r = await sql<{ stamp: string | null }>`${prepared}
    SELECT (SELECT value::text FROM index_job_state WHERE key = 'rollup_revision') || '|' ||
      (SELECT md5(coalesce(string_agg(v.id::text || v.xmin::text || p.xmin::text, ',' ORDER BY v.id), ''))
         FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
        WHERE v.superseded_at IS NULL AND v.effective_from <= ${asOf}::date
          AND (v.effective_to IS NULL OR v.effective_to >= ${asOf}::date)) || '|' ||
      (SELECT md5(coalesce(string_agg(d.id::text || d.xmin::text, ',' ORDER BY d.id), '')) FROM procedure_delegation d)
      AS stamp`.execute(db);
  return r.rows[0]?.stamp ?? null;
}
