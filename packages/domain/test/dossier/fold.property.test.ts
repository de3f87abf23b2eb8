/** Fold properties over random, mostly-legal action sequences (fast-check). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { localDateOf } from '../../src/calendar/index.js';
import {
  TRANSITIONS,
  decide,
  dossierActionTypes,
  foldDossier,
  initialDossierState,
  type DossierAction,
  type DossierActionType,
  type DossierState,
} from '../../src/dossier/index.js';
import { act, at, codeFor, ctx, samplePayload } from './helpers.js';

const allowedFrom = (s: DossierState): DossierActionType[] => [
  ...new Set(TRANSITIONS.filter((r) => r.from.includes(s.state)).map((r) => r.action)),
];

function payloadFor(type: DossierActionType, s: DossierState, when: number, variant: number): unknown {
  const date = localDateOf(when);
  switch (type) {
    case 'RECEIVE':
      return {
        channel: (['COUNTER', 'ONLINE', 'POSTAL'] as const)[variant % 3],
        dossierCode: codeFor(date, variant % 50),
        procedure: {
          timeLimit:
            variant % 4 === 0
              ? { value: 8, unit: 'WORKING_HOURS' }
              : { value: 1 + (variant % 7), unit: 'WORKING_DAYS' },
          dueTimeMode: variant % 2 ? 'END_OF_DAY' : 'SAME_TIME',
          supplementClockMode: [null, 'PAUSE', 'RESTART'][variant % 3],
          excludedPeriods: variant % 5 === 0 ? ['FINANCIAL_OBLIGATION'] : [],
        },
      };
    case 'RESOLVE':
      return s.state === 'AWAITING_SUPPLEMENT' || s.state === 'SUPPLEMENT_SUBMITTED'
        ? { outcome: 'REFUSED', refusalReason: 'Không đủ điều kiện' }
        : samplePayload.RESOLVE(date);
    case 'APOLOGIZE_AND_RESCHEDULE':
      return { reason: 'Chậm', newDueAt: (s.dueAt ?? when) + (1 + (variant % 5)) * 86_400_000 };
    case 'SEND_TO_COORDINATING_BODY':
      return { subDossierId: `sub-${s.subDossiers.length}`, coordinatingBodyId: 'tax' };
    case 'RECEIVE_COORDINATION_RESULT':
      return { subDossierId: s.subDossiers.find((d) => d.returnedAt === null)?.id ?? 'none', result: 'ok' };
    case 'STOP':
      return { reason: 'Dừng', legalGround: variant % 2 ? 'Điều 21' : undefined };
    default:
      return samplePayload[type](date);
  }
}

const ENDING = new Set<DossierActionType>([
  'REFUSE_RECEPTION',
  'GUIDE_TO_OTHER_BODY',
  'CANCEL',
  'STOP',
  'REQUEST_WITHDRAWAL',
  'CLOSE_UNSUPPLEMENTED',
  'DELIVER',
  'RESOLVE',
]);

const step = fc.record({
  pickAllowed: fc.integer({ min: 0, max: 9 }),
  choice: fc.nat(),
  dtMinutes: fc.integer({ min: 0, max: 3 * 24 * 60 }),
  variant: fc.nat(100),
});
const scenario = fc.record({
  startHours: fc.integer({ min: 0, max: 24 * 20 }),
  steps: fc.array(step, { minLength: 1, maxLength: 40 }),
});

/** Builds the attempted actions and the incrementally decided states. */
interface Scenario {
  startHours: number;
  steps: { pickAllowed: number; choice: number; dtMinutes: number; variant: number }[];
}

function play(sc: Scenario) {
  let s = initialDossierState();
  let when = at('2025-06-20', '08:00') + sc.startHours * 3_600_000;
  const attempted: DossierAction[] = [];
  const accepted: DossierAction[] = [];
  const states: DossierState[] = [];
  for (const st of sc.steps) {
    when += st.dtMinutes * 60_000;
    const allowed = allowedFrom(s);
    // Mostly legal actions, and mostly ones that keep the dossier going, so that deep states are reached.
    const going = allowed.filter((t) => !ENDING.has(t));
    const pool =
      st.pickAllowed === 0 || allowed.length === 0
        ? [...dossierActionTypes]
        : st.pickAllowed < 8 && going.length > 0
          ? going
          : allowed;
    const type = pool[st.choice % pool.length]!;
    const a = act(type, when, payloadFor(type, s, when, st.variant));
    attempted.push(a);
    const r = decide(s, a, ctx);
    if (r.ok) {
      s = r.next;
      accepted.push(a);
      states.push(s);
    }
  }
  return { attempted, accepted, states, final: s };
}

