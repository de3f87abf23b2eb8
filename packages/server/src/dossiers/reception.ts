/**
 * Reception (spec §5.1–§5.2, §12.1): a counter or postal dossier is received in one step; an online dossier is
 * first SUBMITTED by the citizen and RECEIVED later by an officer. Both receptions build the RECEIVE payload
 * here: procedure rules fixed at receipt, the code from the per-unit daily counter, the papers checked.
 */
import { randomUUID } from 'node:crypto';
import { DomainError, isAllowed, legalTimeOf, type ErrorCode } from '@motcua/domain';
import { localDateOf, parseInstant, type Duration } from '@motcua/domain/calendar/index';
import {
  decide,
  workingHoursLeft,
  formatDossierCode,
  dossierCodeStandIn,
  initialDossierState,
  STANDARD_DOSSIER_CODE_FORMAT,
  type Channel,
  type DossierAction,
} from '@motcua/domain/dossier/index';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { requireSomewhere } from '../access/guard';
import { firstAuditRow, firstAuditRowWithStandIn, type AuditEvent } from '../audit/service';
import type { CalendarCache, UnitCalendar } from '../calendar/cache';
import type { versionById } from '../catalog/store';
import type { DossierView, ReceiveBody, SubmitBody } from '@motcua/domain/schemas/dossiers';
import { dossierNotificationRows } from '../notifications/outbox';
import * as store from './store';
import { reachOf, visible, type Reach } from './access';
import { detailFor } from './queries';

export const catalogChannel = { COUNTER: 'direct', POSTAL: 'postal', ONLINE: 'online' } as const;
const durationUnit: Record<string, Duration['unit'] | undefined> = {
  working_days: 'WORKING_DAYS',
  working_hours: 'WORKING_HOURS',
  calendar_days: 'CALENDAR_DAYS',
  same_day: 'SAME_DAY',
};
export const excludedPeriodNames = new Set([
  'FINANCIAL_OBLIGATION',
  'CITIZEN_SUPPLEMENT',
  'FIELD_VERIFICATION',
  'PUBLIC_POSTING',
  'BOUNDARY_SIGNING',
]);

export const last4 = (s: string | null | undefined) => {
  const digits = s?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
};

/** A refusal of the state table as an API error; the domain's detail is for developers, the message is Vietnamese. */
export function refusal(code: string, fields?: { field: string; message: string }[]): DomainError {
  return new DomainError(code as ErrorCode, fields ?? []);
}

export function instantOf(value: string | undefined, field: string): number {
  try {
    return value === undefined ? Date.now() : parseInstant(value);
  } catch {
    throw new DomainError('VALIDATION_FAILED', [{ field, message: 'Thời điểm không hợp lệ.' }]);
  }
}

type Version = NonNullable<Awaited<ReturnType<typeof versionById>>>;

/**
 * The procedure and its version in force at the unit on the date (as `store.receptionContext` read them), or a
 * precise refusal.
 */
export function procedureAt(
  procedureCode: string,
  localDate: string,
  known: Pick<store.ReceptionContext, 'procedure' | 'version'>,
) {
  const { procedure, version } = known;
  if (!procedure || !version)
    throw new DomainError('DOSSIER_PROCEDURE_NOT_AT_UNIT', [
      {
        field: 'body.procedureCode',
        message: `Thủ tục ${procedureCode} không áp dụng tại đơn vị vào ngày ${localDate}.`,
      },
    ]);
  return { procedure, version };
}

/** The ticked checklist against the procedure's papers: a paper outside any alternative group is required. */
export function checkPapers(version: Version, ticked: { index: number; provided: boolean }[] | undefined) {
  const docs = version.content.documents;
  const provided = new Map((ticked ?? []).map((p) => [p.index, p.provided]));
  const fields: { field: string; message: string }[] = [];
  (ticked ?? []).forEach((p, i) => {
    if (p.index >= docs.length)
      fields.push({ field: `body.papers.${i}.index`, message: 'Thủ tục không có thành phần hồ sơ này.' });
  });
  const papers: store.Paper[] = docs.map((d, index) => ({
    index,
    name: d.name,
    kind: d.kind,
    copies: d.copies ?? d.originals ?? null,
    required: d.group === null,
    provided: ticked === undefined ? true : provided.get(index) === true,
  }));
  if (ticked !== undefined)
    papers.forEach((p, index) => {
      if (!p.provided && docs[index]!.group === null)
        fields.push({ field: `body.papers.${index}`, message: `Thiếu thành phần bắt buộc: ${p.name}` });
    });
  if (fields.length > 0) throw new DomainError('DOSSIER_PAPERS_MISSING', fields);
  return papers;
}

