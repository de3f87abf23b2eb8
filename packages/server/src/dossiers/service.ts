import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { DomainError, legalTimeOf, type ErrorCode } from '@motcua/domain';
import { formatInstantVN, localDateOf, parseInstant, type Duration } from '@motcua/domain/calendar/index';
import {
  decide,
  foldDossier,
  formatDossierCode,
  initialDossierState,
  nationalStatusNames,
  type DossierAction,
  type DossierState,
} from '@motcua/domain/dossier/index';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { requireOnUnit, requireOnUnitOr404, requireSomewhere } from '../access/guard';
import { recordAudit } from '../audit/service';
import type { CalendarCache } from '../calendar/cache';
import { findProcedure, versionById } from '../catalog/store';
import * as store from './store';

export const receiveBody = z.strictObject({
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ (UUID).' }),
  procedureCode: z.string().trim().min(1).max(40),
  channel: z.enum(['COUNTER', 'POSTAL'], { message: 'Kênh tiếp nhận phải là COUNTER hoặc POSTAL.' }),
  applicant: z.strictObject({
    name: z.string().trim().min(1, 'Phải nhập họ tên người nộp.').max(300),
    phone: z
      .string()
      .trim()
      .regex(/^\+?\d[\d .-]{6,18}\d$/, 'Số điện thoại không hợp lệ.')
      .optional(),
    idNumber: z
      .string()
      .trim()
      .regex(/^\d{9,12}$/, 'Số định danh cá nhân gồm 9 đến 12 chữ số.')
      .optional(),
  }),
  receivedAt: z.string().max(40).optional(),
});
export type ReceiveBody = z.infer<typeof receiveBody>;

const catalogChannel = { COUNTER: 'direct', POSTAL: 'postal' } as const;
const durationUnit: Record<string, Duration['unit'] | undefined> = {
  working_days: 'WORKING_DAYS',
  working_hours: 'WORKING_HOURS',
  calendar_days: 'CALENDAR_DAYS',
  same_day: 'SAME_DAY',
};
const excludedPeriodNames = new Set([
  'FINANCIAL_OBLIGATION',
  'CITIZEN_SUPPLEMENT',
  'FIELD_VERIFICATION',
  'PUBLIC_POSTING',
  'BOUNDARY_SIGNING',
]);

const iso = (ms: number | null) => (ms === null ? null : formatInstantVN(ms));
const last4 = (s: string | undefined) => {
  const digits = s?.replace(/\D/g, '') ?? '';
  return digits.length >= 4 ? digits.slice(-4) : null;
};

function view(row: store.DossierRow) {
  const s = row.stateJson;
  return {
    id: row.id,
    code: row.code,
    unitId: row.unitId,
    procedureCode: row.procedureCode,
    channel: row.channel,
    statusCode: row.statusCode,
    statusName: nationalStatusNames[row.statusCode as keyof typeof nationalStatusNames],
    applicant: { name: row.applicantName, phone: row.applicantPhone },
    receivedAt: iso(s.receivedAt),
    dueAt: iso(s.dueAt),
    version: row.version,
    state: s as unknown as Record<string, unknown>,
  };
}

function domainRefusal(code: string, fields?: { field: string; message: string }[], detail?: string): DomainError {
  return new DomainError(code as ErrorCode, fields ?? [], detail);
}

