import { sql, type RawBuilder } from 'kysely';
import { replaced } from '../platform/standIn';
import type { Db } from '../platform/db';
import type { AnchorEntry } from '../platform/schema';

export interface AuditRow {
  id: number;
  chainKey: string;
  seq: number;
  at: Date;
  actorId: string | null;
  actorName: string | null;
  unitId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  beforeDigest: string | null;
  afterDigest: string | null;
  summary: string | null;
  requestId: string | null;
  prevHash: string | null;
  hash: string;
}

const columns = [
  'id',
  'chain_key as chainKey',
  'seq',
  'at',
  'actor_id as actorId',
  'actor_name as actorName',
  'unit_id as unitId',
  'action',
  'entity_type as entityType',
  'entity_id as entityId',
  'before_digest as beforeDigest',
  'after_digest as afterDigest',
  'summary',
  'request_id as requestId',
  'prev_hash as prevHash',
  'hash',
] as const;

/**
 * Takes the chain's head row lock (only writers of the same entity wait for each other) in one statement: the
 * upsert creates a missing head or locks the existing one, and returns it as it was.
 */
export async function lockChainHead(db: Db, chainKey: string): Promise<{ seq: number; hash: string | null }> {
  const r = await sql<{ seq: number; hash: string }>`
    INSERT INTO audit_chain_head AS h (chain_key, seq, hash) VALUES (${chainKey}, 0, '')
    ON CONFLICT (chain_key) DO UPDATE SET chain_key = h.chain_key
    RETURNING h.seq, h.hash`.execute(db);
  const head = r.rows[0]!;
  return { seq: head.seq, hash: head.seq === 0 ? null : head.hash };
}

/** The row and the chain's new head, in one statement (the head locked by `lockChainHead`). */
export async function appendRow(db: Db, row: Omit<AuditRow, 'id'>): Promise<void> {
  await sql`WITH ${appendRowCtes(row)} SELECT 1`.execute(db);
}

/**
 * The row and its chain head as two data-modifying CTEs (`audit_entry`, `audit_head`), so a write can carry its
 * audit row in its own statement. `first`: the chain starts here (a chain that exists fails on the head's key).
 */
export function appendRowCtes(row: Omit<AuditRow, 'id'>, first = false, standIn?: StandInHashing) {
  const head = first
    ? sql`INSERT INTO audit_chain_head (chain_key, seq, hash) SELECT chain_key, ${row.seq}::int, hash FROM audit_entry`
    : sql`UPDATE audit_chain_head SET seq = ${row.seq}, hash = ${row.hash}
        WHERE chain_key = (SELECT chain_key FROM audit_entry)`;
  return sql`audit_entry AS (
      INSERT INTO audit_log (chain_key, seq, at, actor_id, actor_name, unit_id, action, entity_type, entity_id,
        before_digest, after_digest, summary, request_id, prev_hash, hash)
      ${
        standIn
          ? standInValues(row, standIn)
          : sql`VALUES (${row.chainKey}, ${row.seq}, ${row.at}, ${row.actorId}::uuid, ${row.actorName}, ${row.unitId}::uuid,
        ${row.action}, ${row.entityType}, ${row.entityId}, ${row.beforeDigest}, ${row.afterDigest}, ${row.summary},
        ${row.requestId}, ${row.prevHash}, ${row.hash})`
      }
      RETURNING chain_key, hash),
    audit_head AS (${head})`;
}

/**
 * What a statement with a stand-in (platform/standIn.ts) needs to store the row with the value in place: the
 * canonical texts that `digest` and `rowHash` hash, built with the stand-in, the row's after digest among them.
 */
export interface StandInHashing {
  afterCanonical: string | null;
  rowCanonical: string;
}

const sha256Hex = (text: RawBuilder<unknown>) => sql`encode(sha256(convert_to(${text}, 'UTF8')), 'hex')`;

