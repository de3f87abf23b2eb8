/**
 * zod schema of an index request made of dossier records in the national-portal sync shape
 * (one-stop-dossiers §19). Unknown sync fields are kept (loose objects). Fields the §19 list does not name
 * but the index needs are our extensions (docs/service-index.md): MaLinhVuc, MaTTHC, CapDonVi, DaDongBo,
 * DuDieuKienToanTrinh, LaHoSoToanTrinh, YeuCauKetQuaGiay, DaDayKhoDMQG, TaiLieuNop[].DuongDanTepTin.
 */
import { z } from 'zod';
import '../schemas/common'; // Vietnamese zod messages by default
import { localInstant, parseInstant } from '../calendar/index.js';
import { unitLevels, type IndicatorCode } from './types.js';
import { INDICATORS_2025 } from './table.js';

/** Portal instants: epoch ms, ISO-8601 (no offset = +07:00) or the portal's 'yyyyMMddHHmmss' local form. */
export function parseSyncInstant(v: number | string): number {
  if (typeof v === 'string' && /^\d{14}$/.test(v)) {
    const date = `${v.slice(0, 4)}-${v.slice(4, 6)}-${v.slice(6, 8)}`;
    const ms = localInstant(date, `${v.slice(8, 10)}:${v.slice(10, 12)}`) + Number(v.slice(12, 14)) * 1000;
    if (!Number.isFinite(ms)) throw new Error('invalid');
    return ms;
  }
  return parseInstant(v);
}

const syncInstant = z
  .union([z.number().int(), z.string()])
  .refine(
    (v) => {
      try {
        parseSyncInstant(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'Thời điểm phải là số mili giây, chuỗi ISO-8601 hoặc dạng yyyyMMddHHmmss.' },
  )
  .transform((v) => parseSyncInstant(v));

/** 0/1 flags of the sync record; booleans are accepted too. */
const flag = z
  .union([z.literal(0), z.literal(1), z.boolean()], { message: 'Cờ phải là 0, 1, true hoặc false.' })
  .transform((v) => v === 1 || v === true);

const optionalText = (max: number) => z.string().max(max, `Tối đa ${max} ký tự.`).optional();

export const syncStatusEntrySchema = z.object({
  status: z
    .number({ message: 'Mã trạng thái phải là số từ 1 đến 10.' })
    .int('Mã trạng thái phải là số nguyên từ 1 đến 10.')
    .min(1, 'Mã trạng thái phải từ 1 đến 10.')
    .max(10, 'Mã trạng thái phải từ 1 đến 10.'),
  at: syncInstant,
});

export const syncDossierRecordSchema = z.looseObject({
  MaHoSo: z.string({ message: 'Thiếu mã hồ sơ (MaHoSo).' }).trim().min(1, 'Thiếu mã hồ sơ (MaHoSo).').max(100),
  KenhThucHien: z.union([z.literal(1), z.literal(2), z.literal(3)], {
    message: 'Kênh thực hiện (KenhThucHien) phải là 1 (trực tiếp), 2 (trực tuyến) hoặc 3 (bưu chính).',
  }),
  NgayNopHoSo: syncInstant.nullish(),
  NgayTiepNhan: syncInstant.nullable(),
  NgayHenTra: syncInstant.nullish(),
  NgayKetThucXuLy: syncInstant.nullish(),
  TrangThai: z.array(syncStatusEntrySchema, {
    message: 'Dòng thời gian trạng thái (TrangThai) phải là một danh sách.',
  }),
  ThoiGianGiaiQuyet: z.number().min(0, 'Thời gian giải quyết không được âm.').nullish(),
  DonViTinh: optionalText(50).nullable(),
  MaKetQua: optionalText(200).nullable(),
  DuongDanTepTinKetQua: optionalText(2000).nullable(),
  DanhSachPhiLePhi: z
    .array(
      z.looseObject({ Gia: z.number({ message: 'Giá phí, lệ phí (Gia) phải là số.' }).min(0, 'Giá không được âm.') }),
    )
    .nullish(),
  DuocThanhToanTrucTuyen: z
    .union([z.literal(0), z.literal(1), z.literal(2)], {
      message: 'DuocThanhToanTrucTuyen phải là 0, 1 (Cổng DVCQG) hoặc 2 (cổng thanh toán địa phương).',
    })
    .nullish(),
  HoSoCoThanhPhanSoHoa: flag.nullish(),
  TaiLieuNop: z
    .array(
      z.looseObject({
        DuocSoHoa: flag.nullish(),
        DuocLayTuKhoDMQG: flag.nullish(),
        DuongDanTepTin: optionalText(2000).nullable(),
      }),
    )
    .nullish(),
  TaiKhoanDuocXacThucVoiVNeID: flag.nullish(),
  MaCSDL: optionalText(100).nullable(),
  NopTaiDVCQG: flag.nullish(),
  MaHoSoKhac: optionalText(100).nullable(),
  // Extensions (not in the §19 list)
  MaLinhVuc: optionalText(100).nullable(),
  MaTTHC: optionalText(100).nullable(),
  CapDonVi: z
    .enum(unitLevels, { message: 'Cấp đơn vị (CapDonVi) phải là PROVINCE, DEPARTMENT, COMMUNE hoặc MINISTRY.' })
    .nullish(),
  DaDongBo: flag.nullish(),
  DuDieuKienToanTrinh: flag.nullish(),
  LaHoSoToanTrinh: flag.nullish(),
  YeuCauKetQuaGiay: flag.nullish(),
  DaDayKhoDMQG: flag.nullish(),
});
export type SyncDossierRecord = z.output<typeof syncDossierRecordSchema>;
export type SyncDossierRecordInput = z.input<typeof syncDossierRecordSchema>;

const periodBound = z
  .string({ message: 'Mốc kỳ phải là ngày YYYY-MM-DD hoặc thời điểm ISO-8601.' })
  .min(1, 'Mốc kỳ phải là ngày YYYY-MM-DD hoặc thời điểm ISO-8601.');

/** 'YYYY-MM-DD' (from: 00:00; to: 24:00 of that day) or an ISO instant (to: exclusive). */
export const periodSchema = z
  .object({
    from: periodBound,
    to: periodBound,
    kind: z
      .enum(['MONTH', 'QUARTER', 'YEAR', 'CUSTOM'], { message: 'Loại kỳ phải là MONTH, QUARTER, YEAR hoặc CUSTOM.' })
      .optional(),
  })
  .superRefine((p, ctx) => {
    for (const key of ['from', 'to'] as const) {
      try {
        boundToInstant(p[key], key === 'to');
      } catch {
        ctx.addIssue({
          code: 'custom',
          path: [key],
          message: 'Mốc kỳ phải là ngày YYYY-MM-DD có thật hoặc thời điểm ISO-8601.',
        });
        return;
      }
    }
    if (boundToInstant(p.from, false) >= boundToInstant(p.to, true)) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'Ngày kết thúc kỳ phải sau ngày bắt đầu.' });
    }
  });

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const DAY = 86_400_000;