/** Counter (or postal) reception: one RECEIVE action, the code from the daily counter, all in one transaction. */
export async function receive(ctx: RequestContext, cache: CalendarCache, actionId: string, input: ReceiveBody) {
  requireSomewhere(ctx, 'dossiers.receive');
  await requireOnUnit(ctx, 'dossiers.receive', input.unitId);
  const actor = ctx.actor!;

  // A retry: the first result, nothing written.
  const existing = await store.dossierIdOfAction(ctx.db, actionId);
  if (existing) return { created: false, dossier: await getDossier(ctx, existing) };

  let at: number;
  try {
    at = input.receivedAt === undefined ? Date.now() : parseInstant(input.receivedAt);
  } catch {
    throw new DomainError('VALIDATION_FAILED', [{ field: 'body.receivedAt', message: 'Thời điểm không hợp lệ.' }]);
  }
  const localDate = localDateOf(at);
  const procedure = await findProcedure(ctx.db, input.procedureCode);
  const versionId = procedure && (await store.versionAtUnit(ctx.db, procedure.id, input.unitId, localDate));
  const version = versionId ? await versionById(ctx.db, versionId) : undefined;
  if (!procedure || !version)
    throw new DomainError('DOSSIER_PROCEDURE_NOT_AT_UNIT', [
      {
        field: 'body.procedureCode',
        message: `Thủ tục ${input.procedureCode} không áp dụng tại đơn vị vào ngày ${localDate}.`,
      },
    ]);
  const limit = legalTimeOf(version.content.methods, catalogChannel[input.channel]);
  const unit = limit ? durationUnit[limit.unit] : undefined;
  if (!limit || !unit)
    throw new DomainError('DOSSIER_TIME_LIMIT_UNSUPPORTED', [{ field: 'body.channel', message: 'Không có thời hạn.' }]);
  // Calendar and unit code before the transaction: inside it only the transaction's connection is used.
  const uc = await cache.get(input.unitId);
  const unitCode = (await store.unitCode(ctx.db, input.unitId))!;

  try {
    return await ctx.db.transaction().execute(async (trx) => {
      const seq = await store.nextSequence(trx, input.unitId, localDate);
      const code = formatDossierCode(unitCode, localDate, seq);
      if (!code.ok) throw domainRefusal(code.code);
      const action: DossierAction = {
        id: actionId,
        type: 'RECEIVE',
        actor: { userId: actor.userId, role: 'COUNTER_OFFICER', unitId: input.unitId },
        at,
        payload: {
          channel: input.channel,
          dossierCode: code.code,
          receivingUnitId: input.unitId,
          procedure: {
            procedureCode: procedure.code,
            procedureVersionId: version.id,
            timeLimit: { value: limit.value, unit },
            dueTimeMode: uc.dueTimeMode,
            cutoffTime: version.content.cutoffTime ?? null,
            supplementClockMode: version.content.supplementClockMode ?? null,
            excludedPeriods: (version.content.excludedPeriods ?? []).filter((p) => excludedPeriodNames.has(p)),
          },
        },
      };
      const r = decide(initialDossierState(), action, { calendar: uc.calendar });
      if (!r.ok) throw domainRefusal(r.code, r.fields, r.detail);
      const id = randomUUID();
      await store.insertDossier(trx, {
        id,
        code: code.code,
        unitId: input.unitId,
        procedureCode: procedure.code,
        procedureVersionId: version.id,
        applicantName: input.applicant.name,
        applicantPhone: input.applicant.phone ?? null,
        phoneLast4: last4(input.applicant.phone),
        idLast4: last4(input.applicant.idNumber),
        state: r.next,
      });
      await store.appendAction(trx, id, 1, action, at);
      await recordAudit(trx, {
        actor: { userId: actor.userId, name: ctx.actorName },
        unitId: input.unitId,
        action: 'dossier.receive',
        entityType: 'dossier',
        entityId: id,
        after: { code: code.code, procedureCode: procedure.code, state: r.next.state },
        summary: `Tiếp nhận hồ sơ ${code.code} (thủ tục ${procedure.code})`,
        requestId: ctx.requestId,
      });
      const row = (await store.findDossier(trx, id))!;
      return { created: true, dossier: view(row) };
    });
  } catch (e) {
    // The same key sent twice at once: the loser of the primary-key race returns the winner's dossier.
    if ((e as { code?: string }).code === '23505' && String((e as Error).message).includes('dossier_action_pkey')) {
      const winner = await store.dossierIdOfAction(ctx.db, actionId);
      if (winner) return { created: false, dossier: await getDossier(ctx, winner) };
    }
    throw e;
  }
}

export async function getDossier(ctx: RequestContext, id: string) {
  requireSomewhere(ctx, 'dossiers.read');
  const row = await store.findDossier(ctx.db, id);
  if (!row) throw new DomainError('NOT_FOUND');
  await requireOnUnitOr404(ctx, 'dossiers.read', row.unitId);
  return view(row);
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

/** Public tracking (§17): the same answer for an unknown code and for wrong digits. */
export async function publicLookup(db: Db, code: string, check: string) {
  const row = await store.findByCode(db, code);
  if (!row || !/^\d{4}$/.test(check) || (row.phoneLast4 !== check && row.idLast4 !== check))
    throw new DomainError('NOT_FOUND');
  const s = row.stateJson;
  return {
    code: row.code,
    procedureCode: row.procedureCode,
    state: s.state,
    statusCode: row.statusCode,
    statusName: nationalStatusNames[row.statusCode as keyof typeof nationalStatusNames],
    receivedAt: iso(s.receivedAt),
    appointmentAt: iso(s.rescheduledDueAt ?? s.dueAt),
    timeline: (await store.actionsOf(db, row.id)).map((a) => ({ type: a.type, at: formatInstantVN(a.at.getTime()) })),
  };
}