function standInValues(row: Omit<AuditRow, 'id'>, h: StandInHashing) {
  const after = h.afterCanonical === null ? sql`NULL::text` : sha256Hex(replaced(sql`${h.afterCanonical}::text`));
  const canonical =
    h.afterCanonical === null
      ? replaced(sql`${h.rowCanonical}::text`)
      : replaced(sql`replace(${h.rowCanonical}::text, ${row.afterDigest}::text, x.after_digest)`);
  return sql`SELECT ${row.chainKey}, ${row.seq}::int, ${row.at}::timestamptz, ${row.actorId}::uuid, ${row.actorName}::text,
        ${row.unitId}::uuid, ${row.action}::text, ${row.entityType}::text, ${row.entityId}::text, ${row.beforeDigest}::text,
        x.after_digest, ${row.summary === null ? sql`NULL::text` : replaced(sql`${row.summary}::text`)},
        ${row.requestId}::text, ${row.prevHash}::text, ${sha256Hex(canonical)}
      FROM stand_in CROSS JOIN LATERAL (SELECT ${after} AS after_digest) x`;
}

export function streamRows(db: Db, afterId: number, batch: number): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .select(columns)
    .where('id', '>', afterId)
    .orderBy('id')
    .limit(batch)
    .execute() as Promise<AuditRow[]>;
}

export function rowsForEntity(db: Db, entityType: string, entityId: string, limit = 100): Promise<AuditRow[]> {
  return db
    .selectFrom('audit_log')
    .select(columns)
    .where('entity_type', '=', entityType)
    .where('entity_id', '=', entityId)
    .orderBy('seq', 'desc')
    .limit(limit)
    .execute() as Promise<AuditRow[]>;
}

export function chainHeads(db: Db) {
  return db
    .selectFrom('audit_chain_head')
    .select(['chain_key as chainKey', 'seq', 'hash'])
    .where('seq', '>', 0)
    .execute();
}

export function unanchoredHeads(db: Db) {
  return db
    .selectFrom('audit_chain_head')
    .select(['chain_key as chainKey', 'seq', 'hash'])
    .where(sql<boolean>`seq > anchored_seq`)
    .orderBy('chain_key')
    .execute();
}

export async function markAnchored(db: Db, entries: AnchorEntry[]): Promise<void> {
  for (const e of entries) {
    await db
      .updateTable('audit_chain_head')
      .set({ anchored_seq: e.seq })
      .where('chain_key', '=', e.chainKey)
      .where('anchored_seq', '<', e.seq)
      .execute();
  }
}

export function lastAnchor(db: Db) {
  return db.selectFrom('audit_anchor').selectAll().orderBy('id', 'desc').limit(1).forUpdate().executeTakeFirst();
}

export function insertAnchor(
  db: Db,
  anchor: { at: Date; entries: AnchorEntry[]; prevHash: string | null; hash: string; createdBy: string },
) {
  return db
    .insertInto('audit_anchor')
    .values({
      at: anchor.at,
      entries: JSON.stringify(anchor.entries),
      prev_hash: anchor.prevHash,
      hash: anchor.hash,
      created_by: anchor.createdBy,
    })
    .returning(['id', 'at', 'hash', 'created_by as createdBy'])
    .executeTakeFirstOrThrow();
}

export function listAnchors(db: Db, limit = 20) {
  return db
    .selectFrom('audit_anchor')
    .select(['id', 'at', 'hash', 'prev_hash as prevHash', 'created_by as createdBy', 'entries'])
    .orderBy('id', 'desc')
    .limit(limit)
    .execute();
}

export function allAnchors(db: Db) {
  return db.selectFrom('audit_anchor').selectAll().orderBy('id').execute();
}

export function rowHashAt(db: Db, chainKey: string, seq: number) {
  return db
    .selectFrom('audit_log')
    .select(['id', 'hash'])
    .where('chain_key', '=', chainKey)
    .where('seq', '=', seq)
    .executeTakeFirst();
}
