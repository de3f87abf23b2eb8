import { sql, type RawBuilder } from 'kysely';
import type { DossierAction, DossierState } from '@motcua/domain/dossier/index';
import type { Role } from '@motcua/domain';
import { prepared, type Db } from '../platform/db';
import { outboxInsertSql, storedFields, type OutboxRowInput } from '../notifications/outbox';
import { appendRowCtes, type AuditRow, type StandInHashing } from '../audit/store';
import { replaced } from '../platform/standIn';
import { procedureJson, toVersion, versionSelect, type ProcedureRow, type VersionRow } from '../catalog/store';

export interface Applicant {
  type?: 'PERSON' | 'ORGANISATION';
  name: string;
  idNumber?: string | null;
  birthDate?: string | null;
  address?: string | null;
  phone?: string | null;
  email?: string | null;
  proxy?: {
    name: string;
    idNumber?: string | null;
    phone?: string | null;
    email?: string | null;
    address?: string | null;
    authorisationRef?: string | null;
  } | null;
}

export interface Paper {
  index: number;
  name: string;
  kind: string | null;
  copies: number | null;
  /** Outside any alternative group of the procedure's papers: must be provided for reception. */
  required?: boolean;
  provided: boolean;
}

export interface DossierRow {
  id: string;
  code: string | null;
  unitId: string;
  unitName: string;
  procedureCode: string;
  procedureName: string | null;
  procedureVersionId: string | null;
  channel: string;
  state: string;
  statusCode: number;
  applicantName: string;
  applicantPhone: string | null;
  phoneLast4: string | null;
  idLast4: string | null;
  applicant: Applicant;
  summary: string | null;
  setCount: number;
  papers: Paper[];
  submittedBy: string | null;
  receivedBy: string | null;
  assigneeId: string | null;
  receivedAt: Date | null;
  dueAt: Date | null;
  version: number;
  createdAt: Date;
  stateJson: DossierState;
}

const columns = sql`d.id, d.code, d.unit_id AS "unitId", u.name AS "unitName", d.procedure_code AS "procedureCode",
  p.name AS "procedureName", d.procedure_version_id AS "procedureVersionId", d.channel, d.state,
  d.status_code AS "statusCode", d.applicant_name AS "applicantName", d.applicant_phone AS "applicantPhone",
  d.phone_last4 AS "phoneLast4", d.id_last4 AS "idLast4", d.applicant, d.summary, d.set_count AS "setCount", d.papers,
  d.submitted_by AS "submittedBy", d.received_by AS "receivedBy", d.assignee_id AS "assigneeId",
  d.received_at AS "receivedAt", d.due_at AS "dueAt", d.version, d.created_at AS "createdAt", d.state_json AS "stateJson"`;
const from = sql`dossier d JOIN unit u ON u.id = d.unit_id LEFT JOIN procedure p ON p.code = d.procedure_code`;

export async function findDossier(db: Db, id: string): Promise<DossierRow | undefined> {
  const r = await sql<DossierRow>`SELECT ${columns} FROM ${from} WHERE d.id = ${id}::uuid`.execute(db);
  return r.rows[0];
}

/** The row locked for the rest of the transaction: actions on one dossier run one after the other. */
export async function lockDossier(trx: Db, id: string): Promise<DossierRow | undefined> {
  const r = await sql<DossierRow>`SELECT ${columns} FROM ${from} WHERE d.id = ${id}::uuid FOR UPDATE OF d`.execute(trx);
  return r.rows[0];
}

/** The catalog's name of a dossier channel, in SQL (mirrors `catalogChannelOf`). */
const catalogChannelSql = sql`CASE d.channel WHEN 'POSTAL' THEN 'postal' WHEN 'ONLINE' THEN 'online' ELSE 'direct' END`;

/** `approvedProcess` of the dossier `d` as a scalar subquery. */
const processSql = sql`(SELECT json_build_object('id', ip.id, 'steps', ip.steps) FROM internal_process ip
  WHERE ip.procedure_version_id = d.procedure_version_id AND ip.unit_id = d.unit_id AND ip.status = 'APPROVED'
  ORDER BY (ip.channel = ${catalogChannelSql}) DESC LIMIT 1)`;

