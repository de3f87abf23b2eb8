/**
 * zod schemas for the calendar API: schedule entries (admin CRUD), office
 * hours, Saturday reception, year coverage and the due-date query
 * GET /api/v1/calendar/due. Messages are Vietnamese (shown to officers).
 */
import { z } from 'zod';
import type { DueOptions, Duration, DurationUnit } from './durations.js';
import { isValidLocalDate, parseInstant, parseLocalTime, weekdayOf } from './localTime.js';
import type { CalendarEntryType, HolidayOccasion } from './types.js';

const ENTRY_TYPES = [
  'PUBLIC_HOLIDAY',
  'COMPENSATORY_DAY_OFF',
  'SWAP_DAY_OFF',
  'SWAP_WORKDAY',
  'LOCAL_CLOSURE',
] as const satisfies readonly CalendarEntryType[];
const OCCASIONS = [
  'NEW_YEAR',
  'LUNAR_NEW_YEAR',
  'HUNG_KINGS_DAY',
  'VICTORY_DAY',
  'LABOUR_DAY',
  'NATIONAL_DAY',
  'VIETNAM_CULTURE_DAY',
] as const satisfies readonly HolidayOccasion[];

export const localDateSchema = z
  .string({ error: 'Ngày phải là chuỗi YYYY-MM-DD' })
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Ngày phải có dạng YYYY-MM-DD' })
  .refine(isValidLocalDate, { error: 'Ngày không tồn tại' });

export const localTimeSchema = z
  .string({ error: 'Giờ phải là chuỗi HH:MM' })
  .regex(/^(?:[01]\d|2[0-3]):[0-5]\d$|^24:00$/, { error: 'Giờ phải có dạng HH:MM (00:00–24:00)' });

export const timeSpanSchema = z
  .object({ start: localTimeSchema, end: localTimeSchema }, { error: 'Khoảng giờ phải có start và end' })
  .refine((s) => parseLocalTime(s.start) < parseLocalTime(s.end), {
    error: 'Giờ kết thúc phải sau giờ bắt đầu',
    path: ['end'],
  });

const spansSchema = z
  .array(timeSpanSchema, { error: 'Cần danh sách khoảng giờ' })
  .min(1, { error: 'Cần ít nhất một khoảng giờ làm việc' })
  .refine((spans) => spans.every((s, i) => i === 0 || parseLocalTime(spans[i - 1]!.end) < parseLocalTime(s.start)), {
    error: 'Các khoảng giờ phải theo thứ tự và không chồng lấn, không liền nhau',
  });

export const calendarEntryTypeSchema = z.enum(ENTRY_TYPES, { error: 'Loại ngày không hợp lệ' });
export const holidayOccasionSchema = z.enum(OCCASIONS, { error: 'Dịp nghỉ lễ không hợp lệ' });

export const entryScopeSchema = z
  .object({
    level: z.enum(['NATIONAL', 'PROVINCE', 'UNIT'], { error: 'Phạm vi phải là NATIONAL, PROVINCE hoặc UNIT' }),
    provinceCodes: z.array(z.string().trim().min(1, { error: 'Mã tỉnh không được trống' })).optional(),
    unitIds: z.array(z.string().trim().min(1, { error: 'Mã đơn vị không được trống' })).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.level === 'UNIT' && !s.unitIds?.length) {
      ctx.addIssue({ code: 'custom', message: 'Phạm vi đơn vị cần danh sách đơn vị (unitIds)', path: ['unitIds'] });
    }
    if (s.level === 'PROVINCE' && !s.provinceCodes?.length && !s.unitIds?.length) {
      ctx.addIssue({ code: 'custom', message: 'Phạm vi tỉnh cần mã tỉnh (provinceCodes)', path: ['provinceCodes'] });
    }
  });

export const legalBasisSchema = z.object(
  {
    documentNo: z
      .string({ error: 'Cần số hiệu văn bản' })
      .trim()
      .min(1, { error: 'Cần số hiệu văn bản' })
      .max(200, { error: 'Số hiệu văn bản quá dài' }),
    date: localDateSchema,
  },
  { error: 'Cần căn cứ pháp lý (số hiệu và ngày văn bản)' },
);

const scheduleEntryObject = z.object({
  date: localDateSchema,
  type: calendarEntryTypeSchema,
  name: z
    .string({ error: 'Cần tên ngày nghỉ' })
    .trim()
    .min(1, { error: 'Cần tên ngày nghỉ' })
    .max(500, { error: 'Tên quá dài (tối đa 500 ký tự)' }),
  scope: entryScopeSchema.optional(),
  legalBasis: legalBasisSchema.optional(),
  source: z.string({ error: 'Nguồn phải là chuỗi' }).trim().max(2000, { error: 'Nguồn quá dài' }).optional(),
  pairedDate: localDateSchema.optional(),
  publishedAt: z.iso.datetime({ offset: true, error: 'Thời điểm công bố phải theo ISO-8601' }).optional(),
  confirmed: z.boolean({ error: 'confirmed phải là true hoặc false' }).optional(),
  occasion: holidayOccasionSchema.optional(),
});

type EntryLike = z.infer<typeof scheduleEntryObject>;

