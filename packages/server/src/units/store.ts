import { sql } from 'kysely';
import type { Db } from '../platform/db';
import { DomainError, type Unit, type UnitType } from '@motcua/domain';

export interface UnitRow {
  id: string;
  code: string;
  name: string;
  shortName: string | null;
  type: UnitType;
  parentId: string | null;
  validFrom: string;
  validTo: string | null;
  statisticalCode: string | null;
  legalBasis: string | null;
  version: number;
}

const columns = [
  'u.id',
  'u.code',
  'u.name',
  'u.short_name as shortName',
  'u.type',
  'u.parent_id as parentId',
  'u.valid_from as validFrom',
  'u.valid_to as validTo',
  'u.statistical_code as statisticalCode',
  'u.legal_basis as legalBasis',
  'u.version',
] as const;

const validOn = (asOf: string) =>
  sql<boolean>`u.valid_from <= ${asOf}::date AND (u.valid_to IS NULL OR u.valid_to >= ${asOf}::date)`;

export async function findUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  return (await db.selectFrom('unit as u').select(columns).where('u.id', '=', id).executeTakeFirst()) as
    UnitRow | undefined;
}

export async function lockUnit(db: Db, id: string): Promise<UnitRow | undefined> {
  return (await db.selectFrom('unit as u').select(columns).where('u.id', '=', id).forUpdate().executeTakeFirst()) as
    UnitRow | undefined;
}

export interface ListFilter {
  asOf: string;
  parentId?: string | 'root';
  q?: string;
  type?: UnitType;
  limit: number;
  after?: { sortKey: string; id: string };
  /** When set, only these units and their subtrees (scoped listing). */
  withinRoots?: string[];
}

