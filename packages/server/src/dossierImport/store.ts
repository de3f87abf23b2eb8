import { sql } from 'kysely';
import type { Db } from '../platform/db';

export interface UnitCandidate {
  id: string;
  code: string;
  validFrom: string;
  validTo: string | null;
}

/** Every unit (over all validity periods) carrying one of the codes. */
export async function unitsByCodes(db: Db, codes: string[]): Promise<UnitCandidate[]> {
  if (!codes.length) return [];
  return db
    .selectFrom('unit')
    .select(['id', 'code', 'valid_from as validFrom', 'valid_to as validTo'])
    .where('code', 'in', codes)
    .orderBy('valid_from')
    .execute();
}

export async function knownProcedureCodes(db: Db, codes: string[]): Promise<Set<string>> {
  if (!codes.length) return new Set();
  const rows = await db.selectFrom('procedure').select('code').where('code', 'in', codes).execute();
  return new Set(rows.map((r) => r.code));
}

/** The codes already used by a motcua dossier and by an imported one. */
export async function takenCodes(db: Db, codes: string[]): Promise<{ dossier: Set<string>; legacy: Set<string> }> {
  if (!codes.length) return { dossier: new Set(), legacy: new Set() };
  const [dossier, legacy] = await Promise.all([
    sql<{ code: string }>`SELECT code FROM dossier WHERE code = ANY(${codes}::text[])`.execute(db),
    db.selectFrom('legacy_dossier').select('code').where('code', 'in', codes).execute(),
  ]);
  return { dossier: new Set(dossier.rows.map((r) => r.code)), legacy: new Set(legacy.map((r) => r.code)) };
}

/** Ancestor paths (the unit first) of several units in one query. */
export async function ancestorPaths(db: Db, ids: string[]): Promise<Map<string, string[]>> {
  const paths = new Map<string, string[]>(ids.map((id) => [id, []]));
  if (!ids.length) return paths;
  const rows = await sql<{ start: string; id: string }>`
    WITH RECURSIVE up(start, id, parent_id, depth) AS (
      SELECT id, id, parent_id, 0 FROM unit WHERE id = ANY(${ids}::uuid[])
      UNION ALL SELECT up.start, u.id, u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.parent_id
       WHERE up.depth < 20
    ) SELECT start, id FROM up ORDER BY start, depth`.execute(db);
  for (const r of rows.rows) paths.get(r.start)!.push(r.id);
  return paths;
}

/** Imports are serialised: the duplicate checks of one batch see every batch committed before it. */
export async function lockImports(db: Db): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('motcua.legacy_dossier_import'))`.execute(db);
}

export interface NewBatch {
  id: string;
  source: string | null;
  recordCount: number;
  unitIds: string[];
  receivedFrom: Date | null;
  receivedTo: Date | null;
  importedBy: string | null;
  importedByName: string;
  requestId: string | null;
}

export async function insertBatch(db: Db, b: NewBatch): Promise<Date> {
  const row = await db
    .insertInto('legacy_import_batch')
    .values({
      id: b.id,
      source: b.source,
      record_count: b.recordCount,
      unit_ids: b.unitIds,
      received_from: b.receivedFrom,
      received_to: b.receivedTo,
      imported_by: b.importedBy,
      imported_by_name: b.importedByName,
      request_id: b.requestId,
      // millisecond precision, so that the listing's cursor (a JS Date) names the row exactly
      imported_at: sql<Date>`date_trunc('milliseconds', now())`,
    })
    .returning('imported_at')
    .executeTakeFirstOrThrow();
  return row.imported_at;
}

export interface NewLegacyDossier {
  id: string;
  code: string;
  unitId: string;
  procedureCode: string;
  receivedAt: Date | null;
  record: Record<string, unknown>;
}

const CHUNK = 500;

/**
 * Inserts the dossiers and marks each for the service-index rollups (index_dirty, migration 012), in the caller's
 * transaction. Returns the codes another writer took meanwhile (nothing of those is inserted; the caller rolls back).
 */
export async function insertDossiers(
  db: Db,
  batchId: string,
  importedBy: string | null,
  rows: NewLegacyDossier[],
): Promise<string[]> {
  const clashes: string[] = [];
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const inserted = await db
      .insertInto('legacy_dossier')
      .values(
        chunk.map((r) => ({
          id: r.id,
          code: r.code,
          unit_id: r.unitId,
          procedure_code: r.procedureCode,
          received_at: r.receivedAt,
          record: JSON.stringify(r.record),
          batch_id: batchId,
          imported_by: importedBy,
        })),
      )
      .onConflict((oc) => oc.column('code').doNothing())
      .returning('code')
      .execute();
    const got = new Set(inserted.map((r) => r.code));
    clashes.push(...chunk.filter((r) => !got.has(r.code)).map((r) => r.code));
    const ids = chunk.map((r) => r.id);
    await sql`INSERT INTO index_dirty (source, record_id)
      SELECT 'LEGACY', id FROM unnest(${ids}::uuid[]) AS t(id) ON CONFLICT DO NOTHING`.execute(db);
  }
  return clashes;
}

export type BatchRow = Omit<NewBatch, 'requestId'> & { importedAt: Date };

/**
 * Batches newest first, after a cursor; with `within`, only batches whose every unit is in one of the given
 * units (`exact`) or in the subtree of one of `subtrees`.
 */
export async function listBatches(
  db: Db,
  o: {
    limit: number;
    after?: { importedAt: string; id: string };
    within?: { exact: string[]; subtrees: string[] };
  },
): Promise<BatchRow[]> {
  let q = db
    .selectFrom('legacy_import_batch as b')
    .select([
      'b.id',
      'b.source',
      'b.record_count as recordCount',
      'b.unit_ids as unitIds',
      'b.received_from as receivedFrom',
      'b.received_to as receivedTo',
      'b.imported_by as importedBy',
      'b.imported_by_name as importedByName',
      'b.imported_at as importedAt',
    ])
    .orderBy('b.imported_at', 'desc')
    .orderBy('b.id', 'desc')
    .limit(o.limit);
  if (o.after) {
    const { importedAt, id } = o.after;
    q = q.where(sql<boolean>`(b.imported_at, b.id) < (${importedAt}::timestamptz, ${id}::uuid)`);
  }
  if (o.within) {
    const { exact, subtrees } = o.within;
    q = q.where(
      sql<boolean>`NOT EXISTS (
        SELECT 1 FROM unnest(b.unit_ids) AS bu(id)
         WHERE bu.id <> ALL(${exact}::uuid[]) AND bu.id NOT IN (
           WITH RECURSIVE sub AS (
             SELECT id FROM unit WHERE id = ANY(${subtrees}::uuid[])
             UNION SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id
           ) SELECT id FROM sub))`,
    );
  }
  return q.execute();
}
