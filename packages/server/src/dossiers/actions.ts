/**
 * One endpoint for every action of the state table after reception (spec §6.3): the caller names the action
 * and the version it saw; the dossier row is locked, decide() checks the table, its guards and the caller's
 * role, then the action is appended, the projection rewritten and the notifications queued — one transaction.
 */
import { DomainError, isAllowed } from '@motcua/domain';
import { localDateOf } from '@motcua/domain/calendar/index';
import {
  decide,
  workingHoursLeft,
  type DossierAction,
  type DossierActionType,
  type DossierState,
} from '@motcua/domain/dossier/index';
import type { ActionBody, DossierView } from '@motcua/domain/schemas/dossiers';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { requireActor } from '../access/guard';
import { ancestorPath } from '../units/store';
import type { CalendarCache, UnitCalendar } from '../calendar/cache';
import { dossierNotificationRows } from '../notifications/outbox';
import { reachOf, roleForAction, visible, type Reach } from './access';
import { detailFor } from './queries';
import {
  catalogChannelOf,
  checkPapers,
  instantOf,
  procedureAt,
  receivePayload,
  takeDossierCode,
  refusal,
  receptionInputs,
} from './reception';
import * as store from './store';
import type { LogCache, LoggedAction } from './logCache';
import type { Batcher } from '../platform/batching';
import type { ActionReads } from './groupCommit';
import { stepIdOf } from './view';
import { isUuid } from '../platform/uuid';

/** The outcome; `state` is the folded state after the action (absent for a replay, which reads it back). */
export interface ActResult {
  id: string;
  replayed: boolean;
  version?: number;
  state?: DossierState;
  /** The detail view after the action, built from what the transaction held (when asked for and still visible). */
  view?: DossierView;
}

export interface ActionDeps {
  cache: CalendarCache;
  /** The logs this process has answered with: the read then takes only the newer entries. */
  logs?: LogCache;
  /** Group commit of the reads and guarded writes made outside a transaction (over the same database as `ctx.db`). */
  writes?: Batcher<store.GuardedWrite, boolean>;
  reads?: ActionReads;
  /** Resolves an uploaded result file (attachments context) to the URL and SHA-256 stored with the result. */
  resultFile?: (
    db: Db,
    dossierId: string,
    attachmentId: string,
  ) => Promise<{ url: string; sha256: string } | undefined>;
}

const FUTURE_TOLERANCE_MS = 60_000;

const uuidOrNull = (v: unknown) => (isUuid(v) ? v : null);

const keyUsedElsewhere = () =>
  new DomainError('VALIDATION_FAILED', [
    { field: 'headers.idempotency-key', message: 'Mã thao tác này đã dùng cho một hồ sơ khác.' },
  ]);

/**
 * Read, decide, write: one statement reads the row with the key's owner, the unit path, the calendar revision
 * and (for the detail answer) the log, process, rating and names; decide() runs; one statement appends the
 * action, rewrites the projection and queues the notifications, guarded by the version read, so a concurrent
 * writer makes it change nothing and the caller gets 409 as for a stale If-Match. RECEIVE of an online dossier
 * takes the unit's daily code counter, so it runs in a transaction with the row locked. `view: false`
 * (Prefer: return=minimal) skips the detail parts.
 */
