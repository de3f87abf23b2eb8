import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  CalendarError,
  DAY_MS,
  HOUR_MS,
  OFFICIAL_SCHEDULE_VN,
  addWorkingDaysMs,
  addWorkingTimeMs,
  calendarDiff,
  computeDue,
  createWorkingCalendar,
  defaultHolidayEntries,
  defaultWorkingCalendar,
  extendDeadlineMs,
  formatInstantVN,
  officialReceiptTime,
  parseInstant,
  parseLocalDate,
  parseLocalTime,
  pauseClock,
  resumeClock,
  startClock,
  warningState,
  weekdayOf,
  workingTimeBetween,
  workingTimeBetweenMs,
  type ScheduleEntry,
} from '../../src/calendar/index.js';
import { naiveAddWorkingTime, naiveFrom, naiveWorkingTimeBetween } from './naiveEngine.js';

const cal = defaultWorkingCalendar();
const code = (c: string) => (e: unknown) => e instanceof CalendarError && e.code === c;
const offDays = (from: string, to: string, c = cal): string[] => {
  const out: string[] = [];
  for (let d = parseLocalDate(from); d <= parseLocalDate(to); d++) {
    const iso = formatInstantVN(d * DAY_MS).slice(0, 10);
    if (!c.isWorkingDay(iso) && weekdayOf(iso) <= 5) out.push(iso);
  }
  return out;
};

