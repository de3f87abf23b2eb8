/** Random normalized dossiers for property tests of the index. */
import fc from 'fast-check';
import type { IndexDossier, IndexStatusEntry } from '../../src/index766/index.js';
import type { NationalStatusCode } from '../../src/dossier/index.js';
import { ms } from './fixtures.js';

const HOUR = 3_600_000;
const t0 = ms('2025-10-15', '08:00');

export const flag = fc.constantFrom(true, false, null);
export const known = fc.boolean();

/** Random normalized dossiers around November 2025, with timelines in time order. */
export const dossierArb = (flags: fc.Arbitrary<boolean | null>) =>
  fc
    .record({
      id: fc.integer({ min: 0, max: 1_000_000 }),
      received: fc.integer({ min: 0, max: 50 * 24 }),
      dueAfter: fc.integer({ min: 1, max: 20 * 24 }),
      steps: fc.array(
        fc.record({
          status: fc.constantFrom<NationalStatusCode>(4, 5, 9, 10, 8, 7, 3),
          gap: fc.integer({ min: 1, max: 96 }),
        }),
        { maxLength: 6 },
      ),
      channel: fc.constantFrom('COUNTER', 'ONLINE', 'POSTAL', null),
      f: fc.array(flags, { minLength: 12, maxLength: 12 }),
      feeInfo: fc.constantFrom('NONE', 'ZERO', 'POSITIVE', null),
      hasDue: fc.boolean(),
    })
    .map((g): IndexDossier => {
      const receivedAt = t0 + g.received * HOUR;
      let t = receivedAt;
      const timeline: IndexStatusEntry[] = [{ status: 2, at: receivedAt }];
      for (const s of g.steps) {
        t += s.gap * HOUR;
        timeline.push({ status: s.status, at: t });
      }
      const [a, b, c, d, e, f, h, i, j, l, m, n] = g.f as (boolean | null)[];
      return {
        code: `P${g.id}`,
        fieldCode: null,
        procedureCode: null,
        unitLevel: null,
        channel: g.channel as IndexDossier['channel'],
        receivedAt,
        dueAt: g.hasDue ? receivedAt + g.dueAfter * HOUR : null,
        statutoryMaxMs: g.hasDue ? null : g.dueAfter * HOUR,
        reportDueAt: null,
        timeline,
        synced: a!,
        fullProcessEligible: b!,
        fullProcessOnline: c!,
        resultRequired: d!,
        electronicResult: e!,
        componentsDigitized: f!,
        reusedData: h!,
        personalStoreLinked: i!,
        citizenDataUsed: j!,
        feeInfo: g.feeInfo as IndexDossier['feeInfo'],
        paidOnline: l!,
        dislikedOrComplained: m ?? n!,
      };
    });
