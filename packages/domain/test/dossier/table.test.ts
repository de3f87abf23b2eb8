/**
 * Every action from every state: the expected outcome is written out here, independently of the table,
 * and checked both against findTransition and by running decide() on a dossier in that state.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  TRANSITIONS,
  dossierActionTypes,
  dossierStates,
  findTransition,
  initialDossierState,
  type DossierAction,
  type DossierActionType,
  type DossierStateName,
} from '../../src/dossier/index.js';
import { act, at, receivePayload, refusedCode, run, samplePayload } from './helpers.js';

const D = '2025-11-03';
const t = (min: number) => at(D, '08:00') + min * 60_000;

const toInStep = (): DossierAction[] => [
  act('RECEIVE', t(0), receivePayload(D)),
  act('TRANSFER', t(1), { toUnitId: 'unit-2' }),
  act('ASSIGN', t(2), samplePayload.ASSIGN(D)),
  act('START_STEP', t(3)),
];

const fixtures: Record<DossierStateName, () => DossierAction[]> = {
  NONE: () => [],
  SUBMITTED: () => [act('SUBMIT', t(0), { channel: 'ONLINE' })],
  GUIDED_TO_COMPLETE: () => [
    act('SUBMIT', t(0), { channel: 'ONLINE' }),
    act('GUIDE_TO_COMPLETE', t(1), samplePayload.GUIDE_TO_COMPLETE(D)),
  ],
  GUIDED_TO_OTHER_BODY: () => [act('GUIDE_TO_OTHER_BODY', t(0), samplePayload.GUIDE_TO_OTHER_BODY(D))],
  CANCELLED: () => [act('SUBMIT', t(0), { channel: 'ONLINE' }), act('CANCEL', t(1))],
  REJECTED_AT_RECEPTION: () => [act('REFUSE_RECEPTION', t(0), samplePayload.REFUSE_RECEPTION(D))],
  RECEIVED: () => [act('RECEIVE', t(0), receivePayload(D))],
  HANDED_OFF: () => toInStep().slice(0, 2),
  ASSIGNED: () => toInStep().slice(0, 3),
  IN_STEP: toInStep,
  SENT_BACK: () => [...toInStep(), act('SEND_BACK', t(10), { reason: 'x' })],
  COORDINATING: () => [
    ...toInStep(),
    act('SEND_TO_COORDINATING_BODY', t(10), { subDossierId: 'sub-1', coordinatingBodyId: 'tax' }),
  ],
  AWAITING_PAYMENT: () => [...toInStep(), act('REQUEST_PAYMENT', t(10), samplePayload.REQUEST_PAYMENT(D))],
  AWAITING_SUPPLEMENT: () => [...toInStep(), act('REQUEST_SUPPLEMENT', t(10), samplePayload.REQUEST_SUPPLEMENT(D))],
  SUPPLEMENT_SUBMITTED: () => [
    ...toInStep(),
    act('REQUEST_SUPPLEMENT', t(10), samplePayload.REQUEST_SUPPLEMENT(D)),
    act('SUBMIT_SUPPLEMENT', t(11)),
  ],
  RESOLVED: () => [...toInStep(), act('RESOLVE', t(10), samplePayload.RESOLVE(D))],
  DELIVERED: () => [
    ...toInStep(),
    act('RESOLVE', t(10), samplePayload.RESOLVE(D)),
    act('DELIVER', t(11), samplePayload.DELIVER(D)),
  ],
  WITHDRAWAL_REQUESTED: () => [...toInStep(), act('REQUEST_WITHDRAWAL', t(10))],
  STOPPED: () => [...toInStep(), act('REQUEST_WITHDRAWAL', t(10)), act('STOP', t(11), { reason: 'Rút hồ sơ' })],
};

/** Allowed actions per state and the outcome of the sample action ('ok' or the guard's code). */
const ACTIVE_COMMON = {
  REQUEST_WITHDRAWAL: 'ok',
  STOP: 'ok',
  RECORD_DIGITIZATION: 'ok',
} as const;
const expected: Record<DossierStateName, Partial<Record<DossierActionType, string>>> = {
  NONE: { SUBMIT: 'ok', GUIDE_TO_OTHER_BODY: 'ok', GUIDE_TO_COMPLETE: 'ok', REFUSE_RECEPTION: 'ok', RECEIVE: 'ok' },
  SUBMITTED: {
    CANCEL: 'ok',
    GUIDE_TO_OTHER_BODY: 'ok',
    GUIDE_TO_COMPLETE: 'ok',
    REFUSE_RECEPTION: 'ok',
    RECEIVE: 'ok',
  },
  GUIDED_TO_COMPLETE: { SUBMIT: 'ok', CANCEL: 'ok' },
  GUIDED_TO_OTHER_BODY: {},
  CANCELLED: {},
  REJECTED_AT_RECEPTION: {},
  RECEIVED: {
    ...ACTIVE_COMMON,
    TRANSFER: 'ok',
    ASSIGN: 'ok',
    REQUEST_SUPPLEMENT: 'ok',
    APOLOGIZE_AND_RESCHEDULE: 'ok',
    RESOLVE: 'ok',
  },
  HANDED_OFF: {
    ...ACTIVE_COMMON,
    ASSIGN: 'ok',
    REQUEST_PAYMENT: 'ok',
    REQUEST_SUPPLEMENT: 'ok',
    APOLOGIZE_AND_RESCHEDULE: 'ok',
    RESOLVE: 'ok',
  },
  ASSIGNED: {
    ...ACTIVE_COMMON,
    ASSIGN: 'ok',
    START_STEP: 'ok',
    REQUEST_PAYMENT: 'ok',
    REQUEST_SUPPLEMENT: 'ok',
    APOLOGIZE_AND_RESCHEDULE: 'ok',
    RESOLVE: 'ok',
  },
  IN_STEP: {
    ...ACTIVE_COMMON,
    HAND_OFF: 'ok',
    SEND_BACK: 'ok',
    SEND_TO_COORDINATING_BODY: 'ok',
    REQUEST_PAYMENT: 'ok',
    REQUEST_SUPPLEMENT: 'ok',
    APOLOGIZE_AND_RESCHEDULE: 'ok',
    RESOLVE: 'ok',
  },
  SENT_BACK: {
    ...ACTIVE_COMMON,
    ASSIGN: 'ok',
    REQUEST_PAYMENT: 'ok',
    REQUEST_SUPPLEMENT: 'ok',
    APOLOGIZE_AND_RESCHEDULE: 'ok',
    RESOLVE: 'ok',
  },
  COORDINATING: {
    ...ACTIVE_COMMON,
    SEND_TO_COORDINATING_BODY: 'ok',
    RECEIVE_COORDINATION_RESULT: 'ok',
    APOLOGIZE_AND_RESCHEDULE: 'ok',
  },
  AWAITING_PAYMENT: { ...ACTIVE_COMMON, CONFIRM_PAYMENT: 'ok', APOLOGIZE_AND_RESCHEDULE: 'ok' },
  AWAITING_SUPPLEMENT: {
    ...ACTIVE_COMMON,
    SUBMIT_SUPPLEMENT: 'ok',
    REQUEST_SUPPLEMENT: 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED',
    CLOSE_UNSUPPLEMENTED: 'DOSSIER_SUPPLEMENT_CLOSE_TOO_EARLY',
    RESOLVE: 'DOSSIER_REFUSAL_ONLY',
  },
  SUPPLEMENT_SUBMITTED: {
    ...ACTIVE_COMMON,
    ACCEPT_SUPPLEMENT: 'ok',
    REJECT_SUPPLEMENT: 'ok',
    REQUEST_SUPPLEMENT: 'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED',
    RESOLVE: 'DOSSIER_REFUSAL_ONLY',
  },
  RESOLVED: { DELIVER: 'ok', RECORD_DIGITIZATION: 'ok' },
  DELIVERED: {},
  WITHDRAWAL_REQUESTED: { STOP: 'ok' },
  STOPPED: {},
};

