import { z } from 'zod';
import { DomainError, scopesFor, type FieldError } from '@motcua/domain';
import {
  CalendarError,
  HOLIDAY_OCCASIONS,
  calendarErrorMessages,
  computeDue,
  dueQueryToRequest,
  formatInstantVN,
  formatLocalDate,
  officialReceiptTime,
  parseInstant,
  parseLocalDate,
  scheduleEntrySchema,
  validateOfficeHours,
  weekdayOf,
  type DueQuery,
  type ScheduleEntry,
} from '@motcua/domain/calendar/index';
import type {
  EntryCreateBody,
  EntryPatchBody,
  SettingsBody,
  entryView as entryViewSchema,
} from '@motcua/domain/schemas/calendar';
import type { RequestContext } from '../platform/context';
import type { Db } from '../platform/db';
import { recordAudit } from '../audit/service';
import { requireOnUnit, requireOnUnitOr404, requireSomewhere } from '../access/guard';
import { ancestorPath } from '../units/store';
import type { CalendarCache, UnitCalendar } from './cache';
import { WEEKDAY_VI, explainDue } from './explain';
import * as store from './store';

const uuid = z.uuid();

function unitIdOrError(unitId: string | undefined, field = 'query.unitId'): string | undefined {
  if (unitId === undefined) return undefined;
  if (!uuid.safeParse(unitId).success)
    throw new DomainError('VALIDATION_FAILED', [{ field, message: 'Mã đơn vị không hợp lệ (UUID).' }]);
  return unitId;
}

function calendarProblem(e: CalendarError, field: string): DomainError {
  return new DomainError('CALENDAR_INVALID_INPUT', [{ field, message: calendarErrorMessages[e.code].vi }]);
}

// ---------------------------------------------------------------------------------------------------------
// Due dates (public)

