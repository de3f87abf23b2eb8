/**
 * The dossier write path through the real HTTP server (a separate process, as in production): CLIENTS concurrent
 * loops, each receiving a counter dossier (POST /api/v1/dossiers, the counter officer), taking it through three
 * steps of the internal process (ASSIGN → START_STEP → HAND_OFF ×3, by the unit leader), RESOLVE (leader) and
 * DELIVER (counter officer), every action with If-Match and a fresh Idempotency-Key, for DURATION_S seconds.
 * Each client signs in its own two sessions (since 2026-12-03: before, all clients shared two).
 * Then, on the same PostgreSQL server, pgbench (TPC-B, `-i -s 10` into a database of its own, `-c 8 -j 2 -T 30`)
 * as the yardstick: the budget is transitions/s ≥ 0.5 × pgbench tps and p99 ≤ 50 ms per transition.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench node --import tsx bench/dossier-lifecycle.bench.ts
 *   node --import tsx bench/dossier-lifecycle.bench.ts        # embedded PostgreSQL in a temporary folder
 *
 * DATABASE_URL names an empty database (the server migrates it and loads the demo data; DEMO_DOSSIERS defaults
 * to 0 here). Options (env): CLIENTS (50), DURATION_S (30), WARMUP_S (5), PORT (3301), PGBENCH (path),
 * PGBENCH_T (30), SKIP_PGBENCH=1, SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server).
 */
import fs from 'node:fs';
import os from 'node:os';
import { spawnSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { benchDatabase, query, type BenchDatabase } from './support/database';
import { withDatabase } from '../packages/server/src/platform/db';
import { serverNodeArgs, startServer, type BenchServer, type Reply, type Session } from './support/server';

const CLIENTS = Number(process.env.CLIENTS ?? 50);
const DURATION_MS = Number(process.env.DURATION_S ?? 30) * 1000;
const WARMUP_MS = Number(process.env.WARMUP_S ?? 5) * 1000;
const PGBENCH_T = Number(process.env.PGBENCH_T ?? 30);

let server: BenchServer | undefined;
const send: BenchServer['send'] = (...a) => server!.send(...a);
const login: BenchServer['login'] = (u) => server!.login(u);

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))] ?? NaN;

/** User and system CPU milliseconds of a process so far (Linux /proc, 100 Hz ticks). */
function cpuOf(pid: string): { user: number; system: number } {
  try {
    const f = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = f.slice(f.lastIndexOf(')') + 2).split(' ');
    return { user: Number(fields[11]) * 10, system: Number(fields[12]) * 10 };
  } catch {
    return { user: 0, system: 0 };
  }
}

/**
 * CPU milliseconds used so far by the server process (and its system share), all PostgreSQL processes and this
 * process (Linux /proc).
 */
function cpuNow(): { server: number; serverSystem: number; postgres: number; self: number } {
  const ticks = (pid: string) => {
    const c = cpuOf(pid);
    return c.user + c.system;
  };
  let postgres = 0;
  for (const pid of fs.readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      if (fs.readFileSync(`/proc/${pid}/comm`, 'utf8').trim() === 'postgres') postgres += ticks(pid);
    } catch {
      // gone meanwhile
    }
  }
  const u = process.cpuUsage();
  const s = server?.pid ? cpuOf(String(server.pid)) : { user: 0, system: 0 };
  return { server: s.user + s.system, serverSystem: s.system, postgres, self: (u.user + u.system) / 1000 };
}

function findPgbench(): string {
  const candidates = [process.env.PGBENCH, 'pgbench', '/usr/lib/postgresql/15/bin/pgbench'].filter(Boolean) as string[];
  for (const c of candidates) if (spawnSync(c, ['--version']).status === 0) return c;
  throw new Error('pgbench not found (set PGBENCH)');
}

