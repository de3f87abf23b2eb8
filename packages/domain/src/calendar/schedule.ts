/**
 * The official yearly schedules (data) and their merge with the statutory
 * defaults. The notice always wins for the occasions it decides.
 */
import data from './data/holidays-vn.json' with { type: 'json' };
import { CalendarError } from './errors.js';
import { civilFromDays, isValidLocalDate, parseLocalDate } from './localTime.js';
import { defaultHolidayEntries, type HolidayRuleOptions } from './rules.js';
import {
  CALENDAR_ENTRY_TYPES,
  HOLIDAY_OCCASIONS,
  type CalendarEntryType,
  type HolidayOccasion,
  type ScheduleEntry,
  type YearCoverage,
} from './types.js';

function loadShipped(): ScheduleEntry[] {
  return data.entries.map((e, i) => {
    if (!isValidLocalDate(e.date) || !(CALENDAR_ENTRY_TYPES as readonly string[]).includes(e.type)) {
      throw new CalendarError('CALENDAR_INVALID_DATE', `holidays-vn.json entry ${i} is malformed`);
    }
    return Object.freeze({
      date: e.date,
      type: e.type as CalendarEntryType,
      name: e.name,
      source: e.source,
      confirmed: e.confirmed,
      origin: 'OFFICIAL' as const,
    });
  });
}

/** Official national days off and make-up days 2024–2027 (shipped copy of holidays-vn.json). */
export const OFFICIAL_SCHEDULE_VN: readonly ScheduleEntry[] = Object.freeze(loadShipped());

/**
 * What the shipped notices decide. 2027: only days fixed by law are known
 * (Tết 2027 and the second National Day day are not yet decided), so those
 * two occasions keep their statutory defaults until the notice is loaded.
 */
export const OFFICIAL_COVERAGE_VN: readonly YearCoverage[] = Object.freeze([
  { year: 2024, decidedOccasions: [...HOLIDAY_OCCASIONS] },
  { year: 2025, decidedOccasions: [...HOLIDAY_OCCASIONS] },
  { year: 2026, decidedOccasions: [...HOLIDAY_OCCASIONS] },
  { year: 2027, decidedOccasions: ['NEW_YEAR', 'HUNG_KINGS_DAY', 'VICTORY_DAY', 'LABOUR_DAY', 'VIETNAM_CULTURE_DAY'] },
]);

export interface ScopeContext {
  unitId?: string;
  provinceCode?: string;
}

export function entryApplies(e: ScheduleEntry, ctx: ScopeContext): boolean {
  const scope = e.scope;
  if (!scope || scope.level === 'NATIONAL') return true;
  if (scope.level === 'PROVINCE') {
    if (ctx.provinceCode !== undefined && scope.provinceCodes?.includes(ctx.provinceCode)) return true;
    return ctx.unitId !== undefined && (scope.unitIds?.includes(ctx.unitId) ?? false);
  }
  return ctx.unitId !== undefined && (scope.unitIds?.includes(ctx.unitId) ?? false);
}

/** Unconfirmed proposals are skipped: only an administrator's confirmation makes them law here. */
export function isApplicable(e: ScheduleEntry): boolean {
  return e.confirmed !== false;
}

const OFF_TYPES: ReadonlySet<CalendarEntryType> = new Set([
  'PUBLIC_HOLIDAY',
  'COMPENSATORY_DAY_OFF',
  'SWAP_DAY_OFF',
  'LOCAL_CLOSURE',
]);

export interface ResolveOptions extends ScopeContext {
  entries: readonly ScheduleEntry[];
  coverage: readonly YearCoverage[];
  useStatutoryDefaults: boolean;
  holidayRules: HolidayRuleOptions;
  fromYear: number;
  toYear: number;
}

/** Entries in effect per epoch day: applicable notices plus defaults for undecided occasions. */
export function resolveEntries(o: ResolveOptions): Map<number, ScheduleEntry[]> {
  const byDay = new Map<number, ScheduleEntry[]>();
  const offByYear = new Map<number, Set<number>>();
  const push = (day: number, e: ScheduleEntry): void => {
    const list = byDay.get(day);
    if (list) list.push(e);
    else byDay.set(day, [e]);
  };
  for (const e of o.entries) {
    if (!isApplicable(e) || !entryApplies(e, o)) continue;
    const day = parseLocalDate(e.date);
    push(day, e);
    if (OFF_TYPES.has(e.type)) {
      const y = civilFromDays(day).y;
      let s = offByYear.get(y);
      if (!s) offByYear.set(y, (s = new Set()));
      s.add(day);
    }
  }
  if (!o.useStatutoryDefaults) return byDay;
  const decidedByYear = new Map<number, Set<HolidayOccasion>>();
  for (const c of o.coverage) {
    let s = decidedByYear.get(c.year);
    if (!s) decidedByYear.set(c.year, (s = new Set()));
    for (const occ of c.decidedOccasions) s.add(occ);
  }
  for (let y = o.fromYear; y <= o.toYear; y++) {
    const defaults = defaultHolidayEntries(y, o.holidayRules, decidedByYear.get(y), offByYear.get(y));
    for (const e of defaults) push(parseLocalDate(e.date), e);
  }
  return byDay;
}
