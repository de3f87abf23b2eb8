/**
 * Request and response schemas of the calendar API (they are also its OpenAPI description): the server
 * validates and serialises with them, the web app derives its wire types from them (type-only imports).
 */
import { z } from 'zod';
import {
  calendarEntryTypeSchema,
  dueQuerySchema,
  entryScopeSchema,
  holidayOccasionSchema,
  legalBasisSchema,
  localDateSchema,
  officeHoursSchema,
  officeHoursVersionSchema,
  saturdayReceptionVersionSchema,
  scheduleEntryInputSchema,
} from '../calendar/schemas';

const reason = z
  .string({ error: 'Cần lý do hoặc văn bản căn cứ (reason)' })
  .trim()
  .min(3, { error: 'Cần lý do hoặc văn bản căn cứ (ít nhất 3 ký tự)' })
  .max(2000, { error: 'Lý do quá dài (tối đa 2000 ký tự)' });

const dq = dueQuerySchema.shape;
/** The domain's query schema (its cross-field rule included) with a description per parameter for OpenAPI. */
export const dueQuery = dueQuerySchema.safeExtend({
  start: dq.start.meta({
    description:
      'Thời điểm nhận hồ sơ / xảy ra sự kiện, ISO-8601, ví dụ 2026-04-29T08:00:00%2B07:00. Trong query string dấu "+" ' +
      'phải viết là %2B; nếu gửi "+" thô (thành dấu cách khi giải mã) vẫn được hiểu là +. Không ghi múi giờ = giờ Việt Nam.',
    example: '2026-04-29T08:00:00+07:00',
  }),
  amount: dq.amount.meta({
    description:
      'Độ dài thời hạn (mặc định 0). Ngày theo lịch phải là số nguyên; ngày làm việc lẻ (0,5) được đổi ra giờ.',
  }),
  unit: dq.unit.meta({
    description:
      'working_days (ngày làm việc) | working_hours (giờ làm việc) | calendar_days (ngày theo lịch, BLDS Điều 147–148) | same_day (trả trong ngày)',
  }),
  mode: dq.mode.meta({
    description:
      'same_time (hạn cùng giờ) | end_of_day (cuối giờ làm việc). Mặc định: cài đặt của đơn vị, nếu không có: same_time.',
  }),
  cutoff: dq.cutoff.meta({
    description:
      'Giờ chốt tiếp nhận trong ngày của thủ tục, HH:MM (ví dụ 15:00): nhận sau giờ này tính từ ngày làm việc kế tiếp.',
  }),
  unitId: dq.unitId.meta({
    description:
      'Mã đơn vị (UUID): lịch, giờ làm việc, tiếp nhận thứ Bảy của đơn vị. Không có = lịch toàn quốc, giờ mặc định.',
  }),
});

export const dueResponse = z
  .object({
    submittedAt: z.string().meta({ description: 'Thời điểm gửi/nhận thực tế, ISO-8601 +07:00' }),
    receivedAt: z
      .string()
      .meta({ description: 'Thời điểm tiếp nhận chính thức (bắt đầu tính thời hạn), ISO-8601 +07:00' }),
    due: z
      .string()
      .meta({ description: 'Hạn trả, ISO-8601 +07:00 (ngày theo lịch: 00:00 của ngày hôm sau = 24:00 ngày cuối)' }),
    dueDate: z.string(),
    duration: z.object({
      value: z.number(),
      unit: z.enum(['working_days', 'working_hours', 'calendar_days', 'same_day']),
    }),
    mode: z.enum(['same_time', 'end_of_day']),
    cutoff: z.string().nullable(),
    unitId: z.string().nullable(),
    receptionOpen: z.boolean().meta({
      description: 'Bộ phận một cửa có tiếp nhận vào thời điểm gửi không (giờ làm việc hoặc tiếp nhận thứ Bảy)',
    }),
    explanation: z.array(z.string()),
  })
  .meta({ id: 'CalendarDue' });

export const entryView = z
  .object({
    id: z
      .string()
      .nullable()
      .meta({ description: 'null: ngày nghỉ mặc định theo Bộ luật Lao động (năm chưa có thông báo)' }),
    date: z.string(),
    weekday: z.number().int().meta({ description: '1 = thứ Hai … 7 = Chủ nhật' }),
    type: calendarEntryTypeSchema,
    name: z.string(),
    scope: z.object({
      level: z.enum(['NATIONAL', 'PROVINCE', 'UNIT']),
      unitIds: z.array(z.string()),
      provinceCodes: z.array(z.string()),
    }),
    legalBasis: z.object({ documentNo: z.string(), date: z.string().nullable() }).nullable(),
    source: z.string().nullable(),
    pairedDate: z.string().nullable(),
    occasion: z.string().nullable(),
    confirmed: z.boolean(),
    origin: z.enum(['OFFICIAL', 'ADMIN', 'DEFAULT']),
    applied: z.boolean().meta({ description: 'false: đề xuất chưa được xác nhận, không dùng để tính hạn' }),
    version: z.number().int().nullable(),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'CalendarEntry' });

