/**
 * The rollup job: drains index_dirty, derives each record's normalized form and contributions again, and moves
 * the rollups by the difference (old contributions out, new ones in) in one transaction per batch. One worker at
 * a time (advisory lock); readers call it before answering, so a figure always includes every committed action.
 */
import { sql } from 'kysely';
import {
  COUNTERS,
  contributionsOf,
  firstEndOf,
  fromDossierState,
  fromSyncRecord,
  monthKey,
  monthStartOf,
  syncDossierRecordSchema,
  UNBOUNDED,
  type IndexDossier,
} from '@motcua/domain/index766/index';
import { levelOf } from './tree';
import type { DossierState } from '@motcua/domain/dossier/index';
import type { Db } from '../platform/db';

const LOCK = 7404;

interface Derived {
  source: 'DOSSIER' | 'LEGACY';
  recordId: string;
  unitId: string;
  procedureCode: string;
  fieldCode: string;
  record: IndexDossier;
}

type DossierRow = {
  id: string;
  unit_id: string;
  procedure_code: string;
  state_json: DossierState;
  field: string | null;
  full_online_eligible: boolean | null;
  result_type: string | null;
  unit_type: string;
  rating: string | null;
};

async function loadDossiers(db: Db, ids: string[]): Promise<Derived[]> {
  if (!ids.length) return [];
  const rows = await sql<DossierRow>`
    SELECT d.id, d.unit_id, d.procedure_code, d.state_json, p.field, pv.full_online_eligible, pv.result_type,
           u.type AS unit_type, r.level AS rating
      FROM dossier d JOIN unit u ON u.id = d.unit_id
      LEFT JOIN procedure p ON p.code = d.procedure_code
      LEFT JOIN procedure_version pv ON pv.id = d.procedure_version_id
      LEFT JOIN dossier_rating r ON r.dossier_id = d.id
     WHERE d.id = ANY(${ids}::uuid[]) AND d.received_at IS NOT NULL`.execute(db);
  return rows.rows.map((r) => ({
    source: 'DOSSIER',
    recordId: r.id,
    unitId: r.unit_id,
    procedureCode: r.procedure_code,
    fieldCode: r.field ?? '',
    record: fromDossierState(r.state_json, {
      fieldCode: r.field,
      unitLevel: levelOf(r.unit_type),
      // Not connected to the national portal yet: whether a dossier was synced is not known.
      synced: null,
      fullProcessEligible: r.full_online_eligible,
      fullProcessOnline: r.full_online_eligible === null ? null : r.state_json.channel === 'ONLINE',
      resultRequired: r.result_type ? true : null,
      // The rating system is motcua's own: no rating or a satisfied one is "no dislike".
      dislikedOrComplained: r.rating === 'DISSATISFIED',
    }),
  }));
}

async function loadLegacy(db: Db, ids: string[]): Promise<Derived[]> {
  if (!ids.length) return [];
  const rows = await sql<{
    id: string;
    unit_id: string;
    procedure_code: string;
    record: unknown;
    field: string | null;
  }>`
    SELECT l.id, l.unit_id, l.procedure_code, l.record, p.field
      FROM legacy_dossier l LEFT JOIN procedure p ON p.code = l.procedure_code
     WHERE l.id = ANY(${ids}::uuid[])`.execute(db);
  return rows.rows.flatMap((r) => {
    const parsed = syncDossierRecordSchema.safeParse(r.record);
    if (!parsed.success) return [];
    const record = { ...fromSyncRecord(parsed.data), fieldCode: r.field ?? null };
    return [
      {
        source: 'LEGACY' as const,
        recordId: r.id,
        unitId: r.unit_id,
        procedureCode: r.procedure_code,
        fieldCode: r.field ?? '',
        record,
      },
    ];
  });
}

const counterCols = COUNTERS.join(', ');
const sumCols = (sign: string) => COUNTERS.map((c) => `${sign}sum(${c})`).join(', ');

