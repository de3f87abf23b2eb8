import { sql } from 'kysely';
import type { OnlineLevel, ProcedureContent, ProcedureLevel } from '@motcua/domain';
import type { Db } from '../platform/db';

export interface ProcedureRow {
  id: string;
  code: string;
  name: string;
  field: string;
  levels: ProcedureLevel[];
  onlineLevel: OnlineLevel | null;
  version: number;
}

const procedureColumns = ['p.id', 'p.code', 'p.name', 'p.field', 'p.levels', 'p.online_level as onlineLevel', 'p.version'] as const;

export async function findProcedure(db: Db, code: string): Promise<ProcedureRow | undefined> {
  return (await db.selectFrom('procedure as p').select(procedureColumns).where('p.code', '=', code).executeTakeFirst()) as ProcedureRow | undefined;
}

export async function lockProcedure(db: Db, code: string): Promise<ProcedureRow | undefined> {
  return (await db.selectFrom('procedure as p').select(procedureColumns).where('p.code', '=', code).forUpdate().executeTakeFirst()) as
    | ProcedureRow
    | undefined;
}

export interface VersionRow {
  id: string;
  procedureId: string;
  seq: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  publicationDecisionNo: string | null;
  publicationDecisionDate: string | null;
  supersededAt: Date | null;
  createdAt: Date;
  contentHash: string;
  parseWarnings: string[];
  provenance: Record<string, unknown> | null;
  content: ProcedureContent;
}

const versionSelect = sql`v.id, v.procedure_id, v.seq, v.effective_from, v.effective_to, v.publication_decision_no,
  v.publication_decision_date, v.superseded_at, v.created_at, v.content_hash, v.parse_warnings, v.provenance, p.code,
  v.name, v.field, v.levels, v.level_text, v.agency, v.competent_authority, v.subjects, v.channels, v.methods,
  v.processing_time_text, v.fee_text, v.documents, v.document_notes, v.conditions, v.result_type, v.result_codes,
  v.legal_basis, v.procedure_type, v.online_level, v.full_online_eligible, to_char(v.cutoff_time, 'HH24:MI') AS cutoff_time,
  v.supplement_clock_mode, v.excluded_periods`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
function toVersion(r: any): VersionRow {
  return {
    id: r.id,
    procedureId: r.procedure_id,
    seq: r.seq,
    effectiveFrom: r.effective_from,
    effectiveTo: r.effective_to,
    publicationDecisionNo: r.publication_decision_no,
    publicationDecisionDate: r.publication_decision_date,
    supersededAt: r.superseded_at,
    createdAt: r.created_at,
    contentHash: r.content_hash,
    parseWarnings: r.parse_warnings,
    provenance: r.provenance,
    content: {
      code: r.code,
      name: r.name,
      field: r.field,
      levels: r.levels,
      levelText: r.level_text,
      agency: r.agency,
      competentAuthority: r.competent_authority,
      subjects: r.subjects,
      channels: r.channels,
      methods: r.methods,
      processingTimeText: r.processing_time_text,
      feeText: r.fee_text,
      documents: r.documents,
      documentNotes: r.document_notes,
      conditions: r.conditions,
      resultType: r.result_type,
      resultCodes: r.result_codes,
      legalBasis: r.legal_basis,
      publicationDecisionNo: r.publication_decision_no,
      procedureType: r.procedure_type,
      onlineLevel: r.online_level,
      fullOnlineEligible: r.full_online_eligible,
      cutoffTime: r.cutoff_time,
      supplementClockMode: r.supplement_clock_mode,
      excludedPeriods: r.excluded_periods,
    },
  };
}

