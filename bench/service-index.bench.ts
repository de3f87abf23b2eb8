/**
 * The live service index and Biểu 06 with 10,000,000 dossiers: GET /api/v1/service-index (every unit of the
 * province, ranked, with the previous quarter for the rank change; budget ≤ 200 ms) and GET
 * /api/v1/statistics/bieu06 for the province (budget ≤ 500 ms), for a finished quarter and the quarter in
 * progress, through the real HTTP server; plus the job's derivation rate.
 *
 *   node --import tsx bench/service-index.bench.ts            (fills once, then reuses the database)
 *   BENCH_INDEX_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_index REFILL=1 node --import tsx bench/service-index.bench.ts
 *
 * The fill: migrations and the demo data; TEMPLATES (6,000) dossiers at Xã Mê Linh over 12 months from the
 * generator, derived by the rollup job (refreshServiceIndex: the derivation rate is measured here); then the
 * job's per-record output (index_record, index_contribution) copied by INSERT … SELECT to the other 125 communes and
 * wards, and to each of YEARS (13) earlier years for every commune (only finished dossiers go back in time), until
 * about 10 M records; the rollups are then summed from the contributions (the test
 * test/serviceIndex/live.test.ts proves that equals the incremental upkeep). The `dossier` table itself holds
 * only the templates: none of the measured requests reads it.
 *
 * The ranked table keeps the sums it read while the rollups' revision stays (store.ts unitCounterSums): the index
 * is measured so (nothing derived between requests, as here) and cold, with the revision moved before each request
 * (outside the timing) as a batch of the job does, which makes every request read all its sums again.
 */
import os from 'node:os';
import pg from 'pg';
import { sql } from 'kysely';
import { COUNTERS, periodKeyAt, previousPeriodKey } from '../packages/domain/src/index766/index';
import { connect, withDatabase, type Db } from '../packages/server/src/platform/db';
import { migrate } from '../packages/server/src/platform/migrate';
import { ensureCalendarReferenceData } from '../packages/server/src/calendar/referenceData';
import { loadDemoData } from '../packages/server/src/seed/demo';
import { generateDossiers } from '../packages/server/src/seed/dossierGenerator';
import { ROLLUPS, refreshServiceIndex } from '../packages/server/src/serviceIndex/derive';
import { fmt, percentiles, startServer } from './support/server';

const URL = process.env.BENCH_INDEX_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua_bench_index';
const TEMPLATES = Number(process.env.TEMPLATES ?? 6000);
const YEARS = Number(process.env.YEARS ?? 13);
const REQUESTS = Number(process.env.REQUESTS ?? 50);
const dbName = new globalThis.URL(URL).pathname.slice(1);
const say = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);
const secs = (t0: number) => Math.round((performance.now() - t0) / 1000);