/** An ASSIGN's candidate: the user's contact and active grants (an ASSIGN checks both). */
export interface AssigneeCandidate {
  id: string;
  name: string;
  email: string | null;
  active: boolean;
  grants: { role: Role; unitId: string; includeSubtree: boolean }[];
}

const candidateSql = sql`json_build_object('id', u.id, 'name', u.full_name, 'email', u.email, 'active', u.active,
  'grants', coalesce((SELECT json_agg(json_build_object('role', g.role, 'unitId', g.unit_id,
    'includeSubtree', g.include_subtree)) FROM role_grant g WHERE g.user_id = u.id AND g.revoked_at IS NULL), '[]'))`;

/** What an action needs besides the row, read by the same statement that locks it. */
export interface LockedDossier extends DossierRow {
  /** The dossier an Idempotency-Key already belongs to, if any (null without a key). */
  keyOwner: string | null;
  /** The unit and its ancestors, nearest first (as `ancestorPath`). */
  path: string[];
  calendarRevision: number;
  /** The actor's full name (the new timeline entry). */
  actorName: string | null;
  /** The user the ASSIGN names, if the read was given one and the user exists. */
  assigneeCandidate: AssigneeCandidate | null;
  /** The detail view's parts, only when `view` is asked for. */
  process?: { id: string; steps: ProcessStep[] } | null;
  /** The log's entries after `view.afterSeq`, without names. */
  actions?: (Omit<ActionRow, 'at' | 'actorName'> & { at: string })[] | null;
  /** The names of every actor of the log. */
  actorNames?: Record<string, string> | null;
  rating?: { level: string; ratedAt: string } | null;
  people?: Record<string, string> | null;
}

/**
 * The row (locked for the rest of the transaction when `lock`), with the unit path, the calendar revision,
 * the key's owner and the candidate of an ASSIGN; with `afterSeq` also the log's entries after it (the caller
 * holds the rest), its actors' names, the process, the rating and the assignees' names, so the answer needs no
 * second read. One round trip instead of about ten.
 */
export async function lockForAction(trx: Db, read: ActionRead, lock = true): Promise<LockedDossier | undefined> {
  const keys = {
    actionId: sql`${read.actionId}::uuid`,
    actorId: sql`${read.actorId}::uuid`,
    afterSeq: sql`${read.afterSeq ?? 0}::int`,
    assigneeId: sql`${read.assigneeId}::uuid`,
  };
  const r = await sql<LockedDossier>`${prepared}
    SELECT ${actionReadColumns(keys, read.afterSeq !== null)}
    FROM dossier d WHERE d.id = ${read.id}::uuid ${lock ? sql`FOR UPDATE OF d` : sql``}`.execute(trx);
  return r.rows[0];
}

/** One read of `lockForAction` (without the lock), for `readForActions`. */
export interface ActionRead {
  id: string;
  actionId: string;
  actorId: string;
  /** The log's entries after this are read; the view's parts only when set. */
  afterSeq: number | null;
  /** The user an ASSIGN names (a well-formed UUID), read as `assigneeCandidate`; null otherwise. */
  assigneeId: string | null;
}

/**
 * `lockForAction` without the lock for several dossiers in one statement of fixed text (the keys passed as
 * arrays); with `view`, every read takes the detail parts. Answers in the order of `reads`; undefined for a
 * dossier that does not exist.
 */
export async function readForActions(
  db: Db,
  reads: readonly ActionRead[],
  view: boolean,
): Promise<(LockedDossier | undefined)[]> {
  const keys = {
    actionId: sql`k.action_id`,
    actorId: sql`k.actor_id`,
    afterSeq: sql`k.after_seq`,
    assigneeId: sql`k.assignee_id`,
  };
  const r = await sql<LockedDossier & { i: number }>`${prepared}
    SELECT k.i::int AS i, ${actionReadColumns(keys, view)}
    FROM unnest(${reads.map((x) => x.id)}::uuid[], ${reads.map((x) => x.actionId)}::uuid[],
      ${reads.map((x) => x.actorId)}::uuid[], ${reads.map((x) => x.afterSeq ?? 0)}::int[],
      ${reads.map((x) => x.assigneeId)}::uuid[])
      WITH ORDINALITY AS k(id, action_id, actor_id, after_seq, assignee_id, i)
    JOIN dossier d ON d.id = k.id`.execute(db);
  const byIndex = new Map(r.rows.map(({ i, ...row }) => [i - 1, row as LockedDossier]));
  return reads.map((_, i) => byIndex.get(i));
}

