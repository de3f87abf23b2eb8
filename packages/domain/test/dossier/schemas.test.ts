import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dossierActionEnvelope,
  dossierActionPayloadSchemas,
  dossierActionTypes,
  dossierErrorMessages,
  parseDossierPayload,
} from '../../src/dossier/index.js';

describe('payload schemas', () => {
  test('every action type has a schema', () => {
    for (const t of dossierActionTypes) assert.ok(dossierActionPayloadSchemas[t], t);
  });
  test('Vietnamese messages and payload.* field paths', () => {
    const r = parseDossierPayload('REQUEST_SUPPLEMENT', { items: [], reason: '  ' });
    assert.ok(!r.ok);
    const fields = Object.fromEntries(r.fields.map((f) => [f.field, f.message]));
    assert.equal(fields['payload.items'], 'Phải nêu ít nhất một nội dung cần bổ sung.');
    assert.equal(fields['payload.reason'], 'Không được để trống.');
  });
  test('text is NFC-normalised and instants are parsed to epoch ms', () => {
    const r = parseDossierPayload('RESOLVE', {
      outcome: 'APPROVED',
      signerName: 'Nguye\u0302\u0303n',
      signedAt: '2025-11-03T08:00:00+07:00',
    });
    assert.ok(r.ok);
    const v = r.value as { signerName: string; signedAt: number };
    assert.equal(v.signerName, 'Nguyễn');
    assert.equal(v.signedAt, Date.UTC(2025, 10, 3, 1));
  });
  test('defaults fill the procedure rules of RECEIVE', () => {
    const r = parseDossierPayload('RECEIVE', {
      channel: 'COUNTER',
      dossierCode: 'x',
      procedure: { timeLimit: { value: 5, unit: 'WORKING_DAYS' } },
    });
    assert.ok(r.ok);
    const p = (r.value as { procedure: Record<string, unknown> }).procedure;
    assert.deepEqual(
      [p.dueTimeMode, p.cutoffTime, p.supplementClockMode, p.excludedPeriods],
      ['SAME_TIME', null, null, []],
    );
  });
  test('envelope', () => {
    const ok = dossierActionEnvelope.safeParse({
      id: 'a1',
      type: 'SUBMIT',
      actor: { userId: 'u', role: 'CITIZEN', unitId: 'x' },
      at: '2025-11-03T08:00:00+07:00',
    });
    assert.ok(ok.success);
    assert.equal(
      dossierActionEnvelope.safeParse({
        id: 'a1',
        type: 'FLY',
        actor: { userId: 'u', role: 'CITIZEN', unitId: 'x' },
        at: 0,
      }).success,
      false,
    );
  });
  test('every error code has Vietnamese and English text', () => {
    for (const [code, m] of Object.entries(dossierErrorMessages)) {
      assert.match(code, /^DOSSIER_[A-Z_]+$/);
      assert.ok(m.vi.length > 0 && m.en.length > 0);
    }
  });
});