function entryRules(e: EntryLike, ctx: z.RefinementCtx): void {
  if (!e.legalBasis && !e.source) {
    ctx.addIssue({
      code: 'custom',
      message: 'Cần căn cứ pháp lý (legalBasis) hoặc nguồn (source)',
      path: ['legalBasis'],
    });
  }
  if (e.type === 'SWAP_WORKDAY' && weekdayOf(e.date) < 6) {
    ctx.addIssue({ code: 'custom', message: 'Ngày làm bù phải là thứ Bảy hoặc Chủ nhật', path: ['date'] });
  }
  if ((e.type === 'SWAP_DAY_OFF' || e.type === 'SWAP_WORKDAY') && e.pairedDate === e.date) {
    ctx.addIssue({ code: 'custom', message: 'Ngày hoán đổi phải khác ngày gốc', path: ['pairedDate'] });
  }
  if (e.type === 'LOCAL_CLOSURE' && (!e.scope || e.scope.level === 'NATIONAL')) {
    ctx.addIssue({
      code: 'custom',
      message: 'Ngày tạm ngừng tiếp nhận phải có phạm vi tỉnh hoặc đơn vị',
      path: ['scope'],
    });
  }
}

/** A schedule entry as stored (shipped data, imports). */
export const scheduleEntrySchema = scheduleEntryObject.superRefine(entryRules);

/** Admin create/update: the deciding document is mandatory (edits are audited). */
export const scheduleEntryInputSchema = scheduleEntryObject
  .extend({ legalBasis: legalBasisSchema })
  .superRefine(entryRules);

export const yearCoverageSchema = z.object({
  year: z
    .number({ error: 'Năm phải là số' })
    .int({ error: 'Năm phải là số nguyên' })
    .min(1990, { error: 'Năm từ 1990' })
    .max(2100, { error: 'Năm đến 2100' }),
  decidedOccasions: z.array(holidayOccasionSchema, { error: 'Cần danh sách dịp nghỉ đã quyết định' }),
});

export const officeHoursVersionSchema = z.object({
  effectiveFrom: localDateSchema,
  intervals: spansSchema,
  weekdayOverrides: z
    .array(
      z.object({
        weekday: z
          .number({ error: 'Thứ phải là số' })
          .int({ error: 'Thứ phải là số nguyên' })
          .min(1, { error: 'Thứ từ 1 (thứ Hai) đến 7 (Chủ nhật)' })
          .max(7, { error: 'Thứ từ 1 (thứ Hai) đến 7 (Chủ nhật)' }),
        intervals: spansSchema,
      }),
    )
    .optional(),
  dateOverrides: z.array(z.object({ date: localDateSchema, intervals: spansSchema })).optional(),
});

export const officeHoursSchema = z
  .array(officeHoursVersionSchema, { error: 'Cần danh sách phiên bản giờ làm việc' })
  .min(1, { error: 'Cần ít nhất một phiên bản giờ làm việc' })
  .refine((vs) => new Set(vs.map((v) => v.effectiveFrom)).size === vs.length, {
    error: 'Hai phiên bản không được cùng ngày hiệu lực',
  });

export const saturdayReceptionVersionSchema = z.object({
  effectiveFrom: localDateSchema,
  enabled: z.boolean({ error: 'enabled phải là true hoặc false' }),
  intervals: spansSchema,
  openAdjacentToHolidays: z.boolean().optional(),
});

const QUERY_UNITS = ['working_days', 'working_hours', 'calendar_days', 'same_day'] as const;

/** Query string of GET /api/v1/calendar/due (all values arrive as strings). */
export const dueQuerySchema = z
  .object({
    start: z.string({ error: 'Cần thời điểm bắt đầu (start)' }).refine(
      (s) => {
        try {
          parseInstant(s);
          return true;
        } catch {
          return false;
        }
      },
      { error: 'Thời điểm bắt đầu không hợp lệ (ISO-8601, ví dụ 2026-04-29T08:00:00+07:00)' },
    ),
    amount: z.coerce
      .number({ error: 'Thời hạn (amount) phải là số' })
      .refine(Number.isFinite, { error: 'Thời hạn (amount) phải là số hữu hạn' })
      .refine((n) => n >= 0, { error: 'Thời hạn (amount) không được âm' })
      .default(0),
    unit: z.enum(QUERY_UNITS, {
      error: 'Đơn vị thời hạn phải là working_days, working_hours, calendar_days hoặc same_day',
    }),
    mode: z.enum(['same_time', 'end_of_day'], { error: 'Chế độ hạn phải là same_time hoặc end_of_day' }).optional(),
    cutoff: localTimeSchema.optional(),
    unitId: z.string().trim().min(1, { error: 'Mã đơn vị không được trống' }).max(100).optional(),
  })
  .superRefine((q, ctx) => {
    if (q.unit === 'calendar_days' && !Number.isInteger(q.amount)) {
      ctx.addIssue({ code: 'custom', message: 'Số ngày theo lịch phải là số nguyên', path: ['amount'] });
    }
  });

export type DueQuery = z.infer<typeof dueQuerySchema>;

/** Maps a validated query to engine arguments; unset mode falls back to the unit's setting. */
export function dueQueryToRequest(q: DueQuery): {
  start: string;
  duration: Duration;
  options: DueOptions;
  unitId?: string;
} {
  const options: DueOptions = {};
  if (q.mode) options.dueTimeMode = q.mode === 'same_time' ? 'SAME_TIME' : 'END_OF_DAY';
  if (q.cutoff) options.cutoffTime = q.cutoff;
  return {
    start: q.start,
    duration: { value: q.amount, unit: q.unit.toUpperCase() as DurationUnit },
    options,
    ...(q.unitId !== undefined ? { unitId: q.unitId } : {}),
  };
}
