import { api, request } from './client';
import type { IsoDate } from './types';

export type DueUnit = 'working_days' | 'working_hours' | 'calendar_days' | 'same_day';
export const DUE_UNITS: DueUnit[] = ['working_days', 'working_hours', 'calendar_days', 'same_day'];

export interface DueQuery {
  /** ISO-8601 with offset, e.g. 2026-04-25T09:40:00+07:00 */
  start: string;
  amount: number;
  unit: DueUnit;
  mode?: 'same_time' | 'end_of_day';
  cutoff?: string;
  unitId?: string;
}

export interface DueResult {
  submittedAt: string;
  receivedAt: string;
  due: string;
  dueDate: IsoDate;
  duration: { value: number; unit: DueUnit };
  mode: 'same_time' | 'end_of_day';
  cutoff: string | null;
  unitId: string | null;
  receptionOpen: boolean;
  explanation: string[];
}

export const ENTRY_TYPES = [
  'PUBLIC_HOLIDAY',
  'COMPENSATORY_DAY_OFF',
  'SWAP_DAY_OFF',
  'SWAP_WORKDAY',
  'LOCAL_CLOSURE',
] as const;
export type CalendarEntryType = (typeof ENTRY_TYPES)[number];
export type ScopeLevel = 'NATIONAL' | 'PROVINCE' | 'UNIT';

export interface CalendarEntry {
  /** null: a default holiday computed from the Labour Code (no notice loaded for the year). */
  id: string | null;
  date: IsoDate;
  weekday: number;
  type: CalendarEntryType;
  name: string;
  scope: { level: ScopeLevel; unitIds: string[]; provinceCodes: string[] };
  legalBasis: { documentNo: string; date: IsoDate | null } | null;
  source: string | null;
  pairedDate: IsoDate | null;
  occasion: string | null;
  confirmed: boolean;
  origin: 'OFFICIAL' | 'ADMIN' | 'DEFAULT';
  applied: boolean;
  version: number | null;
  updatedAt: string | null;
}

export interface CalendarDay {
  date: IsoDate;
  weekday: number;
  weekdayName: string;
  reasons: CalendarEntry[];
}

export interface CalendarYear {
  year: number;
  unitId: string | null;
  workingDayCount: number;
  decidedOccasions: string[];
  defaultOccasions: string[];
  nonWorkingDays: CalendarDay[];
  addedWorkingDays: CalendarDay[];
  proposals: CalendarEntry[];
}

export interface EntryInput {
  date: IsoDate;
  type: CalendarEntryType;
  name: string;
  scope?: { level: ScopeLevel; unitIds?: string[]; provinceCodes?: string[] };
  legalBasis: { documentNo: string; date: IsoDate };
  source?: string;
  pairedDate?: IsoDate;
  confirmed?: boolean;
  reason?: string;
}

export type EntryPatch = Partial<Omit<EntryInput, 'pairedDate' | 'source'>> & {
  pairedDate?: IsoDate | null;
  source?: string | null;
  reason: string;
};

export interface TimeSpan {
  start: string;
  end: string;
}
export interface OfficeHoursVersion {
  effectiveFrom: IsoDate;
  intervals: TimeSpan[];
  weekdayOverrides?: { weekday: number; intervals: TimeSpan[] }[];
  dateOverrides?: { date: IsoDate; intervals: TimeSpan[] }[];
}
export interface SaturdayReceptionVersion {
  effectiveFrom: IsoDate;
  enabled: boolean;
  intervals: TimeSpan[];
  openAdjacentToHolidays?: boolean;
}
export type DueTimeMode = 'SAME_TIME' | 'END_OF_DAY';
export interface UnitSettings {
  unitId: string;
  version: number;
  officeHours: OfficeHoursVersion[] | null;
  saturdayReception: SaturdayReceptionVersion[] | null;
  dueTimeMode: DueTimeMode | null;
  effective: {
    officeHours: OfficeHoursVersion[];
    officeHoursFrom: string | null;
    saturdayReception: SaturdayReceptionVersion[];
    dueTimeMode: DueTimeMode;
  };
}
export interface UnitSettingsInput {
  officeHours: OfficeHoursVersion[] | null;
  saturdayReception: SaturdayReceptionVersion[] | null;
  dueTimeMode?: DueTimeMode | null;
  reason: string;
}

const enc = encodeURIComponent;
const ifMatch = (v: number) => ({ 'if-match': `"${v}"` });

export const calendarApi = {
  due: (q: DueQuery, signal?: AbortSignal) => api.get<DueResult>('/calendar/due', { ...q }, signal),
  year: (year: number, unitId?: string, signal?: AbortSignal) =>
    api.get<CalendarYear>(`/calendar/${year}`, { unitId }, signal),
  entries: (year: number, signal?: AbortSignal) =>
    api.get<{ items: CalendarEntry[] }>('/calendar/entries', { year }, signal),
  create: (body: EntryInput) => api.post<CalendarEntry>('/calendar/entries', body),
  update: (id: string, version: number, patch: EntryPatch) =>
    api.patch<CalendarEntry>(`/calendar/entries/${enc(id)}`, patch, ifMatch(version)),
  remove: (id: string, version: number, reason: string) =>
    request<void>('DELETE', `/calendar/entries/${enc(id)}`, { query: { reason }, headers: ifMatch(version) }),
  settings: (unitId: string) => api.get<UnitSettings>(`/calendar/units/${enc(unitId)}/settings`),
  putSettings: (unitId: string, version: number, body: UnitSettingsInput) =>
    request<UnitSettings>('PUT', `/calendar/units/${enc(unitId)}/settings`, { body, headers: ifMatch(version) }),
};
