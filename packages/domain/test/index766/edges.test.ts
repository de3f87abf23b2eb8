/** Edge cases of the on-time algorithm and the scoring path. */
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  computeIndex,
  computeIndexFromRequest,
  decideOnTime,
  fromSyncRecord,
  indexRequestSchema,
  inOnTimeScope,
  monthPeriod,
  periodOf,
  syncDossierRecordSchema,
  type IndexResult,
  type IndicatorCode,
  type SyncDossierRecordInput,
} from '../../src/index766/index.js';
import { iso, ms, november2025, record } from './fixtures.js';

const HOUR = 3_600_000;
const nov = monthPeriod('2025-11');
const norm = (r: SyncDossierRecordInput) => fromSyncRecord(syncDossierRecordSchema.parse(r));
const ind = (r: IndexResult, code: IndicatorCode) => r.indicators.find((i) => i.code === code)!;
function run(raw: unknown, settings = {}) {
  const out = computeIndexFromRequest(raw, settings);
  if (!out.ok) assert.fail(JSON.stringify(out.error.issues));
  return out.result;
}

describe('on-time algorithm edge cases', () => {
  const base = (
    events: Parameters<typeof record>[3],
    due: [string, string] | null = ['2025-11-10', '08:00'],
    extra = {},
  ) => norm(record('X', ['2025-11-03', '08:00'], due, events, extra));

  test('end precedence: 9 before a later 10; 10 alone; earliest of 8 / 3 / 7', () => {
    const d1 = decideOnTime(
      base([
        [10, '2025-11-12', '08:00'],
        [9, '2025-11-07', '08:00'],
      ]),
      nov,
    )!;
    assert.equal(d1.endKind, 'RESOLVED');
    assert.equal(d1.onTime, true);
    const d2 = decideOnTime(base([[10, '2025-11-11', '08:00']]), nov)!;
    assert.equal(d2.endKind, 'DELIVERED');
    assert.equal(d2.onTime, false);
    const d3 = decideOnTime(
      base([
        [7, '2025-11-08', '08:00'],
        [8, '2025-11-12', '08:00'],
      ]),
      nov,
    )!;
    assert.equal(d3.endKind, 'WITHDRAWAL_REQUESTED');
    assert.equal(d3.onTime, true);
    const d4 = decideOnTime(base([[3, '2025-11-11', '08:00']]), nov)!;
    assert.equal(d4.endKind, 'REFUSED');
    assert.equal(d4.lateByMs, 24 * HOUR);
  });

  test('status 3 before reception is not an end event, and such a dossier is not counted', () => {
    const refused = norm({
      MaHoSo: 'R',
      KenhThucHien: 2,
      NgayTiepNhan: null,
      TrangThai: [
        { status: 1, at: iso('2025-11-03', '08:00') },
        { status: 3, at: iso('2025-11-03', '09:00') },
      ],
    });
    assert.equal(decideOnTime(refused, nov), null);
    const r = computeIndex({ period: nov, unitLevel: 'COMMUNE', dossiers: [refused] });
    assert.equal(ind(r, 'ON_TIME_RATE').status, 'NOT_APPLICABLE'); // no counted dossiers
  });

  test('unfinished at period end: within deadline on time, past it overdue by period end − due', () => {
    const within = decideOnTime(base([], ['2025-12-02', '08:00']), nov)!;
    assert.equal(within.onTime, true);
    const overdue = decideOnTime(base([]), nov)!;
    assert.equal(overdue.onTime, false);
    assert.equal(overdue.unfinished, true);
    // 01/12 00:00 − 10/11 08:00 = 20 days 16 h
    assert.equal(overdue.lateByMs, ms('2025-12-01', '00:00') - ms('2025-11-10', '08:00'));
  });

  test('events after the period end are not seen: resolved in December is unfinished for November', () => {
    const d = decideOnTime(base([[9, '2025-12-03', '08:00']], ['2025-12-05', '08:00']), nov)!;
    assert.equal(d.endKind, 'PERIOD_END');
    assert.equal(d.onTime, true);
  });

  test('two supplement requests: overdue even when resolved early and the pause is not subtracted twice', () => {
    const d = decideOnTime(
      base([
        [5, '2025-11-04', '08:00'],
        [4, '2025-11-04', '09:00'],
        [5, '2025-11-04', '10:00'],
        [4, '2025-11-04', '11:00'],
        [9, '2025-11-04', '15:00'],
      ]),
      nov,
    )!;
    assert.equal(d.onTime, false);
    assert.equal(d.rule, 'SECOND_SUPPLEMENT');
    assert.equal(d.supplementRequests, 2);
    assert.equal(d.pauseMs, HOUR); // first request to first return only
  });

  test('no NgayHenTra: statutory maximum from reception (clock hours), else not decidable', () => {
    const withMax = base([[9, '2025-11-04', '07:00']], null, { ThoiGianGiaiQuyet: 24, DonViTinh: 'CLOCK_HOURS' });
    assert.equal(decideOnTime(withMax, nov)!.rule, 'STATUTORY_MAX');
    assert.equal(decideOnTime(withMax, nov)!.onTime, true);
    const workingDays = base([[9, '2025-11-04', '07:00']], null, { ThoiGianGiaiQuyet: 3, DonViTinh: 'Ngày' });
    assert.equal(decideOnTime(workingDays, nov), null);
    const r = computeIndex({ period: nov, unitLevel: 'COMMUNE', dossiers: [workingDays] });
    assert.equal(ind(r, 'ON_TIME_RATE').computable, false);
    assert.equal(ind(r, 'ON_TIME_RATE').score, null);
    assert.equal(ind(r, 'ON_TIME_RATE').missing, 1);
  });

  test('carried over: open at the period start counts (default), ended before it does not', () => {
    const open = norm(record('C1', ['2025-10-20', '08:00'], ['2025-11-05', '08:00']));
    const ended = norm(record('C2', ['2025-10-20', '08:00'], ['2025-11-05', '08:00'], [[9, '2025-10-30', '08:00']]));
    assert.equal(inOnTimeScope(open, nov, 'RECEIVED_OR_OPEN_IN_PERIOD'), true);
    assert.equal(inOnTimeScope(open, nov, 'RECEIVED_IN_PERIOD'), false);
    assert.equal(inOnTimeScope(ended, nov, 'RECEIVED_OR_OPEN_IN_PERIOD'), false);
  });
});

