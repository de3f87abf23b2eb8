/** Request and response shapes of the frozen service-index results (results.ts; OpenAPI and serialisation). */
import { z } from 'zod';
import { indexTableView } from './schemas';

const periodKey = z
  .string({ message: 'Cần chọn kỳ (YYYY-MM, YYYY-Qn, YYYY-Hn hoặc YYYY).' })
  .max(10, { message: 'Kỳ có dạng YYYY-MM, YYYY-Qn, YYYY-Hn hoặc YYYY.' });
const unitId = z.uuid({ message: 'Mã đơn vị không hợp lệ (UUID).' });
const localDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { message: 'Ngày có dạng YYYY-MM-DD.' });

export const REASON_MAX = 2000;

/** POST /api/v1/service-index/results. */
export const freezeRequestSchema = z.strictObject({
  period: periodKey,
  /** The root of the ranked table (default: the actor's widest unit holding serviceIndex.freeze). */
  unitId: unitId.optional(),
  /** The date of the unit tree (default: today). */
  asOf: localDate.optional(),
  /** Why the results are frozen again; required from version 2 on. */
  reason: z
    .string({ message: 'Lý do phải là chuỗi ký tự.' })
    .max(REASON_MAX, { message: `Lý do dài tối đa ${REASON_MAX} ký tự.` })
    .optional(),
});
export type FreezeRequest = z.infer<typeof freezeRequestSchema>;

export const resultsQuerySchema = z.strictObject({
  period: periodKey.optional(),
  unitId: unitId.optional(),
});

export const versionParamsSchema = z.strictObject({
  version: z.coerce
    .number({ message: 'Số phiên bản là số nguyên dương.' })
    .int({ message: 'Số phiên bản là số nguyên dương.' })
    .min(1, { message: 'Số phiên bản là số nguyên dương.' })
    .max(1_000_000, { message: 'Số phiên bản là số nguyên dương.' }),
});

const periodRef = z.object({
  key: z.string(),
  labelVi: z.string(),
  from: z.string(),
  to: z.string(),
  live: z.boolean(),
});

export const frozenVersionView = z.object({
  version: z.number(),
  reason: z.string().nullable(),
  createdBy: z.object({ id: z.string().nullable(), name: z.string() }),
  createdAt: z.string(),
  /** The date of the unit tree the table was computed with. */
  asOf: z.string(),
  /** When the figures were measured (the end of the period). */
  measuredAt: z.string(),
  /** sha256 of the canonical JSON of the payload. */
  digest: z.string(),
});

export const frozenListView = z.object({
  unitId: z.string(),
  period: periodRef,
  versions: z.array(frozenVersionView),
});

export const frozenResultView = frozenVersionView.extend({
  unitId: z.string(),
  period: periodRef,
  /** Exactly what GET /api/v1/service-index answered for that period, unit and date when it was frozen. */
  payload: indexTableView,
});

export const frozenCreatedView = frozenVersionView.extend({ unitId: z.string(), period: periodRef });