async function admin(text: string) {
  const c = new pg.Client({ connectionString: withDatabase(URL, 'postgres') });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

async function filled(): Promise<Record<string, unknown> | null> {
  if (!(await admin(`SELECT 1 FROM pg_database WHERE datname = '${dbName}'`)).length) return null;
  const h = connect(URL, 1);
  try {
    const r = await sql<{ info: Record<string, unknown> }>`SELECT info FROM bench_fill WHERE status = 'complete'`
      .execute(h.db)
      .catch(() => ({ rows: [] as { info: Record<string, unknown> }[] }));
    return r.rows[0]?.info ?? null;
  } finally {
    await h.close();
  }
}

const shifted = (col: string, k: number) => (k === 0 ? col : `(${col} - interval '${k} years')`);

async function fill(): Promise<Record<string, unknown>> {
  const started = performance.now();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName} ENCODING 'UTF8' TEMPLATE template0`);
  await migrate(URL);
  const h = connect(URL, 4);
  const db = h.db;
  const info: Record<string, unknown> = {};
  try {
    await sql`CREATE TABLE bench_fill (status text NOT NULL, info jsonb NOT NULL)`.execute(db);
    await ensureCalendarReferenceData(db);
    await loadDemoData(db, { progress: false, dossiers: 0 });
    let t0 = performance.now();
    await generateDossiers(db, { dossiers: TEMPLATES, months: 12, seed: 5 });
    info.generateSeconds = secs(t0);
    say(`${TEMPLATES} template dossiers generated (${info.generateSeconds} s)`);
    t0 = performance.now();
    const derived = await refreshServiceIndex(db);
    const deriveSeconds = (performance.now() - t0) / 1000;
    info.derived = derived;
    info.derivePerSecond = Math.round(derived / deriveSeconds);
    say(`derived ${derived} records in ${deriveSeconds.toFixed(1)} s (${info.derivePerSecond}/s)`);

    const melinh = (await sql<{ id: string }>`SELECT id FROM unit WHERE code = '000.00.L7.H26'`.execute(db)).rows[0]!
      .id;
    const communes = (
      await sql<{ id: string }>`SELECT id FROM unit WHERE type IN ('COMMUNE','WARD','TOWNSHIP')
        AND valid_from <= current_date AND (valid_to IS NULL OR valid_to >= current_date) ORDER BY code`.execute(db)
    ).rows.map((r) => r.id);
    info.communes = communes.length;
    await sql`CREATE TABLE tpl AS SELECT r.record_id, EXISTS (SELECT 1 FROM index_contribution c
      WHERE c.record_id = r.record_id AND c.kind = 'OPEN') AS open FROM index_record r`.execute(db);
    await sql`ALTER TABLE index_contribution DROP CONSTRAINT index_contribution_source_record_id_fkey`.execute(db);
    await sql`DROP INDEX index_contribution_record_idx, index_contribution_open_idx, index_record_unit_idx`.execute(db);
    const cols = COUNTERS.join(', ');
    t0 = performance.now();
    for (let k = 0; k <= YEARS; k++) {
      const targets = k === 0 ? communes.filter((c) => c !== melinh) : communes;
      for (let i = 0; i < targets.length; i += 25) {
        const units = targets.slice(i, i + 25);
        const id = `md5(r.record_id::text || u.id::text || '${k}')::uuid`;
        const keep = k === 0 ? 'true' : 'NOT t.open';
        await sql
          .raw(
            `INSERT INTO index_record (source, record_id, unit_id, procedure_code, field_code, code, received_at, first_end_at, normalized)
             SELECT 'DOSSIER', ${id}, u.id, r.procedure_code, r.field_code, r.code || '/${k}', ${shifted('r.received_at', k)},
                    ${shifted('r.first_end_at', k)}, r.normalized
               FROM index_record r JOIN tpl t USING (record_id) CROSS JOIN unnest('{${units.join(',')}}'::uuid[]) AS u(id)
              WHERE r.unit_id = '${melinh}' AND ${keep}`,
          )
          .execute(db);
        await sql
          .raw(
            `INSERT INTO index_contribution (source, record_id, kind, unit_id, procedure_code, field_code, received_month, month, valid_from, valid_to, ${cols})
             SELECT 'DOSSIER', ${id}, r.kind, u.id, r.procedure_code, r.field_code, ${shifted('r.received_month', k)}::date,
                    ${shifted('r.month', k)}::date, r.valid_from, r.valid_to, ${cols}
               FROM index_contribution r JOIN tpl t USING (record_id) CROSS JOIN unnest('{${units.join(',')}}'::uuid[]) AS u(id)
              WHERE r.unit_id = '${melinh}' AND ${keep}`,
          )
          .execute(db);
      }
      const n = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM index_record`.execute(db)).rows[0]!.n;
      say(`year −${k}: ${n.toLocaleString('en')} records (${secs(t0)} s, load ${os.loadavg()[0]!.toFixed(1)})`);
    }
    info.copySeconds = secs(t0);
    t0 = performance.now();
    await sql`CREATE INDEX index_record_unit_idx ON index_record (unit_id, received_at)`.execute(db);
    await sql`CREATE INDEX index_contribution_record_idx ON index_contribution (source, record_id)`.execute(db);
    await sql`CREATE INDEX index_contribution_open_idx ON index_contribution (valid_from, valid_to) WHERE kind = 'OPEN'`.execute(
      db,
    );
    await sql`ALTER TABLE index_contribution ADD FOREIGN KEY (source, record_id) REFERENCES index_record (source, record_id) ON DELETE CASCADE`.execute(
      db,
    );
    info.indexSeconds = secs(t0);
    t0 = performance.now();
    for (const { table, keys, extra } of ROLLUPS) {
      const k = keys.join(', ');
      await sql.raw(`TRUNCATE ${table}`).execute(db);
      await sql
        .raw(
          `INSERT INTO ${table} (${k}, ${extra ? 'field_code, ' : ''}kind, month, ${cols})
           SELECT ${k}, ${extra ? `${extra}, ` : ''}kind, month, ${COUNTERS.map((c) => `sum(${c})`).join(', ')}
             FROM index_contribution WHERE kind <> 'OPEN' GROUP BY ${k}, kind, month`,
        )
        .execute(db);
    }
    // The job appends a month's rows as the month goes by; the bulk build here must be put in that order too.
    for (const { table } of ROLLUPS) await sql.raw(`CLUSTER ${table} USING ${table}_pkey`).execute(db);
    info.rollupSeconds = secs(t0);
    await sql`DROP TABLE tpl`.execute(db);
    t0 = performance.now();
    await sql`VACUUM ANALYZE`.execute(db);
    info.vacuumSeconds = secs(t0);
    info.records = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM index_record`.execute(db)).rows[0]!.n;
    info.totalSeconds = secs(started);
    info.filledAt = new Date().toISOString();
    await sql`INSERT INTO bench_fill VALUES ('complete', ${JSON.stringify(info)}::jsonb)`.execute(db);
    return info;
  } finally {
    await h.close();
  }
}

async function sizes(db: Db) {
  const r = await sql<{ t: string; rows: number; size: string }>`
    SELECT c.relname AS t, c.reltuples::bigint AS rows, pg_size_pretty(pg_total_relation_size(c.oid)) AS size
      FROM pg_class c WHERE c.relname IN ('index_record','index_contribution','index_rollup','index_rollup_field','index_rollup_unit','dossier') ORDER BY 1`.execute(
    db,
  );
  return r.rows.map((x) => `${x.t} ${Number(x.rows).toLocaleString('en')} rows ${x.size}`).join('; ');
}

let info = process.env.REFILL === '1' ? null : await filled();
if (!info) {
  say(`filling ${dbName} (load ${os.loadavg()[0]!.toFixed(1)})`);
  info = await fill();
}
console.log(`fill: ${JSON.stringify(info)}`);
const h = connect(URL, 1);
console.log(`sizes: ${await sizes(h.db)}`);
const rollups = (await sql<{ n: number }>`SELECT count(*)::int AS n FROM index_rollup`.execute(h.db)).rows[0]!.n;
const root = (
  await sql<{ id: string }>`SELECT id FROM unit WHERE parent_id IS NULL ORDER BY code LIMIT 1`.execute(h.db)
).rows[0]!.id;
await h.close();
console.log(`rollup rows: ${rollups.toLocaleString('en')}`);

const server = await startServer(URL, Number(process.env.PORT ?? 3305));
try {
  const auth = (await server.login('caicach')).headers;
  const current = periodKeyAt(Date.now(), 'QUARTER');
  const finished = previousPeriodKey(current);
  const index = (p: string) => `/api/v1/service-index?period=${p}&unitId=${root}`;
  const cases: [string, string, boolean?][] = [
    [`index of every unit, ${finished} (finished)`, index(finished)],
    [`index of every unit, ${current} (in progress)`, index(current)],
    [`index of every unit, ${finished} (finished), cold`, index(finished), true],
    [`index of every unit, ${current} (in progress), cold`, index(current), true],
    [`Biểu 06 of the province, ${finished}`, `/api/v1/statistics/bieu06?unitId=${root}&period=${finished}`],
    [`Biểu 06 of the province, ${current}`, `/api/v1/statistics/bieu06?unitId=${root}&period=${current}`],
    [
      `Biểu 06 of the province, year ${current.slice(0, 4)}`,
      `/api/v1/statistics/bieu06?unitId=${root}&period=${current.slice(0, 4)}`,
    ],
  ];
  const bump = connect(URL, 1);
  // What a batch of the job does to the revision (derive.ts): the kept sums are then read again.
  const moveRevision = () =>
    sql`UPDATE index_job_state SET value = value + interval '1 microsecond' WHERE key = 'rollup_revision'`.execute(
      bump.db,
    );
  for (const [label, url, cold] of cases) {
    const first = await server.send('GET', url, undefined, auth);
    if (first.status !== 200) throw new Error(`${url}: ${first.status} ${first.body.slice(0, 300)}`);
    const summary = JSON.parse(first.body) as { units?: unknown[]; total?: { received: { total: number } } };
    for (let i = 0; i < 5; i++) await server.send('GET', url, undefined, auth);
    const times: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      if (cold) await moveRevision();
      const t0 = performance.now();
      const r = await server.send('GET', url, undefined, auth);
      times.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`${url}: ${r.status}`);
    }
    const what = summary.units
      ? `${summary.units.length} units`
      : `${summary.total?.received.total.toLocaleString('en')} dossiers in the report`;
    console.log(`${label}: ${fmt(percentiles(times))} (${what}; load ${os.loadavg()[0]!.toFixed(1)})`);
  }
  await bump.close();
} finally {
  await server.stop();
}
