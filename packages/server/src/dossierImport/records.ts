/**
 * One legacy record: the national-portal sync shape (syncDossierRecordSchema, one-stop-dossiers §19) plus the two
 * codes that place it in motcua: MaDonVi (the agency electronic identifier of the receiving unit, §12.2; the §19
 * list names no unit field, so this extension is named in the style of the others) and MaTTHC (the national
 * procedure code, already an extension of the index schema, required here).
 */
import { z } from 'zod';
import { unitCodePattern } from '@motcua/domain';
import { syncDossierRecordSchema, type SyncDossierRecord } from '@motcua/domain/index766/index';

/** Stable codes of a record's errors (docs/dossier-import.md). */
export const recordErrorCodes = [
  'IMPORT_RECORD_INVALID',
  'IMPORT_UNIT_UNKNOWN',
  'IMPORT_PROCEDURE_UNKNOWN',
  'IMPORT_CODE_EXISTS',
  'IMPORT_CODE_ALREADY_IMPORTED',
  'IMPORT_CODE_DUPLICATE_IN_BATCH',
] as const;
export type RecordErrorCode = (typeof recordErrorCodes)[number];

export interface RecordError {
  /** Path inside the record (`NgayTiepNhan`, `TrangThai.0.at`); empty for the record as a whole. */
  field: string;
  code: RecordErrorCode;
  message: string;
}

export const legacyRecordSchema = syncDossierRecordSchema.extend({
  MaDonVi: z
    .string({ message: 'Thiếu mã định danh điện tử của đơn vị tiếp nhận (MaDonVi).' })
    .trim()
    .toUpperCase()
    .regex(unitCodePattern, 'Mã đơn vị (MaDonVi) phải có dạng LLL.CC.BB.AAA, ví dụ 000.00.L7.H26.'),
  MaTTHC: z
    .string({ message: 'Thiếu mã thủ tục hành chính (MaTTHC).' })
    .trim()
    .min(1, 'Thiếu mã thủ tục hành chính (MaTTHC).')
    .max(100, 'Tối đa 100 ký tự.'),
});
export type LegacyRecord = SyncDossierRecord & { MaDonVi: string; MaTTHC: string };

/** Every string of a JSON value in NFC (keys too), so the stored record matches what the API would accept. */
export function deepNfc(value: unknown): unknown {
  if (typeof value === 'string') return value.normalize('NFC');
  if (Array.isArray(value)) return value.map(deepNfc);
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), deepNfc(v)]));
  return value;
}

export type ParsedRecord =
  | { ok: true; raw: Record<string, unknown>; record: LegacyRecord }
  | { ok: false; code: string | null; errors: RecordError[] };

/** The code a broken record still shows in the report, when it has a usable one. */
function codeOf(raw: unknown): string | null {
  const code = (raw as { MaHoSo?: unknown } | null)?.MaHoSo;
  return typeof code === 'string' && code.trim() ? code.trim() : null;
}

/** Schema check of one record (after NFC); `raw` is what is stored. */
export function parseRecord(input: unknown): ParsedRecord {
  const raw = deepNfc(input);
  if (!raw || typeof raw !== 'object' || Array.isArray(raw))
    return {
      ok: false,
      code: null,
      errors: [{ field: '', code: 'IMPORT_RECORD_INVALID', message: 'Mỗi hồ sơ phải là một đối tượng JSON.' }],
    };
  const parsed = legacyRecordSchema.safeParse(raw);
  if (!parsed.success)
    return {
      ok: false,
      code: codeOf(raw),
      errors: parsed.error.issues.map((i) => ({
        field: i.path.map(String).join('.'),
        code: 'IMPORT_RECORD_INVALID' as const,
        message: i.message,
      })),
    };
  return { ok: true, raw: raw as Record<string, unknown>, record: parsed.data as LegacyRecord };
}
