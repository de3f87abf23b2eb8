import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInstantVN } from '../../src/calendar/index.js';
import {
  decide,
  dossierStates,
  nationalStatusNames,
  stateInfo,
  statusCodeOf,
  stepTimeliness,
} from '../../src/dossier/index.js';
import { act, at, ctx, receivePayload, refusedCode, run, samplePayload } from './helpers.js';

const vn = (ms: number | null) => (ms === null ? null : formatInstantVN(ms));

describe('national status codes (§6.1)', () => {
  test('mapping', () => {
    const want: Record<string, number | null> = {
      NONE: null,
      SUBMITTED: 1,
      GUIDED_TO_COMPLETE: 1,
      GUIDED_TO_OTHER_BODY: 3,
      CANCELLED: 7,
      REJECTED_AT_RECEPTION: 3,
      RECEIVED: 2,
      ASSIGNED: 4,
      IN_STEP: 4,
      HANDED_OFF: 4,
      SENT_BACK: 4,
      COORDINATING: 4,
      AWAITING_PAYMENT: 6,
      AWAITING_SUPPLEMENT: 5,
      SUPPLEMENT_SUBMITTED: 5,
      RESOLVED: 9,
      DELIVERED: 10,
      WITHDRAWAL_REQUESTED: 7,
      STOPPED: 8,
    };
    for (const st of dossierStates) assert.equal(statusCodeOf(st), want[st], st);
    assert.equal(nationalStatusNames[5], 'Yêu cầu bổ sung giấy tờ');
    for (const st of dossierStates) if (st !== 'NONE') assert.ok(stateInfo[st].label.length > 0);
  });

  test('a full online path: timeline 1 → 2 → 4 → 6 → 4 → 9 → 10 with facts', () => {
    const d = '2026-04-24';
    const s = run([
      act('SUBMIT', at(d, '07:30'), { channel: 'ONLINE' }),
      act('RECEIVE', at(d, '10:00'), {
        ...receivePayload(d, { excludedPeriods: ['FINANCIAL_OBLIGATION'] }, 'ONLINE'),
        accountVerifiedWithVNeID: true,
        components: [{ code: 'TK', digitized: true, reused: true }],
      }),
      act('ASSIGN', at(d, '10:05'), {
        stepId: 'appraise',
        assigneeUserId: 'u-s',
        budget: { value: 1, unit: 'WORKING_DAYS' },
      }),
      act('START_STEP', at(d, '10:10')),
      act('REQUEST_PAYMENT', at('2026-04-28', '08:00'), { feeLines: [{ name: 'Lệ phí', amount: 100_000 }] }),
      act('CONFIRM_PAYMENT', at('2026-04-29', '08:00'), { channel: 'ONLINE_NATIONAL_PORTAL' }),
      act('RESOLVE', at('2026-04-29', '09:00'), { ...samplePayload.RESOLVE(d), resultCode: 'KQ-1' }),
      act('DELIVER', at('2026-04-29', '10:00'), {
        method: 'ONLINE',
        recipient: { type: 'PROXY', name: 'Phạm D', authorisationRef: 'GUQ-1' },
        pushedToPersonalDataStore: true,
      }),
    ]);
    assert.deepEqual(
      s.timeline.map((e) => e.statusCode),
      [1, 2, 4, 6, 4, 9, 10],
    );
    assert.equal(s.state, 'DELIVERED');
    assert.equal(s.clock, 'STOPPED');
    // Due Wed 06/05 10:00, plus 8 excluded working hours of the payment wait (Tue 08:00 → Wed 08:00).
    assert.equal(vn(s.originalDueAt), '2026-05-06T10:00:00+07:00');
    assert.equal(vn(s.dueAt), '2026-05-07T10:00:00+07:00');
    assert.equal(s.pauses[0]!.deadlineEffect, 'EXCLUDE');
    assert.equal(s.payment?.status, 'PAID');
    assert.equal(s.result?.electronicCopySha256Present, true);
    assert.equal(s.result?.resultNumber, '12/QĐ-UBND');
    assert.equal(s.delivery?.recipientType, 'PROXY');
    assert.equal(s.delivery?.pushedToPersonalDataStore, true);
    assert.equal(s.digitization.accountVerifiedWithVNeID, true);
    assert.equal(s.digitization.components[0]?.reused, true);
    assert.equal(s.index766.endEvent?.kind, 'RESOLVED');
    assert.equal(s.index766.onTime, true);
    assert.equal(s.transferDueAt, null);
    // Step budget 8 h from Fri 24/04 10:05 to Wed 29/04 09:00: 4h55 (Fri) + 8 h (Tue; Mon 27/4 is off) + 2 h (Wed)
    // = 14h55, minus the 8 excluded hours of the payment wait = 6h55 < 8 h.
    const step = s.steps[0]!;
    assert.equal(step.endReason, 'RESOLVED');
    assert.equal(step.pausedWorkingMs, 8 * 3_600_000);
    assert.equal(step.usedWorkingMs, (6 * 60 + 55) * 60_000);
    assert.equal(step.timeliness, 'EARLY');
  });

  test('a payment wait that is not excluded leaves the deadline alone', () => {
    const d = '2026-04-24';
    const s = run([
      act('RECEIVE', at(d, '10:00'), receivePayload(d)),
      act('ASSIGN', at(d, '10:05'), samplePayload.ASSIGN(d)),
      act('REQUEST_PAYMENT', at('2026-04-28', '08:00'), samplePayload.REQUEST_PAYMENT(d)),
    ]);
    assert.equal(s.clock, 'RUNNING');
    const paid = run([act('CONFIRM_PAYMENT', at('2026-04-29', '08:00'), { channel: 'OFFLINE' })], ctx, s);
    assert.equal(paid.dueAt, paid.originalDueAt);
    assert.equal(paid.state, 'ASSIGNED');
  });

  test('payment request without any amount or obligation is refused', () => {
    const d = '2026-04-24';
    const s = run([
      act('RECEIVE', at(d, '10:00'), receivePayload(d)),
      act('ASSIGN', at(d, '10:05'), samplePayload.ASSIGN(d)),
    ]);
    assert.equal(
      refusedCode(s, act('REQUEST_PAYMENT', at(d, '11:00'), { feeLines: [{ name: 'Lệ phí', amount: 0 }] })),
      'DOSSIER_PAYMENT_NOT_REQUIRED',
    );
    assert.equal(refusedCode(s, act('REQUEST_PAYMENT', at(d, '11:00'), { financialObligation: true })), 'ok');
  });
});