export const entryList = z.object({ items: z.array(entryView) });

const dayView = z.object({
  date: z.string(),
  weekday: z.number().int(),
  weekdayName: z.string(),
  reasons: z.array(entryView),
});

/** A calendar year in a path or a query string (the value arrives as a string). */
const year = z.coerce
  .number({ error: 'Năm phải là số' })
  .int({ error: 'Năm phải là số nguyên' })
  .min(1990, { error: 'Năm từ 1990' })
  .max(2100, { error: 'Năm đến 2100' });

export const yearParams = z.strictObject({ year });
export const unitQuery = z.object({
  unitId: z.string().trim().min(1, { error: 'Mã đơn vị không được trống' }).optional(),
});

export const yearResponse = z
  .object({
    year: z.number().int(),
    unitId: z.string().nullable(),
    workingDayCount: z.number().int(),
    decidedOccasions: z.array(z.string()).meta({ description: 'Dịp nghỉ đã có thông báo chính thức trong năm' }),
    defaultOccasions: z
      .array(z.string())
      .meta({ description: 'Dịp nghỉ chưa có thông báo: ngày tính theo luật (mặc định)' }),
    nonWorkingDays: z.array(dayView).meta({
      description:
        'Ngày nghỉ trong tuần (thứ Hai–thứ Sáu) và ngày cuối tuần có ghi chú; không liệt kê từng thứ Bảy, Chủ nhật',
    }),
    addedWorkingDays: z.array(dayView).meta({ description: 'Ngày cuối tuần làm bù (tính là ngày làm việc)' }),
    proposals: z.array(entryView).meta({ description: 'Đề xuất chưa xác nhận, không áp dụng' }),
  })
  .meta({ id: 'CalendarYear' });

export const entryListQuery = z.object({ year: year.optional() });

export const entryCreateBody = scheduleEntryInputSchema.safeExtend({ reason: reason.optional() });
export type EntryCreateBody = z.infer<typeof entryCreateBody>;

export const entryPatchBody = z.strictObject({
  date: localDateSchema.optional(),
  type: calendarEntryTypeSchema.optional(),
  name: z
    .string()
    .trim()
    .min(1, { error: 'Cần tên ngày nghỉ' })
    .max(500, { error: 'Tên quá dài (tối đa 500 ký tự)' })
    .optional(),
  scope: entryScopeSchema.optional(),
  legalBasis: legalBasisSchema.optional(),
  source: z.string().trim().max(2000, { error: 'Nguồn quá dài' }).nullable().optional(),
  pairedDate: localDateSchema.nullable().optional(),
  occasion: holidayOccasionSchema.nullable().optional(),
  confirmed: z.boolean({ error: 'confirmed phải là true hoặc false' }).optional(),
  reason,
});
export type EntryPatchBody = z.infer<typeof entryPatchBody>;

export const deleteQuery = z.object({ reason });

export const unitParams = z.strictObject({ unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ.' }) });

export const settingsBody = z.strictObject({
  officeHours: officeHoursSchema
    .nullable()
    .meta({ description: 'Các phiên bản giờ làm việc theo ngày hiệu lực; null = theo đơn vị cấp trên / mặc định' }),
  saturdayReception: z
    .array(saturdayReceptionVersionSchema, { error: 'Cần danh sách phiên bản tiếp nhận thứ Bảy' })
    .nullable()
    .meta({ description: 'Tiếp nhận sáng thứ Bảy theo ngày hiệu lực; null = theo đơn vị cấp trên / không tiếp nhận' }),
  dueTimeMode: z
    .enum(['SAME_TIME', 'END_OF_DAY'], { error: 'dueTimeMode phải là SAME_TIME hoặc END_OF_DAY' })
    .nullable()
    .optional(),
  reason,
});
export type SettingsBody = z.infer<typeof settingsBody>;

export const settingsResponse = z
  .object({
    unitId: z.string(),
    version: z.number().int().meta({ description: '0 = đơn vị chưa có cài đặt riêng; gửi lại trong If-Match' }),
    officeHours: z.array(officeHoursVersionSchema).nullable(),
    saturdayReception: z.array(saturdayReceptionVersionSchema).nullable(),
    dueTimeMode: z.enum(['SAME_TIME', 'END_OF_DAY']).nullable(),
    effective: z.object({
      officeHours: z.array(officeHoursVersionSchema),
      officeHoursFrom: z.string().nullable(),
      saturdayReception: z.array(saturdayReceptionVersionSchema),
      dueTimeMode: z.enum(['SAME_TIME', 'END_OF_DAY']),
    }),
  })
  .meta({ id: 'CalendarUnitSettings' });
