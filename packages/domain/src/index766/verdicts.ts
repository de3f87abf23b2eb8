/**
 * One dossier's verdict on each dossier-derived indicator for a period: the judges the engine folds over a
 * population, as data, so that the live rollups (contributions.ts) tally exactly what the engine would count.
 */
import { decideOnTime, endEventOf, visibleTimeline, type OnTimeDecision } from './onTime.js';
import type { IndexDossier, IndexPeriod, IndicatorCode, LostPointReason } from './types.js';

export type Verdict = 'PASS' | 'OUT' | 'UNKNOWN' | { fail: LostPointReason; decision?: OnTimeDecision };

/** Which dossiers an indicator counts: received in the period, its on-time population, or resolved in it. */
export type Population = 'RECEIVED' | 'ON_TIME' | 'RESOLVED';

interface JudgeContext {
  period: IndexPeriod;
  /** The on-time decision at the period end (null: not decidable). */
  decision: OnTimeDecision | null;
}

export interface DossierIndicator {
  code: IndicatorCode;
  population: Population;
  /** What is missing when the verdict is UNKNOWN (Vietnamese, for "not computable"). */
  missingWhat: string;
  judge(d: IndexDossier, c: JudgeContext): Verdict;
}

const isResolvedOrDelivered = (d: IndexDossier, end: number) => {
  const e = endEventOf(visibleTimeline(d, end));
  return e !== null && (e.kind === 'RESOLVED' || e.kind === 'DELIVERED');
};

const bool = (v: boolean | null, fail: LostPointReason): Verdict => (v === null ? 'UNKNOWN' : v ? 'PASS' : { fail });

/** The indicators computed dossier by dossier, in table order. */
export const DOSSIER_INDICATORS: readonly DossierIndicator[] = [
  {
    code: 'DOSSIER_SYNC',
    population: 'RECEIVED',
    missingWhat: 'đồng bộ (DaDongBo)',
    judge: (d) => bool(d.synced, 'NOT_SYNCED'),
  },
  {
    code: 'ON_TIME_RATE',
    population: 'ON_TIME',
    missingWhat: 'ngày hẹn trả (NgayHenTra) hoặc thời hạn luật định',
    judge: (_d, { decision: dec }) => {
      if (!dec) return 'UNKNOWN';
      if (dec.onTime) return 'PASS';
      const fail: LostPointReason =
        dec.rule === 'SECOND_SUPPLEMENT' ? 'SECOND_SUPPLEMENT' : dec.unfinished ? 'OVERDUE_IN_PROGRESS' : 'LATE';
      return { fail, decision: dec };
    },
  },
  {
    code: 'FULL_ONLINE_DOSSIER_RATE',
    population: 'RECEIVED',
    missingWhat: 'toàn trình (DuDieuKienToanTrinh, LaHoSoToanTrinh)',
    judge: (d) =>
      d.fullProcessEligible === null
        ? 'UNKNOWN'
        : !d.fullProcessEligible
          ? 'OUT'
          : bool(d.fullProcessOnline, 'NOT_FULL_ONLINE'),
  },
  {
    // 3.3: online dossiers (with an electronic result where a paper result is required); the engine then
    // multiplies the numerator by the sync ratio.
    code: 'ONLINE_SUBMISSION_RATE',
    population: 'RECEIVED',
    missingWhat: 'kênh và kết quả điện tử',
    judge: (d, { period }) => {
      if (d.channel === null) return 'UNKNOWN';
      if (d.channel !== 'ONLINE') return { fail: 'NOT_FULL_ONLINE' };
      if (!isResolvedOrDelivered(d, period.end)) return 'PASS';
      if (d.resultRequired === null) return 'UNKNOWN';
      return !d.resultRequired || d.electronicResult ? 'PASS' : { fail: 'NO_ELECTRONIC_RESULT' };
    },
  },
  {
    code: 'ONLINE_PAID_DOSSIER_RATE',
    population: 'RECEIVED',
    missingWhat: 'thanh toán (DanhSachPhiLePhi, DuocThanhToanTrucTuyen)',
    judge: (d) =>
      d.feeInfo === null ? 'UNKNOWN' : d.feeInfo !== 'POSITIVE' ? 'OUT' : bool(d.paidOnline, 'NOT_PAID_ONLINE'),
  },
  {
    code: 'ORIGINAL_RESULT_AVAILABLE',
    population: 'RESOLVED',
    missingWhat: 'loại kết quả (YeuCauKetQuaGiay) và kết quả điện tử',
    judge: (d) =>
      d.resultRequired === null
        ? 'UNKNOWN'
        : !d.resultRequired
          ? 'OUT'
          : bool(d.electronicResult, 'NO_ELECTRONIC_RESULT'),
  },
  {
    code: 'SO_HOA_GIAY_TO_GIAI_QUYET',
    population: 'RECEIVED',
    missingWhat: 'số hóa thành phần (TaiLieuNop) và loại kết quả',
    judge: (d, { period }) => {
      if (d.componentsDigitized === null) return 'UNKNOWN';
      if (!d.componentsDigitized) return { fail: 'NOT_DIGITISED' };
      if (!isResolvedOrDelivered(d, period.end)) return 'PASS';
      if (d.resultRequired === null) return 'UNKNOWN';
      if (!d.resultRequired) return 'PASS';
      return bool(d.electronicResult, 'NO_ELECTRONIC_RESULT');
    },
  },
  {
    code: 'REUSED_DIGITIZED_DATA',
    population: 'RECEIVED',
    missingWhat: 'tái sử dụng dữ liệu',
    judge: (d) => bool(d.reusedData, 'NO_REUSED_DATA'),
  },
  {
    code: 'SYNCED_WITH_DVCQG_PERSONAL_STORAGE',
    population: 'RECEIVED',
    missingWhat: 'Kho dữ liệu cá nhân',
    judge: (d) => bool(d.personalStoreLinked, 'NO_PERSONAL_STORE_LINK'),
  },
  {
    code: 'CITIZEN_DATA_CONNECTED_DOSSIER',
    population: 'RECEIVED',
    missingWhat: 'dữ liệu dân cư (VNeID, MaCSDL)',
    judge: (d) => bool(d.citizenDataUsed, 'NO_CITIZEN_DATA'),
  },
  {
    code: 'DOSSIER_RECEIVING_SATISFACTION',
    population: 'ON_TIME',
    missingWhat: 'đánh giá không hài lòng / phản ánh và hạn xử lý',
    judge: (d, { decision: dec }) => {
      if (dec && !dec.onTime) return { fail: 'LATE', decision: dec };
      if (d.dislikedOrComplained === true) return { fail: 'DISLIKED_OR_COMPLAINED' };
      if (!dec || d.dislikedOrComplained === null) return 'UNKNOWN';
      return 'PASS';
    },
  },
];

/** Each dossier-derived indicator's verdict for a dossier already known to be in its population. */
export function verdictOf(ind: DossierIndicator, d: IndexDossier, period: IndexPeriod): Verdict {
  return ind.judge(d, { period, decision: ind.population === 'ON_TIME' ? decideOnTime(d, period) : null });
}

/** First status 9 before the period end, at or after its start: AVG_PROCESSING_TIME's sample. */
export function resolutionOf(d: IndexDossier, period: IndexPeriod): number | null {
  const r = visibleTimeline(d, period.end).find((e) => e.status === 9);
  return r && r.at >= period.start && d.receivedAt !== null ? r.at - d.receivedAt : null;
}
