import {
  DomainError,
  scopesFor,
  type Actor,
  type CreateGrantInput,
  type CreateUserInput,
  type Grant,
  type Role,
  type UpdateUserInput,
  type User,
} from '@motcua/domain';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { decodeCursor, pageResult } from '../platform/cursor';
import { decoyHash, hashPassword, newToken, tokenHash, verifyPassword } from '../platform/passwords';
import * as rateLimit from '../platform/rateLimit';
import { recordAudit } from '../audit/service';
import { ancestorPath, findUnit } from '../units/store';
import { requireActor, requireOnUnit, requireSomewhere } from './guard';
import * as store from './store';

export const loginThrottle = { perUser: 10, perIp: 100, windowSeconds: 15 * 60 };

export interface AuthSettings {
  sessionTtlHours: number;
  allowDemoAccounts: boolean;
}

function toUser(row: store.UserRow, grants: Grant[]): User {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    email: row.email,
    phone: row.phone,
    active: row.active,
    grants,
  };
}

async function loadUser(db: Db, id: string): Promise<User> {
  const row = await store.findUser(db, id);
  if (!row) throw new DomainError('NOT_FOUND');
  return toUser(row, (await store.grantsOf(db, [id])).get(id) ?? []);
}

export async function login(
  db: Db,
  settings: AuthSettings,
  input: { username: string; password: string; ip: string | null; userAgent: string | null },
) {
  const username = input.username.trim().toLowerCase();
  const userKey = `login:user:${username}`;
  const ipKey = `login:ip:${input.ip ?? 'unknown'}`;
  const ipFailures = await rateLimit.peek(db, ipKey, loginThrottle.windowSeconds);
  if (ipFailures >= loginThrottle.perIp) throw new DomainError('AUTH_TOO_MANY_ATTEMPTS');
  // The attempt is counted before the password is checked (a success resets the count), so guesses sent all at
  // once cannot each read "under the limit" and all get an answer.
  const attempt = await rateLimit.hit(db, userKey, loginThrottle.perUser, loginThrottle.windowSeconds);
  if (!attempt.allowed) throw new DomainError('AUTH_TOO_MANY_ATTEMPTS');
  const found = await store.findUserByUsername(db, username);
  const ok = await verifyPassword(input.password, found?.passwordHash ?? decoyHash);
  if (!found || !ok || !found.active) {
    await rateLimit.hit(db, ipKey, loginThrottle.perIp, loginThrottle.windowSeconds);
    throw new DomainError('AUTH_INVALID_CREDENTIALS');
  }
  if (found.isDemo && !settings.allowDemoAccounts) throw new DomainError('AUTH_DEMO_ACCOUNT_DISABLED');
  await rateLimit.reset(db, userKey);
  const token = newToken();
  const csrfToken = newToken();
  await store.insertSession(db, {
    tokenHash: tokenHash(token),
    userId: found.id,
    csrfToken,
    expiresAt: new Date(Date.now() + settings.sessionTtlHours * 3600_000),
    ip: input.ip,
    userAgent: input.userAgent?.slice(0, 300) ?? null,
  });
  return { token, csrfToken, user: await loadUser(db, found.id) };
}

export interface ResolvedActor {
  actor: Actor;
  fullName: string;
  /** Present for cookie sessions: unsafe requests must echo it. */
  csrfToken: string | null;
  sessionTokenHash: string | null;
}

async function actorFor(db: Db, userId: string, username: string): Promise<Actor> {
  const grants = (await store.grantsOf(db, [userId])).get(userId) ?? [];
  return {
    userId,
    username,
    grants: grants.map((g) => ({ role: g.role, unitId: g.unitId, includeSubtree: g.includeSubtree })),
  };
}

export async function resolveSession(
  db: Db,
  settings: AuthSettings,
  token: string,
): Promise<ResolvedActor | undefined> {
  const hash = tokenHash(token);
  const s = await store.findSession(db, hash);
  if (!s || !s.active || (s.isDemo && !settings.allowDemoAccounts)) return undefined;
  // Touch at most once a minute: keeps "last seen" useful without a write per request.
  if (Date.now() - s.lastSeenAt.getTime() > 60_000) await store.touchSession(db, hash);
  return {
    actor: { userId: s.userId, username: s.username, grants: s.grants },
    fullName: s.fullName,
    csrfToken: s.csrfToken,
    sessionTokenHash: hash,
  };
}

export async function resolveApiToken(
  db: Db,
  settings: AuthSettings,
  token: string,
): Promise<ResolvedActor | undefined> {
  const t = await store.findApiToken(db, tokenHash(token));
  if (!t || !t.active || (t.isDemo && !settings.allowDemoAccounts)) return undefined;
  await store.touchApiToken(db, t.id);
  return {
    actor: await actorFor(db, t.userId, t.username),
    fullName: t.fullName,
    csrfToken: null,
    sessionTokenHash: null,
  };
}