describe('scoring edge cases', () => {
  test('no dossiers: ON_TIME_RATE not applicable → 20; per-dossier indicators likewise; counts indicators not computable', () => {
    const r = run({ period: november2025, unitLevel: 'PROVINCE', dossiers: [] });
    assert.equal(ind(r, 'ON_TIME_RATE').score, 20);
    assert.equal(ind(r, 'ON_TIME_RATE').status, 'NOT_APPLICABLE');
    assert.equal(ind(r, 'PUBLISH_ON_TIME').computable, false);
    assert.equal(ind(r, 'PUBLISH_ON_TIME').score, null);
    // sync: both denominators 0 and no last-year total → not computable
    assert.equal(ind(r, 'DOSSIER_SYNC').computable, false);
    assert.match(ind(r, 'DOSSIER_SYNC').reason!, /^NO_FALLBACK/);
    assert.equal(r.complete, false);
    assert.ok(r.total <= r.computableMax);
  });

  test('DOSSIER_SYNC fallback: no dossier this month, 1,200 last year → denominator 100, ratio 0', () => {
    const r = run({ period: november2025, unitLevel: 'PROVINCE', dossiers: [], lastYearReceivedTotal: 1200 });
    const s = ind(r, 'DOSSIER_SYNC');
    assert.equal(s.denominator, 100);
    assert.equal(s.score, 0);
    // quarter ÷ 4; a year period has no divisor by default (unconfirmed)
    const q = run({
      period: { from: '2025-10-01', to: '2025-12-31' },
      unitLevel: 'PROVINCE',
      dossiers: [],
      lastYearReceivedTotal: 1200,
    });
    assert.equal(ind(q, 'DOSSIER_SYNC').denominator, 300);
    const y = run({
      period: { from: '2025-01-01', to: '2025-12-31' },
      unitLevel: 'PROVINCE',
      dossiers: [],
      lastYearReceivedTotal: 1200,
    });
    assert.equal(ind(y, 'DOSSIER_SYNC').computable, false);
    const y12 = run(
      {
        period: { from: '2025-01-01', to: '2025-12-31' },
        unitLevel: 'PROVINCE',
        dossiers: [],
        lastYearReceivedTotal: 1200,
      },
      { syncFallbackDivisor: { MONTH: 12, QUARTER: 4, YEAR: 1 } },
    );
    assert.equal(ind(y12, 'DOSSIER_SYNC').denominator, 1200);
  });

  test('DOSSIER_SYNC uses the larger of the reporting-system count and the portal count', () => {
    const dossiers = [1, 2, 3, 4].map((k) =>
      record(`S${k}`, ['2025-11-03', '08:00'], ['2025-11-10', '08:00'], [], { DaDongBo: k <= 3 ? 1 : 0 }),
    );
    const r = run({ period: november2025, unitLevel: 'PROVINCE', dossiers, reportingSystemReceived: 6 });
    const s = ind(r, 'DOSSIER_SYNC');
    assert.equal(s.numerator, 3);
    assert.equal(s.denominator, 6); // max(6, 4)
    assert.equal(s.score, 3); // 6 × 3/6
    assert.deepEqual(
      r.lostPoints.filter((l) => l.indicator === 'DOSSIER_SYNC').map((l) => l.dossierCode),
      ['S4'],
    );
  });

  test('no feedback data: PAKN indicators and dossier satisfaction are not computable (never guessed)', () => {
    const dossiers = [record('F1', ['2025-11-03', '08:00'], ['2025-11-10', '08:00'], [[9, '2025-11-05', '08:00']])];
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers });
    for (const c of [
      'PETITION_PROCESSING_ON_TIME',
      'PETITION_HANDLING_SATISFACTION',
      'DOSSIER_RECEIVING_SATISFACTION',
    ] as const) {
      assert.equal(ind(r, c).computable, false, c);
      assert.equal(ind(r, c).score, null, c);
    }
    // a late dossier is a known failure even without ratings, but one unknown dossier keeps it not computable
    assert.equal(ind(r, 'DOSSIER_RECEIVING_SATISFACTION').missing, 1);
    const satisfaction = r.groups.find((g) => g.code === 'SATISFACTION')!;
    assert.equal(satisfaction.score, 0);
    assert.equal(satisfaction.complete, false);
  });

  test('no PAKN at all (counts 0 / 0): 6 + 6, as the published scores show; policy NOT_APPLICABLE + EXCLUDE drops them', () => {
    const counts = {
      PETITION_PROCESSING_ON_TIME: { numerator: 0, denominator: 0 },
      PETITION_HANDLING_SATISFACTION: { numerator: 0, denominator: 0 },
    };
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers: [], counts });
    assert.equal(ind(r, 'PETITION_PROCESSING_ON_TIME').score, 6);
    assert.equal(ind(r, 'PETITION_HANDLING_SATISFACTION').score, 6);
    const ex = run(
      { period: november2025, unitLevel: 'COMMUNE', dossiers: [], counts },
      {
        noPetitionPolicy: 'NOT_APPLICABLE',
        notApplicablePolicy: 'EXCLUDE',
      },
    );
    assert.equal(ind(ex, 'PETITION_PROCESSING_ON_TIME').max, 0);
    // no dossiers either: dossier satisfaction is not applicable too, so the whole group is excluded
    assert.equal(ex.groups.find((g) => g.code === 'SATISFACTION')!.max, 0);
    // what stays in the maximum: not computable DOSSIER_SYNC 6, P1 2, P2 2, certified copy 2, formality 2 (no
    // counts), and P3 6 (payment zero denominators score 0, not "not applicable") = 20
    assert.equal(ex.max, 20);
  });

  test('all late: ON_TIME_RATE 0, each dossier explained', () => {
    const dossiers = [1, 2, 3].map((k) =>
      record(`L${k}`, ['2025-11-03', '08:00'], ['2025-11-10', '08:00'], [[9, '2025-11-10', `1${k}:30`]]),
    );
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers });
    const on = ind(r, 'ON_TIME_RATE');
    assert.equal(on.score, 0);
    assert.equal(on.ratio, 0);
    const lost = r.lostPoints.filter((l) => l.indicator === 'ON_TIME_RATE');
    assert.equal(lost.length, 3);
    for (const l of lost) {
      assert.equal(l.reason, 'LATE');
      assert.ok(l.lateByMs! > 0);
      assert.ok(Math.abs(l.points - 20 / 3) < 1e-9);
    }
  });

  test('not applicable at this level → full marks; configurable per level', () => {
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers: [] });
    for (const c of ['PUBLISH_ON_TIME', 'PUBLIC_UPDATE_ON_TIME', 'PUBLIC_CONTENT_FULL'] as const) {
      assert.equal(ind(r, c).status, 'NOT_APPLICABLE');
      assert.equal(ind(r, c).score, ind(r, c).max);
    }
    const dept = run({ period: november2025, unitLevel: 'DEPARTMENT', dossiers: [] });
    assert.equal(ind(dept, 'ELECTRONIC_CERTIFIED_COPY').score, 2);
    assert.equal(ind(dept, 'PUBLISH_ON_TIME').computable, false);
    const configured = run(
      { period: november2025, unitLevel: 'DEPARTMENT', dossiers: [] },
      { notApplicable: { DEPARTMENT: ['PUBLISH_ON_TIME'] } },
    );
    assert.equal(ind(configured, 'PUBLISH_ON_TIME').score, 6);
    assert.equal(ind(configured, 'ELECTRONIC_CERTIFIED_COPY').computable, false); // the list replaces the table's
  });

  test('other zero denominators: setting ZERO instead of not applicable', () => {
    const r = run({ period: november2025, unitLevel: 'PROVINCE', dossiers: [] }, { zeroDenominator: 'ZERO' });
    assert.equal(ind(r, 'ON_TIME_RATE').score, 0);
    assert.equal(ind(r, 'ON_TIME_RATE').status, 'NO_ITEMS');
  });

  test('per-dossier lost points for digitization and payment, with Vietnamese messages', () => {
    const base = {
      DaDongBo: 1 as const,
      YeuCauKetQuaGiay: 1 as const,
      TaiKhoanDuocXacThucVoiVNeID: 0 as const,
      DaDayKhoDMQG: 0 as const,
    };
    const dossiers = [
      record('E1', ['2025-11-03', '08:00'], ['2025-11-10', '08:00'], [[9, '2025-11-05', '08:00']], {
        ...base,
        MaKetQua: 'KQ1',
        DuongDanTepTinKetQua: 'https://kq.example/1.pdf',
        TaiLieuNop: [{ DuongDanTepTin: 'https://tp.example/1.pdf', DuocSoHoa: 1, DuocLayTuKhoDMQG: 1 }],
        DanhSachPhiLePhi: [{ Gia: 50000 }],
        DuocThanhToanTrucTuyen: 1,
      }),
      record('E2', ['2025-11-03', '08:00'], ['2025-11-10', '08:00'], [[9, '2025-11-05', '08:00']], {
        ...base,
        TaiLieuNop: [{ DuocSoHoa: 0 }],
        DanhSachPhiLePhi: [{ Gia: 50000 }],
        DuocThanhToanTrucTuyen: 0,
      }),
    ];
    const r = run({ period: november2025, unitLevel: 'COMMUNE', dossiers, dislikedDossierCodes: [] });
    assert.equal(ind(r, 'ORIGINAL_RESULT_AVAILABLE').ratio, 0.5);
    assert.equal(ind(r, 'SO_HOA_GIAY_TO_GIAI_QUYET').ratio, 0.5);
    assert.equal(ind(r, 'ONLINE_PAID_DOSSIER_RATE').ratio, 0.5);
    assert.equal(ind(r, 'REUSED_DIGITIZED_DATA').ratio, 0.5);
    // 2 × 0.5 / 0.8 = 1.25; one more dossier → 2 × 1 / 0.8 capped at 2 → +0.75
    assert.equal(ind(r, 'REUSED_DIGITIZED_DATA').score, 1.25);
    assert.equal(ind(r, 'CITIZEN_DATA_CONNECTED_DOSSIER').ratio, 0.5); // E1 via the personal store
    assert.equal(ind(r, 'DOSSIER_RECEIVING_SATISFACTION').ratio, 1);
    const e2 = r.lostPoints.filter((l) => l.dossierCode === 'E2');
    assert.deepEqual(e2.map((l) => l.reason).sort(), [
      'NOT_DIGITISED',
      'NOT_PAID_ONLINE',
      'NO_CITIZEN_DATA',
      'NO_ELECTRONIC_RESULT',
      'NO_PERSONAL_STORE_LINK',
      'NO_REUSED_DATA',
    ]);
    const reuse = e2.find((l) => l.reason === 'NO_REUSED_DATA')!;
    assert.equal(reuse.points, 0.75);
    assert.match(e2.find((l) => l.reason === 'NO_ELECTRONIC_RESULT')!.messageVi, /không có kết quả giải quyết điện tử/);
    assert.ok(r.lostPoints.every((l) => l.dossierCode !== 'E1'));
  });

  test('a procedure without fee information is outside the payment denominator; all such → ratio 0', () => {
    const r = run({
      period: november2025,
      unitLevel: 'COMMUNE',
      dossiers: [record('N1', ['2025-11-03', '08:00'], ['2025-11-10', '08:00'])],
    });
    assert.equal(ind(r, 'ONLINE_PAID_DOSSIER_RATE').denominator, 0);
    assert.equal(ind(r, 'ONLINE_PAID_DOSSIER_RATE').score, 0);
  });
});

