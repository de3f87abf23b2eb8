/**
 * zod schemas of the action payloads, shared by server and web. Payload checks that are legal rules
 * (once-only, before due, result completeness) are guards in the table, not schema refinements, so they
 * answer with their own stable codes.
 */
import { z } from 'zod';
import { isoDate, text } from '../schemas/common';
import { roles } from '../access/roles';
import { parseInstant } from '../calendar/index.js';
import { dossierActionTypes, type DossierActionType } from './types.js';

const optionalNote = (max = 2000) => text(max).optional();

export const instantInput = z
  .union([z.number().int(), z.string()])
  .refine(
    (v) => {
      try {
        parseInstant(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Thời điểm phải là số mili giây hoặc chuỗi ISO-8601, ví dụ 2026-04-24T10:00:00+07:00.' },
  )
  .transform((v) => parseInstant(v));

export const channel = z.enum(['COUNTER', 'ONLINE', 'POSTAL'], {
  message: 'Kênh nộp phải là COUNTER, ONLINE hoặc POSTAL.',
});

export const duration = z.object({
  value: z.number().min(0, 'Thời hạn không được âm.').max(10_000, 'Thời hạn quá lớn.'),
  unit: z.enum(['WORKING_DAYS', 'WORKING_HOURS', 'CALENDAR_DAYS', 'SAME_DAY'], {
    message: 'Đơn vị thời hạn không hợp lệ.',
  }),
});

export const stepBudget = z.object({
  value: z.number().positive('Thời gian của bước phải lớn hơn 0.').max(10_000, 'Thời gian quá lớn.'),
  unit: z.enum(['WORKING_DAYS', 'WORKING_HOURS'], {
    message: 'Thời gian của bước tính bằng ngày làm việc hoặc giờ làm việc.',
  }),
});

const localTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Giờ phải có dạng HH:MM.');
const sha256 = z.string().regex(/^[0-9a-f]{64}$/i, 'Mã băm SHA-256 phải gồm 64 ký tự hexa.');

export const procedureRulesInput = z.object({
  procedureCode: z
    .string()
    .regex(/^\d\.\d{6}(\.[0-9A-Z]{1,6})?$/, 'Mã thủ tục phải có dạng d.dddddd, ví dụ 1.001193.')
    .optional(),
  procedureCaseId: text(100).optional(),
  procedureVersionId: text(100).optional(),
  timeLimit: duration,
  dueTimeMode: z.enum(['SAME_TIME', 'END_OF_DAY']).default('SAME_TIME'),
  cutoffTime: localTime.nullable().default(null),
  supplementClockMode: z.enum(['PAUSE', 'RESTART']).nullable().default(null),
  supplementRequestWindow: duration.nullable().default(null),
  excludedPeriods: z
    .array(
      z.enum([
        'FINANCIAL_OBLIGATION',
        'CITIZEN_SUPPLEMENT',
        'FIELD_VERIFICATION',
        'PUBLIC_POSTING',
        'BOUNDARY_SIGNING',
      ]),
    )
    .default([]),
  immediateResult: z.boolean().default(false),
});

export const componentFlags = z.object({
  code: text(100),
  digitized: z.boolean().default(false),
  reused: z.boolean().default(false),
  fromNationalStore: z.boolean().default(false),
  fromPopulationDatabase: z.boolean().default(false),
});

const itemList = z.array(text(500)).min(1, 'Phải nêu ít nhất một nội dung cần bổ sung.').max(100);
const empty = z.object({}).default({});

export const dossierActionPayloadSchemas = {
  SUBMIT: z.object({ channel, submittedViaNationalPortal: z.boolean().default(false) }),
  CANCEL: z.object({ reason: optionalNote() }).default({}),
  GUIDE_TO_OTHER_BODY: z.object({ reason: text(2000), suggestedBody: optionalNote(500) }),
  GUIDE_TO_COMPLETE: z.object({ items: itemList, reason: text(2000) }),
  REFUSE_RECEPTION: z.object({ reasons: z.array(text(2000)).min(1, 'Phải nêu lý do từ chối tiếp nhận.').max(50) }),
  RECEIVE: z.object({
    channel,
    dossierCode: z.string().trim(),
    receivingUnitId: text(100).optional(),
    procedure: procedureRulesInput,
    components: z.array(componentFlags).max(200).default([]),
    accountVerifiedWithVNeID: z.boolean().default(false),
  }),
  TRANSFER: z.object({ toUnitId: text(100) }),
  ASSIGN: z.object({
    stepId: text(100),
    stepName: optionalNote(500),
    assigneeUserId: text(100),
    unitId: text(100).optional(),
    budget: stepBudget.optional(),
  }),
  START_STEP: empty,
  HAND_OFF: z.object({ note: optionalNote() }).default({}),
  SEND_BACK: z.object({ reason: text(2000), toStepId: text(100).optional() }),
  SEND_TO_COORDINATING_BODY: z.object({
    subDossierId: text(100),
    coordinatingBodyId: text(100),
    budget: stepBudget.optional(),
  }),
  RECEIVE_COORDINATION_RESULT: z.object({ subDossierId: text(100), result: text(2000) }),
  REQUEST_PAYMENT: z.object({
    feeLines: z
      .array(
        z.object({
          name: text(500),
          amount: z.number().int('Số tiền tính bằng đồng.').min(0, 'Số tiền không được âm.'),
        }),
      )
      .max(50)
      .default([]),
    financialObligation: z.boolean().default(false),
  }),
  CONFIRM_PAYMENT: z.object({
    channel: z.enum(['ONLINE_NATIONAL_PORTAL', 'ONLINE_LOCAL_GATEWAY', 'OFFLINE']),
    receiptUrl: z.string().url('Đường dẫn biên lai không hợp lệ.').optional(),
  }),
  REQUEST_SUPPLEMENT: z.object({ items: itemList, reason: text(2000) }),
  SUBMIT_SUPPLEMENT: z.object({ note: optionalNote() }).default({}),
  REJECT_SUPPLEMENT: z.object({ note: text(2000) }),
  ACCEPT_SUPPLEMENT: empty,
  CLOSE_UNSUPPLEMENTED: z.object({ note: optionalNote() }).default({}),
  APOLOGIZE_AND_RESCHEDULE: z
    .object({
      reason: text(2000),
      newDueAt: instantInput.optional(),
      newDueDate: isoDate.optional(),
      signerName: optionalNote(200),
      letterNumber: optionalNote(100),
    })
    .refine((p) => (p.newDueAt === undefined) !== (p.newDueDate === undefined), {
      message: 'Phải nêu đúng một trong hai: thời điểm hẹn trả mới hoặc ngày hẹn trả mới.',
      path: ['newDueDate'],
    }),
  RECORD_DIGITIZATION: z.object({
    components: z.array(componentFlags).max(200),
    accountVerifiedWithVNeID: z.boolean().optional(),
  }),
  RESOLVE: z.object({
    outcome: z.enum(['APPROVED', 'REFUSED'], { message: 'Kết quả phải là APPROVED hoặc REFUSED.' }),
    resultNumber: optionalNote(100),
    signerName: optionalNote(200),
    signingCapacity: optionalNote(100),
    signedAt: instantInput.optional(),
    resultCode: optionalNote(100),
    fileUrl: z.string().url('Đường dẫn tệp kết quả không hợp lệ.').optional(),
    fileSha256: sha256.optional(),
    refusalReason: optionalNote(),
  }),
  DELIVER: z.object({
    method: z.enum(['COUNTER', 'POSTAL', 'ONLINE'], {
      message: 'Hình thức trả kết quả phải là COUNTER, POSTAL hoặc ONLINE.',
    }),
    recipient: z.object({
      type: z.enum(['APPLICANT', 'PROXY']),
      name: text(200),
      idNumber: optionalNote(50),
      authorisationRef: optionalNote(200),
    }),
    waybillNumber: optionalNote(100),
    pushedToPersonalDataStore: z.boolean().default(false),
  }),
  REQUEST_WITHDRAWAL: z.object({ reason: optionalNote(), channel: channel.optional() }).default({}),
  STOP: z.object({ reason: text(2000), legalGround: optionalNote(500), stopNoticeNumber: optionalNote(100) }),
} as const satisfies Record<DossierActionType, z.ZodType>;

export type DossierPayload<T extends DossierActionType> = z.output<(typeof dossierActionPayloadSchemas)[T]>;

export const dossierActor = z.object({ userId: text(100), role: z.enum(roles), unitId: text(100) });

/** The envelope; `payload` is checked per type by parseDossierPayload. */
export const dossierActionEnvelope = z
  .object({
    id: text(100),
    type: z.enum(dossierActionTypes, { message: 'Loại thao tác hồ sơ không hợp lệ.' }),
    actor: dossierActor,
    at: instantInput,
    payload: z.unknown().default({}),
  })
  .meta({ id: 'DossierAction' });

export type ParsedPayload = { ok: true; value: unknown } | { ok: false; fields: { field: string; message: string }[] };

export function parseDossierPayload(type: DossierActionType, payload: unknown): ParsedPayload {
  const r = dossierActionPayloadSchemas[type].safeParse(payload ?? {});
  if (r.success) return { ok: true, value: r.data };
  return {
    ok: false,
    fields: r.error.issues.map((i) => ({ field: ['payload', ...i.path].join('.'), message: i.message })),
  };
}