export async function act(
  ctx: RequestContext,
  deps: ActionDeps,
  dossierId: string,
  expectedVersion: number,
  actionId: string,
  body: ActionBody,
  opts: { view: boolean } = { view: true },
): Promise<ActResult> {
  const actor = requireActor(ctx);
  const locking = body.type === 'RECEIVE';
  const run = <T>(work: (db: Db) => Promise<T>): Promise<T> =>
    locking ? ctx.db.transaction().execute(work) : work(ctx.db);
  let built: (() => DossierView) | undefined;
  try {
    const prefix = opts.view && deps.logs ? deps.logs.known(dossierId) : [];
    const result = await run(async (db): Promise<ActResult> => {
      const read = {
        id: dossierId,
        actionId,
        actorId: actor.userId,
        afterSeq: opts.view ? prefix.length : null,
        assigneeId: body.type === 'ASSIGN' ? uuidOrNull(body.payload.assigneeUserId) : null,
      };
      // Outside a transaction the read may share a statement with concurrent ones.
      const locked =
        !locking && deps.reads ? await deps.reads.read(read) : await store.lockForAction(db, read, locking);
      const owner = locked ? locked.keyOwner : await store.actionOwner(db, actionId);
      if (owner === dossierId) return { id: dossierId, replayed: true };
      if (owner) throw keyUsedElsewhere();
      if (!locked) throw new DomainError('NOT_FOUND');

      const paths = new Map<string, Promise<string[]>>([[locked.unitId, Promise.resolve(locked.path)]]);
      const pathOf = (unitId: string) => {
        let p = paths.get(unitId);
        if (!p) paths.set(unitId, (p = ancestorPath(db, unitId)));
        return p;
      };
      const reach = await reachOf(ctx, locked, pathOf);
      if (!visible(reach)) throw new DomainError('NOT_FOUND');
      const role = roleForAction(reach, locked.stateJson, body.type, body.payload) ?? reach.roles[0];
      // Seen only through a sub-dossier and not returning its result: the dossier's own unit acts, not the coordinator.
      if (!role) throw new DomainError('DOSSIER_ROLE_NOT_ALLOWED');
      const at = instantOf(body.at, 'body.at');
      if (at > Date.now() + FUTURE_TOLERANCE_MS)
        throw new DomainError('VALIDATION_FAILED', [
          { field: 'body.at', message: 'Thời điểm không được ở tương lai.' },
        ]);

      const uc = await deps.cache.getAt(locked.unitId, locked.calendarRevision, db);
      const prepared = await prepare(db, deps, locked, uc, body.type, body.payload, at);
      if (locked.version !== expectedVersion) {
        // A retry whose first attempt committed while this one waited for the lock (the read's snapshot is older).
        if ((await store.actionOwner(db, actionId)) === dossierId) return { id: dossierId, replayed: true };
        throw new DomainError('DOSSIER_VERSION_CONFLICT', [], undefined);
      }
      const receiving = prepared.receive && {
        ...prepared.receive,
        unitId: locked.unitId,
        at,
        channel: 'ONLINE' as const,
      };
      const payload = receiving
        ? { ...receivePayload(receiving, await takeDossierCode(db, receiving)), ...prepared.payload }
        : prepared.payload;
      const action: DossierAction = {
        id: actionId,
        type: body.type,
        actor: { userId: actor.userId, role, unitId: locked.unitId },
        at,
        payload,
      };
      const r = decide(locked.stateJson, action, { calendar: uc.calendar });
      if (!r.ok) throw refusal(r.code, r.fields);
      const version = locked.version + 1;
      const extra = {
        ...(body.type === 'RECEIVE' ? { receivedBy: actor.userId } : {}),
        ...(prepared.papers ? { papers: prepared.papers } : {}),
      };
      const outbox = await dossierNotificationRows(db, {
        dossierId,
        code: r.next.dossierCode,
        unitId: locked.unitId,
        unitName: locked.unitName,
        procedureCode: locked.procedureCode,
        procedureName: locked.procedureName ?? locked.procedureCode,
        applicant: locked.applicant,
        applicantUserId: locked.submittedBy,
        state: r.next,
        events: r.events,
        ...(prepared.assignee ? { internalRecipients: [prepared.assignee] } : {}),
      });
      const write = { dossierId, version, action, at, state: r.next, extra, outbox };
      // Outside a transaction the write may share a statement with concurrent ones (group commit).
      const written =
        !locking && deps.writes
          ? await deps.writes.submit(write)
          : await store.appendAndProject(db, dossierId, version, action, at, r.next, extra, outbox);
      if (!written) {
        // Another action was written since the read: a retry whose first attempt that was gets the first result.
        if ((await store.actionOwner(db, actionId)) === dossierId) return { id: dossierId, replayed: true };
        throw new DomainError('DOSSIER_VERSION_CONFLICT', [], undefined);
      }
      if (opts.view) {
        const row = projected(locked, version, r.next, extra);
        const after = await reachOf(ctx, row, pathOf);
        // A coordinating body that returned its result no longer sees the dossier: it gets the minimal answer.
        if (visible(after)) {
          const people = await namesOf(db, locked, r.next, prepared.assignee);
          const log = [...(await logBefore(db, deps.logs, locked, prefix)), logged(action, version)];
          deps.logs?.remember(dossierId, log);
          built = () => viewAfter(row, after, locked, log, uc, people);
        }
      }
      return { id: dossierId, replayed: false, version, state: r.next };
    });
    return built ? { ...result, view: built() } : result;
  } catch (e) {
    if (!store.isKeyClash(e)) throw e;
    // The key was taken by a concurrent request between the read and the write.
    const owner = await store.actionOwner(ctx.db, actionId);
    if (owner === dossierId) return { id: dossierId, replayed: true };
    throw keyUsedElsewhere();
  }
}

