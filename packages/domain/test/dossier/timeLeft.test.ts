/**
 * The working hours left that queues, the dossier page and the early-warning list show: they run down with the
 * clock, stand still while a supplement pauses it, and are absent while a restarting supplement stops it or once
 * the period is over.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { periodEnded, workingHoursLeft, type DossierState } from '../../src/dossier/index.js';
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
