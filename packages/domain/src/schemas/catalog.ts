import { z } from 'zod';
import { isoDate, limit, optionalText, pageOf, text, uuid } from './common';
import { roles } from '../access/roles';
import {
  delegationKinds,
  documentKinds,
  excludedPeriodKinds,
  internalProcessStatuses,
  onlineLevels,
  procedureChannels,
  procedureCodePattern,
  procedureLevels,
  simplificationStatuses,
  supplementClockModes,
  timeUnits,
  unitRules,
} from '../catalog/types';

export const procedureCode = z
  .string()
  .overwrite((s) => s.trim())
  .pipe(z.string().regex(procedureCodePattern, 'Mã thủ tục phải có dạng d.dddddd, ví dụ 1.001193.'))
  .meta({ example: '1.001193' });
export const procedureCodeParams = z.strictObject({ code: procedureCode });
export const procedureLevel = z.enum(procedureLevels);
export const procedureChannel = z.enum(procedureChannels);
export const onlineLevel = z.enum(onlineLevels);

export const timeLimit = z
  .strictObject({ value: z.number().positive('Thời hạn phải lớn hơn 0.').max(10_000), unit: z.enum(timeUnits) })
  .meta({ id: 'TimeLimit' });

const nullableText = (max: number) => optionalText(max).transform((v) => v || null);

export const procedureMethod = z
  .strictObject({
    channel: procedureChannel,
    time: timeLimit.nullable(),
    timeText: nullableText(2000),
    feeVnd: z.number().int().min(0, 'Lệ phí không được âm.').nullable(),
    feeNote: nullableText(2000),
    feeText: nullableText(5000),
    description: nullableText(5000),
  })
  .meta({ id: 'ProcedureMethod' });

export const procedureDocument = z
  .strictObject({
    name: text(5000),
    kind: z.enum(documentKinds).nullable(),
    originals: z.number().int().min(0).nullable(),
    copies: z.number().int().min(0).nullable(),
    quantityText: nullableText(200),
    forms: z.array(text(500)).max(50).default([]),
    group: nullableText(2000),
  })
  .meta({ id: 'ProcedureDocument' });

const contentFields = {
  name: text(2000),
  field: text(300),
  levels: z.array(procedureLevel).min(1, 'Cần ít nhất một cấp thực hiện.').max(4),
  levelText: nullableText(200),
  agency: nullableText(2000),
  competentAuthority: nullableText(2000),
  subjects: nullableText(2000),
  methods: z.array(procedureMethod).min(1, 'Cần ít nhất một cách thức thực hiện.').max(3),
  processingTimeText: nullableText(5000),
  feeText: nullableText(10000),
  documents: z.array(procedureDocument).max(200),
  documentNotes: z.array(text(5000)).max(200).default([]),
  conditions: nullableText(20000),
  resultType: nullableText(5000),
  resultCodes: z.array(text(100)).max(50).default([]),
  legalBasis: z.array(text(2000)).max(200).default([]),
  procedureType: nullableText(300),
  onlineLevel: onlineLevel.nullable().default(null),
  fullOnlineEligible: z.boolean().nullable().default(null),
  cutoffTime: z
    .string()
    .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ tiếp nhận cuối phải có dạng HH:MM, ví dụ 15:00.')
    .nullable()
    .default(null),
  supplementClockMode: z.enum(supplementClockModes).default('RESTART'),
  excludedPeriods: z.array(z.enum(excludedPeriodKinds)).max(10).default([]),
};

const versionFields = {
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
  publicationDecisionNo: nullableText(200),
  publicationDecisionDate: isoDate.nullable().optional(),
  unitIds: z.array(uuid).max(1000).default([]),
};

export const createProcedureBody = z.strictObject({ code: procedureCode, ...contentFields, ...versionFields });
export type CreateProcedureInput = z.infer<typeof createProcedureBody>;
export const procedureVersionBody = z.strictObject({ ...contentFields, ...versionFields });
export type ProcedureVersionInput = z.infer<typeof procedureVersionBody>;
export const versionUnitsBody = z.strictObject({ unitIds: z.array(uuid).max(1000) });

export const procedureListQuery = z.strictObject({
  q: z.string().max(200).optional(),
  field: z.string().max(300).optional(),
  level: procedureLevel.optional(),
  unitId: uuid.optional(),
  onlineLevel: z.enum([...onlineLevels, 'UNKNOWN']).optional(),
  asOf: isoDate.optional(),
  limit: limit.pipe(z.number().max(100)),
  cursor: z.string().max(500).optional(),
});
export const asOfQuery = z.strictObject({ asOf: isoDate.optional() });

