import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DomainError } from '@motcua/domain';
import type { Db } from './db';
import { todayInVietnam, type RequestContext } from './context';
import { resolveApiToken, resolveSession, type AuthSettings, type ResolvedActor } from '../access/service';

export const SESSION_COOKIE = 'motcua_session';

declare module 'fastify' {
  interface FastifyRequest {
    auth: ResolvedActor | undefined;
    ctx: RequestContext;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the actor from the session cookie or a bearer API token on every request. Cookie-authenticated
 * unsafe requests must carry the session's CSRF token in `x-csrf-token` (double submit against the DB copy);
 * bearer tokens are not sent by browsers on their own, so they need none.
 */
export const authPlugin = fp(async (app: FastifyInstance, opts: { db: Db; settings: AuthSettings }) => {
  app.decorateRequest('auth', undefined);
  app.decorateRequest('ctx', undefined as unknown as RequestContext);
  // onRequest: who is asking is settled before the body is read or validated.
  app.addHook('onRequest', async (request: FastifyRequest) => {
    const header = request.headers.authorization;
    let auth: ResolvedActor | undefined;
    if (header?.startsWith('Bearer ')) {
      auth = await resolveApiToken(opts.db, opts.settings, header.slice(7).trim());
      if (!auth) throw new DomainError('AUTH_REQUIRED');
    } else {
      const cookie = request.cookies[SESSION_COOKIE];
      if (cookie) auth = await resolveSession(opts.db, opts.settings, cookie);
      if (auth && !SAFE_METHODS.has(request.method) && request.headers['x-csrf-token'] !== auth.csrfToken)
        throw new DomainError('CSRF_TOKEN_INVALID');
    }
    // A write by nobody is refused before its body is validated: 401 says more than a field error would.
    if (!auth && !SAFE_METHODS.has(request.method) && !(request.routeOptions.config as { public?: boolean })?.public)
      throw new DomainError('AUTH_REQUIRED');
    request.auth = auth;
    request.ctx = {
      db: opts.db,
      actor: auth?.actor,
      actorName: auth ? `${auth.fullName} (${auth.actor.username})` : 'anonymous',
      requestId: request.id,
      today: todayInVietnam(),
    };
  });
});