describe('reception, transfer and the 15:00 rule', () => {
  test('paper dossier received 14:50 is due at the body by 17:00 the same day; 15:20 → next working day opening', () => {
    const d = '2025-12-31';
    const before = run([act('RECEIVE', at(d, '14:50'), receivePayload(d))]);
    assert.equal(vn(before.transferDueAt), '2025-12-31T17:00:00+07:00');
    const after = run([act('RECEIVE', at(d, '15:20'), receivePayload(d))]);
    assert.equal(vn(after.transferDueAt), '2026-01-05T07:00:00+07:00');
    const late = run([act('TRANSFER', at('2026-01-05', '09:00'), { toUnitId: 'x' })], ctx, after);
    assert.equal(late.transferLate, true);
  });
  test('Saturday reception keeps the real date in the code; the clock starts Monday', () => {
    const d = '2025-11-08';
    const s = run([
      act('RECEIVE', at(d, '09:10'), {
        ...receivePayload(d),
        procedure: { timeLimit: { value: 3, unit: 'WORKING_DAYS' }, dueTimeMode: 'END_OF_DAY' },
      }),
    ]);
    assert.equal(s.dossierCode, '000.00.06.H56-251108-0001');
    assert.equal(vn(s.officialReceiptAt), '2025-11-10T07:00:00+07:00');
    assert.equal(vn(s.dueAt), '2025-11-13T17:00:00+07:00');
  });
  test('the code date must be the receipt date', () => {
    const d = '2025-11-03';
    const r = decide(
      run([]),
      act('RECEIVE', at(d, '09:00'), { ...receivePayload(d), dossierCode: '000.00.06.H56-251102-0001' }),
      ctx,
    );
    assert.equal(!r.ok && r.code, 'DOSSIER_CODE_DATE_MISMATCH');
    const bad = decide(run([]), act('RECEIVE', at(d, '09:00'), { ...receivePayload(d), dossierCode: 'HS-1' }), ctx);
    assert.equal(!bad.ok && bad.code, 'DOSSIER_CODE_INVALID');
  });
  test('a same-day procedure with a 15:00 cut-off (example 10)', () => {
    const d = '2025-12-31';
    const s = run([
      act('RECEIVE', at(d, '15:20'), {
        ...receivePayload(d),
        procedure: { timeLimit: { value: 0, unit: 'SAME_DAY' }, cutoffTime: '15:00' },
      }),
    ]);
    assert.equal(vn(s.dueAt), '2026-01-05T17:00:00+07:00');
  });
});

