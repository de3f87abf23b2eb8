/**
 * The working hours left that queues, the dossier page and the early-warning list show: they run down with the
 * clock, stand still while a supplement pauses it, and are absent while a restarting supplement stops it.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { defaultWorkingCalendar, parseInstant } from '@motcua/domain/calendar/index';
import { hoursLeftIn } from '../../src/dossiers/queries';
import { build, receivePayload } from '../notifications/support';

const cal = defaultWorkingCalendar();
const unitCode = '000.00.L7.H26';
const at = (iso: string) => parseInstant(iso);

function supplemented(mode: 'PAUSE' | 'RESTART') {
  const receive = receivePayload(unitCode, '2026-05-13', 3);
  return build(cal, [
    {
      type: 'RECEIVE',
      at: '2026-05-13T09:00:00+07:00',
      payload: { ...receive, procedure: { ...receive.procedure, supplementClockMode: mode } },
    },
    {
      type: 'REQUEST_SUPPLEMENT',
      at: '2026-05-14T09:00:00+07:00',
      payload: { items: ['Bản sao giấy khai sinh'], reason: 'Thiếu giấy tờ' },
    },
  ]).state;
}

describe('working hours left', () => {
  test('a running clock runs down with the working time passed', () => {
    const s = build(cal, [
      { type: 'RECEIVE', at: '2026-05-13T09:00:00+07:00', payload: receivePayload(unitCode, '2026-05-13', 1) },
    ]).state;
    const tomorrow = hoursLeftIn(cal, s, at('2026-05-14T09:00:00+07:00'))!;
    const later = hoursLeftIn(cal, s, at('2026-05-15T09:00:00+07:00'))!;
    assert.equal(tomorrow - later, 8, 'one working day is eight working hours');
  });

  test('a paused clock stands still at what was left when the supplement was asked for', () => {
    const s = supplemented('PAUSE');
    assert.equal(s.clock, 'PAUSED');
    const whenAsked = hoursLeftIn(cal, s, at('2026-05-14T09:00:00+07:00'));
    assert.ok(whenAsked !== null && whenAsked > 0);
    // Days later, and after the old due time, the citizen's waiting time is still not charged.
    for (const now of ['2026-05-15T09:00:00+07:00', '2026-05-29T16:00:00+07:00'])
      assert.equal(hoursLeftIn(cal, s, at(now)), whenAsked, now);
  });

  test('a restarting supplement stops the clock: no figure until the period starts again', () => {
    const s = supplemented('RESTART');
    assert.equal(s.clock, 'STOPPED');
    assert.equal(hoursLeftIn(cal, s, at('2026-05-15T09:00:00+07:00')), null);
  });
});
