/** Reading dossiers: the detail page, queues and search, the early-warning list, the citizen's own list. */
import { sql } from 'kysely';
import { DomainError, rolePermissions, type Role } from '@motcua/domain';
import { HOUR_MS, addWorkingTime, parseInstant } from '@motcua/domain/calendar/index';
import {
  activeStates,
  coordinationDeadline,
  periodEnded,
  workingHoursLeft,
  type DossierState,
} from '@motcua/domain/dossier/index';
import type { DossierSummary, ListQuery } from '@motcua/domain/schemas/dossiers';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { requireActor, requireOnUnitOr404, requireSomewhere } from '../access/guard';
import { decodeCursor, pageResult } from '../platform/cursor';
import { calendarCacheFor } from '../calendar/cache';
import { ancestorPath } from '../units/store';
import { allowedActionsFor, requireVisible, type Reach } from './access';
import { catalogChannelOf } from './reception';
import * as store from './store';
import { detailOf, iso, summaryOf } from './view';

async function hoursLeft(db: Db, row: store.DossierRow, now: number): Promise<number | null> {
  const s: DossierState = row.stateJson;
  if (s.dueAt === null || periodEnded(s) || s.clock === 'STOPPED') return null;
  const { calendar } = await calendarCacheFor(db).get(row.unitId);
  return workingHoursLeft(calendar, s, now);
}

/**
 * The detail view as the viewer may see it: the actions they may try, officers' names hidden from a citizen
 * (an officer of the unit or of a coordinating body sees them).
 */
export function detailFor(
  row: store.DossierRow,
  reach: Reach,
  parts: Omit<Parameters<typeof detailOf>[1], 'allowedActions'>,
) {
  const staff = reach.roles.some((x) => x !== 'CITIZEN') || reach.coordination.some((c) => c.roles.length > 0);
  return detailOf(row, {
    people: parts.people,
    workingHoursLeft: parts.workingHoursLeft,
    process: parts.process,
    rating: parts.rating,
    allowedActions: allowedActionsFor(reach, row.stateJson),
    actions: staff ? parts.actions : parts.actions.map((a) => ({ ...a, actorName: null })),
  });
}

export async function getDossier(ctx: RequestContext, id: string) {
  const row = await store.findDossier(ctx.db, id);
  const reach = await requireVisible(ctx, row);
  const r = row!;
  const [actions, process, rating, left] = await Promise.all([
    store.actionsOf(ctx.db, id),
    r.procedureVersionId
      ? store.approvedProcess(ctx.db, r.procedureVersionId, r.unitId, catalogChannelOf(r.channel))
      : undefined,
    store.ratingOf(ctx.db, id),
    hoursLeft(ctx.db, r, Date.now()),
  ]);
  const people = await store.userNames(ctx.db, [...new Set(r.stateJson.steps.map((s) => s.assigneeUserId))]);
  return detailFor(r, reach, { people, workingHoursLeft: left, process, actions, rating });
}

const knownStates = new Set<string>([
  'SUBMITTED',
  'GUIDED_TO_COMPLETE',
  'GUIDED_TO_OTHER_BODY',
  'CANCELLED',
  'REJECTED_AT_RECEPTION',
  'RESOLVED',
  'DELIVERED',
  'STOPPED',
  ...activeStates,
]);

function statesOf(state: string | undefined): string[] | undefined {
  if (!state) return undefined;
  const out = state.split(',').flatMap((s) => (s === 'active' ? [...activeStates] : [s.trim()]));
  const bad = out.filter((s) => !knownStates.has(s));
  if (bad.length > 0)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'query.state', message: `Trạng thái không hợp lệ: ${bad.join(', ')}` },
    ]);
  return out;
}

