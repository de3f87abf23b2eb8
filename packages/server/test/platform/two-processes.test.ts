import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { spawn, type ChildProcess } from 'node:child_process';
import { projectRoot } from '../../src/platform/config';
import { createTestDatabase, type TestDatabase } from '../support/testDb';

// Several server processes behind a load balancer share one PostgreSQL: a session made on one is valid on
// the other, and a job enqueued by a web-only process is run by a worker process.
let database: TestDatabase;
const servers: ChildProcess[] = [];

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

async function startServer(name: string, env: Record<string, string>): Promise<string> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: projectRoot,
    env: {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATABASE_URL: database.url,
      PORT: String(port),
      PROCESS_NAME: name,
      ...env,
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  servers.push(child);
  const base = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`${name} exited`);
    try {
      if ((await fetch(`${base}/ready`)).ok) return base;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${name} did not become ready`);
}

let a: string;
let b: string;
before(async () => {
  database = await createTestDatabase();
  [a, b] = await Promise.all([
    startServer('web-only', { JOBS_WORKER: 'false' }),
    startServer('worker', { JOBS_WORKER: 'true' }),
  ]);
});
after(async () => {
  for (const s of servers) s.kill('SIGTERM');
  await Promise.all(servers.map((s) => (s.exitCode === null ? new Promise((r) => s.once('exit', r)) : null)));
  await database.drop();
});

test('a session opened on one process is valid on the other, and a job enqueued on one runs on the worker', async () => {
  const login = await fetch(`${a}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'motcua-demo' }),
  });
  assert.equal(login.status, 200);
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const { csrfToken } = (await login.json()) as { csrfToken: string };

  const me = await fetch(`${b}/api/v1/auth/me`, { headers: { cookie } });
  assert.equal(me.status, 200);
  assert.equal(((await me.json()) as { user: { username: string } }).user.username, 'admin');

  const enqueued = await fetch(`${a}/api/v1/audit/anchors`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  assert.equal(enqueued.status, 202);

  let createdBy: string | undefined;
  for (let i = 0; i < 100 && !createdBy; i++) {
    const res = await fetch(`${a}/api/v1/audit/anchors`, { headers: { cookie } });
    const list = (await res.json()) as { items: { createdBy: string }[] };
    createdBy = list.items[0]?.createdBy;
    if (!createdBy) await new Promise((r) => setTimeout(r, 200));
  }
  assert.equal(createdBy, 'worker', 'the anchor job ran on the worker process, not on the web-only one');

  const logout = await fetch(`${b}/api/v1/auth/logout`, {
    method: 'POST',
    headers: { cookie, 'x-csrf-token': csrfToken },
  });
  assert.equal(logout.status, 204);
  const after = await fetch(`${a}/api/v1/auth/me`, { headers: { cookie } });
  assert.equal(after.status, 401, 'logout on one process ends the session on both');
});
