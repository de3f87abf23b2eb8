/**
 * The citizen's side without an account (spec §16, §17): tracking by code plus the last four digits of the
 * phone or ID number, and one rating per delivered dossier. Wrong code and wrong digits answer the same 404.
 */
import { sql } from 'kysely';
import { DomainError } from '@motcua/domain';
import { foldDossier, nationalStatusNames, type DossierAction, type DossierState } from '@motcua/domain/dossier/index';
import { publicView, type PublicDossier, type RatingBody } from '@motcua/domain/schemas/dossiers';
import { prepared, type Db } from '../platform/db';
import type { CalendarCache } from '../calendar/cache';
import * as store from './store';
import { iso, statusName } from './view';

async function checked(db: Db, code: string, check: string) {
  const row = await store.findByCode(db, code);
  if (!row || !/^\d{4}$/.test(check) || (row.phoneLast4 !== check && row.idLast4 !== check))
    throw new DomainError('NOT_FOUND');
  return row;
}

interface PublicRow {
  code: string;
  procedureCode: string;
  procedureName: string | null;
  unitName: string;
  statusCode: number;
  phoneLast4: string | null;
  idLast4: string | null;
  version: number;
  state: DossierState;
  /** action id → type, for naming the timeline's events */
  types: Record<string, string> | null;
  rating: string | null;
}

/** The small columns a cached view depends on besides the version (a rating or a rename changes no version). */
interface CheckRow {
  version: number;
  phoneLast4: string | null;
  idLast4: string | null;
  unitName: string;
  procedureName: string | null;
  rating: string | null;
}

const MAX_CACHED = 20_000;
/** code → the last view built and what it was built from; checked against the row on every lookup. */
const views = new Map<string, { key: string; json: string }>();
const keyOf = (r: CheckRow) => JSON.stringify([r.version, r.unitName, r.procedureName, r.rating]);
const matches = (r: Pick<CheckRow, 'phoneLast4' | 'idLast4'>, check: string) =>
  /^\d{4}$/.test(check) && (r.phoneLast4 === check || r.idLast4 === check);

/**
 * The citizen's page is the busiest read. A known code is answered from an in-process cache of its view, checked by
 * one indexed statement of small columns (version, rating, names, digits); a miss or a change reads the public
 * columns, the action types and the rating in one statement. The digits are compared in the application, so a
 * wrong code and wrong digits give the same 404. The answer is serialised as the route's response schema would
 * (`publicView` parsed, then JSON.stringify), so a hit costs neither the state's JSON nor the schema pass.
 */
export async function publicLookupJson(db: Db, code: string, check: string): Promise<string> {
  const cached = views.get(code);
  if (cached) {
    const r = await sql<CheckRow>`${prepared}
      SELECT d.version, d.phone_last4 AS "phoneLast4", d.id_last4 AS "idLast4",
        (SELECT name FROM unit WHERE id = d.unit_id) AS "unitName",
        (SELECT name FROM procedure WHERE code = d.procedure_code) AS "procedureName",
        (SELECT level FROM dossier_rating x WHERE x.dossier_id = d.id) AS rating
      FROM dossier d WHERE d.code = ${code}`.execute(db);
    const row = r.rows[0];
    if (!row || !matches(row, check)) throw new DomainError('NOT_FOUND');
    if (keyOf(row) === cached.key) return cached.json;
  }
  const r = await sql<PublicRow>`${prepared}
    SELECT d.code, d.procedure_code AS "procedureCode", (SELECT name FROM procedure WHERE code = d.procedure_code) AS "procedureName",
      (SELECT name FROM unit WHERE id = d.unit_id) AS "unitName", d.status_code AS "statusCode",
      d.phone_last4 AS "phoneLast4", d.id_last4 AS "idLast4", d.version, d.state_json AS state,
      (SELECT jsonb_object_agg(a.id, a.type) FROM dossier_action a WHERE a.dossier_id = d.id) AS types,
      (SELECT level FROM dossier_rating x WHERE x.dossier_id = d.id) AS rating
    FROM dossier d WHERE d.code = ${code}`.execute(db);
  const row = r.rows[0];
  if (!row || !matches(row, check)) throw new DomainError('NOT_FOUND');
  const json = JSON.stringify(publicView.parse(publicViewOf(row)));
  views.delete(code);
  views.set(code, { key: keyOf(row), json });
  if (views.size > MAX_CACHED) views.delete(views.keys().next().value!);
  return json;
}

function publicViewOf(row: PublicRow): PublicDossier {
  const s = row.state;
  return {
    code: row.code,
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    unitName: row.unitName,
    state: s.state,
    statusCode: row.statusCode,
    statusName: statusName(row.statusCode),
    receivedAt: iso(s.receivedAt),
    appointmentAt: iso(s.rescheduledDueAt ?? s.dueAt),
    originalAppointmentAt: iso(s.originalDueAt),
    rescheduledAppointmentAt: iso(s.rescheduledDueAt),
    resultReady: s.state === 'RESOLVED' || s.state === 'DELIVERED',
    timeline: s.timeline.map((e) => ({
      type: row.types?.[e.actionId] ?? 'UNKNOWN',
      statusCode: e.statusCode,
      statusName: nationalStatusNames[e.statusCode],
      at: iso(e.at)!,
    })),
    steps: s.steps.map((st) => ({ name: st.name, endedAt: iso(st.endedAt), timeliness: st.timeliness })),
    supplementItems: s.state === 'AWAITING_SUPPLEMENT' ? (s.supplement?.items ?? null) : null,
    rateable: s.state === 'DELIVERED' && !row.rating,
    rating: row.rating,
  };
}

export async function rate(db: Db, code: string, check: string, body: RatingBody) {
  const row = await checked(db, code, check);
  if (row.state !== 'DELIVERED') throw new DomainError('DOSSIER_NOT_RATEABLE');
  const inserted = await store.insertRating(db, {
    dossierId: row.id,
    level: body.level,
    criteria: body.criteria,
    comment: body.comment ?? null,
    channel: 'PUBLIC_LOOKUP',
    raterIsApplicant: true,
  });
  if (!inserted) throw new DomainError('DOSSIER_ALREADY_RATED');
  return { level: body.level };
}

/** The projection rebuilt from the log (for checks and repairs). */
export async function rebuild(db: Db, cache: CalendarCache, id: string): Promise<DossierState | undefined> {
  const row = await store.findDossier(db, id);
  if (!row) return undefined;
  const actions = await store.actionsOf(db, id);
  const uc = await cache.get(row.unitId);
  return foldDossier(
    actions.map((a) => ({
      id: a.id,
      type: a.type as DossierAction['type'],
      actor: { userId: a.actorId ?? '', role: a.actorRole as DossierAction['actor']['role'], unitId: a.unitId },
      at: a.at.getTime(),
      payload: a.payload,
    })),
    { calendar: uc.calendar },
  );
}