export const procedureSummary = z
  .object({
    id: uuid,
    code: z.string(),
    name: z.string(),
    field: z.string(),
    levels: z.array(procedureLevel),
    onlineLevel: onlineLevel.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ProcedureSummary' });
export const procedurePage = pageOf(procedureSummary);

export const procedureVersionInfo = z
  .object({
    seq: z.number().int(),
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    publicationDecisionNo: z.string().nullable(),
    publicationDecisionDate: isoDate.nullable(),
    superseded: z.boolean(),
    createdAt: z.string(),
    unitCount: z.number().int(),
  })
  .meta({ id: 'ProcedureVersionInfo' });

export const procedureDetail = z
  .object({
    id: uuid,
    code: z.string(),
    version: z.number().int(),
    ...contentFields,
    channels: z.array(procedureChannel),
    currentVersion: procedureVersionInfo,
    units: z.array(z.object({ id: uuid, code: z.string(), name: z.string() })),
    delegations: z.array(z.lazy(() => delegation)),
    parseWarnings: z.array(z.string()),
    provenance: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'ProcedureDetail' });

export const procedureFieldFacets = z.object({
  items: z.array(z.object({ field: z.string(), count: z.number().int() })),
});

export const importRecordReport = z.object({
  code: z.string(),
  status: z.enum(['NEW', 'CHANGED', 'UNCHANGED', 'INVALID']),
  warnings: z.array(z.string()),
  errors: z.array(z.object({ field: z.string(), message: z.string() })),
});
export const importReport = z
  .object({
    dryRun: z.boolean(),
    total: z.number().int(),
    valid: z.number().int(),
    invalid: z.number().int(),
    created: z.number().int(),
    changed: z.number().int(),
    unchanged: z.number().int(),
    records: z.array(importRecordReport),
  })
  .meta({ id: 'ProcedureImportReport' });
export const importQuery = z.strictObject({
  dryRun: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  effectiveFrom: isoDate.optional(),
});

export const delegation = z
  .object({
    id: uuid,
    procedureCode: z.string(),
    unitId: uuid,
    unitName: z.string(),
    fromUnitId: uuid.nullable(),
    fromUnitName: z.string().nullable(),
    kind: z.enum(delegationKinds),
    decisionNo: z.string(),
    decisionDate: isoDate,
    effectiveFrom: isoDate,
    effectiveTo: isoDate.nullable(),
    scope: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'ProcedureDelegation' });
export const createDelegationBody = z.strictObject({
  unitId: uuid,
  fromUnitId: uuid.nullable().optional(),
  kind: z.enum(delegationKinds),
  decisionNo: text(200),
  decisionDate: isoDate,
  effectiveFrom: isoDate,
  effectiveTo: isoDate.nullable().optional(),
  scope: nullableText(2000),
});
export type CreateDelegationInput = z.infer<typeof createDelegationBody>;
export const updateDelegationBody = createDelegationBody.omit({ unitId: true }).partial();
export type UpdateDelegationInput = z.infer<typeof updateDelegationBody>;

export const processStep = z
  .strictObject({
    name: text(500),
    role: z.enum(roles),
    unitId: uuid.nullable().optional(),
    unitRule: z.enum(unitRules).nullable().optional(),
    hours: z.number().positive('Thời gian của bước phải lớn hơn 0 giờ.').max(10_000),
    output: nullableText(1000),
    allowSendBack: z.boolean().default(false),
  })
  .meta({ id: 'InternalProcessStep' });
export type ProcessStepInput = z.infer<typeof processStep>;
export const createInternalProcessBody = z.strictObject({
  unitId: uuid,
  versionSeq: z.number().int().positive().optional(),
  channel: procedureChannel.default('direct'),
  steps: z.array(processStep).min(1, 'Quy trình cần ít nhất một bước.').max(60),
});
export type CreateInternalProcessInput = z.infer<typeof createInternalProcessBody>;
export const updateInternalProcessBody = z.strictObject({
  steps: z.array(processStep).min(1).max(60),
  channel: procedureChannel.optional(),
});
export const approveInternalProcessBody = z.strictObject({
  approvalDecisionNo: text(200),
  approvedAt: isoDate,
  effectiveFrom: isoDate,
});
export const internalProcess = z
  .object({
    id: uuid,
    procedureCode: z.string(),
    procedureVersionSeq: z.number().int(),
    unitId: uuid,
    seq: z.number().int(),
    status: z.enum(internalProcessStatuses),
    channel: procedureChannel,
    steps: z.array(
      processStep.extend({
        unitId: uuid.nullable(),
        unitRule: z.enum(unitRules).nullable(),
        output: z.string().nullable(),
      }),
    ),
    totalHours: z.number(),
    legalHours: z.number().nullable(),
    approvalDecisionNo: z.string().nullable(),
    approvedAt: isoDate.nullable(),
    effectiveFrom: isoDate.nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'InternalProcess' });

export const missingProcessReport = z.object({
  unitId: uuid,
  asOf: isoDate,
  total: z.number().int(),
  items: z.array(
    z.object({
      code: z.string(),
      name: z.string(),
      field: z.string(),
      reason: z.enum(['IN_FORCE', 'DELEGATED']),
      hasDraft: z.boolean(),
    }),
  ),
});

export const complianceCostInput = z
  .strictObject({
    hours: z.number().min(0),
    incomePerHour: z.number().min(0),
    serviceFees: z.number().min(0).default(0),
    fees: z.number().min(0).default(0),
    otherCosts: z.number().min(0).default(0),
    timesPerYear: z.number().min(0),
    subjectsPerYear: z.number().min(0),
  })
  .meta({ id: 'ComplianceCostInput' });
export const simplificationSide = z
  .strictObject({
    steps: z.number().int().min(0).nullable().optional(),
    hours: z.number().min(0).nullable().optional(),
    documents: z.number().int().min(0).nullable().optional(),
    feeVnd: z.number().int().min(0).nullable().optional(),
    cost: complianceCostInput,
  })
  .meta({ id: 'SimplificationSide' });
export const createSimplificationBody = z.strictObject({
  unitId: uuid,
  procedureCode,
  internalProcessId: uuid.nullable().optional(),
  title: text(1000),
  before: simplificationSide,
  after: simplificationSide,
  note: nullableText(5000),
});
export type CreateSimplificationInput = z.infer<typeof createSimplificationBody>;
export const updateSimplificationBody = createSimplificationBody.omit({ unitId: true, procedureCode: true }).partial();
export type UpdateSimplificationInput = z.infer<typeof updateSimplificationBody>;
export const simplificationTransitionBody = z.strictObject({
  to: z.enum(simplificationStatuses),
  decisionNo: nullableText(200),
  decisionDate: isoDate.nullable().optional(),
  note: nullableText(5000),
});
export const simplificationPlan = z
  .object({
    id: uuid,
    unitId: uuid,
    procedureCode: z.string(),
    internalProcessId: uuid.nullable(),
    title: z.string(),
    before: simplificationSide,
    after: simplificationSide,
    annualCostBefore: z.number(),
    annualCostAfter: z.number(),
    saving: z.number(),
    reductionRate: z.number().nullable(),
    status: z.enum(simplificationStatuses),
    decisionNo: z.string().nullable(),
    decisionDate: isoDate.nullable(),
    note: z.string().nullable(),
    version: z.number().int(),
  })
  .meta({ id: 'SimplificationPlan' });
export const simplificationListQuery = z.strictObject({
  unitId: uuid.optional(),
  status: z.enum(simplificationStatuses).optional(),
  limit,
  cursor: z.string().max(500).optional(),
});
export const simplificationSummaryQuery = z.strictObject({ from: isoDate, to: isoDate });
export const simplificationSummary = z
  .object({
    unitId: uuid,
    from: isoDate,
    to: isoDate,
    internalProcesses: z.object({ total: z.number().int(), cut: z.number().int(), cutPct: z.number().nullable() }),
    steps: z.object({ before: z.number(), after: z.number(), cutPct: z.number().nullable() }),
    hours: z.object({ before: z.number(), after: z.number(), cutPct: z.number().nullable() }),
    complianceCost: z.object({
      annualCostBefore: z.number(),
      annualCostAfter: z.number(),
      saving: z.number(),
      reductionRate: z.number().nullable(),
    }),
    plans: z.record(z.string(), z.number().int()),
    text: z.string(),
  })
  .meta({ id: 'SimplificationSummary' });
