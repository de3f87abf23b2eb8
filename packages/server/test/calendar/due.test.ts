/**
 * GET /api/v1/calendar/due and GET /api/v1/calendar/{year}, end to end through HTTP on the reference data
 * loaded into the database (spec deadlines-calendar §4, worked examples §11).
 */
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/testApp';

let t: TestApp;
before(async () => {
  t = await createTestApp();
});
after(() => t.close());

interface Due {
  submittedAt: string;
  receivedAt: string;
  due: string;
  explanation: string[];
}

async function due(params: Record<string, string | number>): Promise<Due> {
  const qs = new URLSearchParams(Object.fromEntries(Object.entries(params).map(([k, v]) => [k, String(v)]))).toString();
  const res = await t.anonymous.get(`/api/v1/calendar/due?${qs}`);
  assert.equal(res.statusCode, 200, res.body);
  return res.json() as Due;
}

describe('due dates of the spec worked examples (§11), anonymous', () => {
  const cases: [number, Record<string, string | number>, string][] = [
    [
      1,
      { start: '2023-10-27T09:32:00+07:00', amount: 5, unit: 'working_days', mode: 'same_time' },
      '2023-11-03T09:32:00+07:00',
    ],
    [
      2,
      { start: '2023-10-27T09:32:00+07:00', amount: 5, unit: 'working_days', mode: 'end_of_day' },
      '2023-11-03T17:00:00+07:00',
    ],
    [
      3,
      { start: '2025-04-24T10:00:00+07:00', amount: 3, unit: 'working_days', mode: 'same_time' },
      '2025-04-28T10:00:00+07:00',
    ],
    [
      4,
      { start: '2025-04-29T14:00:00+07:00', amount: 2, unit: 'working_days', mode: 'end_of_day' },
      '2025-05-06T17:00:00+07:00',
    ],
    [
      5,
      { start: '2025-04-25T20:15:00+07:00', amount: 1, unit: 'working_days', mode: 'same_time' },
      '2025-04-28T07:00:00+07:00',
    ],
    [
      7,
      { start: '2024-04-26T15:30:00+07:00', amount: 3, unit: 'working_days', mode: 'same_time' },
      '2024-05-04T15:30:00+07:00',
    ],
    [
      8,
      { start: '2025-11-08T09:10:00+07:00', amount: 3, unit: 'working_days', mode: 'end_of_day' },
      '2025-11-13T17:00:00+07:00',
    ],
    [
      12,
      { start: '2026-01-08T09:00:00+07:00', amount: 2, unit: 'working_days', mode: 'same_time' },
      '2026-01-10T09:00:00+07:00',
    ],
    [
      15,
      { start: '2026-02-12T10:00:00+07:00', amount: 3, unit: 'working_days', mode: 'end_of_day' },
      '2026-02-24T17:00:00+07:00',
    ],
    [16, { start: '2025-12-31T16:00:00+07:00', amount: 2, unit: 'working_hours' }, '2026-01-05T08:00:00+07:00'],
    [17, { start: '2025-11-11T10:45:00+07:00', amount: 3, unit: 'working_hours' }, '2025-11-11T15:45:00+07:00'],
    [19, { start: '2025-11-10T13:30:00+07:00', amount: 8, unit: 'working_hours' }, '2025-11-11T11:30:00+07:00'],
    [20, { start: '2025-11-03T10:00:00+07:00', amount: 30, unit: 'calendar_days' }, '2025-12-04T00:00:00+07:00'],
    [21, { start: '2025-11-07T10:00:00+07:00', amount: 15, unit: 'calendar_days' }, '2025-11-25T00:00:00+07:00'],
    [22, { start: '2026-02-10T10:00:00+07:00', amount: 10, unit: 'calendar_days' }, '2026-02-24T00:00:00+07:00'],
    [23, { start: '2025-12-24T10:00:00+07:00', amount: 8, unit: 'calendar_days' }, '2026-01-06T00:00:00+07:00'],
  ];
  for (const [n, params, expected] of cases) {
    test(`example ${n}: ${params.start} + ${params.amount} ${params.unit} → ${expected}`, async () => {
      const r = await due(params);
      assert.equal(r.due, expected, r.explanation.join('\n'));
      assert.ok(r.explanation.length >= 2);
      assert.match(r.explanation.at(-1)!, /^Hạn trả: /);
    });
  }

  test('example 4 explains the holidays and the swapped day off', async () => {
    const r = await due({ start: '2025-04-29T14:00:00+07:00', amount: 2, unit: 'working_days', mode: 'end_of_day' });
    assert.equal(r.receivedAt, '2025-04-29T14:00:00+07:00');
    assert.ok(
      r.explanation.includes(
        '30/04 và 01/05 là ngày nghỉ lễ (Ngày Chiến thắng; Ngày Quốc tế Lao động; căn cứ 45/2019/QH14).',
      ),
      r.explanation.join('\n'),
    );
    assert.ok(
      r.explanation.some((s) => s.startsWith('02/05 là ngày nghỉ hoán đổi') && s.includes('6150/TB-BLĐTBXH')),
      r.explanation.join('\n'),
    );
    assert.equal(r.explanation.at(-1), 'Hạn trả: 17:00 thứ Ba 06/05/2025.');
  });

  test('example 5: after hours on Friday → the swapped working Saturday opening', async () => {
    const r = await due({ start: '2025-04-25T20:15:00+07:00', amount: 1, unit: 'working_days', mode: 'same_time' });
    assert.equal(r.submittedAt, '2025-04-25T20:15:00+07:00');
    assert.equal(r.receivedAt, '2025-04-26T07:00:00+07:00');
    assert.equal(
      r.explanation[0],
      'Nhận lúc 20:15 thứ Sáu 25/04/2025 (sau giờ làm việc) → tính từ 07:00 thứ Bảy 26/04/2025.',
    );
    assert.ok(
      r.explanation.some((s) => s.startsWith('Thứ Bảy 26/04 là ngày làm bù')),
      r.explanation.join('\n'),
    );
  });

  test('the 15:00 cut-off: 15:20 counts from the next working day, 14:50 from the same day (examples 10, 11)', async () => {
    const late = await due({ start: '2025-12-31T15:20:00+07:00', unit: 'same_day', cutoff: '15:00' });
    assert.equal(late.receivedAt, '2026-01-05T07:00:00+07:00');
    assert.equal(late.due, '2026-01-05T17:00:00+07:00');
    assert.match(late.explanation[0]!, /sau 15:00, giờ chốt tiếp nhận/);
    const early = await due({ start: '2025-12-31T14:50:00+07:00', unit: 'same_day', cutoff: '15:00' });
    assert.equal(early.due, '2025-12-31T17:00:00+07:00');
    // 15:00 exactly is not "after 15:00" (cutoffInclusive = false)
    const exact = await due({ start: '2025-12-31T15:00:00+07:00', unit: 'same_day', cutoff: '15:00' });
    assert.equal(exact.due, '2025-12-31T17:00:00+07:00');
  });

  test('a raw "+" in the offset (decoded to a space) and %2B give the same answer', async () => {
    const raw = await t.anonymous.get(
      '/api/v1/calendar/due?start=2025-04-24T10:00:00+07:00&amount=3&unit=working_days&mode=same_time',
    );
    assert.equal(raw.statusCode, 200, raw.body);
    const encoded = await t.anonymous.get(
      '/api/v1/calendar/due?start=2025-04-24T10:00:00%2B07:00&amount=3&unit=working_days&mode=same_time',
    );
    assert.equal(encoded.statusCode, 200, encoded.body);
    assert.equal(raw.json().due, '2025-04-28T10:00:00+07:00');
    assert.equal(encoded.json().due, raw.json().due);
    const utc = await due({ start: '2025-04-24T03:00:00Z', amount: 3, unit: 'working_days', mode: 'same_time' });
    assert.equal(utc.due, '2025-04-28T10:00:00+07:00');
  });
});

