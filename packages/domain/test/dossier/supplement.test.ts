import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInstantVN } from '../../src/calendar/index.js';
import { decide, type DossierAction, type DossierContext } from '../../src/dossier/index.js';
import { act, at, ctx, receivePayload, refusedCode, run, samplePayload } from './helpers.js';

const vn = (ms: number | null) => (ms === null ? null : formatInstantVN(ms));
const REQ = samplePayload.REQUEST_SUPPLEMENT('');

/** Receive, transfer, one step, then a supplement round-trip. */
function roundTrip(
  date: string,
  time: string,
  procedure: Record<string, unknown>,
  requestAt: number,
  completeAt: number,
): DossierAction[] {
  return [
    act('RECEIVE', at(date, time), receivePayload(date, procedure)),
    act('TRANSFER', at(date, time) + 60_000, { toUnitId: 'unit-2' }),
    act('REQUEST_SUPPLEMENT', requestAt, REQ),
    act('SUBMIT_SUPPLEMENT', completeAt),
    act('ACCEPT_SUPPLEMENT', completeAt),
  ];
}

describe('supplement clock: PAUSE vs RESTART (deadlines-calendar §11 examples 13–14)', () => {
  const req = at('2025-11-05', '10:00');
  const done = at('2025-11-07', '10:00');
  test('PAUSE: due Mon 10/11 08:00 + 16 paused working hours → Wed 12/11/2025 08:00', () => {
    const s = run(roundTrip('2025-11-03', '08:00', { supplementClockMode: 'PAUSE' }, req, done));
    assert.equal(vn(s.originalDueAt), '2025-11-10T08:00:00+07:00');
    assert.equal(vn(s.dueAt), '2025-11-12T08:00:00+07:00');
    assert.equal(s.supplementAdjustedDueAt, s.dueAt);
    assert.equal(s.pauses[0]!.workingMs, 16 * 3_600_000);
    assert.equal(s.state, 'HANDED_OFF');
    assert.equal(s.clock, 'RUNNING');
  });
  test('RESTART: full 5 working days from Fri 07/11 10:00 → Fri 14/11/2025 10:00', () => {
    const s = run(roundTrip('2025-11-03', '08:00', { supplementClockMode: 'RESTART' }, req, done));
    assert.equal(vn(s.dueAt), '2025-11-14T10:00:00+07:00');
    assert.equal(vn(s.originalDueAt), '2025-11-10T08:00:00+07:00');
  });
  test('clock while waiting: PAUSED in PAUSE mode, STOPPED in RESTART mode', () => {
    const base = (mode: string) =>
      run(roundTrip('2025-11-03', '08:00', { supplementClockMode: mode }, req, done).slice(0, 3));
    assert.equal(base('PAUSE').clock, 'PAUSED');
    assert.equal(base('RESTART').clock, 'STOPPED');
    assert.equal(base('PAUSE').statusCode, 5);
  });
});

describe('supplement across 30/4–1/5/2026 (received Fri 24/04/2026 10:00, 5 working days)', () => {
  const req = at('2026-04-29', '14:00');
  const done = at('2026-05-04', '14:00');
  test('original due skips Giỗ Tổ (27/4) and 30/4–1/5: Wed 06/05/2026 10:00', () => {
    const s = run(roundTrip('2026-04-24', '10:00', {}, req, done).slice(0, 1));
    assert.equal(vn(s.dueAt), '2026-05-06T10:00:00+07:00');
  });
  test('PAUSE: 3 h (Wed) + 5 h (Mon) paused → Thu 07/05/2026 10:00', () => {
    const s = run(roundTrip('2026-04-24', '10:00', { supplementClockMode: 'PAUSE' }, req, done));
    assert.equal(s.pauses[0]!.workingMs, 8 * 3_600_000);
    assert.equal(vn(s.dueAt), '2026-05-07T10:00:00+07:00');
  });
  test('RESTART (the 2025 regime default): 5 working days from Mon 04/05 14:00 → Mon 11/05/2026 14:00', () => {
    const s = run(roundTrip('2026-04-24', '10:00', {}, req, done));
    assert.equal(s.supplement?.mode, 'RESTART');
    assert.equal(vn(s.dueAt), '2026-05-11T14:00:00+07:00');
  });
  test('END_OF_DAY PAUSE re-applies the closing time', () => {
    const s = run(
      roundTrip('2026-04-24', '10:00', { supplementClockMode: 'PAUSE', dueTimeMode: 'END_OF_DAY' }, req, done),
    );
    assert.equal(vn(s.originalDueAt), '2026-05-06T17:00:00+07:00');
    assert.equal(vn(s.dueAt), '2026-05-07T17:00:00+07:00');
  });
});

