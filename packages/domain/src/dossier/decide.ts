/**
 * decide(): validates one new action against the table and returns the next state with its events.
 * The server calls it before appending; the fold calls it for every logged action, so rebuilding a
 * projection and applying actions one by one cannot disagree.
 */
import { parseInstant } from '../calendar/index.js';
import { effects } from './effects.js';
import { refuse, type DossierRefusal } from './errors.js';
import type { DossierEvent } from './events.js';
import { guards } from './guards.js';
import { indexFactsOf } from './indexFacts.js';
import { governingRegime, optionsOf, regimeFor, rulesOf, type DossierContext } from './regimes.js';
import { parseDossierPayload } from './schemas.js';
import { stateInfo } from './statusCodes.js';
import { findTransition, type TransitionRow } from './table.js';
import type { NormalizedAction, TransitionInput } from './transition.js';
import {
  dossierActionTypes,
  type ClockState,
  type DossierAction,
  type DossierState,
  type DossierStateName,
} from './types.js';

export type DecideResult =
  | { ok: true; next: DossierState; events: DossierEvent[]; row: TransitionRow | null; duplicate: boolean }
  | DossierRefusal;

export function initialDossierState(): DossierState {
  return {
    state: 'NONE',
    statusCode: null,
    subStatus: null,
    clock: 'NOT_STARTED',
    regime: null,
    channel: null,
    dossierCode: null,
    receivingUnitId: null,
    procedure: null,
    submittedAt: null,
    receivedAt: null,
    officialReceiptAt: null,
    transferDueAt: null,
    transferredAt: null,
    transferLate: false,
    dueAt: null,
    originalDueAt: null,
    supplementAdjustedDueAt: null,
    rescheduledDueAt: null,
    resolvedAt: null,
    deliveredAt: null,
    withdrawalRequestedAt: null,
    stoppedAt: null,
    pauses: [],
    receptionGuidanceCount: 0,
    supplementRequestCount: 0,
    rescheduleCount: 0,
    receptionNote: null,
    supplement: null,
    apology: null,
    steps: [],
    subDossiers: [],
    payment: null,
    result: null,
    delivery: null,
    withdrawal: null,
    stop: null,
    digitization: { components: [], accountVerifiedWithVNeID: false },
    timeline: [],
    index766: {
      counted: false,
      supplementStatusCount: 0,
      endEvent: null,
      waitingForCitizenSince: null,
      supplementElapsedMs: 0,
      syncedDueAt: null,
      onTime: null,
      late: false,
      completedTimeliness: null,
    },
    resumeTo: null,
    lastActionAt: null,
    actionIds: [],
    anomalies: [],
  };
}

function clockOf(s: DossierState): ClockState {
  if (s.state === 'AWAITING_SUPPLEMENT' || s.state === 'SUPPLEMENT_SUBMITTED')
    return s.supplement?.mode === 'RESTART' ? 'STOPPED' : 'PAUSED';
  if (s.state === 'AWAITING_PAYMENT') return s.payment?.excludedFromDeadline ? 'EXCLUDED' : 'RUNNING';
  return stateInfo[s.state].clock;
}

function targetOf(row: TransitionRow, before: DossierState, after: DossierState): DossierStateName {
  switch (row.to) {
    case 'SAME':
      return before.state;
    case 'RESUME':
      return before.resumeTo ?? 'HANDED_OFF';
    case 'AFTER_SUPPLEMENT':
      // RESTART: processing starts again at the first step, which is assigned anew.
      return before.supplement?.mode === 'RESTART' ? 'HANDED_OFF' : (before.resumeTo ?? 'HANDED_OFF');
    case 'AFTER_COORDINATION':
      return after.subDossiers.some((d) => d.returnedAt === null) ? 'COORDINATING' : (before.resumeTo ?? 'IN_STEP');
    default:
      return row.to;
  }
}

function normalize(action: DossierAction): NormalizedAction | DossierRefusal {
  if (!(dossierActionTypes as readonly string[]).includes(action.type)) {
    return refuse('DOSSIER_PAYLOAD_INVALID', [{ field: 'type', message: 'Loại thao tác hồ sơ không hợp lệ.' }]);
  }
  let at: number;
  try {
    at = parseInstant(action.at);
  } catch {
    return refuse('DOSSIER_PAYLOAD_INVALID', [{ field: 'at', message: 'Thời điểm không hợp lệ.' }]);
  }
  const parsed = parseDossierPayload(action.type, action.payload);
  if (!parsed.ok) return refuse('DOSSIER_PAYLOAD_INVALID', parsed.fields);
  return { id: action.id, type: action.type, actor: action.actor, at, payload: parsed.value } as NormalizedAction;
}

