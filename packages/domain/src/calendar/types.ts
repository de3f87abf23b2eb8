import type { LocalDate } from './localTime.js';

/** Kinds of calendar entries (spec §4.1). */
export type CalendarEntryType =
  'PUBLIC_HOLIDAY' | 'COMPENSATORY_DAY_OFF' | 'SWAP_DAY_OFF' | 'SWAP_WORKDAY' | 'LOCAL_CLOSURE';

export const CALENDAR_ENTRY_TYPES: readonly CalendarEntryType[] = [
  'PUBLIC_HOLIDAY',
  'COMPENSATORY_DAY_OFF',
  'SWAP_DAY_OFF',
  'SWAP_WORKDAY',
  'LOCAL_CLOSURE',
];

/** Statutory occasions; a yearly notice decides them one by one. */
export type HolidayOccasion =
  | 'NEW_YEAR'
  | 'LUNAR_NEW_YEAR'
  | 'HUNG_KINGS_DAY'
  | 'VICTORY_DAY'
  | 'LABOUR_DAY'
  | 'NATIONAL_DAY'
  | 'VIETNAM_CULTURE_DAY';

export const HOLIDAY_OCCASIONS: readonly HolidayOccasion[] = [
  'NEW_YEAR',
  'LUNAR_NEW_YEAR',
  'HUNG_KINGS_DAY',
  'VICTORY_DAY',
  'LABOUR_DAY',
  'NATIONAL_DAY',
  'VIETNAM_CULTURE_DAY',
];

export interface EntryScope {
  level: 'NATIONAL' | 'PROVINCE' | 'UNIT';
  /** For PROVINCE scope: province codes the entry applies to. */
  provinceCodes?: string[];
  /** For UNIT scope (and optionally PROVINCE): unit ids the entry applies to. */
  unitIds?: string[];
}

/** One day off or make-up working day, as published (or a statutory default). */
export interface ScheduleEntry {
  date: LocalDate;
  type: CalendarEntryType;
  name: string;
  /** Absent = NATIONAL. */
  scope?: EntryScope;
  legalBasis?: { documentNo: string; date: LocalDate };
  /** Free-text citation, as in the shipped data file. */
  source?: string;
  pairedDate?: LocalDate;
  publishedAt?: string;
  /** false = proposal; never applied until an administrator confirms it. Absent = confirmed. */
  confirmed?: boolean;
  occasion?: HolidayOccasion;
  /** 'DEFAULT' marks entries generated from the statutory rules rather than a notice. */
  origin?: 'OFFICIAL' | 'DEFAULT';
}

/**
 * Which occasions of a year the loaded notices decide. For those, statutory
 * defaults are dropped (the notice wins); the others keep their defaults.
 */
export interface YearCoverage {
  year: number;
  decidedOccasions: HolidayOccasion[];
}
