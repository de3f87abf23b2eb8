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
  /** Dossiers generated (12 months of history) with the demo data on the first start; 0 = none. */
  demoDossiers: number;
  /** Public dossier lookups and ratings per IP and minute; 0 disables the limit (benchmarks only). */
  publicLookupsPerMinute: number;
  allowDemoAccounts: boolean;
  jobsWorker: boolean;
  trustProxy: boolean;
  sessionTtlHours: number;
  bodyLimitBytes: number;
  /** Largest accepted dossier attachment (one file). */
  attachmentMaxBytes: number;
  publicUrl: string | undefined;
  /** Notifications: SMTP server (smtp://host:port); without it e-mails go to the log. */
  smtpUrl: string | undefined;
  mailFrom: string;
  notifyPollMs: number;
  /** Topic → channels overrides, e.g. "RECEIVED=EMAIL+SMS;STOPPED=" (see docs/notifications.md). */
  notifyChannels: string | undefined;
  /** The daily early-warning digest lists dossiers due within this many working hours. */
  earlyWarningHours: number;
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
    demoDossiers: Math.max(0, Math.floor(Number(env.DEMO_DOSSIERS ?? 4000) || 0)),
    publicLookupsPerMinute: Math.max(0, Number(env.PUBLIC_LOOKUP_LIMIT_PER_MINUTE ?? 30) || 0),
    allowDemoAccounts: nodeEnv !== 'production' || bool(env.ALLOW_DEMO_ACCOUNTS, false),
    jobsWorker: bool(env.JOBS_WORKER, true),
    trustProxy: bool(env.TRUST_PROXY, false),
    sessionTtlHours: Number(env.SESSION_TTL_HOURS ?? 12),
    bodyLimitBytes: Number(env.BODY_LIMIT_BYTES ?? 1_048_576),
    attachmentMaxBytes: Number(env.ATTACHMENT_MAX_BYTES ?? 20 * 1024 * 1024),
    publicUrl: env.PUBLIC_URL || undefined,
    smtpUrl: env.SMTP_URL || undefined,
    mailFrom: env.MAIL_FROM || 'Bộ phận Một cửa <no-reply@motcua.local>',
    notifyPollMs: Number(env.NOTIFY_POLL_MS ?? 1000),
    notifyChannels: env.NOTIFY_CHANNELS || undefined,
    earlyWarningHours: Number(env.EARLY_WARNING_HOURS ?? 8),
  };
}