describe('steps: budget, personal deadline, timeliness (§4, §14.2)', () => {
  const d = '2025-11-11';
  const open = () =>
    run([
      act('RECEIVE', at(d, '08:00'), receivePayload(d)),
      act('ASSIGN', at(d, '10:45'), {
        stepId: 'appraise',
        assigneeUserId: 'u-s',
        budget: { value: 3, unit: 'WORKING_HOURS' },
      }),
      act('START_STEP', at(d, '10:50')),
    ]);
  test('3 working hours from Tue 11/11 10:45 → 15:45 (example 17)', () => {
    assert.equal(vn(open().steps[0]!.stepDueAt), '2025-11-11T15:45:00+07:00');
  });
  for (const [time, want] of [
    ['15:00', 'EARLY'],
    ['15:45', 'ON_TIME'],
    ['16:00', 'OVERDUE'],
  ] as const) {
    test(`hand-off at ${time} → ${want}`, () => {
      const s = run([act('HAND_OFF', at(d, time))], ctx, open());
      assert.equal(s.steps[0]!.timeliness, want);
      assert.equal(s.steps[0]!.endReason, 'HANDED_OFF');
    });
  }
  test('send back, reassign and the control-sheet document row', () => {
    const r = decide(open(), act('SEND_BACK', at(d, '14:00'), { reason: 'Thiếu ý kiến' }), ctx);
    assert.ok(r.ok);
    assert.ok(r.events.some((e) => e.type === 'DOCUMENT' && e.form === 'PROCESS_CONTROL_SHEET_ROW'));
    const s = run(
      [
        act('ASSIGN', at(d, '14:10'), { stepId: 'receive', assigneeUserId: 'u-o' }),
        act('ASSIGN', at(d, '14:20'), { stepId: 'receive', assigneeUserId: 'u-p' }),
      ],
      ctx,
      r.next,
    );
    assert.deepEqual(
      s.steps.map((x) => x.endReason),
      ['SENT_BACK', 'REASSIGNED', null],
    );
  });
  test('stepTimeliness compares whole minutes', () => {
    assert.equal(stepTimeliness(3 * 3_600_000 + 20_000, 3 * 3_600_000), 'ON_TIME');
    assert.equal(stepTimeliness(3 * 3_600_000 + 40_000, 3 * 3_600_000), 'OVERDUE');
  });
});

describe('inter-agency sub-dossiers (T14)', () => {
  const d = '2025-11-11';
  test('the dossier waits in COORDINATING until every sub-dossier has returned', () => {
    const s = run([
      act('RECEIVE', at(d, '08:00'), receivePayload(d)),
      act('ASSIGN', at(d, '08:10'), samplePayload.ASSIGN(d)),
      act('START_STEP', at(d, '08:20')),
      act('SEND_TO_COORDINATING_BODY', at(d, '09:00'), {
        subDossierId: 'tax',
        coordinatingBodyId: 'thue',
        budget: { value: 2, unit: 'WORKING_DAYS' },
      }),
      act('SEND_TO_COORDINATING_BODY', at(d, '09:10'), { subDossierId: 'land', coordinatingBodyId: 'vpdk' }),
      act('RECEIVE_COORDINATION_RESULT', at(d, '10:00'), { subDossierId: 'tax', result: 'ok' }),
    ]);
    assert.equal(s.state, 'COORDINATING');
    assert.equal(s.subStatus, 'INTEROPERATING');
    assert.equal(vn(s.subDossiers[0]!.stepDueAt), '2025-11-13T09:00:00+07:00');
    assert.equal(
      refusedCode(s, act('RECEIVE_COORDINATION_RESULT', at(d, '10:30'), { subDossierId: 'tax', result: 'again' })),
      'DOSSIER_SUB_DOSSIER_UNKNOWN',
    );
    assert.equal(
      refusedCode(
        s,
        act('SEND_TO_COORDINATING_BODY', at(d, '10:30'), { subDossierId: 'land', coordinatingBodyId: 'x' }),
      ),
      'DOSSIER_SUB_DOSSIER_DUPLICATE',
    );
    const back = run(
      [act('RECEIVE_COORDINATION_RESULT', at(d, '11:00'), { subDossierId: 'land', result: 'ok' })],
      ctx,
      s,
    );
    assert.equal(back.state, 'IN_STEP');
    assert.equal(back.subStatus, null);
  });
});

