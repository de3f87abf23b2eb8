// Every worked example of deadlines-calendar.md §11 and §11.1, named by its number.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  classifyCompleted,
  classifyInProgress,
  computeDue,
  defaultWorkingCalendar,
  dueAfterPauseMs,
  formatInstantVN,
  parseInstant,
  restartDeadline,
  weekdayOf,
  type DueOptions,
  type Duration,
} from '../../src/calendar/index.js';

const cal = defaultWorkingCalendar();
const wd = (value: number): Duration => ({ value, unit: 'WORKING_DAYS' });
const wh = (value: number): Duration => ({ value, unit: 'WORKING_HOURS' });
const cd = (value: number): Duration => ({ value, unit: 'CALENDAR_DAYS' });
const sameDay: Duration = { value: 0, unit: 'SAME_DAY' };

interface Case {
  n: number;
  start: string;
  duration: Duration;
  options?: DueOptions;
  expected: string;
  /** For calendar-day periods: the last day (the due instant is its 24:00). */
  expectedDate?: string;
}

const cases: Case[] = [
  {
    n: 1,
    start: '2023-10-27T09:32',
    duration: wd(5),
    options: { dueTimeMode: 'SAME_TIME' },
    expected: '2023-11-03T09:32:00+07:00',
  },
  {
    n: 2,
    start: '2023-10-27T09:32',
    duration: wd(5),
    options: { dueTimeMode: 'END_OF_DAY' },
    expected: '2023-11-03T17:00:00+07:00',
  },
  {
    n: 3,
    start: '2025-04-24T10:00',
    duration: wd(3),
    options: { dueTimeMode: 'SAME_TIME' },
    expected: '2025-04-28T10:00:00+07:00',
  },
  {
    n: 4,
    start: '2025-04-29T14:00',
    duration: wd(2),
    options: { dueTimeMode: 'END_OF_DAY' },
    expected: '2025-05-06T17:00:00+07:00',
  },
  {
    n: 5,
    start: '2025-04-25T20:15',
    duration: wd(1),
    options: { dueTimeMode: 'SAME_TIME' },
    expected: '2025-04-28T07:00:00+07:00',
  },
  {
    n: 6,
    start: '2025-04-25T20:15',
    duration: wd(1),
    options: { dueTimeMode: 'END_OF_DAY' },
    expected: '2025-04-28T17:00:00+07:00',
  },
  {
    n: 7,
    start: '2024-04-26T15:30',
    duration: wd(3),
    options: { dueTimeMode: 'SAME_TIME' },
    expected: '2024-05-04T15:30:00+07:00',
  },
  {
    n: 8,
    start: '2025-11-08T09:10',
    duration: wd(3),
    options: { dueTimeMode: 'END_OF_DAY' },
    expected: '2025-11-13T17:00:00+07:00',
  },
  {
    n: 9,
    start: '2025-11-08T09:10',
    duration: wd(3),
    options: { dueTimeMode: 'END_OF_DAY', normalizedStartCountsAsDayOne: true },
    expected: '2025-11-12T17:00:00+07:00',
  },
  {
    n: 10,
    start: '2025-12-31T15:20',
    duration: sameDay,
    options: { cutoffTime: '15:00' },
    expected: '2026-01-05T17:00:00+07:00',
  },
  {
    n: 11,
    start: '2025-12-31T14:50',
    duration: sameDay,
    options: { cutoffTime: '15:00' },
    expected: '2025-12-31T17:00:00+07:00',
  },
  {
    n: 12,
    start: '2026-01-08T09:00',
    duration: wd(2),
    options: { dueTimeMode: 'SAME_TIME' },
    expected: '2026-01-10T09:00:00+07:00',
  },
  {
    n: 15,
    start: '2026-02-12T10:00',
    duration: wd(3),
    options: { dueTimeMode: 'END_OF_DAY' },
    expected: '2026-02-24T17:00:00+07:00',
  },
  { n: 16, start: '2025-12-31T16:00', duration: wh(2), expected: '2026-01-05T08:00:00+07:00' },
  { n: 17, start: '2025-11-11T10:45', duration: wh(3), expected: '2025-11-11T15:45:00+07:00' },
  { n: 18, start: '2026-02-13T14:00', duration: wh(4), expected: '2026-02-23T08:00:00+07:00' },
  { n: 19, start: '2025-11-10T13:30', duration: wh(8), expected: '2025-11-11T11:30:00+07:00' },
  {
    n: 20,
    start: '2025-11-03T09:00',
    duration: cd(30),
    expected: '2025-12-04T00:00:00+07:00',
    expectedDate: '2025-12-03',
  },
  {
    n: 21,
    start: '2025-11-07T09:00',
    duration: cd(15),
    expected: '2025-11-25T00:00:00+07:00',
    expectedDate: '2025-11-24',
  },
  {
    n: 22,
    start: '2026-02-10T09:00',
    duration: cd(10),
    expected: '2026-02-24T00:00:00+07:00',
    expectedDate: '2026-02-23',
  },
  {
    n: 23,
    start: '2025-12-24T09:00',
    duration: cd(8),
    options: { calendarRollCalendar: 'CIVIL_SERVICE' },
    expected: '2026-01-06T00:00:00+07:00',
    expectedDate: '2026-01-05',
  },
  {
    n: 24,
    start: '2025-12-24T09:00',
    duration: cd(8),
    options: { calendarRollCalendar: 'STATUTORY_ONLY' },
    expected: '2026-01-03T00:00:00+07:00',
    expectedDate: '2026-01-02',
  },
];

