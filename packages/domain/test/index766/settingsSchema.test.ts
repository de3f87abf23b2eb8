import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_INDEX_SETTINGS,
  EDITABLE_INDEX_SETTINGS,
  INDEX_SETTING_SPEC_REFS,
  applyIndexSettings,
  computeIndexFromRequest,
  indexSettingsOverridesSchema,
  type IndexSettings,
} from '../../src/index766/index.js';
import { example1, november2025 } from './fixtures.js';

function onTimeRate(settings?: IndexSettings) {
  const out = computeIndexFromRequest({ period: november2025, unitLevel: 'COMMUNE', dossiers: example1 }, settings);
  if (!out.ok) assert.fail(JSON.stringify(out.error.issues));
  return out.result.indicators.find((i) => i.code === 'ON_TIME_RATE')!;
}

const issues = (raw: unknown) => {
  const r = indexSettingsOverridesSchema.safeParse(raw);
  assert.equal(r.success, false, JSON.stringify(raw));
  return r.error!.issues.map((i) => ({ path: i.path.join('.'), message: i.message }));
};

test('no overrides: the defaults of the spec', () => {
  const r = indexSettingsOverridesSchema.parse({});
  assert.deepEqual(applyIndexSettings(r), DEFAULT_INDEX_SETTINGS);
  assert.deepEqual(applyIndexSettings(), DEFAULT_INDEX_SETTINGS);
});

test('every editable setting validates and lands in the effective settings', () => {
  const overrides = {
    maxOverrides: { ON_TIME_RATE: 30, ONLINE_SUBMISSION_RATE: 0 },
    fullAtOverrides: { SO_HOA_GIAY_TO_GIAI_QUYET: 0.8 },
    notApplicable: { COMMUNE: ['PUBLISH_ON_TIME'] },
    notApplicablePolicy: 'EXCLUDE',
    zeroDenominator: 'ZERO',
    capP2: false,
    noPetitionPolicy: 'NOT_APPLICABLE',
    syncFallbackDivisor: { YEAR: 1 },
    syncFallbackZero: 'ZERO',
    onTimeScope: 'RECEIVED_IN_PERIOD',
    displayDecimals: 1,
    bieu06ClosedCountsAsResolved: true,
  };
  assert.deepEqual(Object.keys(overrides), [...EDITABLE_INDEX_SETTINGS]);
  const s = applyIndexSettings(indexSettingsOverridesSchema.parse(overrides));
  assert.deepEqual(s, {
    ...DEFAULT_INDEX_SETTINGS,
    ...overrides,
    // one divisor given: the others keep their defaults
    syncFallbackDivisor: { MONTH: 12, QUARTER: 4, YEAR: 1 },
  });
  for (const k of EDITABLE_INDEX_SETTINGS) assert.match(INDEX_SETTING_SPEC_REFS[k], /§/);
});

test('a maximum override rescales the indicator: ON_TIME_RATE at 30 scores 30 × ratio', () => {
  const settings = applyIndexSettings(indexSettingsOverridesSchema.parse({ maxOverrides: { ON_TIME_RATE: 30 } }));
  const before = onTimeRate();
  const after = onTimeRate(settings);
  assert.equal(before.max, 20);
  assert.equal(after.max, 30);
  assert.equal(after.score!.toFixed(6), ((30 * 4) / 7).toFixed(6));
});

test('unknown indicator codes are refused at their key, in Vietnamese', () => {
  assert.deepEqual(issues({ maxOverrides: { KHONG_CO: 5 } }), [
    { path: 'maxOverrides.KHONG_CO', message: 'Mã chỉ tiêu “KHONG_CO” không có trong bảng chỉ tiêu.' },
  ]);
  assert.deepEqual(
    issues({ notApplicable: { COMMUNE: ['ON_TIME_RATE', 'KHONG_CO', 'ON_TIME_RATE'] } }).map((i) => i.path),
    ['notApplicable.COMMUNE.1', 'notApplicable.COMMUNE.2'],
  );
  assert.equal(issues({ fullAtOverrides: { X: 0.5 } })[0]!.path, 'fullAtOverrides.X');
});

test('out-of-range values name the field', () => {
  assert.deepEqual(issues({ maxOverrides: { ON_TIME_RATE: -1 } }), [
    { path: 'maxOverrides.ON_TIME_RATE', message: 'Điểm tối đa không được âm.' },
  ]);
  assert.equal(issues({ maxOverrides: { ON_TIME_RATE: 101 } })[0]!.path, 'maxOverrides.ON_TIME_RATE');
  assert.equal(
    issues({ fullAtOverrides: { SO_HOA_GIAY_TO_GIAI_QUYET: 0 } })[0]!.path,
    'fullAtOverrides.SO_HOA_GIAY_TO_GIAI_QUYET',
  );
  assert.equal(
    issues({ fullAtOverrides: { SO_HOA_GIAY_TO_GIAI_QUYET: 1.5 } })[0]!.path,
    'fullAtOverrides.SO_HOA_GIAY_TO_GIAI_QUYET',
  );
  assert.equal(issues({ syncFallbackDivisor: { MONTH: 0 } })[0]!.path, 'syncFallbackDivisor.MONTH');
  assert.equal(issues({ syncFallbackDivisor: { MONTH: 2.5 } })[0]!.path, 'syncFallbackDivisor.MONTH');
  assert.equal(issues({ displayDecimals: 7 })[0]!.path, 'displayDecimals');
  assert.equal(issues({ notApplicable: { VILLAGE: [] } })[0]!.path, 'notApplicable');
  const policy = issues({ notApplicablePolicy: 'MAYBE' })[0]!;
  assert.equal(policy.path, 'notApplicablePolicy');
  assert.match(policy.message, /AWARD_MAX, EXCLUDE/);
  assert.equal(issues({ capP2: 'yes' })[0]!.path, 'capP2');
});

test('unknown settings and the granularity (derived with the contributions) are refused', () => {
  for (const raw of [
    { timelinessGranularity: 'DAY' },
    { closedCountsAsResolved: true },
    { syncFallbackDivisor: { WEEK: 52 } },
  ]) {
    const [i] = issues(raw);
    assert.ok(i, JSON.stringify(raw));
  }
});
