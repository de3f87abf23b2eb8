import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  CalendarError,
  formatLocalDate,
  hungKingsDay,
  lunarNewYear,
  lunarNewYearsEve,
  lunarToSolar,
  parseLocalDate,
  solarToLunar,
} from '../../src/calendar/index.js';

/** Vietnamese Tết (mùng 1 tháng Giêng), 1990–2030. */
const TET: Record<number, string> = {
  1990: '1990-01-27',
  1991: '1991-02-15',
  1992: '1992-02-04',
  1993: '1993-01-23',
  1994: '1994-02-10',
  1995: '1995-01-31',
  1996: '1996-02-19',
  1997: '1997-02-07',
  1998: '1998-01-28',
  1999: '1999-02-16',
  2000: '2000-02-05',
  2001: '2001-01-24',
  2002: '2002-02-12',
  2003: '2003-02-01',
  2004: '2004-01-22',
  2005: '2005-02-09',
  2006: '2006-01-29',
  2007: '2007-02-17',
  2008: '2008-02-07',
  2009: '2009-01-26',
  2010: '2010-02-14',
  2011: '2011-02-03',
  2012: '2012-01-23',
  2013: '2013-02-10',
  2014: '2014-01-31',
  2015: '2015-02-19',
  2016: '2016-02-08',
  2017: '2017-01-28',
  2018: '2018-02-16',
  2019: '2019-02-05',
  2020: '2020-01-25',
  2021: '2021-02-12',
  2022: '2022-02-01',
  2023: '2023-01-22',
  2024: '2024-02-10',
  2025: '2025-01-29',
  2026: '2026-02-17',
  2027: '2027-02-06',
  2028: '2028-01-26',
  2029: '2029-02-13',
  2030: '2030-02-02',
};

/** Giỗ Tổ Hùng Vương (10/3 âm lịch) as observed. */
const HUNG: Record<number, string> = {
  2012: '2012-03-31',
  2013: '2013-04-19',
  2014: '2014-04-09',
  2015: '2015-04-28',
  2016: '2016-04-16',
  2017: '2017-04-06',
  2018: '2018-04-25',
  2019: '2019-04-14',
  2020: '2020-04-02',
  2021: '2021-04-21',
  2022: '2022-04-10',
  2023: '2023-04-29',
  2024: '2024-04-18',
  2025: '2025-04-07',
  2026: '2026-04-26',
  2027: '2027-04-16',
};

describe('lunar calendar (UTC+7)', () => {
  for (const [y, d] of Object.entries(TET)) {
    test(`Tết ${y} = ${d}`, () => assert.equal(lunarNewYear(Number(y)), d));
  }
  for (const [y, d] of Object.entries(HUNG)) {
    test(`Giỗ Tổ ${y} = ${d}`, () => assert.equal(hungKingsDay(Number(y)), d));
  }

  test('Vietnam (UTC+7) differs from China (UTC+8) in 1985, 2007 and 2030', () => {
    assert.equal(lunarNewYear(1985), '1985-01-21');
    assert.equal(lunarNewYear(1985, 8), '1985-02-20');
    assert.equal(lunarNewYear(2007, 8), '2007-02-18');
    assert.equal(lunarNewYear(2030, 8), '2030-02-03');
  });

  test('last day of the lunar year, as named in the official notices', () => {
    // 30 tháng Chạp Quý Mão; 29 tháng Chạp Giáp Thìn and Ất Tỵ (giao thừa).
    assert.deepEqual(solarToLunar('2024-02-09'), { day: 30, month: 12, year: 2023, leap: false });
    assert.deepEqual(solarToLunar('2025-01-28'), { day: 29, month: 12, year: 2024, leap: false });
    assert.deepEqual(solarToLunar('2026-02-16'), { day: 29, month: 12, year: 2025, leap: false });
    assert.equal(lunarNewYearsEve(2026), '2026-02-16');
    assert.equal(lunarNewYearsEve(2024), '2024-02-09');
  });

  test('leap month 2 of Quý Mão (2023) and leap month 6 of Ất Tỵ (2025)', () => {
    assert.deepEqual(solarToLunar('2023-03-22'), { day: 1, month: 2, year: 2023, leap: true });
    assert.equal(lunarToSolar({ day: 1, month: 6, year: 2025, leap: true }), '2025-07-25');
    assert.throws(
      () => lunarToSolar({ day: 1, month: 5, year: 2025, leap: true }),
      (e: unknown) => e instanceof CalendarError && e.code === 'CALENDAR_INVALID_LUNAR_DATE',
    );
  });

  test('every day 1990–2100 round-trips, months have 29 or 30 days, Tết is in 21/1–20/2', () => {
    const from = parseLocalDate('1990-01-01');
    const to = parseLocalDate('2100-12-31');
    let prev = solarToLunar(formatLocalDate(from - 1));
    let monthLen = 0;
    for (let d = from; d <= to; d++) {
      const date = formatLocalDate(d);
      const l = solarToLunar(date);
      if (l.day === 1) {
        if (monthLen > 0) assert.ok(prev.day === 29 || prev.day === 30, `${date}: previous month had ${prev.day} days`);
        monthLen = 1;
        if (l.month === 1 && !l.leap) {
          const md = date.slice(5);
          assert.ok(md >= '01-21' && md <= '02-20', `Tết ${date}`);
        }
      } else {
        assert.equal(l.day, prev.day + 1, date);
        monthLen++;
      }
      assert.equal(lunarToSolar(l), date);
      prev = l;
    }
  });

  test('out-of-range years throw CALENDAR_OUT_OF_RANGE', () => {
    assert.throws(
      () => lunarNewYear(1700),
      (e: unknown) => e instanceof CalendarError && e.code === 'CALENDAR_OUT_OF_RANGE',
    );
  });
});
