/** What the API shows of a dossier: the officer's detail, a queue row, the citizen's public page. */
import { z } from 'zod';
import { formatInstantVN } from '@motcua/domain/calendar/index';
import { nationalStatusNames, type DossierState, type NationalStatusCode } from '@motcua/domain/dossier/index';
import type { ActionRow, DossierRow, ProcessStep } from './store';

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : formatInstantVN(ms));
export const statusName = (code: number) => nationalStatusNames[code as NationalStatusCode];

const applicantView = z.object({
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
  })
  .meta({ id: 'DossierSummary' });
export type DossierSummary = z.infer<typeof dossierSummary>;

export const dossierView = dossierSummary
  .extend({
    applicant: applicantView,
    summary: z.string().nullable(),
    setCount: z.number(),
    papers: z.array(
      z.object({
        index: z.number(),
        name: z.string(),
        kind: z.string().nullable(),
        copies: z.number().nullable(),
        required: z.boolean().optional(),
        provided: z.boolean(),
      }),
    ),
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
    process: z
      .object({
        id: z.string(),
        steps: z.array(
          z.object({ stepId: z.string(), name: z.string(), role: z.string().nullable(), hours: z.number() }),
        ),
      })
      .nullable(),
    timeline: z.array(
      z.object({
        seq: z.number(),
        type: z.string(),
        at: z.string(),
        actorName: z.string().nullable(),
        actorRole: z.string(),
        payload: z.unknown(),
      }),
    ),
    rating: z.object({ level: z.string(), ratedAt: z.string() }).nullable(),
    /** The folded DossierState (domain): steps, waits, supplement, apology, result, delivery, index facts. */
    record: z.record(z.string(), z.unknown()),
  })
  .meta({ id: 'Dossier' });
export type DossierView = z.infer<typeof dossierView>;

export function summaryOf(row: DossierRow, workingHoursLeft: number | null): DossierSummary {
  const s = row.stateJson;
  return {
    id: row.id,
    code: row.code,
    unitId: row.unitId,
    unitName: row.unitName,
    procedureCode: row.procedureCode,
    procedureName: row.procedureName,
    channel: row.channel,
    state: row.state,
    statusCode: row.statusCode,
    statusName: statusName(row.statusCode),
    applicantName: row.applicantName,
    assigneeId: row.assigneeId,
    submittedAt: iso(s.submittedAt),
    receivedAt: iso(s.receivedAt),
    dueAt: iso(s.dueAt),
    workingHoursLeft,
    clock: s.clock,
    version: row.version,
  };
}

export const stepIdOf = (index: number) => `step-${index + 1}`;

export function detailOf(
  row: DossierRow,
  extra: {
    workingHoursLeft: number | null;
    allowedActions: string[];
    process: { id: string; steps: ProcessStep[] } | undefined;
    actions: ActionRow[];
    rating: { level: string; ratedAt: Date } | undefined;
    people: Map<string, string>;
  },
): DossierView {
  const s = row.stateJson;
  return {
    ...summaryOf(row, extra.workingHoursLeft),
    applicant: row.applicant,
    summary: row.summary,
    setCount: row.setCount,
    papers: row.papers,
    originalDueAt: iso(s.originalDueAt),
    rescheduledDueAt: iso(s.rescheduledDueAt),
    resolvedAt: iso(s.resolvedAt),
    people: Object.fromEntries(extra.people),
    deliveredAt: iso(s.deliveredAt),
    regime: s.regime,
    allowedActions: extra.allowedActions,
    process: extra.process
      ? {
          id: extra.process.id,
          steps: extra.process.steps.map((st, i) => ({
            stepId: stepIdOf(i),
            name: st.name,
            role: st.role ?? null,
            hours: st.hours,
          })),
        }
      : null,
    timeline: extra.actions.map((a) => ({
      seq: a.seq,
      type: a.type,
      at: formatInstantVN(a.at.getTime()),
      actorName: a.actorName,
      actorRole: a.actorRole,
      payload: a.payload,
    })),
    rating: extra.rating
      ? { level: extra.rating.level, ratedAt: formatInstantVN(extra.rating.ratedAt.getTime()) }
      : null,
    record: s as unknown as Record<string, unknown>,
  };
}

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

export function minimalOf(id: string, version: number, s: DossierState): z.infer<typeof minimalView> {
  return { id, code: s.dossierCode, version, state: s.state, statusCode: s.statusCode, dueAt: iso(s.dueAt) };
}
