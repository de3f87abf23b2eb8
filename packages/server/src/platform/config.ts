import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The folder of the root package.json, found from this module (source or bundle) so any cwd works. */
function findProjectRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const manifest = path.join(dir, 'package.json');
    if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, 'utf8')).name === 'motcua') return dir;
    if (path.dirname(dir) === dir) throw new Error('motcua project root not found');
  }
}

export const projectRoot = findProjectRoot(path.dirname(fileURLToPath(import.meta.url)));

export interface Config {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | undefined;
  nodeEnv: string;
  logLevel: string;
  demoData: boolean;
  allowDemoAccounts: boolean;
  jobsWorker: boolean;
  trustProxy: boolean;
  sessionTtlHours: number;
  bodyLimitBytes: number;
  publicUrl: string | undefined;
}

function bool(value: string | undefined, fallback: boolean): boolean {
  if (value === undefined || value === '') return fallback;
  return ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Reads every setting from the environment; the README's configuration table lists the same names. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const nodeEnv = env.NODE_ENV ?? 'development';
  return {
    port: Number(env.PORT ?? 3000),
    host: env.HOST ?? '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR ?? path.join(projectRoot, 'data')),
    databaseUrl: env.DATABASE_URL || undefined,
    nodeEnv,
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : nodeEnv === 'production' ? 'info' : 'warn'),
    demoData: bool(env.DEMO_DATA, true),
    allowDemoAccounts: nodeEnv !== 'production' || bool(env.ALLOW_DEMO_ACCOUNTS, false),
    jobsWorker: bool(env.JOBS_WORKER, true),
    trustProxy: bool(env.TRUST_PROXY, false),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 1_048_576),
    publicUrl: env.PUBLIC_URL || undefined,
  };
}