let db: BenchDatabase | undefined;
let pgbenchDb: string | undefined;
try {
  db = await benchDatabase(process.env.DATABASE_URL);
  const dbUrl = db.url;
  const serverUrl = db.serverUrl;
  const started = performance.now();
  server = await startServer(
    dbUrl,
    Number(process.env.PORT ?? 3301),
    { DEMO_DOSSIERS: process.env.DEMO_DOSSIERS ?? '0' },
    { nodeArgs: serverNodeArgs(), maxSockets: CLIENTS + 8 },
  );
  const startMs = performance.now() - started;

  const unit = (await query(dbUrl, `SELECT id FROM unit WHERE code = '000.00.L7.H26' AND valid_to IS NULL`))[0]!
    .id as string;
  // A commune procedure received at the counter, with an approved internal process of at least three steps.
  const proc = (
    await query(
      dbUrl,
      `SELECT p.code FROM internal_process ip JOIN procedure_version v ON v.id = ip.procedure_version_id
       JOIN procedure p ON p.id = v.procedure_id
       WHERE ip.unit_id = $1 AND ip.status = 'APPROVED' AND jsonb_array_length(ip.steps) >= 3
         AND EXISTS (SELECT 1 FROM jsonb_array_elements(v.methods) m WHERE m->>'channel' = 'direct'
           AND m->'time'->>'unit' = 'working_days')
       ORDER BY p.code LIMIT 1`,
      [unit],
    )
  )[0]!.code as string;
  // Each client its own sessions, as each officer at a counter has: no two requests share a session lookup.
  const sessions: { counter: Session; leader: Session }[] = [];
  for (let k = 0; k < CLIENTS; k++) sessions.push({ counter: await login('tiepnhan'), leader: await login('lanhdao') });

  type Kind = 'RECEIVE' | 'ASSIGN' | 'START_STEP' | 'HAND_OFF' | 'RESOLVE' | 'DELIVER';
  const lat: Record<Kind, number[]> = {
    RECEIVE: [],
    ASSIGN: [],
    START_STEP: [],
    HAND_OFF: [],
    RESOLVE: [],
    DELIVER: [],
  };
  const errors = new Map<string, number>();
  let measuring = false;
  let stop = false;
  let delivered = 0;

  async function timed(kind: Kind, f: () => Promise<Reply>, expect: number): Promise<Reply> {
    const t0 = performance.now();
    const r = await f();
    const ms = performance.now() - t0;
    if (r.status !== expect) {
      const key = `${kind} ${r.status} ${r.body.slice(0, 120)}`;
      errors.set(key, (errors.get(key) ?? 0) + 1);
      throw new Error(key);
    }
    if (measuring) lat[kind].push(ms);
    return r;
  }

  async function client(k: number) {
    const { counter, leader } = sessions[k]!;
    let n = 0;
    while (!stop) {
      try {
        const rec = await timed(
          'RECEIVE',
          () =>
            send(
              'POST',
              '/api/v1/dossiers',
              {
                unitId: unit,
                procedureCode: proc,
                channel: 'COUNTER',
                applicant: { name: `Nguyễn Văn Bench ${k}-${n++}`, phone: '0987654321', idNumber: '001090001234' },
              },
              { ...counter.headers, 'idempotency-key': randomUUID() },
            ),
          201,
        );
        const d = JSON.parse(rec.body) as { id: string; version: number };
        let version = d.version;
        const act = async (kind: Kind, s: Session, payload: Record<string, unknown> = {}) => {
          const r = await timed(
            kind,
            () =>
              send(
                'POST',
                `/api/v1/dossiers/${d.id}/actions`,
                { type: kind, payload },
                { ...s.headers, 'if-match': `"${version}"`, 'idempotency-key': randomUUID() },
              ),
            200,
          );
          version = Number(/\d+/.exec(String(r.headers.etag))![0]);
        };
        for (let step = 1; step <= 3; step++) {
          await act('ASSIGN', leader, { stepId: `step-${step}`, assigneeUserId: leader.userId });
          await act('START_STEP', leader);
          await act('HAND_OFF', leader);
        }
        await act('RESOLVE', leader, {
          outcome: 'APPROVED',
          resultNumber: `${k}-${n}/GCN`,
          signerName: 'Lê Quang Dũng',
        });
        await act('DELIVER', counter, {
          method: 'COUNTER',
          recipient: { type: 'APPLICANT', name: 'Nguyễn Văn Bench' },
        });
        if (measuring) delivered++;
      } catch {
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  }

  const loops = Array.from({ length: CLIENTS }, (_, k) => client(k));
  await new Promise((r) => setTimeout(r, WARMUP_MS));
  const load0 = os.loadavg()[0]!;
  // Commits on the database during the window: each autocommit statement and each transaction counts one.
  const commits = async () =>
    Number(
      (await query(dbUrl, 'SELECT xact_commit FROM pg_stat_database WHERE datname = current_database()'))[0]!
        .xact_commit,
    );
  const commits0 = await commits();
  const cpu0 = cpuNow();
  measuring = true;
  const t0 = performance.now();
  await new Promise((r) => setTimeout(r, DURATION_MS));
  measuring = false;
  const elapsed = performance.now() - t0;
  const load1 = os.loadavg()[0]!;
  const commits1 = await commits();
  const cpu1 = cpuNow();
  stop = true;
  await Promise.all(loops);

  const all = Object.values(lat)
    .flat()
    .sort((a, b) => a - b);
  for (const xs of Object.values(lat)) xs.sort((a, b) => a - b);
  const tps = (all.length / elapsed) * 1000;
  const cpu = os.cpus();
  console.log(
    `dossier lifecycle over HTTP — ${CLIENTS} clients, ${(elapsed / 1000).toFixed(1)} s measured after ${WARMUP_MS / 1000} s warm-up; server ready in ${(startMs / 1000).toFixed(1)} s`,
  );
  console.log(`procedure ${proc} at Xã Mê Linh; ${delivered} dossiers delivered, ${all.length} transitions`);
  console.log(`transitions/s ${tps.toFixed(0)}  (dossiers/s ${((delivered / elapsed) * 1000).toFixed(1)})`);
  console.log(
    `database commits per transition ${((commits1 - commits0) / all.length).toFixed(1)} (autocommit statements + transactions, from pg_stat_database)`,
  );
  console.log('latency ms            n      p50     p95     p99     max');
  const row = (name: string, xs: number[]) =>
    console.log(
      `  ${name.padEnd(12)} ${String(xs.length).padStart(7)} ${pct(xs, 50).toFixed(1).padStart(8)} ${pct(xs, 95).toFixed(1).padStart(7)} ${pct(xs, 99).toFixed(1).padStart(7)} ${(xs.at(-1) ?? NaN).toFixed(1).padStart(8)}`,
    );
  row('all', all);
  for (const [k, xs] of Object.entries(lat)) row(k, xs);
  if (errors.size) for (const [k, v] of errors) console.log(`  errors: ${v} × ${k}`);
  const per = (a: number, b: number) => ((b - a) / all.length).toFixed(2);
  console.log(
    `CPU ms per transition: server ${per(cpu0.server, cpu1.server)} (system ${per(cpu0.serverSystem, cpu1.serverSystem)}), PostgreSQL ${per(cpu0.postgres, cpu1.postgres)} (all its processes on the machine), load generator ${per(cpu0.self, cpu1.self)}`,
  );

  // pgbench gets the machine to itself.
  await server.stop();
  server = undefined;

  if (process.env.SKIP_PGBENCH !== '1') {
    const bin = findPgbench();
    pgbenchDb = `motcua_pgbench_${process.pid}`;
    await query(serverUrl, `CREATE DATABASE ${pgbenchDb}`);
    const pgUrl = withDatabase(serverUrl, pgbenchDb);
    const init = spawnSync(bin, ['-i', '-s', '10', '-q', pgUrl], { encoding: 'utf8' });
    if (init.status !== 0) throw new Error(`pgbench -i: ${init.stderr}`);
    const run = spawnSync(bin, ['-c', '8', '-j', '2', '-T', String(PGBENCH_T), pgUrl], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`pgbench: ${run.stderr}`);
    const pgTps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(run.stdout)?.[1] ?? NaN);
    const pgLat = /latency average = ([\d.]+) ms/.exec(run.stdout)?.[1];
    console.log(
      `pgbench (TPC-B, -s 10, -c 8 -j 2 -T ${PGBENCH_T}) on the same server: ${pgTps.toFixed(0)} tps, latency average ${pgLat} ms`,
    );
    console.log(
      `ratio transitions/s ÷ pgbench tps = ${(tps / pgTps).toFixed(2)} (budget ≥ 0.5); p99 ${pct(all, 99).toFixed(1)} ms (budget ≤ 50 ms)`,
    );
  }
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, Node ${process.version}, load average ${load0.toFixed(1)} → ${load1.toFixed(1)} during the run, ${os.loadavg()[0]!.toFixed(1)} at the end`,
  );
  console.log(`database: ${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}`);
} finally {
  await server?.stop();
  if (pgbenchDb) await query(db!.serverUrl, `DROP DATABASE IF EXISTS ${pgbenchDb} WITH (FORCE)`).catch(() => {});
  await db?.close();
}