describe('bad input: 400 problem+json naming the parameter', () => {
  const bad: [string, string, number][] = [
    ['start missing', 'amount=1&unit=working_days', 400],
    ['start not a date', 'start=hôm-nay&amount=1&unit=working_days', 400],
    ['start impossible date', 'start=2025-02-30T10:00:00%2B07:00&amount=1&unit=working_days', 400],
    ['start before 1990', 'start=1980-01-01T10:00:00%2B07:00&amount=1&unit=working_days', 400],
    ['amount not a number', 'start=2025-04-24T10:00:00%2B07:00&amount=ba&unit=working_days', 400],
    ['amount negative', 'start=2025-04-24T10:00:00%2B07:00&amount=-1&unit=working_days', 400],
    ['amount fractional calendar days', 'start=2025-04-24T10:00:00%2B07:00&amount=1.5&unit=calendar_days', 400],
    ['amount far beyond 2100', 'start=2025-04-24T10:00:00%2B07:00&amount=100000&unit=working_days', 400],
    ['unit unknown', 'start=2025-04-24T10:00:00%2B07:00&amount=1&unit=weeks', 400],
    ['unit missing', 'start=2025-04-24T10:00:00%2B07:00&amount=1', 400],
    ['mode unknown', 'start=2025-04-24T10:00:00%2B07:00&amount=1&unit=working_days&mode=noon', 400],
    ['cutoff malformed', 'start=2025-04-24T10:00:00%2B07:00&amount=1&unit=working_days&cutoff=3pm', 400],
    ['unitId malformed', 'start=2025-04-24T10:00:00%2B07:00&amount=1&unit=working_days&unitId=abc', 400],
    [
      'unitId unknown',
      'start=2025-04-24T10:00:00%2B07:00&amount=1&unit=working_days&unitId=00000000-0000-4000-8000-000000000000',
      404,
    ],
  ];
  const expectedField: Record<string, string> = {
    'start missing': 'query.start',
    'start not a date': 'query.start',
    'start impossible date': 'query.start',
    'start before 1990': 'query.start',
    'amount not a number': 'query.amount',
    'amount negative': 'query.amount',
    'amount fractional calendar days': 'query.amount',
    'amount far beyond 2100': 'query.amount',
    'unit unknown': 'query.unit',
    'unit missing': 'query.unit',
    'mode unknown': 'query.mode',
    'cutoff malformed': 'query.cutoff',
    'unitId malformed': 'query.unitId',
    'unitId unknown': 'query.unitId',
  };
  for (const [label, qs, status] of bad) {
    test(`${label} → ${status} naming ${expectedField[label]}`, async () => {
      const res = await t.anonymous.get(`/api/v1/calendar/due?${qs}`);
      assert.equal(res.statusCode, status, res.body);
      assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
      const body = res.json() as { code: string; detail: string; errors?: { field: string; message: string }[] };
      const fields = (body.errors ?? []).map((e) => e.field);
      assert.ok(fields.includes(expectedField[label]!), `${res.body}`);
      for (const e of body.errors ?? []) assert.ok(e.message.length > 0);
    });
  }

  test('a bad year → 400 naming params.year', async () => {
    const res = await t.anonymous.get('/api/v1/calendar/1800');
    assert.equal(res.statusCode, 400, res.body);
    assert.ok(
      res.json().errors.some((e: { field: string }) => e.field === 'params.year'),
      res.body,
    );
  });
});

