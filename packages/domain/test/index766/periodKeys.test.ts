import { test } from 'node:test';
import assert from 'node:assert/strict';
import { periodFromKey, periodKeyAt, previousPeriodKey } from '../../src/index766/index.js';
import { ms } from './fixtures.js';

test('period keys: local bounds, labels and the previous period of the same kind', () => {
  const rows: [string, string, string, string, string][] = [
    ['2026-07', '2026-07-01', '2026-07-31', 'Tháng 7/2026', '2026-06'],
    ['2026-01', '2026-01-01', '2026-01-31', 'Tháng 1/2026', '2025-12'],
    ['2026-Q3', '2026-07-01', '2026-09-30', 'Quý III/2026', '2026-Q2'],
    ['2026-Q1', '2026-01-01', '2026-03-31', 'Quý I/2026', '2025-Q4'],
    ['2026-H1', '2026-01-01', '2026-06-30', '6 tháng đầu năm 2026', '2025-H2'],
    ['2024', '2024-01-01', '2024-12-31', 'Năm 2024', '2023'],
  ];
  for (const [key, from, to, label, previous] of rows) {
    const p = periodFromKey(key)!;
    assert.deepEqual([p.from, p.to, p.labelVi, previousPeriodKey(key)], [from, to, label, previous], key);
    assert.equal(p.start, ms(from, '00:00'));
  }
  for (const bad of ['2026-13', '2026-Q5', '2026-7', 'Q3-2026', '', '2026-H3']) assert.equal(periodFromKey(bad), null);
});

test('the period holding an instant is read in Vietnamese time', () => {
  // 30/06/2026 23:30 in Hanoi is still June, though it is 16:30 UTC.
  const t = ms('2026-06-30', '23:30');
  assert.equal(periodKeyAt(t, 'MONTH'), '2026-06');
  assert.equal(periodKeyAt(t, 'QUARTER'), '2026-Q2');
  assert.equal(periodKeyAt(ms('2026-07-01', '00:00'), 'HALF'), '2026-H2');
});