export function logout(db: Db, sessionTokenHash: string) {
  return store.deleteSession(db, sessionTokenHash);
}

export async function me(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return loadUser(ctx.db, actor.userId);
}

/** Units (with or without their subtree) the actor administers; undefined when a root with subtree is among them (sees everything). */
async function adminScopes(ctx: RequestContext) {
  const actor = requireSomewhere(ctx, 'users.read');
  const scopes = scopesFor(actor, 'users.read');
  for (const s of scopes) {
    const unit = await findUnit(ctx.db, s.unitId);
    if (unit && unit.parentId === null && s.includeSubtree) return undefined;
  }
  return scopes.map((s) => ({ unitId: s.unitId, includeSubtree: s.includeSubtree }));
}

export async function listUsers(ctx: RequestContext, query: { q?: string; limit: number; cursor?: string }) {
  const withinScopes = await adminScopes(ctx);
  const rows = await store.listUsers(ctx.db, {
    q: query.q?.trim() || undefined,
    limit: query.limit,
    after: decodeCursor(query.cursor),
    withinScopes,
  });
  const page = pageResult(rows, query.limit, (r) => r.username);
  const grants = await store.grantsOf(
    ctx.db,
    page.items.map((r) => r.id),
  );
  return { items: page.items.map((r) => toUser(r, grants.get(r.id) ?? [])), nextCursor: page.nextCursor };
}

/**
 * A user is visible to an administrator whose scope covers one of its grants (or when it has none yet). Changing
 * an account (password, lock, new role) needs every one of its grants in scope: otherwise a commune administrator
 * could reset the password of an account that holds powers elsewhere and sign in as it.
 */
async function requireUserInScope(ctx: RequestContext, userId: string, permission: 'users.read' | 'users.write') {
  const actor = requireSomewhere(ctx, permission);
  const user = await loadUser(ctx.db, userId).catch(() => undefined);
  if (!user) throw new DomainError('NOT_FOUND');
  let covered = 0;
  for (const g of user.grants) {
    try {
      await requireOnUnit({ ...ctx, actor }, permission, g.unitId);
      covered++;
    } catch {
      /* try the next grant */
    }
  }
  if (covered === user.grants.length || (covered > 0 && permission === 'users.read')) return user;
  throw new DomainError(covered > 0 ? 'FORBIDDEN' : 'NOT_FOUND');
}

export function getUser(ctx: RequestContext, id: string) {
  return requireUserInScope(ctx, id, 'users.read');
}

export async function createUser(ctx: RequestContext, input: CreateUserInput) {
  requireSomewhere(ctx, 'users.write');
  const passwordHash = await hashPassword(input.password);
  return ctx.db.transaction().execute(async (trx) => {
    const id = await store.insertUser(trx, {
      username: input.username,
      fullName: input.fullName,
      email: input.email ?? null,
      phone: input.phone ?? null,
      passwordHash,
    });
    if (!id)
      throw new DomainError('USERNAME_TAKEN', [{ field: 'body.username', message: 'Tên đăng nhập đã được sử dụng.' }]);
    const user = await loadUser(trx, id);
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId: null,
      action: 'user.create',
      entityType: 'user',
      entityId: id,
      after: user,
      summary: `Tạo người dùng ${user.username}`,
      requestId: ctx.requestId,
    });
    return user;
  });
}

export async function updateUser(ctx: RequestContext, id: string, input: UpdateUserInput) {
  await requireUserInScope(ctx, id, 'users.write');
  const passwordHash = input.password ? await hashPassword(input.password) : undefined;
  return ctx.db.transaction().execute(async (trx) => {
    const before = await store.lockUser(trx, id);
    if (!before) throw new DomainError('NOT_FOUND');
    const next = {
      fullName: input.fullName ?? before.fullName,
      email: input.email === undefined ? before.email : input.email,
      phone: input.phone === undefined ? before.phone : input.phone,
      active: input.active ?? before.active,
      passwordHash,
    };
    await store.updateUser(trx, id, next);
    // A disabled account or a new password ends every open session of that user.
    if (!next.active || passwordHash) await store.deleteSessionsOf(trx, id);
    const after = await loadUser(trx, id);
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId: null,
      action: 'user.update',
      entityType: 'user',
      entityId: id,
      before: { ...before, passwordChanged: false },
      after: { ...after, passwordChanged: !!passwordHash },
      summary:
        [
          input.active === false
            ? 'Khóa tài khoản'
            : input.active === true && !before.active
              ? 'Mở khóa tài khoản'
              : null,
          passwordHash ? 'Đặt lại mật khẩu' : null,
          input.fullName || input.email !== undefined || input.phone !== undefined ? 'Sửa thông tin' : null,
        ]
          .filter(Boolean)
          .join(', ') || 'Cập nhật người dùng',
      requestId: ctx.requestId,
    });
    return after;
  });
}