describe('supplement once', () => {
  const date = '2025-11-03';
  const log = roundTrip(date, '08:00', {}, at(date, '09:00'), at(date, '10:00'));
  test('a second request after the first round is refused with DOSSIER_SUPPLEMENT_ALREADY_REQUESTED', () => {
    const s = run(log);
    assert.equal(s.supplementRequestCount, 1);
    assert.equal(
      refusedCode(s, act('REQUEST_SUPPLEMENT', at(date, '11:00'), REQ)),
      'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED',
    );
  });
  test('an incomplete supplement goes back to waiting without a new request (T11)', () => {
    const s = run([...log.slice(0, 4), act('REJECT_SUPPLEMENT', at(date, '10:30'), { note: 'Thiếu' })]);
    assert.equal(s.state, 'AWAITING_SUPPLEMENT');
    assert.equal(s.supplementRequestCount, 1);
    assert.equal(s.supplement?.rejectedCount, 1);
    assert.equal(s.timeline.filter((e) => e.statusCode === 5).length, 1);
  });
  test('guidance at reception does not use up the supplement by default, and can be made to', () => {
    const guided = [
      act('SUBMIT', at(date, '07:30'), { channel: 'ONLINE' }),
      act('GUIDE_TO_COMPLETE', at(date, '07:40'), samplePayload.GUIDE_TO_COMPLETE(date)),
      act('SUBMIT', at(date, '07:50'), { channel: 'ONLINE' }),
      act('RECEIVE', at(date, '08:00'), receivePayload(date, {}, 'ONLINE')),
    ];
    const s = run(guided);
    assert.equal(s.receptionGuidanceCount, 1);
    assert.equal(refusedCode(s, act('REQUEST_SUPPLEMENT', at(date, '09:00'), REQ)), 'ok');
    const strict: DossierContext = {
      ...ctx,
      options: { regimeOverrides: { OSS_2025: { guidanceCountsTowardsSupplementLimit: true } } },
    };
    assert.equal(
      refusedCode(s, act('REQUEST_SUPPLEMENT', at(date, '09:00'), REQ), strict),
      'DOSSIER_SUPPLEMENT_ALREADY_REQUESTED',
    );
  });
  test('pre-reception guidance is once only', () => {
    const s = run([
      act('SUBMIT', at(date, '07:30'), { channel: 'ONLINE' }),
      act('GUIDE_TO_COMPLETE', at(date, '07:40'), samplePayload.GUIDE_TO_COMPLETE(date)),
      act('SUBMIT', at(date, '07:50'), { channel: 'ONLINE' }),
    ]);
    assert.equal(
      refusedCode(s, act('GUIDE_TO_COMPLETE', at(date, '08:00'), samplePayload.GUIDE_TO_COMPLETE(date))),
      'DOSSIER_GUIDANCE_ALREADY_GIVEN',
    );
  });
});