/** A period bound as an instant: a date is its 00:00, or for the end 24:00. */
export function boundToInstant(v: string, isEnd: boolean): number {
  if (DATE_ONLY.test(v)) return localInstant(v, '00:00') + (isEnd ? DAY : 0);
  return parseInstant(v);
}

const indicatorCodes = INDICATORS_2025.map((d) => d.code) as [IndicatorCode, ...IndicatorCode[]];

const count = z
  .object({
    numerator: z.number().min(0, 'Tử số không được âm.'),
    denominator: z.number().min(0, 'Mẫu số không được âm.'),
  })
  .refine((c) => c.numerator <= c.denominator || c.denominator === 0, {
    message: 'Tử số không được lớn hơn mẫu số.',
    path: ['numerator'],
  })
  .refine((c) => c.denominator > 0 || c.numerator === 0, {
    message: 'Mẫu số bằng 0 thì tử số phải bằng 0.',
    path: ['numerator'],
  });

export const indexRequestSchema = z.object({
  period: periodSchema,
  unitLevel: z.enum(['PROVINCE', 'DEPARTMENT', 'COMMUNE'], {
    message: 'Cấp đơn vị (unitLevel) phải là PROVINCE, DEPARTMENT hoặc COMMUNE.',
  }),
  dossiers: z
    .array(syncDossierRecordSchema, { message: 'Danh sách hồ sơ (dossiers) phải là một mảng.' })
    .max(200_000, 'Tối đa 200.000 hồ sơ mỗi yêu cầu.'),
  /** Numerators and denominators of indicators not derivable from dossiers (catalogue, PAKN, communes). */
  counts: z.partialRecord(z.enum(indicatorCodes, { message: 'Mã chỉ số không hợp lệ.' }), count).optional(),
  reportingSystemReceived: z
    .number({ message: 'Số hồ sơ phải là số.' })
    .int('Số hồ sơ phải là số nguyên.')
    .min(0, 'Số hồ sơ không được âm.')
    .nullish(),
  lastYearReceivedTotal: z
    .number({ message: 'Số hồ sơ phải là số.' })
    .int('Số hồ sơ phải là số nguyên.')
    .min(0, 'Số hồ sơ không được âm.')
    .nullish(),
  publishedScores: z
    .partialRecord(
      z.enum(indicatorCodes, { message: 'Mã chỉ số không hợp lệ.' }),
      z.number().min(0, 'Điểm không được âm.'),
    )
    .optional(),
  /** Dossier codes with a dislike or complaint; when given, every other dossier has none. */
  dislikedDossierCodes: z.array(z.string().min(1).max(100)).optional(),
});
export type IndexRequest = z.output<typeof indexRequestSchema>;
export type IndexRequestInput = z.input<typeof indexRequestSchema>;