describe('request schema', () => {
  test('Vietnamese messages for bad records', () => {
    const r = indexRequestSchema.safeParse({
      period: { from: '2025-11-30', to: '2025-11-01' },
      unitLevel: 'VILLAGE',
      dossiers: [{ MaHoSo: '', KenhThucHien: 4, NgayTiepNhan: 'hôm qua', TrangThai: [{ status: 11, at: 'x' }] }],
      counts: { ON_TIME_RATE: { numerator: 5, denominator: 3 } },
    });
    assert.equal(r.success, false);
    const messages = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    const has = (re: RegExp) =>
      assert.ok(
        messages.some((m) => re.test(m)),
        `${re} not in ${messages.join(' | ')}`,
      );
    has(/^period\.to: Ngày kết thúc kỳ phải sau ngày bắt đầu/);
    has(/^unitLevel: Cấp đơn vị/);
    has(/^dossiers\.0\.MaHoSo: Thiếu mã hồ sơ/);
    has(/^dossiers\.0\.KenhThucHien: Kênh thực hiện/);
    has(/^dossiers\.0\.NgayTiepNhan: Thời điểm phải là/);
    has(/^dossiers\.0\.TrangThai\.0\.status: Mã trạng thái phải từ 1 đến 10/);
    has(/^counts\.ON_TIME_RATE\.numerator: Tử số không được lớn hơn mẫu số/);
  });

  test('unknown sync fields are kept; periods: dates are 00:00 – 24:00, kind inferred', () => {
    const parsed = indexRequestSchema.parse({
      period: november2025,
      unitLevel: 'PROVINCE',
      dossiers: [{ ...record('K', ['2025-11-03', '08:00'], null), TruongKhac: 'x' }],
    });
    assert.equal((parsed.dossiers[0] as Record<string, unknown>).TruongKhac, 'x');
    const p = periodOf(november2025);
    assert.deepEqual(p, { start: ms('2025-11-01', '00:00'), end: ms('2025-12-01', '00:00'), kind: 'MONTH' });
    assert.equal(periodOf({ from: '2025-11-03', to: '2025-11-09' }).kind, 'CUSTOM');
    assert.equal(periodOf({ from: '2025-04-01', to: '2025-06-30' }).kind, 'QUARTER');
  });
});
