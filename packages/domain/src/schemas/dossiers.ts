/**
 * The dossier API's wire shapes (pure zod, no I/O), shared by the server's routes and the web's types: the
 * officer's detail and queue row, the citizen's public tracking page, and the bodies of reception, online
 * submission, actions, rating and the list query. The web imports them as types only.
 */
import { z } from 'zod';
import { dossierActionTypes } from '../dossier/types';

// ---- Answers ----

export const applicantView = z.object({
  type: z.string().optional(),
  name: z.string(),
  idNumber: z.string().nullable().optional(),
  birthDate: z.string().nullable().optional(),
  address: z.string().nullable().optional(),
  phone: z.string().nullable().optional(),
  email: z.string().nullable().optional(),
  proxy: z
    .object({
      name: z.string(),
      idNumber: z.string().nullable().optional(),
      phone: z.string().nullable().optional(),
      email: z.string().nullable().optional(),
      address: z.string().nullable().optional(),
      authorisationRef: z.string().nullable().optional(),
    })
    .nullable()
    .optional(),
});

export const dossierSummary = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    unitId: z.string(),
    unitName: z.string(),
    procedureCode: z.string(),
    procedureName: z.string().nullable(),
    channel: z.string(),
    state: z.string(),
    statusCode: z.number(),
    statusName: z.string(),
    applicantName: z.string(),
    assigneeId: z.string().nullable(),
    submittedAt: z.string().nullable(),
    receivedAt: z.string().nullable(),
    dueAt: z.string().nullable(),
    /** Working hours left until the due time (negative when overdue); null without a due time or once ended. */
    workingHoursLeft: z.number().nullable(),
    /** The deadline clock (RUNNING, PAUSED, EXCLUDED, STOPPED…): tells a paused figure from a running one. */
    clock: z.string(),
    version: z.number(),
    /**
     * Only in `view=coordinating`: the open sub-dossier's own deadline at the unit asked for and the working hours
     * left to it (its calendar); null when it was sent without a budget. `dueAt` stays the citizen's appointment.
     */
    coordination: z.object({ dueAt: z.string(), workingHoursLeft: z.number() }).nullable().optional(),
  })
  .meta({ id: 'DossierSummary' });
export type DossierSummary = z.infer<typeof dossierSummary>;

export const dossierPaper = z.object({
  index: z.number(),
  name: z.string(),
  kind: z.string().nullable(),
  copies: z.number().nullable(),
  /** Required at reception (outside any alternative group); absent on dossiers received before it was recorded. */
  required: z.boolean().optional(),
  provided: z.boolean(),
});

export const processStepView = z.object({
  stepId: z.string(),
  name: z.string(),
  role: z.string().nullable(),
  hours: z.number(),
});

export const timelineItem = z.object({
  seq: z.number(),
  type: z.string(),
  at: z.string(),
  actorName: z.string().nullable(),
  actorRole: z.string(),
  payload: z.unknown(),
});

