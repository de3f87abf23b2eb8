import { loadConfig } from './platform/config';
import { connect } from './platform/db';
import { openDatabase } from './platform/database';
import { migrate } from './platform/migrate';
import { lazyJobs } from './jobs/lazy';
import { buildApp } from './app';
import { loadDemoData, demoAccounts } from './seed/demo';
import { countUnits } from './units/store';
import { ensureCalendarReferenceData } from './calendar/referenceData';
import pino from 'pino';

const started = performance.now();
const config = loadConfig();
const say = (message: string) => process.stdout.write(`${message}\n`);

const database = await openDatabase(config);
const handle = connect(database.url);
let shuttingDown = false;

async function shutdown(code: number) {
  if (shuttingDown) return;
  shuttingDown = true;
  await app?.close().catch(() => {});
  await jobs?.stop().catch(() => {});
  await handle.close().catch(() => {});
  await database.embedded?.stop().catch(() => {});
  process.exit(code);
}
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));

let app: Awaited<ReturnType<typeof buildApp>> | undefined;
let jobs: ReturnType<typeof lazyJobs> | undefined;
try {
  await migrate(database.url);
  await ensureCalendarReferenceData(handle.db);
  if (config.demoData && (await countUnits(handle.db)) === 0) {
    say('Lần chạy đầu: nạp dữ liệu mẫu (Hà Nội, H26)…');
    await loadDemoData(handle.db, { progress: process.stdout.isTTY !== false });
  }
  const processName = process.env.PROCESS_NAME ?? `motcua-${process.pid}`;
  jobs = lazyJobs(database.url, handle.db, {
    worker: config.jobsWorker,
    processName,
    logger: pino({ level: config.logLevel === 'silent' ? 'silent' : 'warn' }),
  });
  app = await buildApp({ db: handle.db, config, jobs, processName });
  await app.listen({ port: config.port, host: config.host });
  // Workers start after the server answers: readiness does not wait for the queue.
  if (config.jobsWorker) jobs.start().catch((error) => app?.log.error({ err: error }, 'job queue did not start'));
} catch (error) {
  process.stderr.write(`motcua could not start: ${(error as Error).message}\n`);
  await shutdown(1);
}

const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
say('');
say(`motcua đang chạy tại ${url}  (API: ${url}/api/docs)`);
say(`Cơ sở dữ liệu: ${database.embedded ? `PostgreSQL nhúng, dữ liệu tại ${config.dataDir}` : 'DATABASE_URL'}`);
if (config.demoData && config.allowDemoAccounts) {
  say('Tài khoản mẫu (mật khẩu: motcua-demo):');
  for (const a of demoAccounts) say(`  ${a.username.padEnd(12)} ${a.description}`);
}
say(`Sẵn sàng sau ${((performance.now() - started) / 1000).toFixed(1)} s. Nhấn Ctrl+C để dừng.`);