export async function createGrant(ctx: RequestContext, userId: string, input: CreateGrantInput) {
  await requireOnUnit(ctx, 'grants.write', input.unitId);
  // A grant with the subtree reaches every unit below: the actor must hold grants.write over that subtree too.
  if (input.includeSubtree) {
    const path = await ancestorPath(ctx.db, input.unitId);
    if (!scopesFor(ctx.actor, 'grants.write').some((g) => g.includeSubtree && path.includes(g.unitId)))
      throw new DomainError('FORBIDDEN');
  }
  // Granting a role would bring the account into the actor's scope: it must be there already (or have no role yet).
  await requireUserInScope(ctx, userId, 'users.write');
  return ctx.db.transaction().execute(async (trx) => {
    const user = await store.lockUser(trx, userId);
    if (!user) throw new DomainError('NOT_FOUND');
    const unit = await findUnit(trx, input.unitId);
    if (!unit) throw new DomainError('VALIDATION_FAILED', [{ field: 'body.unitId', message: 'Đơn vị không tồn tại.' }]);
    const id = await store.insertGrant(trx, {
      userId,
      role: input.role as Role,
      unitId: input.unitId,
      includeSubtree: input.includeSubtree,
      grantedBy: ctx.actor!.userId,
    });
    if (!id) throw new DomainError('GRANT_DUPLICATE');
    const grant: Grant = {
      id,
      role: input.role as Role,
      unitId: unit.id,
      unitCode: unit.code,
      unitName: unit.name,
      includeSubtree: input.includeSubtree,
    };
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId: unit.id,
      action: 'grant.create',
      entityType: 'user',
      entityId: userId,
      after: grant,
      summary: `Cấp vai trò ${input.role} tại ${unit.name}${input.includeSubtree ? ' (gồm cấp dưới)' : ''}`,
      requestId: ctx.requestId,
    });
    return grant;
  });
}

export async function revokeGrant(ctx: RequestContext, userId: string, grantId: string) {
  requireSomewhere(ctx, 'grants.write');
  return ctx.db.transaction().execute(async (trx) => {
    const grant = await store.findGrant(trx, userId, grantId);
    if (!grant) throw new DomainError('NOT_FOUND');
    await requireOnUnit({ ...ctx, db: trx }, 'grants.write', grant.unitId).catch(() => {
      throw new DomainError('NOT_FOUND');
    });
    await store.revokeGrant(trx, grantId, ctx.actor!.userId);
    await recordAudit(trx, {
      actor: { userId: ctx.actor!.userId, name: ctx.actorName },
      unitId: grant.unitId,
      action: 'grant.revoke',
      entityType: 'user',
      entityId: userId,
      before: grant,
      summary: `Thu hồi vai trò ${grant.role}`,
      requestId: ctx.requestId,
    });
  });
}

export async function createApiToken(ctx: RequestContext, input: { name: string; expiresInDays?: number }) {
  const actor = requireActor(ctx);
  const token = newToken('mct_');
  const expiresAt = input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null;
  return ctx.db.transaction().execute(async (trx) => {
    const row = await store.insertApiToken(trx, {
      userId: actor.userId,
      name: input.name,
      tokenHash: tokenHash(token),
      expiresAt,
    });
    await recordAudit(trx, {
      actor: { userId: actor.userId, name: ctx.actorName },
      unitId: null,
      action: 'apiToken.create',
      entityType: 'user',
      entityId: actor.userId,
      after: row,
      summary: `Tạo khóa API “${input.name}”`,
      requestId: ctx.requestId,
    });
    return { ...serialiseToken(row), token };
  });
}

function serialiseToken(t: {
  id: string;
  name: string;
  createdAt: Date;
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}) {
  return {
    id: t.id,
    name: t.name,
    createdAt: t.createdAt.toISOString(),
    expiresAt: t.expiresAt?.toISOString() ?? null,
    lastUsedAt: t.lastUsedAt?.toISOString() ?? null,
    revokedAt: t.revokedAt?.toISOString() ?? null,
  };
}

export async function listApiTokens(ctx: RequestContext) {
  const actor = requireActor(ctx);
  return (await store.listApiTokens(ctx.db, actor.userId)).map(serialiseToken);
}

export async function revokeApiToken(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx);
  await ctx.db.transaction().execute(async (trx) => {
    if (!(await store.revokeApiToken(trx, actor.userId, id))) throw new DomainError('NOT_FOUND');
    await recordAudit(trx, {
      actor: { userId: actor.userId, name: ctx.actorName },
      unitId: null,
      action: 'apiToken.revoke',
      entityType: 'user',
      entityId: actor.userId,
      summary: 'Thu hồi khóa API',
      requestId: ctx.requestId,
    });
  });
}
