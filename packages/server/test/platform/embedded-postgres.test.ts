import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import pg from 'pg';
import { projectRoot } from '../../src/platform/config';
import { startEmbeddedPostgres } from '../../src/platform/embeddedPostgres';

// `npm start` owns a PostgreSQL child process. If the Node process is killed (kill -9, OOM, power cut of the
// terminal), PostgreSQL is orphaned and keeps postmaster.pid; the next start must recover and keep the data.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-embedded-test-'));
after(() => fs.rmSync(dataDir, { recursive: true, force: true }));

const script = `
  import { startEmbeddedPostgres } from './packages/server/src/platform/embeddedPostgres.ts';
  import pg from 'pg';
  const db = await startEmbeddedPostgres(process.env.DIR);
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query('CREATE TABLE kept (v text)');
  await c.query("INSERT INTO kept VALUES ('written before the crash')");
  await c.end();
  console.log('READY');
  setInterval(() => {}, 1000);
`;

test('a PostgreSQL orphaned by a killed parent is stopped and restarted, and committed data survives', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
    cwd: projectRoot,
    env: { ...process.env, DIR: dataDir },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d) => String(d).includes('READY') && resolve());
    child.once('exit', (code) => reject(new Error(`child exited with ${code}`)));
  });
  child.kill('SIGKILL');
  await new Promise((r) => child.once('exit', r));

  const pidFile = path.join(dataDir, 'postgres', 'postmaster.pid');
  assert.ok(fs.existsSync(pidFile), 'the orphan left its postmaster.pid');
  const orphanPid = Number(fs.readFileSync(pidFile, 'utf8').split('\n')[0]);

  const db = await startEmbeddedPostgres(dataDir);
  try {
    assert.equal(db.shared, false, 'the orphan was not taken for a live server');
    assert.throws(() => process.kill(orphanPid, 0), 'the orphaned postmaster was stopped');
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    const rows = await c.query('SELECT v FROM kept');
    await c.end();
    assert.deepEqual(rows.rows, [{ v: 'written before the crash' }]);
  } finally {
    await db.stop();
  }
});
