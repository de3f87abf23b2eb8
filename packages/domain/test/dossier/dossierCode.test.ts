import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  dossierCodeStandIn,
  formatDossierCode,
  isValidDossierCode,
  parseDossierCode,
} from '../../src/dossier/index.js';

describe('dossier code <identifier>-YYMMDD-NNNN (§12.1)', () => {
  test('spec examples', () => {
    assert.deepEqual(formatDossierCode('000.00.06.H56', '2023-10-27', 361), {
      ok: true,
      code: '000.00.06.H56-231027-0361',
    });
    assert.deepEqual(formatDossierCode('000.17.22.H56', '2021-05-31', 1), {
      ok: true,
      code: '000.17.22.H56-210531-0001',
    });
    assert.deepEqual(formatDossierCode('000.A0.01.H26', '2021-02-12', 9090), {
      ok: true,
      code: '000.A0.01.H26-210212-9090',
    });
  });
  test('a Saturday reception keeps its own date', () => {
    const r = formatDossierCode('000.00.00.H26', '2025-11-08', 12);
    assert.ok(r.ok && r.code === '000.00.00.H26-251108-0012');
  });
  test('invalid inputs', () => {
    assert.deepEqual(formatDossierCode('000.00.00.h26', '2025-11-08', 1), {
      ok: false,
      code: 'DOSSIER_CODE_INVALID',
      field: 'unitCode',
    });
    assert.deepEqual(formatDossierCode('000.00.00.H26', '2025-02-30', 1), {
      ok: false,
      code: 'DOSSIER_CODE_INVALID',
      field: 'localDate',
    });
    assert.deepEqual(formatDossierCode('000.00.00.H26', '2025-11-08', 1.5), {
      ok: false,
      code: 'DOSSIER_CODE_INVALID',
      field: 'sequence',
    });
    assert.deepEqual(formatDossierCode('000.00.00.H26', '2025-11-08', 10_000), {
      ok: false,
      code: 'DOSSIER_CODE_SEQUENCE_OVERFLOW',
      field: 'sequence',
    });
  });
  test('widening beyond 9999 is a setting', () => {
    const r = formatDossierCode('000.00.00.H26', '2025-11-08', 10_000, {
      id: 'x',
      identifierPattern: /^[0-9A-Z.]+$/,
      sequenceDigits: 4,
      overflow: 'WIDEN',
    });
    assert.ok(r.ok && r.code === '000.00.00.H26-251108-10000');
  });
  test('parse and validate', () => {
    assert.deepEqual(parseDossierCode('000.00.06.H56-231027-0361'), {
      identifier: '000.00.06.H56',
      localDate: '2023-10-27',
      sequence: '0361',
      shape: 'STANDARD',
    });
    assert.equal(isValidDossierCode('000.00.06.H56-231027-0361'), true);
    assert.equal(isValidDossierCode('000.00.06.H56-231327-0361'), false);
    assert.equal(isValidDossierCode('000.00.06.H56-231027-361'), false);
    // Circular 04/2025 centralised shape (identifier groups reversed, longer sequence): accepted on import, not standard.
    const other = parseDossierCode('G01.123.45-260201-AB0001');
    assert.equal(other?.shape, 'OTHER');
    assert.equal(other?.localDate, '2026-02-01');
    assert.equal(parseDossierCode('nonsense'), undefined);
  });
  test('format → parse round trip', () => {
    for (const [u, d, n] of [
      ['000.00.00.H26', '2026-01-10', 0],
      ['001.02.03.G09', '2030-12-31', 9999],
    ] as const) {
      const r = formatDossierCode(u, d, n);
      assert.ok(r.ok);
      const p = parseDossierCode(r.code);
      assert.deepEqual([p?.identifier, p?.localDate, Number(p?.sequence)], [u, d, n]);
    }
  });
});

describe('the stand-in a reception is decided with before its statement takes the number', () => {
  test('sequence 0000, which the counter never gives; its prefix and any number make that number’s code', () => {
    const standIn = dossierCodeStandIn('000.00.L7.H26', '2026-05-04');
    assert.deepEqual(standIn, { ok: true, code: '000.00.L7.H26-260504-0000', prefix: '000.00.L7.H26-260504-' });
    for (const n of [1, 42, 9999]) {
      const real = formatDossierCode('000.00.L7.H26', '2026-05-04', n);
      assert.ok(standIn.ok && real.ok);
      assert.equal(real.code, standIn.prefix + String(n).padStart(4, '0'));
    }
    assert.ok(isValidDossierCode(standIn.ok ? standIn.code : ''), 'the state table’s code guard accepts it');
  });
  test('refused like a real code for a bad unit code or date', () => {
    assert.equal(dossierCodeStandIn('000.00.00.h26', '2026-05-04').ok, false);
    assert.equal(dossierCodeStandIn('000.00.00.H26', '2026-02-30').ok, false);
  });
});
