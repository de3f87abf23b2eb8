/**
 * `npm test`: starts an embedded PostgreSQL (or uses TEST_DATABASE_URL's server), prepares a migrated
 * template database with the demo data, then runs every test file with node's test runner; each file copies
 * the template into a database of its own. `npm run test:browser` also starts the real server and runs the
 * browser tests against it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import net from 'node:net';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { projectRoot } from '../packages/server/src/platform/config';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '../packages/server/src/platform/embeddedPostgres';
import { connect, withDatabase } from '../packages/server/src/platform/db';
import { migrate } from '../packages/server/src/platform/migrate';
import { loadDemoData } from '../packages/server/src/seed/demo';
import { ensureCalendarReferenceData } from '../packages/server/src/calendar/referenceData';
process.env.MOTCUA_TEST_TEMPLATE ??= `motcua_test_template_${process.pid}`;
const { TEMPLATE_DB } = await import('../packages/server/test/support/testDb');

const browser = process.argv.includes('--browser');
const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));

function findTests(dir: string, out: string[] = []): string[] {
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) findTests(full, out);
    else if (entry.name.endsWith('.test.ts')) out.push(path.relative(projectRoot, full));
  }
  return out;
}

async function adminQuery(url: string, sql: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function prepareTemplate(serverUrl: string) {
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${TEMPLATE_DB} ENCODING 'UTF8' TEMPLATE template0`);
  const url = withDatabase(serverUrl, TEMPLATE_DB);
  await migrate(url);
  const handle = connect(url, 2);
  await ensureCalendarReferenceData(handle.db);
  // no generated dossiers in the template: tests count dossiers and codes
  await loadDemoData(handle.db, { progress: false, dossiers: 0 });
  await handle.close();
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as net.AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: projectRoot, env, stdio: 'inherit' });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

async function startServer(serverUrl: string, env: NodeJS.ProcessEnv) {
  const name = `motcua_browser_${process.pid}`;
  await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await adminQuery(serverUrl, `CREATE DATABASE ${name} TEMPLATE ${TEMPLATE_DB}`);
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'packages/server/src/main.ts'], {
    cwd: projectRoot,
    env: {
      ...env,
      DATABASE_URL: withDatabase(serverUrl, name),
      PORT: String(port),
      LOG_LEVEL: 'warn',
      NODE_ENV: 'test',
    },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const baseUrl = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${baseUrl}/ready`)).ok) break;
    } catch {
      /* not yet */
    }
    if (child.exitCode !== null) throw new Error('server exited before it was ready');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    baseUrl,
    databaseUrl: withDatabase(serverUrl, name),
    async stop() {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await adminQuery(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    },
  };
}

let embedded: EmbeddedDatabase | undefined;
const cleanup: (() => Promise<unknown>)[] = [];
let tmpDir: string | undefined;
let code = 1;
try {
  let serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    tmpDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-test-'));
    embedded = await startEmbeddedPostgres(tmpDir, { port: await freePort() });
    serverUrl = embedded.url;
    process.stdout.write(`Tests on embedded PostgreSQL (${tmpDir})\n`);
  } else {
    process.stdout.write(`Tests on external PostgreSQL (TEST_DATABASE_URL)\n`);
  }
  await prepareTemplate(serverUrl);
  const all = findTests(path.join(projectRoot, 'packages')).sort();
  const files = (only.length ? only : all).filter((f) => f.endsWith('.browser.test.ts') === browser);
  const env = { ...process.env, MOTCUA_TEST_SERVER_URL: serverUrl, NODE_ENV: 'test' };
  cleanup.push(() => adminQuery(serverUrl!, `DROP DATABASE IF EXISTS ${TEMPLATE_DB} WITH (FORCE)`));
  // Browser files one at a time: two Chromiums, the server and PostgreSQL on two cores made 20 s waits flaky.
  const concurrency = browser ? 1 : 2;
  const args = ['--import', 'tsx', '--test', `--test-concurrency=${concurrency}`, '--test-reporter=spec', ...files];
  if (browser) {
    const server = await startServer(serverUrl, env);
    try {
      // The server's own database, for a browser test that seeds what it shows (as the demo start would).
      code = await run(process.execPath, args, {
        ...env,
        MOTCUA_BASE_URL: server.baseUrl,
        MOTCUA_BROWSER_DATABASE_URL: server.databaseUrl,
      });
    } finally {
      await server.stop();
    }
  } else {
    code = await run(process.execPath, args, env);
  }
} catch (error) {
  process.stderr.write(`test runner failed: ${(error as Error).stack}\n`);
  code = 1;
} finally {
  for (const c of cleanup) await c().catch(() => {});
  await embedded?.stop().catch(() => {});
  if (tmpDir) fs.rmSync(tmpDir, { recursive: true, force: true });
}
process.exit(code);
