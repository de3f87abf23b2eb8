/**
 * Legal working-time engine: Vietnamese lunar calendar, statutory holidays,
 * official schedules, office hours and the deadline rules of
 * docs spec "deadlines-calendar". Pure: no I/O, no clock, no process TZ.
 * Instants are epoch ms (or Date / ISO strings on input); local dates are
 * 'YYYY-MM-DD' strings in Asia/Ho_Chi_Minh (UTC+7).
 */
export { CalendarError, isCalendarError, calendarErrorMessages, type CalendarErrorCode } from './errors.js';

/** Local-time helpers (fixed UTC+7). */
export {
  VN_OFFSET_MS,
  DAY_MS,
  HOUR_MS,
  MINUTE_MS,
  formatInstantVN,
  parseInstant,
  parseLocalDate,
  formatLocalDate,
  isValidLocalDate,
  parseLocalTime,
  formatLocalTime,
  localDateOf,
  dueDayInstant,
  localInstant,
  weekdayOf,
  addDays,
  type LocalDate,
  type LocalTime,
  type InstantInput,
} from './localTime.js';

/** Instants on the Vietnamese wall clock, due instants read as 24:00 of their last day. */
export { vnWallClock, formatVnDateTime, formatVnDate, dmy, hm, type VnWallClock } from './display.js';

/** Vietnamese lunar calendar (UTC+7). */
export {
  solarToLunar,
  lunarToSolar,
  lunarNewYear,
  lunarNewYearsEve,
  hungKingsDay,
  VN_LUNAR_TIME_ZONE,
  type LunarDate,
} from './lunar.js';

/** Calendar data model. */
export {
  CALENDAR_ENTRY_TYPES,
  HOLIDAY_OCCASIONS,
  type CalendarEntryType,
  type HolidayOccasion,
  type EntryScope,
  type ScheduleEntry,
  type YearCoverage,
} from './types.js';

/** Statutory rules (defaults only; notices override). */
export {
  LABOUR_CODE_2012,
  LABOUR_CODE_2019,
  STATUTORY_RULE_SETS,
  DEFAULT_HOLIDAY_RULE_OPTIONS,
  defaultHolidayEntries,
  ruleSetForYear,
  type HolidayRule,
  type HolidayRuleOptions,
  type StatutoryRuleSet,
} from './rules.js';

/** Shipped official schedules and scope rules. */
export { OFFICIAL_SCHEDULE_VN, OFFICIAL_COVERAGE_VN, entryApplies, isApplicable } from './schedule.js';

/** Office hours and Saturday reception settings. */
export {
  DEFAULT_OFFICE_HOURS,
  validateOfficeHours,
  type TimeSpan,
  type OfficeHoursVersion,
  type SaturdayReceptionVersion,
  type DayProfile,
} from './officeHours.js';

/** Compiled per-unit calendar. */
export {
  WorkingCalendar,
  createWorkingCalendar,
  defaultWorkingCalendar,
  calendarDiff,
  type CalendarDayChange,
  type WorkingCalendarConfig,
  type DayInfo,
} from './workingCalendar.js';

/** Deadline engine. */
export {
  DURATION_UNITS,
  DEFAULT_DUE_OPTIONS,
  computeDue,
  officialReceiptTime,
  addWorkingTime,
  workingTimeBetween,
  extendDeadlineMs,
  officialStartMs,
  addWorkingDaysMs,
  addWorkingTimeMs,
  addCalendarDaysMs,
  sameDayDueMs,
  workingTimeBetweenMs,
  dueDayIndex,
  cutoffMsOf,
  hoursToMs,
  type Duration,
  type DurationUnit,
  type DueTimeMode,
  type DueOptions,
  type DueResult,
  type CalendarRollCalendar,
  type OfficialReceipt,
  type ReceiptAdjustment,
} from './durations.js';

/** Pauses, resumes and restarts. */
export {
  dueAfterPauseMs,
  dueAfterPausedTimeMs,
  startClock,
  pauseClock,
  resumeClock,
  restartDeadline,
  type DeadlineClock,
} from './pause.js';

/** Timeliness classification and warning states. */
export {
  classifyCompleted,
  classifyInProgress,
  warningState,
  type CompletedTimeliness,
  type InProgressTimeliness,
  type TimelinessGranularity,
  type WarningState,
  type WarningThresholds,
} from './timeliness.js';

/** zod schemas for the calendar API and admin screens. */
export {
  localDateSchema,
  localTimeSchema,
  timeSpanSchema,
  calendarEntryTypeSchema,
  holidayOccasionSchema,
  entryScopeSchema,
  legalBasisSchema,
  scheduleEntrySchema,
  scheduleEntryInputSchema,
  yearCoverageSchema,
  officeHoursVersionSchema,
  officeHoursSchema,
  saturdayReceptionVersionSchema,
  dueQuerySchema,
  dueQueryToRequest,
  type DueQuery,
} from './schemas.js';
