/** SQL of the frozen service-index results (migration 015, append-only; results.ts holds the use cases). */
import { sql } from 'kysely';
import type { Db } from '../platform/db';
import type { ServiceIndexResultTable } from '../platform/schema';

/** What a version says of itself (everything but the payload). */
export type VersionRow = Omit<ServiceIndexResultTable, 'id' | 'created_at' | 'payload'> & { created_at: Date };

const META = [
  'root_unit_id',
  'period_key',
  'as_of',
  'version',
  'reason',
  'created_by',
  'created_by_name',
  'created_at',
  'measured_at',
  'digest',
] as const;

/** Freezes of one (root, period) wait for each other until the transaction ends. */
export async function lockPeriod(trx: Db, rootId: string, periodKey: string): Promise<void> {
  await sql`SELECT pg_advisory_xact_lock(hashtext('motcua.service_index_result'), hashtext(${`${rootId}/${periodKey}`}))`.execute(
    trx,
  );
}

export function lastVersion(db: Db, rootId: string, periodKey: string) {
  return db
    .selectFrom('service_index_result')
    .select(['version', 'digest', 'as_of'])
    .where('root_unit_id', '=', rootId)
    .where('period_key', '=', periodKey)
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
}

export function insertVersion(
  trx: Db,
  row: Omit<ServiceIndexResultTable, 'id' | 'created_at' | 'payload'> & { payload: string },
): Promise<VersionRow> {
  return trx.insertInto('service_index_result').values(row).returning(META).executeTakeFirstOrThrow();
}

/** The versions of a (root, period), oldest first. */
export function versionsOf(db: Db, rootId: string, periodKey: string): Promise<VersionRow[]> {
  return db
    .selectFrom('service_index_result')
    .select(META)
    .where('root_unit_id', '=', rootId)
    .where('period_key', '=', periodKey)
    .orderBy('version')
    .execute();
}

export function versionWithPayload(db: Db, rootId: string, periodKey: string, version: number) {
  return db
    .selectFrom('service_index_result')
    .select([...META, 'payload'])
    .where('root_unit_id', '=', rootId)
    .where('period_key', '=', periodKey)
    .where('version', '=', version)
    .executeTakeFirst();
}
