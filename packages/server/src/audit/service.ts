import { sql } from 'kysely';
import type { Db } from '../platform/db';
import { canonicalJson, digest, sha256 } from '../platform/canonicalJson';
import type { AnchorEntry } from '../platform/schema';
import * as store from './store';

export interface AuditActor {
  userId: string | null;
  name: string;
}

export interface AuditEvent {
  actor: AuditActor;
  unitId: string | null;
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
  summary?: string;
  requestId?: string;
  at?: Date;
}

type HashedFields = Omit<store.AuditRow, 'id' | 'hash'>;

/** The hash covers every stored field and the previous hash of the same chain. */
export function rowHash(row: HashedFields): string {
  return sha256(rowCanonical(row));
}

function rowCanonical(row: HashedFields): string {
  return canonicalJson({
    chainKey: row.chainKey,
    seq: row.seq,
    at: row.at.toISOString(),
    actorId: row.actorId,
    actorName: row.actorName,
    unitId: row.unitId,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    beforeDigest: row.beforeDigest,
    afterDigest: row.afterDigest,
    summary: row.summary,
    requestId: row.requestId,
    prevHash: row.prevHash,
  });
}

/** Appends one audit row inside the caller's transaction (so the write and its audit commit together). */
export async function recordAudit(trx: Db, event: AuditEvent): Promise<void> {
  const chainKey = chainKeyOf(event);
  const head = await store.lockChainHead(trx, chainKey);
  await store.appendRow(trx, auditRow(event, chainKey, head));
}

/**
 * The first audit row of an entity created by the caller's statement, to be written by that statement
 * (`store.appendRowCtes(row, true)`): a creation that is one statement stays one.
 */
export const firstAuditRow = (event: AuditEvent) => auditRow(event, chainKeyOf(event), { seq: 0, hash: null });

/**
 * `firstAuditRow` of an event whose texts hold a stand-in that the writing statement replaces
 * (platform/standIn.ts): with the canonical texts from which the statement computes the stored digest and hash.
 */
export function firstAuditRowWithStandIn(
  event: AuditEvent,
): { row: Omit<store.AuditRow, 'id'> } & store.StandInHashing {
  const row = firstAuditRow(event);
  const afterCanonical = event.after === undefined || event.after === null ? null : canonicalJson(event.after);
  return { row, afterCanonical, rowCanonical: rowCanonical(row) };
}

const chainKeyOf = (event: AuditEvent) => `${event.entityType}:${event.entityId}`;

function auditRow(event: AuditEvent, chainKey: string, head: { seq: number; hash: string | null }) {
  const fields: HashedFields = {
    chainKey,
    seq: head.seq + 1,
    // millisecond precision: what JS reads back must equal what was hashed
    at: new Date(Math.floor((event.at ?? new Date()).getTime())),
    actorId: event.actor.userId,
    actorName: event.actor.name,
    unitId: event.unitId,
    action: event.action,
    entityType: event.entityType,
    entityId: event.entityId,
    beforeDigest: digest(event.before),
    afterDigest: digest(event.after),
    summary: event.summary ?? null,
    requestId: event.requestId ?? null,
    prevHash: head.hash,
  };
  return { ...fields, hash: rowHash(fields) };
}

export interface BrokenRow {
  id: number;
  chainKey: string;
  seq: number;
  reason: 'HASH_MISMATCH' | 'PREVIOUS_HASH_MISMATCH' | 'SEQUENCE_GAP' | 'HEAD_MISMATCH' | 'ANCHOR_MISMATCH';
}

export interface VerifyReport {
  ok: boolean;
  rows: number;
  chains: number;
  anchors: number;
  firstBroken: BrokenRow | null;
  broken: BrokenRow[];
}