describe('official schedule data', () => {
  test('the shipped file is loaded: 2024–2027, one unconfirmed swap pair', () => {
    assert.ok(OFFICIAL_SCHEDULE_VN.length >= 50);
    assert.deepEqual(
      OFFICIAL_SCHEDULE_VN.filter((e) => e.confirmed === false).map((e) => e.date),
      ['2026-11-23', '2026-11-28'],
    );
  });
  test('2024 weekday days off follow the notices', () => {
    assert.deepEqual(offDays('2024-01-01', '2024-12-31'), [
      '2024-01-01',
      '2024-02-08',
      '2024-02-09',
      '2024-02-12',
      '2024-02-13',
      '2024-02-14',
      '2024-04-18',
      '2024-04-29',
      '2024-04-30',
      '2024-05-01',
      '2024-09-02',
      '2024-09-03',
    ]);
  });
  test('2025 notice wins over the Tết default (27–31/1; Mon 3/2 is a working day)', () => {
    assert.deepEqual(offDays('2025-01-20', '2025-02-07'), [
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
  });
  test('2026: Giỗ Tổ compensated on Mon 27/4; Culture Day Tue 24/11', () => {
    assert.equal(cal.isWorkingDay('2026-04-27'), false);
    assert.equal(cal.isWorkingDay('2026-11-24'), false);
  });
  test('2027: law-fixed days from data, undecided Tết and second National Day day from defaults', () => {
    assert.deepEqual(offDays('2027-01-01', '2027-12-31'), [
      '2027-01-01',
      '2027-02-05',
      '2027-02-08',
      '2027-02-09',
      '2027-02-10',
      '2027-02-11', // eve Fri 5/2, mùng 3–4, compensation for Sat/Sun 6–7/2
      '2027-04-16',
      '2027-04-30',
      '2027-05-03',
      '2027-09-02',
      '2027-09-03',
      '2027-11-24',
    ]);
  });
  test('calendarDiff lists the days a confirmed notice changes (for the audited recompute)', () => {
    const base = createWorkingCalendar({ fromYear: 2026, toYear: 2026 });
    const entries: ScheduleEntry[] = OFFICIAL_SCHEDULE_VN.map((e) =>
      e.confirmed === false ? { ...e, confirmed: true } : e,
    );
    const next = createWorkingCalendar({
      entries,
      coverage: [
        {
          year: 2026,
          decidedOccasions: [
            'NEW_YEAR',
            'LUNAR_NEW_YEAR',
            'HUNG_KINGS_DAY',
            'VICTORY_DAY',
            'LABOUR_DAY',
            'NATIONAL_DAY',
            'VIETNAM_CULTURE_DAY',
          ],
        },
      ],
      fromYear: 2026,
      toYear: 2026,
    });
    assert.deepEqual(calendarDiff(base, next), [
      { date: '2026-11-23', workingBefore: true, workingAfter: false, hoursChanged: false },
      { date: '2026-11-28', workingBefore: false, workingAfter: true, hoursChanged: false },
    ]);
  });
  test('an administrator can confirm the proposed 2026 Culture Day swap', () => {
    const entries: ScheduleEntry[] = OFFICIAL_SCHEDULE_VN.map((e) =>
      e.confirmed === false ? { ...e, confirmed: true } : e,
    );
    const c = createWorkingCalendar({
      entries,
      coverage: [
        {
          year: 2026,
          decidedOccasions: [
            'NEW_YEAR',
            'LUNAR_NEW_YEAR',
            'HUNG_KINGS_DAY',
            'VICTORY_DAY',
            'LABOUR_DAY',
            'NATIONAL_DAY',
            'VIETNAM_CULTURE_DAY',
          ],
        },
      ],
      fromYear: 2026,
      toYear: 2026,
    });
    assert.equal(c.isWorkingDay('2026-11-23'), false);
    assert.equal(c.isWorkingDay('2026-11-28'), true);
  });
});

describe('statutory defaults (rules)', () => {
  const offOf = (y: number, opts = {}) =>
    defaultHolidayEntries(y, opts).map((e) => `${e.date} ${e.type === 'PUBLIC_HOLIDAY' ? 'H' : 'C'}`);
  test('2023 defaults match the real 2023 schedule around New Year, 30/4 and 2/9', () => {
    const d = offOf(2023);
    for (const x of [
      '2023-01-01 H',
      '2023-01-02 C',
      '2023-04-29 H',
      '2023-04-30 H',
      '2023-05-01 H',
      '2023-05-02 C',
      '2023-05-03 C',
      '2023-09-01 H',
      '2023-09-02 H',
      '2023-09-04 C',
    ]) {
      assert.ok(d.includes(x), x);
    }
  });
  test('National Day AUTO reproduces 2024 (3/9), 2025 and 2026 (1/9)', () => {
    const nd = (y: number) =>
      defaultHolidayEntries(y)
        .filter((e) => e.occasion === 'NATIONAL_DAY' && e.type === 'PUBLIC_HOLIDAY')
        .map((e) => e.date);
    assert.deepEqual(nd(2024), ['2024-09-02', '2024-09-03']);
    assert.deepEqual(nd(2025), ['2025-09-01', '2025-09-02']);
    assert.deepEqual(nd(2026), ['2026-09-01', '2026-09-02']);
    assert.deepEqual(
      defaultHolidayEntries(2026, { nationalDayAdjacent: 'AFTER' })
        .filter((e) => e.occasion === 'NATIONAL_DAY')
        .map((e) => e.date),
      ['2026-09-02', '2026-09-03'],
    );
  });
  test('Tết default: last day of the lunar year + mùng 1–4; configurable', () => {
    const tet = (y: number, o = {}) =>
      defaultHolidayEntries(y, o)
        .filter((e) => e.occasion === 'LUNAR_NEW_YEAR' && e.type === 'PUBLIC_HOLIDAY')
        .map((e) => e.date);
    assert.deepEqual(tet(2026), ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']);
    assert.deepEqual(tet(2025, { tetDaysBeforeNewYear: 2 }), [
      '2025-01-27',
      '2025-01-28',
      '2025-01-29',
      '2025-01-30',
      '2025-01-31',
    ]);
    assert.throws(() => defaultHolidayEntries(2025, { tetDaysBeforeNewYear: 9 }), code('CALENDAR_INVALID_OPTION'));
  });
  test('Labour Code 2012 before 2021: one National Day day, no 24/11', () => {
    const d = defaultHolidayEntries(2020);
    assert.deepEqual(
      d.filter((e) => e.occasion === 'NATIONAL_DAY').map((e) => e.date),
      ['2020-09-02'],
    );
    assert.equal(
      d.some((e) => e.occasion === 'VIETNAM_CULTURE_DAY'),
      false,
    );
    assert.match(d[0]!.source ?? '', /10\/2012\/QH13/);
  });
  test('Culture Day from 2026 only; compensation on a weekend is an option (2029: Sat 24/11)', () => {
    assert.equal(
      defaultHolidayEntries(2025).some((e) => e.occasion === 'VIETNAM_CULTURE_DAY'),
      false,
    );
    assert.equal(weekdayOf('2029-11-24'), 6);
    const comp = (o: object) =>
      defaultHolidayEntries(2029, o)
        .filter((e) => e.occasion === 'VIETNAM_CULTURE_DAY' && e.type === 'COMPENSATORY_DAY_OFF')
        .map((e) => e.date);
    assert.deepEqual(comp({}), ['2029-11-26']);
    assert.deepEqual(comp({ cultureDayCompensation: false }), []);
  });
  test('compensation never lands on another day off', () => {
    // 2023: Giỗ Tổ Sat 29/4 and 30/4 Sun; 1/5 Mon is itself a holiday, so Tue 2/5 and Wed 3/5 compensate.
    const c = defaultHolidayEntries(2023)
      .filter((e) => e.type === 'COMPENSATORY_DAY_OFF')
      .map((e) => e.date);
    assert.ok(c.includes('2023-05-02') && c.includes('2023-05-03'));
  });
});

describe('units, closures, office hours, Saturday reception', () => {
  const closure: ScheduleEntry = {
    date: '2025-11-12',
    type: 'LOCAL_CLOSURE',
    name: 'Tạm ngừng tiếp nhận',
    scope: { level: 'UNIT', unitIds: ['U1'] },
    source: 'Thông báo của đơn vị',
  };
  const saturdayClosure: ScheduleEntry = { ...closure, date: '2025-04-26' };
  const entries = [...OFFICIAL_SCHEDULE_VN, closure, saturdayClosure];
  const u1 = createWorkingCalendar({ unitId: 'U1', entries, fromYear: 2023, toYear: 2028 });
  const u2 = createWorkingCalendar({ unitId: 'U2', entries, fromYear: 2023, toYear: 2028 });
  test('a unit closure applies to that unit only', () => {
    assert.equal(u1.isWorkingDay('2025-11-12'), false);
    assert.equal(u2.isWorkingDay('2025-11-12'), true);
    assert.equal(
      computeDue(u1, '2025-11-11T09:00', { value: 1, unit: 'WORKING_DAYS' }).dueAtIso,
      '2025-11-13T09:00:00+07:00',
    );
  });
  test('a unit closure also shuts a national make-up Saturday', () => {
    assert.equal(u1.isWorkingDay('2025-04-26'), false);
    assert.equal(u2.isWorkingDay('2025-04-26'), true);
  });
  test('province scope', () => {
    const e: ScheduleEntry = { ...closure, scope: { level: 'PROVINCE', provinceCodes: ['75'] } };
    assert.equal(
      createWorkingCalendar({ provinceCode: '75', entries: [e], fromYear: 2025, toYear: 2025 }).isWorkingDay(
        '2025-11-12',
      ),
      false,
    );
    assert.equal(
      createWorkingCalendar({ provinceCode: '01', entries: [e], fromYear: 2025, toYear: 2025 }).isWorkingDay(
        '2025-11-12',
      ),
      true,
    );
  });

  const versioned = createWorkingCalendar({
    fromYear: 2024,
    toYear: 2027,
    officeHours: [
      {
        effectiveFrom: '2020-01-01',
        intervals: [
          { start: '07:00', end: '11:30' },
          { start: '13:30', end: '17:00' },
        ],
      },
      {
        effectiveFrom: '2026-01-01',
        intervals: [
          { start: '07:30', end: '11:30' },
          { start: '13:00', end: '17:00' },
        ],
        weekdayOverrides: [{ weekday: 6, intervals: [{ start: '08:00', end: '11:00' }] }],
        dateOverrides: [{ date: '2026-03-06', intervals: [{ start: '07:30', end: '10:00' }] }],
      },
    ],
  });
  test('office hours are versioned by effective date', () => {
    assert.equal(versioned.dayInfo('2025-12-31').opening, '07:00');
    assert.equal(versioned.dayInfo('2026-01-05').opening, '07:30');
    assert.equal(versioned.dayInfo('2026-01-10').closing, '11:00'); // make-up Saturday
    assert.equal(versioned.dayInfo('2026-03-06').workingMs, 2.5 * HOUR_MS);
    // Example 16 with the new hours: 16:00–17:00 (1 h), then Mon 5/1 07:30 + 1 h.
    assert.equal(
      formatInstantVN(addWorkingTimeMs(versioned, parseInstant('2025-12-31T16:00'), 2 * HOUR_MS)),
      '2026-01-05T08:30:00+07:00',
    );
  });
  test('SAME_TIME onto a day with other hours clamps to its span', () => {
    // Fri 9/1/2026 15:00 + 1 working day = Sat 10/1 (make-up, 08:00–11:00) → 11:00.
    assert.equal(
      computeDue(versioned, '2026-01-09T15:00', { value: 1, unit: 'WORKING_DAYS' }).dueAtIso,
      '2026-01-10T11:00:00+07:00',
    );
    // Wed 31/12/2025 07:10 (old hours) + 1 → Fri 2/1 is off → Mon 5/1 opens 07:30.
    assert.equal(
      computeDue(versioned, '2025-12-31T07:10', { value: 1, unit: 'WORKING_DAYS' }).dueAtIso,
      '2026-01-05T07:30:00+07:00',
    );
  });
  test('versioned hours agree with the oracle', () => {
    const spans = (day: number): [number, number][] => {
      const date = formatInstantVN(day * DAY_MS).slice(0, 10);
      const info = versioned.dayInfo(date);
      const p = versioned.profileAt(versioned.dayIndexOfDate(date));
      void info;
      return p.starts.map((s, k) => [s, p.ends[k]!]);
    };
    const naive = naiveFrom(versioned, spans);
    const from = parseInstant('2024-06-01T00:00');
    const to = parseInstant('2027-06-01T00:00');
    fc.assert(
      fc.property(
        fc.integer({ min: from, max: to }),
        fc.integer({ min: 0, max: 200 * HOUR_MS }),
        fc.integer({ min: from, max: to }),
        (t, h, b) => {
          assert.equal(addWorkingTimeMs(versioned, t, h), naiveAddWorkingTime(naive, t, h));
          assert.equal(workingTimeBetweenMs(versioned, t, b), naiveWorkingTimeBetween(naive, t, b));
        },
      ),
      { numRuns: 2000 },
    );
  });
  test('invalid office hours throw CALENDAR_INVALID_OFFICE_HOURS', () => {
    const bad = (intervals: { start: string; end: string }[]) => () =>
      createWorkingCalendar({
        fromYear: 2025,
        toYear: 2025,
        officeHours: [{ effectiveFrom: '2025-01-01', intervals }],
      });
    assert.throws(bad([]), code('CALENDAR_INVALID_OFFICE_HOURS'));
    assert.throws(bad([{ start: '11:00', end: '08:00' }]), code('CALENDAR_INVALID_OFFICE_HOURS'));
    assert.throws(
      bad([
        { start: '07:00', end: '12:00' },
        { start: '11:00', end: '17:00' },
      ]),
      code('CALENDAR_INVALID_OFFICE_HOURS'),
    );
    assert.throws(bad([{ start: '7:00', end: '12:00' }]), code('CALENDAR_INVALID_TIME'));
  });

  const sat = createWorkingCalendar({
    fromYear: 2025,
    toYear: 2026,
    saturdayReception: [{ effectiveFrom: '2018-03-10', enabled: true, intervals: [{ start: '07:30', end: '11:30' }] }],
  });
  test('Saturday reception: real receipt time kept, clock starts next working day (example 8)', () => {
    const r = officialReceiptTime(sat, '2025-11-08T09:10');
    assert.equal(r.reception, 'SATURDAY_RECEPTION');
    assert.equal(r.codeDate, '251108');
    assert.equal(r.receivedAtIso, '2025-11-08T09:10:00+07:00');
    assert.equal(r.officialStartIso, '2025-11-10T07:00:00+07:00');
    assert.equal(r.adjustment, 'NON_WORKING_DAY');
    assert.equal(officialReceiptTime(sat, '2025-11-08T12:00').reception, 'CLOSED');
    assert.equal(officialReceiptTime(sat, '2026-02-14T09:00').reception, 'CLOSED'); // inside Tết
    assert.equal(officialReceiptTime(cal, '2025-11-08T09:10').reception, 'CLOSED'); // unit without Saturday reception
  });
  test('receipt adjustments', () => {
    assert.equal(officialReceiptTime(cal, '2025-11-10T06:30').adjustment, 'BEFORE_OPENING');
    assert.equal(officialReceiptTime(cal, '2025-11-10T12:00').officialStartIso, '2025-11-10T13:30:00+07:00');
    assert.equal(officialReceiptTime(cal, '2025-11-10T11:30').adjustment, 'BREAK');
    assert.equal(officialReceiptTime(cal, '2025-11-10T17:00').adjustment, 'AFTER_CLOSING');
    assert.equal(officialReceiptTime(cal, '2025-11-10T15:00', { cutoffTime: '15:00' }).adjustment, 'NONE');
    assert.equal(
      officialReceiptTime(cal, '2025-11-10T15:00', { cutoffTime: '15:00', cutoffInclusive: true }).adjustment,
      'CUTOFF',
    );
    assert.equal(
      officialReceiptTime(cal, '2025-11-10T15:00:01', { cutoffTime: '15:00' }).officialStartIso,
      '2025-11-11T07:00:00+07:00',
    );
  });
});

describe('durations, pauses, extensions, warnings', () => {
  test('fractional working days become hours of the standard day', () => {
    assert.equal(
      computeDue(cal, '2025-11-10T09:00', { value: 0.5, unit: 'WORKING_DAYS' }).dueAtIso,
      '2025-11-10T15:00:00+07:00',
    );
    assert.equal(
      computeDue(cal, '2025-11-10T09:00', { value: 0.75, unit: 'WORKING_HOURS' }).dueAtIso,
      '2025-11-10T09:45:00+07:00',
    );
  });
  test('0 working days = same day closing; 0 working hours = official start', () => {
    assert.equal(
      computeDue(cal, '2025-11-10T09:00', { value: 0, unit: 'WORKING_DAYS' }).dueAtIso,
      '2025-11-10T17:00:00+07:00',
    );
    assert.equal(
      computeDue(cal, '2025-11-08T09:00', { value: 0, unit: 'WORKING_HOURS' }).dueAtIso,
      '2025-11-10T07:00:00+07:00',
    );
  });
  test('pause/resume clock = example 13', () => {
    let clock = startClock(parseInstant('2025-11-10T08:00'));
    clock = pauseClock(clock, parseInstant('2025-11-05T10:00'));
    assert.throws(() => pauseClock(clock, 0), code('CALENDAR_INVALID_OPTION'));
    clock = resumeClock(cal, clock, parseInstant('2025-11-07T10:00'));
    assert.equal(formatInstantVN(clock.dueAt), '2025-11-12T08:00:00+07:00');
    assert.equal(clock.pausedWorkingMs, 16 * HOUR_MS);
    assert.throws(() => resumeClock(cal, clock, 0), code('CALENDAR_INVALID_OPTION'));
  });
  test('pause in END_OF_DAY mode re-applies the closing time', () => {
    let clock = startClock(parseInstant('2025-11-10T17:00'));
    clock = pauseClock(clock, parseInstant('2025-11-05T10:00'));
    clock = resumeClock(cal, clock, parseInstant('2025-11-05T11:00'), 'END_OF_DAY');
    assert.equal(formatInstantVN(clock.dueAt), '2025-11-11T17:00:00+07:00');
  });
  test('extensions keep the unit of the rule set', () => {
    const due = parseInstant('2025-11-10T17:00');
    assert.equal(
      formatInstantVN(extendDeadlineMs(cal, due, { value: 2, unit: 'WORKING_DAYS' }, { dueTimeMode: 'END_OF_DAY' })),
      '2025-11-12T17:00:00+07:00',
    );
    assert.equal(
      formatInstantVN(extendDeadlineMs(cal, due, { value: 2, unit: 'WORKING_DAYS' })),
      '2025-11-12T17:00:00+07:00',
    );
    // A calendar-day period ending 24:00 Wed 3/12/2025 extended by 3 days ends Sat 6/12 → rolls to Mon 8/12 24:00.
    assert.equal(
      formatInstantVN(extendDeadlineMs(cal, parseInstant('2025-12-04T00:00'), { value: 3, unit: 'CALENDAR_DAYS' })),
      '2025-12-09T00:00:00+07:00',
    );
    assert.throws(() => extendDeadlineMs(cal, due, { value: 1, unit: 'SAME_DAY' }), code('CALENDAR_INVALID_DURATION'));
  });
  test('warning states', () => {
    const due = parseInstant('2025-11-12T17:00');
    assert.equal(warningState(cal, due, parseInstant('2025-11-10T09:00')), 'NORMAL');
    assert.equal(warningState(cal, due, parseInstant('2025-11-11T17:00')), 'DUE_SOON');
    assert.equal(warningState(cal, due, parseInstant('2025-11-13T08:00')), 'OVERDUE');
    const t = { seriouslyOverdue: { value: 2, unit: 'WORKING_DAYS' as const } };
    assert.equal(warningState(cal, due, parseInstant('2025-11-14T16:00'), t), 'OVERDUE');
    assert.equal(warningState(cal, due, parseInstant('2025-11-14T17:00'), t), 'SERIOUSLY_OVERDUE');
  });
  test('workingTimeBetween accepts ISO strings', () => {
    assert.equal(workingTimeBetween(cal, '2025-11-05T10:00:00+07:00', '2025-11-07T03:00:00Z'), 16 * HOUR_MS);
  });
});

describe('errors and parsing', () => {
  test('invalid durations', () => {
    assert.throws(
      () => computeDue(cal, '2025-11-10T09:00', { value: -1, unit: 'WORKING_DAYS' }),
      code('CALENDAR_INVALID_DURATION'),
    );
    assert.throws(
      () => computeDue(cal, '2025-11-10T09:00', { value: Number.NaN, unit: 'WORKING_HOURS' }),
      code('CALENDAR_INVALID_DURATION'),
    );
    assert.throws(
      () => computeDue(cal, '2025-11-10T09:00', { value: 1.5, unit: 'CALENDAR_DAYS' }),
      code('CALENDAR_INVALID_DURATION'),
    );
    assert.throws(
      () => computeDue(cal, '2025-11-10T09:00', { value: 1, unit: 'WEEKS' as never }),
      code('CALENDAR_INVALID_DURATION'),
    );
    assert.throws(() => addWorkingDaysMs(cal, 0, 1.5), code('CALENDAR_INVALID_DURATION'));
  });
  test('invalid instants, dates and times', () => {
    assert.throws(
      () => computeDue(cal, 'yesterday', { value: 1, unit: 'WORKING_DAYS' }),
      code('CALENDAR_INVALID_INSTANT'),
    );
    assert.throws(() => parseInstant('2025-02-30T09:00'), code('CALENDAR_INVALID_DATE'));
    assert.throws(() => parseLocalDate('2025-13-01'), code('CALENDAR_INVALID_DATE'));
    assert.throws(() => parseLocalTime('24:30'), code('CALENDAR_INVALID_TIME'));
    assert.throws(
      () => computeDue(cal, '2025-11-10T09:00', { value: 1, unit: 'WORKING_DAYS' }, { cutoffTime: '3pm' }),
      code('CALENDAR_INVALID_TIME'),
    );
  });
  test('out of range', () => {
    assert.throws(
      () => computeDue(cal, '2100-12-30T09:00', { value: 10, unit: 'WORKING_DAYS' }),
      code('CALENDAR_OUT_OF_RANGE'),
    );
    assert.throws(
      () => computeDue(cal, '1989-12-30T09:00', { value: 1, unit: 'WORKING_DAYS' }),
      code('CALENDAR_OUT_OF_RANGE'),
    );
    assert.throws(() => createWorkingCalendar({ fromYear: 2030, toYear: 2020 }), code('CALENDAR_INVALID_OPTION'));
  });
  test('ISO parsing: offsets, Z, none (= +07:00), "+" decoded to a space in URLs', () => {
    const t = parseInstant('2026-04-29T08:00:00+07:00');
    assert.equal(parseInstant('2026-04-29T01:00:00Z'), t);
    assert.equal(parseInstant('2026-04-29T08:00'), t);
    assert.equal(parseInstant('2026-04-29T08:00:00 07:00'), t);
    assert.equal(parseInstant('2026-04-28T21:00:00-04:00'), t);
    assert.equal(parseInstant(new Date(t)), t);
    assert.equal(formatInstantVN(t), '2026-04-29T08:00:00+07:00');
    assert.equal(formatInstantVN(t + 1234), '2026-04-29T08:00:01.234+07:00');
  });
});
