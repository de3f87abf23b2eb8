/**
 * Public procedure search through the real HTTP server over 5,000 procedures (the 1,500 real records of
 * seed-data/procedures.json loaded by the demo seed, plus 3,500 generated variants). Creates its own
 * embedded PostgreSQL in a temporary folder. Run: node --import tsx bench/catalog-search.bench.ts
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pino from 'pino';
import { startEmbeddedPostgres } from '../packages/server/src/platform/embeddedPostgres';
import { connect, withDatabase } from '../packages/server/src/platform/db';
import { migrate } from '../packages/server/src/platform/migrate';
import { loadConfig } from '../packages/server/src/platform/config';
import { buildApp } from '../packages/server/src/app';
import { lazyJobs } from '../packages/server/src/jobs/lazy';
import { loadDemoData } from '../packages/server/src/seed/demo';
import { importRecords } from '../packages/server/src/catalog/importer';
import { proceduresFile } from '../packages/server/src/catalog/seed';
import { freePort } from './support/database';

let seed = 0x5eed;
const rand = () => {
  seed = (seed * 1103515245 + 12345) & 0x7fffffff;
  return seed / 0x80000000;
};
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rand() * xs.length)]!;

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'motcua-bench-'));
const pg = await startEmbeddedPostgres(tmp, { port: await freePort() });
const url = withDatabase(pg.url, 'motcua_bench');
const admin = connect(pg.url, 1);
try {
  const { sql } = await import('kysely');
  await sql`CREATE DATABASE motcua_bench ENCODING 'UTF8' TEMPLATE template0`.execute(admin.db);
  await migrate(url);
  const h = connect(url, 10);
  let t0 = performance.now();
  await loadDemoData(h.db, { withAccounts: false });
  const seedMs = performance.now() - t0;

  // 3,500 variants of the real records: new codes 9.xxxxxx, a qualifier appended to the name.
  const real = JSON.parse(fs.readFileSync(proceduresFile, 'utf8')) as Record<string, unknown>[];
  const qualifiers = [
    '(cấp lại)',
    '(điều chỉnh)',
    'đối với tổ chức',
    'đối với cá nhân',
    'trong khu công nghiệp',
    'có yếu tố nước ngoài',
    '(gia hạn)',
  ];
  const variants = Array.from({ length: 3500 }, (_, i) => {
    const r = real[i % real.length]!;
    return {
      ...r,
      code: `9.${String(100000 + i).padStart(6, '0')}`,
      name: `${r.name as string} ${pick(qualifiers)}`,
      parse_warnings: [],
    };
  });
  t0 = performance.now();
  await h.db.transaction().execute((trx) =>
    importRecords(trx, variants, {
      dryRun: false,
      effectiveFrom: '2025-07-01',
      actor: { userId: null, name: 'bench' },
      auditEach: false,
    }),
  );
  const importMs = performance.now() - t0;
  const count = await sql<{ n: number }>`SELECT count(*)::int AS n FROM procedure`.execute(h.db);
  await sql`ANALYZE`.execute(h.db);
  const unit = await sql<{ id: string }>`SELECT id FROM unit WHERE name = 'Xã Mê Linh' AND valid_to IS NULL`.execute(
    h.db,
  );

  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
  const jobs = lazyJobs(url, h.db, { worker: false, processName: 'bench', logger: pino({ level: 'silent' }) });
  const app = await buildApp({ db: h.db, config, jobs, processName: 'bench' });
  const port = await freePort();
  await app.listen({ port, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${port}`;

  // Varied queries: exact names, prefixes, accent-free words, typos, codes, filters.
  const names = real.map((r) => r.name as string);
  const strip = (s: string) =>
    s
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/đ/g, 'd')
      .replace(/Đ/g, 'D');
  const typo = (s: string) => {
    const i = 1 + Math.floor(rand() * (s.length - 2));
    return s.slice(0, i) + s.slice(i + 1);
  };
  const words = (s: string, n: number) =>
    s
      .split(/\s+/)
      .slice(1, 1 + n)
      .join(' ');
  const queries: string[] = [];
  for (let i = 0; i < 400; i++) {
    const n = pick(names);
    const kind = i % 8;
    const q =
      kind === 0
        ? n.slice(0, 150)
        : kind === 1
          ? strip(words(n, 4))
          : kind === 2
            ? typo(strip(words(n, 4)))
            : kind === 3
              ? (real[Math.floor(rand() * real.length)]!.code as string)
              : kind === 4
                ? pick([
                    'khai sinh',
                    'dang ky ket hon',
                    'giay phep xay dung',
                    'dat dai',
                    'chung thuc',
                    'ho kinh doanh',
                    'dang ky khai snh',
                    'cap lai',
                  ])
                : kind === 5
                  ? strip(words(n, 2))
                  : kind === 6
                    ? words(n, 3)
                    : typo(words(n, 5));
    let qs = `q=${encodeURIComponent(q)}`;
    if (i % 5 === 0) qs += '&level=COMMUNE';
    if (i % 7 === 0) qs += `&unitId=${unit.rows[0]!.id}`;
    if (i % 11 === 0) qs += `&field=${encodeURIComponent('Hộ tịch')}`;
    queries.push(`/api/v1/procedures?${qs}&limit=20`);
  }
  queries.push('/api/v1/procedures?limit=50', '/api/v1/procedures/fields', '/api/v1/procedures/1.001193');

  for (const q of queries.slice(0, 50)) await (await fetch(base + q)).arrayBuffer(); // warm-up
  const times: number[] = [];
  for (const q of queries) {
    const s = performance.now();
    const res = await fetch(base + q);
    await res.arrayBuffer();
    times.push(performance.now() - s);
    if (res.status !== 200) throw new Error(`${q} → ${res.status}`);
  }
  times.sort((a, b) => a - b);
  const p = (x: number) => times[Math.min(times.length - 1, Math.floor((x / 100) * times.length))]!.toFixed(2);
  console.log(
    `procedures: ${count.rows[0]!.n}; demo seed (units + 1,500 procedures + processes) ${seedMs.toFixed(0)} ms; import of 3,500 variants ${importMs.toFixed(0)} ms`,
  );
  console.log(
    `search over HTTP, ${times.length} requests: p50 ${p(50)} ms, p95 ${p(95)} ms, p99 ${p(99)} ms, max ${times.at(-1)!.toFixed(2)} ms`,
  );
  await app.close();
  await jobs.stop();
  await h.close();
} catch (error) {
  console.error('bench failed:', (error as Error).stack);
  process.exitCode = 1;
} finally {
  await admin.close();
  await pg.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
}
