/** A motcua server process for benchmarks, an HTTP client with keep-alive, login, and percentiles. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import http from 'node:http';
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../packages/server/src/platform/config';
import { serverBundle } from '../../scripts/serverBundle.mjs';

export interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface Session {
  userId: string;
  /** Cookie and CSRF token, for every request of this user. */
  headers: Record<string, string>;
}

export interface HttpClient {
  send(method: string, url: string, body?: unknown, headers?: Record<string, string>): Promise<Reply>;
  login(username: string): Promise<Session>;
  close(): void;
}

/** Keep-alive JSON requests to a local server; `port()` is read at each request (a server started later). */
export function httpClient(port: () => number, maxSockets = 16): HttpClient {
  const agent = new http.Agent({ keepAlive: true, maxSockets });
  const send = (method: string, url: string, body?: unknown, headers: Record<string, string> = {}) =>
    new Promise<Reply>((resolve, reject) => {
      const data = body === undefined ? undefined : JSON.stringify(body);
      const req = http.request(
        {
          host: '127.0.0.1',
          port: port(),
          method,
          path: url,
          agent,
          headers: {
            ...(data ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(data) } : {}),
            ...headers,
          },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () =>
            resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString() }),
          );
        },
      );
      req.on('error', reject);
      if (data) req.write(data);
      req.end();
    });
  return {
    send,
    async login(username) {
      const r = await send('POST', '/api/v1/auth/login', { username, password: 'motcua-demo' });
      if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${r.body}`);
      const cookie = ([] as string[])
        .concat(r.headers['set-cookie'] ?? [])
        .map((c) => c.split(';')[0])
        .join('; ');
      const j = JSON.parse(r.body) as { csrfToken: string; user: { id: string } };
      return { userId: j.user.id, headers: { cookie, 'x-csrf-token': j.csrfToken } };
    },
    close: () => agent.destroy(),
  };
}

export interface BenchServer extends Omit<HttpClient, 'close'> {
  /** The server's process id (CPU accounting from /proc). */
  pid: number | undefined;
  stop(): Promise<void>;
}

export interface ServerOptions {
  /** Node flags for the server, e.g. `--cpu-prof` (SERVER_NODE_ARGS of the benchmarks). */
  nodeArgs?: string[];
  /** Keep-alive sockets of the client (one per concurrent benchmark client). */
  maxSockets?: number;
  /** How long the first start may take (migrations, demo data). */
  readySeconds?: number;
}

/**
 * The arguments of a bench server process (cwd: the project root): `nodeArgs`, the event-loop probe when
 * BENCH_EVENT_LOOP=1 (utilisation, delay and GC pauses every 5 s, docs/performance.md), then what `npm start` runs —
 * the esbuild bundle (tsx's keep-names would add work to every closure) — or with BENCH_TSX=1 the TypeScript sources
 * through tsx.
 */
export async function serverArgs(nodeArgs: readonly string[] = []): Promise<string[]> {
  const probe = process.env.BENCH_EVENT_LOOP === '1' ? ['--import', './bench/support/event-loop-probe.mjs'] : [];
  const entry =
    process.env.BENCH_TSX === '1'
      ? ['--import', 'tsx', 'packages/server/src/main.ts']
      : ['--enable-source-maps', await serverBundle()];
  return [...nodeArgs, ...probe, ...entry];
}

/** The server's Node flags from SERVER_NODE_ARGS (space-separated). */
export const serverNodeArgs = () => (process.env.SERVER_NODE_ARGS ?? '').split(' ').filter(Boolean);

export async function startServer(
  databaseUrl: string,
  port: number,
  env: NodeJS.ProcessEnv = {},
  options: ServerOptions = {},
): Promise<BenchServer> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-data-'));
  const args = await serverArgs(options.nodeArgs);
  const child: ChildProcess = spawn(process.execPath, args, {
    cwd: projectRoot,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      DATA_DIR: dataDir,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'production',
      ALLOW_DEMO_ACCOUNTS: 'true',
      JOBS_WORKER: 'false',
      DEMO_DOSSIERS: '0',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const client = httpClient(() => port, options.maxSockets);
  await waitReady(client, () => child.exitCode !== null, options.readySeconds);
  return {
    send: client.send,
    login: client.login,
    pid: child.pid,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      client.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Polls /ready for up to `seconds`; `exited()` says the server process is gone. */
export async function waitReady(client: HttpClient, exited: () => boolean, seconds = 120): Promise<void> {
  for (let i = 0; ; i++) {
    if (exited()) throw new Error('server exited');
    if (i > seconds * 10) throw new Error(`server not ready after ${seconds} s`);
    try {
      if ((await client.send('GET', '/ready')).status === 200) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** p50 / p95 / p99 / max of milliseconds. */
export function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (q: number) => s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s[s.length - 1]! };
}

export const fmt = (p: ReturnType<typeof percentiles>) =>
  `p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms, p99 ${p.p99.toFixed(1)} ms, max ${p.max.toFixed(1)} ms`;