/** The rollup tables and their keys (besides month and kind), finest first. */
export const ROLLUPS = [
  {
    table: 'index_rollup',
    keys: ['unit_id', 'procedure_code', 'received_month'],
    extra: 'max(field_code) AS field_code',
  },
  { table: 'index_rollup_field', keys: ['unit_id', 'field_code', 'received_month'], extra: null },
  { table: 'index_rollup_unit', keys: ['unit_id', 'received_month'], extra: null },
] as const;

/** Upserts into every rollup the sums (with a sign) of the ENDED/STRADDLE rows of a CTE named `rows`. */
const rollupUpserts = (sign: '' | '-') =>
  ROLLUPS.map(({ table, keys, extra }, i) => {
    const addCols = COUNTERS.map((c) => `${c} = ${table}.${c} + EXCLUDED.${c}`).join(', ');
    const keyList = keys.join(', ');
    const insert = `INSERT INTO ${table} (${keyList}, ${extra ? 'field_code, ' : ''}kind, month, ${counterCols})
      SELECT ${keyList}, ${extra ? `${extra}, ` : ''}kind, month, ${sumCols(sign)}
        FROM rows WHERE kind <> 'OPEN' GROUP BY ${keyList}, kind, month
      ON CONFLICT (month, kind, ${keyList}) DO UPDATE SET ${addCols}`;
    return i === ROLLUPS.length - 1 ? insert : `, r${i} AS (${insert})`;
  }).join('\n');

function contributionRows(d: Derived, now: number) {
  const c = contributionsOf(d.record, now);
  if (!c) return [];
  const base = {
    source: d.source,
    record_id: d.recordId,
    unit_id: d.unitId,
    procedure_code: d.procedureCode,
    field_code: d.fieldCode,
    received_month: monthKey(c.receivedMonth),
  };
  const iso = (t: number) => (Math.abs(t) >= UNBOUNDED ? null : new Date(t).toISOString());
  return [
    ...(c.ended ? [{ ...base, kind: 'ENDED', month: monthKey(c.ended.month), ...c.ended.counters }] : []),
    ...c.straddles.map((s) => ({ ...base, kind: 'STRADDLE', month: monthKey(s.boundary), ...s.counters })),
    ...c.open.map((p) => ({
      ...base,
      kind: 'OPEN',
      month: null,
      valid_from: iso(p.from),
      valid_to: iso(p.to),
      ...p.counters,
    })),
  ];
}

/** One batch: returns how many records it took from the queue. */
async function deriveBatch(trx: Db, now: number, batch: number): Promise<number> {
  const taken = await sql<{ source: 'DOSSIER' | 'LEGACY'; record_id: string }>`
    DELETE FROM index_dirty WHERE (source, record_id) IN (
      SELECT source, record_id FROM index_dirty ORDER BY marked_at LIMIT ${batch})
    RETURNING source, record_id`.execute(trx);
  if (!taken.rows.length) return 0;
  // The rollups move in this transaction: so does their revision (store.ts caches sums of finished periods by it).
  await sql`INSERT INTO index_job_state (key, value) VALUES ('rollup_revision', clock_timestamp())
    ON CONFLICT (key) DO UPDATE SET value = greatest(index_job_state.value + interval '1 microsecond', EXCLUDED.value)`.execute(
    trx,
  );
  const sources = taken.rows.map((r) => r.source);
  const ids = taken.rows.map((r) => r.record_id);
  await sql`WITH rows AS (DELETE FROM index_contribution
      WHERE (source, record_id) IN (SELECT * FROM unnest(${sources}::text[], ${ids}::uuid[])) RETURNING *)
    ${sql.raw(rollupUpserts('-'))}`.execute(trx);
  await sql`DELETE FROM index_record WHERE (source, record_id) IN (SELECT * FROM unnest(${sources}::text[], ${ids}::uuid[]))`.execute(
    trx,
  );
  const byId = (s: string) => taken.rows.filter((r) => r.source === s).map((r) => r.record_id);
  const derived = [...(await loadDossiers(trx, byId('DOSSIER'))), ...(await loadLegacy(trx, byId('LEGACY')))].filter(
    (d) => d.record.receivedAt !== null,
  );
  if (!derived.length) return taken.rows.length;
  const records = derived.map((d) => {
    const end = firstEndOf(d.record);
    return {
      source: d.source,
      record_id: d.recordId,
      unit_id: d.unitId,
      procedure_code: d.procedureCode,
      field_code: d.fieldCode,
      code: d.record.code,
      received_at: new Date(d.record.receivedAt!).toISOString(),
      first_end_at: end === null ? null : new Date(end).toISOString(),
      normalized: d.record,
    };
  });
  await sql`INSERT INTO index_record (source, record_id, unit_id, procedure_code, field_code, code, received_at, first_end_at, normalized)
    SELECT source, record_id, unit_id, procedure_code, field_code, code, received_at, first_end_at, normalized
      FROM json_populate_recordset(null::index_record, ${JSON.stringify(records)}::json)`.execute(trx);
  const rows = derived.flatMap((d) => contributionRows(d, now));
  if (rows.length)
    await sql`WITH rows AS (INSERT INTO index_contribution
        SELECT * FROM json_populate_recordset(null::index_contribution, ${JSON.stringify(rows)}::json) RETURNING *)
      ${sql.raw(rollupUpserts(''))}`.execute(trx);
  return taken.rows.length;
}