describe('state table: every action from every state', () => {
  test('the table has one row per (state, action) and mentions only known names', () => {
    for (const row of TRANSITIONS) {
      assert.ok(dossierActionTypes.includes(row.action), row.id);
      for (const f of row.from) assert.ok(dossierStates.includes(f), `${row.id} ${f}`);
    }
  });

  for (const state of dossierStates) {
    describe(state, () => {
      const log = fixtures[state]();
      const s = run(log);
      test('fixture reaches the state', () => assert.equal(s.state, state));
      for (const type of dossierActionTypes) {
        const want = expected[state][type];
        test(`${type} → ${want ?? 'DOSSIER_ACTION_NOT_ALLOWED'}`, () => {
          assert.equal(findTransition(state, type) !== undefined, want !== undefined, 'table row');
          const when = (s.lastActionAt ?? t(0)) + 60_000;
          assert.equal(refusedCode(s, act(type, when, samplePayload[type](D))), want ?? 'DOSSIER_ACTION_NOT_ALLOWED');
        });
      }
    });
  }

  test('terminal states allow nothing', () => {
    for (const st of ['GUIDED_TO_OTHER_BODY', 'CANCELLED', 'REJECTED_AT_RECEPTION', 'DELIVERED', 'STOPPED'] as const) {
      assert.equal(dossierActionTypes.filter((a) => findTransition(st, a)).length, 0, st);
    }
  });

  test('a role outside the row is refused with DOSSIER_ROLE_NOT_ALLOWED', () => {
    const s = run(fixtures.IN_STEP());
    assert.equal(
      refusedCode(s, act('RESOLVE', t(30), samplePayload.RESOLVE(D), 'CITIZEN')),
      'DOSSIER_ROLE_NOT_ALLOWED',
    );
    assert.equal(
      refusedCode(initialDossierState(), act('RECEIVE', t(0), receivePayload(D), 'CITIZEN')),
      'DOSSIER_ROLE_NOT_ALLOWED',
    );
  });

  test('a bad payload is refused with field errors in Vietnamese', () => {
    const s = run(fixtures.IN_STEP());
    const r = refusedCode(s, act('REQUEST_SUPPLEMENT', t(30), { items: [], reason: '' }));
    assert.equal(r, 'DOSSIER_PAYLOAD_INVALID');
  });

  test('an action dated before the previous one is refused', () => {
    const s = run(fixtures.IN_STEP());
    assert.equal(refusedCode(s, act('HAND_OFF', t(0))), 'DOSSIER_ACTION_OUT_OF_ORDER');
  });
});