/** The procedure's legal time for a channel as a calendar duration; undefined when it cannot be computed. */
export function legalLimitFor(methods: Version['content']['methods'], channel: Channel): Duration | undefined {
  const limit = legalTimeOf(methods, catalogChannel[channel]);
  const unit = limit ? durationUnit[limit.unit] : undefined;
  return limit && unit ? { value: limit.value, unit } : undefined;
}

/**
 * Everything RECEIVE needs that is not in the transaction, from what `store.receptionContext` read: the time limit
 * for the channel, the unit's calendar (at the revision read with it) and the unit's code and name.
 */
export async function receptionInputs(
  cache: CalendarCache,
  db: Db,
  unitId: string,
  context: store.ReceptionContext,
  version: Version,
  channel: Channel,
) {
  return {
    timeLimit: timeLimitFor(version, channel),
    uc: await cache.getAt(unitId, context.calendarRevision, db),
    unitCode: context.unitCode!,
    unitName: context.unitName!,
  };
}

/** The legal time for the channel, or the refusal: a dossier without one cannot be received. */
export function timeLimitFor(version: Version, channel: Channel): Duration {
  const timeLimit = legalLimitFor(version.content.methods, channel);
  if (!timeLimit)
    throw new DomainError('DOSSIER_TIME_LIMIT_UNSUPPORTED', [{ field: 'body.channel', message: 'Không có thời hạn.' }]);
  return timeLimit;
}

interface PayloadInputs {
  unitId: string;
  unitCode: string;
  at: number;
  channel: Channel;
  procedureCode: string;
  version: Version;
  timeLimit: Duration;
  uc: UnitCalendar;
}

/** The RECEIVE payload: the procedure's rules fixed at receipt, and the code. */
export function receivePayload(p: PayloadInputs, dossierCode: string) {
  return {
    channel: p.channel,
    dossierCode,
    receivingUnitId: p.unitId,
    procedure: {
      procedureCode: p.procedureCode,
      procedureVersionId: p.version.id,
      timeLimit: p.timeLimit,
      dueTimeMode: p.uc.dueTimeMode,
      cutoffTime: p.version.content.cutoffTime ?? null,
      supplementClockMode: p.version.content.supplementClockMode ?? null,
      excludedPeriods: (p.version.content.excludedPeriods ?? []).filter((x) => excludedPeriodNames.has(x)),
    },
  };
}

/** The day's next code, in the caller's transaction (a rollback returns the number; the counter waits for it). */
export async function takeDossierCode(trx: Db, p: Pick<PayloadInputs, 'unitId' | 'unitCode' | 'at'>) {
  const localDate = localDateOf(p.at);
  const code = formatDossierCode(p.unitCode, localDate, await store.nextSequence(trx, p.unitId, localDate));
  if (!code.ok) throw refusal(code.code);
  return code.code;
}

/** The stand-in code a counter reception is decided with, and how its statement numbers it (store.CodeNumbering). */
function codeNumbering(p: Pick<PayloadInputs, 'unitId' | 'unitCode' | 'at'>): store.CodeNumbering {
  const localDate = localDateOf(p.at);
  const format = STANDARD_DOSSIER_CODE_FORMAT;
  const standIn = dossierCodeStandIn(p.unitCode, localDate, format);
  if (!standIn.ok) throw refusal(standIn.code);
  const max = format.overflow === 'ERROR' ? 10 ** format.sequenceDigits - 1 : null;
  const { code, prefix } = standIn;
  return { unitId: p.unitId, localDate, standIn: code, prefix, digits: format.sequenceDigits, max };
}