/** Units valid on a date, ordered by Vietnamese collation, with the count of their children on that date. */
export async function listUnits(db: Db, f: ListFilter): Promise<(Unit & { sortKey: string })[]> {
  let query = db
    .selectFrom('unit as u')
    .select(columns)
    .select(sql<string>`u.name COLLATE "vi-x-icu"`.as('sortKey'))
    .select(
      sql<number>`(SELECT count(*) FROM unit c WHERE c.parent_id = u.id
        AND c.valid_from <= ${f.asOf}::date AND (c.valid_to IS NULL OR c.valid_to >= ${f.asOf}::date))::int`.as(
        'childCount',
      ),
    )
    .where(validOn(f.asOf));
  if (f.parentId === 'root') query = query.where('u.parent_id', 'is', null);
  else if (f.parentId) query = query.where('u.parent_id', '=', f.parentId);
  if (f.type) query = query.where('u.type', '=', f.type);
  if (f.q) {
    const needle = `%${f.q.normalize('NFC').replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    query = query.where(sql<boolean>`u.search LIKE search_text(${needle})`);
  }
  if (f.withinRoots) {
    const roots = f.withinRoots;
    query = query.where(
      sql<boolean>`u.id IN (WITH RECURSIVE sub AS (
        SELECT id FROM unit WHERE id = ANY(${roots}::uuid[])
        UNION SELECT c.id FROM unit c JOIN sub ON c.parent_id = sub.id) SELECT id FROM sub)`,
    );
  }
  if (f.after) {
    const { sortKey, id } = f.after;
    query = query.where(
      sql<boolean>`(u.name COLLATE "vi-x-icu" > ${sortKey} COLLATE "vi-x-icu" OR (u.name = ${sortKey} AND u.id > ${id}::uuid))`,
    );
  }
  const rows = await query
    .orderBy(sql`u.name COLLATE "vi-x-icu"`)
    .orderBy('u.id')
    .limit(f.limit + 1)
    .execute();
  return rows.map(({ statisticalCode: _s, legalBasis: _l, ...rest }) => rest as Unit & { sortKey: string });
}

/** The unit followed by its ancestors up to the root: the path authorisation checks against. */
export async function ancestorPath(db: Db, id: string): Promise<string[]> {
  const result = await sql<{ id: string }>`
    WITH RECURSIVE up(id, parent_id, depth) AS (
      SELECT id, parent_id, 0 FROM unit WHERE id = ${id}::uuid
      UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 20
    ) SELECT id FROM up ORDER BY depth`.execute(db);
  return result.rows.map((r) => r.id);
}

export async function childCount(db: Db, id: string, asOf: string): Promise<number> {
  const r = await db
    .selectFrom('unit as u')
    .select(sql<number>`count(*)::int`.as('n'))
    .where('u.parent_id', '=', id)
    .where(validOn(asOf))
    .executeTakeFirstOrThrow();
  return r.n;
}

/**
 * Two writers can both pass codeTaken() before either commits; the exclusion constraint then refuses the second
 * one. That is the same rule broken, so it gets the same answer rather than a 500.
 */
function codeConflict(error: unknown): never {
  const e = error as { code?: string; constraint?: string };
  if (e.code === '23P01' && e.constraint === 'unit_code_unique_over_time')
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'body.code', message: 'Mã định danh này đang được đơn vị khác sử dụng trong cùng thời gian hiệu lực.' },
    ]);
  throw error;
}

export async function insertUnit(db: Db, u: Omit<UnitRow, 'id' | 'version'>): Promise<UnitRow> {
  const row = await db
    .insertInto('unit')
    .values({
      code: u.code,
      name: u.name,
      short_name: u.shortName,
      type: u.type,
      parent_id: u.parentId,
      valid_from: u.validFrom,
      valid_to: u.validTo,
      statistical_code: u.statisticalCode,
      legal_basis: u.legalBasis,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
    .catch(codeConflict);
  return (await findUnit(db, row.id))!;
}

export async function updateUnit(db: Db, id: string, u: Omit<UnitRow, 'id' | 'version'>): Promise<UnitRow> {
  await db
    .updateTable('unit')
    .set({
      code: u.code,
      name: u.name,
      short_name: u.shortName,
      type: u.type,
      parent_id: u.parentId,
      valid_from: u.validFrom,
      valid_to: u.validTo,
      statistical_code: u.statisticalCode,
      legal_basis: u.legalBasis,
      version: sql`version + 1`,
      updated_at: new Date(),
    })
    .where('id', '=', id)
    .execute()
    .catch(codeConflict);
  return (await findUnit(db, id))!;
}

export async function insertSuccession(
  db: Db,
  s: { predecessorId: string; successorId: string; kind: string; effectiveDate: string; legalBasis: string | null },
) {
  await db
    .insertInto('unit_succession')
    .values({
      predecessor_id: s.predecessorId,
      successor_id: s.successorId,
      kind: s.kind,
      effective_date: s.effectiveDate,
      legal_basis: s.legalBasis,
    })
    .onConflict((oc) => oc.columns(['predecessor_id', 'successor_id']).doNothing())
    .execute();
}

const refColumns = ['u.id', 'u.code', 'u.name', 'u.valid_from as validFrom', 'u.valid_to as validTo'] as const;

export function predecessorsOf(db: Db, id: string) {
  return db
    .selectFrom('unit_succession as s')
    .innerJoin('unit as u', 'u.id', 's.predecessor_id')
    .select(refColumns)
    .where('s.successor_id', '=', id)
    .orderBy(sql`u.name COLLATE "vi-x-icu"`)
    .execute();
}

export function successorsOf(db: Db, id: string) {
  return db
    .selectFrom('unit_succession as s')
    .innerJoin('unit as u', 'u.id', 's.successor_id')
    .select(refColumns)
    .where('s.predecessor_id', '=', id)
    .orderBy(sql`u.name COLLATE "vi-x-icu"`)
    .execute();
}

export function unitRef(db: Db, id: string) {
  return db.selectFrom('unit as u').select(refColumns).where('u.id', '=', id).executeTakeFirst();
}

/** Whether another unit holds the code over an overlapping period (the exclusion constraint, checked first for a clear error). */
export async function codeTaken(db: Db, code: string, validFrom: string, validTo: string | null, exceptId?: string) {
  let q = db
    .selectFrom('unit')
    .select('id')
    .where('code', '=', code)
    .where(
      sql<boolean>`daterange(valid_from, valid_to, '[]') && daterange(${validFrom}::date, ${validTo}::date, '[]')`,
    );
  if (exceptId) q = q.where('id', '<>', exceptId);
  return (await q.executeTakeFirst()) !== undefined;
}

export async function countUnits(db: Db): Promise<number> {
  const r = await db
    .selectFrom('unit')
    .select(sql<number>`count(*)::int`.as('n'))
    .executeTakeFirstOrThrow();
  return r.n;
}
