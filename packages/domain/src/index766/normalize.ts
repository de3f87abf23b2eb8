/**
 * The two inputs of the index, normalized to one per-dossier record (IndexDossier): portal sync records
 * (one-stop-dossiers §19) and our own DossierState. Anything an input does not carry stays null.
 */
import { DEFAULT_DOSSIER_OPTIONS, reportDueAtOf, syncedDueAtOf, type DossierOptions } from '../dossier/index.js';
import type { DossierState, NationalStatusCode } from '../dossier/types.js';
import { HOUR_MS as HOUR, VN_OFFSET_MS as VN } from '../calendar/localTime.js';
import { boundToInstant, type IndexRequest, type SyncDossierRecord } from './schemas.js';
import type { FeeInfo, IndexChannel, IndexDossier, IndexInput, IndexPeriod, PeriodKind, UnitLevel } from './types.js';

const CHANNELS: Record<1 | 2 | 3, IndexChannel> = { 1: 'COUNTER', 2: 'ONLINE', 3: 'POSTAL' };

/** ThoiGianGiaiQuyet in hours or calendar days is convertible; working days need the calendar (null). */
function statutoryMaxOf(value: number | null | undefined, unit: string | null | undefined): number | null {
  if (value === null || value === undefined || !unit) return null;
  const u = unit.normalize('NFC').trim().toLowerCase();
  if (['giờ đồng hồ', 'gio_dong_ho', 'clock_hours'].includes(u)) return value * HOUR;
  if (['ngày lịch', 'ngay_lich', 'calendar_days'].includes(u)) return value * 24 * HOUR;
  return null;
}

const known = <T>(v: T | null | undefined): T | null => (v === undefined ? null : v);

/** One sync record → the normalized record. `disliked`: from the rating system, when given. */
export function fromSyncRecord(r: SyncDossierRecord, disliked: boolean | null = null): IndexDossier {
  const docs = r.TaiLieuNop ?? null;
  const fees = r.DanhSachPhiLePhi ?? null;
  const feeInfo: FeeInfo =
    fees === null || fees.length === 0 ? 'NONE' : fees.some((f) => f.Gia > 0) ? 'POSITIVE' : 'ZERO';
  const fromStore = docs ? docs.some((d) => d.DuocLayTuKhoDMQG === true) : null;
  const pushed = known(r.DaDayKhoDMQG);
  const vneid = known(r.TaiKhoanDuocXacThucVoiVNeID);
  const populationDb = r.MaCSDL ? true : null;
  const citizenDataUsed =
    vneid === true || populationDb === true || fromStore === true
      ? true
      : vneid === false && docs !== null
        ? false
        : null;
  const reused =
    r.HoSoCoThanhPhanSoHoa === true || (docs?.some((d) => d.DuocSoHoa === true) ?? false)
      ? true
      : r.HoSoCoThanhPhanSoHoa === false || docs !== null
        ? false
        : null;
  return {
    code: r.MaHoSo,
    fieldCode: known(r.MaLinhVuc),
    procedureCode: known(r.MaTTHC),
    unitLevel: known(r.CapDonVi),
    channel: CHANNELS[r.KenhThucHien],
    receivedAt: r.NgayTiepNhan,
    dueAt: known(r.NgayHenTra),
    statutoryMaxMs: statutoryMaxOf(r.ThoiGianGiaiQuyet, r.DonViTinh),
    reportDueAt: known(r.NgayHenTra),
    timeline: r.TrangThai.map((e) => ({ status: e.status as NationalStatusCode, at: e.at })),
    synced: known(r.DaDongBo),
    fullProcessEligible: known(r.DuDieuKienToanTrinh),
    fullProcessOnline: known(r.LaHoSoToanTrinh),
    resultRequired: known(r.YeuCauKetQuaGiay),
    electronicResult: Boolean(r.MaKetQua && r.DuongDanTepTinKetQua),
    componentsDigitized: docs === null ? null : docs.length > 0 && docs.every((d) => Boolean(d.DuongDanTepTin)),
    reusedData: reused,
    personalStoreLinked:
      fromStore === true || pushed === true ? true : fromStore === null || pushed === null ? null : false,
    citizenDataUsed,
    feeInfo,
    paidOnline:
      feeInfo === 'POSITIVE' ? (r.DuocThanhToanTrucTuyen == null ? null : r.DuocThanhToanTrucTuyen !== 0) : false,
    dislikedOrComplained: disliked,
  };
}

/** Facts about a dossier of ours that live outside its log (catalogue, sync outbox, rating system). */
export interface DossierStateFacts {
  fieldCode?: string | null;
  unitLevel?: UnitLevel | null;
  synced?: boolean | null;
  fullProcessEligible?: boolean | null;
  fullProcessOnline?: boolean | null;
  resultRequired?: boolean | null;
  /** Fee information of the procedure when no payment was requested (default NONE, as a sync record without fee lines). */
  feeInfo?: FeeInfo | null;
  dislikedOrComplained?: boolean | null;
}

