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

/** Messages for the shared error registry (packages/domain/src/errors.ts), to merge there. */
export const calendarErrorMessages = {
  CALENDAR_INVALID_DURATION: { vi: 'Thời hạn không hợp lệ.', en: 'Invalid duration.' },
  CALENDAR_INVALID_DATE: { vi: 'Ngày không hợp lệ (định dạng YYYY-MM-DD).', en: 'Invalid date (YYYY-MM-DD).' },
  CALENDAR_INVALID_TIME: { vi: 'Giờ không hợp lệ (định dạng HH:MM).', en: 'Invalid time (HH:MM).' },
  CALENDAR_INVALID_INSTANT: {
    vi: 'Thời điểm không hợp lệ (ISO-8601, ví dụ 2026-04-29T08:00:00+07:00).',
    en: 'Invalid instant (ISO-8601, e.g. 2026-04-29T08:00:00+07:00).',
  },
  CALENDAR_INVALID_OFFICE_HOURS: { vi: 'Giờ làm việc không hợp lệ.', en: 'Invalid office hours.' },
  CALENDAR_INVALID_OPTION: { vi: 'Tham số lịch làm việc không hợp lệ.', en: 'Invalid calendar option.' },
  CALENDAR_INVALID_LUNAR_DATE: { vi: 'Ngày âm lịch không tồn tại.', en: 'No such lunar date.' },
  CALENDAR_OUT_OF_RANGE: {
    vi: 'Ngày nằm ngoài phạm vi lịch làm việc (1990–2100).',
    en: 'Date outside the working calendar range (1990–2100).',
  },
} as const satisfies Record<CalendarErrorCode, { vi: string; en: string }>;