export const dossierView = dossierSummary
  .extend({
    applicant: applicantView,
    summary: z.string().nullable(),
    setCount: z.number(),
    papers: z.array(dossierPaper),
    originalDueAt: z.string().nullable(),
    rescheduledDueAt: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    /** Names of the officers the record refers to (step assignees), by user id. */
    people: z.record(z.string(), z.string()),
    deliveredAt: z.string().nullable(),
    regime: z.string().nullable(),
    /** Actions the viewer may try now (the state table and the viewer's roles; the rules are checked on send). */
    allowedActions: z.array(z.string()),
    /** The approved internal process of the procedure at the unit, if any. */
    process: z.object({ id: z.string(), steps: z.array(processStepView) }).nullable(),
    timeline: z.array(timelineItem),
    rating: z.object({ level: z.string(), ratedAt: z.string() }).nullable(),
    /** The folded DossierState (domain): steps, waits, supplement, apology, result, delivery, index facts. */
    record: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Dossier' });
export type DossierView = z.infer<typeof dossierView>;

/** The answer to `Prefer: return=minimal`: what changed, from the transaction itself. */
export const minimalView = z
  .object({
    id: z.string(),
    code: z.string().nullable(),
    version: z.number(),
    state: z.string(),
    statusCode: z.number().nullable(),
    dueAt: z.string().nullable(),
  })
  .meta({ id: 'DossierActionResult' });
export type MinimalView = z.infer<typeof minimalView>;

/** An action's answer: the detail, or the minimal one when asked for or when the viewer no longer sees the dossier. */
export const actionResult = z.union([dossierView, minimalView]);

export const dossierPage = z.object({ items: z.array(dossierSummary), nextCursor: z.string().nullable() });
export const myDossierList = z.object({ items: z.array(dossierSummary) });

export const assigneeList = z.object({
  items: z.array(z.object({ userId: z.string(), name: z.string(), roles: z.array(z.string()) })),
});

export const publicView = z
  .object({
    code: z.string(),
    procedureCode: z.string(),
    procedureName: z.string().nullable(),
    unitName: z.string(),
    state: z.string(),
    statusCode: z.number(),
    statusName: z.string(),
    receivedAt: z.string().nullable(),
    /** The appointment in force: the rescheduled one after an apology, else the original. */
    appointmentAt: z.string().nullable(),
    originalAppointmentAt: z.string().nullable(),
    rescheduledAppointmentAt: z.string().nullable(),
    resultReady: z.boolean(),
    /** Public events only: national status changes, with the step's timeliness where one ended. */
    timeline: z.array(z.object({ type: z.string(), statusCode: z.number(), statusName: z.string(), at: z.string() })),
    steps: z.array(
      z.object({ name: z.string().nullable(), endedAt: z.string().nullable(), timeliness: z.string().nullable() }),
    ),
    supplementItems: z.array(z.string()).nullable(),
    rateable: z.boolean(),
    rating: z.string().nullable(),
  })
  .meta({ id: 'PublicDossier' });
export type PublicDossier = z.infer<typeof publicView>;

export const ratingResult = z.object({ level: z.string() });

// ---- Requests ----

const nfc = (s: string) => s.normalize('NFC');
const name = (max: number, message: string) => z.string().trim().min(1, message).max(max).transform(nfc);
const optionalText = (max: number) => z.string().trim().max(max).transform(nfc).optional();
const phone = z
  .string()
  .trim()
  .regex(/^\+?\d[\d .-]{6,18}\d$/, 'Số điện thoại không hợp lệ.');
const idNumber = z
  .string()
  .trim()
  .regex(/^\d{9,12}$/, 'Số định danh cá nhân gồm 9 đến 12 chữ số.');
const email = z.email({ message: 'Địa chỉ thư điện tử không hợp lệ.' }).max(200);

export const applicantInput = z.strictObject({
  type: z.enum(['PERSON', 'ORGANISATION']).default('PERSON'),
  name: name(300, 'Phải nhập họ tên người nộp.'),
  phone: phone.optional(),
  idNumber: idNumber.optional(),
  birthDate: z.iso.date({ message: 'Ngày sinh có dạng YYYY-MM-DD.' }).optional(),
  address: optionalText(500),
  email: email.optional(),
  proxy: z
    .strictObject({
      name: name(300, 'Phải nhập họ tên người được ủy quyền.'),
      idNumber: idNumber.optional(),
      phone: phone.optional(),
      email: email.optional(),
      address: optionalText(500),
      authorisationRef: optionalText(200),
    })
    .optional(),
});

export const papersInput = z
  .array(z.strictObject({ index: z.number().int().min(0).max(500), provided: z.boolean() }))
  .max(200)
  .optional();

const unitId = z.uuid({ message: 'Mã đơn vị không hợp lệ (UUID).' });
const procedureCode = z.string().trim().min(1).max(40);
const setCount = z.number().int().min(1).max(100).default(1);

export const receiveBody = z.strictObject({
  unitId,
  procedureCode,
  channel: z.enum(['COUNTER', 'POSTAL'], { message: 'Kênh tiếp nhận phải là COUNTER hoặc POSTAL.' }),
  applicant: applicantInput,
  summary: optionalText(2000),
  setCount,
  /** The checklist of the procedure's papers; when sent, every required paper must be ticked. */
  papers: papersInput,
  receivedAt: z.string().max(40).optional(),
  postal: z.strictObject({ waybillNumber: name(100, 'Phải nhập số vận đơn bưu chính.') }).optional(),
});
export type ReceiveBody = z.infer<typeof receiveBody>;

export const submitBody = z.strictObject({
  unitId,
  procedureCode,
  applicant: applicantInput,
  summary: optionalText(2000),
  setCount,
});
export type SubmitBody = z.infer<typeof submitBody>;

export const actionBody = z.strictObject({
  type: z.enum(dossierActionTypes, { message: 'Loại thao tác hồ sơ không hợp lệ.' }),
  payload: z.record(z.string(), z.unknown()).default({}),
  /** When the action happened, if earlier than now (a paper step recorded afterwards); never in the future. */
  at: z.string().max(40).optional(),
});
export type ActionBody = z.infer<typeof actionBody>;

export const ratingBody = z.strictObject({
  level: z.enum(['VERY_SATISFIED', 'SATISFIED', 'DISSATISFIED'], {
    message: 'Mức đánh giá là Rất hài lòng, Hài lòng hoặc Không hài lòng.',
  }),
  /** Optional criteria of the legacy list (spec §16), 1–12, each scored 0–2. */
  criteria: z
    .array(
      z.strictObject({
        code: z.string().regex(/^(?:[1-9]|1[0-2])$/, 'Tiêu chí từ 1 đến 12.'),
        value: z.number().int().min(0).max(2),
      }),
    )
    .max(12)
    .default([]),
  comment: z
    .string()
    .trim()
    .max(2000)
    .transform((s) => s.normalize('NFC'))
    .optional(),
});
export type RatingBody = z.infer<typeof ratingBody>;

/** The public lookup's path and query: the code and the last four digits of the phone or ID number. */
export const publicCodeParams = z.object({ code: z.string().max(60) });
export const publicCheckQuery = z.object({ check: z.string().max(20).default('') });

export const listQuery = z.strictObject({
  /**
   * assigned: the caller's own queue; unit: the unit's dossiers (with `unitId`); coordinating: other units'
   * dossiers with a sub-dossier open at `unitId` (liên thông).
   */
  view: z.enum(['assigned', 'unit', 'coordinating']).default('unit'),
  unitId: z.uuid({ message: 'Mã đơn vị không hợp lệ.' }).optional(),
  includeSubtree: z.enum(['true', 'false']).default('false'),
  /** Comma-separated states, e.g. SUBMITTED,RECEIVED; `active` = every state still in progress. */
  state: z.string().max(400).optional(),
  q: z.string().trim().max(100).optional(),
  /** Only dossiers due within this many working hours (overdue included): the early-warning list. */
  dueWithinHours: z.coerce.number().min(0).max(2000).optional(),
  cursor: z.string().max(400).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListQuery = z.infer<typeof listQuery>;