/** Our DossierState (and its IndexFacts) → the normalized record, matching what the portal sees. */
export function fromDossierState(
  s: DossierState,
  facts: DossierStateFacts = {},
  options: DossierOptions = DEFAULT_DOSSIER_OPTIONS,
): IndexDossier {
  const comps = s.digitization.components;
  const lines = s.payment?.feeLines ?? [];
  const feeInfo: FeeInfo = s.payment
    ? lines.some((l) => l.amount > 0)
      ? 'POSITIVE'
      : lines.length > 0
        ? 'ZERO'
        : 'NONE'
    : (facts.feeInfo ?? 'NONE');
  const fromStore = comps.some((c) => c.fromNationalStore);
  return {
    code: s.dossierCode ?? '',
    fieldCode: facts.fieldCode ?? null,
    procedureCode: s.procedure?.procedureCode ?? null,
    unitLevel: facts.unitLevel ?? null,
    channel: s.channel,
    receivedAt: s.index766.counted ? s.receivedAt : null,
    dueAt: syncedDueAtOf(s, options),
    statutoryMaxMs: null,
    reportDueAt: reportDueAtOf(s, options),
    timeline: s.timeline.map((e) => ({ status: e.statusCode, at: e.at })),
    synced: facts.synced ?? null,
    fullProcessEligible: facts.fullProcessEligible ?? null,
    fullProcessOnline: facts.fullProcessOnline ?? null,
    resultRequired: facts.resultRequired ?? null,
    electronicResult: Boolean(s.result?.resultCode && s.result.fileUrl),
    componentsDigitized: comps.length > 0 && comps.every((c) => c.digitized),
    reusedData: comps.some((c) => c.reused),
    personalStoreLinked: fromStore || Boolean(s.delivery?.pushedToPersonalDataStore),
    citizenDataUsed:
      s.digitization.accountVerifiedWithVNeID || fromStore || comps.some((c) => c.fromPopulationDatabase),
    feeInfo,
    paidOnline:
      feeInfo === 'POSITIVE'
        ? s.payment?.status === 'PAID' &&
          (s.payment.channel === 'ONLINE_NATIONAL_PORTAL' || s.payment.channel === 'ONLINE_LOCAL_GATEWAY')
        : false,
    dislikedOrComplained: facts.dislikedOrComplained ?? null,
  };
}

/** MONTH / QUARTER / YEAR when [start, end) is exactly one (local calendar), else CUSTOM. */
export function periodKindOf(start: number, end: number): PeriodKind {
  const s = new Date(start + VN);
  const e = new Date(end + VN);
  const aligned = (d: Date) =>
    d.getUTCHours() === 0 && d.getUTCMinutes() === 0 && d.getUTCSeconds() === 0 && d.getUTCMilliseconds() === 0;
  if (!aligned(s) || !aligned(e) || s.getUTCDate() !== 1 || e.getUTCDate() !== 1) return 'CUSTOM';
  const months = (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + e.getUTCMonth() - s.getUTCMonth();
  if (months === 1) return 'MONTH';
  if (months === 3 && s.getUTCMonth() % 3 === 0) return 'QUARTER';
  if (months === 12 && s.getUTCMonth() === 0) return 'YEAR';
  return 'CUSTOM';
}

export function periodOf(p: { from: string; to: string; kind?: PeriodKind | undefined }): IndexPeriod {
  const start = boundToInstant(p.from, false);
  const end = boundToInstant(p.to, true);
  return { start, end, kind: p.kind ?? periodKindOf(start, end) };
}

/** A month period from 'YYYY-MM'. */
export function monthPeriod(yearMonth: string): IndexPeriod {
  const [y, m] = yearMonth.split('-').map(Number) as [number, number];
  const start = Date.UTC(y, m - 1, 1) - VN;
  const end = Date.UTC(y, m, 1) - VN;
  return { start, end, kind: 'MONTH' };
}

/** A parsed request (indexRequestSchema) → the engine's input. */
export function indexInputOf(req: IndexRequest): IndexInput {
  const disliked = req.dislikedDossierCodes ? new Set(req.dislikedDossierCodes) : null;
  return {
    period: periodOf(req.period),
    unitLevel: req.unitLevel,
    dossiers: req.dossiers.map((r) => fromSyncRecord(r, disliked ? disliked.has(r.MaHoSo) : null)),
    counts: req.counts ?? {},
    reportingSystemReceived: req.reportingSystemReceived ?? null,
    lastYearReceivedTotal: req.lastYearReceivedTotal ?? null,
    publishedScores: req.publishedScores ?? {},
  };
}
