// The working calendar: the public due-date tool, the year view, the admin's holidays, swaps and closures, and a
// unit's office hours and Saturday reception. The wire types are the server's own schemas
// (packages/domain/src/schemas/calendar.ts), imported as types only, so no domain or zod code reaches the bundle.
import type * as schemas from '@motcua/domain/schemas/calendar';
import { api, request } from './client';
import type { In, Out } from './schemaTypes';

/** GET /calendar/due: the query as the server reads it (amount given, unset options left out). */
export type DueQuery = Out<typeof schemas.dueQuery>;
export type DueResult = Out<typeof schemas.dueResponse>;
export type DueUnit = DueQuery['unit'];
export const DUE_UNITS: DueUnit[] = ['working_days', 'working_hours', 'calendar_days', 'same_day'];

export type CalendarEntry = Out<typeof schemas.entryView>;
export type CalendarEntryType = CalendarEntry['type'];
export type ScopeLevel = CalendarEntry['scope']['level'];
export const ENTRY_TYPES = [
  'PUBLIC_HOLIDAY',
  'COMPENSATORY_DAY_OFF',
  'SWAP_DAY_OFF',
  'SWAP_WORKDAY',
  'LOCAL_CLOSURE',
] as const satisfies readonly CalendarEntryType[];

export type CalendarYear = Out<typeof schemas.yearResponse>;
export type CalendarDay = CalendarYear['nonWorkingDays'][number];

export type EntryInput = In<typeof schemas.entryCreateBody>;
export type EntryPatch = In<typeof schemas.entryPatchBody>;

export type UnitSettings = Out<typeof schemas.settingsResponse>;
export type UnitSettingsInput = In<typeof schemas.settingsBody>;
export type OfficeHoursVersion = UnitSettings['effective']['officeHours'][number];
export type SaturdayReceptionVersion = UnitSettings['effective']['saturdayReception'][number];
export type TimeSpan = OfficeHoursVersion['intervals'][number];
export type DueTimeMode = UnitSettings['effective']['dueTimeMode'];

const enc = encodeURIComponent;
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

export const calendarApi = {
  due: (q: DueQuery, signal?: AbortSignal) => api.get<DueResult>('/calendar/due', { ...q }, signal),
  year: (year: number, unitId?: string, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/calendar/${year}`, { unitId }, signal),
  entries: (year: number, signal?: AbortSignal) =>
    api.get<Out<typeof schemas.entryList>>('/calendar/entries', { year }, signal),
  create: (body: EntryInput) => api.post<CalendarEntry>('/calendar/entries', body),
  update: (id: string, version: number, patch: EntryPatch) =>
    api.patch<CalendarEntry>(`/calendar/entries/${enc(id)}`, patch, ifMatch(version)),
  remove: (id: string, version: number, reason: string) =>
    request<void>('DELETE', `/calendar/entries/${enc(id)}`, { query: { reason }, headers: ifMatch(version) }),
  settings: (unitId: string) => api.get<UnitSettings>(`/calendar/units/${enc(unitId)}/settings`),
  putSettings: (unitId: string, version: number, body: UnitSettingsInput) =>
    request<UnitSettings>('PUT', `/calendar/units/${enc(unitId)}/settings`, { body, headers: ifMatch(version) }),
};