export async function due(cache: CalendarCache, query: DueQuery) {
  const unitId = unitIdOrError(query.unitId);
  const req = dueQueryToRequest(query);
  const uc = await cache.get(unitId);
  const options = { ...req.options, dueTimeMode: req.options.dueTimeMode ?? uc.dueTimeMode };
  try {
    const result = computeDue(uc.calendar, req.start, req.duration, options);
    const receipt = officialReceiptTime(uc.calendar, req.start, { cutoffTime: options.cutoffTime ?? null });
    return {
      submittedAt: formatInstantVN(result.receivedAt),
      receivedAt: result.officialStartIso,
      due: result.dueAtIso,
      dueDate: result.dueDate,
      duration: { value: result.duration.value, unit: query.unit },
      mode: result.dueTimeMode === 'SAME_TIME' ? ('same_time' as const) : ('end_of_day' as const),
      cutoff: options.cutoffTime ?? null,
      unitId: uc.unitId,
      receptionOpen: receipt.reception !== 'CLOSED',
      explanation: explainDue({ cal: uc.calendar, receipt, result, cutoff: options.cutoffTime ?? null }),
    };
  } catch (e) {
    if (!(e instanceof CalendarError)) throw e;
    let field = 'query';
    if (e.code === 'CALENDAR_INVALID_INSTANT') field = 'query.start';
    else if (e.code === 'CALENDAR_INVALID_TIME') field = 'query.cutoff';
    else if (e.code === 'CALENDAR_INVALID_DURATION') field = 'query.amount';
    else if (e.code === 'CALENDAR_OUT_OF_RANGE') {
      const y = Number(formatInstantVN(parseInstant(req.start)).slice(0, 4));
      field = y < uc.calendar.fromYear || y > uc.calendar.toYear ? 'query.start' : 'query.amount';
    }
    throw calendarProblem(e, field);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Entries as shown by the API

/** An entry as the API answers it (the schema the routes serialise with). */
export type EntryView = z.infer<typeof entryViewSchema>;

export function rowView(r: store.EntryRow, applied = r.confirmed): EntryView {
  return {
    id: r.id,
    date: r.date,
    weekday: weekdayOf(r.date),
    type: r.type,
    name: r.name,
    scope: { level: r.scopeLevel, unitIds: r.scopeUnitIds, provinceCodes: r.provinceCodes },
    legalBasis: r.legalBasisNo ? { documentNo: r.legalBasisNo, date: r.legalBasisDate } : null,
    source: r.source,
    pairedDate: r.pairedDate,
    occasion: r.occasion,
    confirmed: r.confirmed,
    origin: r.origin,
    applied,
    version: r.version,
    updatedAt: r.updatedAt.toISOString(),
  };
}

function entryView(uc: UnitCalendar, e: ScheduleEntry): EntryView {
  const row = uc.rowFor(e);
  if (row) return rowView(row, true);
  return {
    id: null,
    date: e.date,
    weekday: weekdayOf(e.date),
    type: e.type,
    name: e.name,
    scope: { level: 'NATIONAL', unitIds: [], provinceCodes: [] },
    legalBasis: null,
    source: e.source ?? null,
    pairedDate: e.pairedDate ?? null,
    occasion: e.occasion ?? null,
    confirmed: true,
    origin: 'DEFAULT',
    applied: true,
    version: null,
    updatedAt: null,
  };
}

/** Non-working weekdays, weekend days with an entry, make-up working days and proposals of one year. */
export async function year(cache: CalendarCache, y: number, unitIdParam?: string) {
  const unitId = unitIdOrError(unitIdParam);
  const uc = await cache.get(unitId);
  const cal = uc.calendar;
  const first = parseLocalDate(`${y}-01-01`);
  const last = parseLocalDate(`${y}-12-31`);
  const nonWorkingDays = [];
  const addedWorkingDays = [];
  for (let day = first; day <= last; day++) {
    const info = cal.dayInfo(formatLocalDate(day));
    const weekend = info.weekday >= 6;
    const day_ = { date: info.date, weekday: info.weekday, weekdayName: WEEKDAY_VI[info.weekday]! };
    if (!info.working && (!weekend || info.entries.length > 0)) {
      nonWorkingDays.push({
        ...day_,
        reasons: info.entries.filter((e) => e.type !== 'SWAP_WORKDAY').map((e) => entryView(uc, e)),
      });
    } else if (info.working && weekend) {
      addedWorkingDays.push({
        ...day_,
        reasons: info.entries.filter((e) => e.type === 'SWAP_WORKDAY').map((e) => entryView(uc, e)),
      });
    }
  }
  const decided = uc.coverage.find((c) => c.year === y)?.decidedOccasions ?? [];
  return {
    year: y,
    unitId: uc.unitId,
    workingDayCount: cal.workingDaysBetween(`${y}-01-01`, `${y}-12-31`),
    decidedOccasions: decided,
    defaultOccasions: HOLIDAY_OCCASIONS.filter((o) => !decided.includes(o)),
    nonWorkingDays,
    addedWorkingDays,
    proposals: uc.proposals.filter((r) => r.date.startsWith(`${y}-`)).map((r) => rowView(r, false)),
  };
}

// ---------------------------------------------------------------------------------------------------------
// Administration

function actorOf(ctx: RequestContext) {
  return { userId: ctx.actor!.userId, name: ctx.actorName };
}

/** National and province entries need calendar.write on a root unit with its subtree. */
async function requireRootAdmin(ctx: RequestContext) {
  const actor = requireSomewhere(ctx, 'calendar.write');
  for (const g of scopesFor(actor, 'calendar.write')) {
    if (g.includeSubtree && (await ancestorPath(ctx.db, g.unitId)).length === 1) return;
  }
  throw new DomainError('FORBIDDEN');
}

async function requireScope(ctx: RequestContext, scope: { level: store.ScopeLevel; unitIds: string[] }, field: string) {
  requireSomewhere(ctx, 'calendar.write');
  const ids = [...new Set(scope.unitIds)];
  const errors: FieldError[] = [];
  ids.forEach((id, i) => {
    if (!uuid.safeParse(id).success)
      errors.push({ field: `${field}.unitIds.${i}`, message: 'Mã đơn vị không hợp lệ (UUID).' });
  });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors);
  const found = await store.existingUnits(ctx.db, ids);
  ids.forEach((id, i) => {
    if (!found.has(id)) errors.push({ field: `${field}.unitIds.${i}`, message: 'Không tìm thấy đơn vị.' });
  });
  if (errors.length) throw new DomainError('VALIDATION_FAILED', errors);
  if (scope.level === 'UNIT') for (const id of ids) await requireOnUnit(ctx, 'calendar.write', id);
  else await requireRootAdmin(ctx);
}

function zodFields(error: z.ZodError, prefix: string): FieldError[] {
  return error.issues.map((i) => ({ field: [prefix, ...i.path.map(String)].join('.'), message: i.message }));
}

function valuesFrom(e: z.infer<typeof scheduleEntrySchema>, origin: 'OFFICIAL' | 'ADMIN'): store.EntryValues {
  const level = e.scope?.level ?? 'NATIONAL';
  return {
    scopeLevel: level,
    scopeUnitIds: level === 'NATIONAL' ? [] : [...new Set(e.scope?.unitIds ?? [])],
    provinceCodes: level === 'PROVINCE' ? [...new Set(e.scope?.provinceCodes ?? [])] : [],
    type: e.type,
    date: e.date,
    name: e.name,
    legalBasisNo: e.legalBasis?.documentNo ?? null,
    legalBasisDate: e.legalBasis?.date ?? null,
    source: e.source ?? null,
    pairedDate: e.pairedDate ?? null,
    occasion: e.occasion ?? null,
    confirmed: e.confirmed ?? true,
    origin,
    publishedAt: e.publishedAt ? new Date(e.publishedAt) : null,
  };
}

function describe(v: Pick<store.EntryValues, 'type' | 'date' | 'name' | 'legalBasisNo' | 'confirmed'>): string {
  return `${v.type} ${v.date} “${v.name}”${v.legalBasisNo ? ` (${v.legalBasisNo})` : ''}${v.confirmed ? '' : ' [đề xuất]'}`;
}

async function afterEdit(trx: Db, v: store.EntryValues) {
  if (v.confirmed && v.scopeLevel === 'NATIONAL' && v.occasion)
    await store.addCoverage(trx, Number(v.date.slice(0, 4)), [v.occasion]);
  await store.bumpRevision(trx);
}

export async function listEntries(ctx: RequestContext, query: { year?: number }) {
  requireSomewhere(ctx, 'calendar.write');
  const rows = await store.listEntries(ctx.db, query);
  return { items: rows.map((r) => rowView(r)) };
}

export async function getEntry(ctx: RequestContext, id: string) {
  requireSomewhere(ctx, 'calendar.write');
  const row = await store.findEntry(ctx.db, id);
  if (!row) throw new DomainError('NOT_FOUND');
  return rowView(row);
}

export async function createEntry(ctx: RequestContext, cache: CalendarCache, input: EntryCreateBody) {
  const { reason, ...entry } = input;
  const v = valuesFrom(entry, 'ADMIN');
  await requireScope(ctx, { level: v.scopeLevel, unitIds: v.scopeUnitIds }, 'body.scope');
  const created = await ctx.db.transaction().execute(async (trx) => {
    const row = await store.insertEntry(trx, v);
    await afterEdit(trx, v);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: v.scopeLevel === 'UNIT' ? (v.scopeUnitIds[0] ?? null) : null,
      action: 'calendar.entry.create',
      entityType: 'calendar_entry',
      entityId: row.id,
      after: rowView(row),
      summary: `Thêm ngày ${describe(v)}${reason ? ` — ${reason}` : ''}`,
      requestId: ctx.requestId,
    });
    return row;
  });
  cache.invalidate();
  return rowView(created);
}

