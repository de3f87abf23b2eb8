import { sql } from 'kysely';
import { Batcher } from '../platform/batching';
import { prepared, type Db } from '../platform/db';
import type { Grant, Role } from '@motcua/domain';

export interface UserRow {
  id: string;
  username: string;
  fullName: string;
  email: string | null;
  phone: string | null;
  active: boolean;
  isDemo: boolean;
  version: number;
}

const userColumns = [
  'u.id',
  'u.username',
  'u.full_name as fullName',
  'u.email',
  'u.phone',
  'u.active',
  'u.is_demo as isDemo',
  'u.version',
] as const;

export async function findUserByUsername(db: Db, username: string) {
  return db
    .selectFrom('app_user as u')
    .select([...userColumns, 'u.password_hash as passwordHash'])
    .where('u.username', '=', username)
    .executeTakeFirst();
}

export function findUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user as u').select(userColumns).where('u.id', '=', id).executeTakeFirst();
}

export function lockUser(db: Db, id: string): Promise<UserRow | undefined> {
  return db.selectFrom('app_user as u').select(userColumns).where('u.id', '=', id).forUpdate().executeTakeFirst();
}

export async function grantsOf(db: Db, userIds: string[]): Promise<Map<string, Grant[]>> {
  const result = new Map<string, Grant[]>(userIds.map((id) => [id, []]));
  if (userIds.length === 0) return result;
  const rows = await db
    .selectFrom('role_grant as g')
    .innerJoin('unit as un', 'un.id', 'g.unit_id')
    .select([
      'g.id',
      'g.user_id as userId',
      'g.role',
      'g.unit_id as unitId',
      'un.code as unitCode',
      'un.name as unitName',
      'g.include_subtree as includeSubtree',
    ])
    .where('g.user_id', 'in', userIds)
    .where('g.revoked_at', 'is', null)
    .orderBy('g.granted_at')
    .execute();
  for (const { userId, ...g } of rows) result.get(userId)?.push({ ...g, role: g.role as Role });
  return result;
}

export interface UserListFilter {
  q?: string;
  limit: number;
  after?: { sortKey: string; id: string };
  /** Only users with a grant inside these scopes (a unit, or a unit and its subtree), or with no grant at all. */
  withinScopes?: { unitId: string; includeSubtree: boolean }[];
}

