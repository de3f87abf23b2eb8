/**
 * Officer queues and dossier search with 10,000,000 dossiers: GET /api/v1/dossiers?view=assigned (a specialist's
 * queue), the same searched by name (?view=assigned&q=…), ?unitId=…&state=active (a unit's dossiers in progress),
 * ?q=<applicant name> and ?q=<code prefix>, through the real HTTP server, p50/p95/p99 per kind (budget p95 ≤ 50 ms),
 * plus EXPLAIN (ANALYZE, BUFFERS) of the same SQL.
 *
 *   node --import tsx bench/dossier-queue.bench.ts
 *   BENCH_10M_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_10m FILL_ONLY=1 node --import tsx bench/dossier-queue.bench.ts
 *
 * The database (BENCH_10M_URL, default motcua_bench_10m on 127.0.0.1:5432) is filled once and reused: the table
 * bench_fill records a finished fill, and a half-finished one is dropped and started again. The fill:
 *   1. migrations and the demo data; TEMPLATES (6,000) real dossiers at Xã Mê Linh over 12 months from the
 *      generator (seed/dossierGenerator.ts, through decide(), with their logs): the pool of state_json templates;
 *   2. officers for every current commune and ward (1 counter officer, 3 specialists, 1 leader; the demo accounts
 *      at Xã Mê Linh), password motcua-demo;
 *   3. DOSSIERS (10,000,000) rows by server-side INSERT … SELECT generate_series, in chronological order over ten
 *      years of working days, spread evenly over the 126 communes and wards, each copying a template of the same
 *      age class (< 7 days, < 30, < 90, older), so states and assignees follow the generator's distribution: almost
 *      everything older than three months is finished, the recent ones are in the queues. Codes (daily numbers from
 *      101, clear of the templates' own), units, applicants
 *      (generated Vietnamese names, phone numbers), officers and every timestamp column are the row's own; the
 *      state_json is the template's, verbatim (same size and shape, its dates and code are the template's);
 *      dossier_action holds only the templates' logs (the queries read dossier only);
 *   4. secondary indexes, the unique code constraint and foreign keys dropped during the load and rebuilt after
 *      (the same definitions as the migrations), then VACUUM ANALYZE.
 * Options (env): DOSSIERS, TEMPLATES, CHUNK (500000), REQUESTS (200 per kind), PORT (3303), FILL_ONLY=1, REFILL=1.
 */
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync, spawn } from 'node:child_process';
import pg from 'pg';
import { sql } from 'kysely';
import { localDateOf } from '../packages/domain/src/calendar/index';
import { projectRoot } from '../packages/server/src/platform/config';
import { connect, withDatabase, type Db } from '../packages/server/src/platform/db';
import { migrate } from '../packages/server/src/platform/migrate';
import { ensureCalendarReferenceData } from '../packages/server/src/calendar/referenceData';
import { calendarCacheFor } from '../packages/server/src/calendar/cache';
import { loadDemoData } from '../packages/server/src/seed/demo';
import { formatReport, generateDossiers } from '../packages/server/src/seed/dossierGenerator';
import { nameParts } from '../packages/server/src/seed/generator/people';
import { httpClient, serverArgs } from './support/server';