/** The columns of an action's read of dossier `d`; the keys are SQL (parameters, or columns of the batch). */
function actionReadColumns(
  keys: {
    actionId: RawBuilder<unknown>;
    actorId: RawBuilder<unknown>;
    afterSeq: RawBuilder<unknown>;
    assigneeId: RawBuilder<unknown>;
  },
  view: boolean,
) {
  const viewParts = view
    ? sql`, ${processSql} AS process,
      (SELECT json_agg(json_build_object('id', a.id, 'seq', a.seq, 'type', a.type, 'actorId', a.actor_id,
          'actorRole', a.actor_role, 'unitId', a.unit_id, 'at', a.at, 'payload', a.payload) ORDER BY a.seq)
        FROM dossier_action a WHERE a.dossier_id = d.id AND a.seq > ${keys.afterSeq}) AS actions,
      (SELECT json_object_agg(u.id, u.full_name) FROM app_user u
        WHERE u.id IN (SELECT a.actor_id FROM dossier_action a WHERE a.dossier_id = d.id)) AS "actorNames",
      (SELECT json_build_object('level', r.level, 'ratedAt', r.rated_at) FROM dossier_rating r
        WHERE r.dossier_id = d.id) AS rating,
      (SELECT json_object_agg(u.id, u.full_name) FROM app_user u WHERE u.id IN (
        SELECT (s->>'assigneeUserId')::uuid FROM jsonb_array_elements(d.state_json->'steps') s
        WHERE s->>'assigneeUserId' ~* '^[0-9a-f-]{36}$')) AS people`
    : sql``;
  return sql`d.id, d.code, d.unit_id AS "unitId", (SELECT name FROM unit WHERE id = d.unit_id) AS "unitName",
      d.procedure_code AS "procedureCode", (SELECT name FROM procedure WHERE code = d.procedure_code) AS "procedureName",
      d.procedure_version_id AS "procedureVersionId", d.channel, d.state, d.status_code AS "statusCode",
      d.applicant_name AS "applicantName", d.applicant_phone AS "applicantPhone", d.phone_last4 AS "phoneLast4",
      d.id_last4 AS "idLast4", d.applicant, d.summary, d.set_count AS "setCount", d.papers,
      d.submitted_by AS "submittedBy", d.received_by AS "receivedBy", d.assignee_id AS "assigneeId",
      d.received_at AS "receivedAt", d.due_at AS "dueAt", d.version, d.created_at AS "createdAt",
      d.state_json AS "stateJson",
      (SELECT dossier_id FROM dossier_action WHERE id = ${keys.actionId}) AS "keyOwner",
      (WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM unit WHERE id = d.unit_id
          UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 20
        ) SELECT array_agg(id::text ORDER BY depth) FROM up) AS path,
      (SELECT revision FROM calendar_revision WHERE id = 1) AS "calendarRevision",
      (SELECT full_name FROM app_user WHERE id = ${keys.actorId}) AS "actorName",
      (SELECT ${candidateSql} FROM app_user u WHERE u.id = ${keys.assigneeId}) AS "assigneeCandidate"${viewParts}`;
}

export async function findByCode(db: Db, code: string): Promise<DossierRow | undefined> {
  const r = await sql<DossierRow>`SELECT ${columns} FROM ${from} WHERE d.code = ${code}`.execute(db);
  return r.rows[0];
}

/** The unique violation of an action's primary key: its Idempotency-Key was taken by a concurrent request. */
export const isKeyClash = (e: unknown) =>
  (e as { code?: string }).code === '23505' && String((e as Error).message).includes('dossier_action_pkey');