export async function updateEntry(
  ctx: RequestContext,
  cache: CalendarCache,
  id: string,
  expectedVersion: number,
  input: EntryPatchBody,
) {
  requireSomewhere(ctx, 'calendar.write');
  const current = await store.findEntry(ctx.db, id);
  if (!current) throw new DomainError('NOT_FOUND');
  await requireScope(ctx, { level: current.scopeLevel, unitIds: current.scopeUnitIds }, 'body.scope');
  const { reason, ...patch } = input;
  const pick = <T>(p: T | null | undefined, c: T | null): T | undefined => (p === undefined ? c : p) ?? undefined;
  const merged = {
    date: patch.date ?? current.date,
    type: patch.type ?? current.type,
    name: patch.name ?? current.name,
    scope: patch.scope ?? {
      level: current.scopeLevel,
      unitIds: current.scopeUnitIds,
      provinceCodes: current.provinceCodes,
    },
    // a shipped entry may have a document number without a parsed date: validate with the entry's date
    legalBasis:
      patch.legalBasis ??
      (current.legalBasisNo
        ? { documentNo: current.legalBasisNo, date: current.legalBasisDate ?? current.date }
        : undefined),
    source: pick(patch.source, current.source),
    pairedDate: pick(patch.pairedDate, current.pairedDate),
    occasion: pick(patch.occasion, current.occasion),
    confirmed: patch.confirmed ?? current.confirmed,
  };
  const parsed = scheduleEntrySchema.safeParse(merged);
  if (!parsed.success) throw new DomainError('VALIDATION_FAILED', zodFields(parsed.error, 'body'));
  if (!current.confirmed && parsed.data.confirmed && !patch.legalBasis && !current.legalBasisNo) {
    throw new DomainError('VALIDATION_FAILED', [
      {
        field: 'body.legalBasis',
        message: 'Xác nhận một đề xuất cần căn cứ pháp lý: số hiệu và ngày của văn bản quyết định.',
      },
    ]);
  }
  const next = valuesFrom(parsed.data, current.origin);
  // Keep a shipped entry's exact legal-basis date when only other fields change.
  if (patch.legalBasis === undefined) next.legalBasisDate = current.legalBasisDate;
  next.publishedAt = current.publishedAt;
  if (patch.scope) await requireScope(ctx, { level: next.scopeLevel, unitIds: next.scopeUnitIds }, 'body.scope');
  const after = await ctx.db.transaction().execute(async (trx) => {
    const before = await store.lockEntry(trx, id);
    if (!before) throw new DomainError('NOT_FOUND');
    if (before.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    const updated = await store.updateEntry(trx, id, next);
    await afterEdit(trx, next);
    const confirming = !before.confirmed && updated.confirmed;
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: next.scopeLevel === 'UNIT' ? (next.scopeUnitIds[0] ?? null) : null,
      action: confirming ? 'calendar.entry.confirm' : 'calendar.entry.update',
      entityType: 'calendar_entry',
      entityId: id,
      before: rowView(before),
      after: rowView(updated),
      summary: `${confirming ? 'Xác nhận đề xuất, áp dụng' : 'Sửa'} ngày ${describe(next)} — ${reason}`,
      requestId: ctx.requestId,
    });
    return updated;
  });
  cache.invalidate();
  return rowView(after);
}