/** The version in force on a date (superseded corrections excluded). */
export async function versionAsOf(db: Db, procedureId: string, asOf: string): Promise<VersionRow | undefined> {
  const r = await sql`SELECT ${versionSelect} FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    WHERE v.procedure_id = ${procedureId}::uuid AND v.superseded_at IS NULL
      AND v.effective_from <= ${asOf}::date AND (v.effective_to IS NULL OR v.effective_to >= ${asOf}::date)
    LIMIT 1`.execute(db);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

/** The newest version on the timeline (it may start in the future). */
export async function latestVersion(db: Db, procedureId: string): Promise<VersionRow | undefined> {
  const r = await sql`SELECT ${versionSelect} FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    WHERE v.procedure_id = ${procedureId}::uuid AND v.superseded_at IS NULL ORDER BY v.effective_from DESC, v.seq DESC LIMIT 1`.execute(db);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

export async function versionBySeq(db: Db, procedureId: string, seq: number): Promise<VersionRow | undefined> {
  const r = await sql`SELECT ${versionSelect} FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    WHERE v.procedure_id = ${procedureId}::uuid AND v.seq = ${seq}`.execute(db);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

export async function versionById(db: Db, id: string): Promise<VersionRow | undefined> {
  const r = await sql`SELECT ${versionSelect} FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id WHERE v.id = ${id}::uuid`.execute(db);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

export async function listVersions(db: Db, procedureId: string) {
  const r = await sql<{
    seq: number;
    effectiveFrom: string;
    effectiveTo: string | null;
    publicationDecisionNo: string | null;
    publicationDecisionDate: string | null;
    superseded: boolean;
    createdAt: Date;
    unitCount: number;
  }>`SELECT v.seq, v.effective_from AS "effectiveFrom", v.effective_to AS "effectiveTo",
      v.publication_decision_no AS "publicationDecisionNo", v.publication_decision_date AS "publicationDecisionDate",
      v.superseded_at IS NOT NULL AS superseded, v.created_at AS "createdAt",
      (SELECT count(*)::int FROM procedure_version_unit u WHERE u.version_id = v.id) AS "unitCount"
    FROM procedure_version v WHERE v.procedure_id = ${procedureId}::uuid ORDER BY v.seq`.execute(db);
  return r.rows.map((x) => ({ ...x, createdAt: x.createdAt.toISOString() }));
}

export async function versionUnits(db: Db, versionId: string) {
  return db
    .selectFrom('procedure_version_unit as pu')
    .innerJoin('unit as u', 'u.id', 'pu.unit_id')
    .select(['u.id', 'u.code', 'u.name'])
    .where('pu.version_id', '=', versionId)
    .orderBy(sql`u.name COLLATE "vi-x-icu"`)
    .execute();
}

export async function unitCountOf(db: Db, versionId: string): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM procedure_version_unit WHERE version_id = ${versionId}::uuid`.execute(db);
  return r.rows[0]!.n;
}

// ---------- writes ----------

export interface NewVersion {
  procedureId: string;
  seq: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  publicationDecisionNo: string | null;
  publicationDecisionDate: string | null;
  content: ProcedureContent;
  provenance: Record<string, unknown> | null;
  parseWarnings: string[];
  contentHash: string;
  createdBy: string | null;
}

const versionValues = (v: NewVersion) => ({
  procedure_id: v.procedureId,
  seq: v.seq,
  effective_from: v.effectiveFrom,
  effective_to: v.effectiveTo,
  publication_decision_no: v.publicationDecisionNo,
  publication_decision_date: v.publicationDecisionDate,
  name: v.content.name,
  field: v.content.field,
  levels: v.content.levels,
  level_text: v.content.levelText,
  agency: v.content.agency,
  competent_authority: v.content.competentAuthority,
  subjects: v.content.subjects,
  channels: v.content.channels,
  methods: JSON.stringify(v.content.methods),
  processing_time_text: v.content.processingTimeText,
  fee_text: v.content.feeText,
  documents: JSON.stringify(v.content.documents),
  document_notes: JSON.stringify(v.content.documentNotes),
  conditions: v.content.conditions,
  result_type: v.content.resultType,
  result_codes: v.content.resultCodes,
  legal_basis: v.content.legalBasis,
  procedure_type: v.content.procedureType,
  online_level: v.content.onlineLevel,
  full_online_eligible: v.content.fullOnlineEligible,
  cutoff_time: v.content.cutoffTime,
  supplement_clock_mode: v.content.supplementClockMode,
  excluded_periods: v.content.excludedPeriods,
  provenance: v.provenance ? JSON.stringify(v.provenance) : null,
  parse_warnings: v.parseWarnings,
  content_hash: v.contentHash,
  created_by: v.createdBy,
});

function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

/** Batch insert of procedures; returns their ids by code. */
export async function insertProcedures(db: Db, rows: readonly ProcedureContent[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunks(rows, 1000)) {
    const inserted = await db
      .insertInto('procedure')
      .values(part.map((c) => ({ code: c.code, name: c.name, field: c.field, levels: c.levels, online_level: c.onlineLevel })))
      .returning(['id', 'code'])
      .execute();
    for (const r of inserted) ids.set(r.code, r.id);
  }
  return ids;
}

/** Batch insert of versions; returns their ids by procedure id. */
export async function insertVersions(db: Db, rows: readonly NewVersion[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunks(rows, 400)) {
    const inserted = await db.insertInto('procedure_version').values(part.map(versionValues)).returning(['id', 'procedure_id']).execute();
    for (const r of inserted) ids.set(r.procedure_id, r.id);
  }
  return ids;
}

/** Copies the current attributes of a version onto the procedure row and bumps its version. */
export async function syncProcedure(db: Db, procedureIds: readonly string[]) {
  if (!procedureIds.length) return;
  await sql`UPDATE procedure p SET name = v.name, field = v.field, levels = v.levels, online_level = v.online_level,
      version = p.version + 1, updated_at = now()
    FROM LATERAL (SELECT name, field, levels, online_level FROM procedure_version
      WHERE procedure_id = p.id AND superseded_at IS NULL ORDER BY effective_from DESC, seq DESC LIMIT 1) v
    WHERE p.id = ANY(${procedureIds as string[]}::uuid[])`.execute(db);
}

export async function endVersion(db: Db, versionId: string, effectiveTo: string) {
  await db.updateTable('procedure_version').set({ effective_to: effectiveTo }).where('id', '=', versionId).execute();
}

export async function supersedeVersion(db: Db, versionId: string) {
  await db.updateTable('procedure_version').set({ superseded_at: new Date() }).where('id', '=', versionId).execute();
}

export async function setVersionUnits(db: Db, versionId: string, unitIds: readonly string[]) {
  await db.deleteFrom('procedure_version_unit').where('version_id', '=', versionId).execute();
  for (const part of chunks(unitIds, 5000))
    await db.insertInto('procedure_version_unit').values(part.map((u) => ({ version_id: versionId, unit_id: u }))).execute();
}

/** The new version applies where the one it follows applied (the publication's units carry over). */
export async function copyVersionUnits(db: Db, pairs: readonly { from: string; to: string }[]) {
  if (!pairs.length) return;
  await sql`INSERT INTO procedure_version_unit (version_id, unit_id)
    SELECT x.to_id, pu.unit_id FROM unnest(${pairs.map((p) => p.from)}::uuid[], ${pairs.map((p) => p.to)}::uuid[]) AS x(from_id, to_id)
    JOIN procedure_version_unit pu ON pu.version_id = x.from_id ON CONFLICT DO NOTHING`.execute(db);
}

export async function existingUnitIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.selectFrom('unit').select('id').where('id', 'in', ids as string[]).execute();
  return new Set(rows.map((r) => r.id));
}

/** Latest (non-superseded) version hash and start of each existing code, for an import. */
export async function latestByCodes(db: Db, codes: readonly string[]) {
  if (!codes.length) return new Map<string, { procedureId: string; versionId: string; seq: number; maxSeq: number; hash: string; effectiveFrom: string }>();
  const r = await sql<{ code: string; procedureId: string; versionId: string; seq: number; maxSeq: number; hash: string; effectiveFrom: string }>`
    SELECT p.code, p.id AS "procedureId", v.id AS "versionId", v.seq, v.content_hash AS hash, v.effective_from AS "effectiveFrom",
      (SELECT max(seq) FROM procedure_version WHERE procedure_id = p.id) AS "maxSeq"
    FROM procedure p
    JOIN LATERAL (SELECT id, seq, content_hash, effective_from FROM procedure_version
      WHERE procedure_id = p.id AND superseded_at IS NULL ORDER BY effective_from DESC, seq DESC LIMIT 1) v ON true
    WHERE p.code = ANY(${codes as string[]}::text[])`.execute(db);
  return new Map(r.rows.map((x) => [x.code, x]));
}

// ---------- search ----------

export interface SearchFilter {
  q?: string;
  field?: string;
  level?: string;
  unitId?: string;
  onlineLevel?: string;
  asOf: string;
  limit: number;
  offset: number;
  afterCode?: string;
}

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

/** Procedures in force (or delegated) at a unit on a date: the unit's catalogue. */
export const atUnit = (unitId: string, asOf: string) => sql<boolean>`(EXISTS (
    SELECT 1 FROM procedure_version v JOIN procedure_version_unit pu ON pu.version_id = v.id
    WHERE v.procedure_id = p.id AND pu.unit_id = ${unitId}::uuid AND v.superseded_at IS NULL
      AND v.effective_from <= ${asOf}::date AND (v.effective_to IS NULL OR v.effective_to >= ${asOf}::date))
  OR EXISTS (SELECT 1 FROM procedure_delegation d WHERE d.procedure_id = p.id AND d.unit_id = ${unitId}::uuid
      AND d.effective_from <= ${asOf}::date AND (d.effective_to IS NULL OR d.effective_to >= ${asOf}::date)))`;

/**
 * Ranked search: exact name (without "Thủ tục") or code first, then names starting with the phrase, then
 * anything containing it, then trigram word similarity (typos) over code, name and field.
 */
export async function searchProcedures(db: Db, f: SearchFilter): Promise<ProcedureRow[]> {
  const conditions = [sql<boolean>`true`];
  if (f.field) conditions.push(sql<boolean>`p.field = ${f.field.normalize('NFC')}`);
  if (f.level) conditions.push(sql<boolean>`p.levels @> ARRAY[${f.level}]::text[]`);
  if (f.onlineLevel === 'UNKNOWN') conditions.push(sql<boolean>`p.online_level IS NULL`);
  else if (f.onlineLevel) conditions.push(sql<boolean>`p.online_level = ${f.onlineLevel}`);
  if (f.unitId) conditions.push(atUnit(f.unitId, f.asOf));
  const where = sql.join(conditions, sql` AND `);
  const cols = sql`p.id, p.code, p.name, p.field, p.levels, p.online_level AS "onlineLevel", p.version`;
  if (!f.q) {
    const after = f.afterCode ? sql`AND p.code > ${f.afterCode}` : sql``;
    const r = await sql<ProcedureRow>`SELECT ${cols} FROM procedure p WHERE ${where} ${after} ORDER BY p.code LIMIT ${f.limit + 1}`.execute(db);
    return r.rows;
  }
  const needle = f.q.normalize('NFC');
  const like = `%${escapeLike(needle)}%`;
  const prefix = `${escapeLike(needle)}%`;
  // short needles have too few trigrams for similarity: substring only
  const fuzzy = needle.length >= 3 ? sql`OR search_text(${needle}) <% p.search` : sql``;
  const r = await sql<ProcedureRow & { rank: number }>`
    SELECT ${cols},
      CASE WHEN p.name_key = search_text(${needle}) OR p.code = ${needle} THEN 0
           WHEN p.name_key LIKE search_text(${prefix}) OR p.code LIKE ${prefix} THEN 1
           WHEN p.search LIKE search_text(${like}) THEN 2 ELSE 3 END AS tier,
      word_similarity(search_text(${needle}), p.search) AS score
    FROM procedure p
    WHERE ${where} AND (p.search LIKE search_text(${like}) ${fuzzy})
    ORDER BY tier, score DESC, length(p.name), p.code
    OFFSET ${f.offset} LIMIT ${f.limit + 1}`.execute(db);
  return r.rows.map(({ tier: _t, score: _s, ...rest }: ProcedureRow & { tier?: number; score?: number }) => rest);
}

export async function fieldFacets(db: Db, f: { level?: string; unitId?: string; asOf: string }) {
  const conditions = [sql<boolean>`true`];
  if (f.level) conditions.push(sql<boolean>`p.levels @> ARRAY[${f.level}]::text[]`);
  if (f.unitId) conditions.push(atUnit(f.unitId, f.asOf));
  const r = await sql<{ field: string; count: number }>`SELECT p.field, count(*)::int AS count FROM procedure p
    WHERE ${sql.join(conditions, sql` AND `)} GROUP BY p.field ORDER BY count DESC, p.field COLLATE "vi-x-icu"`.execute(db);
  return r.rows;
}

/** Current versions of a unit's catalogue, for the export. */
export async function unitCatalogue(db: Db, unitId: string, asOf: string): Promise<VersionRow[]> {
  const r = await sql`SELECT ${versionSelect} FROM procedure p
    JOIN LATERAL (SELECT * FROM procedure_version WHERE procedure_id = p.id AND superseded_at IS NULL
      AND effective_from <= ${asOf}::date AND (effective_to IS NULL OR effective_to >= ${asOf}::date) LIMIT 1) v ON true
    WHERE ${atUnit(unitId, asOf)} ORDER BY p.field COLLATE "vi-x-icu", p.code`.execute(db);
  return r.rows.map(toVersion);
}