export async function actionOwner(db: Db, actionId: string): Promise<string | undefined> {
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

/**
 * The number a reception's own statement takes from its unit's daily counter, in place of the stand-in code
 * it was decided with (domain dossierCodeStandIn): held from the counter to the commit of that one statement.
 */
export interface CodeNumbering {
  unitId: string;
  localDate: string;
  standIn: string;
  prefix: string;
  digits: number;
  /** The last number a day may have (a counter at it makes the statement write nothing); null: no limit. */
  max: number | null;
}

/** The statement's `stand_in` (platform/standIn.ts): the code and what it replaces, or nothing to replace. */
function standInCte(code: string | null, numbering: CodeNumbering | undefined) {
  if (!numbering) return sql`stand_in AS (SELECT ${code}::text AS code, ''::text AS placeholder, ''::text AS value)`;
  const n = numbering;
  return sql`counted AS (
      INSERT INTO dossier_code_counter AS c (unit_id, local_date, last) VALUES (${n.unitId}::uuid, ${n.localDate}::date, 1)
      ON CONFLICT (unit_id, local_date) DO UPDATE SET last = c.last + 1
      ${n.max === null ? sql`` : sql`WHERE c.last < ${n.max}::int`}
      RETURNING ${n.prefix}::text || lpad(last::text, greatest(${n.digits}::int, length(last::text)), '0') AS code),
    stand_in AS (SELECT code, ${n.standIn}::text AS placeholder, code AS value FROM counted)`;
}

export interface NewDossier {
  id: string;
  unitId: string;
  procedureCode: string;
  procedureVersionId: string;
  applicant: Applicant;
  phoneLast4: string | null;
  idLast4: string | null;
  summary: string | null;
  setCount: number;
  papers: Paper[];
  submittedBy: string | null;
  receivedBy: string | null;
  state: DossierState;
}

export const dateOf = (ms: number | null) => (ms === null ? null : new Date(ms));
const ts = dateOf;

/** The open step's assignee: whose queue the dossier is in. */
export function assigneeOf(s: DossierState): string | null {
  const open = s.steps.findLast((x) => x.endedAt === null);
  return open?.assigneeUserId ?? null;
}

/** What the insert hands back for the notifications and the answer: no second read of the new row. */
export interface Inserted {
  code: string | null;
  unitName: string;
  procedureName: string | null;
  actorName: string | null;
  createdAt: Date;
  process: { id: string; steps: ProcessStep[] } | null;
}

/**
 * The dossier's first row, its first action, its notifications and its first audit row, in one statement; with
 * `numbering`, its code from the unit's daily counter too (the answer's `code`), and nothing written when the
 * day has no number left (undefined).
 */
export async function insertDossier(
  trx: Db,
  d: NewDossier,
  first: DossierAction,
  outbox: readonly OutboxRowInput[],
  audit?: { row: Omit<AuditRow, 'id'> } & Partial<StandInHashing>,
  numbering?: CodeNumbering,
): Promise<Inserted | undefined> {
  const s = d.state;
  const actorId = first.actor.userId;
  const queue = outbox.length > 0 ? sql`, o AS (${outboxInsertSql(outbox, numbering !== undefined)})` : sql``;
  const hashing =
    numbering && audit?.rowCanonical !== undefined
      ? { rowCanonical: audit.rowCanonical, afterCanonical: audit.afterCanonical ?? null }
      : undefined;
  const audited = audit ? sql`, ${appendRowCtes(audit.row, true, hashing)}` : sql``;
  const r = await sql<Inserted>`
    WITH ${standInCte(s.dossierCode, numbering)},
    d AS (
    INSERT INTO dossier AS d (id, code, unit_id, procedure_code, procedure_version_id, channel, state, status_code,
      applicant_name, applicant_phone, phone_last4, id_last4, applicant, summary, set_count, papers, submitted_by,
      received_by, received_at, due_at, original_due_at, rescheduled_due_at, state_json)
    SELECT ${d.id}::uuid, stand_in.code, ${d.unitId}::uuid, ${d.procedureCode}, ${d.procedureVersionId}::uuid,
      ${s.channel}, ${s.state}, ${s.statusCode}, ${d.applicant.name}, ${d.applicant.phone ?? null}, ${d.phoneLast4},
      ${d.idLast4}, ${JSON.stringify(d.applicant)}::jsonb, ${d.summary}, ${d.setCount}, ${JSON.stringify(d.papers)}::jsonb,
      ${d.submittedBy}::uuid, ${d.receivedBy}::uuid, ${ts(s.receivedAt)}::timestamptz, ${ts(s.dueAt)}::timestamptz,
      ${ts(s.originalDueAt)}::timestamptz, ${ts(s.rescheduledDueAt)}::timestamptz,
      ${replaced(sql`${JSON.stringify(s)}::text`)}::jsonb
    FROM stand_in
    RETURNING d.code, (SELECT name FROM unit WHERE id = d.unit_id) AS "unitName",
      (SELECT name FROM procedure WHERE code = d.procedure_code) AS "procedureName",
      (SELECT full_name FROM app_user WHERE id = ${actorId}::uuid) AS "actorName", d.created_at AS "createdAt",
      ${processSql} AS process),
    a AS (
      INSERT INTO dossier_action (id, dossier_id, seq, type, actor_id, actor_role, unit_id, at, payload)
      SELECT ${first.id}::uuid, ${d.id}::uuid, 1, ${first.type}, ${actorId}::uuid, ${first.actor.role},
        ${first.actor.unitId}::uuid, ${new Date(first.at as number)}::timestamptz,
        ${replaced(sql`${JSON.stringify(first.payload)}::text`)}::jsonb
      FROM stand_in)${queue}${audited}
    SELECT * FROM d`.execute(trx);
  return r.rows[0];
}

/** Writes the folded state after an accepted action; `version` is the number of actions in the log. */
export async function updateProjection(
  trx: Db,
  id: string,
  version: number,
  s: DossierState,
  extra: { receivedBy?: string; papers?: Paper[] } = {},
): Promise<void> {
  await sql`UPDATE dossier SET ${projectionSet(version, s, extra)} WHERE id = ${id}::uuid`.execute(trx);
}

function projectionSet(version: number, s: DossierState, extra: { receivedBy?: string; papers?: Paper[] }) {
  return sql`code = ${s.dossierCode}, state = ${s.state}, status_code = ${s.statusCode},
      received_at = ${ts(s.receivedAt)}, due_at = ${ts(s.dueAt)}, original_due_at = ${ts(s.originalDueAt)},
      rescheduled_due_at = ${ts(s.rescheduledDueAt)}, resolved_at = ${ts(s.resolvedAt)},
      delivered_at = ${ts(s.deliveredAt)}, assignee_id = ${assigneeOf(s)}::uuid,
      received_by = coalesce(${extra.receivedBy ?? null}::uuid, received_by),
      papers = coalesce(${extra.papers ? JSON.stringify(extra.papers) : null}::jsonb, papers),
      state_json = ${JSON.stringify(s)}::jsonb, version = ${version}, updated_at = now()`;
}

/**
 * Appends the action, rewrites the projection and queues the notifications in one statement, only if the row
 * is still at `version - 1`: the UPDATE waits for a concurrent writer of the row and then sees its version, so
 * two writers are serialised and the later one changes nothing (false). The action's primary key is the
 * Idempotency-Key: a key already taken fails the whole statement with a unique violation. The statement is
 * `appendAndProjectMany`'s with one row.
 */
export async function appendAndProject(
  db: Db,
  dossierId: string,
  version: number,
  action: DossierAction,
  at: number,
  state: DossierState,
  extra: { receivedBy?: string; papers?: Paper[] } = {},
  outbox: readonly OutboxRowInput[] = [],
): Promise<boolean> {
  return (await appendAndProjectMany(db, [{ dossierId, version, action, at, state, extra, outbox }])).has(0);
}

/** One guarded write of `appendAndProject`, for `appendAndProjectMany`. */
export interface GuardedWrite {
  dossierId: string;
  /** The version after the write; the row must be at `version - 1`. */
  version: number;
  action: DossierAction;
  at: number;
  state: DossierState;
  extra: { receivedBy?: string; papers?: Paper[] };
  outbox: readonly OutboxRowInput[];
}

const isoOf = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/**
 * `appendAndProject` for several dossiers (each at most once) in one statement of fixed text: each row is updated
 * only if still at its own `version - 1`, and only the actions and notifications of rows updated are written.
 * Returns the indexes (into `writes`) of the rows written. Like the single statement it is atomic: a key already
 * taken (or any other error) fails it whole and nothing is written. The rows travel as two jsonb documents (the
 * writes, their notifications), not as one array per column: the driver escaped every state's quotes for the array
 * literal and PostgreSQL unescaped them again; jsonb, not json, so each state is parsed once, not twice (measured in
 * docs/performance.md, tenth look).
 */
export async function appendAndProjectMany(db: Db, writes: readonly GuardedWrite[]): Promise<Set<number>> {
  const rows = writes.map((w, i) => ({
    i,
    id: w.dossierId,
    version: w.version,
    code: w.state.dossierCode,
    state: w.state.state,
    status_code: w.state.statusCode,
    received_at: isoOf(w.state.receivedAt),
    due_at: isoOf(w.state.dueAt),
    original_due_at: isoOf(w.state.originalDueAt),
    rescheduled_due_at: isoOf(w.state.rescheduledDueAt),
    resolved_at: isoOf(w.state.resolvedAt),
    delivered_at: isoOf(w.state.deliveredAt),
    assignee_id: assigneeOf(w.state),
    received_by: w.extra.receivedBy ?? null,
    papers: w.extra.papers ?? null,
    state_json: w.state,
    action_id: w.action.id,
    type: w.action.type,
    actor_id: w.action.actor.userId,
    actor_role: w.action.actor.role,
    unit_id: w.action.actor.unitId,
    at: isoOf(w.at),
    payload: w.action.payload,
  }));
  const outbox = writes.flatMap((w, i) =>
    w.outbox.map((o) => ({
      i,
      dossier_id: o.dossierId,
      action_id: o.actionId,
      topic: o.topic,
      channel: o.channel,
      recipient: o.recipient,
      recipient_name: o.recipientName,
      recipient_user_id: o.recipientUserId,
      subject: o.subject,
      body: o.body,
      template: o.template,
      fields: storedFields(o.fields),
      dedupe_key: o.dedupeKey,
      status: o.status,
      last_error: o.lastError ?? null,
    })),
  );
  const r = await sql<{ i: number }>`${prepared}
    WITH v AS (
      SELECT * FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS v(i int, id uuid, version int, code text,
        state text, status_code int, received_at timestamptz, due_at timestamptz, original_due_at timestamptz,
        rescheduled_due_at timestamptz, resolved_at timestamptz, delivered_at timestamptz, assignee_id uuid,
        received_by uuid, papers jsonb, state_json jsonb, action_id uuid, type text, actor_id uuid, actor_role text,
        unit_id uuid, at timestamptz, payload jsonb)),
    u AS (
      UPDATE dossier d SET code = v.code, state = v.state, status_code = v.status_code, received_at = v.received_at,
        due_at = v.due_at, original_due_at = v.original_due_at, rescheduled_due_at = v.rescheduled_due_at,
        resolved_at = v.resolved_at, delivered_at = v.delivered_at, assignee_id = v.assignee_id,
        received_by = coalesce(v.received_by, d.received_by), papers = coalesce(v.papers, d.papers),
        state_json = v.state_json, version = v.version, updated_at = now()
      FROM v WHERE d.id = v.id AND d.version = v.version - 1 RETURNING v.i),
    a AS (
      INSERT INTO dossier_action (id, dossier_id, seq, type, actor_id, actor_role, unit_id, at, payload)
      SELECT v.action_id, v.id, v.version, v.type, v.actor_id, v.actor_role, v.unit_id, v.at, v.payload
      FROM v JOIN u ON u.i = v.i),
    o AS (
      INSERT INTO notification_outbox (dossier_id, action_id, topic, channel, recipient, recipient_name,
        recipient_user_id, subject, body, template, fields, dedupe_key, status, last_error, sent_at)
      SELECT o.dossier_id, o.action_id, o.topic, o.channel, o.recipient, o.recipient_name, o.recipient_user_id,
        o.subject, o.body, o.template, o.fields, o.dedupe_key, o.status, o.last_error,
        CASE WHEN o.status = 'SENT' THEN now() END
      FROM jsonb_to_recordset(${JSON.stringify(outbox)}::jsonb) AS o(i int, dossier_id uuid, action_id uuid,
        topic text, channel text, recipient text, recipient_name text, recipient_user_id uuid, subject text,
        body text, template text, fields jsonb, dedupe_key text, status text, last_error text)
      WHERE o.i IN (SELECT u.i FROM u)
      ON CONFLICT (dedupe_key) DO NOTHING)
    SELECT i FROM u`.execute(db);
  return new Set(r.rows.map((x) => x.i));
}

export async function appendAction(trx: Db, dossierId: string, seq: number, a: DossierAction, at: number) {
  await sql`INSERT INTO dossier_action (id, dossier_id, seq, type, actor_id, actor_role, unit_id, at, payload)
    VALUES (${a.id}::uuid, ${dossierId}::uuid, ${seq}, ${a.type}, ${a.actor.userId}::uuid, ${a.actor.role},
      ${a.actor.unitId}::uuid, ${new Date(at)}, ${JSON.stringify(a.payload)}::jsonb)`.execute(trx);
}

export interface ActionRow {
  id: string;
  seq: number;
  type: string;
  actorId: string | null;
  actorName: string | null;
  actorRole: string;
  unitId: string;
  at: Date;
  payload: unknown;
}

export async function actionsOf(db: Db, dossierId: string): Promise<ActionRow[]> {
  const r = await sql<ActionRow>`SELECT a.id, a.seq, a.type, a.actor_id AS "actorId", u.full_name AS "actorName",
      a.actor_role AS "actorRole", a.unit_id AS "unitId", a.at, a.payload
    FROM dossier_action a LEFT JOIN app_user u ON u.id = a.actor_id
    WHERE a.dossier_id = ${dossierId}::uuid ORDER BY a.seq`.execute(db);
  return r.rows;
}

export async function unitLabel(db: Db, unitId: string): Promise<{ code: string; name: string } | undefined> {
  const r = await sql<{ code: string; name: string }>`SELECT code, name FROM unit WHERE id = ${unitId}::uuid`.execute(
    db,
  );
  return r.rows[0];
}

/** `v` (a procedure_version) is in force on the date and applies at the unit: published there or delegated. */
const versionAppliesAt = (unitId: string, asOf: string) => sql`v.superseded_at IS NULL
      AND v.effective_from <= ${asOf}::date AND (v.effective_to IS NULL OR v.effective_to >= ${asOf}::date)
      AND (EXISTS (SELECT 1 FROM procedure_version_unit pu WHERE pu.version_id = v.id AND pu.unit_id = ${unitId}::uuid)
        OR EXISTS (SELECT 1 FROM procedure_delegation d WHERE d.procedure_id = v.procedure_id
          AND d.unit_id = ${unitId}::uuid AND d.effective_from <= ${asOf}::date
          AND (d.effective_to IS NULL OR d.effective_to >= ${asOf}::date)))`;

/** What a reception needs to know before it writes, read in one round trip instead of seven. */
export interface ReceptionContext {
  /** The unit and its ancestors, nearest first (empty for an unknown unit). */
  path: string[];
  /** The dossier an Idempotency-Key already belongs to, if any. */
  keyOwner: string | null;
  unitCode: string | null;
  unitName: string | null;
  calendarRevision: number;
  procedure: ProcedureRow | null;
  /** The procedure's version in force at the unit on the day (`versionAppliesAt`), if any. */
  version: VersionRow | undefined;
}

export async function receptionContext(
  db: Db,
  q: { unitId: string; procedureCode: string; localDate: string; actionId: string | null },
): Promise<ReceptionContext> {
  const r = await sql<Record<string, unknown>>`${prepared}
    SELECT
      coalesce((WITH RECURSIVE up(id, parent_id, depth) AS (
          SELECT id, parent_id, 0 FROM unit WHERE id = ${q.unitId}::uuid
          UNION ALL SELECT u.id, u.parent_id, up.depth + 1 FROM unit u JOIN up ON u.id = up.parent_id WHERE up.depth < 20
        ) SELECT array_agg(id::text ORDER BY depth) FROM up), '{}') AS "ctxPath",
      (SELECT dossier_id FROM dossier_action WHERE id = ${q.actionId}::uuid) AS "ctxKeyOwner",
      (SELECT code FROM unit WHERE id = ${q.unitId}::uuid) AS "ctxUnitCode",
      (SELECT name FROM unit WHERE id = ${q.unitId}::uuid) AS "ctxUnitName",
      (SELECT revision FROM calendar_revision WHERE id = 1) AS "ctxCalendarRevision",
      (SELECT ${procedureJson} FROM procedure p WHERE p.code = ${q.procedureCode}) AS "ctxProcedure",
      ver.*
    FROM (SELECT 1) one LEFT JOIN LATERAL (
      SELECT ${versionSelect} FROM procedure_version v JOIN procedure p ON p.id = v.procedure_id
      WHERE p.code = ${q.procedureCode} AND ${versionAppliesAt(q.unitId, q.localDate)} LIMIT 1) ver ON true`.execute(
    db,
  );
  const row = r.rows[0]!;
  return {
    path: row.ctxPath as string[],
    keyOwner: row.ctxKeyOwner as string | null,
    unitCode: row.ctxUnitCode as string | null,
    unitName: row.ctxUnitName as string | null,
    calendarRevision: row.ctxCalendarRevision as number,
    procedure: row.ctxProcedure as ProcedureRow | null,
    version: row.id ? toVersion(row) : undefined,
  };
}

export interface ProcessStep {
  name: string;
  role: string | null;
  hours: number;
  output?: string | null;
  allowSendBack?: boolean;
}

/** The approved internal process of the version at the unit for a channel (counter process as the fallback). */
export async function approvedProcess(db: Db, versionId: string, unitId: string, channel: string) {
  const r = await sql<{ id: string; steps: ProcessStep[]; channel: string }>`
    SELECT id, steps, channel FROM internal_process
    WHERE procedure_version_id = ${versionId}::uuid AND unit_id = ${unitId}::uuid AND status = 'APPROVED'
    ORDER BY (channel = ${channel}) DESC LIMIT 1`.execute(db);
  return r.rows[0];
}

export async function userNames(db: Db, ids: string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const r = await sql<{ id: string; name: string }>`
    SELECT id, full_name AS name FROM app_user WHERE id = ANY(${ids}::uuid[])`.execute(db);
  return new Map(r.rows.map((x) => [x.id, x.name]));
}

export async function userContact(db: Db, id: string) {
  const r = await sql<{ id: string; name: string; email: string | null; active: boolean }>`
    SELECT id, full_name AS name, email, active FROM app_user WHERE id = ${id}::uuid`.execute(db);
  return r.rows[0];
}

export async function insertRating(
  trx: Db,
  r: {
    dossierId: string;
    level: string;
    criteria: { code: string; value: number }[];
    comment: string | null;
    channel: string;
    raterIsApplicant: boolean;
  },
): Promise<boolean> {
  const res = await sql`INSERT INTO dossier_rating (dossier_id, level, criteria, comment, channel, rater_is_applicant)
    VALUES (${r.dossierId}::uuid, ${r.level}, ${JSON.stringify(r.criteria)}::jsonb, ${r.comment}, ${r.channel},
      ${r.raterIsApplicant})
    ON CONFLICT (dossier_id) DO NOTHING`.execute(trx);
  return Number(res.numAffectedRows ?? 0) === 1;
}

export async function ratingOf(db: Db, dossierId: string) {
  const r = await sql<{
    level: string;
    ratedAt: Date;
    criteria: { code: string; value: number }[];
    comment: string | null;
  }>`
    SELECT level, rated_at AS "ratedAt", criteria, comment FROM dossier_rating WHERE dossier_id = ${dossierId}::uuid`.execute(
    db,
  );
  return r.rows[0];
}