/** Walks every chain and every anchor; reports the broken rows, the first one (lowest id) by name. */
export async function verifyAudit(db: Db): Promise<VerifyReport> {
  const last = new Map<string, { seq: number; hash: string }>();
  const broken: BrokenRow[] = [];
  const brokenChains = new Set<string>();
  let rows = 0;
  let afterId = 0;
  for (;;) {
    const batch = await store.streamRows(db, afterId, 5000);
    if (batch.length === 0) break;
    for (const row of batch) {
      rows++;
      afterId = row.id;
      const prev = last.get(row.chainKey);
      const expectedSeq = (prev?.seq ?? 0) + 1;
      let reason: BrokenRow['reason'] | null = null;
      if (row.seq !== expectedSeq) reason = 'SEQUENCE_GAP';
      else if (row.prevHash !== (prev?.hash ?? null)) reason = 'PREVIOUS_HASH_MISMATCH';
      else if (rowHash(row) !== row.hash) reason = 'HASH_MISMATCH';
      if (reason && !brokenChains.has(row.chainKey)) {
        broken.push({ id: row.id, chainKey: row.chainKey, seq: row.seq, reason });
        brokenChains.add(row.chainKey);
      }
      last.set(row.chainKey, { seq: row.seq, hash: row.hash });
    }
  }
  for (const head of await store.chainHeads(db)) {
    const seen = last.get(head.chainKey);
    if (!seen || seen.seq !== head.seq || seen.hash !== head.hash) {
      if (!brokenChains.has(head.chainKey)) {
        const at = seen ? await store.rowHashAt(db, head.chainKey, seen.seq) : undefined;
        broken.push({ id: at?.id ?? 0, chainKey: head.chainKey, seq: seen?.seq ?? 0, reason: 'HEAD_MISMATCH' });
        brokenChains.add(head.chainKey);
      }
    }
  }
  const anchors = await store.allAnchors(db);
  let prevAnchorHash: string | null = null;
  for (const anchor of anchors) {
    const entries = anchor.entries as AnchorEntry[];
    const expected = anchorHash(prevAnchorHash, anchor.at, entries);
    for (const entry of entries) {
      const row = await store.rowHashAt(db, entry.chainKey, entry.seq);
      if (
        (!row || row.hash !== entry.hash || expected !== anchor.hash || anchor.prev_hash !== prevAnchorHash) &&
        !brokenChains.has(entry.chainKey)
      ) {
        broken.push({ id: row?.id ?? 0, chainKey: entry.chainKey, seq: entry.seq, reason: 'ANCHOR_MISMATCH' });
        brokenChains.add(entry.chainKey);
      }
    }
    prevAnchorHash = anchor.hash;
  }
  broken.sort((a, b) => a.id - b.id);
  return {
    ok: broken.length === 0,
    rows,
    chains: last.size,
    anchors: anchors.length,
    firstBroken: broken[0] ?? null,
    broken,
  };
}

function anchorHash(prevHash: string | null, at: Date, entries: AnchorEntry[]): string {
  return sha256(canonicalJson({ prevHash, at: at.toISOString(), entries }));
}

/** Pins the heads of every chain written since the last anchor. Run periodically by a background job. */
export async function createAnchor(db: Db, createdBy: string) {
  return db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(7402)`.execute(trx); // one anchor at a time, across processes
    const previous = await store.lastAnchor(trx);
    const entries = await store.unanchoredHeads(trx);
    const at = new Date(Math.floor(Date.now()));
    const prevHash = previous?.hash ?? null;
    const created = await store.insertAnchor(trx, {
      at,
      entries,
      prevHash,
      hash: anchorHash(prevHash, at, entries),
      createdBy,
    });
    await store.markAnchored(trx, entries);
    return { ...created, chainCount: entries.length };
  });
}

export async function historyOf(db: Db, entityType: string, entityId: string) {
  const rows = await store.rowsForEntity(db, entityType, entityId);
  return rows.map((r) => ({
    at: r.at.toISOString(),
    actor: r.actorName ?? '',
    action: r.action,
    summary: r.summary ?? '',
  }));
}

export const listAnchors = store.listAnchors;
