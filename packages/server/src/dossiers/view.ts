/** What the API shows of a dossier: the officer's detail, a queue row, the citizen's public page. */
import { formatInstantVN } from '@motcua/domain/calendar/index';
import { nationalStatusNames, type DossierState, type NationalStatusCode } from '@motcua/domain/dossier/index';
import {
  applicantView,
  dossierPaper,
  type DossierSummary,
  type DossierView,
  type MinimalView,
} from '@motcua/domain/schemas/dossiers';
import type { ActionRow, Applicant, DossierRow, Paper, ProcessStep } from './store';

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : formatInstantVN(ms));
export const statusName = (code: number) => nationalStatusNames[code as NationalStatusCode];

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
  // Object.assign, not `{ ...summaryOf(), applicant, … }`: V8 (Node 20) adds each key that follows a spread by a slow
  // runtime call, ≈ 28 µs for this answer against 0.3 µs (docs/performance.md, tenth look).
  return Object.assign(summaryOf(row, extra.workingHoursLeft), {
    applicant: applicantOf(row.applicant),
    summary: row.summary,
    setCount: row.setCount,
    papers: row.papers.map(paperOf),
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
  });
}

// The stored applicant and papers are jsonb: copied into the answer with the keys their answer schemas name (the
// answer is not copied by its schema in production, platform/responseSerializer.ts), so a field added to a schema
// is sent without a second list to keep in step.
const applicantKeys = Object.keys(applicantView.shape);
const proxyKeys = Object.keys(applicantView.shape.proxy.unwrap().unwrap().shape);
const paperKeys = Object.keys(dossierPaper.shape);

/** The keys of `source` that `keys` names and that are set (a fresh object, so no key follows a spread). */
function picked<T>(source: object, keys: readonly string[]): T {
  const out: Record<string, unknown> = {};
  for (const k of keys) {
    const v = (source as Record<string, unknown>)[k];
    if (v !== undefined) out[k] = v;
  }
  return out as T;
}

function applicantOf(a: Applicant): DossierView['applicant'] {
  const out = picked<DossierView['applicant']>(a, applicantKeys);
  if (a.proxy) out.proxy = picked(a.proxy, proxyKeys);
  return out;
}

const paperOf = (p: Paper) => picked<DossierView['papers'][number]>(p, paperKeys);

export function minimalOf(id: string, version: number, s: DossierState): MinimalView {
  return { id, code: s.dossierCode, version, state: s.state, statusCode: s.statusCode, dueAt: iso(s.dueAt) };
}
