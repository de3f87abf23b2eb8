/**
 * The live rollups give the engine's answer: summing each dossier's contributions for a period and scoring the
 * tallies equals scoring the dossiers themselves, for closed periods and for the period in progress.
 */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { bieu06, computeIndex, monthPeriod, type IndexDossier, type IndexPeriod } from '../../src/index766/index.js';
import { bieu06Numbers, contributionsOf, sumForPeriod, talliesOf } from '../../src/index766/contributions.js';
import { dossierArb, flag } from './arbitraries.js';
import { ms } from './fixtures.js';

/**
 * Histories as the lifecycle writes them: nothing after the first end event but the delivery of a resolved
 * dossier. (After an end, a status seen by one period and not by a later one could change a final verdict; the
 * rollups keep the final one — docs/service-index.md, "Irregular histories".)
 */
function regular(d: IndexDossier): IndexDossier {
  const k = d.timeline.findIndex((e) => [3, 7, 8, 9, 10].includes(e.status));
  if (k < 0) return d;
  const end = d.timeline[k]!;
  const delivery = end.status === 9 ? d.timeline.slice(k + 1).find((e) => e.status === 10) : undefined;
  return { ...d, timeline: [...d.timeline.slice(0, k + 1), ...(delivery ? [delivery] : [])] };
}
const regularArb = fc.array(dossierArb(flag).map(regular), { maxLength: 25 });

const quarter4: IndexPeriod = { start: monthPeriod('2025-10').start, end: monthPeriod('2025-12').end, kind: 'QUARTER' };
const periods = [monthPeriod('2025-10'), monthPeriod('2025-11'), monthPeriod('2025-12'), quarter4];

/** What a comparison looks at: every indicator's status, counts and score, and the total. */
function shape(r: ReturnType<typeof computeIndex>) {
  return {
    total: r.total.toFixed(9),
    indicators: r.indicators.map((i) => ({
      code: i.code,
      status: i.status,
      numerator: i.numerator,
      denominator: i.denominator,
      score: i.score === null ? null : i.score.toFixed(9),
      value: i.value === undefined || i.value === null ? i.value : i.value.toFixed(6),
    })),
  };
}

function viaRollups(dossiers: IndexDossier[], period: IndexPeriod, now: number, at?: number) {
  const contributions = dossiers.map((d) => contributionsOf(d, now));
  const sums = sumForPeriod(contributions, period, at);
  const { tallies, processingTime } = talliesOf(sums);
  return {
    index: computeIndex({ period, unitLevel: 'COMMUNE', dossiers: [], tallies, processingTime }),
    bieu06: bieu06Numbers(sums),
  };
}

const withoutCheck = (row: ReturnType<typeof bieu06>['total']) => {
  const { key: _k, consistency: _c, ...rest } = row;
  return rest;
};

describe('rollups of contributions', () => {
  test('closed periods: the same scores and Biểu 06 numbers as the engine over the dossiers', () => {
    const now = ms('2026-03-01', '08:00');
    fc.assert(
      fc.property(regularArb, fc.constantFrom(...periods), (dossiers, period) => {
        const rolled = viaRollups(dossiers, period, now);
        assert.deepEqual(shape(rolled.index), shape(computeIndex({ period, unitLevel: 'COMMUNE', dossiers })));
        assert.deepEqual(rolled.bieu06, withoutCheck(bieu06(dossiers, period).total));
      }),
      { numRuns: 300 },
    );
  });

  test('the period in progress, measured later without new events: the engine with the period ending then', () => {
    const now = ms('2025-11-20', '10:00');
    const seenBy = (d: IndexDossier): IndexDossier => ({ ...d, timeline: d.timeline.filter((e) => e.at < now) });
    fc.assert(
      fc.property(regularArb, fc.integer({ min: 0, max: 9 * 24 }), (raw, laterHours) => {
        const dossiers = raw.map(seenBy).filter((d) => d.receivedAt! < now);
        const at = now + laterHours * 3_600_000;
        const nov = monthPeriod('2025-11');
        const rolled = viaRollups(dossiers, nov, now, at);
        const measured: IndexPeriod = { ...nov, end: at };
        assert.deepEqual(
          shape(rolled.index).indicators,
          shape(computeIndex({ period: measured, unitLevel: 'COMMUNE', dossiers })).indicators,
        );
        assert.deepEqual(rolled.bieu06, withoutCheck(bieu06(dossiers, measured).total));
      }),
      { numRuns: 300 },
    );
  });
});