const runs = { numRuns: 300 };

describe('fold properties', () => {
  test('rebuilding from the log equals step-by-step application', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const { accepted, final } = play(sc);
        assert.deepEqual(foldDossier(accepted, ctx), final);
      }),
      runs,
    );
  });

  test('refused actions in the log are skipped and reported, nothing else changes', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const { attempted, accepted, final } = play(sc);
        const all = foldDossier(attempted, ctx);
        assert.deepEqual({ ...all, anomalies: [] }, final);
        assert.equal(all.anomalies.length, attempted.length - accepted.length);
      }),
      runs,
    );
  });

  test('idempotent on duplicated ids', () => {
    fc.assert(
      fc.property(scenario, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 10 }), (sc, dups) => {
        const { accepted, final } = play(sc);
        if (accepted.length === 0) return;
        const log = [...accepted];
        for (const [which, where] of dups) {
          const k = where % (log.length + 1);
          const original = accepted[which % accepted.length]!;
          // A retry can only come after the original.
          const pos = Math.max(k, log.indexOf(original) + 1);
          log.splice(pos, 0, { ...original });
        }
        assert.deepEqual(foldDossier(log, ctx), final);
      }),
      runs,
    );
  });

  test('folding a prefix then the rest equals folding everything (projection update)', () => {
    fc.assert(
      fc.property(scenario, fc.nat(), (sc, cut) => {
        const { accepted, final } = play(sc);
        const k = accepted.length === 0 ? 0 : cut % (accepted.length + 1);
        assert.deepEqual(foldDossier(accepted.slice(k), ctx, foldDossier(accepted.slice(0, k), ctx)), final);
      }),
      runs,
    );
  });

  test('invariants: status code in 1..10, once-only counters, immutable reception facts, storable state', () => {
    fc.assert(
      fc.property(scenario, (sc) => {
        const { states } = play(sc);
        let code: string | null = null;
        let receivedAt: number | null = null;
        let originalDueAt: number | null = null;
        for (const s of states) {
          assert.ok(s.statusCode !== null && s.statusCode >= 1 && s.statusCode <= 10, `status ${s.statusCode}`);
          assert.ok(s.supplementRequestCount <= 1 && s.rescheduleCount <= 1 && s.receptionGuidanceCount <= 1);
          assert.ok(s.index766.supplementStatusCount <= 1);
          if (code !== null) assert.equal(s.dossierCode, code);
          if (receivedAt !== null) assert.equal(s.receivedAt, receivedAt);
          if (originalDueAt !== null) assert.equal(s.originalDueAt, originalDueAt);
          code = s.dossierCode;
          receivedAt = s.receivedAt;
          originalDueAt = s.originalDueAt;
          for (let k = 1; k < s.timeline.length; k++)
            assert.notEqual(s.timeline[k]!.statusCode, s.timeline[k - 1]!.statusCode);
          assert.ok(s.steps.filter((x) => x.endedAt === null).length <= 1);
          if (s.receivedAt !== null && s.dueAt !== null)
            assert.ok(s.dueAt >= (s.originalDueAt ?? 0) || s.supplement?.mode === 'RESTART');
          if (['RESOLVED', 'DELIVERED', 'STOPPED', 'WITHDRAWAL_REQUESTED'].includes(s.state)) {
            assert.equal(s.clock, 'STOPPED');
            assert.ok(s.pauses.every((p) => p.end !== null));
          }
        }
        const last = states.at(-1);
        if (last) assert.deepEqual(JSON.parse(JSON.stringify(last)), last);
      }),
      runs,
    );
  });
});

test('the generator visits every state (the properties above are not vacuous)', () => {
  const seen = new Set<string>();
  for (const sc of fc.sample(scenario, { numRuns: 600, seed: 42 })) for (const s of play(sc).states) seen.add(s.state);
  const missing = dossierStatesAfterFirstAction().filter((s) => !seen.has(s));
  assert.deepEqual(missing, []);
});

function dossierStatesAfterFirstAction(): string[] {
  return [
    ...new Set(
      TRANSITIONS.flatMap((r) =>
        typeof r.to === 'string' && !['SAME', 'RESUME', 'AFTER_SUPPLEMENT', 'AFTER_COORDINATION'].includes(r.to)
          ? [r.to]
          : [],
      ),
    ),
  ];
}
