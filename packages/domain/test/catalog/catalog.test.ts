import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  checkHeader,
  checkStepBudgets,
  compareComplianceCost,
  complianceCost,
  contentToRow,
  normaliseBatch,
  normaliseSourceRecord,
  parseQuantity,
  parseTimeText,
  processCut,
  programmeReduction,
  rowToRecord,
  splitEscaped,
  unescapeAll,
} from '../../src/index';

describe('step budgets against the legal time', () => {
  const cases: {
    name: string;
    hours: number[];
    limit: Parameters<typeof checkStepBudgets>[1];
    fits: boolean | null;
    fields: string[];
  }[] = [
    {
      name: 'same-day example of Hanoi process 663: 2+3+2+1 = 8 h in 1 working day',
      hours: [2, 3, 2, 1],
      limit: { value: 1, unit: 'working_days' },
      fits: true,
      fields: [],
    },
    {
      name: '3 working days = 24 h, 25 h is over, third step named',
      hours: [4, 16, 5],
      limit: { value: 3, unit: 'working_days' },
      fits: false,
      fields: ['body.steps.2.hours', 'body.steps'],
    },
    {
      name: 'working hours are exact',
      hours: [4, 4],
      limit: { value: 8, unit: 'working_hours' },
      fits: true,
      fields: [],
    },
    {
      name: 'calendar days only bound from above',
      hours: [40],
      limit: { value: 7, unit: 'calendar_days' },
      fits: true,
      fields: [],
    },
    {
      name: 'over even the calendar bound',
      hours: [60],
      limit: { value: 7, unit: 'calendar_days' },
      fits: false,
      fields: ['body.steps.0.hours', 'body.steps'],
    },
    { name: 'unknown legal time cannot be checked', hours: [100], limit: null, fits: null, fields: [] },
    {
      name: 'a zero step is an error',
      hours: [0, 2],
      limit: { value: 1, unit: 'working_days' },
      fits: false,
      fields: ['body.steps.0.hours'],
    },
  ];
  for (const c of cases)
    test(c.name, () => {
      const r = checkStepBudgets(
        c.hours.map((h, i) => ({ name: `B${i}`, hours: h })),
        c.limit,
      );
      assert.equal(r.fits, c.fits);
      assert.deepEqual(
        r.errors.map((e) => e.field),
        c.fields,
      );
    });
});

describe('compliance cost (Circular 02/2017 formula, spec worked example)', () => {
  const before = {
    hours: 10,
    incomePerHour: 50_000,
    serviceFees: 0,
    fees: 100_000,
    otherCosts: 50_000,
    timesPerYear: 1,
    subjectsPerYear: 2000,
  };
  const after = { ...before, hours: 4, otherCosts: 20_000 };
  const table = [
    { input: before, costOnce: 650_000, annual: 1_300_000_000 },
    { input: after, costOnce: 320_000, annual: 640_000_000 },
    { input: { ...before, hours: 0, fees: 0, otherCosts: 0 }, costOnce: 0, annual: 0 },
    {
      input: {
        ...before,
        hours: 2.9,
        incomePerHour: 25_431,
        serviceFees: 0,
        fees: 0,
        otherCosts: 0,
        subjectsPerYear: 1,
      },
      costOnce: 73_750,
      annual: 73_750,
    },
  ];
  for (const row of table)
    test(`${row.costOnce} once, ${row.annual} a year`, () => {
      assert.deepEqual(complianceCost(row.input), { costOnce: row.costOnce, annualCost: row.annual });
    });
  test('saving 660,000,000 VND, reduction 50.77 %', () => {
    const c = compareComplianceCost(before, after);
    assert.equal(c.saving, 660_000_000);
    assert.equal(c.reductionRate, 50.77);
  });
  test('programme level: Σ saving ÷ Σ cost before; zero before → null', () => {
    assert.equal(
      programmeReduction([
        { annualCostBefore: 100, annualCostAfter: 50 },
        { annualCostBefore: 300, annualCostAfter: 300 },
      ]).reductionRate,
      12.5,
    );
    assert.equal(programmeReduction([]).reductionRate, null);
  });
  test('negative inputs are refused', () => assert.throws(() => complianceCost({ ...before, hours: -1 })));
  test('internal-process cut: 6 steps / 40 h → 4 / 28 = 33.33 % and 30 %', () => {
    assert.deepEqual(processCut({ steps: 6, hours: 40 }, { steps: 4, hours: 28 }), {
      stepCutPct: 33.33,
      timeCutPct: 30,
    });
  });
});

