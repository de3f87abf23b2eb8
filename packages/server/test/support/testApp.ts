import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pino from 'pino';
import { buildApp } from '../../src/app';
import { loadConfig } from '../../src/platform/config';
import { lazyJobs } from '../../src/jobs/lazy';
import { createTestDatabase, type TestDatabase } from './testDb';

export const DEMO_PASSWORD = 'motcua-demo';

export interface TestApp {
  app: FastifyInstance;
  database: TestDatabase;
  /** Logs in through the real endpoint; returns a client that sends the cookie and CSRF token. */
  login(username: string, password?: string): Promise<Client>;
  anonymous: Client;
  close(): Promise<void>;
}

export interface Client {
  csrfToken: string;
  userId: string;
  request(options: InjectOptions & { method: string; url: string }): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, body?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  patch(url: string, body: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
}

function client(app: FastifyInstance, cookie: string | undefined, csrfToken: string, userId: string): Client {
  const headers = (extra: Record<string, string> = {}) => ({
    ...(cookie ? { cookie } : {}),
    ...(csrfToken ? { 'x-csrf-token': csrfToken } : {}),
    ...extra,
  });
  return {
    csrfToken,
    userId,
    request: (o) =>
      app.inject({ ...o, headers: { ...headers(), ...(o.headers as Record<string, string>) } } as InjectOptions),
    get: (url) => app.inject({ method: 'GET', url, headers: headers() }),
    post: (url, body, extra) => app.inject({ method: 'POST', url, payload: body as object, headers: headers(extra) }),
    patch: (url, body, extra) => app.inject({ method: 'PATCH', url, payload: body as object, headers: headers(extra) }),
    delete: (url) => app.inject({ method: 'DELETE', url, headers: headers() }),
  };
}

/** The real Fastify app on a fresh database with the demo data; requests go through the full HTTP stack. */
export async function createTestApp(env: NodeJS.ProcessEnv = {}): Promise<TestApp> {
  const database = await createTestDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', ...env });
  const jobs = lazyJobs(database.url, database.db, {
    worker: true,
    processName: 'test',
    logger: pino({ level: 'silent' }),
  });
  const app = await buildApp({ db: database.db, config, jobs, processName: 'test' });
  await app.ready();
  return {
    app,
    database,
    anonymous: client(app, undefined, '', ''),
    async login(username, password = DEMO_PASSWORD) {
      const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
      if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
      const cookie = res.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
      const body = res.json() as { csrfToken: string; user: { id: string } };
      return client(app, cookie, body.csrfToken, body.user.id);
    },
    async close() {
      await app.close();
      await jobs.stop();
      await database.drop();
    },
  };
}
