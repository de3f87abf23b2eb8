/**
 * Cold and warm start of `npm start` (scripts/start.mjs) on a fresh embedded PostgreSQL, and idle memory.
 * Run: node --import tsx bench/startup.ts   (writes nothing outside a temporary DATA_DIR)
 * Start time = process spawn until /ready answers; RSS of the Node process after 5 s idle (from /proc),
 * and /usr/bin/time -v's maximum RSS and elapsed time for the whole run.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { projectRoot } from '../packages/server/src/platform/config';

const port = 3917;
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));

function rssOf(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function run(label: string) {
  const started = performance.now();
  const child = spawn('/usr/bin/time', ['-v', process.execPath, 'scripts/start.mjs'], {
    cwd: projectRoot,
    env: { ...process.env, DATA_DIR: dataDir, PORT: String(port), LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  for (;;) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/ready`)).ok) break;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ready = (performance.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 5000));
  const nodePid = Number(fs.readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, 'utf8').trim().split(' ')[0]);
  const idleRss = rssOf(nodePid);
  process.kill(nodePid, 'SIGINT');
  await new Promise((r) => child.once('exit', r));
  const maxRss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? 0) / 1024;
  console.log(
    `${label.padEnd(5)} ready in ${ready.toFixed(2)} s; idle RSS of the Node process ${idleRss.toFixed(0)} MB; max RSS (time -v) ${maxRss.toFixed(0)} MB`,
  );
}

try {
  await run('cold');
  await run('warm');
  await run('warm');
} finally {
  fs.rmSync(dataDir, { recursive: true, force: true });
}
