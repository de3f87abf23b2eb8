import fs from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import fastifyStatic from '@fastify/static';
import { jsonSchemaTransform, jsonSchemaTransformObject, validatorCompiler } from 'fastify-type-provider-zod';
import { sql } from 'kysely';
import type { Config } from './platform/config';
import { projectRoot } from './platform/config';
import type { Db } from './platform/db';
import { errorHandler, sendProblem } from './platform/errors';
import { authPlugin } from './platform/auth';
import { registerMetrics } from './platform/metrics';
import type { Jobs } from './jobs/queue';
import { notificationsPlugin } from './notifications/routes';
import { unitRoutes } from './units/routes';
import { accessRoutes } from './access/routes';
import { auditRoutes } from './audit/routes';
import { catalogRoutes } from './catalog/routes';
import { calendarRoutes } from './calendar/routes';
import { dossierRoutes } from './dossiers/routes';
import { formRoutes } from './forms/routes';
import { resultAttachment } from './attachments/service';
import { attachmentRoutes } from './attachments/routes';
import { dossierImportRoutes } from './dossierImport/routes';
import { statsRoutes } from './stats/routes';
import { serviceIndexRoutes } from './serviceIndex/routes';
import { securityHeaders } from './platform/securityHeaders';
import { refuseIllFormedText } from './platform/wellFormedText';
import { responseSerializerCompiler } from './platform/responseSerializer';

export interface AppDeps {
  db: Db;
  config: Config;
  jobs: Jobs;
  /** Name of this process in logs and job results (several may serve one database). */
  processName?: string;
}

export const webDist = path.join(projectRoot, 'packages/web/dist');

const strictCsp = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"], // antd injects its CSS-in-JS as <style> elements
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'", 'data:'],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
};

export async function buildApp(deps: AppDeps): Promise<FastifyInstance> {
  const { config, db } = deps;
  const app = Fastify({
    logger:
      config.logLevel === 'silent'
        ? false
        : { level: config.logLevel, base: { process: deps.processName ?? `pid-${process.pid}` } },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    requestIdHeader: 'x-request-id',
    genReqId: (req) => {
      const given = req.headers['x-request-id'];
      return typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
    },
    ajv: { customOptions: { removeAdditional: false } },
  });
  // JSON only: text/plain bodies get 415 instead of being parsed as strings.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(responseSerializerCompiler(config.nodeEnv !== 'production'));
  app.setErrorHandler(errorHandler);
  refuseIllFormedText(app);
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  // HSTS and upgrade-insecure-requests only when served over https, or a LAN http address would break.
  const https = !!config.publicUrl?.startsWith('https://');
  securityHeaders(app, {
    contentSecurityPolicy: { directives: { ...strictCsp, upgradeInsecureRequests: https ? [] : null } },
    strictTransportSecurity: https,
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'motcua API',
        version: '1',
        description:
          'API của motcua — phần mềm Bộ phận Một cửa. Lỗi trả về theo RFC 9457 (application/problem+json) với `code` ổn định và `detail` tiếng Việt. Ghi dữ liệu bằng phiên (cookie + `x-csrf-token`) hoặc khóa API (`Authorization: Bearer`).',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'motcua_session' },
          bearer: { type: 'http', scheme: 'bearer' },
        },
      },
      security: [{ session: [] }, { bearer: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs', staticCSP: true });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  registerMetrics(app);
  app.get('/health', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/ready', { schema: { hide: true } }, async (request, reply) => {
    try {
      await sql`SELECT 1`.execute(db);
      return { status: 'ready' };
    } catch {
      return sendProblem(reply.status(503), request, 'INTERNAL_ERROR', [], 'Cơ sở dữ liệu chưa sẵn sàng.');
    }
  });

  await app.register(authPlugin, {
    db,
    settings: { sessionTtlHours: config.sessionTtlHours, allowDemoAccounts: config.allowDemoAccounts },
  });
  await app.register(unitRoutes);
  await app.register(accessRoutes, {
    settings: { sessionTtlHours: config.sessionTtlHours, allowDemoAccounts: config.allowDemoAccounts },
    secureCookies: !!config.publicUrl?.startsWith('https://'),
  });
  await app.register(auditRoutes, { jobs: deps.jobs });
  await app.register(catalogRoutes);
  await app.register(calendarRoutes, { db });
  await app.register(dossierRoutes, {
    db,
    resultFile: (rdb, dossierId, attachmentId) =>
      resultAttachment(rdb, dossierId, attachmentId, config.publicUrl ?? `http://localhost:${config.port}`),
  });
  await app.register(formRoutes, { db, publicUrl: config.publicUrl });
  // Notifications: the outbox delivery worker (stopped on close) and /api/v1/me/notifications.
  await app.register(notificationsPlugin, { db, config });
  await app.register(attachmentRoutes, { db, config });
  await app.register(dossierImportRoutes);
  await app.register(statsRoutes);
  // Rollups of the service index, derived in the background by worker processes (tests drain them on read).
  await app.register(serviceIndexRoutes, { db, background: config.jobsWorker && config.nodeEnv !== 'test' });

  const hasWeb = fs.existsSync(path.join(webDist, 'index.html'));
  if (hasWeb) await app.register(fastifyStatic, { root: webDist, wildcard: false, index: false });
  app.setNotFoundHandler(async (request, reply) => {
    const isPage =
      request.method === 'GET' && !request.url.startsWith('/api/') && request.headers.accept?.includes('text/html');
    if (isPage && hasWeb) return reply.type('text/html; charset=utf-8').sendFile('index.html');
    return sendProblem(reply, request, 'NOT_FOUND');
  });
  return app;
}
