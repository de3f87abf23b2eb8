import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  DAY_MS,
  HOUR_MS,
  VN_OFFSET_MS,
  addCalendarDaysMs,
  addWorkingDaysMs,
  addWorkingTimeMs,
  defaultWorkingCalendar,
  dueAfterPauseMs,
  extendDeadlineMs,
  formatInstantVN,
  officialStartMs,
  parseInstant,
  workingTimeBetweenMs,
  type WorkingCalendar,
} from '../../src/calendar/index.js';
import {
  naiveAddWorkingTime,
  naiveCalendarDays,
  naiveDueForWorkingDays,
  naiveFrom,
  naiveOfficialStart,
  naiveWorkingTimeBetween,
} from './naiveEngine.js';

const cal = defaultWorkingCalendar();
const naive = naiveFrom(cal);
const RUNS = { numRuns: 3000 };

const FROM = parseInstant('2023-01-01T00:00');
const TO = parseInstant('2028-12-31T00:00');
/** Random instants, biased to minute boundaries and span edges where bugs hide. */
const instant = fc.oneof(
  fc.integer({ min: FROM, max: TO }),
  fc
    .tuple(
      fc.integer({ min: 0, max: Math.floor((TO - FROM) / DAY_MS) }),
      fc.constantFrom(0, 7, 11.5, 13.5, 17, 15, 6.99, 12, 23.99),
    )
    .map(([d, h]) => FROM + d * DAY_MS + Math.round(h * HOUR_MS)),
);
const mode = fc.constantFrom('SAME_TIME' as const, 'END_OF_DAY' as const);
const cutoff = fc.constantFrom(-1, 15 * HOUR_MS, 11.5 * HOUR_MS, 7 * HOUR_MS);
const hoursMs = fc.oneof(
  fc.integer({ min: 0, max: 300 * HOUR_MS }),
  fc.integer({ min: 0, max: 80 }).map((h) => h * 30 * 60_000),
);

function isWorkingInstant(c: WorkingCalendar, t: number): boolean {
  const i = c.dayIndexOf(t);
  if (c.working[i] !== 1) return false;
  const p = c.profileAt(i);
  const tod = t - c.dayStart(i);
  return p.starts.some((s, k) => tod >= s && tod <= p.ends[k]!);
}

const fmt = (t: number): string => formatInstantVN(t);

describe('fast engine equals the day-by-day oracle', () => {
  test('officialStart', () => {
    fc.assert(
      fc.property(instant, cutoff, fc.boolean(), (t, co, inc) => {
        assert.equal(fmt(officialStartMs(cal, t, co, inc)), fmt(naiveOfficialStart(naive, t, co, inc)));
      }),
      RUNS,
    );
  });
  test('working days', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 60 }),
        mode,
        cutoff,
        fc.boolean(),
        fc.boolean(),
        (t, n, m, co, inc, d1) => {
          assert.equal(
            fmt(addWorkingDaysMs(cal, t, n, m, co, inc, d1)),
            fmt(naiveDueForWorkingDays(naive, t, n, m, co, inc, d1)),
          );
        },
      ),
      RUNS,
    );
  });
  test('working hours', () => {
    fc.assert(
      fc.property(instant, hoursMs, (t, h) => {
        assert.equal(fmt(addWorkingTimeMs(cal, t, h)), fmt(naiveAddWorkingTime(naive, t, h)));
      }),
      RUNS,
    );
  });
  test('workingTimeBetween', () => {
    fc.assert(
      fc.property(instant, instant, (a, b) => {
        assert.equal(workingTimeBetweenMs(cal, a, b), naiveWorkingTimeBetween(naive, a, b));
      }),
      RUNS,
    );
  });
  test('calendar days, both roll calendars', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 400 }),
        fc.constantFrom('CIVIL_SERVICE' as const, 'STATUTORY_ONLY' as const),
        (t, n, r) => {
          assert.equal(fmt(addCalendarDaysMs(cal, t, n, r)), fmt(naiveCalendarDays(naive, t, n, r)));
        },
      ),
      RUNS,
    );
  });
});

