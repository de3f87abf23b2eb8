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

const procedureColumns = [
  'p.id',
  'p.code',
  'p.name',
  'p.field',
  'p.levels',
  'p.online_level as onlineLevel',
  'p.version',
] as const;

/** `procedureColumns` of `p` as one JSON object, for a statement that reads more than the procedure. */
export const procedureJson = sql`json_build_object('id', p.id, 'code', p.code, 'name', p.name, 'field', p.field,
  'levels', p.levels, 'onlineLevel', p.online_level, 'version', p.version)`;

export async function findProcedure(db: Db, code: string): Promise<ProcedureRow | undefined> {
  return (await db
    .selectFrom('procedure as p')
    .select(procedureColumns)
    .where('p.code', '=', code)
    .executeTakeFirst()) as ProcedureRow | undefined;
}

export async function lockProcedure(db: Db, code: string): Promise<ProcedureRow | undefined> {
  return (await db
    .selectFrom('procedure as p')
    .select(procedureColumns)
    .where('p.code', '=', code)
    .forUpdate()
    .executeTakeFirst()) as ProcedureRow | undefined;
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

/** The columns `toVersion` reads, of `v` (procedure_version) joined with `p` (procedure). */
export const versionSelect = sql`v.id, v.procedure_id, v.seq, v.effective_from, v.effective_to, v.publication_decision_no,
  v.publication_decision_date, v.superseded_at, v.created_at, v.content_hash, v.parse_warnings, v.provenance, p.code,
  v.name, v.field, v.levels, v.level_text, v.agency, v.competent_authority, v.subjects, v.channels, v.methods,
  v.processing_time_text, v.fee_text, v.documents, v.document_notes, v.conditions, v.result_type, v.result_codes,
  v.legal_basis, v.procedure_type, v.online_level, v.full_online_eligible, to_char(v.cutoff_time, 'HH24:MI') AS cutoff_time,
  v.supplement_clock_mode, v.excluded_periods`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function toVersion(r: any): VersionRow {
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
    WHERE v.procedure_id = ${procedureId}::uuid AND v.superseded_at IS NULL ORDER BY v.effective_from DESC, v.seq DESC LIMIT 1`.execute(
    db,
  );
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

export async function versionBySeq(db: Db, procedureId: string, seq: number): Promise<VersionRow | undefined> {
  const r = await sql`SELECT ${versionSelect} FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
    WHERE v.procedure_id = ${procedureId}::uuid AND v.seq = ${seq}`.execute(db);
  return r.rows[0] ? toVersion(r.rows[0]) : undefined;
}

export async function versionById(db: Db, id: string): Promise<VersionRow | undefined> {
  const r =
    await sql`SELECT ${versionSelect} FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id WHERE v.id = ${id}::uuid`.execute(
      db,
    );
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
  const r = await sql<{
    n: number;
  }>`SELECT count(*)::int AS n FROM procedure_version_unit WHERE version_id = ${versionId}::uuid`.execute(db);
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
      .values(
        part.map((c) => ({
          code: c.code,
          name: c.name,
          field: c.field,
          levels: c.levels,
          online_level: c.onlineLevel,
        })),
      )
      .returning(['id', 'code'])
      .execute();
    for (const r of inserted) ids.set(r.code, r.id);
  }
  return ids;
}

const versionColumns: [string, string][] = [
  ['procedure_id', 'uuid'],
  ['seq', 'int'],
  ['effective_from', 'date'],
  ['effective_to', 'date'],
  ['publication_decision_no', 'text'],
  ['publication_decision_date', 'date'],
  ['name', 'text'],
  ['field', 'text'],
  ['levels', 'text[]'],
  ['level_text', 'text'],
  ['agency', 'text'],
  ['competent_authority', 'text'],
  ['subjects', 'text'],
  ['channels', 'text[]'],
  ['methods', 'jsonb'],
  ['processing_time_text', 'text'],
  ['fee_text', 'text'],
  ['documents', 'jsonb'],
  ['document_notes', 'jsonb'],
  ['conditions', 'text'],
  ['result_type', 'text'],
  ['result_codes', 'text[]'],
  ['legal_basis', 'text[]'],
  ['procedure_type', 'text'],
  ['online_level', 'text'],
  ['full_online_eligible', 'boolean'],
  ['cutoff_time', 'time'],
  ['supplement_clock_mode', 'text'],
  ['excluded_periods', 'text[]'],
  ['provenance', 'jsonb'],
  ['parse_warnings', 'text[]'],
  ['content_hash', 'text'],
  ['created_by', 'uuid'],
];
const versionColumnList = sql.raw(versionColumns.map(([c]) => c).join(', '));
const versionRecordType = sql.raw(versionColumns.map(([c, t]) => `${c} ${t}`).join(', '));

/**
 * Batch insert of versions as one JSON parameter per chunk (jsonb_to_recordset): far cheaper than tens of
 * thousands of bind parameters. Returns the new ids by procedure id.
 */
export async function insertVersions(db: Db, rows: readonly NewVersion[]): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const part of chunks(rows, 1000)) {
    const json = JSON.stringify(
      part.map((v) => {
        const row = versionValues(v);
        return {
          ...row,
          methods: v.content.methods,
          documents: v.content.documents,
          document_notes: v.content.documentNotes,
          provenance: v.provenance,
        };
      }),
    );
    const inserted = await sql<{
      id: string;
      procedure_id: string;
    }>`INSERT INTO procedure_version (${versionColumnList})
      SELECT ${versionColumnList} FROM jsonb_to_recordset(${json}::jsonb) AS x(${versionRecordType})
      RETURNING id, procedure_id`.execute(db);
    for (const r of inserted.rows) ids.set(r.procedure_id, r.id);
  }
  return ids;
}

/** Copies the current attributes of a version onto the procedure row and bumps its version. */
export async function syncProcedure(db: Db, procedureIds: readonly string[]) {
  if (!procedureIds.length) return;
  await sql`UPDATE procedure p SET (name, field, levels, online_level) = (SELECT v.name, v.field, v.levels, v.online_level
      FROM procedure_version v WHERE v.procedure_id = p.id AND v.superseded_at IS NULL ORDER BY v.effective_from DESC, v.seq DESC LIMIT 1),
      version = p.version + 1, updated_at = now()
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
    await db
      .insertInto('procedure_version_unit')
      .values(part.map((u) => ({ version_id: versionId, unit_id: u })))
      .execute();
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
  const rows = await db
    .selectFrom('unit')
    .select('id')
    .where('id', 'in', ids as string[])
    .execute();
  return new Set(rows.map((r) => r.id));
}

/** Latest (non-superseded) version hash and start of each existing code, for an import. */
export async function latestByCodes(db: Db, codes: readonly string[]) {
  if (!codes.length)
    return new Map<
      string,
      { procedureId: string; versionId: string; seq: number; maxSeq: number; hash: string; effectiveFrom: string }
    >();
  const r = await sql<{
    code: string;
    procedureId: string;
    versionId: string;
    seq: number;
    maxSeq: number;
    hash: string;
    effectiveFrom: string;
  }>`
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
 * Ranked search. Every query word must occur (accent-free substring, GIN trigram index); a word that is no
 * known word's prefix is replaced by its nearest known words (Levenshtein ≤ 1, ≤ 2 from 5 letters), so
 * typos still match. Ranking: exact name (without "Thủ tục") or code, names starting with the phrase,
 * the phrase anywhere, the corrected phrase anywhere, the rest; within a tier by trigram word_similarity
 * to the (corrected) query, computed on the best hundred candidates (by tier and name length) only.
 */
export async function searchProcedures(db: Db, f: SearchFilter): Promise<ProcedureRow[]> {
  const conditions = [sql<boolean>`true`];
  if (f.field) conditions.push(sql<boolean>`p.field = ${f.field.normalize('NFC')}`);
  if (f.level) conditions.push(sql<boolean>`p.levels @> ARRAY[${f.level}]::text[]`);
  if (f.onlineLevel === 'UNKNOWN') conditions.push(sql<boolean>`p.online_level IS NULL`);
  else if (f.onlineLevel) conditions.push(sql<boolean>`p.online_level = ${f.onlineLevel}`);
  if (f.unitId) conditions.push(atUnit(f.unitId, f.asOf));
  const cols = sql`p.id, p.code, p.name, p.field, p.levels, p.online_level AS "onlineLevel", p.version`;
  if (!f.q) {
    const after = f.afterCode ? sql`AND p.code > ${f.afterCode}` : sql``;
    const r = await sql<ProcedureRow>`SELECT ${cols} FROM procedure p WHERE ${sql.join(conditions, sql` AND `)} ${after}
      ORDER BY p.code LIMIT ${f.limit + 1}`.execute(db);
    return r.rows;
  }
  const needle = f.q.normalize('NFC');
  const analysed = await sql<{ qn: string; w: string | null; known: boolean; alts: string[] | null }>`
    WITH q AS (SELECT search_text(${needle}) AS qn),
    words AS (SELECT DISTINCT w FROM q, regexp_split_to_table(q.qn, '[^a-z0-9]+') AS w WHERE w <> ''),
    k AS (SELECT w, (length(w) < 3 OR EXISTS (SELECT 1 FROM procedure_term t WHERE t.term LIKE w || '%')) AS known FROM words)
    SELECT q.qn, k.w, k.known,
      -- the Levenshtein scan over every term runs only for words that are no known word's prefix
      CASE WHEN k.known THEN NULL ELSE ARRAY(SELECT t.term FROM procedure_term t
        WHERE length(t.term) BETWEEN length(k.w) - 2 AND length(k.w) + 2
          AND levenshtein(t.term, k.w) <= CASE WHEN length(k.w) <= 4 THEN 1 ELSE 2 END
        ORDER BY levenshtein(t.term, k.w), t.term LIMIT 5) END AS alts
    FROM q LEFT JOIN k ON true`.execute(db);
  const qn = analysed.rows[0]?.qn ?? '';
  const corrections = new Map<string, string>();
  let usable = 0;
  for (const row of analysed.rows) {
    if (!row.w) continue;
    if (row.known) {
      conditions.push(sql<boolean>`p.search LIKE ${`%${escapeLike(row.w)}%`}`);
      usable++;
    } else if (row.alts?.length) {
      conditions.push(
        sql<boolean>`(${sql.join(
          row.alts.map((a) => sql`p.search LIKE ${`%${escapeLike(a)}%`}`),
          sql` OR `,
        )})`,
      );
      corrections.set(row.w, row.alts[0]!);
      usable++;
    }
    // a word with no near match is left out: the other words still find the procedure
  }
  if (!usable) return [];
  const corrected = qn.replace(/[a-z0-9]+/g, (w) => corrections.get(w) ?? w);
  const phrase = `%${escapeLike(qn)}%`;
  const fixed = `%${escapeLike(corrected)}%`;
  const prefix = `${escapeLike(qn)}%`;
  const pool = Math.max(100, f.offset + f.limit + 1);
  const r = await sql<ProcedureRow>`
    SELECT c.id, c.code, c.name, c.field, c.levels, c."onlineLevel", c.version FROM (
      SELECT ${cols}, p.name_key,
        CASE WHEN p.name_key = ${qn} OR p.code = ${needle} THEN 0
             WHEN p.name_key LIKE ${prefix} OR p.code LIKE ${prefix} THEN 1
             WHEN p.search LIKE ${phrase} THEN 2
             WHEN p.search LIKE ${fixed} THEN 3 ELSE 4 END AS tier
      FROM procedure p WHERE ${sql.join(conditions, sql` AND `)}
      ORDER BY tier, length(p.name), p.code LIMIT ${pool}
    ) c
    ORDER BY c.tier, word_similarity(${corrected}, c.name_key) DESC, length(c.name), c.code
    OFFSET ${f.offset} LIMIT ${f.limit + 1}`.execute(db);
  return r.rows;
}

export async function fieldFacets(db: Db, f: { level?: string; unitId?: string; asOf: string }) {
  const conditions = [sql<boolean>`true`];
  if (f.level) conditions.push(sql<boolean>`p.levels @> ARRAY[${f.level}]::text[]`);
  if (f.unitId) conditions.push(atUnit(f.unitId, f.asOf));
  const r = await sql<{ field: string; count: number }>`SELECT p.field, count(*)::int AS count FROM procedure p
    WHERE ${sql.join(conditions, sql` AND `)} GROUP BY p.field ORDER BY count DESC, p.field COLLATE "vi-x-icu"`.execute(
    db,
  );
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
