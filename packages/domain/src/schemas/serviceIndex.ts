/**
 * The service index's wire shapes (Decision 766; pure zod, no I/O), shared by the server's routes and the web's
 * types: the ranked table, the public index, a unit's index, lost points, the dashboard, the reconciliation's
 * answer and Biểu 06 (they are also the OpenAPI description), then the frozen results' requests and answers.
 * The web imports them as types only.
 */
import { z } from 'zod';

const num = z.number();
const nnum = z.number().nullable();

const group = z.object({ code: z.string(), score: num, max: num, complete: z.boolean() });

export const periodView = z.object({
  key: z.string(),
  kind: z.string(),
  from: z.string(),
  to: z.string(),
  labelVi: z.string(),
  live: z.boolean(),
  measuredAt: z.string().optional(),
});

const headline = {
  total: num,
  max: num,
  computableMax: num,
  complete: z.boolean(),
  groups: z.array(group),
  onTimeRate: nnum,
};

/** The set a unit is ranked in (server serviceIndex/tree.ts; districts until 30/6/2025); `peerSet` is one or null. */
export type PeerSet = 'PROVINCE' | 'DEPARTMENT' | 'COMMUNE' | 'DISTRICT';

const rankFields = {
  code: z.string(),
  name: z.string(),
  type: z.string(),
  peerSet: z.string().nullable(),
  rank: nnum,
  peerCount: num,
  previousRank: nnum,
  rankChange: nnum,
  previousTotal: nnum,
  scoreDelta: nnum,
  previousOnTimeRate: nnum,
};

export const unitRow = z.object({
  unitId: z.string(),
  ...rankFields,
  ...headline,
  received: num,
  resolved: num,
  overdue: num,
});

export const indexTableView = z.object({
  period: periodView,
  previousPeriod: z.object({ key: z.string(), labelVi: z.string() }),
  unit: unitRow,
  units: z.array(unitRow),
});

const publicRow = z.object({ ...rankFields, ...headline });
export const publicIndexView = z.object({
  period: periodView,
  previousPeriod: z.object({ key: z.string(), labelVi: z.string() }),
  province: publicRow,
  units: z.array(publicRow),
});

export const indicatorView = z.object({
  code: z.string(),
  group: z.string(),
  score: nnum,
  max: num,
  ratio: nnum,
  numerator: nnum,
  denominator: nnum,
  computable: z.boolean(),
  status: z.string(),
  reason: z.string().optional(),
  basis: z.string().optional(),
  missing: z.number().optional(),
  uncappedScore: z.number().optional(),
  value: nnum.optional(),
});

const trend = z.array(z.object({ period: z.string(), labelVi: z.string(), total: num, onTimeRate: nnum }));

export const unitIndexView = z.object({
  period: periodView,
  unit: z.object({ id: z.string(), code: z.string(), name: z.string(), type: z.string() }),
  result: z.object({
    ...headline,
    tableVersion: z.string(),
    unitLevel: z.string(),
    indicators: z.array(indicatorView),
    received: num,
    resolved: num,
    overdue: num,
  }),
  trend,
});

export const lostPointsView = z.object({
  total: num,
  nextCursor: z.string().nullable(),
  items: z.array(
    z.object({
      dossierId: z.string().nullable(),
      dossierCode: z.string(),
      indicator: z.string(),
      reason: z.string(),
      points: num,
      lateByMs: nnum,
      messageVi: z.string(),
      unit: z.object({ id: z.string(), name: z.string() }).nullable(),
      responsible: z.object({ name: z.string(), step: z.string().nullable() }).nullable(),
    }),
  ),
});

export const dashboardView = z.object({
  period: z.object({ key: z.string(), labelVi: z.string(), live: z.boolean() }),
  trend,
  groups: z.array(z.object({ code: z.string(), score: num, max: num })),
  onTimeByField: z.array(
    z.object({ fieldCode: z.string(), fieldName: z.string(), onTime: num, total: num, rate: nnum }),
  ),
  channels: z.array(z.object({ channel: z.string(), count: num })),
  overdueByUnit: z.array(
    z.object({
      unitId: z.string(),
      name: z.string(),
      months: z.array(z.object({ month: z.string(), overdue: num })),
    }),
  ),
  topLateProcedures: z.array(z.object({ procedureCode: z.string(), name: z.string(), late: num, total: num })),
});

export const evaluateView = z.object({
  total: num,
  max: num,
  computableMax: num,
  complete: z.boolean(),
  groups: z.array(group),
  indicators: z.array(indicatorView),
  lostPoints: z.array(
    z.object({
      dossierCode: z.string(),
      indicator: z.string(),
      reason: z.string(),
      points: num,
      messageVi: z.string(),
      lateByMs: z.number().optional(),
      effectiveEnd: z.number().optional(),
      dueAt: nnum.optional(),
      supplementRequests: z.number().optional(),
    }),
  ),
});

const bieu06Row = z.object({
  key: z.string(),
  received: z.object({ total: num, online: num, counterAndPostal: num, carriedOver: num }),
  resolved: z.object({ total: num, early: num, onTime: num, overdue: num, unclassified: num }),
  inProgress: z.object({ total: num, withinDeadline: num, overdue: num, unclassified: num }),
  closedOther: num,
  channelUnknown: num,
  consistency: z.object({ received: num, accounted: num, difference: num, ok: z.boolean() }),
});

export const bieu06View = z.object({
  unit: z.object({ id: z.string(), name: z.string(), code: z.string() }),
  period: z.object({ key: z.string(), labelVi: z.string(), from: z.string(), to: z.string() }),
  byField: z.array(bieu06Row),
  byLevel: z.array(bieu06Row),
  total: bieu06Row,
});

// ---- Frozen results (server serviceIndex/results.ts) ----

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