export async function deleteEntry(
  ctx: RequestContext,
  cache: CalendarCache,
  id: string,
  expectedVersion: number,
  reason: string,
) {
  requireSomewhere(ctx, 'calendar.write');
  const current = await store.findEntry(ctx.db, id);
  if (!current) throw new DomainError('NOT_FOUND');
  await requireScope(ctx, { level: current.scopeLevel, unitIds: current.scopeUnitIds }, 'query.scope');
  await ctx.db.transaction().execute(async (trx) => {
    const before = await store.lockEntry(trx, id);
    if (!before) throw new DomainError('NOT_FOUND');
    if (before.version !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    await store.deleteEntry(trx, id);
    await store.bumpRevision(trx);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId: before.scopeLevel === 'UNIT' ? (before.scopeUnitIds[0] ?? null) : null,
      action: 'calendar.entry.delete',
      entityType: 'calendar_entry',
      entityId: id,
      before: rowView(before),
      summary: `Xóa ngày ${describe(before)} — ${reason}`,
      requestId: ctx.requestId,
    });
  });
  cache.invalidate();
}

// ---------------------------------------------------------------------------------------------------------
// Unit settings

async function settingsView(ctx: RequestContext, cache: CalendarCache, unitId: string) {
  const own = (await store.settingsFor(ctx.db, [unitId]))[0];
  const uc = await cache.get(unitId);
  return {
    unitId,
    version: own?.version ?? 0,
    officeHours: own?.officeHours ?? null,
    saturdayReception: own?.saturdayReception ?? null,
    dueTimeMode: own?.dueTimeMode ?? null,
    effective: {
      officeHours: [...uc.officeHours],
      officeHoursFrom: uc.officeHoursFrom,
      saturdayReception: [...uc.saturdayReception],
      dueTimeMode: uc.dueTimeMode,
    },
  };
}

export async function getSettings(ctx: RequestContext, cache: CalendarCache, unitId: string) {
  await requireOnUnitOr404(ctx, 'calendar.write', unitId);
  return settingsView(ctx, cache, unitId);
}

export async function putSettings(
  ctx: RequestContext,
  cache: CalendarCache,
  unitId: string,
  expectedVersion: number,
  input: SettingsBody,
) {
  await requireOnUnitOr404(ctx, 'calendar.write', unitId);
  if (input.officeHours) {
    try {
      validateOfficeHours(input.officeHours);
    } catch (e) {
      if (e instanceof CalendarError) throw calendarProblem(e, 'body.officeHours');
      throw e;
    }
  }
  if (
    input.saturdayReception &&
    new Set(input.saturdayReception.map((s) => s.effectiveFrom)).size !== input.saturdayReception.length
  ) {
    throw new DomainError('VALIDATION_FAILED', [
      { field: 'body.saturdayReception', message: 'Hai phiên bản không được cùng ngày hiệu lực.' },
    ]);
  }
  await ctx.db.transaction().execute(async (trx) => {
    const before = await store.lockSettings(trx, unitId);
    if ((before?.version ?? 0) !== expectedVersion) throw new DomainError('PRECONDITION_FAILED');
    const after = await store.upsertSettings(trx, unitId, {
      officeHours: input.officeHours ?? null,
      saturdayReception: input.saturdayReception ?? null,
      dueTimeMode: input.dueTimeMode ?? null,
    });
    await store.bumpRevision(trx);
    await recordAudit(trx, {
      actor: actorOf(ctx),
      unitId,
      action: 'calendar.settings.update',
      entityType: 'calendar_unit_settings',
      entityId: unitId,
      before: before ?? null,
      after,
      summary: `Cập nhật giờ làm việc / tiếp nhận thứ Bảy — ${input.reason}`,
      requestId: ctx.requestId,
    });
  });
  cache.invalidate();
  return settingsView(ctx, cache, unitId);
}