const URL_10M = process.env.BENCH_10M_URL ?? 'postgres://postgres@127.0.0.1:5432/motcua_bench_10m';
const DOSSIERS = Number(process.env.DOSSIERS ?? 10_000_000);
const TEMPLATES = Number(process.env.TEMPLATES ?? 6000);
const CHUNK = Number(process.env.CHUNK ?? 500_000);
const REQUESTS = Number(process.env.REQUESTS ?? 200);
const dbName = new URL(URL_10M).pathname.slice(1);
const adminUrl = withDatabase(URL_10M, 'postgres');
const say = (s: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${s}`);

async function admin(text: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  try {
    return (await c.query(text)).rows;
  } finally {
    await c.end();
  }
}

const secs = (t0: number) => Math.round((performance.now() - t0) / 1000);

async function fillState(): Promise<'none' | 'partial' | { rows: number; info: Record<string, unknown> }> {
  const exists = await admin(`SELECT 1 FROM pg_database WHERE datname = '${dbName}'`);
  if (exists.length === 0) return 'none';
  const h = connect(URL_10M, 1);
  try {
    const r = await sql<{ info: Record<string, unknown> }>`SELECT info FROM bench_fill WHERE status = 'complete'`
      .execute(h.db)
      .catch(() => ({ rows: [] as { info: Record<string, unknown> }[] }));
    const info = r.rows[0]?.info;
    return info ? { rows: Number(info.rows), info } : 'partial';
  } finally {
    await h.close();
  }
}

const familyNames = nameParts.families.map((f) => f[0]);
const familyWeights = nameParts.families.map((f) => f[1]);
const { middles, givens } = nameParts;
const familySlots = familyNames.flatMap((n, i) =>
  Array.from({ length: Math.max(1, Math.round(familyWeights[i]!)) }, () => n),
);

async function fill(): Promise<Record<string, unknown>> {
  const started = performance.now();
  await admin(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
  await admin(`CREATE DATABASE ${dbName} ENCODING 'UTF8' TEMPLATE template0`);
  await migrate(URL_10M);
  const h = connect(URL_10M, 4);
  const db = h.db;
  const info: Record<string, unknown> = {};
  try {
    await sql`CREATE TABLE bench_fill (status text NOT NULL, info jsonb NOT NULL)`.execute(db);
    await ensureCalendarReferenceData(db);
    let t0 = performance.now();
    await loadDemoData(db, { progress: false, dossiers: 0 });
    say(`demo data loaded (${secs(t0)} s)`);
    t0 = performance.now();
    const report = await generateDossiers(db, { dossiers: TEMPLATES, months: 12, seed: 10, progress: false });
    for (const line of formatReport(report)) say(line);
    info.templates = TEMPLATES;
    info.templateSeconds = secs(t0);

    // Units, officers, working days, templates by age class.
    const today = localDateOf(Date.now());
    await sql`CREATE TABLE bench_unit AS SELECT (row_number() OVER (ORDER BY code) - 1)::int AS idx, id, code
      FROM unit WHERE type IN ('COMMUNE', 'WARD') AND valid_to IS NULL`.execute(db);
    const units = await sql<{ idx: number; id: string; code: string }>`SELECT * FROM bench_unit ORDER BY idx`.execute(
      db,
    );
    const demo = await sql<{ id: string; username: string }>`SELECT id, username FROM app_user
      WHERE username IN ('tiepnhan', 'chuyenvien', 'lanhdao')`.execute(db);
    const demoId = (u: string) => demo.rows.find((x) => x.username === u)!.id;
    const hash = (
      await sql<{ h: string }>`SELECT password_hash AS h FROM app_user WHERE username = 'tiepnhan'`.execute(db)
    ).rows[0]!.h;
    await sql`CREATE TABLE bench_officer (unit_idx int, role text, k int, user_id uuid)`.execute(db);
    const officerRows: { unit_idx: number; role: string; k: number; user_id: string }[] = [];
    const users: { username: string; full_name: string; password_hash: string }[] = [];
    const plan: [string, number, string][] = [
      ['COUNTER_OFFICER', 1, 'tn'],
      ['SPECIALIST', 3, 'cv'],
      ['UNIT_LEADER', 1, 'ld'],
    ];
    for (const u of units.rows) {
      if (u.code === '000.00.L7.H26') {
        officerRows.push({ unit_idx: u.idx, role: 'COUNTER_OFFICER', k: 0, user_id: demoId('tiepnhan') });
        officerRows.push({ unit_idx: u.idx, role: 'SPECIALIST', k: 0, user_id: demoId('chuyenvien') });
        officerRows.push({ unit_idx: u.idx, role: 'UNIT_LEADER', k: 0, user_id: demoId('lanhdao') });
        continue;
      }
      for (const [, n, tag] of plan)
        for (let k = 0; k < n; k++)
          users.push({
            username: `cb${u.idx}.${tag}${k}`,
            full_name: `Cán bộ ${tag.toUpperCase()}${k} đơn vị ${u.idx}`,
            password_hash: hash,
          });
    }
    const ids = await db.insertInto('app_user').values(users).returning(['id', 'username']).execute();
    const idOf = new Map(ids.map((x) => [x.username, x.id]));
    for (const u of units.rows) {
      if (u.code === '000.00.L7.H26') continue;
      for (const [role, n, tag] of plan)
        for (let k = 0; k < n; k++)
          officerRows.push({ unit_idx: u.idx, role, k, user_id: idOf.get(`cb${u.idx}.${tag}${k}`)! });
    }
    await sql`INSERT INTO bench_officer SELECT * FROM json_populate_recordset(NULL::bench_officer, ${JSON.stringify(officerRows)}::json)`.execute(
      db,
    );
    await sql`INSERT INTO role_grant (user_id, role, unit_id)
      SELECT o.user_id, o.role, u.id FROM bench_officer o JOIN bench_unit u ON u.idx = o.unit_idx
      ON CONFLICT DO NOTHING`.execute(db);
    await sql`CREATE TABLE bench_officer_count AS SELECT unit_idx, role, count(*)::int AS n FROM bench_officer GROUP BY 1, 2`.execute(
      db,
    );

    const meLinh = units.rows.find((u) => u.code === '000.00.L7.H26')!;
    const { calendar } = await calendarCacheFor(db).get(meLinh.id);
    const days: string[] = [];
    const from = new Date(Date.parse(`${today}T00:00:00Z`) - 3652 * 86_400_000).toISOString().slice(0, 10);
    for (let t = Date.parse(`${from}T00:00:00Z`); ; t += 86_400_000) {
      const d = new Date(t).toISOString().slice(0, 10);
      if (d > today) break;
      if (calendar.isWorkingDay(d)) days.push(d);
    }
    await sql`CREATE TABLE bench_day AS SELECT (ord - 1)::int AS idx, d::date AS d FROM unnest(${days}::text[]) WITH ORDINALITY AS x(d, ord)`.execute(
      db,
    );
    await sql`CREATE TABLE bench_template AS
      SELECT (row_number() OVER (PARTITION BY bucket ORDER BY d.id))::int AS k, x.bucket, d.procedure_code,
        d.procedure_version_id, d.channel, d.state, d.status_code, d.summary, d.set_count, d.papers, d.version,
        d.state_json, d.code IS NOT NULL AS received,
        coalesce(d.received_at, d.created_at) AS t0, d.received_at, d.due_at, d.original_due_at, d.rescheduled_due_at,
        d.resolved_at, d.delivered_at, d.created_at, d.updated_at,
        CASE a.username WHEN 'tiepnhan' THEN 'COUNTER_OFFICER' WHEN 'chuyenvien' THEN 'SPECIALIST'
          WHEN 'lanhdao' THEN 'UNIT_LEADER' END AS assignee_role
      FROM dossier d LEFT JOIN app_user a ON a.id = d.assignee_id,
      LATERAL (SELECT CASE WHEN now() - coalesce(d.received_at, d.created_at) < interval '7 days' THEN 0
        WHEN now() - coalesce(d.received_at, d.created_at) < interval '30 days' THEN 1
        WHEN now() - coalesce(d.received_at, d.created_at) < interval '90 days' THEN 2 ELSE 3 END AS bucket) x`.execute(
      db,
    );
    await sql`CREATE TABLE bench_bucket AS SELECT bucket, count(*)::int AS n FROM bench_template GROUP BY 1`.execute(
      db,
    );
    await sql`CREATE UNIQUE INDEX ON bench_template (bucket, k)`.execute(db);
    await sql`ANALYZE bench_template`.execute(db);

    // Drop what slows a bulk load: secondary indexes, the unique code constraint, foreign keys (kept for rebuild),
    // of the dossier and of its search rows (the insert trigger writes those).
    const indexes = await sql<{ name: string; def: string }>`SELECT indexname AS name, indexdef AS def FROM pg_indexes
      WHERE tablename IN ('dossier', 'dossier_search')
        AND indexname NOT IN ('dossier_pkey', 'dossier_code_key', 'dossier_search_pkey')`.execute(db);
    const fks = await sql<{ table: string; name: string; def: string }>`SELECT conrelid::regclass::text AS table,
        conname AS name, pg_get_constraintdef(oid) AS def
      FROM pg_constraint WHERE conrelid IN ('dossier'::regclass, 'dossier_search'::regclass) AND contype = 'f'`.execute(
      db,
    );
    for (const i of indexes.rows) await sql.raw(`DROP INDEX ${i.name}`).execute(db);
    for (const f of fks.rows) await sql.raw(`ALTER TABLE ${f.table} DROP CONSTRAINT ${f.name}`).execute(db);
    await sql`ALTER TABLE dossier DROP CONSTRAINT dossier_code_key`.execute(db);

    const U = units.rows.length;
    const D = days.length;
    const N = DOSSIERS;
    info.units = U;
    info.workingDays = D;
    info.fromDate = days[0];
    const fam = familySlots;
    t0 = performance.now();
    for (let a = 0; a < N; a += CHUNK) {
      const b = Math.min(N, a + CHUNK) - 1;
      const c0 = performance.now();
      await sql`
        INSERT INTO dossier (id, code, unit_id, procedure_code, procedure_version_id, channel, state, status_code,
          applicant_name, applicant_phone, phone_last4, id_last4, applicant, summary, set_count, papers, submitted_by,
          received_by, assignee_id, received_at, due_at, original_due_at, rescheduled_due_at, resolved_at,
          delivered_at, version, state_json, created_at, updated_at)
        SELECT ('00000000-0000-4000-8000-' || lpad(to_hex(g.i), 12, '0'))::uuid,
          CASE WHEN t.received THEN u.code || '-' || to_char(dd.d, 'YYMMDD') || '-' ||
            lpad((((g.i - (g.day * ${N}::bigint + ${D - 1}) / ${D}) / ${U}) + 101)::text, 4, '0') END,
          u.id, t.procedure_code, t.procedure_version_id, t.channel, t.state, t.status_code,
          p.name, p.phone, right(p.phone, 4), lpad((g.h % 10000)::text, 4, '0'),
          jsonb_build_object('type', 'PERSON', 'name', p.name, 'phone', p.phone,
            'idNumber', '001' || lpad((g.h % 1000000000)::text, 9, '0')),
          t.summary, t.set_count, t.papers, NULL, rcv.user_id,
          CASE WHEN t.assignee_role IS NOT NULL THEN asg.user_id END,
          t.received_at + s.shift, t.due_at + s.shift, t.original_due_at + s.shift, t.rescheduled_due_at + s.shift,
          t.resolved_at + s.shift, t.delivered_at + s.shift, t.version, t.state_json,
          t.created_at + s.shift, t.updated_at + s.shift
        FROM (SELECT i, (i * ${D}::bigint / ${N}) AS day, (i * 2654435761) % 4294967296 AS h,
                ((i + 97) * 40503 + 12345) % 1000003 AS h2
              FROM generate_series(${a}::bigint, ${b}::bigint) AS i) g
        JOIN bench_day dd ON dd.idx = g.day
        JOIN bench_unit u ON u.idx = g.i % ${U}
        CROSS JOIN LATERAL (SELECT CASE WHEN current_date - dd.d < 7 THEN 0 WHEN current_date - dd.d < 30 THEN 1
          WHEN current_date - dd.d < 90 THEN 2 ELSE 3 END AS bucket) bk
        JOIN bench_bucket bb ON bb.bucket = bk.bucket
        JOIN bench_template t ON t.bucket = bk.bucket AND t.k = 1 + g.h2 % bb.n
        CROSS JOIN LATERAL (SELECT
            (${fam}::text[])[1 + g.h % ${fam.length}] || ' ' || (${middles}::text[])[1 + (g.h / 100) % ${middles.length}] || ' ' ||
              (${givens}::text[])[1 + (g.h / 2000) % ${givens.length}] AS name,
            '0' || (ARRAY['9','8','3','7','5'])[1 + g.h2 % 5] || lpad(((g.i * 7919 + 12345) % 100000000)::text, 8, '0') AS phone) p
        CROSS JOIN LATERAL (SELECT (dd.d + make_interval(mins => CASE WHEN g.h2 % 480 < 270 THEN 420 + g.h2 % 480
            ELSE 810 + g.h2 % 480 - 270 END::int)) AT TIME ZONE 'Asia/Ho_Chi_Minh' - t.t0 AS shift) s
        JOIN bench_officer rcv ON rcv.unit_idx = u.idx AND rcv.role = 'COUNTER_OFFICER' AND rcv.k = 0
        LEFT JOIN bench_officer_count oc ON oc.unit_idx = u.idx AND oc.role = t.assignee_role
        LEFT JOIN bench_officer asg ON asg.unit_idx = u.idx AND asg.role = t.assignee_role AND asg.k = g.h % oc.n
        `.execute(db);
      say(`rows ${b + 1}/${N} (${(CHUNK / ((performance.now() - c0) / 1000)).toFixed(0)} rows/s)`);
    }
    info.insertSeconds = secs(t0);
    info.rows = Number((await sql<{ n: string }>`SELECT count(*) AS n FROM dossier`.execute(db)).rows[0]!.n);
    info.heapBytesBeforeIndexes = Number(
      (await sql<{ n: string }>`SELECT pg_total_relation_size('dossier') AS n`.execute(db)).rows[0]!.n,
    );

    t0 = performance.now();
    await sql`SET maintenance_work_mem = '1GB'`.execute(db);
    const timings: Record<string, number> = {};
    const ddl = async (name: string, text: string) => {
      const c = await h.pool.connect();
      try {
        await c.query(`SET maintenance_work_mem = '1GB'`);
        const c0 = performance.now();
        await c.query(text);
        timings[name] = secs(c0);
        say(`${name}: ${timings[name]} s`);
      } finally {
        c.release();
      }
    };
    await ddl('dossier_code_key', 'ALTER TABLE dossier ADD CONSTRAINT dossier_code_key UNIQUE (code)');
    for (const i of indexes.rows) await ddl(i.name, i.def);
    for (const f of fks.rows) {
      await ddl(f.name, `ALTER TABLE ${f.table} ADD CONSTRAINT ${f.name} ${f.def} NOT VALID`);
      await ddl(`${f.name} (validate)`, `ALTER TABLE ${f.table} VALIDATE CONSTRAINT ${f.name}`);
    }
    info.indexSeconds = secs(t0);
    info.indexTimings = timings;
    t0 = performance.now();
    await ddl('vacuum analyze', 'VACUUM (ANALYZE) dossier, dossier_search');
    info.vacuumSeconds = secs(t0);
    info.totalSeconds = secs(started);
    info.filledAt = new Date().toISOString();
    await sql`INSERT INTO bench_fill (status, info) VALUES ('complete', ${JSON.stringify(info)}::jsonb)`.execute(db);
    return info;
  } finally {
    await h.close();
  }
}

async function sizes(db: Db) {
  const r = await sql<{ db: string; table: string; heap: string; toast: string; indexes: string }>`SELECT
      pg_size_pretty(pg_database_size(current_database())) AS db,
      pg_size_pretty(pg_total_relation_size('dossier')) AS "table",
      pg_size_pretty(pg_relation_size('dossier')) AS heap,
      pg_size_pretty(pg_total_relation_size(reltoastrelid)) AS toast,
      pg_size_pretty(pg_indexes_size('dossier')) AS indexes
    FROM pg_class WHERE oid = 'dossier'::regclass`.execute(db);
  const idx = await sql<{ name: string; size: string }>`SELECT indexrelid::regclass::text AS name,
      pg_size_pretty(pg_relation_size(indexrelid)) AS size FROM pg_index
    WHERE indrelid IN ('dossier'::regclass, 'dossier_search'::regclass)
    ORDER BY pg_relation_size(indexrelid) DESC`.execute(db);
  return { ...r.rows[0]!, each: idx.rows.map((x) => `${x.name} ${x.size}`).join(', ') };
}

// ---------------------------------------------------------------------------------------------------------------
let port = 0;
const client = httpClient(() => port);
const { send } = client;
const login = async (username: string) => (await client.login(username)).headers;

let child: ReturnType<typeof spawn> | undefined;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-data-'));
try {
  const df = spawnDf();
  say(`disk: ${df}`);
  let state = process.env.REFILL === '1' ? 'partial' : await fillState();
  if (state === 'partial') say(`${dbName} exists without a finished fill: starting again`);
  let info: Record<string, unknown>;
  if (state === 'none' || state === 'partial') {
    say(
      `filling ${dbName} with ${DOSSIERS.toLocaleString('en')} dossiers (load average ${os.loadavg()[0]!.toFixed(1)})`,
    );
    info = await fill();
    state = { rows: Number(info.rows), info };
    say(`filled in ${info.totalSeconds} s`);
  } else {
    info = state.info;
    say(`${dbName} already filled (${state.rows.toLocaleString('en')} rows on ${String(info.filledAt)}): reusing it`);
  }
  const h = connect(URL_10M, 2);
  const sz = await sizes(h.db);
  console.log(
    `fill: ${Number(info.rows).toLocaleString('en')} rows; templates ${info.templateSeconds} s, insert ${info.insertSeconds} s, constraints and indexes ${info.indexSeconds} s (${JSON.stringify(info.indexTimings)}), vacuum analyze ${info.vacuumSeconds} s, total ${info.totalSeconds} s`,
  );
  console.log(
    `disk: database ${sz.db}; dossier ${sz.table} (heap ${sz.heap}, toast ${sz.toast}, indexes ${sz.indexes})`,
  );
  console.log(`  indexes: ${sz.each}`);
  if (process.env.FILL_ONLY === '1') {
    await h.close();
  } else await measure(h.db, info);
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  client.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

async function measure(db: Db, info: Record<string, unknown>) {
  const h = { db };

  port = Number(process.env.PORT ?? 3303);
  child = spawn(process.execPath, await serverArgs(), {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: URL_10M,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ALLOW_DEMO_ACCOUNTS: 'true',
      JOBS_WORKER: 'false',
      DEMO_DOSSIERS: '0',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    if (i > 1200) throw new Error('server not ready after 120 s');
    try {
      if ((await send('GET', '/ready')).status === 200) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }

  let seed = 0x10e7;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;
  const units = (
    await sql<{ idx: number; id: string; code: string }>`SELECT * FROM bench_unit ORDER BY idx`.execute(h.db)
  ).rows;
  const specialists = (
    await sql<{ username: string; id: string; unitId: string }>`SELECT a.username, a.id, u.id AS "unitId"
      FROM bench_officer o JOIN app_user a ON a.id = o.user_id JOIN bench_unit u ON u.idx = o.unit_idx
      WHERE o.role = 'SPECIALIST' ORDER BY a.username = 'chuyenvien' DESC, a.username LIMIT 8`.execute(h.db)
  ).rows;
  const sessions = new Map<string, Record<string, string>>();
  for (const s of specialists) sessions.set(s.username, await login(s.username));
  const adminSession = await login('admin');
  const officer = await login('tiepnhan');
  const meLinh = units.find((u) => u.code === '000.00.L7.H26')!;
  // Names and codes that exist: sampled from the table (a block sample, cheap).
  const sample = (
    await sql<{ name: string; code: string | null; unitId: string; phone: string }>`SELECT applicant_name AS name,
      code, unit_id AS "unitId", applicant_phone AS phone FROM dossier TABLESAMPLE SYSTEM (0.01) LIMIT 2000`.execute(
      h.db,
    )
  ).rows;
  // Names in the first specialist's queue, and names from anywhere (most of them in nobody's queue).
  const queued = (
    await sql<{
      name: string;
    }>`SELECT applicant_name AS name FROM dossier WHERE assignee_id = ${specialists[0]!.id}::uuid
      LIMIT 50`.execute(h.db)
  ).rows.map((r) => r.name);
  const accentFree = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D')
      .toLowerCase();

  const kinds: Record<string, () => { url: string; headers: Record<string, string> }> = {
    'assigned (specialist queue)': () => {
      const s = rand() < 0.5 ? specialists[0]! : pick(specialists);
      return { url: '/api/v1/dossiers?view=assigned', headers: sessions.get(s.username)! };
    },
    'assigned, q=name': () => {
      const name = rand() < 0.5 && queued.length ? pick(queued) : pick(sample).name;
      const q = rand() < 0.5 ? name : accentFree(name.split(' ').slice(-2).join(' '));
      return {
        url: `/api/v1/dossiers?view=assigned&q=${encodeURIComponent(q)}`,
        headers: sessions.get(specialists[0]!.username)!,
      };
    },
    'unit, state=active': () =>
      rand() < 0.3
        ? { url: `/api/v1/dossiers?unitId=${meLinh.id}&state=active`, headers: officer }
        : { url: `/api/v1/dossiers?unitId=${pick(units).id}&state=active`, headers: adminSession },
    'search q=name': () => {
      const r = pick(sample);
      const parts = r.name.split(' ');
      const x = rand();
      const q = x < 0.5 ? r.name : x < 0.8 ? accentFree(r.name) : `${parts[0]} ${parts.at(-1)}`;
      return { url: `/api/v1/dossiers?unitId=${r.unitId}&q=${encodeURIComponent(q)}`, headers: adminSession };
    },
    'search q=code prefix': () => {
      const r = pick(sample.filter((x) => x.code));
      const code = r.code!;
      const q = rand() < 0.5 ? code : code.slice(0, code.length - 5); // whole code, or the day's prefix
      return { url: `/api/v1/dossiers?unitId=${r.unitId}&q=${encodeURIComponent(q)}`, headers: adminSession };
    },
  };

  const load0 = os.loadavg()[0]!;
  const results: Record<string, number[]> = {};
  const counts: Record<string, number[]> = {};
  for (const [kind, make] of Object.entries(kinds)) {
    for (let i = 0; i < 20; i++) {
      const q = make();
      await send('GET', q.url, undefined, q.headers);
    }
    const xs: number[] = [];
    const ns: number[] = [];
    for (let i = 0; i < REQUESTS; i++) {
      const q = make();
      const t0 = performance.now();
      const r = await send('GET', q.url, undefined, q.headers);
      xs.push(performance.now() - t0);
      if (r.status !== 200) throw new Error(`${q.url}: ${r.status} ${r.body.slice(0, 200)}`);
      ns.push((JSON.parse(r.body) as { items: unknown[] }).items.length);
    }
    results[kind] = xs.sort((a, b) => a - b);
    counts[kind] = ns;
  }
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const active = await sql<{ n: string }>`SELECT count(*) AS n FROM dossier WHERE assignee_id IS NOT NULL`.execute(
    h.db,
  );
  console.log(
    `queues and search over HTTP with ${Number(info.rows).toLocaleString('en')} dossiers (${Number(active.rows[0]!.n).toLocaleString('en')} in someone's queue), ${REQUESTS} sequential requests per kind after 20 warm-up`,
  );
  console.log('  kind                          p50 ms   p95 ms   p99 ms   max ms   items/page');
  for (const [kind, xs] of Object.entries(results)) {
    const avg = counts[kind]!.reduce((a, b) => a + b, 0) / counts[kind]!.length;
    console.log(
      `  ${kind.padEnd(28)} ${pct(xs, 50).toFixed(1).padStart(7)} ${pct(xs, 95).toFixed(1).padStart(8)} ${pct(xs, 99).toFixed(1).padStart(8)} ${xs.at(-1)!.toFixed(1).padStart(8)}   ${avg.toFixed(1)}`,
    );
  }

  // The same SQL as queries.ts listDossiers (copied), explained.
  const base = `SELECT d.id, d.code, d.unit_id, u.name, d.procedure_code, p.name, d.state_json
    FROM dossier d JOIN unit u ON u.id = d.unit_id LEFT JOIN procedure p ON p.code = d.procedure_code WHERE true`;
  const order = `ORDER BY coalesce(d.due_at, '9999-12-31T00:00:00.000Z'::timestamptz), d.id LIMIT 51`;
  const active9 = `ARRAY['RECEIVED','ASSIGNED','IN_STEP','HANDED_OFF','SENT_BACK','COORDINATING','AWAITING_PAYMENT','AWAITING_SUPPLEMENT','SUPPLEMENT_SUBMITTED']`;
  const s0 = sample.find((x) => x.code)!;
  const explains: [string, string][] = [
    ['assigned', `${base} AND d.assignee_id = '${specialists[0]!.id}'::uuid ${order}`],
    [
      'assigned q=name',
      `${base} AND d.assignee_id = '${specialists[0]!.id}'::uuid AND (SELECT s.search_text FROM dossier_search s WHERE s.dossier_id = d.id) LIKE '%' || search_text('${s0.name.split(' ').slice(-2).join(' ')}') || '%' ${order}`,
    ],
    [
      'unit active',
      `${base} AND d.unit_id = ANY(ARRAY['${meLinh.id}']::uuid[]) AND d.state = ANY(${active9}) ${order}`,
    ],
    [
      'q=name',
      `${base} AND d.unit_id = ANY(ARRAY['${s0.unitId}']::uuid[]) AND d.id IN (SELECT s.dossier_id FROM dossier_search s WHERE s.search_text LIKE '%' || search_text('${s0.name}') || '%' AND s.unit_id = ANY(ARRAY['${s0.unitId}']::uuid[])) ${order}`,
    ],
    [
      'q=code prefix',
      `${base} AND d.unit_id = ANY(ARRAY['${s0.unitId}']::uuid[]) AND d.code LIKE '${s0.code!.slice(0, -5)}%' ${order}`,
    ],
  ];
  for (const [name, q] of explains) {
    const plan = await sql.raw<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${q}`).execute(h.db);
    const lines = plan.rows.map((r) => r['QUERY PLAN']);
    console.log(`EXPLAIN ${name}:`);
    for (const l of lines.filter((l) => !/^\s*(Planning|Output)/.test(l) || /Planning Time/.test(l)).slice(0, 24))
      console.log(`    ${l.slice(0, 160)}`);
  }
  const cpu = os.cpus();
  const mem = await sql<{ sb: string; ecs: string }>`SELECT current_setting('shared_buffers') AS sb,
    current_setting('effective_cache_size') AS ecs`.execute(h.db);
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; PostgreSQL shared_buffers ${mem.rows[0]!.sb}, effective_cache_size ${mem.rows[0]!.ecs}; load average ${load0.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}`,
  );
  await db.destroy();
}

function spawnDf(): string {
  try {
    return execFileSync('df', ['-h', '--output=avail,size', '/var/lib/postgresql'], { encoding: 'utf8' })
      .replace(/\s+/g, ' ')
      .trim();
  } catch {
    return 'unknown';
  }
}