describe('year listing', () => {
  interface Day {
    date: string;
    reasons: {
      type: string;
      name: string;
      legalBasis: { documentNo: string } | null;
      confirmed: boolean;
      applied: boolean;
    }[];
  }
  test('2026: Tết days, 24/11, the swapped Saturdays; the 23/11 and 28/11 proposal listed, flagged and not applied', async () => {
    const res = await t.anonymous.get('/api/v1/calendar/2026');
    assert.equal(res.statusCode, 200, res.body);
    const y = res.json() as {
      nonWorkingDays: Day[];
      addedWorkingDays: Day[];
      proposals: { date: string; type: string; confirmed: boolean; applied: boolean }[];
      workingDayCount: number;
    };
    const off = new Map(y.nonWorkingDays.map((d) => [d.date, d]));
    for (const d of ['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20']) {
      assert.ok(off.has(d), `Tết ${d} missing`);
      assert.equal(off.get(d)!.reasons[0]!.type, 'PUBLIC_HOLIDAY');
      assert.equal(off.get(d)!.reasons[0]!.legalBasis?.documentNo, '9441/TB-BNV');
    }
    for (const d of [
      '2026-01-01',
      '2026-01-02',
      '2026-04-27',
      '2026-04-30',
      '2026-05-01',
      '2026-08-31',
      '2026-09-01',
      '2026-09-02',
      '2026-11-24',
    ]) {
      assert.ok(off.has(d), `${d} missing`);
    }
    assert.match(off.get('2026-11-24')!.reasons[0]!.name, /Văn hóa Việt Nam/);
    assert.ok(!off.has('2026-11-23'), 'the unconfirmed swap day off must not be applied');
    // weekends are not listed one by one
    assert.ok(!off.has('2026-02-21') && !off.has('2026-01-03'));
    assert.deepEqual(
      y.addedWorkingDays.map((d) => d.date),
      ['2026-01-10', '2026-08-22'],
    );
    assert.deepEqual(
      y.proposals.map((p) => [p.date, p.type, p.confirmed, p.applied]),
      [
        ['2026-11-23', 'SWAP_DAY_OFF', false, false],
        ['2026-11-28', 'SWAP_WORKDAY', false, false],
      ],
    );
    // 261 weekdays − 12 weekdays off (1/1, 2/1, 16–20/2, 27/4, 30/4, 1/5, 31/8, 1/9, 2/9, 24/11 = 14) + 2 Saturdays
    assert.equal(y.workingDayCount, 261 - 14 + 2);
  });

  test('2028 (no notice yet): statutory defaults are listed with origin DEFAULT', async () => {
    const res = await t.anonymous.get('/api/v1/calendar/2028');
    assert.equal(res.statusCode, 200, res.body);
    const y = res.json() as {
      nonWorkingDays: { date: string; reasons: { origin: string; id: string | null }[] }[];
      decidedOccasions: string[];
    };
    assert.deepEqual(y.decidedOccasions, []);
    const newYear = y.nonWorkingDays.find((d) => d.date === '2028-01-03'); // 1/1/2028 is a Saturday → compensated Monday
    assert.ok(newYear, JSON.stringify(y.nonWorkingDays.slice(0, 3)));
    assert.equal(newYear!.reasons[0]!.origin, 'DEFAULT');
    assert.equal(newYear!.reasons[0]!.id, null);
  });
});