async function descendants(db: Db, unitId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    WITH RECURSIVE down(id, depth) AS (
      SELECT ${unitId}::uuid, 0 UNION ALL
      SELECT u.id, d.depth + 1 FROM unit u JOIN down d ON u.parent_id = d.id WHERE d.depth < 10
    ) SELECT id FROM down`.execute(db);
  return r.rows.map((x) => x.id);
}

const INFINITY = '9999-12-31T00:00:00.000Z';

/**
 * Within units, the trigram index of (unit, text) finds the matches. Without them (my queue, a coordinating body's
 * list) the other conditions pick a few hundred rows, and each row's text is looked up by its key: a semi-join would
 * let the planner read every match of a common name in the whole country first.
 */
function searchCondition(term: string, unitIds: string[] | undefined) {
  const pattern = sql`'%' || search_text(${term}) || '%'`;
  return unitIds
    ? sql`AND d.id IN (SELECT s.dossier_id FROM dossier_search s
          WHERE s.search_text LIKE ${pattern} AND s.unit_id = ANY(${unitIds}::uuid[]))`
    : sql`AND (SELECT s.search_text FROM dossier_search s WHERE s.dossier_id = d.id) LIKE ${pattern}`;
}

export async function listDossiers(ctx: RequestContext, q: ListQuery, now = Date.now()) {
  const actor = requireSomewhere(ctx, 'dossiers.read');
  const states = statesOf(q.state);
  let unitIds: string[] | undefined;
  if (q.view !== 'assigned') {
    if (!q.unitId)
      throw new DomainError('VALIDATION_FAILED', [{ field: 'query.unitId', message: 'Phải chọn đơn vị.' }]);
    await requireOnUnitOr404(ctx, 'dossiers.read', q.unitId);
    if (q.view === 'unit') unitIds = q.includeSubtree === 'true' ? await descendants(ctx.db, q.unitId) : [q.unitId];
  }
  const openAt =
    q.view === 'coordinating' ? JSON.stringify([{ coordinatingBodyId: q.unitId, returnedAt: null }]) : undefined;
  let dueBefore: Date | undefined;
  if (q.dueWithinHours !== undefined) {
    const unit = q.unitId ?? actor.grants[0]?.unitId;
    const { calendar } = await calendarCacheFor(ctx.db).get(unit!);
    dueBefore = new Date(addWorkingTime(calendar, now, q.dueWithinHours * HOUR_MS));
  }
  const after = decodeCursor(q.cursor);
  const term = q.q ? q.q.normalize('NFC') : undefined;
  const codeLike = term && /^[0-9A-Z.]{3,}/i.test(term) && /[.-]/.test(term);

  const r = await sql<store.DossierRow>`
    SELECT d.id, d.code, d.unit_id AS "unitId", u.name AS "unitName", d.procedure_code AS "procedureCode",
      p.name AS "procedureName", d.procedure_version_id AS "procedureVersionId", d.channel, d.state,
      d.status_code AS "statusCode", d.applicant_name AS "applicantName", d.assignee_id AS "assigneeId",
      d.submitted_by AS "submittedBy", d.received_at AS "receivedAt", d.due_at AS "dueAt", d.version,
      d.created_at AS "createdAt", d.state_json AS "stateJson"
    FROM dossier d JOIN unit u ON u.id = d.unit_id LEFT JOIN procedure p ON p.code = d.procedure_code
    WHERE true
      ${q.view === 'assigned' ? sql`AND d.assignee_id = ${actor.userId}::uuid` : sql``}
      ${unitIds ? sql`AND d.unit_id = ANY(${unitIds}::uuid[])` : sql``}
      ${openAt ? sql`AND d.state = 'COORDINATING' AND d.state_json->'subDossiers' @> ${openAt}::jsonb` : sql``}
      ${states ? sql`AND d.state = ANY(${states}::text[])` : sql``}
      ${
        // As the daily digest: a stopped or paused clock is not about to run out.
        dueBefore
          ? sql`AND d.due_at <= ${dueBefore} AND d.state = ANY(${[...activeStates]}::text[])
              AND coalesce(d.state_json->>'clock', 'RUNNING') = 'RUNNING'`
          : sql``
      }
      ${
        term
          ? codeLike
            ? sql`AND d.code LIKE ${term.toUpperCase().replace(/[%_\\]/g, '') + '%'}`
            : searchCondition(term.replace(/[%_\\]/g, ''), unitIds)
          : sql``
      }
      ${
        after
          ? sql`AND (coalesce(d.due_at, ${INFINITY}::timestamptz), d.id) > (${after.sortKey}::timestamptz, ${after.id}::uuid)`
          : sql``
      }
    ORDER BY coalesce(d.due_at, ${INFINITY}::timestamptz), d.id
    LIMIT ${q.limit + 1}`.execute(ctx.db);

  // A coordinating body answers to its sub-dossier's deadline, counted in its own calendar.
  const bodyCalendar = openAt ? (await calendarCacheFor(ctx.db).get(q.unitId!)).calendar : undefined;
  const rows = await Promise.all(
    r.rows.map(async (row): Promise<DossierSummary> => {
      const summary = summaryOf(row, await hoursLeft(ctx.db, row, now));
      if (!bodyCalendar) return summary;
      const own = coordinationDeadline(bodyCalendar, row.stateJson, q.unitId!, now);
      return { ...summary, coordination: own && { dueAt: iso(own.dueAt)!, workingHoursLeft: own.workingHoursLeft } };
    }),
  );
  return pageResult<DossierSummary>(rows, q.limit, (s) =>
    s.dueAt === null ? INFINITY : new Date(parseInstant(s.dueAt)).toISOString(),
  );
}

/** The citizen's own dossiers, newest first. */
export async function myDossiers(ctx: RequestContext) {
  const actor = requireActor(ctx);
  const r = await sql<store.DossierRow>`
    SELECT d.id, d.code, d.unit_id AS "unitId", u.name AS "unitName", d.procedure_code AS "procedureCode",
      p.name AS "procedureName", d.channel, d.state, d.status_code AS "statusCode",
      d.applicant_name AS "applicantName", d.assignee_id AS "assigneeId", d.version, d.state_json AS "stateJson"
    FROM dossier d JOIN unit u ON u.id = d.unit_id LEFT JOIN procedure p ON p.code = d.procedure_code
    WHERE d.submitted_by = ${actor.userId}::uuid ORDER BY d.created_at DESC LIMIT 200`.execute(ctx.db);
  return { items: r.rows.map((row) => summaryOf(row, null)) };
}

/** Officers who can process the dossier at its unit: the choices of an assignment. */
export async function assigneesOf(ctx: RequestContext, id: string) {
  const row = await store.findDossier(ctx.db, id);
  const reach = await requireVisible(ctx, row);
  if (!reach.roles.some((r) => rolePermissions[r].includes('dossiers.process'))) throw new DomainError('FORBIDDEN');
  const path = await ancestorPath(ctx.db, row!.unitId);
  const roles = (Object.keys(rolePermissions) as Role[]).filter((r) => rolePermissions[r].includes('dossiers.process'));
  const r = await sql<{ userId: string; name: string; roles: string[] }>`
    SELECT u.id AS "userId", u.full_name AS name, array_agg(DISTINCT g.role ORDER BY g.role) AS roles
    FROM role_grant g JOIN app_user u ON u.id = g.user_id
    WHERE g.revoked_at IS NULL AND u.active AND g.role = ANY(${roles}::text[])
      AND (g.unit_id = ${row!.unitId}::uuid OR (g.include_subtree AND g.unit_id = ANY(${path}::uuid[])))
    GROUP BY u.id, u.full_name ORDER BY u.full_name COLLATE "vi-x-icu"`.execute(ctx.db);
  return { items: r.rows };
}
