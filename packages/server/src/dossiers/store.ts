import { sql } from 'kysely';
import type { DossierAction, DossierState } from '@motcua/domain/dossier/index';
import type { Db } from '../platform/db';

export interface DossierRow {
  id: string;
  code: string;
  unitId: string;
  procedureCode: string;
  channel: string;
  state: string;
  statusCode: number;
  applicantName: string;
  applicantPhone: string | null;
  phoneLast4: string | null;
  idLast4: string | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  version: number;
  stateJson: DossierState;
}

const columns = sql`id, code, unit_id AS "unitId", procedure_code AS "procedureCode", channel, state,
  status_code AS "statusCode", applicant_name AS "applicantName", applicant_phone AS "applicantPhone",
  phone_last4 AS "phoneLast4", id_last4 AS "idLast4", received_at AS "receivedAt", due_at AS "dueAt", version,
  state_json AS "stateJson"`;

export async function findDossier(db: Db, id: string): Promise<DossierRow | undefined> {
  const r = await sql<DossierRow>`SELECT ${columns} FROM dossier WHERE id = ${id}::uuid`.execute(db);
  return r.rows[0];
}

export async function findByCode(db: Db, code: string): Promise<DossierRow | undefined> {
  const r = await sql<DossierRow>`SELECT ${columns} FROM dossier WHERE code = ${code}`.execute(db);
  return r.rows[0];
}

export async function dossierIdOfAction(db: Db, actionId: string): Promise<string | undefined> {
  const r = await sql<{ dossierId: string }>`
    SELECT dossier_id AS "dossierId" FROM dossier_action WHERE id = ${actionId}::uuid`.execute(db);
  return r.rows[0]?.dossierId;
}

/** Next number of the unit's daily sequence; the row lock holds other receptions until this transaction ends. */
export async function nextSequence(trx: Db, unitId: string, localDate: string): Promise<number> {
  const r = await sql<{ last: number }>`
    INSERT INTO dossier_code_counter AS c (unit_id, local_date, last) VALUES (${unitId}::uuid, ${localDate}::date, 1)
    ON CONFLICT (unit_id, local_date) DO UPDATE SET last = c.last + 1
    RETURNING last`.execute(trx);
  return r.rows[0]!.last;
}

export interface NewDossier {
  id: string;
  code: string;
  unitId: string;
  procedureCode: string;
  procedureVersionId: string;
  applicantName: string;
  applicantPhone: string | null;
  phoneLast4: string | null;
  idLast4: string | null;
  state: DossierState;
}

const ts = (ms: number | null) => (ms === null ? null : new Date(ms));

export async function insertDossier(trx: Db, d: NewDossier): Promise<void> {
  const s = d.state;
  await sql`INSERT INTO dossier (id, code, unit_id, procedure_code, procedure_version_id, channel, state, status_code,
      applicant_name, applicant_phone, phone_last4, id_last4, received_at, due_at, original_due_at, rescheduled_due_at,
      state_json)
    VALUES (${d.id}::uuid, ${d.code}, ${d.unitId}::uuid, ${d.procedureCode}, ${d.procedureVersionId}::uuid,
      ${s.channel}, ${s.state}, ${s.statusCode}, ${d.applicantName}, ${d.applicantPhone}, ${d.phoneLast4}, ${d.idLast4},
      ${ts(s.receivedAt)}, ${ts(s.dueAt)}, ${ts(s.originalDueAt)}, ${ts(s.rescheduledDueAt)},
      ${JSON.stringify(s)}::jsonb)`.execute(trx);
}

export async function appendAction(trx: Db, dossierId: string, seq: number, a: DossierAction, at: number) {
  await sql`INSERT INTO dossier_action (id, dossier_id, seq, type, actor_id, actor_role, unit_id, at, payload)
    VALUES (${a.id}::uuid, ${dossierId}::uuid, ${seq}, ${a.type}, ${a.actor.userId}::uuid, ${a.actor.role},
      ${a.actor.unitId}::uuid, ${new Date(at)}, ${JSON.stringify(a.payload)}::jsonb)`.execute(trx);
}

export interface ActionRow {
  id: string;
  type: string;
  actorId: string | null;
  actorRole: string;
  unitId: string;
  at: Date;
  payload: unknown;
}

export async function actionsOf(db: Db, dossierId: string): Promise<ActionRow[]> {
  const r = await sql<ActionRow>`SELECT id, type, actor_id AS "actorId", actor_role AS "actorRole", unit_id AS "unitId",
      at, payload FROM dossier_action WHERE dossier_id = ${dossierId}::uuid ORDER BY seq`.execute(db);
  return r.rows;
}

export async function unitCode(db: Db, unitId: string): Promise<string | undefined> {
  const r = await sql<{ code: string }>`SELECT code FROM unit WHERE id = ${unitId}::uuid`.execute(db);
  return r.rows[0]?.code;
}

/** The procedure's version in force on a date, if it applies at the unit (published there or delegated). */
export async function versionAtUnit(db: Db, procedureId: string, unitId: string, asOf: string) {
  const r = await sql<{ id: string }>`
    SELECT v.id FROM procedure_version v
    WHERE v.procedure_id = ${procedureId}::uuid AND v.superseded_at IS NULL
      AND v.effective_from <= ${asOf}::date AND (v.effective_to IS NULL OR v.effective_to >= ${asOf}::date)
      AND (EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.version_id = v.id AND pu.unit_id = ${unitId}::uuid)
        OR EXISTS (SELECT 1 FROM procedure_delegation d WHERE d.procedure_id = v.procedure_id
          AND d.unit_id = ${unitId}::uuid AND d.effective_from <= ${asOf}::date
          AND (d.effective_to IS NULL OR d.effective_to >= ${asOf}::date)))
    LIMIT 1`.execute(db);
  return r.rows[0]?.id;
}
