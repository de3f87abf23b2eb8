/** Ranking of a peer set: "1, 1, 3" — a unit's rank is one more than the number of units with a higher total. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { rankByTotal } from '../../src/index766/index.js';

const key = (n: number) => Number(n.toFixed(2));

test('rank = 1 + units scoring higher at the display precision; order descending; every unit once', () => {
  fc.assert(
    fc.property(fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { maxLength: 60 }), (totals) => {
      const ranked = rankByTotal(totals, (t) => t);
      assert.equal(ranked.length, totals.length);
      assert.deepEqual(
        ranked.map((r) => r.item).sort((a, b) => a - b),
        [...totals].sort((a, b) => a - b),
      );
      for (let i = 1; i < ranked.length; i++) assert.ok(ranked[i - 1]!.total >= ranked[i]!.total);
      for (const r of ranked)
        assert.equal(r.rank, 1 + totals.filter((t) => key(t) > key(r.total)).length, `total ${r.total}`);
    }),
    { numRuns: 500 },
  );
});
