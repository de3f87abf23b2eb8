/** Stable error codes; callers (API, UI) map them to messages, so never rename one. */
export type CalendarErrorCode =
  | 'CALENDAR_INVALID_DURATION'
  | 'CALENDAR_INVALID_DATE'
  | 'CALENDAR_INVALID_TIME'
  | 'CALENDAR_INVALID_INSTANT'
  | 'CALENDAR_INVALID_OFFICE_HOURS'
  | 'CALENDAR_INVALID_OPTION'
  | 'CALENDAR_INVALID_LUNAR_DATE'
  | 'CALENDAR_OUT_OF_RANGE';

export class CalendarError extends Error {
  readonly code: CalendarErrorCode;
  constructor(code: CalendarErrorCode, message: string) {
    super(`${code}: ${message}`);
    this.name = 'CalendarError';
    this.code = code;
  }
}

export function isCalendarError(e: unknown): e is CalendarError {
  return e instanceof CalendarError;
}