/** The row as the projection update left it. */
function projected(
  locked: store.LockedDossier,
  version: number,
  s: DossierState,
  extra: { receivedBy?: string; papers?: store.Paper[] },
): store.DossierRow {
  const ts = store.dateOf;
  return {
    ...locked,
    code: s.dossierCode,
    state: s.state,
    // What the column holds after the update (status_code = the state's code).
    statusCode: s.statusCode as number,
    assigneeId: store.assigneeOf(s),
    receivedAt: ts(s.receivedAt),
    dueAt: ts(s.dueAt),
    receivedBy: extra.receivedBy ?? locked.receivedBy,
    papers: extra.papers ?? locked.papers,
    version,
    stateJson: s,
  };
}

/** Names of the step assignees after the action: those the lock read, the new assignee, any other by one query. */
async function namesOf(
  trx: Db,
  locked: store.LockedDossier,
  s: DossierState,
  assignee: Prepared['assignee'],
): Promise<Map<string, string>> {
  const people = new Map(Object.entries(locked.people ?? {}));
  if (assignee) people.set(assignee.userId, assignee.name);
  const ids = new Set(s.steps.map((x) => x.assigneeUserId));
  const missing = [...ids].filter((id) => !people.has(id));
  if (missing.length > 0) for (const [id, name] of await store.userNames(trx, missing)) people.set(id, name);
  for (const id of people.keys()) if (!ids.has(id)) people.delete(id);
  return people;
}

/** The log before the action: the cached prefix and the entries the read took after it, or else all of it. */
async function logBefore(
  db: Db,
  logs: LogCache | undefined,
  locked: store.LockedDossier,
  prefix: readonly LoggedAction[],
): Promise<readonly LoggedAction[]> {
  const fresh = (locked.actions ?? []).map((a) => ({ ...a, at: new Date(a.at) }));
  const joined = logs ? logs.join(locked.id, prefix, fresh, locked.version) : fresh;
  if (joined) return joined;
  // The prefix held was not this database's (it never happens in one database): read the log whole.
  return (await store.actionsOf(db, locked.id)).filter((a) => a.seq <= locked.version);
}

/** The new action as the log holds it. */
const logged = (action: DossierAction, seq: number): LoggedAction => ({
  id: action.id,
  seq,
  type: action.type,
  actorId: action.actor.userId,
  actorRole: action.actor.role,
  unitId: action.actor.unitId,
  at: new Date(action.at),
  // As stored: the jsonb column keeps what JSON keeps.
  payload: JSON.parse(JSON.stringify(action.payload)) as unknown,
});

/** The detail view after the action, from the log with the new action (what getDossier would read). */
function viewAfter(
  row: store.DossierRow,
  reach: Reach,
  locked: store.LockedDossier,
  log: readonly LoggedAction[],
  uc: UnitCalendar,
  people: Map<string, string>,
): DossierView {
  const names = locked.actorNames ?? {};
  // Field by field: a key added after a spread is slow in V8 (view.ts detailOf).
  const actions: store.ActionRow[] = log.map((a) => ({
    id: a.id,
    seq: a.seq,
    type: a.type,
    actorId: a.actorId,
    actorName: a.actorId === null ? null : (names[a.actorId] ?? (a.seq === row.version ? locked.actorName : null)),
    actorRole: a.actorRole,
    unitId: a.unitId,
    at: a.at,
    payload: a.payload,
  }));
  const rating = locked.rating ? { level: locked.rating.level, ratedAt: new Date(locked.rating.ratedAt) } : undefined;
  return detailFor(row, reach, {
    people,
    workingHoursLeft: workingHoursLeft(uc.calendar, row.stateJson, Date.now()),
    process: locked.process ?? undefined,
    actions,
    rating,
  });
}

interface Prepared {
  payload: Record<string, unknown>;
  receive?: Omit<Parameters<typeof receivePayload>[0], 'unitId' | 'at' | 'channel'>;
  papers?: store.Paper[];
  assignee?: { userId: string; email: string | null; name: string };
}