/**
 * When a month boundary has passed since the last run, records still open then straddle it: derive them again
 * so that they contribute their counters as seen at the boundary.
 */
async function crossBoundaries(trx: Db, now: number): Promise<void> {
  const month = new Date(monthStartOf(now)).toISOString();
  const state = await sql<{ value: Date }>`SELECT value FROM index_job_state WHERE key = 'open_boundary'`.execute(trx);
  const last = state.rows[0]?.value;
  if (last && last.getTime() >= monthStartOf(now)) return;
  if (last)
    await sql`INSERT INTO index_dirty (source, record_id)
      SELECT DISTINCT source, record_id FROM index_contribution WHERE kind = 'OPEN' ON CONFLICT DO NOTHING`.execute(
      trx,
    );
  await sql`INSERT INTO index_job_state (key, value) VALUES ('open_boundary', ${month}::timestamptz)
    ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`.execute(trx);
}

/**
 * Whether a run would find nothing to do: the queue empty and the last month boundary crossed. Without the lock:
 * queue rows taken by a run not yet committed are still seen here, so such a run is waited for as before.
 */
async function upToDate(db: Db, now: number): Promise<boolean> {
  const r = await sql<{ dirty: boolean; boundary: Date | null }>`
    SELECT EXISTS (SELECT 1 FROM index_dirty) AS dirty,
           (SELECT value FROM index_job_state WHERE key = 'open_boundary') AS boundary`.execute(db);
  const row = r.rows[0];
  return !!row && !row.dirty && row.boundary !== null && row.boundary.getTime() >= monthStartOf(now);
}

/** Drains the queue; returns the number of records derived. `now` is the measuring clock (tests pass theirs). */
export async function refreshServiceIndex(
  db: Db,
  options: { now?: number; batch?: number; onBatch?: (done: number) => void } = {},
): Promise<number> {
  const now = options.now ?? Date.now();
  const batch = options.batch ?? 500;
  // Every reader calls this first: one query instead of a locked transaction when there is nothing to derive.
  if (await upToDate(db, now)) return 0;
  let done = 0;
  for (;;) {
    const n = await db.transaction().execute(async (trx) => {
      await sql`SELECT pg_advisory_xact_lock(${LOCK})`.execute(trx);
      if (done === 0) await crossBoundaries(trx, now);
      return deriveBatch(trx, now, batch);
    });
    if (n === 0) return done;
    done += n;
    options.onBatch?.(done);
  }
}