describe('2025 supplement rules', () => {
  const date = '2025-11-03';
  const received = [
    act('RECEIVE', at(date, '08:00'), receivePayload(date)),
    act('TRANSFER', at(date, '08:10'), { toUnitId: 'u2' }),
  ];
  test('a request after the 3-working-day window is recorded as late (FLAG), or refused (BLOCK)', () => {
    const late = act('REQUEST_SUPPLEMENT', at('2025-11-07', '09:00'), REQ);
    const s = run([...received, late]);
    assert.equal(s.supplement?.requestedLate, true);
    const onTime = run([...received, act('REQUEST_SUPPLEMENT', at('2025-11-06', '08:00'), REQ)]);
    assert.equal(onTime.supplement?.requestedLate, false);
    const block: DossierContext = {
      ...ctx,
      options: { regimeOverrides: { OSS_2025: { supplementRequestWindowEnforcement: 'BLOCK' } } },
    };
    assert.equal(
      refusedCode(run(received), act('REQUEST_SUPPLEMENT', at('2025-11-07', '09:00'), REQ), block),
      'DOSSIER_SUPPLEMENT_WINDOW_CLOSED',
    );
  });
  test('closing an unsupplemented dossier: too early before 15 working days, STOPPED after (2025 only)', () => {
    const waiting = run([...received, act('REQUEST_SUPPLEMENT', at(date, '09:00'), REQ)]);
    assert.equal(
      refusedCode(waiting, act('CLOSE_UNSUPPLEMENTED', at('2025-11-21', '09:00'))),
      'DOSSIER_SUPPLEMENT_CLOSE_TOO_EARLY',
    );
    const r = decide(waiting, act('CLOSE_UNSUPPLEMENTED', at('2025-11-24', '09:01')), ctx);
    assert.ok(r.ok);
    assert.equal(r.next.state, 'STOPPED');
    assert.equal(r.next.stop?.cause, 'SUPPLEMENT_NOT_COMPLETED');
    assert.ok(r.events.some((e) => e.type === 'DOCUMENT' && e.form === 'STOP_NOTICE' && e.formSet === '2025'));
  });
  test('the 2018 regime has no closing rule', () => {
    const d = '2025-06-30';
    const waiting = run([
      act('RECEIVE', at(d, '08:00'), receivePayload(d)),
      act('REQUEST_SUPPLEMENT', at(d, '09:00'), REQ),
    ]);
    assert.equal(waiting.supplement?.mode, 'PAUSE');
    assert.equal(
      refusedCode(waiting, act('CLOSE_UNSUPPLEMENTED', at('2025-09-30', '09:00'))),
      'DOSSIER_ACTION_NOT_IN_REGIME',
    );
  });
  test('a refusal can be entered as the result while waiting; an approval cannot', () => {
    const waiting = run([...received, act('REQUEST_SUPPLEMENT', at(date, '09:00'), REQ)]);
    const refusal = act('RESOLVE', at(date, '10:00'), { outcome: 'REFUSED', refusalReason: 'Không bổ sung đủ hồ sơ' });
    const s = run([refusal], ctx, waiting);
    assert.equal(s.state, 'RESOLVED');
    assert.equal(s.result?.outcome, 'REFUSED');
    assert.equal(s.pauses[0]!.end, at(date, '10:00'));
  });
});

describe('supplement and the 766 index', () => {
  test('supplement time (elapsed) is subtracted; synced appointment is the original by default', () => {
    const date = '2025-11-03';
    const log = [
      ...roundTrip(
        date,
        '08:00',
        { supplementClockMode: 'PAUSE' },
        at('2025-11-05', '10:00'),
        at('2025-11-07', '10:00'),
      ),
      act('RESOLVE', at('2025-11-11', '16:00'), samplePayload.RESOLVE(date)),
    ];
    const s = run(log);
    assert.equal(s.index766.supplementElapsedMs, 48 * 3_600_000);
    assert.equal(vn(s.index766.syncedDueAt), '2025-11-10T08:00:00+07:00');
    // 11/11 16:00 − 48 h = 09/11 16:00 ≤ 10/11 08:00
    assert.equal(s.index766.onTime, true);
    assert.equal(s.index766.completedTimeliness, 'EARLY');
  });
  test('waiting for the citizen ends the dossier at the request for the index', () => {
    const date = '2025-11-03';
    const s = run(roundTrip(date, '08:00', {}, at(date, '09:00'), at(date, '10:00')).slice(0, 3));
    assert.equal(s.index766.waitingForCitizenSince, at(date, '09:00'));
    assert.equal(s.index766.onTime, true);
  });
});