export async function listUsers(db: Db, f: UserListFilter) {
  let query = db.selectFrom('app_user as u').select(userColumns);
  if (f.q) {
    const needle = `%${f.q.normalize('NFC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`u.search LIKE search_text(${needle})`);
  }
  if (f.withinScopes) {
    const units = f.withinScopes.map((s) => s.unitId);
    const roots = f.withinScopes.filter((s) => s.includeSubtree).map((s) => s.unitId);
    query = query.where(sql<boolean>`(
      NOT EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.revoked_at IS NULL)
      OR EXISTS (SELECT 1 FROM role_grant g WHERE g.user_id = u.id AND g.revoked_at IS NULL AND (g.unit_id = ANY(${units}::uuid[]) OR g.unit_id IN (
        WITH RECURSIVE sub AS (SELECT id FROM unit WHERE id = ANY(${roots}::uuid[])
          UNION SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub))))`);
  }
  if (f.after) query = query.where(sql<boolean>`(u.username, u.id) > (${f.after.sortKey}, ${f.after.id}::uuid)`);
  return query
    .orderBy('u.username')
    .orderBy('u.id')
    .limit(f.limit + 1)
    .execute();
}

export async function insertUser(
  db: Db,
  u: {
    username: string;
    fullName: string;
    email: string | null;
    phone: string | null;
    passwordHash: string;
    isDemo?: boolean;
  },
) {
  const row = await db
    .insertInto('app_user')
    .values({
      username: u.username,
      full_name: u.fullName,
      email: u.email,
      phone: u.phone,
      password_hash: u.passwordHash,
      is_demo: u.isDemo ?? false,
    })
    .onConflict((oc) => oc.column('username').doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export async function updateUser(
  db: Db,
  id: string,
  u: { fullName: string; email: string | null; phone: string | null; active: boolean; passwordHash?: string },
) {
  await db
    .updateTable('app_user')
    .set({
      full_name: u.fullName,
      email: u.email,
      phone: u.phone,
      active: u.active,
      ...(u.passwordHash ? { password_hash: u.passwordHash } : {}),
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute();
}

export async function insertGrant(
  db: Db,
  g: { userId: string; role: Role; unitId: string; includeSubtree: boolean; grantedBy: string | null },
) {
  const row = await db
    .insertInto('role_grant')
    .values({
      user_id: g.userId,
      role: g.role,
      unit_id: g.unitId,
      include_subtree: g.includeSubtree,
      granted_by: g.grantedBy,
    })
    .onConflict((oc) => oc.columns(['user_id', 'role', 'unit_id']).where('revoked_at', 'is', null).doNothing())
    .returning('id')
    .executeTakeFirst();
  return row?.id;
}

export function findGrant(db: Db, userId: string, grantId: string) {
  return db
    .selectFrom('role_grant')
    .select(['id', 'role', 'unit_id as unitId', 'include_subtree as includeSubtree'])
    .where('id', '=', grantId)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
}

export async function revokeGrant(db: Db, grantId: string, by: string) {
  await db
    .updateTable('role_grant')
    .set({ revoked_at: new Date(), revoked_by: by })
    .where('id', '=', grantId)
    .execute();
}

export async function insertSession(
  db: Db,
  s: {
    tokenHash: string;
    userId: string;
    csrfToken: string;
    expiresAt: Date;
    ip: string | null;
    userAgent: string | null;
  },
) {
  await db
    .insertInto('user_session')
    .values({
      token_hash: s.tokenHash,
      user_id: s.userId,
      csrf_token: s.csrfToken,
      expires_at: s.expiresAt,
      ip: s.ip,
      user_agent: s.userAgent,
    })
    .execute();
}

export interface LiveSession {
  userId: string;
  csrfToken: string;
  lastSeenAt: Date;
  username: string;
  fullName: string;
  active: boolean;
  isDemo: boolean;
  grants: { role: Role; unitId: string; includeSubtree: boolean }[];
}

/**
 * The live sessions of these token hashes, their users and the users' grants (as `grantsOf` orders them), in
 * one statement of fixed text however many hashes (concurrent requests share it, `sessionLookups`).
 */
export async function findSessions(db: Db, tokenHashes: readonly string[]): Promise<Map<string, LiveSession>> {
  const r = await sql<LiveSession & { tokenHash: string }>`${prepared}SELECT s.token_hash AS "tokenHash",
      s.user_id AS "userId", s.csrf_token AS "csrfToken", s.last_seen_at AS "lastSeenAt", u.username,
      u.full_name AS "fullName", u.active, u.is_demo AS "isDemo",
      coalesce((SELECT json_agg(json_build_object('role', g.role, 'unitId', g.unit_id,
          'includeSubtree', g.include_subtree) ORDER BY g.granted_at)
        FROM role_grant g WHERE g.user_id = s.user_id AND g.revoked_at IS NULL), '[]') AS grants
    FROM user_session s JOIN app_user u ON u.id = s.user_id
    WHERE s.token_hash = ANY(${tokenHashes}::text[]) AND s.expires_at > now()`.execute(db);
  return new Map(r.rows.map(({ tokenHash, ...session }) => [tokenHash, session]));
}

const lookups = new WeakMap<Db, Batcher<string, LiveSession | undefined>>();

/**
 * The session lookup of every request. Lookups that wait for the database go together in one statement; each
 * still reads the session as it is when its request is served (a logout or a revoked grant counts at once).
 */
export function findSession(db: Db, tokenHash: string): Promise<LiveSession | undefined> {
  let batcher = lookups.get(db);
  if (!batcher) {
    batcher = new Batcher(async (hashes) => {
      const found = await findSessions(db, [...new Set(hashes)]);
      return hashes.map((h) => found.get(h));
    });
    lookups.set(db, batcher);
  }
  return batcher.submit(tokenHash);
}

export async function touchSession(db: Db, tokenHash: string) {
  await db.updateTable('user_session').set({ last_seen_at: new Date() }).where('token_hash', '=', tokenHash).execute();
}

export async function deleteSession(db: Db, tokenHash: string) {
  await db.deleteFrom('user_session').where('token_hash', '=', tokenHash).execute();
}

export async function deleteSessionsOf(db: Db, userId: string) {
  await db.deleteFrom('user_session').where('user_id', '=', userId).execute();
}

export async function deleteExpiredSessions(db: Db) {
  const r = await db.deleteFrom('user_session').where('expires_at', '<', new Date()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export function findApiToken(db: Db, tokenHash: string) {
  return db
    .selectFrom('api_token as t')
    .innerJoin('app_user as u', 'u.id', 't.user_id')
    .select(['t.id', 't.user_id as userId', 'u.username', 'u.full_name as fullName', 'u.active', 'u.is_demo as isDemo'])
    .where('t.token_hash', '=', tokenHash)
    .where('t.revoked_at', 'is', null)
    .where((eb) => eb.or([eb('t.expires_at', 'is', null), eb('t.expires_at', '>', new Date())]))
    .executeTakeFirst();
}

export async function touchApiToken(db: Db, id: string) {
  await db.updateTable('api_token').set({ last_used_at: new Date() }).where('id', '=', id).execute();
}

const tokenColumns = [
  'id',
  'name',
  'created_at as createdAt',
  'expires_at as expiresAt',
  'last_used_at as lastUsedAt',
  'revoked_at as revokedAt',
] as const;

export function insertApiToken(db: Db, t: { userId: string; name: string; tokenHash: string; expiresAt: Date | null }) {
  return db
    .insertInto('api_token')
    .values({ user_id: t.userId, name: t.name, token_hash: t.tokenHash, expires_at: t.expiresAt })
    .returning(tokenColumns)
    .executeTakeFirstOrThrow();
}

export function listApiTokens(db: Db, userId: string) {
  return db
    .selectFrom('api_token')
    .select(tokenColumns)
    .where('user_id', '=', userId)
    .orderBy('created_at', 'desc')
    .execute();
}

export async function revokeApiToken(db: Db, userId: string, id: string) {
  const r = await db
    .updateTable('api_token')
    .set({ revoked_at: new Date() })
    .where('id', '=', id)
    .where('user_id', '=', userId)
    .where('revoked_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function countUsers(db: Db) {
  const r = await db
    .selectFrom('app_user')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}
