import { sql } from 'kysely';
import type { Db } from '../platform/db';

/** What authorising an attachment needs to know about its dossier. */
export interface DossierRef {
  id: string;
  code: string | null;
  unitId: string;
  submittedBy: string | null;
  procedureVersionId: string | null;
}

export async function findDossierRef(db: Db, dossierId: string): Promise<DossierRef | undefined> {
  const r = await sql<DossierRef>`
    SELECT id, code, unit_id AS "unitId", submitted_by AS "submittedBy", procedure_version_id AS "procedureVersionId"
    FROM dossier WHERE id = ${dossierId}::uuid`.execute(db);
  return r.rows[0];
}

/** Number of papers in the procedure version's list (procedure_version.documents). */
export async function paperCount(db: Db, versionId: string): Promise<number | undefined> {
  const r = await sql<{ n: number | null }>`
    SELECT CASE WHEN jsonb_typeof(documents) = 'array' THEN jsonb_array_length(documents) END AS n
    FROM procedure_version WHERE id = ${versionId}::uuid`.execute(db);
  return r.rows[0]?.n ?? undefined;
}

export interface AttachmentRow {
  id: string;
  dossierId: string;
  purpose: string;
  paperIndex: number | null;
  label: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export type NewAttachment = Omit<AttachmentRow, 'uploadedAt'>;

const columns = sql`id, dossier_id AS "dossierId", purpose, paper_index AS "paperIndex", label,
  media_type AS "mediaType", size_bytes AS "sizeBytes", sha256, storage_key AS "storageKey",
  uploaded_by AS "uploadedBy", uploaded_at AS "uploadedAt"`;

export async function insertAttachment(trx: Db, a: NewAttachment): Promise<AttachmentRow> {
  const r = await sql<AttachmentRow>`
    INSERT INTO dossier_attachment (id, dossier_id, purpose, paper_index, label, media_type, size_bytes, sha256,
      storage_key, uploaded_by)
    VALUES (${a.id}::uuid, ${a.dossierId}::uuid, ${a.purpose}, ${a.paperIndex}, ${a.label}, ${a.mediaType},
      ${a.sizeBytes}, ${a.sha256}, ${a.storageKey}, ${a.uploadedBy}::uuid)
    RETURNING ${columns}`.execute(trx);
  return r.rows[0]!;
}

export async function attachmentsOf(db: Db, dossierId: string): Promise<AttachmentRow[]> {
  const r = await sql<AttachmentRow>`SELECT ${columns} FROM dossier_attachment
    WHERE dossier_id = ${dossierId}::uuid ORDER BY uploaded_at, id`.execute(db);
  return r.rows;
}

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const r = await sql<AttachmentRow>`SELECT ${columns} FROM dossier_attachment WHERE id = ${id}::uuid`.execute(db);
  return r.rows[0];
}
