/**
 * The working hours left that queues, the dossier page and the early-warning list show: they run down with the
 * clock, stand still while a supplement pauses it, and are absent while a restarting supplement stops it or once
 * the period is over.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { coordinationDeadline, periodEnded, workingHoursLeft, type DossierState } from '../../src/dossier/index.js';
import { addWorkingTime, HOUR_MS } from '../../src/calendar/index.js';
import { act, at, cal, receivePayload, run, samplePayload } from './helpers.js';

const received = (mode: 'PAUSE' | 'RESTART' = 'PAUSE') =>
  act('RECEIVE', at('2026-05-13', '09:00'), receivePayload('2026-05-13', { supplementClockMode: mode }));
const supplementAsked = act('REQUEST_SUPPLEMENT', at('2026-05-14', '09:00'), samplePayload.REQUEST_SUPPLEMENT(''));

describe('working hours left', () => {
  test('a running clock runs down with the working time passed, and goes negative past the due time', () => {
    const s = run([received()]);
    const tomorrow = workingHoursLeft(cal, s, at('2026-05-14', '09:00'))!;
    const later = workingHoursLeft(cal, s, at('2026-05-15', '09:00'))!;
    assert.equal(tomorrow - later, 8, 'one working day is eight working hours');
    assert.equal(workingHoursLeft(cal, s, s.dueAt!), 0);
    assert.ok(workingHoursLeft(cal, s, s.dueAt! + 5 * 86_400_000)! < 0, 'overdue reads negative');
  });

  test('a paused clock stands still at what was left when the supplement was asked for', () => {
    const s = run([received('PAUSE'), supplementAsked]);
    assert.equal(s.clock, 'PAUSED');
    const whenAsked = workingHoursLeft(cal, s, at('2026-05-14', '09:00'));
    assert.ok(whenAsked !== null && whenAsked > 0);
    // Days later, and after the old due time, the citizen's waiting time is still not charged.
    for (const [date, time] of [
      ['2026-05-15', '09:00'],
      ['2026-05-29', '16:00'],
    ] as const)
      assert.equal(workingHoursLeft(cal, s, at(date, time)), whenAsked, date);
  });

  test('a restarting supplement stops the clock: no figure until the period starts again', () => {
    const s = run([received('RESTART'), supplementAsked]);
    assert.equal(s.clock, 'STOPPED');
    assert.equal(workingHoursLeft(cal, s, at('2026-05-15', '09:00')), null);
  });

  test('no figure once the period is over: resolved (awaiting delivery) and delivered alike', () => {
    const resolved = run([
      received(),
      act('ASSIGN', at('2026-05-13', '10:00'), samplePayload.ASSIGN('')),
      act('START_STEP', at('2026-05-13', '10:30')),
      act('RESOLVE', at('2026-05-14', '10:00'), samplePayload.RESOLVE('')),
    ]);
    assert.equal(resolved.state, 'RESOLVED');
    assert.equal(workingHoursLeft(cal, resolved, at('2026-05-14', '11:00')), null);
    const delivered = run([act('DELIVER', at('2026-05-14', '14:00'), samplePayload.DELIVER(''))], undefined, resolved);
    assert.equal(workingHoursLeft(cal, delivered, at('2026-05-14', '15:00')), null);
  });

  test('which states end the period', () => {
    const ended = (state: DossierState['state']) => periodEnded({ state } as DossierState);
    for (const state of [
      'RESOLVED',
      'DELIVERED',
      'STOPPED',
      'CANCELLED',
      'REJECTED_AT_RECEPTION',
      'GUIDED_TO_OTHER_BODY',
    ] as const)
      assert.equal(ended(state), true, state);
    for (const state of [
      'RECEIVED',
      'IN_STEP',
      'AWAITING_SUPPLEMENT',
      'AWAITING_PAYMENT',
      'WITHDRAWAL_REQUESTED',
    ] as const)
      assert.equal(ended(state), false, state);
  });
});

describe("a coordinating body's own deadline", () => {
  const sent = at('2026-05-14', '09:00');
  const due = addWorkingTime(cal, sent, 16 * HOUR_MS); // a budget of 16 working hours
  const sub = (body: string, extra: Partial<DossierState['subDossiers'][number]> = {}) => ({
    id: `lt-${body}`,
    coordinatingBodyId: body,
    sentAt: sent,
    stepDueAt: due,
    returnedAt: null,
    result: null,
    ...extra,
  });
  const withSubs = (subs: DossierState['subDossiers']): DossierState => ({ ...run([received()]), subDossiers: subs });
  const cases: [string, DossierState['subDossiers'], number | null][] = [
    ['its open sub-dossier, just sent: the whole budget', [sub('B')], 16],
    ['another body’s sub-dossier only', [sub('C')], null],
    ['its sub-dossier already returned', [sub('B', { returnedAt: sent + 3_600_000 })], null],
    ['sent without a budget', [sub('B', { stepDueAt: null })], null],
    ['a returned one and an open one: the open one', [sub('B', { returnedAt: sent, stepDueAt: sent }), sub('B')], 16],
  ];
  for (const [name, subs, hours] of cases)
    test(name, () => {
      const own = coordinationDeadline(cal, withSubs(subs), 'B', sent);
      assert.equal(own?.workingHoursLeft ?? null, hours);
      if (hours !== null) assert.equal(own!.dueAt, due);
    });
  test('counts down in working time and reads negative once past', () => {
    const s = withSubs([sub('B')]);
    const dayLater = at('2026-05-15', '09:00'); // one working day of eight hours after it was sent
    assert.equal(coordinationDeadline(cal, s, 'B', dayLater)!.workingHoursLeft, 8);
    assert.ok(coordinationDeadline(cal, s, 'B', due + 86_400_000)!.workingHoursLeft < 0);
  });
});