describe('resolution, delivery, withdrawal, stop', () => {
  const d = '2025-11-11';
  const inStep = () =>
    run([
      act('RECEIVE', at(d, '08:00'), receivePayload(d)),
      act('ASSIGN', at(d, '08:10'), samplePayload.ASSIGN(d)),
      act('START_STEP', at(d, '08:20')),
    ]);
  test('an approval needs number and signer; a refusal needs its reason', () => {
    const r = decide(inStep(), act('RESOLVE', at(d, '09:00'), { outcome: 'APPROVED' }), ctx);
    assert.ok(!r.ok);
    assert.equal(r.code, 'DOSSIER_RESULT_INCOMPLETE');
    assert.deepEqual(
      r.fields?.map((f) => f.field),
      ['payload.resultNumber', 'payload.signerName'],
    );
    assert.equal(
      refusedCode(inStep(), act('RESOLVE', at(d, '09:00'), { outcome: 'REFUSED' })),
      'DOSSIER_RESULT_INCOMPLETE',
    );
  });
  test('a proxy recipient needs an authorisation', () => {
    const s = run([act('RESOLVE', at(d, '09:00'), samplePayload.RESOLVE(d))], ctx, inStep());
    assert.equal(
      refusedCode(s, act('DELIVER', at(d, '10:00'), { method: 'COUNTER', recipient: { type: 'PROXY', name: 'X' } })),
      'DOSSIER_RECIPIENT_AUTHORISATION_REQUIRED',
    );
  });
  test('withdrawal is the index end event; stop without withdrawal needs a legal ground', () => {
    const w = run([act('REQUEST_WITHDRAWAL', at(d, '09:00'), { channel: 'ONLINE' })], ctx, inStep());
    assert.equal(w.statusCode, 7);
    assert.equal(w.clock, 'STOPPED');
    assert.equal(w.index766.endEvent?.kind, 'WITHDRAWAL_REQUESTED');
    assert.equal(w.steps[0]!.endReason, 'ENDED');
    assert.equal(refusedCode(inStep(), act('STOP', at(d, '09:00'), { reason: 'x' })), 'DOSSIER_STOP_GROUND_REQUIRED');
    const grounds = { ...ctx, options: { regimeOverrides: { OSS_2025: { stopGrounds: ['BAN_AN'] } } } };
    assert.equal(
      refusedCode(inStep(), act('STOP', at(d, '09:00'), { reason: 'x', legalGround: 'KHAC' }), grounds),
      'DOSSIER_STOP_GROUND_REQUIRED',
    );
    const stopped = run([act('STOP', at(d, '10:00'), { reason: 'Rút' })], ctx, w);
    assert.equal(stopped.stop?.cause, 'WITHDRAWAL');
    assert.equal(stopped.index766.endEvent?.kind, 'WITHDRAWAL_REQUESTED');
  });
});

describe('idempotency in decide', () => {
  test('a retried action id returns the same state and no events', () => {
    const d = '2025-11-11';
    const a = act('RECEIVE', at(d, '08:00'), receivePayload(d));
    const s = run([a]);
    const r = decide(s, { ...a, at: at(d, '09:00') }, ctx);
    assert.ok(r.ok && r.duplicate);
    assert.equal(r.next, s);
    assert.deepEqual(r.events, []);
  });
});
