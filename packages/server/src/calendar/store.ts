import { sql } from 'kysely';
import type {
  CalendarEntryType,
  HolidayOccasion,
  OfficeHoursVersion,
  SaturdayReceptionVersion,
} from '@motcua/domain/calendar/index';
import type { Db } from '../platform/db';

export type ScopeLevel = 'NATIONAL' | 'PROVINCE' | 'UNIT';

export interface EntryRow {
  id: string;
  scopeLevel: ScopeLevel;
  scopeUnitIds: string[];
  provinceCodes: string[];
  type: CalendarEntryType;
  date: string;
  name: string;
  legalBasisNo: string | null;
  legalBasisDate: string | null;
  source: string | null;
  pairedDate: string | null;
  occasion: HolidayOccasion | null;
  confirmed: boolean;
  origin: 'OFFICIAL' | 'ADMIN';
  publishedAt: Date | null;
  version: number;
  createdAt: Date;
  updatedAt: Date;
}

export type EntryValues = Omit<EntryRow, 'id' | 'version' | 'createdAt' | 'updatedAt'>;

const columns = [
  'e.id',
  'e.scope_level as scopeLevel',
  'e.scope_unit_ids as scopeUnitIds',
  'e.province_codes as provinceCodes',
  'e.type',
  'e.date',
  'e.name',
  'e.legal_basis_no as legalBasisNo',
  'e.legal_basis_date as legalBasisDate',
  'e.source',
  'e.paired_date as pairedDate',
  'e.occasion',
  'e.confirmed',
  'e.origin',
  'e.published_at as publishedAt',
  'e.version',
  'e.created_at as createdAt',
  'e.updated_at as updatedAt',
] as const;

const live = () => sql<boolean>`e.deleted_at IS NULL`;

/** Current revision of all calendar data: bumped by every edit, read by every cache check. */
export async function currentRevision(db: Db): Promise<number> {
  const r = await db.selectFrom('calendar_revision').select('revision').where('id', '=', 1).executeTakeFirst();
  return r?.revision ?? 0;
}

/** Call inside the transaction of every edit. */
export async function bumpRevision(db: Db): Promise<number> {
  const r = await db
    .updateTable('calendar_revision')
    .set({ revision: sql`revision + 1` })
    .where('id', '=', 1)
    .returning('revision')
    .executeTakeFirstOrThrow();
  return r.revision;
}

/**
 * Entries that can apply to a unit: national ones, province ones of its province code or ancestors, and
 * unit ones of the unit or an ancestor (an entry for a district covers its communes). Proposals included.
 */
export async function entriesForPath(db: Db, path: string[], provinceCode: string | null): Promise<EntryRow[]> {
  return (await db
    .selectFrom('calendar_entry as e')
    .select(columns)
    .where(live())
    .where((eb) =>
      eb.or([
        eb('e.scope_level', '=', 'NATIONAL'),
        sql<boolean>`e.scope_unit_ids && ${path}::uuid[]`,
        ...(provinceCode
          ? [sql<boolean>`(e.scope_level = 'PROVINCE' AND ${provinceCode} = ANY(e.province_codes))`]
          : []),
      ]),
    )
    .orderBy('e.date')
    .orderBy('e.type')
    .execute()) as EntryRow[];
}

export async function listEntries(db: Db, f: { year?: number; includeDeleted?: boolean }): Promise<EntryRow[]> {
  let q = db.selectFrom('calendar_entry as e').select(columns).where(live());
  if (f.year !== undefined) q = q.where('e.date', '>=', `${f.year}-01-01`).where('e.date', '<=', `${f.year}-12-31`);
  return (await q.orderBy('e.date').orderBy('e.type').orderBy('e.id').execute()) as EntryRow[];
}

export async function findEntry(db: Db, id: string): Promise<EntryRow | undefined> {
  return (await db
    .selectFrom('calendar_entry as e')
    .select(columns)
    .where('e.id', '=', id)
    .where(live())
    .executeTakeFirst()) as EntryRow | undefined;
}

export async function lockEntry(db: Db, id: string): Promise<EntryRow | undefined> {
  return (await db
    .selectFrom('calendar_entry as e')
    .select(columns)
    .where('e.id', '=', id)
    .where(live())
    .forUpdate()
    .executeTakeFirst()) as EntryRow | undefined;
}

function toColumns(v: EntryValues) {
  return {
    scope_level: v.scopeLevel,
    scope_unit_ids: v.scopeUnitIds,
    province_codes: v.provinceCodes,
    type: v.type,
    date: v.date,
    name: v.name,
    legal_basis_no: v.legalBasisNo,
    legal_basis_date: v.legalBasisDate,
    source: v.source,
    paired_date: v.pairedDate,
    occasion: v.occasion,
    confirmed: v.confirmed,
    origin: v.origin,
    published_at: v.publishedAt,
  };
}

export async function insertEntry(db: Db, v: EntryValues, referenceKey: string | null = null): Promise<EntryRow> {
  const row = await db
    .insertInto('calendar_entry')
    .values({ ...toColumns(v), reference_key: referenceKey })
    .returning('id')
    .executeTakeFirstOrThrow();
  return (await findEntry(db, row.id))!;
}