describe('source records', () => {
  test('times, quantities', () => {
    assert.deepEqual(parseTimeText('15 Ngày làm việc'), { value: 15, unit: 'working_days' });
    assert.deepEqual(parseTimeText('01 Giờ'), { value: 1, unit: 'hours' });
    assert.equal(parseTimeText('Không có thông tin'), null);
    assert.deepEqual(parseQuantity('0 bản chính,1 bản sao'), { originals: 0, copies: 1 });
    assert.deepEqual(parseQuantity('Bản chính: 1, Bản sao: 0'), { originals: 1, copies: 0 });
  });
  test('a bare number keeps no unit and warns; online level stays null', () => {
    const r = normaliseSourceRecord(
      {
        code: '1.000001',
        name: 'A',
        field: 'B',
        level: ['xa'],
        processing_days: 5,
        time_unit: null,
        channels: ['direct'],
        online_level: null,
        parse_warnings: [],
      },
      0,
    );
    assert.equal(r.errors.length, 0);
    assert.deepEqual(r.warnings, ['time_unit_missing_in_source']);
    assert.equal(r.content!.methods[0]!.time, null);
    assert.equal(r.content!.onlineLevel, null);
    assert.equal(r.content!.supplementClockMode, 'RESTART');
  });
  test('errors name the record fields; duplicates in a batch', () => {
    const r = normaliseBatch([
      { code: '1.2345', name: '', field: 'B', level: ['huyen'], processing_days: -1, time_unit: 'days' },
      { code: '1.000001', name: 'A', field: 'B', level: ['tinh'] },
      { code: '1.000001', name: 'A', field: 'B', level: ['tinh'] },
    ]);
    assert.deepEqual(r[0]!.errors.map((e) => e.field).sort(), [
      'records.0.code',
      'records.0.level',
      'records.0.name',
      'records.0.processing_days',
    ]);
    assert.equal(r[1]!.errors.length, 0);
    assert.equal(r[2]!.errors[0]!.field, 'records.2.code');
  });
  test('council fee note', () => {
    const r = normaliseSourceRecord(
      {
        code: '1.000002',
        name: 'A',
        field: 'B',
        level: ['xa'],
        channels: ['direct'],
        fee_text: 'Miễn phí(Mức lệ phí cụ thể do Hội đồng nhân dân tỉnh quyết định)',
      },
      0,
    );
    assert.match(r.content!.methods[0]!.feeNote!, /Hội đồng nhân dân/);
  });
});

describe('CSV/XLSX layout', () => {
  test('escaped lists and header checks', () => {
    assert.deepEqual(splitEscaped('a\\; b; c | d', ';').map(unescapeAll), ['a; b', 'c | d']);
    assert.deepEqual(checkHeader(['code', 'name', 'field', 'level']), []);
    assert.equal(checkHeader(['code', 'ten']).length, 4);
  });
  test('row → record → content → row round trip', () => {
    const rec = rowToRecord({
      code: '1.000003',
      name: 'A',
      field: 'B',
      level: 'xa; tinh',
      channels: 'direct',
      processing_days: '3',
      time_unit: 'working_days',
      documents: 'Đơn\\; tờ khai | 1 bản chính | M1.docx | M2.docx',
    });
    const n = normaliseSourceRecord(rec, 0);
    assert.equal(n.errors.length, 0, JSON.stringify(n.errors));
    assert.deepEqual(n.content!.documents[0]!.forms, ['M1.docx', 'M2.docx']);
    const row = contentToRow(n.content!);
    const again = normaliseSourceRecord(
      rowToRecord(Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === null ? '' : String(v)]))),
      0,
    );
    assert.deepEqual(again.content, n.content);
  });
});
