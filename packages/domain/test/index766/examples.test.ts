/** The worked examples of service-index-766 §8, with hand-computed expected scores. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  PROVINCIAL_2024_ONLINE_ALLOCATION,
  computeIndex,
  computeIndexFromRequest,
  decideOnTime,
  fromSyncRecord,
  indexInputOf,
  indexRequestSchema,
  monthPeriod,
  rankByTotal,
  syncDossierRecordSchema,
  type IndexInput,
  type IndexResult,
  type IndicatorCode,
} from '../../src/index766/index.js';
import { example1, ms, november2025, record } from './fixtures.js';

const HOUR = 3_600_000;
const close = (actual: number | null | undefined, expected: number, eps = 1e-9) =>
  assert.ok(actual !== null && actual !== undefined && Math.abs(actual - expected) < eps, `${actual} ≠ ${expected}`);
const ind = (r: IndexResult, code: IndicatorCode) => r.indicators.find((i) => i.code === code)!;
const grp = (r: IndexResult, code: string) => r.groups.find((g) => g.code === code)!;

function run(raw: unknown) {
  const out = computeIndexFromRequest(raw);
  if (!out.ok) assert.fail(JSON.stringify(out.error.issues));
  return out.result;
}

describe('Example 1 — group 2, November 2025', () => {
  const period = monthPeriod('2025-11');
  const byCode = Object.fromEntries(
    example1.map((r) => [r.MaHoSo, decideOnTime(fromSyncRecord(syncDossierRecordSchema.parse(r)), period)!]),
  );

  test('per-dossier decisions follow §4', () => {
    assert.equal(byCode.D1!.onTime, true); // end = 9 at 7/11 15:00 ≤ 10/11 08:00
    // D2: end 12/11 07:30 − (7/11 10:00 − 5/11 10:00 = 48 h) = 10/11 07:30 ≤ 08:00
    assert.equal(byCode.D2!.pauseMs, 48 * HOUR);
    assert.equal(byCode.D2!.effectiveEnd, ms('2025-11-10', '07:30'));
    assert.equal(byCode.D2!.onTime, true);
    // D3: 12/11 09:00 − 48 h = 10/11 09:00 > 08:00, late by 1 h
    assert.equal(byCode.D3!.onTime, false);
    assert.equal(byCode.D3!.lateByMs, HOUR);
    // D4: status 5 twice → overdue although resolved 7/11 before 10/11
    assert.equal(byCode.D4!.onTime, false);
    assert.equal(byCode.D4!.rule, 'SECOND_SUPPLEMENT');
    // D5: end = period end 30/11 24:00 (= 1/12 00:00) ≤ 1/12 09:00
    assert.equal(byCode.D5!.endKind, 'PERIOD_END');
    assert.equal(byCode.D5!.end, ms('2025-12-01', '00:00'));
    assert.equal(byCode.D5!.onTime, true);
    // D6: waiting for the citizen, end = request 14/11 10:00 ≤ 17/11 09:00
    assert.equal(byCode.D6!.endKind, 'WAITING_FOR_CITIZEN');
    assert.equal(byCode.D6!.onTime, true);
    // D7: original date 14/11 10:00; resolved 19/11 10:00 → late by 5 days
    assert.equal(byCode.D7!.onTime, false);
    assert.equal(byCode.D7!.lateByMs, 5 * 24 * HOUR);
  });

  test('ON_TIME_RATE = 20 × 4 / 7 = 11.4286 (displayed 11.43)', () => {
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers: example1 });
    const on = ind(r, 'ON_TIME_RATE');
    assert.equal(on.numerator, 4);
    assert.equal(on.denominator, 7);
    close(on.score, (20 * 4) / 7);
    assert.equal(on.score!.toFixed(2), '11.43');
    close(grp(r, 'PROGRESS').score, (20 * 4) / 7);
    assert.equal(grp(r, 'PROGRESS').max, 20);
  });

  test('lost points: D3 late 1 h, D4 second supplement, D7 late 5 days; each worth 20/7 = 2.857', () => {
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers: example1 });
    const lost = r.lostPoints.filter((l) => l.indicator === 'ON_TIME_RATE');
    assert.deepEqual(
      lost.map((l) => [l.dossierCode, l.reason]),
      [
        ['D3', 'LATE'],
        ['D4', 'SECOND_SUPPLEMENT'],
        ['D7', 'LATE'],
      ],
    );
    // 20 × 5/7 − 20 × 4/7 = 20/7
    for (const l of lost) close(l.points, 20 / 7);
    assert.match(lost[0]!.messageVi, /D3: trễ hạn 1 giờ .*đã trừ 2 ngày chờ bổ sung.*hẹn trả 10\/11\/2025 08:00/);
    assert.match(lost[1]!.messageVi, /yêu cầu bổ sung 2 lần/);
    assert.match(lost[2]!.messageVi, /trễ hạn 5 ngày/);
  });

  test('AVG_PROCESSING_TIME is displayed, not scored: D1–D4 and D7 resolved in the period', () => {
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers: example1 });
    const avg = ind(r, 'AVG_PROCESSING_TIME');
    // D1 3/11 08:00→7/11 15:00 = 103 h; D2 3/11 08:00→12/11 07:30 = 215.5 h; D3 → 12/11 09:00 = 217 h;
    // D4 → 7/11 10:00 = 98 h; D7 7/11 10:00 → 19/11 10:00 = 288 h; mean = 921.5 / 5 = 184.3 h
    close(avg.value, 921.5 / 5);
    assert.equal(avg.max, 0);
    assert.equal(avg.score, 0);
  });
});

describe('Example 2 — group 4 (online payment)', () => {
  // A = 30/60 = 0.5, B = 3/10 = 0.3, C = 8/10 = 0.8
  const counts = {
    ONLINE_PAID_DOSSIER_RATE: { numerator: 30, denominator: 60 },
    PAYMENT_PROCEDURE_TRANSACTED: { numerator: 3, denominator: 10 },
    PAYMENT_PROCEDURE_INTEGRATED: { numerator: 8, denominator: 10 },
  };
  const input = (c: typeof counts): IndexInput => ({
    period: monthPeriod('2025-10'),
    unitLevel: 'PROVINCE',
    dossiers: [],
    counts: c,
  });

  test('score = 6 × 0.5 + min(2, 2.5 × 0.3) + 2.5 × 0.8 = 3.00 + 0.75 + 2.00 = 5.75', () => {
    const r = computeIndex(input(counts));
    close(ind(r, 'ONLINE_PAID_DOSSIER_RATE').score, 3);
    close(ind(r, 'PAYMENT_PROCEDURE_TRANSACTED').score, 0.75);
    close(ind(r, 'PAYMENT_PROCEDURE_INTEGRATED').score, 2);
    close(grp(r, 'ONLINE_PAYMENT').score, 5.75);
  });

  test('C = 1.0: uncapped P2 would be 2.5; capP2 = true gives 2, capP2 = false 2.5', () => {
    const c = { ...counts, PAYMENT_PROCEDURE_INTEGRATED: { numerator: 10, denominator: 10 } };
    const capped = ind(computeIndex(input(c)), 'PAYMENT_PROCEDURE_INTEGRATED');
    close(capped.score, 2);
    close(capped.uncappedScore, 2.5);
    const uncapped = computeIndex(input(c), { capP2: false });
    close(ind(uncapped, 'PAYMENT_PROCEDURE_INTEGRATED').score, 2.5);
    close(grp(uncapped, 'ONLINE_PAYMENT').score, 3 + 0.75 + 2.5); // 6.25
  });

  test('zero denominators in payment: ratio 0, score 0', () => {
    const r = computeIndex(
      input({
        ONLINE_PAID_DOSSIER_RATE: { numerator: 0, denominator: 0 },
        PAYMENT_PROCEDURE_TRANSACTED: { numerator: 0, denominator: 0 },
        PAYMENT_PROCEDURE_INTEGRATED: { numerator: 0, denominator: 0 },
      }),
    );
    assert.equal(grp(r, 'ONLINE_PAYMENT').score, 0);
    assert.equal(ind(r, 'ONLINE_PAID_DOSSIER_RATE').status, 'NO_ITEMS');
  });
});

describe('Example 3 — totals and ranking of three communes', () => {
  /**
   * Commune A: group 1 = 12 (1.1–1.3 not applicable, maxima 6 + 4 + 2) + 6 × 0.95 = 17.70;
   * group 2 = 20 × 4/7 = 11.43 (example 1); group 3 = 9.00 as published; group 4 = 5.75 (example 2);
   * group 5 = 6×0.9 + 4×0.85 + 2×1 + min(2, 2×0.4/0.8) + 4×0.5 + 2×0.9 + 2×0.75
   *         = 5.40 + 3.40 + 2.00 + 1.00 + 2.00 + 1.80 + 1.50 = 17.10;
   * group 6 = 6×0.8 + 6×0.7 + 6×0.85/0.9 = 4.80 + 4.20 + 5.6667 = 14.6667;
   * total = 17.70 + 11.428571 + 9 + 5.75 + 17.10 + 14.666667 = 75.645238 → 75.65.
   */
  const countsA = {
    DOSSIER_SYNC: { numerator: 95, denominator: 100 },
    ONLINE_PAID_DOSSIER_RATE: { numerator: 30, denominator: 60 },
    PAYMENT_PROCEDURE_TRANSACTED: { numerator: 3, denominator: 10 },
    PAYMENT_PROCEDURE_INTEGRATED: { numerator: 8, denominator: 10 },
    ORIGINAL_RESULT_AVAILABLE: { numerator: 9, denominator: 10 },
    SO_HOA_GIAY_TO_GIAI_QUYET: { numerator: 17, denominator: 20 },
    ELECTRONIC_CERTIFIED_COPY: { numerator: 1, denominator: 1 },
    REUSED_DIGITIZED_DATA: { numerator: 2, denominator: 5 },
    SYNCED_WITH_DVCQG_PERSONAL_STORAGE: { numerator: 1, denominator: 2 },
    CITIZEN_DATA_CONNECTED_DOSSIER: { numerator: 9, denominator: 10 },
    CITIZEN_DATA_CONNECTED_FORMALITY: { numerator: 3, denominator: 4 },
    PETITION_PROCESSING_ON_TIME: { numerator: 8, denominator: 10 },
    PETITION_HANDLING_SATISFACTION: { numerator: 7, denominator: 10 },
    DOSSIER_RECEIVING_SATISFACTION: { numerator: 850, denominator: 1000 },
    // tracked only
    PETITION_CLASSIFICATION_TTHC: { numerator: 6, denominator: 10 },
    PETITION_CLASSIFICATION_STAFF: { numerator: 4, denominator: 10 },
  };
  const requestA = {
    period: november2025,
    unitLevel: 'COMMUNE' as const,
    dossiers: example1,
    counts: countsA,
    publishedScores: { FULL_ONLINE_DOSSIER_RATE: 9 },
  };

  test('commune A: groups 17.70 / 11.43 / 9.00 / 5.75 / 17.10 / 14.67, total 75.65', () => {
    const r = run(requestA);
    close(grp(r, 'TRANSPARENCY').score, 17.7);
    close(grp(r, 'PROGRESS').score, 80 / 7);
    close(grp(r, 'ONLINE_SERVICE').score, 9);
    close(grp(r, 'ONLINE_PAYMENT').score, 5.75);
    close(grp(r, 'DIGITIZATION').score, 17.1);
    close(grp(r, 'SATISFACTION').score, 4.8 + 4.2 + (6 * 0.85) / 0.9);
    close(r.total, 17.7 + 80 / 7 + 9 + 5.75 + 17.1 + 4.8 + 4.2 + (6 * 0.85) / 0.9);
    assert.equal(r.total.toFixed(2), '75.65');
    assert.equal(r.max, 100);
    assert.equal(r.complete, true);
    assert.equal(ind(r, 'PUBLISH_ON_TIME').status, 'NOT_APPLICABLE');
    assert.equal(ind(r, 'PUBLISH_ON_TIME').score, 6);
    assert.equal(ind(r, 'FULL_ONLINE_DOSSIER_RATE').status, 'PUBLISHED');
  });

  test('component digitization with the formula description threshold (80%) gives 4.00 instead of 3.40', () => {
    const out = computeIndex(indexInputOf(indexRequestSchema.parse(requestA)), {
      fullAtOverrides: { SO_HOA_GIAY_TO_GIAI_QUYET: 0.8 },
    });
    close(ind(out, 'SO_HOA_GIAY_TO_GIAI_QUYET').score, 4); // min(4, 4 × 0.85 / 0.8 = 4.25)
    close(ind(out, 'SO_HOA_GIAY_TO_GIAI_QUYET').uncappedScore, 4.25);
  });

  test('ranking by total, descending: B 91.00 (1), C 80.00 (2), A 75.65 (3)', () => {
    const a = run(requestA).total;
    const ranked = rankByTotal(
      [
        { name: 'A', total: a },
        { name: 'B', total: 91 },
        { name: 'C', total: 80 },
      ],
      (x) => x.total,
    );
    assert.deepEqual(
      ranked.map((r) => [r.item.name, r.rank]),
      [
        ['B', 1],
        ['C', 2],
        ['A', 3],
      ],
    );
    // equal totals at the display precision share a rank
    const tied = rankByTotal([80.001, 80.004, 79], (x) => x);
    assert.deepEqual(
      tied.map((r) => r.rank),
      [1, 1, 3],
    );
  });

  test('dossier satisfaction from 1,000 dossiers: 120 overdue and 30 more disliked → 0.85 → 6 × 0.85 / 0.9 = 5.67', () => {
    const dossiers = Array.from({ length: 1000 }, (_, k) =>
      record(
        `S${k}`,
        ['2025-11-03', '08:00'],
        ['2025-11-10', '08:00'],
        [[9, k < 120 ? '2025-11-11' : '2025-11-07', '10:00']],
      ),
    );
    const disliked = Array.from({ length: 30 }, (_, k) => `S${200 + k}`).concat(['S5']); // S5 is also overdue
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers, dislikedDossierCodes: disliked });
    const s = ind(r, 'DOSSIER_RECEIVING_SATISFACTION');
    assert.equal(s.numerator, 850);
    assert.equal(s.denominator, 1000);
    close(s.score, (6 * 0.85) / 0.9);
    assert.equal(s.score!.toFixed(2), '5.67');
    // ON_TIME_RATE = 20 × 880 / 1000 = 17.6
    close(ind(r, 'ON_TIME_RATE').score, 17.6);
  });
});

