import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  HOUR_MS,
  addCalendarDaysMs,
  defaultWorkingCalendar,
  formatVnDate,
  formatVnDateTime,
  parseInstant,
  vnWallClock,
} from '../../src/calendar/index.js';

describe('instants on the Vietnamese wall clock', () => {
  const cases: [string, boolean, string, string][] = [
    // instant, as a due instant?, dd/MM/yyyy HH:mm, dd/MM/yyyy
    ['2026-12-09T00:00:00+07:00', true, '08/12/2026 24:00', '08/12/2026'],
    ['2026-12-09T00:00:00+07:00', false, '09/12/2026 00:00', '09/12/2026'],
    ['2027-01-01T00:00:00+07:00', true, '31/12/2026 24:00', '31/12/2026'],
    ['2028-03-01T00:00:00+07:00', true, '29/02/2028 24:00', '29/02/2028'],
    ['2026-12-09T00:01:00+07:00', true, '09/12/2026 00:01', '09/12/2026'],
    ['2026-12-08T17:00:00+07:00', true, '08/12/2026 17:00', '08/12/2026'],
    // 00:00 UTC is 07:00 in Vietnam, not a day boundary
    ['2026-12-09T00:00:00Z', true, '09/12/2026 07:00', '09/12/2026'],
    ['2026-12-08T17:00:00Z', true, '08/12/2026 24:00', '08/12/2026'],
  ];
  for (const [iso, asDue, dateTime, date] of cases)
    test(`${iso}${asDue ? ' (due)' : ''} → ${dateTime}`, () => {
      const ms = parseInstant(iso);
      assert.equal(formatVnDateTime(ms, asDue), dateTime);
      assert.equal(formatVnDate(ms, asDue), date);
    });

  test('the weekday is that of the printed day', () => {
    // Wed 09/12/2026 00:00 as a due instant is Tuesday 08/12 24:00.
    assert.equal(vnWallClock(parseInstant('2026-12-09T00:00:00+07:00'), true).weekday, 2);
    assert.equal(vnWallClock(parseInstant('2026-12-09T00:00:00+07:00')).weekday, 3);
  });

  test('a calendar-day period prints its last day (spec example 20: 30 days from Mon 03/11/2025)', () => {
    const due = addCalendarDaysMs(defaultWorkingCalendar(), parseInstant('2025-11-03T10:00:00+07:00'), 30);
    assert.equal(formatVnDateTime(due, true), '03/12/2025 24:00');
  });

  test('property: a due instant never prints later than the instant itself, and only 00:00 changes', () => {
    const start = parseInstant('2000-01-01T00:00:00+07:00');
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 400_000 }), fc.integer({ min: 0, max: 59 }), (hours, minute) => {
        const ms = start + hours * HOUR_MS + minute * 60_000;
        const plain = formatVnDateTime(ms);
        const due = formatVnDateTime(ms, true);
        if (!plain.endsWith(' 00:00')) return due === plain;
        // 24:00 of the day before is the same instant as 00:00 of the day.
        return due.endsWith(' 24:00') && formatVnDate(ms - 1) === due.slice(0, 10);
      }),
    );
  });
});
