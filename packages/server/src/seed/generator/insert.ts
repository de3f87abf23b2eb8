/**
 * Batched writes: one INSERT … SELECT FROM json_populate_recordset per table and batch (a single parameter
 * however many rows), the dossier codes reserved from the per-unit daily counter in the same transaction.
 */
import { sql } from 'kysely';
import type { Db } from '../../platform/db';
import { assigneeOf } from '../../dossiers/store';
import { last4 } from '../../dossiers/reception';
import type { BuiltDossier } from './history';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * Reserves `n` numbers per (unit, local date) from dossier_code_counter and returns the first of each range:
 * the same row the reception endpoint increments, so codes issued later by the counter continue after these.
 */
export async function reserveCodes(
  trx: Db,
  wants: { unitId: string; localDate: string; n: number }[],
): Promise<Map<string, number>> {
  if (wants.length === 0) return new Map();
  const r = await sql<{ unitId: string; localDate: string; last: number }>`
    INSERT INTO dossier_code_counter AS c (unit_id, local_date, last)
    SELECT * FROM unnest(${wants.map((w) => w.unitId)}::uuid[], ${wants.map((w) => w.localDate)}::date[],
      ${wants.map((w) => w.n)}::int[])
    ON CONFLICT (unit_id, local_date) DO UPDATE SET last = c.last + excluded.last
    RETURNING unit_id AS "unitId", local_date AS "localDate", last`.execute(trx);
  const n = new Map(wants.map((w) => [`${w.unitId}|${w.localDate}`, w.n]));
  return new Map(
    r.rows.map((x) => {
      const key = `${x.unitId}|${x.localDate}`;
      return [key, x.last - n.get(key)! + 1];
    }),
  );
}

export interface Rating {
  dossierId: string;
  level: string;
  criteria: { code: string; value: number }[];
  comment: string | null;
  channel: string;
  raterIsApplicant: boolean;
  ratedAt: number;
}

export async function insertDossiers(trx: Db, rows: BuiltDossier[], ratings: Rating[]): Promise<number> {
  if (rows.length === 0) return 0;
  // One json parameter per statement, rows as objects keyed by column: no per-value escaping, one parse.
  const dossiers = rows.map((d) => {
    const s = d.state;
    return {
      id: d.id,
      code: s.dossierCode,
      unit_id: d.plan.unit.id,
      procedure_code: d.plan.proc.code,
      procedure_version_id: d.plan.proc.versionId,
      channel: s.channel,
      state: s.state,
      status_code: s.statusCode,
      applicant_name: d.applicant.name,
      applicant_phone: d.applicant.phone ?? null,
      phone_last4: last4(d.applicant.phone),
      id_last4: last4(d.applicant.idNumber),
      applicant: d.applicant,
      summary: d.summary,
      set_count: d.setCount,
      papers: d.papers,
      submitted_by: d.submittedBy,
      received_by: d.receivedBy,
      assignee_id: assigneeOf(s),
      received_at: iso(s.receivedAt),
      due_at: iso(s.dueAt),
      original_due_at: iso(s.originalDueAt),
      rescheduled_due_at: iso(s.rescheduledDueAt),
      resolved_at: iso(s.resolvedAt),
      delivered_at: iso(s.deliveredAt),
      version: d.actions.length,
      state_json: s,
      created_at: iso(d.actions[0]!.at as number),
      updated_at: iso(d.actions.at(-1)!.at as number),
    };
  });
  await sql`INSERT INTO dossier (${sql.raw(dossierColumns)})
    SELECT ${sql.raw(dossierColumns)} FROM json_populate_recordset(NULL::dossier, ${JSON.stringify(dossiers)}::json)`.execute(
    trx,
  );

  const actions = rows.flatMap((d) =>
    d.actions.map((a, k) => ({
      id: a.id,
      dossier_id: d.id,
      seq: k + 1,
      type: a.type,
      actor_id: d.actorIds[k] ?? null,
      actor_role: a.actor.role,
      unit_id: a.actor.unitId,
      at: iso(a.at as number),
      payload: a.payload,
      recorded_at: iso(a.at as number),
    })),
  );
  for (let i = 0; i < actions.length; i += 5000) {
    await sql`INSERT INTO dossier_action (${sql.raw(actionColumns)})
      SELECT ${sql.raw(actionColumns)} FROM json_populate_recordset(NULL::dossier_action,
        ${JSON.stringify(actions.slice(i, i + 5000))}::json)`.execute(trx);
  }

  if (ratings.length > 0) {
    const rs = ratings.map((r) => ({
      dossier_id: r.dossierId,
      level: r.level,
      criteria: r.criteria,
      comment: r.comment,
      channel: r.channel,
      rater_is_applicant: r.raterIsApplicant,
      rated_at: iso(r.ratedAt),
    }));
    await sql`INSERT INTO dossier_rating (${sql.raw(ratingColumns)})
      SELECT ${sql.raw(ratingColumns)} FROM json_populate_recordset(NULL::dossier_rating, ${JSON.stringify(rs)}::json)`.execute(
      trx,
    );
  }
  return actions.length;
}

const dossierColumns = `id, code, unit_id, procedure_code, procedure_version_id, channel, state, status_code,
  applicant_name, applicant_phone, phone_last4, id_last4, applicant, summary, set_count, papers, submitted_by,
  received_by, assignee_id, received_at, due_at, original_due_at, rescheduled_due_at, resolved_at, delivered_at,
  version, state_json, created_at, updated_at`;
const actionColumns = 'id, dossier_id, seq, type, actor_id, actor_role, unit_id, at, payload, recorded_at';
const ratingColumns = 'dossier_id, level, criteria, comment, channel, rater_is_applicant, rated_at';