export function decide(state: DossierState, action: DossierAction, ctx: DossierContext): DecideResult {
  // Idempotency: a retried id returns the current state and no new events.
  if (state.actionIds.includes(action.id)) return { ok: true, next: state, events: [], row: null, duplicate: true };
  const a = normalize(action);
  if ('ok' in a) return a;
  if (state.lastActionAt !== null && a.at < state.lastActionAt) return refuse('DOSSIER_ACTION_OUT_OF_ORDER');

  const row = findTransition(state.state, a.type);
  if (!row) return refuse('DOSSIER_ACTION_NOT_ALLOWED', undefined, `${a.type} from ${state.state}`);
  const options = optionsOf(ctx);
  if (options.enforceRoles && !row.roles.includes(a.actor.role)) return refuse('DOSSIER_ROLE_NOT_ALLOWED');

  const regime =
    state.regime === null ? (regimeFor(a.at, ctx.ruleSets)?.id ?? null) : governingRegime(state, a.at, ctx);
  if (row.regimes && (regime === null || !row.regimes.includes(regime))) return refuse('DOSSIER_ACTION_NOT_IN_REGIME');
  const input: TransitionInput = {
    state,
    action: a,
    ctx,
    regime,
    rules: regime === null ? null : rulesOf(regime, ctx),
    options,
  };

  for (const g of row.guards) {
    const r = guards[g](input);
    if (r) return r;
  }

  let s = state;
  for (const e of row.effects) s = effects[e](s, input);
  const to = targetOf(row, state, s);
  const statusCode = stateInfo[to].statusCode;
  const statusChanged = statusCode !== null && statusCode !== state.statusCode;
  s = {
    ...s,
    state: to,
    statusCode,
    subStatus: to === 'COORDINATING' ? 'INTEROPERATING' : null,
    resumeTo: waitsOrCoordinates(to) ? s.resumeTo : null,
    timeline: statusChanged ? [...s.timeline, { statusCode, at: a.at, actionId: a.id }] : s.timeline,
    lastActionAt: a.at,
    actionIds: [...s.actionIds, a.id],
  };
  s = { ...s, clock: clockOf(s) };
  s = { ...s, index766: indexFactsOf(s, options) };

  return {
    ok: true,
    next: s,
    events: eventsOf(row, state, s, a, regime, input.rules?.formSet ?? '2018'),
    row,
    duplicate: false,
  };
}

function waitsOrCoordinates(st: DossierStateName): boolean {
  return (
    st === 'AWAITING_SUPPLEMENT' || st === 'SUPPLEMENT_SUBMITTED' || st === 'AWAITING_PAYMENT' || st === 'COORDINATING'
  );
}

function eventsOf(
  row: TransitionRow,
  before: DossierState,
  after: DossierState,
  a: NormalizedAction,
  regime: ReturnType<typeof governingRegime>,
  formSet: '2018' | '2025',
): DossierEvent[] {
  const ev: DossierEvent[] = [
    {
      type: 'TRANSITION',
      actionId: a.id,
      actionType: a.type,
      rowId: row.id,
      from: before.state,
      to: after.state,
      statusCode: after.statusCode,
      statusChanged: after.timeline.length > before.timeline.length,
      at: a.at,
      actorId: a.actor.userId,
      unitId: a.actor.unitId,
    },
  ];
  if (after.dueAt !== null && after.dueAt !== before.dueAt)
    ev.push({ type: 'DUE_CHANGED', actionType: a.type, from: before.dueAt, to: after.dueAt, at: a.at });
  if (row.notify) ev.push({ type: 'NOTIFY', topic: row.notify, at: a.at });
  for (const d of row.documents ?? []) {
    if (!d.regimes || (regime !== null && d.regimes.includes(regime)))
      ev.push({ type: 'DOCUMENT', form: d.form, formSet, at: a.at });
  }
  return ev;
}
