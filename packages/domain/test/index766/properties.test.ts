/** Properties of the index engine (fast-check). */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  computeIndex,
  computeIndexFromRequest,
  fromDossierState,
  monthPeriod,
  type IndexDossier,
  type IndicatorCode,
  type SyncDossierRecordInput,
} from '../../src/index766/index.js';
import type { DossierState } from '../../src/dossier/index.js';
import { act, receivePayload, run } from '../dossier/helpers.js';
import { ms } from './fixtures.js';
import { dossierArb, flag, known } from './arbitraries.js';

const HOUR = 3_600_000;
const nov = monthPeriod('2025-11');

const countArb = fc
  .tuple(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 0, max: 50 }))
  .map(([x, y]) => ({ numerator: Math.min(x, y), denominator: Math.max(x, y) }));

describe('index properties', () => {
  test('every score is within [0, max]; groups and total too (capP2 on)', () => {
    fc.assert(
      fc.property(
        fc.array(dossierArb(flag), { maxLength: 25 }),
        fc.dictionary(
          fc.constantFrom<IndicatorCode>(
            'PUBLISH_ON_TIME',
            'PAYMENT_PROCEDURE_INTEGRATED',
            'PAYMENT_PROCEDURE_TRANSACTED',
            'PETITION_PROCESSING_ON_TIME',
            'ELECTRONIC_CERTIFIED_COPY',
          ),
          countArb,
        ),
        fc.constantFrom('PROVINCE', 'DEPARTMENT', 'COMMUNE') as fc.Arbitrary<'PROVINCE' | 'DEPARTMENT' | 'COMMUNE'>,
        fc.option(fc.integer({ min: 0, max: 5000 }), { nil: null }),
        (dossiers, counts, unitLevel, lastYear) => {
          const r = computeIndex({ period: nov, unitLevel, dossiers, counts, lastYearReceivedTotal: lastYear });
          for (const i of r.indicators) {
            if (i.score === null) {
              assert.equal(i.computable, false);
              continue;
            }
            assert.ok(i.score >= 0 && i.score <= i.max + 1e-9, `${i.code} ${i.score} / ${i.max}`);
            if (i.ratio !== null) assert.ok(i.ratio >= 0 && i.ratio <= 1 + 1e-9, `${i.code} ratio ${i.ratio}`);
          }
          for (const g of r.groups) assert.ok(g.score >= 0 && g.score <= g.max + 1e-9);
          assert.ok(r.total >= 0 && r.total <= r.max + 1e-9 && r.max <= 100);
          assert.ok(r.total <= r.computableMax + 1e-9);
          for (const l of r.lostPoints) assert.ok(l.points >= 0);
        },
      ),
      { numRuns: 300 },
    );
  });

  test('adding an on-time dossier never lowers the on-time ratio', () => {
    fc.assert(
      fc.property(
        fc.array(dossierArb(known), { maxLength: 25 }),
        fc.integer({ min: 0, max: 28 * 24 }),
        (dossiers, h) => {
          const receivedAt = nov.start + h * HOUR;
          const onTime: IndexDossier = {
            ...(dossiers[0] as IndexDossier),
            code: 'ON-TIME',
            receivedAt,
            dueAt: receivedAt + 48 * HOUR,
            statutoryMaxMs: null,
            timeline: [
              { status: 2, at: receivedAt },
              { status: 4, at: receivedAt + HOUR },
              { status: 9, at: receivedAt + 24 * HOUR },
            ],
          };
          const ratio = (ds: IndexDossier[]) => {
            const i = computeIndex({ period: nov, unitLevel: 'PROVINCE', dossiers: ds }).indicators.find(
              (x) => x.code === 'ON_TIME_RATE',
            )!;
            return i.status === 'NOT_APPLICABLE' ? null : i.ratio;
          };
          const before = ratio(dossiers);
          const after = ratio([...dossiers, onTime]);
          assert.notEqual(after, null);
          if (before !== null) assert.ok(after! >= before - 1e-12, `${after} < ${before}`);
        },
      ),
      { numRuns: 300 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// The two input paths agree: a dossier of ours, folded from actions, scored (b) through the adapter and (a)
// as the sync record the portal would receive (built here from the state's public fields).

interface Scenario {
  day: number;
  hour: number;
  channel: 'COUNTER' | 'ONLINE' | 'POSTAL';
  mode: 'PAUSE' | 'RESTART';
  supplement: { after: number; lasts: number } | null;
  end: 'NONE' | 'RESOLVE' | 'DELIVER' | 'WITHDRAW' | 'STOP';
  endAfter: number;
  digitized: boolean;
  reused: boolean;
  fromStore: boolean;
  electronic: boolean;
  vneid: boolean;
}

const scenarioArb: fc.Arbitrary<Scenario> = fc.record({
  day: fc.integer({ min: 3, max: 28 }),
  hour: fc.integer({ min: 8, max: 15 }),
  channel: fc.constantFrom('COUNTER', 'ONLINE', 'POSTAL'),
  mode: fc.constantFrom('PAUSE', 'RESTART'),
  supplement: fc.option(fc.record({ after: fc.integer({ min: 1, max: 30 }), lasts: fc.integer({ min: 1, max: 72 }) }), {
    nil: null,
  }),
  end: fc.constantFrom('NONE', 'RESOLVE', 'DELIVER', 'WITHDRAW', 'STOP'),
  endAfter: fc.integer({ min: 1, max: 400 }),
  digitized: fc.boolean(),
  reused: fc.boolean(),
  fromStore: fc.boolean(),
  electronic: fc.boolean(),
  vneid: fc.boolean(),
});

function fold(sc: Scenario, n: number): DossierState {
  const date = `2025-11-${String(sc.day).padStart(2, '0')}`;
  const r0 = ms(date, `${String(sc.hour).padStart(2, '0')}:00`);
  const recv = receivePayload(date, { supplementClockMode: sc.mode }, sc.channel);
  const actions = [
    act('RECEIVE', r0, { ...recv, dossierCode: recv.dossierCode.replace(/\d{4}$/, String(n).padStart(4, '0')) }),
    act('TRANSFER', r0 + 60_000, { toUnitId: 'unit-2' }),
    act('RECORD_DIGITIZATION', r0 + 120_000, {
      components: [{ code: 'TP1', digitized: sc.digitized, reused: sc.reused, fromNationalStore: sc.fromStore }],
      accountVerifiedWithVNeID: sc.vneid,
    }),
  ];
  let t = r0 + 120_000;
  if (sc.supplement) {
    t = r0 + sc.supplement.after * HOUR;
    actions.push(act('REQUEST_SUPPLEMENT', t, { items: ['Bản đồ'], reason: 'Thiếu bản đồ' }));
    t += sc.supplement.lasts * HOUR;
    actions.push(act('SUBMIT_SUPPLEMENT', t), act('ACCEPT_SUPPLEMENT', t));
  }
  const te = t + sc.endAfter * HOUR;
  const resolve = act('RESOLVE', te, {
    outcome: 'APPROVED',
    resultNumber: '1/QĐ',
    signerName: 'Nguyễn Văn A',
    fileSha256: 'a'.repeat(64),
    ...(sc.electronic ? { resultCode: 'KQ-1', fileUrl: 'https://kq.example/1.pdf' } : {}),
  });
  if (sc.end === 'RESOLVE') actions.push(resolve);
  if (sc.end === 'DELIVER')
    actions.push(
      resolve,
      act('DELIVER', te + HOUR, { method: 'COUNTER', recipient: { type: 'APPLICANT', name: 'Trần Thị B' } }),
    );
  if (sc.end === 'WITHDRAW') actions.push(act('REQUEST_WITHDRAWAL', te, { reason: 'Không còn nhu cầu' }));
  if (sc.end === 'STOP')
    actions.push(act('STOP', te, { reason: 'Dừng', legalGround: 'Điều 21 Nghị định 118/2025/NĐ-CP' }));
  return run(actions);
}

function syncRecordOf(s: DossierState): SyncDossierRecordInput {
  const comps = s.digitization.components;
  return {
    MaHoSo: s.dossierCode!,
    KenhThucHien: ({ COUNTER: 1, ONLINE: 2, POSTAL: 3 } as const)[s.channel!],
    NgayTiepNhan: s.receivedAt,
    NgayHenTra: s.originalDueAt,
    TrangThai: s.timeline.map((e) => ({ status: e.statusCode, at: e.at })),
    MaKetQua: s.result?.resultCode ?? null,
    DuongDanTepTinKetQua: s.result?.fileUrl ?? null,
    TaiLieuNop: comps.map((c) => ({
      DuongDanTepTin: c.digitized ? `https://tp.example/${c.code}.pdf` : null,
      DuocSoHoa: c.reused ? 1 : 0,
      DuocLayTuKhoDMQG: c.fromNationalStore ? 1 : 0,
    })),
    TaiKhoanDuocXacThucVoiVNeID: s.digitization.accountVerifiedWithVNeID ? 1 : 0,
    MaCSDL: comps.some((c) => c.fromPopulationDatabase) ? 'CSDLQGDC' : null,
    DaDayKhoDMQG: s.delivery?.pushedToPersonalDataStore ? 1 : 0,
    DaDongBo: 1,
    YeuCauKetQuaGiay: 1,
    DuDieuKienToanTrinh: 1,
    LaHoSoToanTrinh: s.channel === 'ONLINE' ? 1 : 0,
    DuocThanhToanTrucTuyen: 0,
  };
}

describe('the two input paths agree', () => {
  test('DossierState → adapter and DossierState → sync record → schema give the same index', () => {
    fc.assert(
      fc.property(fc.array(scenarioArb, { minLength: 1, maxLength: 8 }), (scenarios) => {
        const states = scenarios.map((sc, k) => fold(sc, k + 1));
        const viaState = computeIndex({
          period: nov,
          unitLevel: 'COMMUNE',
          dossiers: states.map((s) =>
            fromDossierState(s, {
              synced: true,
              resultRequired: true,
              fullProcessEligible: true,
              fullProcessOnline: s.channel === 'ONLINE',
              dislikedOrComplained: false,
            }),
          ),
        });
        const viaSync = computeIndexFromRequest({
          period: { from: '2025-11-01', to: '2025-11-30' },
          unitLevel: 'COMMUNE',
          dossiers: states.map(syncRecordOf),
          dislikedDossierCodes: [],
        });
        if (!viaSync.ok) assert.fail(JSON.stringify(viaSync.error.issues));
        assert.deepEqual(viaSync.result.indicators, viaState.indicators);
        assert.deepEqual(viaSync.result.lostPoints, viaState.lostPoints);
        assert.equal(viaSync.result.total, viaState.total);
        // and the adapter agrees with the dossier fold's own IndexFacts where both decide
        for (const s of states) {
          if (s.index766.onTime === null) continue;
          const lp = viaState.lostPoints.some((l) => l.indicator === 'ON_TIME_RATE' && l.dossierCode === s.dossierCode);
          if (s.resolvedAt !== null && s.resolvedAt < nov.end) assert.equal(lp, !s.index766.onTime, s.dossierCode!);
        }
      }),
      { numRuns: 60 },
    );
  });
});
