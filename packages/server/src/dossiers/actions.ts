/**
 * One endpoint for every action of the state table after reception (spec §6.3): the caller names the action
 * and the version it saw; the dossier row is locked, decide() checks the table, its guards and the caller's
 * role, then the action is appended, the projection rewritten and the notifications queued — one transaction.
 */
import { z } from 'zod';
import { DomainError, isAllowed } from '@motcua/domain';
import { localDateOf } from '@motcua/domain/calendar/index';
import {
  decide,
  dossierActionTypes,
  type DossierAction,
  type DossierActionType,
  type DossierState,
} from '@motcua/domain/dossier/index';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { requireActor } from '../access/guard';
import { grantsOf } from '../access/store';
import { ancestorPath } from '../units/store';
import type { CalendarCache } from '../calendar/cache';
import { enqueueDossierNotifications } from '../notifications/outbox';
import { requireVisible, roleForAction } from './access';
import {
  catalogChannelOf,
  checkPapers,
  instantOf,
  onDuplicateKey,
  procedureAt,
  receivePayload,
  receptionInputs,
  refusal,
} from './reception';
import * as store from './store';
import { stepIdOf } from './view';

export const actionBody = z.strictObject({
  type: z.enum(dossierActionTypes, { message: 'Loại thao tác hồ sơ không hợp lệ.' }),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** When the action happened, if earlier than now (a paper step recorded afterwards); never in the future. */
  at: z.string().max(40).optional(),
});
export type ActionBody = z.infer<typeof actionBody>;

/** The outcome; `state` is the folded state after the action (absent for a replay, which reads it back). */
export interface ActResult {
  id: string;
  replayed: boolean;
  version?: number;
  state?: DossierState;
}

export interface ActionDeps {
  cache: CalendarCache;
  /** Resolves an uploaded result file (attachments context) to the URL and SHA-256 stored with the result. */
  resultFile?: (
    db: Db,
    dossierId: string,
    attachmentId: string,
  ) => Promise<{ url: string; sha256: string } | undefined>;
}

const FUTURE_TOLERANCE_MS = 60_000;

export async function act(
  ctx: RequestContext,
  deps: ActionDeps,
  dossierId: string,
  expectedVersion: number,
  actionId: string,
  body: ActionBody,
): Promise<ActResult> {
  const actor = requireActor(ctx);
  const owner = await store.actionOwner(ctx.db, actionId);
  if (owner === dossierId) return { id: dossierId, replayed: true };
  if (owner)
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'headers.idempotency-key', message: 'Mã thao tác này đã dùng cho một hồ sơ khác.' },
    ]);

  const row = await store.findDossier(ctx.db, dossierId);
  const reach = await requireVisible(ctx, row);
  const current = row!;
  const role = roleForAction(reach, current.stateJson, body.type, body.payload) ?? reach.roles[0];
  // Seen only through a sub-dossier and not returning its result: the dossier's own unit acts, not the coordinator.
  if (!role) throw new DomainError('DOSSIER_ROLE_NOT_ALLOWED');
  const at = instantOf(body.at, 'body.at');
  if (at > Date.now() + FUTURE_TOLERANCE_MS)
    throw new DomainError('VALIDATION_FAILED', [{ field: 'body.at', message: 'Thời điểm không được ở tương lai.' }]);

  const prepared = await prepare(ctx, deps, current, body.type, body.payload, at);
  const uc = await deps.cache.get(current.unitId);

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const locked = (await store.lockDossier(trx, dossierId))!;
      if (locked.version !== expectedVersion) throw new DomainError('DOSSIER_VERSION_CONFLICT', [], undefined);
      const payload = prepared.receive
        ? {
            ...(await receivePayload(trx, { ...prepared.receive, unitId: locked.unitId, at, channel: 'ONLINE' })),
            ...prepared.payload,
          }
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
      await store.appendAction(trx, dossierId, version, action, at);
      await store.updateProjection(trx, dossierId, version, r.next, {
        ...(body.type === 'RECEIVE' ? { receivedBy: actor.userId } : {}),
        ...(prepared.papers ? { papers: prepared.papers } : {}),
      });
      await enqueueDossierNotifications(trx, {
        dossierId,
        code: r.next.dossierCode,
        unitId: locked.unitId,
        unitName: locked.unitName,
        procedureCode: locked.procedureCode,
        procedureName: locked.procedureName ?? locked.procedureCode,
        applicant: locked.applicant,
        state: r.next,
        events: r.events,
        ...(prepared.assignee ? { internalRecipients: [prepared.assignee] } : {}),
      });
      return { id: dossierId, replayed: false, version, state: r.next };
    });
  } catch (e) {
    const again = await onDuplicateKey(ctx, actionId, e);
    return { id: again.id, replayed: true };
  }
}

