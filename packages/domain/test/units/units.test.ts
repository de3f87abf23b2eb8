import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { dayBefore, isIsoDate, isValidOn, isValidUnitCode, isWithin } from '../../src/index';

describe('unit identifier codes (LLL.CC.BB.AAA)', () => {
  for (const code of ['000.00.00.H26', '000.00.41.H26', '000.L7.30.H26', '001.02.03.G09'])
    test(`accepts ${code}`, () => assert.equal(isValidUnitCode(code), true));
  for (const code of [
    '000.00.00.h26',
    '00.00.00.H26',
    '000.00.00.H2',
    '000-00-00-H26',
    '000.00.00.26H',
    ' 000.00.00.H26',
  ])
    test(`rejects ${JSON.stringify(code)}`, () => assert.equal(isValidUnitCode(code), false));
});

describe('effective dating', () => {
  const district = { validFrom: '2008-08-01', validTo: '2025-06-30' };
  test('valid on its first and last day, not the day after', () => {
    assert.equal(isValidOn(district, '2008-08-01'), true);
    assert.equal(isValidOn(district, '2025-06-30'), true);
    assert.equal(isValidOn(district, '2025-07-01'), false);
  });
  test('an open-ended unit is valid forever after its start', () => {
    assert.equal(isValidOn({ validFrom: '2025-07-01', validTo: null }, '2099-01-01'), true);
  });
  test('a child may not outlive its parent', () => {
    assert.equal(isWithin({ validFrom: '2010-01-01', validTo: '2025-06-30' }, district), true);
    assert.equal(isWithin({ validFrom: '2010-01-01', validTo: null }, district), false);
    assert.equal(isWithin({ validFrom: '2000-01-01', validTo: '2020-01-01' }, district), false);
  });
  test('dayBefore crosses months and leap days', () => {
    assert.equal(dayBefore('2025-07-01'), '2025-06-30');
    assert.equal(dayBefore('2024-03-01'), '2024-02-29');
    assert.equal(dayBefore('2025-01-01'), '2024-12-31');
  });
  test('isIsoDate rejects impossible dates', () => {
    assert.equal(isIsoDate('2025-02-29'), false);
    assert.equal(isIsoDate('2024-02-29'), true);
    assert.equal(isIsoDate('2025-13-01'), false);
  });
});
