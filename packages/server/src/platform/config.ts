import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Project root, resolved from this file so the server works from any cwd. */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');

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
    logLevel: env.LOG_LEVEL ?? (nodeEnv === 'test' ? 'silent' : 'info'),
    demoData: bool(env.DEMO_DATA, true),
    allowDemoAccounts: nodeEnv !== 'production' || bool(env.ALLOW_DEMO_ACCOUNTS, false),
    jobsWorker: bool(env.JOBS_WORKER, true),
    trustProxy: bool(env.TRUST_PROXY, false),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 1_048_576),
    publicUrl: env.PUBLIC_URL || undefined,
  };
}
