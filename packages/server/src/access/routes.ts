import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import {
  apiToken,
  createApiTokenBody,
  createGrantBody,
  createUserBody,
  createdApiToken,
  grant,
  loginBody,
  session,
  updateUserBody,
  user,
  userListQuery,
  userPage,
} from '@motcua/domain';
import { SESSION_COOKIE } from '../platform/auth';
import { idParams, problems, typed } from '../platform/http';
import * as service from './service';

export async function accessRoutes(
  app: FastifyInstance,
  opts: { settings: service.AuthSettings; secureCookies: boolean },
) {
  const r = typed(app);
  const tags = ['Đăng nhập, người dùng, phân quyền (access)'];
  r.post('/api/v1/auth/login', {
    config: { public: true },
    schema: {
      tags,
      summary: 'Đăng nhập bằng tên và mật khẩu; đặt cookie phiên',
      body: loginBody,
      response: { 200: session, ...problems(400, 401, 403, 429) },
    },
    handler: async (req, reply) => {
      const result = await service.login(req.ctx.db, opts.settings, {
        username: req.body.username,
        password: req.body.password,
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      reply.setCookie(SESSION_COOKIE, result.token, {
        httpOnly: true,
        sameSite: 'lax',
        secure: opts.secureCookies || req.protocol === 'https',
        path: '/',
        maxAge: opts.settings.sessionTtlHours * 3600,
      });
      return { user: result.user, csrfToken: result.csrfToken };
    },
  });
  r.post('/api/v1/auth/logout', {
    config: { public: true },
    schema: { tags, summary: 'Đăng xuất', response: { 204: z.null(), ...problems(401, 403) } },
    handler: async (req, reply) => {
      if (req.auth?.sessionTokenHash) await service.logout(req.ctx.db, req.auth.sessionTokenHash);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send(null);
    },
  });
  r.get('/api/v1/auth/me', {
    schema: { tags, summary: 'Người dùng hiện tại và mã CSRF của phiên', response: { 200: session, ...problems(401) } },
    handler: async (req) => {
      const me = await service.me(req.ctx);
      return { user: me, csrfToken: req.auth?.csrfToken ?? '' };
    },
  });
  r.get('/api/v1/auth/tokens', {
    schema: {
      tags,
      summary: 'Khóa API của tôi (cho hệ thống tích hợp)',
      response: { 200: z.object({ items: z.array(apiToken) }), ...problems(401) },
    },
    handler: async (req) => ({ items: await service.listApiTokens(req.ctx) }),
  });
  r.post('/api/v1/auth/tokens', {
    schema: {
      tags,
      summary: 'Tạo khóa API; khóa chỉ hiện một lần, gửi bằng Authorization: Bearer',
      body: createApiTokenBody,
      response: { 201: createdApiToken, ...problems(400, 401, 403) },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createApiToken(req.ctx, req.body)),
  });
  r.delete('/api/v1/auth/tokens/:id', {
    schema: {
      tags,
      summary: 'Thu hồi khóa API',
      params: idParams,
      response: { 204: z.null(), ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await service.revokeApiToken(req.ctx, req.params.id);
      return reply.status(204).send(null);
    },
  });

  r.get('/api/v1/users', {
    schema: {
      tags,
      summary: 'Danh sách người dùng trong phạm vi quản trị',
      querystring: userListQuery,
      response: { 200: userPage, ...problems(400, 401, 403) },
    },
    handler: (req) => service.listUsers(req.ctx, req.query),
  });
  r.get('/api/v1/users/:id', {
    schema: {
      tags,
      summary: 'Chi tiết người dùng',
      params: idParams,
      response: { 200: user, ...problems(401, 403, 404) },
    },
    handler: (req) => service.getUser(req.ctx, req.params.id),
  });
  r.post('/api/v1/users', {
    schema: {
      tags,
      summary: 'Tạo người dùng',
      body: createUserBody,
      response: { 201: user, ...problems(400, 401, 403, 409) },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createUser(req.ctx, req.body)),
  });
  r.patch('/api/v1/users/:id', {
    schema: {
      tags,
      summary: 'Sửa, khóa/mở khóa, đặt lại mật khẩu',
      params: idParams,
      body: updateUserBody,
      response: { 200: user, ...problems(400, 401, 403, 404) },
    },
    handler: (req) => service.updateUser(req.ctx, req.params.id, req.body),
  });
  r.post('/api/v1/users/:id/grants', {
    schema: {
      tags,
      summary: 'Cấp vai trò tại một đơn vị (có thể gồm cấp dưới)',
      params: idParams,
      body: createGrantBody,
      response: { 201: grant, ...problems(400, 401, 403, 404, 409) },
    },
    handler: async (req, reply) => reply.status(201).send(await service.createGrant(req.ctx, req.params.id, req.body)),
  });
  r.delete('/api/v1/users/:id/grants/:grantId', {
    schema: {
      tags,
      summary: 'Thu hồi vai trò',
      params: z.strictObject({ id: z.uuid(), grantId: z.uuid() }),
      response: { 204: z.null(), ...problems(401, 403, 404) },
    },
    handler: async (req, reply) => {
      await service.revokeGrant(req.ctx, req.params.id, req.params.grantId);
      return reply.status(204).send(null);
    },
  });
}