describe('invariants', () => {
  test('a working-day or working-hour due is never a non-working instant', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 60 }), mode, cutoff, hoursMs, (t, n, m, co, h) => {
        assert.ok(isWorkingInstant(cal, addWorkingDaysMs(cal, t, n, m, co)), 'working days');
        assert.ok(isWorkingInstant(cal, addWorkingTimeMs(cal, t, h)), 'working hours');
      }),
      RUNS,
    );
  });
  test('a calendar-day due ends on a working day at 24:00', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 400 }), (t, n) => {
        const due = addCalendarDaysMs(cal, t, n);
        assert.equal((due + VN_OFFSET_MS) % DAY_MS, 0);
        assert.equal(cal.working[cal.dayIndexOf(due - 1)], 1);
      }),
      RUNS,
    );
  });
  test('adding h working time then measuring gives h', () => {
    fc.assert(
      fc.property(instant, hoursMs, (t, h) => {
        assert.equal(workingTimeBetweenMs(cal, t, addWorkingTimeMs(cal, t, h)), h);
      }),
      RUNS,
    );
  });
  test('SAME_TIME n working days from an in-hours start = n × 8 working hours', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 40 }), (t, n) => {
        const s = officialStartMs(cal, t);
        assert.equal(workingTimeBetweenMs(cal, s, addWorkingDaysMs(cal, s, n, 'SAME_TIME')), n * 8 * HOUR_MS);
      }),
      RUNS,
    );
  });
  test('monotonic in the start', () => {
    fc.assert(
      fc.property(
        instant,
        instant,
        fc.integer({ min: 0, max: 30 }),
        mode,
        cutoff,
        fc.boolean(),
        hoursMs,
        (a, b, n, m, co, d1, h) => {
          const [x, y] = a <= b ? [a, b] : [b, a];
          assert.ok(
            addWorkingDaysMs(cal, x, n, m, co, false, d1) <= addWorkingDaysMs(cal, y, n, m, co, false, d1),
            'days',
          );
          assert.ok(addWorkingTimeMs(cal, x, h) <= addWorkingTimeMs(cal, y, h), 'hours');
          assert.ok(addCalendarDaysMs(cal, x, n) <= addCalendarDaysMs(cal, y, n), 'calendar days');
        },
      ),
      RUNS,
    );
  });
  test('monotonic in the duration', () => {
    fc.assert(
      fc.property(
        instant,
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 30 }),
        mode,
        hoursMs,
        hoursMs,
        (t, n1, n2, m, h1, h2) => {
          const [a, b] = n1 <= n2 ? [n1, n2] : [n2, n1];
          assert.ok(addWorkingDaysMs(cal, t, a, m) <= addWorkingDaysMs(cal, t, b, m), 'days');
          const [p, q] = h1 <= h2 ? [h1, h2] : [h2, h1];
          assert.ok(addWorkingTimeMs(cal, t, p) <= addWorkingTimeMs(cal, t, q), 'hours');
        },
      ),
      RUNS,
    );
  });
  test('a pause of zero working time changes nothing', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 0, max: 30 }), mode, instant, (t, n, m, p) => {
        const due = addWorkingDaysMs(cal, t, n, m);
        assert.equal(dueAfterPauseMs(cal, due, p, p, m), due);
        // A pause inside a night or a day off has no working time either.
        const night = cal.dayStart(cal.dayIndexOf(p)) + 18 * HOUR_MS;
        assert.equal(dueAfterPauseMs(cal, due, night, night + 12 * HOUR_MS, m), due);
      }),
      RUNS,
    );
  });
  test('a pause adds back exactly the paused working time (SAME_TIME)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 30 }), instant, hoursMs, (t, n, p, len) => {
        const due = addWorkingDaysMs(cal, t, n, 'SAME_TIME');
        const pauseEnd = addWorkingTimeMs(cal, p, len);
        const paused = workingTimeBetweenMs(cal, p, pauseEnd);
        const after = dueAfterPauseMs(cal, due, p, pauseEnd, 'SAME_TIME');
        assert.equal(workingTimeBetweenMs(cal, due, after), paused);
      }),
      RUNS,
    );
  });
  test('extension by n working days from a due equals the due of n + m days (END_OF_DAY)', () => {
    fc.assert(
      fc.property(instant, fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), (t, n, m) => {
        const due = addWorkingDaysMs(cal, t, n, 'END_OF_DAY');
        assert.equal(
          extendDeadlineMs(cal, due, { value: m, unit: 'WORKING_DAYS' }, { dueTimeMode: 'END_OF_DAY' }),
          addWorkingDaysMs(cal, t, n + m, 'END_OF_DAY'),
        );
      }),
      RUNS,
    );
  });
});