interface Prepared {
  payload: Record<string, unknown>;
  receive?: Omit<Parameters<typeof receivePayload>[1], 'unitId' | 'at' | 'channel'>;
  papers?: store.Paper[];
  assignee?: { userId: string; email: string | null; name: string };
}

/** What the server adds to a caller's payload: reception data, the process step, the result file. */
async function prepare(
  ctx: RequestContext,
  deps: ActionDeps,
  row: store.DossierRow,
  type: DossierActionType,
  payload: Record<string, unknown>,
  at: number,
): Promise<Prepared> {
  switch (type) {
    case 'RECEIVE': {
      // The officer sends only the checklist; the code, rules and due date are the server's.
      const { procedure, version } = await procedureAt(ctx.db, row.procedureCode, row.unitId, localDateOf(at));
      const ticked = Array.isArray(payload.papers)
        ? (payload.papers as { index: number; provided: boolean }[])
        : undefined;
      const papers = checkPapers(version, ticked);
      const inputs = await receptionInputs(deps.cache, ctx.db, row.unitId, version, 'ONLINE');
      const { papers: _ignored, ...rest } = payload;
      return {
        payload: rest,
        receive: {
          unitCode: inputs.unitCode,
          procedureCode: procedure.code,
          version,
          timeLimit: inputs.timeLimit,
          uc: inputs.uc,
        },
        papers,
      };
    }
    case 'ASSIGN':
      return prepareAssign(ctx, row, payload);
    case 'SEND_TO_COORDINATING_BODY': {
      const body = payload.coordinatingBodyId;
      const exists = typeof body === 'string' && /^[0-9a-f-]{36}$/i.test(body) && (await store.unitCode(ctx.db, body));
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
          ? await deps.resultFile(ctx.db, row.id, attachmentId)
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
async function prepareAssign(
  ctx: RequestContext,
  row: store.DossierRow,
  payload: Record<string, unknown>,
): Promise<Prepared> {
  const assigneeId = payload.assigneeUserId;
  if (typeof assigneeId !== 'string' || !/^[0-9a-f-]{36}$/i.test(assigneeId))
    throw new DomainError('DOSSIER_PAYLOAD_INVALID', [
      { field: 'body.payload.assigneeUserId', message: 'Phải chọn người được giao xử lý.' },
    ]);
  const user = await store.userContact(ctx.db, assigneeId);
  const grants = user?.active ? ((await grantsOf(ctx.db, [assigneeId])).get(assigneeId) ?? []) : [];
  const path = await ancestorPath(ctx.db, row.unitId);
  if (!user || !isAllowed({ userId: user.id, username: '', grants }, 'dossiers.process', path))
    throw new DomainError('DOSSIER_ASSIGNEE_INVALID', [
      { field: 'body.payload.assigneeUserId', message: 'Người này không xử lý hồ sơ tại đơn vị.' },
    ]);
  let extra: Record<string, unknown> = {};
  if (row.procedureVersionId) {
    const process = await store.approvedProcess(
      ctx.db,
      row.procedureVersionId,
      row.unitId,
      catalogChannelOf(row.channel),
    );
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
