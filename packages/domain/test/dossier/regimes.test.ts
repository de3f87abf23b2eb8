import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  REGIME_RULE_SETS,
  TRANSITIONS,
  decide,
  initialDossierState,
  regimeFor,
  rulesOf,
  type DossierContext,
} from '../../src/dossier/index.js';
import { act, at, ctx, receivePayload, run, samplePayload } from './helpers.js';

describe('regimes by date of receipt (local date, Asia/Ho_Chi_Minh)', () => {
  test('boundaries', () => {
    assert.equal(regimeFor(at('2018-06-20', '16:00')), undefined);
    assert.equal(regimeFor(at('2018-06-21', '07:00'))?.id, 'OSS_2018');
    assert.equal(regimeFor(at('2025-06-30', '23:59'))?.id, 'OSS_2018');
    assert.equal(regimeFor(at('2025-07-01', '00:00'))?.id, 'OSS_2025');
    // 30/06 17:30 UTC is 01/07 00:30 in Vietnam.
    assert.equal(regimeFor(Date.UTC(2025, 5, 30, 17, 30))?.id, 'OSS_2025');
  });
  test('received 30/06/2025 → OSS_2018, PAUSE; received 01/07/2025 → OSS_2025, RESTART', () => {
    for (const [date, regime, mode] of [
      ['2025-06-30', 'OSS_2018', 'PAUSE'],
      ['2025-07-01', 'OSS_2025', 'RESTART'],
    ] as const) {
      const s = run([
        act('RECEIVE', at(date, '09:00'), receivePayload(date)),
        act('REQUEST_SUPPLEMENT', at(date, '10:00'), samplePayload.REQUEST_SUPPLEMENT(date)),
      ]);
      assert.equal(s.regime, regime);
      assert.equal(s.supplement?.mode, mode);
    }
  });
  test('a dossier keeps its regime after 01/07/2025 by default; REGIME_AT_ACTION switches', () => {
    const date = '2025-06-30';
    const received = run([act('RECEIVE', at(date, '09:00'), receivePayload(date))]);
    const later = act('REQUEST_SUPPLEMENT', at('2025-07-02', '09:00'), samplePayload.REQUEST_SUPPLEMENT(date));
    const r1 = decide(received, later, ctx);
    assert.ok(r1.ok && r1.next.supplement?.mode === 'PAUSE');
    const atAction: DossierContext = { ...ctx, options: { transitionalRule: 'REGIME_AT_ACTION' } };
    const r2 = decide(received, later, atAction);
    assert.ok(r2.ok && r2.next.supplement?.mode === 'RESTART');
    assert.equal(r2.ok && r2.next.regime, 'OSS_2018');
  });
  test('a procedure case overrides the regime default clock mode', () => {
    const d = '2025-07-01';
    const s = run([
      act('RECEIVE', at(d, '09:00'), receivePayload(d, { supplementClockMode: 'PAUSE' })),
      act('REQUEST_SUPPLEMENT', at(d, '10:00'), samplePayload.REQUEST_SUPPLEMENT(d)),
    ]);
    assert.equal(s.supplement?.mode, 'PAUSE');
  });
  test('receipt before 21/06/2018 is refused', () => {
    const d = '2018-06-20';
    const r = decide(initialDossierState(), act('RECEIVE', at(d, '09:00'), receivePayload(d)), ctx);
    assert.equal(!r.ok && r.code, 'DOSSIER_REGIME_UNKNOWN');
  });
  test('stop notice (Mẫu 05) only under OSS_2025', () => {
    for (const [date, expectNotice] of [
      ['2025-06-30', false],
      ['2025-07-01', true],
    ] as const) {
      const s = run([
        act('RECEIVE', at(date, '09:00'), receivePayload(date)),
        act('REQUEST_WITHDRAWAL', at(date, '10:00')),
      ]);
      const r = decide(s, act('STOP', at(date, '11:00'), { reason: 'Theo đề nghị' }), ctx);
      assert.ok(r.ok);
      assert.equal(r.next.stop?.stopNoticeRequired, expectNotice);
      assert.equal(
        r.events.some((e) => e.type === 'DOCUMENT' && e.form === 'STOP_NOTICE'),
        expectNotice,
      );
    }
  });
  test('rule sets are contiguous and every regime-limited row names a known regime', () => {
    assert.equal(REGIME_RULE_SETS[0]!.effectiveTo, '2025-06-30');
    assert.equal(REGIME_RULE_SETS[1]!.effectiveFrom, '2025-07-01');
    for (const row of TRANSITIONS)
      for (const r of row.regimes ?? []) assert.ok(REGIME_RULE_SETS.some((s) => s.id === r));
  });
  test('locality overrides change one rule and keep the others', () => {
    const r = rulesOf('OSS_2025', {
      ...ctx,
      options: { regimeOverrides: { OSS_2025: { supplementClockMode: 'PAUSE' } } },
    });
    assert.equal(r.supplementClockMode, 'PAUSE');
    assert.equal(r.stopNoticeRequired, true);
  });
});