/** Shipped reference data: inserts the entry unless its key exists (even as a deleted one). */
export async function insertReferenceEntry(db: Db, v: EntryValues, referenceKey: string): Promise<boolean> {
  const r = await db
    .insertInto('calendar_entry')
    .values({ ...toColumns(v), reference_key: referenceKey })
    .onConflict((oc) => oc.column('reference_key').doNothing())
    .returning('id')
    .executeTakeFirst();
  return r !== undefined;
}

export async function updateEntry(db: Db, id: string, v: EntryValues): Promise<EntryRow> {
  await db
    .updateTable('calendar_entry')
    .set({ ...toColumns(v), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
  return (await findEntry(db, id))!;
}

/** Soft delete: the row stays so that the reference-data loader does not bring a deleted official day back. */
export async function deleteEntry(db: Db, id: string): Promise<void> {
  await db
    .updateTable('calendar_entry')
    .set({ deleted_at: new Date(), version: sql`version + 1`, updated_at: new Date() })
    .where('id', '=', id)
    .execute();
}

export async function coverage(db: Db): Promise<{ year: number; decidedOccasions: HolidayOccasion[] }[]> {
  const rows = await db
    .selectFrom('calendar_year_coverage')
    .select(['year', 'decided_occasions'])
    .orderBy('year')
    .execute();
  return rows.map((r) => ({ year: r.year, decidedOccasions: r.decided_occasions as HolidayOccasion[] }));
}

/** Adds occasions to a year's coverage (union; never removes). Returns whether anything changed. */
export async function addCoverage(db: Db, year: number, occasions: readonly string[]): Promise<boolean> {
  if (occasions.length === 0) return false;
  const r = await sql<{ changed: boolean }>`
    INSERT INTO calendar_year_coverage AS c (year, decided_occasions) VALUES (${year}, ${[...occasions]}::text[])
    ON CONFLICT (year) DO UPDATE
      SET decided_occasions = ARRAY(SELECT DISTINCT unnest(c.decided_occasions || EXCLUDED.decided_occasions) ORDER BY 1),
          updated_at = now()
      WHERE NOT (EXCLUDED.decided_occasions <@ c.decided_occasions)
    RETURNING true AS changed`.execute(db);
  return r.rows.length > 0;
}

export interface SettingsRow {
  unitId: string;
  officeHours: OfficeHoursVersion[] | null;
  saturdayReception: SaturdayReceptionVersion[] | null;
  dueTimeMode: 'SAME_TIME' | 'END_OF_DAY' | null;
  version: number;
  updatedAt: Date;
}

const settingsColumns = [
  's.unit_id as unitId',
  's.office_hours as officeHours',
  's.saturday_reception as saturdayReception',
  's.due_time_mode as dueTimeMode',
  's.version',
  's.updated_at as updatedAt',
] as const;

/** Settings rows of the given units (the path of a unit, nearest first, is resolved by the caller). */
export async function settingsFor(db: Db, unitIds: string[]): Promise<SettingsRow[]> {
  if (unitIds.length === 0) return [];
  return (await db
    .selectFrom('calendar_unit_settings as s')
    .select(settingsColumns)
    .where('s.unit_id', 'in', unitIds)
    .execute()) as SettingsRow[];
}

export async function lockSettings(db: Db, unitId: string): Promise<SettingsRow | undefined> {
  return (await db
    .selectFrom('calendar_unit_settings as s')
    .select(settingsColumns)
    .where('s.unit_id', '=', unitId)
    .forUpdate()
    .executeTakeFirst()) as SettingsRow | undefined;
}

export async function upsertSettings(
  db: Db,
  unitId: string,
  v: Pick<SettingsRow, 'officeHours' | 'saturdayReception' | 'dueTimeMode'>,
): Promise<SettingsRow> {
  const values = {
    office_hours: v.officeHours === null ? null : JSON.stringify(v.officeHours),
    saturday_reception: v.saturdayReception === null ? null : JSON.stringify(v.saturdayReception),
    due_time_mode: v.dueTimeMode,
  };
  await db
    .insertInto('calendar_unit_settings')
    .values({ unit_id: unitId, ...values })
    .onConflict((oc) =>
      oc
        .column('unit_id')
        .doUpdateSet({ ...values, version: sql`calendar_unit_settings.version + 1`, updated_at: new Date() }),
    )
    .execute();
  return (await settingsFor(db, [unitId]))[0]!;
}

/** The unit's identifier code and the ids from it up to its root (nearest first). */
export async function unitPath(db: Db, id: string): Promise<{ code: string; path: string[] } | undefined> {
  const result = await sql<{ id: string; code: string }>`
    WITH RECURSIVE up(id, code, parent_id, depth) AS (
      SELECT id, code, parent_id, 0 FROM unit WHERE id = ${id}::uuid
      UNION ALL SELECT u.id, u.code, u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 20
    ) SELECT id, code FROM up ORDER BY depth`.execute(db);
  if (result.rows.length === 0) return undefined;
  return { code: result.rows[0]!.code, path: result.rows.map((r) => r.id) };
}

export async function existingUnits(db: Db, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db.selectFrom('unit').select('id').where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}
