import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { formatInstantVN } from '../../src/calendar/index.js';
import { decide, type DossierContext } from '../../src/dossier/index.js';
import { act, at, ctx, receivePayload, refusedCode, run } from './helpers.js';

const date = '2025-11-03';
// Due Mon 10/11/2025 08:00 (5 working days, SAME_TIME).
const received = () =>
  run([
    act('RECEIVE', at(date, '08:00'), receivePayload(date)),
    act('TRANSFER', at(date, '08:05'), { toUnitId: 'u2' }),
  ]);
const apology = (when: number, p: Record<string, unknown> = { newDueDate: '2025-11-14' }) =>
  act('APOLOGIZE_AND_RESCHEDULE', when, { reason: 'Chờ kết quả xác minh', signerName: 'Lê Văn C', ...p });

describe('apology and one reschedule (§8)', () => {
  test('before the due time: new date set, original kept, date read as its closing time', () => {
    const r = decide(received(), apology(at('2025-11-06', '09:00')), ctx);
    assert.ok(r.ok);
    const s = r.next;
    assert.equal(s.state, 'HANDED_OFF');
    assert.equal(formatInstantVN(s.originalDueAt!), '2025-11-10T08:00:00+07:00');
    assert.equal(formatInstantVN(s.rescheduledDueAt!), '2025-11-14T17:00:00+07:00');
    assert.equal(s.dueAt, s.rescheduledDueAt);
    assert.equal(s.rescheduleCount, 1);
    assert.equal(s.apology?.lateNotice, false);
    assert.ok(r.events.some((e) => e.type === 'DOCUMENT' && e.form === 'APOLOGY_LETTER'));
    assert.ok(r.events.some((e) => e.type === 'DUE_CHANGED'));
  });
  test('a second reschedule is refused with DOSSIER_RESCHEDULE_ALREADY_USED', () => {
    const s = run([apology(at('2025-11-06', '09:00'))], ctx, received());
    assert.equal(
      refusedCode(s, apology(at('2025-11-07', '09:00'), { newDueDate: '2025-11-20' })),
      'DOSSIER_RESCHEDULE_ALREADY_USED',
    );
  });
  test('at or after the due time: DOSSIER_RESCHEDULE_AFTER_DUE', () => {
    assert.equal(refusedCode(received(), apology(at('2025-11-10', '08:00'))), 'DOSSIER_RESCHEDULE_AFTER_DUE');
    assert.equal(refusedCode(received(), apology(at('2025-11-10', '09:00'))), 'DOSSIER_RESCHEDULE_AFTER_DUE');
    assert.equal(refusedCode(received(), apology(at('2025-11-10', '07:59'))), 'ok');
  });
  test('less than one working day before due: allowed and flagged (FLAG), refused under BLOCK', () => {
    const s = run([apology(at('2025-11-07', '09:00'))], ctx, received());
    assert.equal(s.apology?.lateNotice, true);
    const block: DossierContext = {
      ...ctx,
      options: { regimeOverrides: { OSS_2025: { apologyLeadTimeEnforcement: 'BLOCK' } } },
    };
    assert.equal(refusedCode(received(), apology(at('2025-11-07', '09:00')), block), 'DOSSIER_APOLOGY_TOO_LATE');
    // Exactly 8 working hours before due (Fri 07/11 08:00 → Mon 10/11 08:00) is in time.
    assert.equal(refusedCode(received(), apology(at('2025-11-07', '08:00')), block), 'ok');
  });
  test('the new date must be a later working day', () => {
    assert.equal(
      refusedCode(received(), apology(at('2025-11-06', '09:00'), { newDueDate: '2025-11-15' })),
      'DOSSIER_RESCHEDULE_NOT_WORKING_DAY',
    );
    assert.equal(
      refusedCode(received(), apology(at('2025-11-06', '09:00'), { newDueDate: '2025-11-07' })),
      'DOSSIER_RESCHEDULE_NOT_LATER',
    );
    assert.equal(
      refusedCode(received(), apology(at('2025-11-06', '09:00'), { newDueAt: '2025-11-12T10:00:00+07:00' })),
      'ok',
    );
    const both = { newDueDate: '2025-11-14', newDueAt: '2025-11-12T10:00:00+07:00' };
    assert.equal(refusedCode(received(), apology(at('2025-11-06', '09:00'), both)), 'DOSSIER_PAYLOAD_INVALID');
  });
  test('the apology does not make a late dossier on time for the index (original appointment)', () => {
    const s = run(
      [
        apology(at('2025-11-06', '09:00')),
        act('RESOLVE', at('2025-11-12', '10:00'), { outcome: 'APPROVED', resultNumber: '1/GP', signerName: 'A' }),
      ],
      ctx,
      received(),
    );
    assert.equal(s.index766.onTime, false);
    assert.equal(s.index766.late, true);
    assert.equal(s.index766.completedTimeliness, 'OVERDUE');
    const rescheduledBasis: DossierContext = {
      ...ctx,
      options: { reportDueBasis: 'RESCHEDULED', syncedDueAtBasis: 'CURRENT' },
    };
    const s2 = run(
      [
        apology(at('2025-11-06', '09:00')),
        act('RESOLVE', at('2025-11-12', '10:00'), { outcome: 'APPROVED', resultNumber: '1/GP', signerName: 'A' }),
      ],
      rescheduledBasis,
      run([act('RECEIVE', at(date, '08:00'), receivePayload(date))], rescheduledBasis),
    );
    assert.equal(s2.index766.onTime, true);
    assert.equal(s2.index766.completedTimeliness, 'EARLY');
  });
  test('no reschedule while waiting for the citizen (the deadline is not final)', () => {
    const s = run([act('REQUEST_SUPPLEMENT', at(date, '09:00'), { items: ['x'], reason: 'y' })], ctx, received());
    assert.equal(refusedCode(s, apology(at(date, '10:00'))), 'DOSSIER_ACTION_NOT_ALLOWED');
  });
});