describe('the 2024 provincial allocation of group 3 as a preset', () => {
  test('3.1 = 2 full at 80%, 3.2 = 4 linear, 3.3 = 6 full at 50% (× sync ratio)', () => {
    // 3.1: 60/100 → 2 × 0.6 / 0.8 = 1.5; 3.2: 3/4 → 4 × 0.75 = 3;
    // 3.3: D5 is the only online dossier of 7 received... all 7 synced → (1/7 × 1) / 0.5 × 6 = 12/7
    const dossiers = example1.map((d) => ({ ...d, DaDongBo: 1 as const }));
    const r = computeIndex(
      indexInputOf(
        indexRequestSchema.parse({
          period: november2025,
          unitLevel: 'PROVINCE',
          dossiers,
          counts: {
            ONLINE_SERVICE_PROVIDED_RATE: { numerator: 60, denominator: 100 },
            ONLINE_SERVICE_WITH_DOSSIER_RATE: { numerator: 3, denominator: 4 },
          },
        }),
      ),
      { maxOverrides: PROVINCIAL_2024_ONLINE_ALLOCATION },
    );
    close(ind(r, 'ONLINE_SERVICE_PROVIDED_RATE').score, 1.5);
    close(ind(r, 'ONLINE_SERVICE_WITH_DOSSIER_RATE').score, 3);
    // D5 has no result yet, so it counts as online without the electronic-result condition
    close(ind(r, 'ONLINE_SUBMISSION_RATE').ratio, 1 / 7);
    close(ind(r, 'ONLINE_SUBMISSION_RATE').score, 12 / 7);
    assert.equal(ind(r, 'FULL_ONLINE_DOSSIER_RATE').max, 0);
    assert.equal(grp(r, 'ONLINE_SERVICE').max, 12);
  });
});