/** The first row of a dossier and of its log, and its notifications: one shape for counter and online reception. */
async function createDossier(
  trx: Db,
  d: {
    input: { unitId: string; applicant: store.Applicant; summary?: string | undefined; setCount: number };
    procedure: { code: string; name: string };
    unitName: string;
    versionId: string;
    papers: store.Paper[];
    submittedBy: string | null;
    receivedBy: string | null;
    action: DossierAction;
    decided: Extract<ReturnType<typeof decide>, { ok: true }>;
    /** The audit entry of the creation, written by the same statement. */
    audit?: (id: string) => AuditEvent;
    /** The statement takes the code; the action was decided with `numbering.standIn`. */
    numbering?: store.CodeNumbering;
  },
): Promise<{ id: string; row: store.DossierRow; inserted: store.Inserted; action: DossierAction }> {
  const id = randomUUID();
  const { input, decided } = d;
  const phoneLast4 = last4(input.applicant.phone);
  const idLast4 = last4(input.applicant.idNumber);
  const outbox = await dossierNotificationRows(trx, {
    dossierId: id,
    code: decided.next.dossierCode,
    unitId: input.unitId,
    unitName: d.unitName,
    procedureCode: d.procedure.code,
    procedureName: d.procedure.name,
    applicant: input.applicant,
    applicantUserId: d.submittedBy,
    state: decided.next,
    events: decided.events,
  });
  const inserted = await store.insertDossier(
    trx,
    {
      id,
      unitId: input.unitId,
      procedureCode: d.procedure.code,
      procedureVersionId: d.versionId,
      applicant: input.applicant,
      phoneLast4,
      idLast4,
      summary: input.summary ?? null,
      setCount: input.setCount,
      papers: d.papers,
      submittedBy: d.submittedBy,
      receivedBy: d.receivedBy,
      state: decided.next,
    },
    d.action,
    outbox,
    d.audit && (d.numbering ? firstAuditRowWithStandIn(d.audit(id)) : { row: firstAuditRow(d.audit(id)) }),
    d.numbering,
  );
  if (!inserted) throw refusal('DOSSIER_CODE_SEQUENCE_OVERFLOW');
  // What the statement stored: the real code where the stand-in was.
  const s = d.numbering ? { ...decided.next, dossierCode: inserted.code } : decided.next;
  const action = d.numbering
    ? { ...d.action, payload: { ...(d.action.payload as object), dossierCode: inserted.code } }
    : d.action;
  // The new row as findDossier would read it (jsonb columns as stored).
  const row: store.DossierRow = {
    id,
    code: s.dossierCode,
    unitId: input.unitId,
    unitName: inserted.unitName,
    procedureCode: d.procedure.code,
    procedureName: inserted.procedureName,
    procedureVersionId: d.versionId,
    channel: s.channel!,
    state: s.state,
    statusCode: s.statusCode as number,
    applicantName: input.applicant.name,
    applicantPhone: input.applicant.phone ?? null,
    phoneLast4,
    idLast4,
    applicant: JSON.parse(JSON.stringify(input.applicant)) as store.Applicant,
    summary: input.summary ?? null,
    setCount: input.setCount,
    papers: JSON.parse(JSON.stringify(d.papers)) as store.Paper[],
    submittedBy: d.submittedBy,
    receivedBy: d.receivedBy,
    assigneeId: store.assigneeOf(s),
    receivedAt: store.dateOf(s.receivedAt),
    dueAt: store.dateOf(s.dueAt),
    version: 1,
    createdAt: inserted.createdAt,
    stateJson: s,
  };
  return { id, row, inserted, action };
}

/** The catalog's name of a dossier channel (methods and internal processes are keyed by it). */
export const catalogChannelOf = (channel: string) => catalogChannel[channel as Channel] ?? 'direct';

/** A retry of the same Idempotency-Key: the first result, nothing written. */
async function replay(ctx: RequestContext, actionId: string) {
  const existing = await store.actionOwner(ctx.db, actionId);
  return existing ? { created: false, id: existing } : undefined;
}

/** Two requests with the same key at once: the loser of the primary-key race returns the winner's dossier. */
export async function onDuplicateKey(ctx: RequestContext, actionId: string, e: unknown) {
  if (store.isKeyClash(e)) {
    const again = await replay(ctx, actionId);
    if (again) return again;
  }
  throw e;
}