/** What the server adds to a caller's payload: reception data, the process step, the result file (in the transaction). */
async function prepare(
  trx: Db,
  deps: ActionDeps,
  row: store.LockedDossier,
  uc: UnitCalendar,
  type: DossierActionType,
  payload: Record<string, unknown>,
  at: number,
): Promise<Prepared> {
  switch (type) {
    case 'RECEIVE': {
      // The officer sends only the checklist; the code, rules and due date are the server's.
      const context = await store.receptionContext(trx, {
        unitId: row.unitId,
        procedureCode: row.procedureCode,
        localDate: localDateOf(at),
        actionId: null,
      });
      const { procedure, version } = procedureAt(row.procedureCode, localDateOf(at), context);
      const ticked = Array.isArray(payload.papers)
        ? (payload.papers as { index: number; provided: boolean }[])
        : undefined;
      const papers = checkPapers(version, ticked);
      const { timeLimit, unitCode } = await receptionInputs(deps.cache, trx, row.unitId, context, version, 'ONLINE');
      const { papers: _ignored, ...rest } = payload;
      return {
        payload: rest,
        receive: { unitCode, procedureCode: procedure.code, version, timeLimit, uc },
        papers,
      };
    }
    case 'ASSIGN':
      return prepareAssign(trx, row, payload);
    case 'SEND_TO_COORDINATING_BODY': {
      const body = payload.coordinatingBodyId;
      const exists = isUuid(body) && (await store.unitLabel(trx, body));
      if (!exists)
        throw new DomainError('DOSSIER_PAYLOAD_INVALID', [
          { field: 'body.payload.coordinatingBodyId', message: 'Cơ quan phối hợp phải là một đơn vị trong hệ thống.' },
        ]);
      return { payload };
    }
    case 'RESOLVE': {
      const attachmentId = payload.resultAttachmentId;
      if (attachmentId === undefined) return { payload };
      const { resultAttachmentId: _id, ...rest } = payload;
      const file =
        typeof attachmentId === 'string' && deps.resultFile
          ? await deps.resultFile(trx, row.id, attachmentId)
          : undefined;
      if (!file)
        throw new DomainError('DOSSIER_RESULT_FILE_INVALID', [
          { field: 'body.payload.resultAttachmentId', message: 'Không tìm thấy tệp kết quả của hồ sơ.' },
        ]);
      return { payload: { ...rest, fileUrl: file.url, fileSha256: file.sha256 } };
    }
    default:
      return { payload };
  }
}

/** A step of the approved internal process lends its name and budget; the assignee must be able to process here. */
async function prepareAssign(trx: Db, row: store.LockedDossier, payload: Record<string, unknown>): Promise<Prepared> {
  if (uuidOrNull(payload.assigneeUserId) === null)
    throw new DomainError('DOSSIER_PAYLOAD_INVALID', [
      { field: 'body.payload.assigneeUserId', message: 'Phải chọn người được giao xử lý.' },
    ]);
  // Read with the row (`ActionRead.assigneeId`): the grants as they are in the same snapshot.
  const user = row.assigneeCandidate;
  const grants = user?.active ? user.grants : [];
  if (!user || !isAllowed({ userId: user.id, username: '', grants }, 'dossiers.process', row.path))
    throw new DomainError('DOSSIER_ASSIGNEE_INVALID', [
      { field: 'body.payload.assigneeUserId', message: 'Người này không xử lý hồ sơ tại đơn vị.' },
    ]);
  let extra: Record<string, unknown> = {};
  if (row.procedureVersionId) {
    const process =
      row.process !== undefined
        ? (row.process ?? undefined)
        : await store.approvedProcess(trx, row.procedureVersionId, row.unitId, catalogChannelOf(row.channel));
    const index = process?.steps.findIndex((_, i) => stepIdOf(i) === payload.stepId) ?? -1;
    const step = index >= 0 ? process!.steps[index]! : undefined;
    if (step)
      extra = {
        stepName: payload.stepName ?? step.name,
        budget: payload.budget ?? (step.hours > 0 ? { value: step.hours, unit: 'WORKING_HOURS' } : undefined),
      };
  }
  return {
    payload: { ...payload, ...Object.fromEntries(Object.entries(extra).filter(([, v]) => v !== undefined)) },
    assignee: { userId: user.id, email: user.email, name: user.name },
  };
}
