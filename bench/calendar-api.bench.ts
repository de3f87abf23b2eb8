/**
 * Requests/s and latency of GET /api/v1/calendar/due through the real HTTP server (a separate process, as in
 * production), over loopback, with a bounded concurrent fetch loop (no load-testing package).
 *
 *   node --import tsx bench/calendar-api.bench.ts                     # embedded PostgreSQL in a temp dir
 *   BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/postgres node --import tsx bench/calendar-api.bench.ts
 *
 * Options (env): CONCURRENCY (default 32), DURATION_S (default 10), MAX_REQUESTS (default 200000).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { serverArgs } from './support/server';
import { projectRoot } from '../packages/server/src/platform/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../packages/server/src/platform/embeddedPostgres';
import { withDatabase } from '../packages/server/src/platform/db';
import { freePort, query } from './support/database';

const CONCURRENCY = Number(process.env.CONCURRENCY ?? 32);
const DURATION_MS = Number(process.env.DURATION_S ?? 10) * 1000;
const MAX_REQUESTS = Number(process.env.MAX_REQUESTS ?? 200_000);

// Deterministic queries: starts over 2024–2027 at minute resolution, every duration unit, half of them for a unit.
function makeQueries(unitIds: string[], n: number): string[] {
  let seed = 0x2026;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const from = Date.parse('2024-01-01T00:00:00+07:00');
  const to = Date.parse('2027-12-01T00:00:00+07:00');
  const units = ['working_days', 'working_days', 'working_hours', 'calendar_days', 'same_day'] as const;
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const t = new Date(from + Math.floor((rand() * (to - from)) / 60_000) * 60_000 + 7 * 3_600_000);
    const start = `${t.toISOString().slice(0, 19)}%2B07:00`;
    const unit = units[Math.floor(rand() * units.length)]!;
    const amount =
      unit === 'working_hours' ? 1 + Math.floor(rand() * 40) : unit === 'same_day' ? 0 : 1 + Math.floor(rand() * 30);
    let q = `start=${start}&amount=${amount}&unit=${unit}`;
    if (rand() < 0.5) q += '&mode=end_of_day';
    if (rand() < 0.3) q += '&cutoff=15:00';
    if (rand() < 0.5 && unitIds.length) q += `&unitId=${unitIds[Math.floor(rand() * unitIds.length)]}`;
    out.push(`/api/v1/calendar/due?${q}`);
  }
  return out;
}

let embedded: EmbeddedDatabase | undefined;
let tmpDir: string | undefined;
let child: ReturnType<typeof spawn> | undefined;
let serverUrl: string;
const dbName = `motcua_bench_${process.pid}`;
try {
  if (process.env.BENCH_DATABASE_URL) serverUrl = process.env.BENCH_DATABASE_URL;
  else {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
    embedded = await startEmbeddedPostgres(tmpDir, { port: await freePort() });
    serverUrl = embedded.url;
  }
  await query(serverUrl, `CREATE DATABASE ${dbName} ENCODING 'UTF8' TEMPLATE template0`);
  const dbUrl = withDatabase(serverUrl, dbName);
  const port = await freePort();
  child = spawn(process.execPath, await serverArgs(), {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: dbUrl,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      JOBS_WORKER: 'false',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    if (child.exitCode !== null) throw new Error('server exited');
    if (i > 600) throw new Error('server not ready after 60 s');
    try {
      if ((await fetch(`${base}/ready`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  const unitIds = (await query(dbUrl, 'SELECT id FROM unit WHERE valid_to IS NULL ORDER BY code LIMIT 20')).map(
    (r) => r.id as string,
  );
  const queries = makeQueries(unitIds, 8192);

  // Warm-up: builds the calendars of the units and JIT-compiles both sides.
  for (let i = 0; i < 2000; i += CONCURRENCY) {
    await Promise.all(queries.slice(i, i + CONCURRENCY).map((q) => fetch(base + q).then((r) => r.arrayBuffer())));
  }

  const latencies: number[] = [];
  let next = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + DURATION_MS;
  async function worker() {
    while (next < MAX_REQUESTS && performance.now() < deadline) {
      const q = queries[next++ % queries.length]!;
      const t0 = performance.now();
      const res = await fetch(base + q);
      await res.arrayBuffer();
      latencies.push(performance.now() - t0);
      if (res.status !== 200) errors++;
    }
  }
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = performance.now() - started;
  latencies.sort((x, y) => x - y);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  const rps = (latencies.length / elapsed) * 1000;
  const cpu = os.cpus();
  console.log(
    `GET /api/v1/calendar/due — ${latencies.length} requests in ${(elapsed / 1000).toFixed(1)} s, concurrency ${CONCURRENCY}, errors ${errors}`,
  );
  console.log(`requests/s ${rps.toFixed(0)}`);
  console.log(
    `latency ms: p50 ${pct(50).toFixed(2)}  p95 ${pct(95).toFixed(2)}  p99 ${pct(99).toFixed(2)}  max ${latencies.at(-1)!.toFixed(2)}`,
  );
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, Node ${process.version}, load average ${os.loadavg()[0]!.toFixed(1)}`,
  );
  console.log(`database: ${embedded ? 'embedded PostgreSQL' : 'BENCH_DATABASE_URL'}`);
} finally {
  if (child && child.exitCode === null) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.once('exit', r));
  }
  await query(serverUrl!, `DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`).catch(() => {});
  await embedded?.stop().catch(() => {});
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}