/** Counter (or postal) reception: one RECEIVE action, the code from the daily counter, all in one statement. */
export async function receive(ctx: RequestContext, cache: CalendarCache, actionId: string, input: ReceiveBody) {
  const actor = requireSomewhere(ctx, 'dossiers.receive');
  // A bad time is reported after the permission and the replay, as before they were read together.
  let at = Date.now();
  let badTime: unknown;
  try {
    at = instantOf(input.receivedAt, 'body.receivedAt');
  } catch (e) {
    badTime = e;
  }
  const context = await store.receptionContext(ctx.db, {
    unitId: input.unitId,
    procedureCode: input.procedureCode,
    localDate: localDateOf(at),
    actionId,
  });
  // requireOnUnit with the path kept for the answer.
  const path = context.path;
  if (!isAllowed(actor, 'dossiers.receive', path)) throw new DomainError('FORBIDDEN');
  if (context.keyOwner) return { created: false, id: context.keyOwner };
  if (badTime) throw badTime;

  const { procedure, version } = procedureAt(input.procedureCode, localDateOf(at), context);
  const papers = checkPapers(version, input.papers);
  const inputs = await receptionInputs(cache, ctx.db, input.unitId, context, version, input.channel);

  const receiving = {
    ...inputs,
    unitId: input.unitId,
    at,
    channel: input.channel,
    procedureCode: procedure.code,
    version,
  };
  const numbering = codeNumbering(receiving);
  const action: DossierAction = {
    id: actionId,
    type: 'RECEIVE',
    actor: { userId: actor.userId, role: 'COUNTER_OFFICER', unitId: input.unitId },
    at,
    payload: {
      ...receivePayload(receiving, numbering.standIn),
      ...(input.postal ? { postalWaybillNumber: input.postal.waybillNumber } : {}),
    },
  };
  const r = decide(initialDossierState(), action, { calendar: inputs.uc.calendar });
  if (!r.ok) throw refusal(r.code, r.fields);
  try {
    // One statement, no transaction: the day's counter is held only from its number to that statement's commit.
    const done = await createDossier(ctx.db, {
      input,
      procedure,
      unitName: inputs.unitName,
      versionId: version.id,
      papers,
      submittedBy: null,
      receivedBy: actor.userId,
      action,
      decided: r,
      numbering,
      audit: (id) => ({
        actor: { userId: actor.userId, name: ctx.actorName },
        unitId: input.unitId,
        action: 'dossier.receive',
        entityType: 'dossier',
        entityId: id,
        after: { code: r.next.dossierCode, procedureCode: procedure.code, state: r.next.state },
        summary: `Tiếp nhận hồ sơ ${r.next.dossierCode} (thủ tục ${procedure.code})`,
        requestId: ctx.requestId,
      }),
    });
    const reach = await reachOf(ctx, done.row, async () => path);
    const view = visible(reach) ? newDossierView(done.row, reach, done.inserted, done.action, inputs.uc) : undefined;
    return { created: true, id: done.id, ...(view ? { view } : {}) };
  } catch (e) {
    return onDuplicateKey(ctx, actionId, e);
  }
}

/** The detail view of a dossier just created, from what its transaction wrote (what getDossier would read). */
function newDossierView(
  row: store.DossierRow,
  reach: Reach,
  inserted: store.Inserted,
  action: DossierAction,
  uc: UnitCalendar,
): DossierView {
  return detailFor(row, reach, {
    people: new Map(),
    workingHoursLeft: workingHoursLeft(uc.calendar, row.stateJson, Date.now()),
    process: inserted.process ?? undefined,
    actions: [
      {
        id: action.id,
        seq: 1,
        type: action.type,
        actorId: action.actor.userId,
        actorName: inserted.actorName,
        actorRole: action.actor.role,
        unitId: action.actor.unitId,
        at: new Date(action.at as number),
        payload: JSON.parse(JSON.stringify(action.payload)) as unknown,
      },
    ],
    rating: undefined,
  });
}

/** Online submission by a signed-in citizen (T2): a SUBMITTED dossier without a code until an officer receives it. */
export async function submitOnline(ctx: RequestContext, cache: CalendarCache, actionId: string, input: SubmitBody) {
  const actor = requireSomewhere(ctx, 'dossiers.submit');
  const at = Date.now();
  const context = await store.receptionContext(ctx.db, {
    unitId: input.unitId,
    procedureCode: input.procedureCode,
    localDate: localDateOf(at),
    actionId,
  });
  if (context.keyOwner) return { created: false, id: context.keyOwner };
  const { procedure, version } = procedureAt(input.procedureCode, localDateOf(at), context);
  if (!version.content.channels.includes('online'))
    throw new DomainError('DOSSIER_CHANNEL_NOT_OFFERED', [
      { field: 'body.procedureCode', message: 'Thủ tục này chưa cung cấp dịch vụ công trực tuyến.' },
    ]);
  const inputs = await receptionInputs(cache, ctx.db, input.unitId, context, version, 'ONLINE');
  const papers = checkPapers(version, undefined).map((p) => ({ ...p, provided: false }));
  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const action: DossierAction = {
        id: actionId,
        type: 'SUBMIT',
        actor: { userId: actor.userId, role: 'CITIZEN', unitId: input.unitId },
        at,
        payload: { channel: 'ONLINE' },
      };
      const r = decide(initialDossierState(), action, { calendar: inputs.uc.calendar });
      if (!r.ok) throw refusal(r.code, r.fields);
      const { id } = await createDossier(trx, {
        input,
        procedure,
        unitName: inputs.unitName,
        versionId: version.id,
        papers,
        submittedBy: actor.userId,
        receivedBy: null,
        action,
        decided: r,
      });
      return { created: true, id };
    });
  } catch (e) {
    return onDuplicateKey(ctx, actionId, e);
  }
}
