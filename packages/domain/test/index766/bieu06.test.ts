/** Biểu 06/VPCP/KSTT from the normalized records (one-stop-dossiers §18, deadlines-calendar §10). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { bieu06, fromSyncRecord, monthPeriod, syncDossierRecordSchema } from '../../src/index766/index.js';
import { record } from './fixtures.js';

const nov = monthPeriod('2025-11');
const n = (r: Parameters<typeof syncDossierRecordSchema.parse>[0]) => fromSyncRecord(syncDossierRecordSchema.parse(r));

describe('Biểu 06', () => {
  const dossiers = [
    // carried over from October, resolved early in November (Wed 5/11 < due date Fri 7/11)
    n(record('A', ['2025-10-28', '08:00'], ['2025-11-07', '08:00'], [[9, '2025-11-05', '10:00']], { MaLinhVuc: 'HT' })),
    // ended in October: not in the report
    n(record('B', ['2025-10-20', '08:00'], ['2025-10-27', '08:00'], [[9, '2025-10-24', '08:00']], { MaLinhVuc: 'HT' })),
    // online, on time: same date as due, before the due instant (HYBRID)
    n(
      record('C', ['2025-11-03', '08:00'], ['2025-11-10', '17:00'], [[9, '2025-11-10', '09:00']], {
        MaLinhVuc: 'HT',
        KenhThucHien: 2,
      }),
    ),
    // postal, overdue
    n(
      record('D', ['2025-11-03', '08:00'], ['2025-11-10', '08:00'], [[9, '2025-11-10', '09:00']], {
        MaLinhVuc: 'DD',
        KenhThucHien: 3,
      }),
    ),
    // in progress, within deadline at 30/11 24:00
    n(record('E', ['2025-11-27', '08:00'], ['2025-12-04', '08:00'], [], { MaLinhVuc: 'DD' })),
    // in progress, overdue
    n(record('F', ['2025-11-17', '08:00'], ['2025-11-24', '08:00'], [], { MaLinhVuc: 'DD', CapDonVi: 'COMMUNE' })),
    // withdrawn in the period: neither resolved nor in progress
    n(record('G', ['2025-11-17', '08:00'], ['2025-11-24', '08:00'], [[7, '2025-11-18', '08:00']], { MaLinhVuc: 'DD' })),
    // received in December: not in the report
    n(record('H', ['2025-12-01', '08:00'], ['2025-12-08', '08:00'], [], { MaLinhVuc: 'DD' })),
  ];

  test('totals: received 6 (online 1, counter + postal 4, carried over 1); resolved 3 (1/1/1); in progress 2 (1/1)', () => {
    const r = bieu06(dossiers, nov, { defaultLevel: 'DEPARTMENT' });
    assert.deepEqual(r.total.received, { total: 6, online: 1, counterAndPostal: 4, carriedOver: 1 });
    assert.deepEqual(r.total.resolved, { total: 3, early: 1, onTime: 1, overdue: 1, unclassified: 0 });
    assert.deepEqual(r.total.inProgress, { total: 2, withinDeadline: 1, overdue: 1, unclassified: 0 });
    assert.equal(r.total.closedOther, 1);
    // 6 received ≠ 3 resolved + 2 in progress: the withdrawn dossier is the reported difference
    assert.deepEqual(r.total.consistency, { received: 6, accounted: 5, difference: 1, ok: false });
  });

  test('rows by field and by level; the closed-as-resolved setting balances the check', () => {
    const r = bieu06(dossiers, nov, { defaultLevel: 'DEPARTMENT', closedCountsAsResolved: true });
    assert.deepEqual(
      r.byField.map((f) => [f.key, f.received.total]),
      [
        ['DD', 4],
        ['HT', 2],
      ],
    );
    assert.deepEqual(
      r.byLevel.map((f) => [f.key, f.received.total]),
      [
        ['COMMUNE', 1],
        ['DEPARTMENT', 5],
      ],
    );
    assert.equal(r.total.consistency.ok, true);
    for (const row of [...r.byField, ...r.byLevel]) assert.equal(row.consistency.ok, true, row.key);
  });

  test('no dossiers: empty rows, consistent zero total', () => {
    const r = bieu06([], nov);
    assert.equal(r.byField.length, 0);
    assert.deepEqual(r.total.consistency, { received: 0, accounted: 0, difference: 0, ok: true });
  });
});
