/**
 * Citizen tracking, GET /api/v1/public/dossiers/:code?check=NNNN, through the real HTTP server at a constant
 * RATE requests/s (open loop: requests leave on schedule whether or not earlier ones have answered, and latency
 * counts from the scheduled time, so a stall shows up instead of slowing the load). Budget: p99 ≤ 20 ms at 1,000/s.
 *
 *   DATABASE_URL=postgres://postgres@127.0.0.1:5432/motcua_bench_tracking node --import tsx bench/tracking.bench.ts
 *   node --import tsx bench/tracking.bench.ts        # embedded PostgreSQL in a temporary folder
 *
 * DATABASE_URL names an empty database: the server's first start loads the demo data with DEMO_DOSSIERS (default
 * 5000 here) generated dossiers, whose codes and last four digits are then looked up: 90% right, 5% with wrong
 * digits, 5% unknown codes (both 404). The per-IP limit of the public lookup (30/min) would refuse almost all of
 * this load from one address, so the server runs with PUBLIC_LOOKUP_LIMIT_PER_MINUTE=0 (off) unless LOOKUP_LIMIT
 * is set (e.g. 100000000 to measure the cost of the counter itself).
 * Options (env): RATE (1000), DURATION_S (30), WARMUP_S (5), PORT (3302), DEMO_DOSSIERS (5000), LOOKUP_LIMIT (0),
 * SERVER_NODE_ARGS (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof` to profile the server).
 */
import os from 'node:os';
import http from 'node:http';
import { benchDatabase, query, type BenchDatabase } from './support/database';
import { serverNodeArgs, startServer, type BenchServer } from './support/server';

const RATE = Number(process.env.RATE ?? 1000);
const DURATION_MS = Number(process.env.DURATION_S ?? 30) * 1000;
const WARMUP_MS = Number(process.env.WARMUP_S ?? 5) * 1000;

const agent = new http.Agent({ keepAlive: true, maxSockets: 512 });
let port = 0;

function get(url: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method: 'GET', path: url, agent }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', reject);
    req.end();
  });
}

let db: BenchDatabase | undefined;
let server: BenchServer | undefined;
try {
  db = await benchDatabase(process.env.DATABASE_URL);
  const dbUrl = db.url;
  port = Number(process.env.PORT ?? 3302);
  const started = performance.now();
  server = await startServer(
    dbUrl,
    port,
    {
      DEMO_DOSSIERS: process.env.DEMO_DOSSIERS ?? '5000',
      PUBLIC_LOOKUP_LIMIT_PER_MINUTE: process.env.LOOKUP_LIMIT ?? '0',
    },
    { nodeArgs: serverNodeArgs(), readySeconds: 300 },
  );
  const readyMs = performance.now() - started;

  const rows = await query(
    dbUrl,
    `SELECT code, phone_last4 AS phone, id_last4 AS id FROM dossier WHERE code IS NOT NULL ORDER BY code`,
  );
  if (rows.length === 0) throw new Error('no dossiers with a code: start on an empty database (DEMO_DOSSIERS > 0)');
  let seed = 0x7eac;
  const rand = () => {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    return seed / 0x80000000;
  };
  const urls: string[] = [];
  for (let i = 0; i < 20_000; i++) {
    const r = rows[Math.floor(rand() * rows.length)]!;
    const x = rand();
    const check = x < 0.9 ? ((rand() < 0.7 ? r.phone : r.id) ?? r.phone ?? r.id) : x < 0.95 ? '0000' : r.phone;
    const code = x >= 0.95 ? String(r.code).replace(/-\d{4}$/, '-9999') : r.code;
    urls.push(`/api/v1/public/dossiers/${encodeURIComponent(code)}?check=${check}`);
  }

  /** Sends at RATE/s for `ms`; returns latencies from each request's scheduled time and from its actual send. */
  async function openLoop(ms: number, record: boolean) {
    const fromSchedule: number[] = [];
    const fromSend: number[] = [];
    const statuses = new Map<number, number>();
    const pending = new Set<Promise<void>>();
    let errors = 0;
    const t0 = performance.now();
    const total = Math.floor((ms / 1000) * RATE);
    let sent = 0;
    let maxInFlight = 0;
    while (sent < total) {
      const now = performance.now();
      const due = Math.min(total, Math.floor(((now - t0) / 1000) * RATE) + 1);
      for (; sent < due; sent++) {
        const scheduled = t0 + (sent * 1000) / RATE;
        const start = performance.now();
        const p = get(urls[sent % urls.length]!)
          .then((status) => {
            const end = performance.now();
            if (record) {
              fromSchedule.push(end - scheduled);
              fromSend.push(end - start);
              statuses.set(status, (statuses.get(status) ?? 0) + 1);
            }
          })
          .catch(() => {
            errors++;
          })
          .finally(() => pending.delete(p));
        pending.add(p);
      }
      maxInFlight = Math.max(maxInFlight, pending.size);
      await new Promise((r) => setImmediate(r));
    }
    await Promise.all(pending);
    return { fromSchedule, fromSend, statuses, errors, elapsed: performance.now() - t0, maxInFlight };
  }

  await openLoop(WARMUP_MS, false);
  const load0 = os.loadavg()[0]!;
  const r = await openLoop(DURATION_MS, true);
  const sorted = (xs: number[]) => xs.sort((a, b) => a - b);
  const a = sorted(r.fromSchedule);
  const b = sorted(r.fromSend);
  const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor((p / 100) * xs.length))]!;
  const cpu = os.cpus();
  console.log(
    `public tracking GET /api/v1/public/dossiers/:code?check= — open loop at ${RATE}/s for ${(DURATION_MS / 1000).toFixed(0)} s after ${WARMUP_MS / 1000} s warm-up`,
  );
  console.log(
    `server ready in ${(readyMs / 1000).toFixed(1)} s (first start: migrations, demo data, ${process.env.DEMO_DOSSIERS ?? '5000'} generated dossiers); ${rows.length} codes`,
  );
  console.log(
    `${a.length} requests in ${(r.elapsed / 1000).toFixed(1)} s = ${((a.length / r.elapsed) * 1000).toFixed(0)}/s; status ${[...r.statuses].map(([s, n]) => `${s}×${n}`).join(' ')}; errors ${r.errors}; max in flight ${r.maxInFlight}`,
  );
  console.log(
    `latency from schedule ms: p50 ${pct(a, 50).toFixed(2)}  p95 ${pct(a, 95).toFixed(2)}  p99 ${pct(a, 99).toFixed(2)}  max ${a.at(-1)!.toFixed(2)}  (budget p99 ≤ 20 ms)`,
  );
  console.log(
    `latency from send ms:     p50 ${pct(b, 50).toFixed(2)}  p95 ${pct(b, 95).toFixed(2)}  p99 ${pct(b, 99).toFixed(2)}  max ${b.at(-1)!.toFixed(2)}`,
  );
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? '?'}, Node ${process.version}, load average ${load0.toFixed(1)} → ${os.loadavg()[0]!.toFixed(1)}; lookup limit ${process.env.LOOKUP_LIMIT ?? '0 (off)'}`,
  );
  console.log(`database: ${db.embedded ? 'embedded PostgreSQL' : 'DATABASE_URL'}`);
} finally {
  await server?.stop();
  agent.destroy();
  await db?.close();
}