describe('spec §11 worked examples', () => {
  for (const c of cases) {
    test(`example ${c.n}`, () => {
      const r = computeDue(cal, c.start, c.duration, c.options);
      assert.equal(r.dueAtIso, c.expected);
      if (c.expectedDate) assert.equal(r.dueDate, c.expectedDate);
    });
  }

  test('example 5: the start is the swapped working Saturday 26/4/2025 07:00', () => {
    const r = computeDue(cal, '2025-04-25T20:15', wd(1));
    assert.equal(r.officialStartIso, '2025-04-26T07:00:00+07:00');
  });

  test('example 8: the start moves to Mon 10/11/2025 07:00', () => {
    const r = computeDue(cal, '2025-11-08T09:10', wd(3), { dueTimeMode: 'END_OF_DAY' });
    assert.equal(r.officialStartIso, '2025-11-10T07:00:00+07:00');
  });

  const received = parseInstant('2025-11-03T08:00');
  const pauseStart = parseInstant('2025-11-05T10:00');
  const pauseEnd = parseInstant('2025-11-07T10:00');

  test('example 13 (PAUSE): original due Mon 10/11 08:00, 16 h paused, due Wed 12/11/2025 08:00', () => {
    const original = computeDue(cal, received, wd(5), { dueTimeMode: 'SAME_TIME' });
    assert.equal(original.dueAtIso, '2025-11-10T08:00:00+07:00');
    const due = dueAfterPauseMs(cal, original.dueAt, pauseStart, pauseEnd, 'SAME_TIME');
    assert.equal(formatInstantVN(due), '2025-11-12T08:00:00+07:00');
  });

  test('example 14 (RESTART): due Fri 14/11/2025 10:00', () => {
    const r = restartDeadline(cal, pauseEnd, wd(5), { dueTimeMode: 'SAME_TIME' });
    assert.equal(r.dueAtIso, '2025-11-14T10:00:00+07:00');
  });

  test('example 19 note: SAME_TIME 1 working day from Mon 13:30 prints Tue 13:30', () => {
    assert.equal(computeDue(cal, '2025-11-10T13:30', wd(1)).dueAtIso, '2025-11-11T13:30:00+07:00');
  });
});

describe('spec §11.1 classification (due Fri 03/11/2023 09:32, HYBRID)', () => {
  const due = parseInstant('2023-11-03T09:32');
  const rows: [string, string, string][] = [
    ['2023-11-02T16:00', 'EARLY', 'earlier date'],
    ['2023-11-03T09:00', 'ON_TIME', 'due date, not after the due instant'],
    ['2023-11-03T10:00', 'OVERDUE', 'after the due instant'],
  ];
  for (const [at, cls, why] of rows) {
    test(`resolved ${at} → ${cls} (${why})`, () => {
      assert.equal(classifyCompleted(parseInstant(at), due, 'HYBRID'), cls);
    });
  }
  test('with END_OF_DAY the due is 17:00 and 10:00 is on time', () => {
    assert.equal(classifyCompleted(parseInstant('2023-11-03T10:00'), parseInstant('2023-11-03T17:00')), 'ON_TIME');
  });
  test('in progress at Thu 02/11/2023 24:00 → within deadline', () => {
    assert.equal(classifyInProgress(due, parseInstant('2023-11-03T00:00')), 'WITHIN_DEADLINE');
  });
  test('in progress at Fri 03/11/2023 24:00 → overdue', () => {
    assert.equal(classifyInProgress(due, parseInstant('2023-11-04T00:00')), 'OVERDUE');
  });
});

describe('spec §11.2 checks', () => {
  test('weekdays of the dates used', () => {
    const expected: [string, number][] = [
      ['2025-04-26', 6],
      ['2026-01-10', 6],
      ['2025-12-31', 3],
      ['2026-02-14', 6],
      ['2026-02-23', 1],
      ['2023-10-27', 5],
      ['2024-05-04', 6],
      ['2025-11-08', 6],
      ['2026-08-22', 6],
    ];
    for (const [d, w] of expected) assert.equal(weekdayOf(d), w, d);
  });
  test('swapped days off are never working days; swapped Saturdays always are', () => {
    for (const d of ['2024-04-29', '2025-05-02', '2026-01-02', '2026-08-31'])
      assert.equal(cal.isWorkingDay(d), false, d);
    for (const d of ['2024-05-04', '2025-04-26', '2026-01-10', '2026-08-22'])
      assert.equal(cal.isWorkingDay(d), true, d);
  });
  test('the unconfirmed 2026 Culture Day swap is not applied by default', () => {
    assert.equal(cal.isWorkingDay('2026-11-23'), true);
    assert.equal(cal.isWorkingDay('2026-11-24'), false);
    assert.equal(cal.isWorkingDay('2026-11-28'), false);
  });
});
